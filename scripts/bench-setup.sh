#!/usr/bin/env bash
# What `make bench` needs besides the Rust toolchain: Datasette from PyPI, pinned
# (tests/benches/public_reads/requirements.txt is the full `pip freeze`), in
# target/bench-venv, to serve the same officeholder rows from a SQLite file; and the
# official map. Each part is redone only when missing or its pins changed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv=$root/target/bench-venv
pins=$root/tests/benches/public_reads/requirements.txt
if ! cmp -s "$pins" "$venv/installed.txt"; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$pins"
    cp "$pins" "$venv/installed.txt"
    "$venv/bin/datasette" --version
fi
