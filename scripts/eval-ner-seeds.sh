#!/usr/bin/env bash
# usage: scripts/eval-ner-seeds.sh [--seeds "1 2 3"] [--epochs N] [--dropout P] [--keep DIR]
#                                  [--extra FILE [--extra-weight W]]
# Trains the entity tagger once per seed with the current build and resources WITHOUT installing anything, and
# prints one line per seed and their mean: dev F1, dev F1 on names unseen in training (scripts/score-ner-unseen.py),
# dev per type, and test and test-unseen (reported only; never used to choose). For comparing feature variants; the model that
# ships is made by scripts/train-ner.sh. --keep DIR keeps the models and tagged files. NER_TOOL=PATH uses a
# ner-tool built earlier (a copy of another variant's build) instead of building this one. --extra trains on
# pseudo-labelled sentences too (scripts/gen-ner-pseudo.sh), their updates scaled by W.
set -eu
cd "$(dirname "$0")/.."
SEEDS="1 2 3"
EPOCHS=10
DROPOUT=0.1
KEEP=""
EXTRA=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seeds) SEEDS="$2"; shift 2 ;;
        --epochs) EPOCHS="$2"; shift 2 ;;
        --dropout) DROPOUT="$2"; shift 2 ;;
        --keep) KEEP="$2"; shift 2 ;;
        --extra) EXTRA+=(--extra "$2"); shift 2 ;;
        --extra-weight) EXTRA+=(--extra-weight "$2"); shift 2 ;;
        *) echo "usage: $0 [--seeds \"1 2 3\"] [--epochs N] [--dropout P] [--keep DIR]" \
                "[--extra FILE [--extra-weight W]]" >&2; exit 2 ;;
    esac
done
DATA="${BYLINE_SHARED:-../shared}/data/conll2003"
RES=Sources/TextAnalysis/Resources
TOOL="${NER_TOOL:-.build/release/ner-tool}"
if [ -n "$KEEP" ]; then OUT="$KEEP"; mkdir -p "$OUT"; else OUT=$(mktemp -d); trap 'rm -rf "$OUT"' EXIT; fi

[ -n "${NER_TOOL:-}" ] || swift build -c release --product ner-tool >&2
f1() { sed -n 's/.*FB1: *\([0-9.]*\).*/\1/p' "$1" | head -1; }
typef1() { sed -n "s/.*$2: .*FB1: *\([0-9.]*\).*/\1/p" "$1" | head -1; }
unseen() { sed -n 's/^unseen:.*FB1 *\([0-9.]*\).*/\1/p' "$1"; }
ROW='%-5s %6s %6s %6s %6s %6s %6s %6s %6s\n'
printf "$ROW" seed dev unseen PER ORG LOC MISC test unseen
# A kept folder may hold an earlier run's table; the mean is over this run's seeds only.
: > "$OUT/table.txt"
for S in $SEEDS; do
    "$TOOL" train-ner --train "$DATA/train.txt" --dev "$DATA/dev.txt" --out "$OUT/model-$S.bin" \
        --epochs "$EPOCHS" --seed "$S" --dropout "$DROPOUT" --resources "$RES" ${EXTRA[@]+"${EXTRA[@]}"} \
        > "$OUT/train-$S.log" 2>&1
    for split in dev test; do
        "$TOOL" ner --conll "$DATA/$split.txt" --model "$OUT/model-$S.bin" --resources "$RES" > "$OUT/$split-$S.tagged"
        "$TOOL" score-ner "$OUT/$split-$S.tagged" > "$OUT/$split-$S.score"
    done
    python3 scripts/score-ner-unseen.py "$OUT/dev-$S.tagged" "$DATA/train.txt" > "$OUT/dev-$S.unseen"
    python3 scripts/score-ner-unseen.py "$OUT/test-$S.tagged" "$DATA/train.txt" > "$OUT/test-$S.unseen"
    d="$OUT/dev-$S.score"
    printf "$ROW" "$S" "$(f1 "$d")" "$(unseen "$OUT/dev-$S.unseen")" \
        "$(typef1 "$d" PER)" "$(typef1 "$d" ORG)" "$(typef1 "$d" LOC)" "$(typef1 "$d" MISC)" \
        "$(f1 "$OUT/test-$S.score")" "$(unseen "$OUT/test-$S.unseen")" | tee -a "$OUT/table.txt"
done
awk '{ for (i = 2; i <= NF; i++) s[i] += $i; n++ }
     END { printf "%-5s", "mean"; for (i = 2; i <= 9; i++) printf " %6.2f", s[i] / n; printf "\n" }' "$OUT/table.txt"
