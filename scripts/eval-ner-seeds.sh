#!/usr/bin/env bash
# usage: scripts/eval-ner-seeds.sh [--seeds "1 2 3"] [--epochs N] [--dropout P] [--keep DIR]
#                                  [--extra FILE [--extra-weight W]]
#                                  [--pa-c C [--loss-augmented] [--boundary-cost B] [--arow R] | --perceptron]
# Trains the entity tagger once per seed with the current build and resources WITHOUT installing anything, and
# prints one line per seed and their mean: dev F1, dev F1 on names unseen in training (scripts/score-ner-unseen.py),
# dev per type, and test and test-unseen (reported only; never used to choose). For comparing feature variants; the model that
# ships is made by scripts/train-ner.sh. --keep DIR keeps the models and tagged files. NER_TOOL=PATH uses a
# ner-tool built earlier (a copy of another variant's build) instead of building this one. --extra trains on
# pseudo-labelled sentences too (scripts/gen-ner-pseudo.sh), their updates scaled by W. Defaults are the installed
# recipe (scripts/train-ner.sh): 20 epochs, dropout 0.1, passive-aggressive (PA-I) updates capped at 0.003 with
# cost-augmented decoding. --pa-c C sets the cap (and drops the default rule's other flags), --loss-augmented decodes
# with the cost, --boundary-cost B makes a wrong token at an entity's edge cost 1 + B, --arow R sizes the steps by
# AROW's per-weight confidences with regularizer R (with --pa-c; the cap is then unused); --perceptron trains the
# structured perceptron of the models before 2026-12-01 (use --epochs 10 for their recipe).
set -eu
cd "$(dirname "$0")/.."
SEEDS="1 2 3"
EPOCHS=20
DROPOUT=0.1
KEEP=""
EXTRA=()
RULE=(--pa-c 0.003 --loss-augmented)
RULE_SET=0
while [ $# -gt 0 ]; do
    case "$1" in
        --seeds) SEEDS="$2"; shift 2 ;;
        --epochs) EPOCHS="$2"; shift 2 ;;
        --dropout) DROPOUT="$2"; shift 2 ;;
        --keep) KEEP="$2"; shift 2 ;;
        --extra) EXTRA+=(--extra "$2"); shift 2 ;;
        --extra-weight) EXTRA+=(--extra-weight "$2"); shift 2 ;;
        # the first rule flag replaces the default rule
        --pa-c) [ $RULE_SET = 1 ] || RULE=(); RULE_SET=1; RULE+=(--pa-c "$2"); shift 2 ;;
        --loss-augmented) [ $RULE_SET = 1 ] || RULE=(); RULE_SET=1; RULE+=(--loss-augmented); shift ;;
        --boundary-cost) [ $RULE_SET = 1 ] || RULE=(); RULE_SET=1; RULE+=(--boundary-cost "$2"); shift 2 ;;
        --arow) [ $RULE_SET = 1 ] || RULE=(); RULE_SET=1; RULE+=(--arow "$2"); shift 2 ;;
        --perceptron) RULE=(); RULE_SET=1; shift ;;
        *) echo "usage: $0 [--seeds \"1 2 3\"] [--epochs N] [--dropout P] [--keep DIR]" \
                "[--extra FILE [--extra-weight W]]" \
                "[--pa-c C [--loss-augmented] [--boundary-cost B] [--arow R] | --perceptron]" >&2; exit 2 ;;
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
        ${RULE[@]+"${RULE[@]}"} \
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
