#!/usr/bin/env python3
"""usage: scripts/gen-org-gazetteers.py [--no-misc] [--multi-word-companies]
   needs (in a venv: python3 -m venv /tmp/venv-gaz; /tmp/venv-gaz/bin/pip install --no-deps ...):
     pytickersymbols==1.17.10   MIT; index companies, data from Wikipedia (CC BY-SA) per its build notes
     cleanco==2.3               MIT; company legal-form terms (Inc, Ltd, AG, GmbH, S.p.A. ...)
     nba_api==1.12.0            MIT; nba_api.stats.static.teams (the 30 NBA teams, shipped in the package)
     football-team-names-zh==0.1.0  MIT; 58 European football clubs and 8 leagues with English aliases
     uk-politics==1.0.5         UK party names and nicknames (data CC BY-SA 3.0, Open Parliament Licence v3.0)

Writes the entity tagger's organization gazetteer, Sources/TextAnalysis/Resources/ner/gazetteers/organizations.tsv,
and (unless --no-misc) misc-events.tsv (stock indices and football leagues, which CoNLL-2003 tags MISC), in the
format of scripts/gen-gazetteers.py, and adds them to index.txt. Everything is read from data shipped inside the
packages: no downloads at run time. Same package versions give the same files (sorted, de-duplicated).
A model records a fingerprint of the gazetteers: after changing a list, retrain (scripts/train-ner.sh).
Not installed (2026-11-30, Resources/ner/README.md): with these lists dev-unseen F1 fell 0.4-0.7 and dev 0.15-0.3
against feature version 8, so running this script leaves the installed model unloadable until it is retrained;
it is kept to re-run the experiment (then scripts/eval-ner-seeds.sh).
"""
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "Sources", "TextAnalysis", "Resources", "ner", "gazetteers")

# the writer, phrase checks and accent folding of the other lists (no __pycache__ left in scripts/)
sys.dont_write_bytecode = True
_spec = importlib.util.spec_from_file_location("gen_gazetteers", os.path.join(HERE, "gen-gazetteers.py"))
gg = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gg)

# Legal-form terms that are also common English (or unit) words; matching is case-insensitive, so "as" or "kg"
# would fire on every "as" and every weight.
ENGLISH = {"as", "ad", "at", "et", "da", "be", "do", "is", "it", "of", "on", "or", "so", "to", "we", "kg", "pp", "pt",
           "mb", "sd", "og", "oe", "ee", "ks", "kt", "nl", "hb", "ij", "kb", "kd", "ky", "qk", "xk", "xt", "ae", "aj",
           "ay", "ss", "sp", "od", "ed", "dd", "ev", "eu", "vat", "fie", "dat", "ans", "sal", "esv", "company",
           "private", "limited", "unlimited", "incorporated", "corporation", "teo", "tov", "pc", "sl", "sf", "ec"}


def tokens(name):
    """A name as CoNLL-style tokens: possessive 's split off ("McDonald 's")."""
    return " ".join(name.replace("'s ", " 's ").split()) if name else name


def org_suffixes():
    """Single-token legal forms (Inc, Ltd, plc, AG, NV, GmbH, S.p.A., SpA ...) from cleanco, dotted and undotted."""
    import cleanco.termdata as td
    rows = []
    for terms in td.terms_by_type.values():
        for t in terms:
            t = t.strip()
            if " " in t or not t.isascii():
                continue
            for form in {t, t.rstrip("."), t.replace(".", "")}:
                if len(form) >= 2 and form.lower() not in ENGLISH and any(c.isalpha() for c in form):
                    rows.append((form, "org-suffix", "ORG"))
    return rows


def companies(min_tokens):
    """Companies of 20 stock indices (AEX, DAX, FTSE 100, S&P 500, Nikkei 225 ...): the name as listed and its
    base without the legal form (cleanco.basename: 'Deutsche Bank AG' -> 'Deutsche Bank'); names of fewer than
    min_tokens tokens left out (one-word names are often also surnames or common words: 'Ford', 'Target')."""
    import pytickersymbols.indices_data as data
    from cleanco import basename
    rows = []
    for index in data.INDICES.values():
        for c in index["companies"]:
            name = c["name"].strip()
            base = basename(name).strip()
            for n in [name] + ([base] if base and base != name and len(base) >= 3 else []):
                if len(tokens(n).split(" ")) >= min_tokens:
                    rows.append((tokens(n), "company", "ORG"))
    return rows


