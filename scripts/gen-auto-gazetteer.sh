#!/usr/bin/env bash
# usage: scripts/gen-auto-gazetteer.sh
# Writes Sources/TextAnalysis/Resources/ner/gazetteers/auto.tsv, the self-trained gazetteer: trains the tagger
# (seed 1, dropout 0.1, 10 epochs, as scripts/train-ner.sh) with every resource but that file, tags unlabeled
# news text with it (BBC News, PolNeAR dev texts, the text of TempEval-3's TimeML files; never CoNLL-2003 text)
# and keeps the names it finds often with one type (scripts/gen-auto-gazetteer.py). Deterministic.
# Retrain afterwards (scripts/train-ner.sh): the model records the gazetteers it was trained with.
set -eu
cd "$(dirname "$0")/.."
SHARED="${BYLINE_SHARED:-../shared}/data"
RES=Sources/TextAnalysis/Resources
TOOL=.build/release/ner-tool
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

swift build -c release --product ner-tool >&2
# the resources without the self-trained list (and without a model: it is trained here)
cp -r "$RES" "$OUT/res"
rm -f "$OUT/res/ner/model.bin" "$OUT/res/ner/gazetteers/auto.tsv"
grep -v '^auto\.tsv$' "$RES/ner/gazetteers/index.txt" > "$OUT/res/ner/gazetteers/index.txt"
"$TOOL" train-ner --train "$SHARED/conll2003/train.txt" --dev "$SHARED/conll2003/dev.txt" --out "$OUT/base.bin" \
    --epochs 10 --seed 1 --dropout 0.1 --resources "$OUT/res" 2>&1 | grep -E '^(saved|wrote)' >&2
# TimeML -> plain text: the <TEXT> element without its tags
mkdir -p "$OUT/text/tempeval"
python3 - "$SHARED/tempeval3/train" "$OUT/text/tempeval" <<'PY'
import html, os, re, sys
src, dst = sys.argv[1], sys.argv[2]
for sub in sorted(os.listdir(src)):
    d = os.path.join(src, sub)
    if not os.path.isdir(d):
        continue
    for f in sorted(os.listdir(d)):
        if f.endswith(".tml"):
            m = re.search(r"<TEXT>(.*?)</TEXT>", open(os.path.join(d, f), encoding="utf-8").read(), re.S)
            if m:
                text = html.unescape(re.sub(r"<[^>]+>", "", m.group(1)))
                open(os.path.join(dst, f[:-4] + ".txt"), "w", encoding="utf-8").write(text.strip() + "\n")
PY
"$TOOL" harvest-names "$SHARED/news/bbc" "$SHARED/quotes/polnear" "$OUT/text/tempeval" \
    --model "$OUT/base.bin" --resources "$OUT/res" > "$OUT/mentions.tsv"
echo "$(wc -l < "$OUT/mentions.tsv") mentions in unlabeled text" >&2
python3 scripts/gen-auto-gazetteer.py "$OUT/mentions.tsv" "$RES/ner/gazetteers/auto.tsv"
grep -qx 'auto.tsv' "$RES/ner/gazetteers/index.txt" || echo auto.tsv >> "$RES/ner/gazetteers/index.txt"
