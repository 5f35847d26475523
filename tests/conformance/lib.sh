# Shared by run.sh and faults.sh: where things live, and starting and stopping a real
# `dantin` server on a fresh database of either backend. Source it; do not run it.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$ROOT/target/conformance
VENV=$WORK/venv
BIN=$ROOT/target/debug/dantin
PG_BASE=${DANTIN_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432}
mkdir -p "$WORK"

SERVER_PID=
SERVER_DB=
SERVER_URL=
SERVER_LOG=

say() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A fresh database URL for `backend` (sqlite|postgres), named after `label`.
fresh_db() {
    local backend=$1 label=$2
    case $backend in
        sqlite)
            rm -f "$WORK/$label.db" "$WORK/$label.db-"*
            echo "sqlite://$WORK/$label.db" ;;
        postgres)
            local name="dantin_c_${label}_$$"
            PGOPTIONS="-c client_min_messages=warning" psql -q "$PG_BASE/postgres" \
                -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
            echo "$PG_BASE/$name" ;;
        *) fail "unknown backend $backend" ;;
    esac
}

drop_db() {
    case $1 in
        postgres://*) psql -q "$PG_BASE/postgres" -c "DROP DATABASE IF EXISTS ${1##*/} WITH (FORCE)" >/dev/null ;;
        sqlite://*) rm -f "${1#sqlite://}" "${1#sqlite://}"-* ;;
    esac
}

# Starts `dantin serve` (extra args, e.g. --demo) on `db_url`, logging to `log`, and waits
# until /health answers. Rate limits are raised so the tools test the logic, not the
# limiter (which the Rust tests cover); the change feed waits a second at most, so that
# Schemathesis's `wait=` cases do not take half a minute each.
start_server() {
    local db_url=$1 log=$2; shift 2
    local port
    port=$(free_port)
    SERVER_DB=$db_url
    SERVER_URL="http://127.0.0.1:$port"
    SERVER_LOG=$log
    DANTIN_DATABASE_URL=$db_url DANTIN_BIND="127.0.0.1:$port" DANTIN_JWT_SECRET=conformance DANTIN_AUDIT_KEY=Y29uZm9ybWFuY2UtY29uZm9ybWFuY2UtY29uZm9ybWE= \
        DANTIN_SIGN_IN_RATE=100000/min DANTIN_WRITE_RATE=100000/min DANTIN_WORKERS=2 \
        DANTIN_CHANGES_MAX_WAIT=1 \
        RUST_LOG=${RUST_LOG:-info} "$BIN" serve "$@" >>"$log" 2>&1 &
    SERVER_PID=$!
    wait_healthy "$SERVER_URL" 60 || { tail -20 "$log" >&2; fail "the server did not come up"; }
}

# Waits up to `seconds` for /health to answer 200.
wait_healthy() {
    local url=$1 seconds=$2
    for _ in $(seq $((seconds * 10))); do
        curl -sf -o /dev/null "$url/health" && return 0
        sleep 0.1
    done
    return 1
}

stop_server() {
    [ -n "$SERVER_PID" ] || return 0
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
}

# A bearer token for `user` (whose demo password is demo-<user>).
token_for() {
    curl -sf -X POST "$SERVER_URL/api/v1/auth/token" -H 'Content-Type: application/json' \
        -d "{\"username\":\"$1\",\"password\":\"demo-$1\"}" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}

cleanup() {
    stop_server
    [ -z "$SERVER_DB" ] || drop_db "$SERVER_DB"
}
trap cleanup EXIT
