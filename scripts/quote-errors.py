#!/usr/bin/env python3
# usage: scripts/quote-errors.py DUMP.jsonl [--data DIR] [--summary] [--fn] [--fp] [--by-cue] [--speaker] [--examples N]
# Reads Byline's quotes as `byline score-quotes --dump DUMP.jsonl` writes them and PolNeAR gold (first annotator's
# file per article, as the scorer does), matches them the way QuoteScorer does (word Jaccard >= 0.5, one-to-one,
# best pairs first) and lists what did not match: gold contents missed (--fn, grouped by the gold cue with --by-cue)
# and system quotes with no gold (--fp, grouped by rule). For error analysis only; the figures come from the scorer.
import argparse, collections, json, os, re

def scored_ranges(q):
    """The ranges whose words the scorer reads: a split quote's parts, else its whole range."""
    return [tuple(r) for r in q.get("parts") or [q["quote_chars"]]]

def words(text, ranges):
    out = set()
    for s, e in ranges:
        for m in re.finditer(r"[^\W_]+", text[s:e]):
            out.add(s + m.start())
    return out

def gold_of(ann, text):
    spans, rels = {}, []
    for line in ann.splitlines():
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        if cols[0].startswith("T"):
            role, _, rest = cols[1].partition(" ")
            rs = []
            for piece in rest.split(";"):
                a = piece.split()
                if len(a) == 2:
                    rs.append((int(a[0]), int(a[1])))
            spans[cols[0]] = (role, rs)
        elif cols[0].startswith("E"):
            rels.append(dict(p.split(":", 1) for p in cols[1].split() if ":" in p))
    out = []
    for r in rels:
        c = spans.get(r.get("Content", ""), (None, []))[1]
        if not c:
            continue
        src = spans.get(r.get("Source", ""), (None, []))[1]
        cue = spans.get(r.get("Cue", ""), (None, []))[1]
        direct = any(ch in "“”\"" for s, e in c for ch in text[s:e])
        mixed = False
        for s, e in c:
            inside = False
            for ch in text[s:e]:
                if ch == "“": inside = True
                elif ch == "”": inside = False
                elif ch == '"': inside = not inside
                elif not inside and (ch.isalpha() or ch.isdigit()): mixed = direct
        out.append({"content": c, "source": src, "cue": cue, "direct": direct, "mixed": mixed})
    return out

def articles(dump, data):
    """(file name, text, gold contents, system quotes) per article that has an annotation file (the first
    annotator's, as the scorer takes it)."""
    sysq = collections.defaultdict(list)
    for line in open(dump, encoding="utf-8"):
        if line.strip():
            o = json.loads(line)
            sysq[o["file"]].append(o)
    tdir, adir = os.path.join(data, "text"), os.path.join(data, "attributions")
    anns = sorted(os.listdir(adir))
    for name in sorted(os.listdir(tdir)):
        stem = name[:-4]
        ann = next((x for x in anns if x.startswith(stem + "_")), None)
        if not ann:
            continue
        text = open(os.path.join(tdir, name), encoding="utf-8").read()
        yield name, text, gold_of(open(os.path.join(adir, ann), encoding="utf-8").read(), text), sysq.get(name, [])

