#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the benchmark (and for running the suite on
# PostgreSQL by hand), like .ci/run's: bench/pg_cluster.sh start|stop [DIR] [PORT].
# Prints the DATABASE_URL of database "gongkai" (superuser; the rum extension is created in
# template1 so every new database has it); also creates bench100k and bench1m for
# bench/search_bench.py (--pg postgres://postgres@127.0.0.1:PORT).
set -euo pipefail
ACTION=${1:-start}
DIR=${2:-/tmp/gongkai-bench/pg}
PORT=${3:-54340}
PG_BIN=/usr/lib/postgresql/15/bin
RUN=()
if [ "$(id -u)" -eq 0 ]; then
  id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  RUN=(runuser -u postgres --)
fi
case "$ACTION" in
  start)
    test -f /usr/share/postgresql/15/extension/rum.control \
      || { echo "install postgresql-15-rum first" >&2; exit 1; }
    mkdir -p "$DIR"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$DIR"
    if [ ! -f "$DIR/data/PG_VERSION" ]; then
      (cd "$DIR" && "${RUN[@]}" "$PG_BIN/initdb" -D "$DIR/data" -U postgres --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 >"$DIR/initdb.log")
    fi
    if (cd "$DIR" && "${RUN[@]}" "$PG_BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1); then
      : # already running
    else
    (cd "$DIR" && "${RUN[@]}" "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/postgres.log" -w start -o \
      "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
       -c full_page_writes=off -c shared_buffers=2GB -c work_mem=64MB \
       -c maintenance_work_mem=1GB -c effective_cache_size=12GB -c max_wal_size=8GB \
       -c jit=off" >/dev/null)
    fi
    "${RUN[@]}" "$PG_BIN/psql" -X -q -h "$DIR" -p "$PORT" -U postgres -d template1 \
      -c "CREATE EXTENSION IF NOT EXISTS rum" >/dev/null
    # gongkai: for running the suite by hand; bench100k and bench1m: the search benchmark's.
    for db in gongkai bench100k bench1m; do
      "${RUN[@]}" "$PG_BIN/psql" -X -q -h "$DIR" -p "$PORT" -U postgres -d postgres -tA \
        -c "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 \
        || "${RUN[@]}" "$PG_BIN/createdb" -h "$DIR" -p "$PORT" -U postgres "$db"
    done
    echo "postgres://postgres@127.0.0.1:$PORT/gongkai"
    ;;
  stop)
    (cd "$DIR" && "${RUN[@]}" "$PG_BIN/pg_ctl" -D "$DIR/data" -m fast -w stop)
    ;;
  *) echo "usage: $0 start|stop [DIR] [PORT]" >&2; exit 2 ;;
esac
