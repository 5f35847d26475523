"""Verifies dantin's audit log from outside, as a Certificate Transparency monitor does
(RFC 9162), with nothing but hashlib and the `cryptography` package: no code of dantin's.

  verify_log.py checkpoint  --base-url U --public-key K [--save FILE]
      fetches the checkpoint and checks its Ed25519 signature against the pinned key.
  verify_log.py consistency --base-url U --public-key K --saved FILE
      checks that the log now extends a checkpoint saved earlier (consistency proof).
  verify_log.py events      --base-url U --public-key K --token T
      reads every event (an auditor's or admin's token), checks that each names the hash
      of the one before, rebuilds the Merkle tree from their hashes and checks its root
      against the signed checkpoint (the service builds the tree from each event's hash
      computed again from its content, so a rewritten event shows as a root that differs),
      and every event's inclusion proof.

Exits 0 when everything holds, 1 with the first thing that does not.
"""

import argparse
import base64
import hashlib
import json
import sys
import urllib.request

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

GENESIS = "0" * 64


def get(url, token=None):
    req = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    with urllib.request.urlopen(req) as res:
        return json.load(res)


def fail(why):
    print(f"FAILED: {why}")
    sys.exit(1)


def leaf_hash(data):
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def mth(leaves):
    """RFC 9162, 2.1.1."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return node_hash(mth(leaves[:k]), mth(leaves[k:]))


def verify_inclusion(index, size, leaf, path, root):
    """RFC 9162, 2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(first, second, first_root, second_root, proof):
    """RFC 9162, 2.1.4.2."""
    if first == second:
        return not proof and first_root == second_root
    if first == 0 or first > second:
        return False
    path = list(proof)
    if first & (first - 1) == 0:
        path.insert(0, first_root)
    if not path:
        return False
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == first_root and sr == second_root and sn == 0


def checkpoint(base, public_key):
    cp = get(f"{base}/api/v1/audit/checkpoint")
    note = f"{cp['origin']}\n{cp['tree_size']}\n{cp['root_hash']}\n{cp['timestamp']}\n"
    key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key))
    try:
        key.verify(base64.b64decode(cp["signature"]), note.encode())
    except InvalidSignature:
        fail(f"the checkpoint's signature does not verify with the pinned key: {cp}")
    return cp


def events(base, token):
    out, query = [], "limit=500"
    while True:
        page = get(f"{base}/api/v1/audit-events?{query}", token)
        out.extend(page["items"])
        if "next_cursor" not in page:
            return out
        query = f"limit=500&cursor={page['next_cursor']}"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["checkpoint", "consistency", "events"])
    p.add_argument("--base-url", required=True)
    p.add_argument("--public-key", required=True)
    p.add_argument("--save")
    p.add_argument("--saved")
    p.add_argument("--token")
    a = p.parse_args()
    base = a.base_url.rstrip("/")
    cp = checkpoint(base, a.public_key)
    root = base64.b64decode(cp["root_hash"])
    size = cp["tree_size"]

    if a.mode == "checkpoint":
        if a.save:
            with open(a.save, "w") as f:
                json.dump(cp, f)
        print(f"checkpoint verified: {size} events, root {cp['root_hash']}")

    elif a.mode == "consistency":
        with open(a.saved) as f:
            old = json.load(f)
        proof = get(f"{base}/api/v1/audit/proofs/consistency?first={old['tree_size']}&second={size}")
        ok = verify_consistency(
            old["tree_size"], size, base64.b64decode(old["root_hash"]), root,
            [base64.b64decode(h) for h in proof["proof"]],
        )
        if not ok:
            fail(f"the log of {size} events does not extend the saved checkpoint of {old['tree_size']}")
        print(f"consistent: the log of {size} events extends the saved one of {old['tree_size']}")

    else:
        evs = events(base, a.token)[:size]
        if len(evs) != size:
            fail(f"the checkpoint counts {size} events, the trail lists {len(evs)}")
        prev, leaves = GENESIS, []
        for e in evs:
            if e["prev_hash"] != prev:
                fail(f"event {e['id']} does not follow the event before it")
            leaves.append(leaf_hash(bytes.fromhex(e["hash"])))
            prev = e["hash"]
        if mth(leaves) != root:
            fail("the events' hashes do not make the signed root")
        for i, e in enumerate(evs):
            proof = get(f"{base}/api/v1/audit/proofs/inclusion?event={e['id']}&tree_size={size}")
            path = [base64.b64decode(h) for h in proof["path"]]
            if not verify_inclusion(i, size, leaves[i], path, root):
                fail(f"event {e['id']}'s inclusion proof fails")
        print(f"all {size} events hash, chain, make the signed root and prove their inclusion")


if __name__ == "__main__":
    main()
