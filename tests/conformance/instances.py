"""The two-instance drill, the client side (instances.sh starts two `dantin` processes on
one PostgreSQL and haproxy in front of them). Prints a figure per check; exits 1 at the
first that fails.

  1. the sign-in limit holds across instances: attempts alternate between A and B;
  2. the write limit holds across instances: an account's writes alternate likewise;
  3. an Idempotency-Key sent to A and retried on B replays A's answer;
  4. a read on B right after a write answered by A shows the write, every time;
  5. webhooks: each change reaches the receiver once (verified with `standardwebhooks`),
     whichever instance committed it and whichever delivered it;
  6. writes through both at once leave one audit chain, which verifies.
"""

import argparse
import json
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks import Webhook


def call(method, url, body=None, token=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req) as res:
            return res.status, dict(res.headers), json.loads(res.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), json.loads(e.read() or b"null")


def fail(why):
    print(f"FAILED: {why}")
    sys.exit(1)


def sign_in(url, user, password):
    return call("POST", f"{url}/api/v1/auth/token", {"username": user, "password": password})


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--lb", required=True)
    p.add_argument("--a", required=True)
    p.add_argument("--b", required=True)
    p.add_argument("--sign-in-limit", type=int, required=True)
    p.add_argument("--write-limit", type=int, required=True)
    a = p.parse_args()
    ab = [a.a, a.b]

    # 1. Sign-ins: the admin's and the officer's count too.
    status, _, body = sign_in(a.a, "admin", "demo-admin")
    admin = body["access_token"]
    status, _, body = sign_in(a.b, "officer", "demo-officer")
    officer = body["access_token"]
    answers = [sign_in(ab[i % 2], "admin", "wrong")[0] for i in range(a.sign_in_limit)]
    refused_at = 2 + answers.index(429) + 1 if 429 in answers else None
    if refused_at != a.sign_in_limit + 1:
        fail(f"sign-in attempts alternating over A and B: 429 at attempt {refused_at}, "
             f"expected {a.sign_in_limit + 1} ({answers})")
    print(f"1. sign-in limit {a.sign_in_limit}/min across A and B: attempt {refused_at} refused 429")

    # 2. Writes: a person living nowhere, refused by a rule (422), still takes from the
    # account's bucket.
    nobody = {"full_name": "Không Ai", "gender": "male", "birth_date": "1980-01-01",
              "residence_unit_id": 999999999, "party_status": "none"}
    accepted = 0
    for i in range(3 * a.write_limit):
        status, _, _ = call("POST", f"{ab[i % 2]}/api/v1/persons", nobody, officer)
        if status == 429:
            break
        accepted += 1
    if not a.write_limit <= accepted <= a.write_limit + 3:
        fail(f"{accepted} writes passed over A and B before 429; the limit is {a.write_limit}/min")
    print(f"2. write limit {a.write_limit}/min across A and B: {accepted} passed, then 429")

    # Where the rest writes: a commune of the demo.
    status, _, units = call("GET", f"{a.lb}/api/v1/units?level=commune&q=ba%20che&limit=1")
    commune = units["items"][0]["id"]
    day = units["items"][0]["valid_from"]

    def village(url, n, key=None):
        return call("POST", f"{url}/api/v1/units", {
            "name": f"Thôn Hai Máy {n}", "level": "village", "kind": "thon",
            "parent_id": commune, "valid_from": day}, admin, {"Idempotency-Key": key} if key else None)

    # 3. Idempotency across instances.
    s1, _, first = village(a.a, "K", key="drill-instances-key")
    s2, h2, again = village(a.b, "K", key="drill-instances-key")
    replayed = {k.lower(): v for k, v in h2.items()}.get("idempotent-replayed")
    if not (s1 == s2 == 201 and first == again and replayed == "true"):
        fail(f"the key retried on B: {s2} {replayed} {again} after {s1} {first}")
    print(f"3. Idempotency-Key: created on A (id {first['id']}), replayed on B")

    # 4. No stale read: B's report right after each of A's writes.
    report = f"{a.b}/api/v1/reports/unification?unit={commune}"
    stale = 0
    rounds = 20
    for n in range(rounds):
        before = call("GET", report)[2]["total"]["in_force"]
        call("GET", report)
        s, _, _ = village(a.a, f"R{n}")
        after = call("GET", report)[2]["total"]["in_force"]
        if s != 201 or after != before + 1:
            stale += 1
    if stale:
        fail(f"{stale} of {rounds} reads on B did not show the write just answered by A")
    print(f"4. read model: {rounds} of {rounds} reads on B showed the write A had just answered")

    # 5. Webhooks, delivered once.
    received, lock = [], threading.Lock()
    secret_box = {}

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["content-length"]))
            Webhook(secret_box["secret"]).verify(body, dict(self.headers.items()))
            with lock:
                received.append(self.headers["webhook-id"])
            self.send_response(204)
            self.end_headers()

        def log_message(self, *_):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    s, _, hook = call("POST", f"{a.lb}/api/v1/webhooks",
                      {"url": f"http://127.0.0.1:{server.server_port}/", "unit_id": commune}, admin)
    if s != 201:
        fail(f"subscribing: {s} {hook}")
    secret_box["secret"] = hook["secret"]
    _, _, feed = call("GET", f"{a.lb}/api/v1/changes?unit={commune}&limit=500")
    start = feed["next_after"]
    while feed["items"]:
        _, _, feed = call("GET", f"{a.lb}/api/v1/changes?unit={commune}&limit=500&after={feed['next_after']}")
        start = feed["next_after"]
    writes = 12
    for n in range(writes):
        village(ab[n % 2], f"W{n}")
    deadline = time.time() + 30
    while time.time() < deadline:
        with lock:
            if len(set(received)) >= writes:
                break
        time.sleep(0.2)
    time.sleep(1)
    with lock:
        got = list(received)
    _, _, feed = call("GET", f"{a.lb}/api/v1/changes?unit={commune}&after={start}&limit=500")
    expected = [f"chg_{c['id']}" for c in feed["items"]]
    if got != expected:
        fail(f"webhooks: received {got}, the feed has {expected}")
    print(f"5. webhooks: {len(got)} changes committed on A and B, each delivered once, in order")

    # 6. One audit chain under writes through both at once.
    _, _, v0 = call("GET", f"{a.lb}/api/v1/audit-events/verify", token=admin)
    statuses = []

    def writer(url, n):
        for i in range(10):
            statuses.append(village(url, f"C{n}-{i}")[0])

    threads = [threading.Thread(target=writer, args=(url, n)) for n, url in enumerate(ab * 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    _, _, v1 = call("GET", f"{a.lb}/api/v1/audit-events/verify", token=admin)
    if statuses != [201] * 40 or not v1["valid"] or v1["checked"] != v0["checked"] + 40:
        fail(f"after 40 writes through both instances at once ({sorted(set(statuses))}): {v0} then {v1}")
    print(f"6. audit chain: 40 writes through A and B at once, {v1['checked']} events, one chain, valid")


if __name__ == "__main__":
    main()
