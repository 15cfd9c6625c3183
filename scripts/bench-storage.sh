#!/usr/bin/env bash
# usage: scripts/bench-storage.sh [debug|release]   (default release)
# Measures ArticleStore insert throughput (articles/s, commits, mean group-commit batch) at concurrency 1, 8 and
# 64 on a temp file (WAL, synchronous=FULL: every batch is fsynced). Prints one line per concurrency.
set -eu
cd "$(dirname "$0")/.."
config="${1:-release}"
BYLINE_BENCH=1 swift test -c "$config" --filter 'StorageBenchmarks' 2>&1 | grep -E 'bench-storage:|error|✘'
