#!/usr/bin/env bash
# Runs its command with DANTIN_TEST_PG_URL naming a PostgreSQL the tests can use, so that
# `make test` does not depend on the machine's PostgreSQL service:
#   - DANTIN_TEST_PG_URL set by the caller: that server, as is (checked reachable);
#   - else, PostgreSQL's server binaries installed: a throwaway cluster of its own (initdb
#     in a temporary folder, trust auth, a free port on 127.0.0.1), stopped and deleted
#     when the command ends, fails or is interrupted;
#   - else the machine's server at 127.0.0.1:5432 if it answers; else it fails: the
#     PostgreSQL tests must run, never be skipped.
# It also exports DANTIN_TEST_PG_STOP and DANTIN_TEST_PG_START (shell commands) for the
# fault drill that stops and starts the server; a caller giving its own URL may set them.
# Nested calls reuse the outer one's server (the URL is then set).
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARG...]" >&2; exit 2; }

# A URL's password, if any, is never printed.
shown() { sed -E 's#(//[^:/@]*):[^@/]*@#\1:***@#' <<<"$1"; }

# Each test creates its database through the `postgres` database; psql checks the login
# too, not only that something listens.
reachable() { PGCONNECT_TIMEOUT=5 psql -qAtX "$1/postgres" -c 'select 1' >/dev/null 2>&1; }

if [ -n "${DANTIN_TEST_PG_URL:-}" ]; then
    url=${DANTIN_TEST_PG_URL%/}
    reachable "$url" || {
        echo "PostgreSQL at $(shown "$url") (DANTIN_TEST_PG_URL) is not reachable:" >&2
        PGCONNECT_TIMEOUT=5 psql -qAtX "$url/postgres" -c 'select 1' 2>&1 >/dev/null | sed 's/^/  /' >&2 || true
        exit 1
    }
    echo "tests use PostgreSQL at $(shown "$url") (DANTIN_TEST_PG_URL)"
    export DANTIN_TEST_PG_URL=$url
    exec "$@"
fi

# The server binaries: on PATH (most systems), or Debian's versioned folders (newest).
bin=
if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    bin=$(dirname "$(readlink -f "$(command -v initdb)")")
else
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { bin=$d; break; }
    done
fi

machine=postgres://postgres@127.0.0.1:5432
if [ -z "$bin" ]; then
    if reachable "$machine"; then
        echo "no initdb found: tests use the machine's PostgreSQL at $machine (the fault drill stops and starts it)"
        export DANTIN_TEST_PG_URL=$machine
        exec "$@"
    fi
    echo "no PostgreSQL for the tests: install PostgreSQL's server (initdb, pg_ctl), start one at" \
        "$machine, or set DANTIN_TEST_PG_URL" >&2
    exit 1
fi

# initdb refuses to run as root: then the cluster belongs to the `postgres` OS user.
as=()
if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "running as root, and there is no 'postgres' user to own a test cluster" >&2; exit 1; }
    as=(runuser -u postgres --)
fi

dir=
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [ -n "$dir" ]; then
        if [ -f "$dir/data/postmaster.pid" ]; then
            local pid
            pid=$(head -1 "$dir/data/postmaster.pid")
            "${as[@]}" "$bin/pg_ctl" -D "$dir/data" stop -m immediate -s >/dev/null 2>&1 || kill -KILL "$pid" 2>/dev/null || true
            # Delete the folder only once the server is gone, so nothing writes into it.
            for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        fi
        rm -rf "$dir"
        echo "test PostgreSQL stopped and deleted"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

dir=$(mktemp -d "${TMPDIR:-/tmp}/dantin-test-pg.XXXXXX")
[ ${#as[@]} -eq 0 ] || chown postgres: "$dir"
"${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
    --no-sync --no-instructions >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
# Only this run uses it, and it is deleted after: durability buys nothing, speed does.
cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

# A free port can be taken between choosing and binding it: try another then.
for attempt in 1 2 3; do
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    sed -i "/^port = /d" "$dir/data/postgresql.conf"
    echo "port = $port" >>"$dir/data/postgresql.conf"
    start="$(printf '%q ' "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -s) start"
    if sh -c "$start"; then break; fi
    [ "$attempt" -lt 3 ] || { tail -20 "$dir/server.log" >&2; echo "the test PostgreSQL did not start" >&2; exit 1; }
done

export DANTIN_TEST_PG_URL=postgres://postgres@127.0.0.1:$port
export DANTIN_TEST_PG_START=$start
export DANTIN_TEST_PG_STOP="$(printf '%q ' "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -w -s) stop -m fast"
reachable "$DANTIN_TEST_PG_URL" || { tail -20 "$dir/server.log" >&2; echo "the test PostgreSQL does not answer" >&2; exit 1; }
echo "tests use a throwaway PostgreSQL $("$bin/postgres" -V | awk '{print $3}') at $DANTIN_TEST_PG_URL (in $dir)"
# Not exec: the cluster is stopped and deleted after the command.
"$@"
