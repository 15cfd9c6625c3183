#!/usr/bin/env python3
# usage: scripts/timeml-text.py SRC_DIR DST_DIR
# The plain text of every TimeML file under SRC_DIR's subfolders (the <TEXT> element without its tags, entities
# unescaped), one DST_DIR/NAME.txt per NAME.tml: unlabeled newswire for the NER scripts that harvest or
# pseudo-label names (gen-auto-gazetteer.sh, gen-ner-pseudo.sh).
import html, os, re, sys

src, dst = sys.argv[1], sys.argv[2]
os.makedirs(dst, exist_ok=True)
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
