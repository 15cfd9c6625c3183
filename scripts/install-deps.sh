#!/usr/bin/env bash
# usage: scripts/install-deps.sh
# Installs the Debian packages Byline builds and tests against, when missing (needs root or sudo).
set -eu
need=()
for p in libssl-dev libsqlite3-dev pkg-config; do
    dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi
