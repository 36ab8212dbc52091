#!/usr/bin/env bash
# TLS probing beside sslscan, sslyze and testssl.sh (issue: native TLS prober), on the same
# local openssl s_server configurations, in one run. Prints a Markdown table: wall time per
# host and tool, TCP connections each tool opened (handshakes), and whether its accepted
# protocol/suite sets agree with Scantrail's.
#   bash Benchmarks/tls.sh
# Everything runs on 127.0.0.1; sslscan and testssl.sh come from Debian, sslyze from PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
for tool in sslscan testssl bc; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sslscan testssl.sh bc >/dev/null
fi
command -v sslyze >/dev/null || pip install -q sslyze
swift build -c release --product scantrail >/dev/null
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; rm -rf "$work"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 2 \
    -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>/dev/null

# The server configurations: name, then s_server options.
configs=(
    "modern|"
    "tls12-aead|-tls1_2 -cipher ECDHE+AESGCM"
    "tls13-only|-tls1_3"
    "legacy|-cipher CAMELLIA256-SHA:AES128-SHA:ECDHE-RSA-AES256-SHA:ADH-CAMELLIA128-SHA:@SECLEVEL=0 -min_protocol TLSv1 -max_protocol TLSv1.2"
)

# Connections accepted on this machine so far (every tool's handshakes go to our s_server).
passive_opens() { awk '/^Tcp:/ { if (seen) print $6; seen = 1 }' /proc/net/snmp; }

# Runs a command; prints "seconds connections".
measure() {
    local before after start end
    before=$(passive_opens)
    start=$(date +%s.%N)
    "$@" >"$work/out" 2>"$work/err" || true
    end=$(date +%s.%N)
    after=$(passive_opens)
    echo "$(echo "$end - $start" | bc) $((after - before))"
}

echo "| server | tool | wall time (s) | connections | time vs Scantrail | accepted sets vs Scantrail |"
echo "| --- | --- | --- | --- | --- | --- |"
for entry in "${configs[@]}"; do
    name=${entry%%|*}
    options=${entry#*|}
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    # shellcheck disable=SC2086
    openssl s_server -accept "127.0.0.1:$port" -cert "$work/cert.pem" -key "$work/key.pem" -www -quiet $options \
        >/dev/null 2>&1 &
    pids+=($!)
    sleep 0.5
    # testssl.sh refuses to overwrite a report; every tool starts from none.
    rm -f "$work"/scantrail.json "$work"/sslscan.xml "$work"/sslyze.json "$work"/testssl.json
    read -r t_scantrail c_scantrail < <(measure .build/release/scantrail tls "127.0.0.1:$port" --sni localhost --format json -o "$work/scantrail.json")
    read -r t_sslscan c_sslscan < <(measure sslscan --no-colour --xml="$work/sslscan.xml" --sni-name=localhost "127.0.0.1:$port")
    read -r t_sslyze c_sslyze < <(measure sslyze --quiet --json_out="$work/sslyze.json" "127.0.0.1:$port{localhost}")
    read -r t_testssl c_testssl < <(measure testssl --quiet --warnings off --color 0 -p -E --jsonfile "$work/testssl.json" "127.0.0.1:$port")
    verdicts=$(python3 Benchmarks/tls_compare.py "$work")
    for row in "Scantrail $t_scantrail $c_scantrail" "sslscan $t_sslscan $c_sslscan" "sslyze $t_sslyze $c_sslyze" \
        "testssl.sh $t_testssl $c_testssl"; do
        set -- $row
        ratio=$(echo "scale=1; $2 / $t_scantrail" | bc)
        agreement=$(echo "$verdicts" | awk -v tool="$1" '$1 == tool { $1 = ""; print substr($0, 2) }')
        echo "| $name | $1 | $(printf '%.2f' "$2") | $3 | ${ratio}× | ${agreement:-reference} |"
    done
done
