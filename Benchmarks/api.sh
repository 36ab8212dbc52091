#!/usr/bin/env bash
# OpenAPI-driven checks (issue: OpenAPI-driven authentication and authorization testing):
# operations per second the five API checks cover on a 200-operation description against an
# in-process server on 127.0.0.1, and the time and peak memory of importing a 5,000-operation
# description, median of 5 runs each; then (issue: every documented operation tested, section 7)
# the whole active scan of the same API, every check, three HS256-JWT identities, on loopback
# and through a relay adding RTT_MS of round trip (median of 3). Prints Markdown rows.
#   bash Benchmarks/api.sh [OPERATIONS] [IMPORT_OPERATIONS] [RTT_MS]   (defaults: 200, 5000, 50)
set -euo pipefail
cd "$(dirname "$0")/.."
operations="${1:-200}"
imported="${2:-5000}"
rtt="${3:-50}"
swift build -c release --product api-benchmark >/dev/null
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
coverage=$(for _ in 1 2 3 4 5; do .build/release/api-benchmark coverage "$operations"; done)
import=$(for _ in 1 2 3 4 5; do .build/release/api-benchmark import "$imported"; done)
seconds=$(echo "$coverage" | awk '{ print $5 }' | median)
set -- $(echo "$coverage" | head -1)
echo "| measure | value |"
echo "| --- | --- |"
echo "| operations covered | $2 (requests sent: $3, outcomes: $4) |"
echo "| wall time, median of 5 (s) | $seconds |"
echo "| operations per second | $(echo "$2 / $seconds" | bc) |"
set -- $(echo "$import" | head -1)
echo "| import: operations, document size | $2 operations, $(($3 / 1024)) KiB |"
echo "| import: wall time, median of 5 (s) | $(echo "$import" | awk '{ print $4 }' | median) |"
echo "| import: peak resident memory, median of 5 (MiB) | $(echo "$import" | awk '{ print $6 }' | median) (process before import: $(echo "$import" | awk '{ print $5 }' | median)) |"
small=$(.build/release/api-benchmark latency 20 0 2>/dev/null)
near=$(.build/release/api-benchmark latency "$operations" 0 2>/dev/null)
far=$(for _ in 1 2 3; do .build/release/api-benchmark latency "$operations" "$rtt" 2>/dev/null; done)
set -- $small
echo "| active scan, 20 operations, loopback: requests, wall time (s), peak memory (MiB) | $4, $5, $6 |"
set -- $near
echo "| active scan, every check, loopback: requests, wall time (s), peak memory (MiB) | $4, $5, $6 |"
echo "| active scan at $rtt ms round trip: requests, wall time, median of 3 (s) | $(echo "$far" | awk '{ print $4 }' | head -1), $(echo "$far" | awk '{ print $5 }' | median) |"
echo "| active scan at $rtt ms: peak memory, median of 3 (MiB); slowest check | $(echo "$far" | awk '{ print $6 }' | median); $(echo "$far" | awk '{ print $7 }' | head -1) |"
