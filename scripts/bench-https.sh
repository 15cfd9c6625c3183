#!/usr/bin/env bash
# usage: scripts/bench-https.sh [SECONDS]      (default 5 per run; needs wrk and nginx: apt install wrk nginx)
# HTTPS throughput of our event server against nginx with the same certificate and the same Mozilla profile
# (TLS 1.2/1.3, intermediate ciphers, no tickets, no session cache), both on 127.0.0.1 with one worker per core:
#   keepalive   wrk -t2 -c50, requests reuse connections (bulk TLS record cost)
#   handshakes  wrk -t2 -c20 with "Connection: close" (a full handshake per request)
# Ours runs inside the test binary (TLSLoadTests, which also fails on any socket error or non-2xx), built in
# debug unless BENCH_RELEASE=1 (a release build of every module with -enable-testing: minutes of CPU).
# Target: ours >= 0.8 x nginx. On a shared machine run it when the load is low; numbers swing with other work.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-5}
work=$(mktemp -d)
nginx_pid=""
cleanup() { [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

bash scripts/gen-test-certs.sh "$work/certs" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ciphers=ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384
ciphers+=:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305
mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes $(nproc);
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $work/nginx;
    keepalive_requests 100000;
    server {
        listen 127.0.0.1:$port ssl;
        ssl_certificate $work/certs/server.pem;
        ssl_certificate_key $work/certs/server.key;
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_ciphers $ciphers;
        ssl_ecdh_curve X25519:prime256v1:secp384r1;
        ssl_prefer_server_ciphers off;
        ssl_session_tickets off;
        ssl_session_cache off;
        location / { return 200 "ok tls=true"; }
    }
}
CONF
nginx -c "$work/nginx/nginx.conf" &
nginx_pid=$!
sleep 1

rate() { sed -n 's/^Requests\/sec: *//p'; }
nginx_keepalive=$(wrk -t2 -c50 -d"${seconds}s" "https://127.0.0.1:$port/health" | rate)
nginx_handshakes=$(wrk -t2 -c20 -d"${seconds}s" -H "Connection: close" "https://127.0.0.1:$port/health" | rate)
kill "$nginx_pid"; wait "$nginx_pid" 2>/dev/null || true; nginx_pid=""

if [ "${BENCH_RELEASE:-0}" = 1 ]; then
    build=(-c release -Xswiftc -enable-testing)
else
    build=()
fi
swift build "${build[@]}" --build-tests >/dev/null
ours=$(BYLINE_TLS_LOAD=1 BYLINE_TLS_LOAD_SECONDS="$seconds" swift test "${build[@]}" --skip-build \
    --filter TLSLoadTests 2>&1 | tee "$work/ours.log" | sed -n 's/^BENCH byline //p')
grep -q '✘' "$work/ours.log" && { grep '✘' "$work/ours.log" >&2; echo "load test failed" >&2; exit 1; }
ours_keepalive=$(echo "$ours" | awk '$1 == "keepalive" {print $2}')
ours_handshakes=$(echo "$ours" | awk '$1 == "handshakes" {print $2}')

printf '%-12s %14s %14s %7s\n' run "byline req/s" "nginx req/s" ratio
for run in keepalive handshakes; do
    o="ours_$run"; n="nginx_$run"
    printf '%-12s %14s %14s %7s\n' "$run" "${!o}" "${!n}" "$(python3 -c "print(f'{${!o}/${!n}:.2f}')")"
done
mode=debug; [ "${BENCH_RELEASE:-0}" = 1 ] && mode=release
echo "build: $mode; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
