#!/bin/sh
# Usage: scripts/bench-time.sh [DIR] [repeats]   (default DIR: ../shared/data/news/bbc)
# Compiles TextAnalysis's sources with the driver (-O, whole module) into .build/bench-time and reports the
# time tagger's throughput alone and its cost on top of tokenizer + sentence splitter (CPU seconds, best pass).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
dir=${1:-$root/../shared/data/news/bbc}
out=$root/.build/bench-time
mkdir -p "$out"
printf 'import Foundation\nextension Bundle { static let module = Bundle.main }\n' > "$out/BundleShim.swift"
find "$root/Sources/TextAnalysis" -name '*.swift' > "$out/sources.txt"
swiftc -O -wmo -module-name BenchTime -o "$out/bench-time" \
    $(cat "$out/sources.txt") "$out/BundleShim.swift" "$here/bench-time/main.swift"
rm -rf "$out/Resources" && cp -R "$root/Sources/TextAnalysis/Resources" "$out/Resources"
"$out/bench-time" "$dir" "${2:-3}"
