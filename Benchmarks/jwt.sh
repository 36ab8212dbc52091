#!/usr/bin/env bash
# JWT key-guessing throughput on one core (issue: every documented operation tested, section 4):
# the standard dictionary's size, load time and candidates per second against a token whose key
# it does not hold, so every candidate is tried. The dictionary's lists are built into the binary:
# nothing to install. Offline: no request is sent. Prints Markdown rows.
#   bash Benchmarks/jwt.sh [ROUNDS]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product jwt-benchmark >/dev/null
taskset -c 0 .build/release/jwt-benchmark "${1:-5}"
