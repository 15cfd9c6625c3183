#!/usr/bin/env bash
# usage: scripts/gen-ner-pseudo.sh OUT.conll [--sentences N] [--min-marginal P] [--model M]
# Self-training data for the entity tagger (train-ner --extra OUT.conll): the installed model (or --model M) tags
# unlabeled news text (BBC News, PolNeAR dev texts, the text of TempEval-3's TimeML training files; never
# CoNLL-2003 text) and keeps the sentences whose every token's label has a marginal probability of at least P
# (default 0.9) and that hold an entity (ner-tool pseudo-label); then N of them (default: all), drawn with a
# fixed seed, in CoNLL-2003 format grouped by source file. Deterministic. A training input, not a resource: the
# file is not committed (write it outside the repository or under .build).
set -eu
cd "$(dirname "$0")/.."
OUTFILE="$1"; shift
N=0
P=0.9
MODEL=""
while [ $# -gt 0 ]; do
    case "$1" in
        --sentences) N="$2"; shift 2 ;;
        --min-marginal) P="$2"; shift 2 ;;
        --model) MODEL="--model $2"; shift 2 ;;
        *) echo "usage: $0 OUT.conll [--sentences N] [--min-marginal P] [--model M]" >&2; exit 2 ;;
    esac
done
SHARED="${BYLINE_SHARED:-../shared}/data"
RES=Sources/TextAnalysis/Resources
TOOL="${NER_TOOL:-.build/release/ner-tool}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

[ -n "${NER_TOOL:-}" ] || swift build -c release --product ner-tool >&2
python3 scripts/timeml-text.py "$SHARED/tempeval3/train" "$TMP/tempeval"
# shellcheck disable=SC2086
"$TOOL" pseudo-label "$SHARED/news/bbc" "$SHARED/quotes/polnear/dev/text" "$TMP/tempeval" --resources "$RES" \
    --min-marginal "$P" $MODEL > "$TMP/all.conll"
# N sentences drawn with a fixed seed, kept in file order and grouped by their document
python3 - "$TMP/all.conll" "$OUTFILE" "$N" <<'PY'
import random, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
docs, sent = [], []
for line in open(src, encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("-DOCSTART-"):
        docs.append([])
    elif line:
        sent.append(line)
    elif sent:
        docs[-1].append(sent)
        sent = []
ids = [(d, s) for d in range(len(docs)) for s in range(len(docs[d]))]
chosen = set(random.Random(1).sample(ids, n)) if 0 < n < len(ids) else set(ids)
with open(dst, "w", encoding="utf-8") as out:
    for d, doc in enumerate(docs):
        keep = [s for i, s in enumerate(doc) if (d, i) in chosen]
        if keep:
            out.write("-DOCSTART- -X- -X- O\n\n")
            for s in keep:
                out.write("\n".join(s) + "\n\n")
print(f"{len(chosen)} of {len(ids)} confident sentences -> {dst}", file=sys.stderr)
PY
