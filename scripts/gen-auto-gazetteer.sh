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
python3 scripts/timeml-text.py "$SHARED/tempeval3/train" "$OUT/text/tempeval"
"$TOOL" harvest-names "$SHARED/news/bbc" "$SHARED/quotes/polnear" "$OUT/text/tempeval" \
    --model "$OUT/base.bin" --resources "$OUT/res" > "$OUT/mentions.tsv"
echo "$(wc -l < "$OUT/mentions.tsv") mentions in unlabeled text" >&2
python3 scripts/gen-auto-gazetteer.py "$OUT/mentions.tsv" "$RES/ner/gazetteers/auto.tsv"
grep -qx 'auto.tsv' "$RES/ner/gazetteers/index.txt" || echo auto.tsv >> "$RES/ner/gazetteers/index.txt"
