#!/usr/bin/env bash
# usage: scripts/tls-check.sh
# Runs the external TLS scanners against a live server with throw-away certificates: ../shared/tools/tls_abuse.py
# (11 hostile clients; the server must keep answering) and testssl (apt testssl.sh; fails on any HIGH or CRITICAL
# finding). Takes about a minute; prints both reports.
set -eu
cd "$(dirname "$0")/.."
BYLINE_TLS_SCAN=1 swift test --filter TLSScanTests "$@"
