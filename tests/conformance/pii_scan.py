"""Personal data must never leave through a public response or a log line.

`snapshot` reads, as admin, every person the server holds and keeps their private values
(date of birth, ID number, ethnicity, address): the needles. `scan` then looks for each
needle in the bodies of a HAR file (Schemathesis's record of every anonymous response)
and in a server log, and fails on any hit, naming where it was found (not the value).

Run by run.sh after the core flow and the fuzzing; the needles are taken before the fuzzer
adds persons of its own, whose random values could match anything.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.request
from pathlib import Path

PRIVATE_FIELDS = ("birth_date", "id_number", "ethnicity", "address")
# Shorter values (an ethnicity such as "Dao") could occur by chance in any text.
MIN_NEEDLE_LENGTH = 4


def fetch_persons(base_url: str, token: str) -> list[dict]:
    persons: list[dict] = []
    cursor = None
    while True:
        url = f"{base_url}/api/v1/persons?limit=500" + (f"&cursor={cursor}" if cursor else "")
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(request) as response:
            page = json.load(response)
        persons.extend(page["items"])
        cursor = page.get("next_cursor")
        if not cursor:
            return persons


def snapshot(args: argparse.Namespace) -> int:
    persons = fetch_persons(args.base_url, args.token)
    needles = sorted(
        {
            str(person[field])
            for person in persons
            for field in PRIVATE_FIELDS
            if person.get(field) is not None and len(str(person[field])) >= MIN_NEEDLE_LENGTH
        }
    )
    if not needles:
        print("no personal data to look for: the snapshot found no persons", file=sys.stderr)
        return 1
    Path(args.out).write_text(json.dumps(needles, ensure_ascii=False))
    print(f"{len(needles)} private values of {len(persons)} persons to look for")
    return 0


def har_bodies(path: Path) -> list[tuple[str, str]]:
    entries = json.loads(path.read_text())["log"]["entries"]
    return [
        (f"{e['request']['method']} {e['request']['url']} -> {e['response']['status']}",
         e["response"].get("content", {}).get("text") or "")
        for e in entries
    ]


def scan(args: argparse.Namespace) -> int:
    needles: list[str] = json.loads(Path(args.needles).read_text())
    places: list[tuple[str, str]] = []
    for har in args.har:
        places.extend(har_bodies(Path(har)))
    for log in args.log:
        lines = Path(log).read_text(errors="replace").splitlines()
        places.extend((f"{log}:{n}", line) for n, line in enumerate(lines, 1))
    hits = [(where, i) for where, text in places for i, needle in enumerate(needles) if needle in text]
    for where, i in hits[:20]:
        print(f"personal value #{i} found in {where}", file=sys.stderr)
    print(f"scanned {len(places)} responses and log lines for {len(needles)} private values: {len(hits)} found")
    return 1 if hits else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    snap = commands.add_parser("snapshot")
    snap.add_argument("--base-url", required=True)
    snap.add_argument("--token", required=True)
    snap.add_argument("--out", required=True)
    sc = commands.add_parser("scan")
    sc.add_argument("--needles", required=True)
    sc.add_argument("--har", action="append", default=[])
    sc.add_argument("--log", action="append", default=[])
    args = parser.parse_args()
    return snapshot(args) if args.command == "snapshot" else scan(args)


if __name__ == "__main__":
    sys.exit(main())
