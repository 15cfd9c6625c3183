#!/usr/bin/env python3
# usage: scripts/score-time DIR 100000 | scripts/time-errors.py [BUCKET ...]
# Buckets the scorer's VALUE errors (gold vs system value on a relaxed span match) by the phenomena of the time
# issue (reference time, tense direction, granularity, PRESENT_REF, durations, quarters/fiscal, sets, extent,
# gold notation), each with the shape of the disagreement, and counts them, with misses and false alarms by rule;
# "phenomenon: shape" names given as arguments also print their lines. The shapes are not verdicts: "gold leaves
# the week unspecified" or "part of day differs" are the gold leaving out what TimeML says (1989-W43,
# 1998-10-23TNI); read the lines before calling a bucket a system error. Only "gold notation" and "gold
# inconsistent" (a gold date that is not the named weekday) are decided by shape.
# For error analysis only; the figures come from the scorer.
import collections, datetime, re, sys

REFS = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def weekday_of(value):
    """0 = Monday for a value that starts with a calendar day, else None."""
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", value)
    return datetime.date(*map(int, m.groups())).weekday() if m else None


def bucket(gold, system, rule, text):
    """(phenomenon, shape): the phenomenon of the time issue the error belongs to and the shape of the
    disagreement; only the "gold notation" and "gold inconsistent" phenomena put it on the gold's side."""
    low = text.lower()
    named = [i for i, d in enumerate(WEEKDAYS) if d in low]
    if re.fullmatch(r"\d{4}-W\d", gold) and system == gold[:6] + "0" + gold[6:]:
        return "gold notation", "week number not zero-padded in gold (W7)"
    if re.fullmatch(r"\d{4}(-XX)+", gold) and system == gold[:4]:
        return "gold notation", "gold YYYY-XX for a year"
    if named and weekday_of(gold) is not None and weekday_of(gold) != named[0]:
        return "gold inconsistent", f"gold date is not a {WEEKDAYS[named[0]]}"
    if named and weekday_of(gold) is not None and gold[:10] == system[:10]:
        return "part of day", "same day, part of day differs (gold drops it or TEV/TNI)"
    if re.fullmatch(r"\d{4}-(WXX|QX|XX)", gold) or re.fullmatch(r"\d{4}-\d\d-XX", gold) \
            or re.fullmatch(r"\d{3}X", gold):
        return "granularity", "gold leaves the week/quarter/day unspecified (WXX, QX, XX)"
    if re.match(r"\d{4}-\d\d-\d\dT", gold) and re.match(r"\d{4}-\d\d-\d\dT", system) and gold[:10] != system[:10]:
        return "reference time", "clock time: DCT day vs the day last mentioned"
    if named and weekday_of(gold) is not None:
        return "tense direction", "weekday in another week"
    if rule.startswith(("date-month", "date-md", "date-last-month-name", "date-m-last")) and gold[:4] != system[:4]:
        return "tense direction", "month without a year: another year"
    if gold.startswith("XXXX") or rule.startswith("set-"):
        return "sets", "set vs duration/date"
    if "Q" in gold or "Q" in system or re.search(r"-H\d", gold):
        return "quarters/fiscal", "quarter or fiscal period"
    if gold in REFS or system in REFS:
        if "PRESENT_REF" in (gold, system):
            return "PRESENT_REF", "PRESENT_REF vs a date"
        return "vague reference", "PAST/FUTURE_REF vs a value"
    if gold.startswith("P") and system.startswith("P"):
        return "durations", "duration value"
    if gold.startswith("P") != system.startswith("P"):
        if re.search(r"\b(later|earlier|before|after|ago)\b", low) or rule.endswith("anchor") \
                or rule.startswith(("date-units-", "date-years-ago")):
            return "extent", "duration vs anchored date (span with or without 'later/ago/before')"
        return "durations", "duration vs point in time"
    if re.search(r"\b(that|earlier|later|next|following|before|after|same|previous)\b", low) \
            or rule.startswith(("date-units-", "date-year-earlier")):
        return "reference time", "anchored to DCT vs the date last mentioned"
    if len(gold) != len(system) or "W" in gold or "W" in system:
        return "granularity", "another granularity (week/month/day/year)"
    return "other", "other"


def main():
    show = set(sys.argv[1:])
    counts, lines = collections.Counter(), collections.defaultdict(list)
    phenomena = collections.Counter()
    misses, alarms = collections.Counter(), collections.Counter()
    for line in sys.stdin:
        fields = line.rstrip("\n").split("\t")
        if line.startswith("VALUE"):
            m = re.match(r"gold (\S+) sys (\S+) \((\S+), ref (\S+)\)", fields[1])
            if not m:
                continue
            gold, system, rule, _ = m.groups()
            span = re.search(r"\[(.*)\]", fields[2])
            phenomenon, shape = bucket(gold, system, rule, span.group(1) if span else "")
            b = f"{phenomenon}: {shape}"
            counts[b] += 1
            phenomena[phenomenon] += 1
            lines[b].append(f"{fields[0][6:]}  {gold} | {system} | {rule} | {fields[2]}")
        elif line.startswith("MISS"):
            misses[fields[1].split()[0]] += 1
        elif line.startswith("FALSE"):
            alarms[fields[2] if len(fields) > 2 else "?"] += 1
    for p, n in phenomena.most_common():
        print(f"{n:4}  {p}")
        for b, m in counts.most_common():
            if b.startswith(p + ":"):
                print(f"{m:8}  {b[len(p) + 2:]}")
    print(f"{sum(counts.values()):4}  value errors; misses by gold type {dict(misses)}; "
          f"{sum(alarms.values())} false alarms, most by rule: {dict(alarms.most_common(8))}")
    for b in counts:
        if b in show:
            print(f"== {b}")
            print("\n".join(lines[b]))


if __name__ == "__main__":
    main()
