#!/usr/bin/env python3
# usage: scripts/score-ner-unseen.py TAGGED_FILE [TRAIN_FILE]
# Entity F1 split by whether a mention's exact string ever appears as an entity (any type) in the training
# file: "unseen" names are what a newer test set is full of (CoNLL-2003 test, December 1996, has more of them
# than dev), so dev-unseen is a yardstick for generalization that never looks at test. Gold and predicted
# mentions are split by their own string; conlleval semantics (exact span and type) within each part.
# TAGGED_FILE: CoNLL lines whose last two columns are gold and predicted tags (`byline ner --conll FILE`).
# TRAIN_FILE defaults to $BYLINE_SHARED/data/conll2003/train.txt (BYLINE_SHARED defaults to ../shared, as seen from
# the repository root).
import os
import sys


def chunks(rows, column):
    """(start, end, type) spans with conlleval's chunk rules (IOB1 and IOB2 both read)."""
    spans = []
    start, kind = None, None
    prev_tag, prev_type = "O", ""
    for i, row in enumerate(rows + [None]):
        if row is None:
            tag, typ = "O", ""
        else:
            label = row[column]
            tag, typ = (label.split("-", 1) + [""])[:2] if label != "O" else ("O", "")
        end = prev_tag != "O" and (tag == "O" or tag == "B" or typ != prev_type)
        begin = tag != "O" and (tag == "B" or prev_tag == "O" or typ != prev_type)
        if end and start is not None:
            spans.append((start, i, kind))
            start = None
        if begin:
            start, kind = i, typ
        prev_tag, prev_type = tag, typ
    return spans


def read(path):
    """The file's sentences (document breaks dropped); a sentence is a list of split lines."""
    sentences, current = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts or parts[0] == "-DOCSTART-":
                if current:
                    sentences.append(current)
                current = []
                continue
            current.append(parts)
    if current:
        sentences.append(current)
    return sentences


def train_names(path):
    names = set()
    for sent in read(path):
        for s, e, _ in chunks(sent, -1):
            names.add(" ".join(r[0] for r in sent[s:e]))
    return names


def f1(correct, found, gold):
    p = 100.0 * correct / found if found else 0.0
    r = 100.0 * correct / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: score-ner-unseen.py TAGGED_FILE [TRAIN_FILE]")
    shared = os.environ.get("BYLINE_SHARED", "../shared")
    train = sys.argv[2] if len(sys.argv) == 3 else os.path.join(shared, "data/conll2003/train.txt")
    seen = train_names(train)
    # counts[part][type] = [correct, found, gold]
    counts = {p: {} for p in ("seen", "unseen")}
    for sent in read(sys.argv[1]):
        gold = set(chunks(sent, -2))
        pred = set(chunks(sent, -1))
        for spans, slot in ((gold, 2), (pred, 1)):
            for s, e, t in spans:
                part = "seen" if " ".join(r[0] for r in sent[s:e]) in seen else "unseen"
                counts[part].setdefault(t, [0, 0, 0])[slot] += 1
                if slot == 1 and (s, e, t) in gold:
                    counts[part][t][0] += 1
    for part in ("seen", "unseen"):
        total = [sum(c[k] for c in counts[part].values()) for k in range(3)]
        p, r, f = f1(*total)
        print(f"{part:>6}: {total[2]:5d} gold {total[1]:5d} found  precision {p:6.2f}  recall {r:6.2f}  FB1 {f:6.2f}")
        for t in sorted(counts[part]):
            p, r, f = f1(*counts[part][t])
            print(f"{t:>14}: {counts[part][t][2]:5d} gold  precision {p:6.2f}  recall {r:6.2f}  FB1 {f:6.2f}")


if __name__ == "__main__":
    main()
