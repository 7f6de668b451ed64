#!/usr/bin/env bash
# Start a throw-away local PostgreSQL cluster for the store tests and print the URL to use:
#
#   eval "$(bash .ci/start_postgres.sh)"     # sets SITREP_TEST_PG
#   python -m pytest tests/test_store.py tests/test_api.py
#   bash .ci/start_postgres.sh --stop         # stop it and delete its data
#
# initdb into a temporary folder as the `postgres` user, listen on 127.0.0.1:54329 only, create the
# database `sitrep_test`. Needs Debian's postgresql (15) installed (apt-get install -y postgresql).
set -euo pipefail

PORT="${SITREP_PG_PORT:-54329}"
STATE="${SITREP_PG_STATE:-/tmp/sitrep-pg-$PORT}"   # remembers where the cluster lives
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "start_postgres.sh: no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install -y postgresql)" >&2
  exit 2
fi
as_pg() {
  if [ "$(id -un)" = postgres ]; then "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
}

if [ "${1:-}" = "--stop" ]; then
  if [ -f "$STATE" ]; then
    DATA="$(cat "$STATE")"
    as_pg "$BIN/pg_ctl" -D "$DATA" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$(dirname "$DATA")" "$STATE"
  fi
  exit 0
fi

if [ -f "$STATE" ] && as_pg "$BIN/pg_ctl" -D "$(cat "$STATE")" status >/dev/null 2>&1; then
  DATA="$(cat "$STATE")"   # already running: reuse it
else
  ROOT="$(mktemp -d /tmp/sitrep-pg.XXXXXX)"
  chown postgres "$ROOT" 2>/dev/null || true
  chmod 700 "$ROOT"
  DATA="$ROOT/data"
  as_pg "$BIN/initdb" -D "$DATA" -U postgres -A trust --no-sync -E UTF8 >"$ROOT/initdb.log" 2>&1 || {
    cat "$ROOT/initdb.log" >&2; exit 1; }
  as_pg "$BIN/pg_ctl" -D "$DATA" -l "$ROOT/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $ROOT -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$ROOT/server.log" >&2; exit 1; }
  echo "$DATA" >"$STATE"
fi
as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname='sitrep_test'" | grep -q 1 ||
  as_pg "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres sitrep_test
echo "export SITREP_TEST_PG=postgresql://postgres@127.0.0.1:$PORT/sitrep_test"
