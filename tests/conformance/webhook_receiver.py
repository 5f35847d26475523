"""A webhook receiver for the drills: verifies every delivery with the `standardwebhooks`
package from PyPI (the specification's own library, written by nobody here) and writes
one JSON line per delivery to --out: the `webhook-id`, the change's type, entity and id,
and whether that `webhook-id` was seen before (the receiver keeps a delivery once, by its
id). A delivery whose signature does not verify is answered 401 and written as `bad`.

--busy N answers the first N deliveries 503 with `Retry-After: 1`; --gone answers every
delivery 410 Gone.
"""

import argparse
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks import Webhook, WebhookVerificationError


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--secret", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--busy", type=int, default=0)
    p.add_argument("--gone", action="store_true")
    args = p.parse_args()
    verifier = Webhook(args.secret)
    lock = threading.Lock()
    seen = set()
    busy = [args.busy]

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            with lock:
                if args.gone:
                    return self.answer(410)
                if busy[0] > 0:
                    busy[0] -= 1
                    return self.answer(503, {"Retry-After": "1"})
                try:
                    payload = verifier.verify(body, dict(self.headers.items()))
                except WebhookVerificationError as e:
                    self.write({"bad": str(e)})
                    return self.answer(401)
                hook_id = self.headers["webhook-id"]
                change = payload["data"]
                self.write({
                    "id": hook_id,
                    "type": payload["type"],
                    "entity": [change["entity"]["type"], change["entity"]["id"]],
                    "change": change["id"],
                    "repeat": hook_id in seen,
                })
                seen.add(hook_id)
                self.answer(204)

        def write(self, line):
            with open(args.out, "a", encoding="utf-8") as f:
                f.write(json.dumps(line) + "\n")

        def answer(self, status, headers=None):
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *_):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print("listening", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
