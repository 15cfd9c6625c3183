#!/usr/bin/env python3
# usage: scripts/quote-boundaries.py DUMP.jsonl [--data DIR] [--examples N] [--class NAME] [--fp]
# Boundary errors of Byline's quotes against PolNeAR gold: system quotes (from `byline score-quotes --dump F`)
# that overlap a gold content span but did not match it (word Jaccard < 0.5 under the scorer's one-to-one
# matching). Each is put into one class by how its span differs from the gold span it overlaps most: it includes
# the cue or source, it starts early/late, it stops early (at a comma, at a clause word) or runs long (into the next
# sentence, into the writer's clause), it joins two gold spans, or it is one of two system quotes for one gold span.
# With --fp, system quotes with no gold overlap at all are listed by rule. For error analysis only.
import argparse, collections, importlib.util, json, os, re

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("qe", os.path.join(here, "quote-errors.py"))
qe = importlib.util.module_from_spec(spec)
spec.loader.exec_module(qe)


def span(ranges):
    return min(s for s, _ in ranges), max(e for _, e in ranges)


def has_sentence_break(t):
    return re.search(r"[.!?][”\"’']?\s+[“\"‘]?[A-Z]", t) is not None or "\n" in t.strip()


def first_words(t, n=3):
    return " ".join(re.findall(r"[^\W_]+|[,;:—–-]", t)[:n]).lower()


def edge(piece, strip, across_sentences):
    """What lies between the system's and the gold span's ends: a sentence break, else its first mark or word."""
    if has_sentence_break(piece):
        return across_sentences
    m = piece.lstrip(strip)
    return m[0] if m and m[0] in ",;:—–-(" else first_words(m, 1)


def classify(text, g, q, gspan, sspan):
    gs, ge = gspan
    ss, se = sspan
    out = []
    cue = g["cue"]
    src = g["source"]
    inside = lambda rs: any(ss <= a and b <= se for a, b in rs)
    if len(g["content"]) > 1:
        out.append("gold-discontinuous")
    if src and inside(src) and not any(gs <= a and b <= ge for a, b in src):
        out.append("includes-source")
    elif cue and inside(cue) and not any(gs <= a and b <= ge for a, b in cue):
        out.append("includes-cue")
    # start
    if ss < gs - 1:
        extra = text[ss:gs]
        out.append("starts-early:prev-sentence" if has_sentence_break(extra) else "starts-early")
    elif ss > gs + 1:
        miss = text[gs:ss]
        out.append("starts-late:sentence" if has_sentence_break(miss) else "starts-late:" + first_words(miss, 1))
    # end
    if se < ge - 1:
        out.append("stops-early:" + edge(text[se:ge], " ”\"’'", "gold-multi-sentence"))
    elif se > ge + 1:
        out.append("runs-long:" + edge(text[ge:se], " ”\"’'.", "next-sentence"))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dump")
    ap.add_argument("--data", default=os.path.join(here, "../../shared/data/quotes/polnear/dev"))
    ap.add_argument("--examples", type=int, default=2)
    ap.add_argument("--cls", default=None, help="list every example of classes containing this string")
    ap.add_argument("--fp", action="store_true", help="list system quotes with no gold overlap, by rule")
    a = ap.parse_args()
    primary = collections.Counter()
    detail = collections.Counter()
    examples = collections.defaultdict(list)
    fps = collections.defaultdict(list)
    nsys = nmatch = 0
    for name, text, gold, sq in qe.articles(a.dump, a.data):
        gw = [qe.words(text, g["content"]) for g in gold]
        sw = [qe.words(text, qe.scored_ranges(q)) for q in sq]
        ug, us = qe.match(gw, sw)
        nsys += len(sq); nmatch += len(us)
        for si, q in enumerate(sq):
            if si in us:
                continue
            over = [(len(sw[si] & gw[gi]), gi) for gi in range(len(gold)) if sw[si] & gw[gi]]
            if not over:
                fps[q.get("rule")].append((name, q))
                continue
            _, gi = max(over)
            g = gold[gi]
            gspan, sspan = span(g["content"]), tuple(q["quote_chars"])
            j = len(sw[si] & gw[gi]) / len(sw[si] | gw[gi])
            # one system quote over two or more gold spans, or a gold span already matched by another quote
            ngold = sum(1 for x in over if x[0] >= 0.3 * len(gw[x[1]]))
            if ngold >= 2:
                cls = ["joins-golds"]
            elif gi in ug:
                cls = ["gold-taken-by-other"]
            else:
                cls = classify(text, g, q, gspan, sspan) or ["same-extent?"]
            key = cls[0] if cls[0] in ("joins-golds", "gold-taken-by-other") else next(
                (c for c in cls if c.startswith(("includes", "stops-early", "runs-long"))), cls[0])
            primary[key] += 1
            for c in cls:
                detail[c] += 1
            ex = (name, j, q.get("rule"), text[gspan[0]:gspan[1]], q["quote"], cls)
            examples[key].append(ex)
    print(f"# system {nsys}, matched {nmatch}, boundary errors {sum(primary.values())}, "
          f"no gold overlap {sum(len(v) for v in fps.values())}")
    print("## primary class (includes > stops-early > runs-long > other)")
    for k, v in primary.most_common():
        print(f"{v:4d}  {k}")
        shown = examples[k] if a.cls and a.cls in k else examples[k][: a.examples]
        for name, j, rule, gt, st, cls in shown:
            print(f"        [{name[:28]}] J={j:.2f} {rule} {cls}\n          gold: {gt[:240]!r}\n          sys:  {st[:240]!r}")
    print("## every class label")
    for k, v in detail.most_common():
        print(f"{v:4d}  {k}")
    if a.fp:
        print("## no gold overlap, by rule")
        for rule, items in sorted(fps.items(), key=lambda kv: -len(kv[1])):
            print(f"{len(items):4d}  {rule}")
            for name, q in items:
                print(f"        [{name[:28]}] {q.get('speaker')!r} :: {q['quote'][:200]!r}")


main()
