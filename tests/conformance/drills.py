"""The fault drills' client side, run by faults.sh against a real `dantin` server.

`national BODY`: writes a national map import body (63 provinces of 11 districts of 15
communes of 10 villages: 115,101 units), the same shape `make bench` imports.

`import-state URL`: prints, as JSON, what the kill drill compares before and after: how
many units the map holds, whether any unit of the national import exists, how many
audit events there are and whether their hash chain verifies.

`outage URL --down CMD --up CMD`: keeps reads (2 threads) and writes (2 threads) going
while it runs CMD_DOWN (stop PostgreSQL), waits 8 s, runs CMD_UP, and then checks that every answer
during the outage was a 503 problem+json or a success, that the service answered again
within 60 s without being restarted, and that a write refused during the outage left
nothing behind.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import quote

PROVINCES, DISTRICTS, COMMUNES, VILLAGES = 63, 11, 15, 10
# The first province's code: present after the import, absent if nothing of it stayed.
PROBE_CODE = "N0"


def national(args: argparse.Namespace) -> int:
    units = []
    for p in range(PROVINCES):
        pc = f"N{p}"
        units.append({"code": pc, "name": f"Tỉnh Diễn Tập {p}", "level": "province", "kind": "tinh"})
        for d in range(DISTRICTS):
            dc = f"{pc}-{d}"
            units.append({"code": dc, "name": f"Huyện Diễn Tập {p} {d}", "level": "district",
                          "kind": "huyen", "parent_code": pc})
            for c in range(COMMUNES):
                cc = f"{dc}-{c}"
                units.append({"code": cc, "name": f"Xã Diễn Tập {p} {d} {c}", "level": "commune",
                              "kind": "xa", "parent_code": dc})
                units.extend({"code": f"{cc}-{v}", "name": f"Thôn Diễn Tập {v} {c} {d} {p}",
                              "level": "village", "kind": "thon", "parent_code": cc}
                             for v in range(VILLAGES))
    Path(args.body).write_text(json.dumps({"valid_from": "2020-01-01", "units": units}))
    print(f"{len(units)} units in {args.body}")
    return 0


def call(method: str, url: str, token: str | None = None, body: dict | None = None,
         timeout: float = 30) -> tuple[int, str, bytes]:
    """Status, content type and body; a connection failure is status 0."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()
    except (urllib.error.URLError, OSError) as e:
        return 0, type(e).__name__, b""


def sign_in(base: str) -> str:
    status, _, body = call("POST", f"{base}/api/v1/auth/token", None,
                           {"username": "admin", "password": "demo-admin"})
    if status != 200:
        raise SystemExit(f"cannot sign in: {status} {body[:200]!r}")
    return json.loads(body)["access_token"]


def count_units(base: str) -> int:
    total, cursor = 0, ""
    while True:
        status, _, body = call("GET", f"{base}/api/v1/units?limit=500{cursor}")
        if status != 200:
            raise SystemExit(f"listing units: {status}")
        page = json.loads(body)
        total += len(page["items"])
        if "next_cursor" not in page:
            return total
        cursor = f"&cursor={page['next_cursor']}"


def import_state(args: argparse.Namespace) -> int:
    base = args.url
    token = sign_in(base)
    status, _, body = call("GET", f"{base}/api/v1/units?q=Tinh%20Dien%20Tap&limit=500")
    probe = [u for u in json.loads(body)["items"] if u.get("code") == PROBE_CODE] if status == 200 else None
    _, _, verify = call("GET", f"{base}/api/v1/audit-events/verify", token)
    events, cursor = 0, ""
    while True:
        _, _, page = call("GET", f"{base}/api/v1/audit-events?limit=500{cursor}", token)
        page = json.loads(page)
        events += len(page["items"])
        if "next_cursor" not in page:
            break
        cursor = f"&cursor={page['next_cursor']}"
    print(json.dumps({
        "units": count_units(base),
        "national_import_present": bool(probe),
        "audit_events": events,
        "audit_chain": json.loads(verify),
    }, sort_keys=True))
    return 0


def outage(args: argparse.Namespace) -> int:
    base = args.url
    token = sign_in(base)
    stop = threading.Event()
    phase = {"now": "before"}
    seen: dict[str, Counter] = {"before": Counter(), "down": Counter(), "after": Counter()}
    bad: list[str] = []
    refused_writes: list[str] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        writer = n % 2 == 0
        i = 0
        while not stop.is_set():
            i += 1
            name = f"Diễn Tập Mất Điện {n}-{i}"
            if writer:
                status, ctype, body = call("POST", f"{base}/api/v1/units", token, {
                    "name": name, "level": "province", "kind": "tinh", "valid_from": "2020-01-01"})
            else:
                status, ctype, body = call("GET", f"{base}/api/v1/units?level=province&limit=5")
            with lock:
                current = phase["now"]
                seen[current][status] += 1
                if writer and status == 503:
                    refused_writes.append(name)
                ok = 200 <= status < 300 or (status == 503 and ctype.startswith("application/problem+json"))
                if not ok:
                    bad.append(f"{current}: {status} {ctype} {body[:160]!r}")
            time.sleep(0.02)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    recovered = None
    # Stop the workers whatever happens: if a command fails, they would keep the drill
    # (and so `make test`) running forever.
    try:
        time.sleep(2)
        phase["now"] = "down"
        subprocess.run(args.down, shell=True, check=True)
        time.sleep(8)
        subprocess.run(args.up, shell=True, check=True)
        started = time.monotonic()
        while time.monotonic() - started < 60:
            status, _, _ = call("GET", f"{base}/api/v1/units?level=province&limit=1")
            if status == 200:
                recovered = time.monotonic() - started
                break
            time.sleep(0.2)
        phase["now"] = "after"
        time.sleep(2)
    finally:
        stop.set()
        for t in threads:
            t.join()

    for when in ("before", "down", "after"):
        print(f"{when:>6}: " + ", ".join(f"{n} x {s or 'no answer'}" for s, n in sorted(seen[when].items())))
    failures = list(bad[:10])
    if not seen["down"][503]:
        failures.append("no 503 while PostgreSQL was down: the outage was not seen")
    if recovered is None:
        failures.append("the service did not answer 200 within 60 s of PostgreSQL's start")
    else:
        print(f"answered 200 again {recovered:.1f} s after PostgreSQL started, without a restart")
    if not seen["after"][200]:
        failures.append("no successful answer after recovery")
    leftovers = []
    for name in refused_writes:
        status, _, body = call("GET", f"{base}/api/v1/units?level=province&q={quote(name)}")
        if status == 200 and any(u["name"] == name for u in json.loads(body)["items"]):
            leftovers.append(name)
    print(f"{len(refused_writes)} writes refused with 503; {len(leftovers)} of them stored anyway")
    if not refused_writes:
        failures.append("no write was refused during the outage: the drill saw no outage")
    if leftovers:
        failures.append(f"writes answered 503 were stored: {leftovers[:5]}")
    for f in failures:
        print(f"FAILED: {f}", file=sys.stderr)
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    n = commands.add_parser("national")
    n.add_argument("body")
    s = commands.add_parser("import-state")
    s.add_argument("url")
    o = commands.add_parser("outage")
    o.add_argument("url")
    o.add_argument("--down", required=True)
    o.add_argument("--up", required=True)
    args = parser.parse_args()
    return {"national": national, "import-state": import_state, "outage": outage}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
