#!/usr/bin/env bash
# Path-probe throughput, Scantrail beside ffuf and gobuster, against the same local nginx and the
# same wordlist, in one run (issue: unauthenticated attack-surface scan). Prints Markdown rows.
#   bash Benchmarks/paths.sh [WORDS] [CONCURRENCY] [ROUNDS]   (defaults: 30000 words, 40 connections, 5 rounds)
# The tools take turns, round after round, and each one's median wall time is reported: this
# machine's speed drifts by a third from minute to minute, so single runs mislead.
# Everything runs on 127.0.0.1; the nginx, ffuf and gobuster packages are installed if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
words="${1:-30000}"
concurrency="${2:-40}"
rounds="${3:-5}"
missing=()
for tool in ffuf gobuster nginx bc; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
swift build -c release --product path-benchmark >/dev/null
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/root/.git" "$work/logs"
printf '[core]\n\tbare = false\n' > "$work/root/.git/config"
printf 'DB_PASSWORD=benchmark\n' > "$work/root/.env"
chmod -R a+rX "$work"
cat > "$work/nginx.conf" <<CONF
worker_processes 2;
error_log $work/logs/error.log;
pid $work/nginx.pid;
events { worker_connections 1024; }
http {
    access_log off;
    server {
        listen 127.0.0.1:$port;
        root $work/root;
    }
}
CONF
nginx -c "$work/nginx.conf" -p "$work"
trap 'kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"' EXIT
# The wordlist: the exposure catalogue's paths, then filler words up to the requested size.
grep -oE '^\s+\.(text|page|binary)\("/[^"]*' Sources/ScantrailChecks/Exposure/ExposureCatalogue.swift \
    | sed -E 's/.*\("\///' > "$work/words.txt"
i=0
while [ "$(wc -l < "$work/words.txt")" -lt "$words" ]; do echo "probe-$i"; i=$((i + 1)); done >> "$work/words.txt" || true
head -n "$words" "$work/words.txt" > "$work/wordlist.txt"
count=$(wc -l < "$work/wordlist.txt")

# Wall time of a command; a failing command stops the benchmark with its output shown.
timed() {
    local start end
    start=$(date +%s.%N)
    if ! "$@" >"$work/tool.log" 2>&1; then
        echo "benchmark: $1 failed:" >&2
        tail -5 "$work/tool.log" >&2
        exit 1
    fi
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
: > "$work/scantrail.times"; : > "$work/ffuf.times"; : > "$work/gobuster.times"
for _ in $(seq "$rounds"); do
    timed .build/release/path-benchmark "http://127.0.0.1:$port/" "$work/wordlist.txt" "$concurrency" >> "$work/scantrail.times"
    answered=$(cut -d' ' -f1 "$work/tool.log")
    [ "$answered" -eq "$count" ] || { echo "benchmark: Scantrail answered $answered of $count paths" >&2; exit 1; }
    timed ffuf -s -t "$concurrency" -w "$work/wordlist.txt" -u "http://127.0.0.1:$port/FUZZ" >> "$work/ffuf.times"
    timed gobuster dir -q -t "$concurrency" -w "$work/wordlist.txt" -u "http://127.0.0.1:$port/" --no-error -b 404 \
        >> "$work/gobuster.times"
done
scantrail=$(median < "$work/scantrail.times")
ffuf=$(median < "$work/ffuf.times")
gobuster=$(median < "$work/gobuster.times")
echo "| tool | requests | concurrency | median wall time of $rounds (s) | requests/s | time vs Scantrail |"
echo "| --- | --- | --- | --- | --- | --- |"
for row in "Scantrail $scantrail" "ffuf $ffuf" "gobuster $gobuster"; do
    set -- $row
    rate=$(echo "$count / $2" | bc)
    ratio=$(echo "scale=2; $2 / $scantrail" | bc)
    echo "| $1 | $count | $concurrency | $2 | $rate | ${ratio}× |"
done
