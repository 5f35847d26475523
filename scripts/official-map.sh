#!/usr/bin/env bash
# The official map, as `dantin map load` reads it: the statistics office's units and codes
# (63 provinces, 696 districts and 10,051 communes in force until 30/6/2025; 34 provinces
# and 3,321 communes from 1/7/2025, with the official conversion table), as the
# `vietnam-provinces` package on PyPI carries them. The package is GPL-3.0-or-later: it is
# fetched here, at set-up, into target/official-map/, and never committed. Quick when done.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/official-map
version=2026.9.0
if [ -s "$out/reform-2025-07-01.json" ] && [ -s "$out/map-2025-06-30.json" ] \
    && [ "$(cat "$out/version" 2>/dev/null)" = "$version" ]; then
    exit 0
fi
rm -rf "$out"
mkdir -p "$out/wheel"
# The package asks for Python 3.12 to install; its data reads on any Python 3, so the
# wheel is only downloaded and unpacked, never installed.
python3 -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
    --python-version 3.12 -d "$out/wheel" "vietnam-provinces==$version"
python3 - "$out" <<'PY'
import glob, sys, zipfile
out = sys.argv[1]
zipfile.ZipFile(glob.glob(f"{out}/wheel/*.whl")[0]).extractall(f"{out}/package")
PY
python3 scripts/official_map.py "$out/package" "$out"
echo "$version" > "$out/version"
