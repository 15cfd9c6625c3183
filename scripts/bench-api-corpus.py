#!/usr/bin/env python3
"""usage: scripts/bench-api-corpus.py BBC_DIR OUT  (called by scripts/bench-api and scripts/bench-api-pair)

The POST corpus of the API benchmarks: every BBC article (BBC_DIR/*/*.txt) that is valid UTF-8, stripped, in
sorted path order, separated by 0x1E (the separator scripts/bench-api-post.lua splits on), written to OUT.
"""
import glob
import sys

if len(sys.argv) != 3:
    sys.exit(__doc__)
out = []
for path in sorted(glob.glob(sys.argv[1] + "/*/*.txt")):
    try:
        out.append(open(path, encoding="utf-8").read().strip())
    except UnicodeDecodeError:
        pass
open(sys.argv[2], "w", encoding="utf-8").write("\x1e".join(out))
print(f"corpus: {len(out)} BBC articles, mean {sum(map(len, out)) // max(len(out), 1)} characters")
