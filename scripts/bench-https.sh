#!/usr/bin/env bash
# usage: scripts/bench-https.sh [seconds-per-run]      (default 5; needs wrk and nginx; not run in CI)
#
# HTTPS: our event server (bench-server --tls-port, release build) against nginx on loopback with wrk, both with
# the same throw-away certificate (EC P-256, scripts/gen-test-certs.sh) and the same Mozilla intermediate profile
# (TLS 1.2/1.3, the same ciphers and groups, no tickets, no session cache) and one worker per core.
# Scenarios: keep-alive GET /health at 64 connections (TLS record cost), and GET with Connection: close at 32
# connections (one full TLS 1.3 handshake per request: the handshake rate).
# Runs are interleaved A B A B over 3 rounds and the median is printed. Target: ours >= 0.8x nginx.
# wrk socket errors or non-2xx answers are printed as they happen.
set -eu

root="$(cd "$(dirname "$0")/.." && pwd)"
duration="${1:-5}"
ours_port=18443
nginx_port=18444
cores="$(nproc)"
for tool in wrk nginx; do
    command -v "$tool" >/dev/null || { echo "needs $tool (apt install $tool)" >&2; exit 1; }
done

echo "building bench-server (release)"
(cd "$root" && swift build -c release --product bench-server 2>&1 | tail -1)
bin="$(cd "$root" && swift build -c release --show-bin-path)/bench-server"

work="$(mktemp -d)"
ours_pid=""
cleanup() {
    [ -n "$ours_pid" ] && kill "$ours_pid" 2>/dev/null || true
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

bash "$root/scripts/gen-test-certs.sh" "$work/certs" >/dev/null
ciphers=ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384
ciphers+=:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305
cat >"$work/nginx.conf" <<CONF
worker_processes $cores;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 1000;
    client_body_temp_path $work/body;
    server {
        listen 127.0.0.1:$nginx_port ssl reuseport;
        ssl_certificate $work/certs/server.pem;
        ssl_certificate_key $work/certs/server.key;
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_ciphers $ciphers;
        ssl_ecdh_curve X25519:prime256v1:secp384r1;
        ssl_prefer_server_ciphers off;
        ssl_session_tickets off;
        ssl_session_cache off;
        location = /health { default_type application/json; return 200 '{"status":"ok"}'; }
    }
}
CONF

# Its own session, like daemonized nginx: with sched_autogroup a server in this script's session shares one CPU
# share with wrk (see scripts/bench-http).
setsid "$bin" --port 0 --loops "$cores" --tls-port "$ours_port" \
    --tls-cert "$work/certs/server.pem" --tls-key "$work/certs/server.key" >"$work/ours.log" 2>&1 &
ours_pid=$!
nginx -c "$work/nginx.conf" -p "$work"
sleep 1

run_wrk() { # server scenario -> req/s
    local port=$ours_port; [ "$1" = nginx ] && port=$nginx_port
    local args
    # wrk splits -H on ": "; "Connection:close" without the space is silently dropped (and every request would
    # reuse its connection).
    case "$2" in
        keepalive)  args=(-c64) ;;
        handshakes) args=(-c32 -H "Connection: close") ;;
    esac
    wrk -t2 -d"${duration}s" "${args[@]}" "https://127.0.0.1:$port/health" >"$work/wrk.out" 2>&1 || true
    local errors
    errors="$(grep -E 'Socket errors|Non-2xx' "$work/wrk.out" | tr -s ' ' | tr '\n' ';' || true)"
    [ -n "$errors" ] && echo "    $1 $2: $errors" >&2
    awk '/Requests\/sec/ {printf "%d", $2}' "$work/wrk.out"
}

scenarios="keepalive handshakes"
echo "warming up"
for s in ours nginx; do duration=1 run_wrk $s keepalive >/dev/null; done
for round in 1 2 3; do
    for scenario in $scenarios; do
        for server in ours nginx; do
            rps="$(run_wrk $server $scenario)"
            echo "$scenario $server ${rps:-0}" >>"$work/results"
            echo "  round $round $scenario $server: ${rps:-0} req/s"
        done
    done
done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
pick() { awk -v s="$1" -v v="$2" '$1==s && $2==v {print $3}' "$work/results" | median; }
echo
printf "%-11s %12s %12s %7s\n" scenario "byline r/s" "nginx r/s" ratio
for scenario in $scenarios; do
    br="$(pick "$scenario" ours)"; nr="$(pick "$scenario" nginx)"
    awk -v s="$scenario" -v br="$br" -v nr="$nr" \
        'BEGIN { printf "%-11s %12d %12d %7.2f\n", s, br, nr, (nr ? br / nr : 0) }'
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $cores cores"
