#!/usr/bin/env bash
# usage: scripts/train-ner.sh [--epochs N] [--seed S] [--dropout P] [--average K]
#                             [--pa-c C [--loss-augmented] | --perceptron]
#        scripts/train-ner.sh --rescore
# Trains the entity tagger on CoNLL-2003 train (epochs chosen on dev), with --average K once per seed S..S+K-1
# and installs the mean of their weights (ner-tool average-ner: one model's cost, a vote of K), installs it in
# Sources/TextAnalysis/Resources/ner/model.bin, scores dev and test with conlleval semantics, measures
# calibration and speed, and writes Resources/ner/model-card.txt. Test is only reported, never used to choose.
# The update rule (NERUpdateRule.swift; Resources/ner/README.md, "Update rule"): by default passive-aggressive
# (PA-I) steps capped at 0.003 with cost-augmented decoding, 20 epochs, dropout 0.1 (the installed recipe);
# --pa-c C [--loss-augmented] sets the rule, --perceptron the structured perceptron of models before 2026-12-01.
# --rescore trains nothing: it scores the installed model again (after a change to decoding, say) and rewrites
# the card's scores and calibration, keeping the command, date and training log of the model's training.
set -eu
cd "$(dirname "$0")/.."
EPOCHS=20
SEED=1
DROPOUT=0.1
AVERAGE=1
RULE=(--pa-c 0.003 --loss-augmented)
RULE_SET=0
RESCORE=0
while [ $# -gt 0 ]; do
    case "$1" in
        --epochs) EPOCHS="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        --dropout) DROPOUT="$2"; shift 2 ;;
        --average) AVERAGE="$2"; shift 2 ;;
        # the first rule flag replaces the default rule
        --pa-c) [ $RULE_SET = 1 ] || RULE=(); RULE_SET=1; RULE+=(--pa-c "$2"); shift 2 ;;
        --loss-augmented) [ $RULE_SET = 1 ] || RULE=(); RULE_SET=1; RULE+=(--loss-augmented); shift ;;
        --perceptron) RULE=(); RULE_SET=1; shift ;;
        --rescore) RESCORE=1; shift ;;
        *) echo "usage: $0 [--epochs N] [--seed S] [--dropout P] [--average K]" \
                "[--pa-c C [--loss-augmented] | --perceptron] | --rescore" >&2; exit 2 ;;
    esac
done
DATA="${BYLINE_SHARED:-../shared}/data/conll2003"
RES=Sources/TextAnalysis/Resources/ner
TOOL=.build/release/ner-tool
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

COMMAND="scripts/train-ner.sh --epochs $EPOCHS --seed $SEED --dropout $DROPOUT"
[ "$AVERAGE" -gt 1 ] && COMMAND="$COMMAND --average $AVERAGE"
if [ ${#RULE[@]} -gt 0 ]; then COMMAND="$COMMAND ${RULE[*]}"; else COMMAND="$COMMAND --perceptron"; fi

swift build -c release --product ner-tool >&2
TRAINED="$(date -u +%Y-%m-%dT%H:%MZ)"
if [ "$RESCORE" = 1 ]; then
    CARD="$RES/model-card.txt"
    COMMAND="$(sed -n 's/^command: //p' "$CARD")"
    TRAINED="$(sed -n 's/^date: //p' "$CARD")"
    sed -n '/^## training log$/,$p' "$CARD" | tail -n +2 > "$OUT/train.log"
fi
[ "$RESCORE" = 1 ] || : > "$OUT/train.log"
MODELS=()
[ "$RESCORE" = 1 ] || for S in $(seq "$SEED" $((SEED + AVERAGE - 1))); do
    [ "$AVERAGE" -gt 1 ] && echo "== seed $S" | tee -a "$OUT/train.log" >&2
    "$TOOL" train-ner --train "$DATA/train.txt" --dev "$DATA/dev.txt" --out "$OUT/model-$S.bin" \
        --epochs "$EPOCHS" --seed "$S" --dropout "$DROPOUT" ${RULE[@]+"${RULE[@]}"} \
        --resources Sources/TextAnalysis/Resources 2>&1 \
        | tee -a "$OUT/train.log" >&2
    MODELS+=(--model "$OUT/model-$S.bin")
done
if [ "$RESCORE" = 1 ]; then
    :
elif [ "$AVERAGE" -gt 1 ]; then
    "$TOOL" average-ner "${MODELS[@]}" --out "$OUT/model.bin" --command "$COMMAND" | tee -a "$OUT/train.log" >&2
else
    cp "$OUT/model-$SEED.bin" "$OUT/model.bin"
fi
[ "$RESCORE" = 1 ] || cp "$OUT/model.bin" "$RES/model.bin"
for split in dev test; do
    "$TOOL" ner --conll "$DATA/$split.txt" --model "$RES/model.bin" --resources Sources/TextAnalysis/Resources \
        > "$OUT/$split.tagged"
    "$TOOL" score-ner "$OUT/$split.tagged" > "$OUT/$split.score"
done
"$TOOL" calibration --conll "$DATA/dev.txt" --model "$RES/model.bin" > "$OUT/calibration.txt"
f1() { sed -n 's/.*FB1: *\([0-9.]*\).*/\1/p' "$OUT/$1.score" | head -1; }
{
    echo "# Entity tagger model card: how $RES/model.bin was made and what it scores."
    echo "# Tests read dev-f1 as the regression floor (minus 0.5); keep it in sync by re-running this script."
    echo "# FORMAT: key: value lines, then free text"
    echo "dev-f1: $(f1 dev)"
    echo "test-f1: $(f1 test)"
    echo "command: $COMMAND"
    echo "date: $TRAINED"
    echo "model-bytes: $(wc -c < "$RES/model.bin")"
    echo
    echo "## dev (conlleval semantics; the spans the tagger reports: more likely than not, NERSpanSelection.swift)"
    cat "$OUT/dev.score"
    echo
    echo "## test (reported only; never used to choose anything)"
    cat "$OUT/test.score"
    echo
    echo "## calibration on dev"
    cat "$OUT/calibration.txt"
    echo
    echo "## training log"
    grep -v '^fold' "$OUT/train.log"
} > "$RES/model-card.txt"
cat "$RES/model-card.txt"
