#!/usr/bin/env bash
# usage: scripts/run.sh [byline serve flags...]
# Sets up a fresh Debian/Ubuntu machine with Swift 6 (installs the C libraries if missing), builds the release
# binary and serves on 127.0.0.1:8080 with the database in ./data/byline.db.
set -eu
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build -c release --product byline
exec "$(swift build -c release --show-bin-path)/byline" serve "$@"
