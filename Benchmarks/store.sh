#!/usr/bin/env bash
# Evidence-store benchmark on both backends (issue: evidence trail). Prints Markdown table rows.
#   bash Benchmarks/store.sh [TOTAL_FINDINGS]      (default 1,000,000)
# Starts its own PostgreSQL on 127.0.0.1 in a temporary folder (as the postgres user when run as
# root) and removes it afterwards; SQLite uses a temporary file. Nothing leaves the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
total="${1:-1000000}"
swift build -c release --product store-benchmark >/dev/null
bench=".build/release/store-benchmark"
work=$(mktemp -d)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres:postgres "$work"
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg "$bin/initdb" -D "$work/pg" -U scantrail --auth=trust -E UTF8 >/dev/null
as_pg "$bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w \
    -o "-p $port -k $work -c listen_addresses=127.0.0.1" start >/dev/null
trap 'as_pg "$bin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null; rm -rf "$work"' EXIT

echo "| backend | measure | result |"
echo "| --- | --- | --- |"
"$bench" sqlite "$work/scantrail.db" "$total"
db_bytes=$(du -cb "$work"/scantrail.db* | tail -1 | cut -f1)
echo "| sqlite | database size per 100,000 findings | $((db_bytes * 100000 / total / 1048576)) MiB |"

url="postgres://scantrail@127.0.0.1:$port/postgres?sslmode=disable"
"$bench" postgres "$url" "$total"
pg_bytes=$(as_pg "$bin/psql" -h "$work" -p "$port" -U scantrail -d postgres -Atc \
    "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'")
echo "| postgres | database size per 100,000 findings | $((pg_bytes * 100000 / total / 1048576)) MiB |"