def match(gw, sw):
    """The scorer's one-to-one matching of gold and system word sets (Jaccard >= 0.5, best pairs first):
    gold index -> system index and back."""
    pairs = []
    for gi, x in enumerate(gw):
        for si, y in enumerate(sw):
            i = len(x & y)
            if i and x and y:
                j = i / len(x | y)
                if j >= 0.5:
                    pairs.append((-j, gi, si))
    pairs.sort()
    ug, us = {}, {}
    for _, gi, si in pairs:
        if gi not in ug and si not in us:
            ug[gi] = si; us[si] = gi
    return ug, us

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dump")
    ap.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "../../shared/data/quotes/polnear/dev"))
    ap.add_argument("--fn", action="store_true")
    ap.add_argument("--fp", action="store_true")
    ap.add_argument("--by-cue", action="store_true")
    ap.add_argument("--speaker", action="store_true", help="list matched quotes whose speaker is wrong")
    ap.add_argument("--examples", type=int, default=3)
    ap.add_argument("--summary", action="store_true", help="P/R/F1 by three kinds (direct, indirect, mixed)")
    a = ap.parse_args()
    fns, fps, spk = [], [], []
    k3 = lambda g: "mixed" if g["mixed"] else "direct" if g["direct"] else "indirect"
    tally = collections.Counter()
    for name, text, gold, sq in articles(a.dump, a.data):
        gw = [words(text, g["content"]) for g in gold]
        sw = [words(text, scored_ranges(q)) for q in sq]
        ug, us = match(gw, sw)
        for gi, g in enumerate(gold):
            tally["gold", k3(g)] += 1
            if gi in ug:
                tally["mg", k3(g)] += 1
                q = sq[ug[gi]]
                tally["ms", q.get("kind", "direct")] += 1
            ctext = " | ".join(text[s:e] for s, e in g["content"])
            cue = " ".join(text[s:e] for s, e in g["cue"]).lower()
            src = " ".join(text[s:e] for s, e in g["source"])
            if gi not in ug:
                # The best partial overlap, to tell "missed" from "boundary wrong".
                best, near = max(((len(gw[gi] & y) / max(1, len(gw[gi] | y)), si) for si, y in enumerate(sw)),
                                 default=(0, None))
                fns.append((cue, name, src, ctext, g["direct"], best, sq[near]["quote"] if best > 0 else None))
            elif g["source"]:
                q = sq[ug[gi]]
                sp = q.get("speaker_chars", [])
                if not any(s < e2 and s2 < e for s, e in sp for s2, e2 in g["source"]):
                    spk.append((name, src, q.get("speaker"), q.get("rule"), ctext))
        for si, q in enumerate(sq):
            tally["sys", q.get("kind", "direct")] += 1
            if si not in us:
                best = max((len(sw[si] & x) / max(1, len(sw[si] | x)) for x in gw), default=0)
                fps.append((q.get("rule"), name, q.get("speaker"), q.get("quote"), best))
    if a.summary:
        for k in ("direct", "indirect", "mixed"):
            p = tally["ms", k] / max(1, tally["sys", k]); r = tally["mg", k] / max(1, tally["gold", k])
            print(f"{k:9s} gold {tally['gold', k]:5d} sys {tally['sys', k]:5d}  P {p:.3f} R {r:.3f} "
                  f"F1 {2 * p * r / max(1e-9, p + r):.3f}")
    if a.fn:
        print(f"# {len(fns)} gold contents missed")
        if a.by_cue:
            groups = collections.defaultdict(list)
            for f in fns:
                groups[f[0]].append(f)
            for cue, items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
                part = sum(1 for f in items if f[5] > 0)
                print(f"{len(items):4d}  {cue!r}  (partly overlapped {part})")
                for f in items[: a.examples]:
                    print(f"        [{f[1][:25]}] {f[2]!r} :: {f[3][:160]!r} best={f[5]:.2f}")
        else:
            for f in fns:
                print(f"[{f[1][:30]}] cue={f[0]!r} src={f[2]!r} direct={f[4]} best={f[5]:.2f}\n    {f[3][:300]!r}")
                if f[6] is not None:
                    print(f"    system: {f[6][:300]!r}")
    if a.fp:
        print(f"# {len(fps)} system quotes with no gold")
        groups = collections.defaultdict(list)
        for f in fps:
            groups[f[0]].append(f)
        for rule, items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            print(f"{len(items):4d}  {rule}")
            for f in items[: a.examples]:
                print(f"        [{f[1][:25]}] {f[2]!r} :: {f[3][:160]!r} best={f[4]:.2f}")
    if a.speaker:
        print(f"# {len(spk)} matched quotes with a wrong speaker")
        for s in spk:
            print(f"[{s[0][:25]}] gold={s[1]!r} sys={s[2]!r} rule={s[3]} :: {s[4][:120]!r}")

if __name__ == "__main__":
    main()
