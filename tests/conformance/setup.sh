#!/usr/bin/env bash
# Installs the conformance tools from their registries, pinned: Schemathesis,
# openapi-python-client, the Standard Webhooks verifier (standardwebhooks) and
# cryptography (for verify_log.py) and Selenium (for dashboard.py, which drives Debian's
# Chromium) from PyPI into target/conformance/venv (requirements.txt is the full
# `pip freeze`), Redocly CLI and axe-core from npm into tests/conformance/node_modules.
# `make test` runs it every time: each part is redone only when missing or its pins changed;
# it is silent otherwise.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
here=$ROOT/tests/conformance
installed=
if ! cmp -s "$here/requirements.txt" "$VENV/installed.txt"; then
    installed=yes
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
    cp "$here/requirements.txt" "$VENV/installed.txt"
fi
if ! cmp -s "$here/package-lock.json" "$here/node_modules/installed-lock.json"; then
    installed=yes
    (cd "$here" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
    cp "$here/package-lock.json" "$here/node_modules/installed-lock.json"
fi
# What was installed, and that it runs.
[ -z "$installed" ] || {
    "$VENV/bin/schemathesis" --version
    "$VENV/bin/openapi-python-client" --version
    (cd "$here" && npx --no-install redocly --version)
}
