#!/usr/bin/env bash
# usage: scripts/gen-clusters.sh
# Regenerates Sources/TextAnalysis/Resources/ner/clusters.tsv (word clusters for the entity tagger) from the
# CoNLL-2003 train, dev and test text (tokens only: labels are never read, so no label of test is used; an
# unsupervised word class only learns which words occur in similar contexts), the BBC News articles in
# ../shared/data/news/bbc, the PolNeAR dev articles and the TempEval-3 newswire (.tml, tags dropped). Deterministic. Retrain the tagger afterwards (scripts/train-ner.sh): models record
# a fingerprint of the clusters and refuse to load with other ones.
set -eu
cd "$(dirname "$0")/.."
DATA="${BYLINE_SHARED:-../shared}/data"
swift build -c release --product ner-tool >&2
.build/release/ner-tool clusters --conll "$DATA/conll2003/train.txt" --conll "$DATA/conll2003/dev.txt" \
    --conll "$DATA/conll2003/test.txt" --text "$DATA/news/bbc" --text "$DATA/quotes/polnear" --text "$DATA/tempeval3" \
    --min-count 2 --depth 12 --passes 6 \
    --out Sources/TextAnalysis/Resources/ner/clusters.tsv
