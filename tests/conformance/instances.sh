#!/usr/bin/env bash
# The two-instance drill: two `dantin` processes on one PostgreSQL, haproxy (Debian's) in
# front of them, round robin; instances.py then checks that the sign-in and write limits,
# idempotency keys, the read model, webhook deliveries and the audit chain hold across
# them. `make test` runs it after the fault drills.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
command -v haproxy >/dev/null || fail "no haproxy: run \`make ops-tools\` (make test does)"
SIGN_IN_LIMIT=8
WRITE_LIMIT=100
LIMITS=(--sign-in-rate "$SIGN_IN_LIMIT/min" --write-rate "$WRITE_LIMIT/min"
        --trusted-proxies 127.0.0.1 --webhook-allow-hosts 127.0.0.1)
db=$(fresh_db postgres instances)
log=$WORK/instances.log
: >"$log"

say "two instances on one PostgreSQL, behind haproxy"
start_server "$db" "$log" --demo "${LIMITS[@]}"
A_PID=$SERVER_PID A_URL=$SERVER_URL
start_server "$db" "$log" "${LIMITS[@]}"
B_PID=$SERVER_PID B_URL=$SERVER_URL
lb_port=$(free_port)
cat >"$WORK/haproxy.cfg" <<CFG
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
frontend dantin
    bind 127.0.0.1:$lb_port
    option forwardfor
    default_backend instances
backend instances
    balance roundrobin
    server a ${A_URL#http://}
    server b ${B_URL#http://}
CFG
haproxy -f "$WORK/haproxy.cfg" -db >>"$log" 2>&1 &
LB_PID=$!
stop_all() {
    kill "$LB_PID" "$A_PID" "$B_PID" 2>/dev/null || true
    wait "$LB_PID" "$A_PID" "$B_PID" 2>/dev/null || true
    SERVER_PID=
    cleanup
}
trap stop_all EXIT
wait_healthy "http://127.0.0.1:$lb_port" 10 || fail "haproxy did not come up"
echo "A: $A_URL, B: $B_URL, haproxy: http://127.0.0.1:$lb_port"

"$VENV/bin/python" tests/conformance/instances.py --lb "http://127.0.0.1:$lb_port" \
    --a "$A_URL" --b "$B_URL" --sign-in-limit "$SIGN_IN_LIMIT" --write-limit "$WRITE_LIMIT"
say "the two-instance drill passed"
