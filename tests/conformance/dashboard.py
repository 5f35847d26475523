"""The dashboard in a real browser: Debian's Chromium, headless, driven by Selenium (PyPI),
with axe-core (npm) injected to audit each state for accessibility. Nothing is
downloaded: the browser and its driver are the system's, Selenium is told where.

Usage: dashboard.py BASE_URL OUT_DIR

Walks the demo on the real country as a person would (choose the term, read Quảng Ninh,
drill down to xã Nam Sơn, change the day, switch the map), checks what each state shows,
that the console stays clean, that no request leaves the service, and that axe-core
finds nothing serious or critical. Writes a screenshot of each state, and the page
weights, under OUT_DIR. Exits non-zero, saying why, on the first failure.
"""

import json
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE, OUT = sys.argv[1].rstrip("/"), Path(sys.argv[2])
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
HOST = urlsplit(BASE).netloc


def browser():
    os.environ["SE_OFFLINE"] = "true"  # never let Selenium Manager fetch a driver
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1400",
                "--disable-background-networking", "--no-first-run"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def fail(why):
    print(f"FAIL: {why}", file=sys.stderr)
    sys.exit(1)


def check(ok, why):
    if not ok:
        fail(why)


class Walk:
    def __init__(self, driver):
        self.d = driver
        self.weights = {}

    def state(self, name):
        """The page as it stands: screenshot, console, requests, axe-core, weight."""
        self.d.save_screenshot(str(OUT / f"{name}.png"))
        errors = [e for e in self.d.get_log("browser") if e["level"] == "SEVERE"]
        check(not errors, f"{name}: console errors {errors}")
        for entry in self.d.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                url = message["params"]["request"]["url"]
                check(url.startswith("data:") or urlsplit(url).netloc == HOST,
                      f"{name}: a request left the service: {url}")
        self.d.execute_script(AXE.read_text())
        result = self.d.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document).then(r => done(r.violations), e => done([{id: String(e), impact: 'critical'}]));")
        bad = [(v["id"], v["impact"], [n["target"] for n in v.get("nodes", [])][:3])
               for v in result if v["impact"] in ("serious", "critical")]
        check(not bad, f"{name}: axe-core found {bad}")
        timing = self.d.execute_script(
            "const n = performance.getEntriesByType('navigation')[0];"
            "return {bytes: n.transferSize, body: n.decodedBodySize,"
            " ms: n.responseEnd - n.requestStart, loaded: n.loadEventEnd - n.startTime};")
        self.weights[name] = timing
        print(f"{name}: {timing['bytes']} bytes transferred ({timing['body']} decoded), "
              f"response {timing['ms']:.0f} ms, loaded {timing['loaded']:.0f} ms, axe-core clean")

    def go(self, path):
        self.d.get(BASE + path)

    def navigate(self, element, keys=None):
        """Clicks `element` (or types `keys` into it) and waits for the page it leads to."""
        old = self.d.find_element(By.TAG_NAME, "html")
        if keys is None:
            element.click()
        else:
            element.send_keys(keys)
        WebDriverWait(self.d, 30).until(expected_conditions.staleness_of(old))
        WebDriverWait(self.d, 30).until(
            lambda d: d.execute_script("return document.readyState") == "complete")

    def submit(self):
        self.navigate(self.d.find_element(By.CSS_SELECTOR, "form.controls button[type=submit]"))

    def follow(self, text):
        self.navigate(self.d.find_element(By.LINK_TEXT, text))

    def row(self, name):
        """The figures table's row of a unit, as text."""
        for tr in self.d.find_elements(By.CSS_SELECTOR, "table.figures tbody tr"):
            if tr.find_element(By.TAG_NAME, "th").text.strip() == name:
                return tr.text
        fail(f"no row {name!r} in {self.d.current_url}")

    def tiles(self):
        return len(self.d.find_elements(By.CSS_SELECTOR, "svg.tiles a"))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    d = browser()
    walk = Walk(d)
    try:
        # The country today: the 34 provinces of the 2025 reform, in Vietnamese.
        walk.go("/")
        check(d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "vi", "not in Vietnamese")
        check(walk.tiles() == 34, f"today's map has {walk.tiles()} tiles, not 34")
        walk.state("1-country-today")

        # The term 2020-2022, chosen in the form: Quảng Ninh reads 100%.
        Select(d.find_element(By.NAME, "term")).select_by_visible_text("2020-2022 · Tỉnh Quảng Ninh")
        walk.submit()
        quang_ninh = walk.row("Tỉnh Quảng Ninh")
        check("100,0%" in quang_ninh, f"Quảng Ninh for 2020-2022 reads {quang_ninh!r}")
        check(walk.tiles() == 63, f"the map of 2022 has {walk.tiles()} tiles, not 63")
        walk.state("2-term-2020-2022")

        # Drill down by the links: province, district, commune; the commune lists its heads.
        for name in ("Tỉnh Quảng Ninh", "Huyện Ba Chẽ", "Xã Nam Sơn"):
            walk.follow(name)
        check("Xã Nam Sơn" in d.find_element(By.TAG_NAME, "h2").text, "not on xã Nam Sơn")
        holders = d.find_element(By.CSS_SELECTOR, "section[aria-labelledby=officeholders]").text
        for village, head in (("Thôn Khe Tâm", "Lý Mạnh Thường"),):
            check(village in holders and head in holders, f"{head} of {village} not listed: {holders!r}")
        heads = holders.count("Trưởng thôn")
        check(heads >= 3, f"{heads} village heads listed under xã Nam Sơn")
        check(d.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=campaign] svg"), "no campaign chart")
        walk.state("3-xa-nam-son")

        # Before the 2020 elections the same commune reads otherwise.
        before = d.find_element(By.TAG_NAME, "h2").text
        Select(d.find_element(By.NAME, "term")).select_by_index(0)
        d.execute_script("document.querySelector('input[name=on]').value = '2019-12-01'")
        walk.submit()
        after = d.find_element(By.TAG_NAME, "h2").text
        check(before != after, f"the figures did not change with the day: {after!r}")
        walk.state("4-before-the-2020-elections")

        # Back to the country, today, on the map before the reform: 63 provinces.
        walk.follow("Cả nước")
        d.execute_script("document.querySelector('input[name=on]').value = ''")  # the day cleared
        Select(d.find_element(By.NAME, "map")).select_by_value("2025-06-30")
        walk.submit()
        check(walk.tiles() == 63, f"the map before the reform has {walk.tiles()} tiles, not 63")
        walk.state("5-map-before-the-reform")

        # In English, by the switch, the same view.
        walk.follow("English")
        check(d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", "not in English")
        check(walk.tiles() == 63, "the language switch lost the map")
        walk.state("6-english")

        # Keyboard: a tile takes the focus, and Enter on it drills down.
        tile = d.find_element(By.CSS_SELECTOR, "svg.tiles a")
        d.execute_script("arguments[0].focus()", tile)
        check(d.switch_to.active_element == tile, "a tile cannot take the focus")
        walk.navigate(d.switch_to.active_element, keys="\n")
        check("unit=" in d.current_url, f"Enter on a tile went to {d.current_url}")
    finally:
        d.quit()
    (OUT / "weights.json").write_text(json.dumps(walk.weights, indent=2))
    first = walk.weights["1-country-today"]
    print(f"first view: {first['bytes']} bytes, loaded in {first['loaded']:.0f} ms")
    check(first["bytes"] < 300_000, "the first view is over 300 KB")


if __name__ == "__main__":
    started = time.monotonic()
    main()
    print(f"dashboard walk passed in {time.monotonic() - started:.1f} s; screenshots in {OUT}")