def sports_clubs():
    """NBA teams (full names: nicknames alone are common words, 'Heat', 'Magic') and European football clubs (name
    and English aliases)."""
    from nba_api.stats.static import teams
    import football_team_names_zh.data as fb
    rows = []
    for t in teams.get_teams():
        rows.append((t["full_name"], "sports-club", "ORG"))
    for t in fb.TEAMS_DATA:
        for n in [t["name"]] + t.get("aliases", []):
            if n.isascii() and len(n) >= 3:
                rows.append((n, "sports-club", "ORG"))
    return rows


def parties():
    """UK political parties: full names and the nicknames of four letters or more, minus generic words."""
    import csv
    # the package's __init__ needs pandas; only its data folder is read
    folder = os.path.dirname(importlib.util.find_spec("uk_politics").origin)
    path = os.path.join(folder, "data", "party_nicknames.csv")
    generic = {"other", "speaker", "independent", "independent party", "some other party", "brexit", "reform",
               "respect", "green", "independent candidate", "alliance", "plaid", "abstain", "none", "no vote"}
    rows = []
    with open(path, encoding="utf-8-sig") as f:
        for rec in csv.reader(f):
            for n in rec:
                n = n.strip()
                if len(n) >= 4 and n[0].isupper() and n.lower() not in generic and not n.startswith("I "):
                    rows.append((n, "party", "ORG"))
    return rows


def misc_events():
    """Stock index names (CoNLL-2003 tags 'DAX', 'FTSE 100', 'Nikkei' MISC) and football leagues ('Bundesliga')."""
    import pytickersymbols.indices_data as data
    import football_team_names_zh.data as fb
    rows = []
    for key, index in data.INDICES.items():
        for n in {key.replace("_", " "), index["name"].replace("_", " ")}:
            rows.append((n, "stock-index", "MISC"))
            word, _, rest = n.partition(" ")
            if rest.isdigit() and len(word) >= 4 and word.isupper():  # "NIKKEI 225" -> "NIKKEI" (matching ignores case)
                rows.append((word, "stock-index", "MISC"))
    for lg in fb.LEAGUES_DATA:
        for n in [lg["name"]] + lg.get("aliases", []):
            if n.isascii() and len(n) >= 3:
                rows.append((n, "league", "MISC"))
    return rows


def main():
    files = [gg.write("organizations.tsv", [
        "Organization names and words: companies of 20 stock indices with and without their legal form",
        "(pytickersymbols 1.17.10, MIT; names from Wikipedia), legal-form terms 'org-suffix' (cleanco 2.3, MIT),",
        "NBA teams (nba_api 1.12.0, MIT), European football clubs (football-team-names-zh 0.1.0, MIT), UK",
        "political parties and nicknames (uk-politics 1.0.5, data CC BY-SA 3.0). Generated by",
        "scripts/gen-org-gazetteers.py; do not edit by hand.",
    ], ["Deutsche Bank", "GmbH", "Manchester United", "Liberal Democrats"],
        companies(2 if "--multi-word-companies" in sys.argv[1:] else 1) + org_suffixes() + sports_clubs() + parties())]
    if "--no-misc" not in sys.argv[1:]:
        files.append(gg.write("misc-events.tsv", [
            "Stock index names (pytickersymbols 1.17.10, MIT) and European football leagues (football-team-names-zh",
            "0.1.0, MIT); CoNLL-2003 tags both MISC. Generated by scripts/gen-org-gazetteers.py; do not edit.",
        ], ["FTSE 100", "Bundesliga"], misc_events()))
    index = os.path.join(OUT, "index.txt")
    with open(index, encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f]
    lines = [line for line in lines if line not in ("organizations.tsv", "misc-events.tsv")] + files
    with open(index, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
