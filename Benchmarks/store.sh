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
. Benchmarks/postgres.sh

echo "| backend | measure | result |"
echo "| --- | --- | --- |"
"$bench" sqlite "$work/scantrail.db" "$total"
db_bytes=$(du -cb "$work"/scantrail.db* | tail -1 | cut -f1)
echo "| sqlite | database size per 100,000 findings | $((db_bytes * 100000 / total / 1048576)) MiB |"

"$bench" postgres "$postgres_url" "$total"
pg_bytes=$(psql_run \
    "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'")
echo "| postgres | database size per 100,000 findings | $((pg_bytes * 100000 / total / 1048576)) MiB |"
