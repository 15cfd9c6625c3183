#!/usr/bin/env bash
# usage: scripts/test.sh [swift test args...]
# Builds and runs the whole test suite (the same command README and CI use).
set -eu
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build --build-tests
swift test --skip-build --parallel "$@"
