#!/usr/bin/env bash
# Scheduled scans per minute with 1, 2 and 4 workers sharing one PostgreSQL (issue: continuous
# monitoring). TARGETS local targets, each answering every request after LATENCY_MS (a
# latency-bound API, as real ones are), are added with `scantrail targets add`; then WORKERS
# `scantrail worker --exit-when-idle` processes (two scans at a time each) run every due scan,
# and the wall time until the last one exits gives scans per minute. Each round uses a fresh
# schema and checks that every target was scanned exactly once. Prints Markdown rows.
#   bash Benchmarks/worker.sh [TARGETS] [LATENCY_MS] [WORKERS...]   (defaults: 24, 20, then 1 2 4)
# Starts its own PostgreSQL and targets on 127.0.0.1 in a temporary folder; nothing leaves the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
targets="${1:-24}"
latency="${2:-20}"
shift 2 || shift $# || true
rounds=("${@:-1 2 4}")
rounds=(${rounds[*]})
swift build -c release --product scantrail >/dev/null
scantrail="$PWD/.build/release/scantrail"
. Benchmarks/postgres.sh

# The targets: one threaded HTTP/1.1 server per port, every answer after the latency.
cat > "$work/targets.py" <<'PY'
import http.server, socketserver, sys, threading, time
count, latency = int(sys.argv[1]), int(sys.argv[2]) / 1000
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def answer(self):
        time.sleep(latency)
        body = b"{}" if self.path == "/" else b"not found"
        self.send_response(200 if self.path == "/" else 404)
        self.send_header("Content-Type", "application/json" if self.path == "/" else "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
    do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_TRACE = answer
    def log_message(self, *args):
        pass
class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
servers = [Server(("127.0.0.1", 0), Handler) for _ in range(count)]
for server in servers:
    threading.Thread(target=server.serve_forever, daemon=True).start()
print(" ".join(str(server.server_address[1]) for server in servers), flush=True)
threading.Event().wait()
PY
python3 "$work/targets.py" "$targets" "$latency" > "$work/ports" &
targets_pid=$!
cleanup='kill $targets_pid 2>/dev/null'
for _ in $(seq 50); do [ -s "$work/ports" ] && break; sleep 0.1; done
read -r -a ports < "$work/ports"

echo "| workers (2 scans each) | targets | wall time (s) | scans per minute | speed-up |"
echo "| --- | --- | --- | --- | --- |"
base=""
for workers in "${rounds[@]}"; do
    schema="w$workers"
    psql_run "CREATE SCHEMA $schema" >/dev/null
    url="$postgres_url&search_path=$schema"
    for target in "${ports[@]}"; do
        "$scantrail" targets add "http://127.0.0.1:$target/" --every 1h --database "$url" >/dev/null
    done
    start=$(date +%s.%N)
    pids=()
    for index in $(seq "$workers"); do
        "$scantrail" worker --database "$url" --name "bench-$index" --exit-when-idle --poll-seconds 0.5 \
            > "$work/worker-$workers-$index.log" 2>&1 &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    scanned=$(psql_run "SELECT COUNT(DISTINCT target) || ' ' || COUNT(*) FROM $schema.scans")
    [ "$scanned" = "$targets $targets" ] || { echo "round $workers: scans (distinct, all) = $scanned" >&2; exit 1; }
    rate=$(echo "scale=1; $targets * 60 / $seconds" | bc)
    [ -z "$base" ] && base=$rate
    printf '| %s | %s | %.1f | %s | %.2f× |\n' "$workers" "$targets" "$seconds" "$rate" "$(echo "$rate / $base" | bc -l)"
done
