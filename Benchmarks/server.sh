#!/usr/bin/env bash
# Load on one web-service instance (issue: the web service): SCANS scans of an in-process demo API
# on 127.0.0.1 submitted at once through the REST API with a scan key, at most MAX_CONCURRENT
# running, the rest queued; every scan is polled until it ends. Prints Markdown rows.
#   bash Benchmarks/server.sh [SCANS] [MAX_CONCURRENT...]     (defaults: 50, then 4 and 16)
set -euo pipefail
cd "$(dirname "$0")/.."
scans="${1:-50}"
shift || true
concurrency=("${@:-4 16}")
swift build -c release --product server-benchmark >/dev/null
echo "| running at once | scans finished | recorded | wall time (s) | API p50 (ms) | API p99 (ms) | API requests | peak memory (MiB) |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for n in ${concurrency[*]}; do
    set -- $(.build/release/server-benchmark "$scans" "$n")
    echo "| $n | $2 of $1 | $3 | $4 | $5 | $6 | $7 | $8 |"
done
