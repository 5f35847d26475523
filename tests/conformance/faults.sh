#!/usr/bin/env bash
# Fault drills against a real `dantin` server (drills.py is the client side):
#   1. kill -9 in the middle of a national import (115,101 units) sent with an
#      Idempotency-Key, on each backend: after a restart the map and the audit trail are
#      exactly as before, the chain verifies, and the retry with the same key goes through
#      (nothing partial is in its way, and the key was not left taken); a second retry
#      gets the same answer back, replayed, and creates nothing;
#   2. PostgreSQL stopped and started under reads and writes: 503 problem+json while it is
#      down, answers again without restarting the service, no write answered 503 stored.
# Drill 2 stops and starts the server at DANTIN_TEST_PG_URL with the shell commands in
# DANTIN_TEST_PG_STOP and DANTIN_TEST_PG_START (scripts/with-test-postgres.sh sets them for
# its throwaway cluster). Without them it only knows how to stop the machine's own
# cluster, at 127.0.0.1:5432 (pg_ctlcluster); run it then when nothing else uses that one.
# The server is started again even if the drill fails.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
PY=$VENV/bin/python
BODY=$WORK/national.json
[ -s "$BODY" ] || "$PY" tests/conformance/drills.py national "$BODY"

# Sends the national import with one Idempotency-Key; prints the status, keeps the answer
# and its headers.
import_national() {
    curl -s -o "$WORK/import-answer.json" -D "$WORK/import-headers.txt" -w '%{http_code}' \
        -X POST "$SERVER_URL/api/v1/units/import" -H "Authorization: Bearer $1" \
        -H 'Content-Type: application/json' -H 'Idempotency-Key: national-import-drill' \
        -H 'Expect:' --data-binary "@$BODY" || true
}

for backend in ${FAULT_BACKENDS-sqlite postgres}; do
    say "$backend: kill -9 during a national import"
    log=$WORK/faults-$backend.log
    : >"$log"
    db=$(fresh_db "$backend" faults)
    start_server "$db" "$log" --demo
    before=$("$PY" tests/conformance/drills.py import-state "$SERVER_URL")
    echo "before: $before"
    token=$(token_for admin)
    import_national "$token" >"$WORK/import-status" &
    importer=$!
    # Wait until the server is inside the import's transaction, then kill it there.
    sleep "${KILL_AFTER_SECONDS:-2}"
    kill -9 "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
    wait "$importer"
    status=$(cat "$WORK/import-status")
    [ "$status" = 000 ] || fail "the import answered $status before the kill: nothing was interrupted (raise its size)"
    echo "the import was cut off (no answer); restarting on the same database"
    SERVER_PID=
    start_server "$db" "$log"
    after=$("$PY" tests/conformance/drills.py import-state "$SERVER_URL")
    echo "after:  $after"
    [ "$before" = "$after" ] || fail "the killed import left something behind"
    token=$(token_for admin)
    status=$(import_national "$token")
    created=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("created"))' "$WORK/import-answer.json")
    [ "$status" = 201 ] && [ "$created" = 115101 ] || fail "the keyed retry after the restart answered $status: $(head -c 400 "$WORK/import-answer.json")"
    grep -qi '^idempotent-replayed' "$WORK/import-headers.txt" && fail "the retry was a replay of an import that never committed"
    echo "the keyed retry then went through: $created units created"
    first_answer=$(cat "$WORK/import-answer.json")
    state=$("$PY" tests/conformance/drills.py import-state "$SERVER_URL")
    status=$(import_national "$token")
    [ "$status" = 201 ] && grep -qi '^idempotent-replayed: true' "$WORK/import-headers.txt" \
        && [ "$(cat "$WORK/import-answer.json")" = "$first_answer" ] \
        || fail "the second retry answered $status without replaying the first answer"
    [ "$("$PY" tests/conformance/drills.py import-state "$SERVER_URL")" = "$state" ] || fail "the replay wrote"
    echo "a second retry replayed that answer and created nothing"
    stop_server
    drop_db "$db"
    SERVER_DB=
done

say "postgres: PostgreSQL stopped and started under load"
pg_down=${DANTIN_TEST_PG_STOP:-}
pg_up=${DANTIN_TEST_PG_START:-}
if [ -n "$pg_down" ] && [ -n "$pg_up" ]; then
    echo "stopping and starting it with DANTIN_TEST_PG_STOP and DANTIN_TEST_PG_START"
else
    # The machine's own cluster, when that is the one the tests use: the one on port 5432.
    cluster=
    case $PG_BASE in
        postgres://postgres@127.0.0.1:5432 | postgres://postgres@localhost:5432)
            cluster=$(pg_lsclusters -h 2>/dev/null | awk '$3 == 5432 { print $1, $2; exit }') ;;
    esac
    [ -n "$cluster" ] || fail "set DANTIN_TEST_PG_STOP and DANTIN_TEST_PG_START: how to stop and start the PostgreSQL at DANTIN_TEST_PG_URL"
    echo "stopping and starting the machine's PostgreSQL cluster $cluster"
    pg_down="pg_ctlcluster --skip-systemctl-redirect $cluster stop -m fast"
    pg_up="pg_ctlcluster --skip-systemctl-redirect $cluster start"
fi
restart_postgres_on_exit() { sh -c "$pg_up" >/dev/null 2>&1 || true; cleanup; }
trap restart_postgres_on_exit EXIT
log=$WORK/faults-outage.log
: >"$log"
start_server "$(fresh_db postgres outage)" "$log" --demo
"$PY" tests/conformance/drills.py outage "$SERVER_URL" --down "$pg_down" --up "$pg_up"
pg_isready -q -t 30 -d "$PG_BASE/postgres" || fail "PostgreSQL did not come back"

say "fault drills passed"
