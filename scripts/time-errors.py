#!/usr/bin/env python3
# usage: scripts/score-time DIR 100000 | scripts/time-errors.py [BUCKET ...]
# Buckets the scorer's VALUE errors (gold vs system value on a relaxed span match) by the shape of the
# disagreement and counts them, with misses and false alarms by rule; names given as arguments also print
# their lines. The buckets are shapes, not verdicts: "week WXX" or "partofday dropped" are the gold leaving out
# what TimeML says (1989-W43, 1998-10-23TNI); read the lines before calling a bucket a system error.
# For error analysis only; the figures come from the scorer.
import collections, re, sys

REFS = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")


def bucket(gold, system, rule):
    if re.fullmatch(r"\d{4}-W\d", gold) and system == gold[:6] + "0" + gold[6:]:
        return "week number not zero-padded in gold (W7)"
    if "WXX" in gold and re.search(r"W\d\d", system):
        return "gold week WXX, system the week"
    if re.fullmatch(r"\d{4}-\d\d-\d\d", gold) and re.fullmatch(r"\d{4}-\d\d-\d\dT(NI|MO|AF|EV)", system) \
            and system[:10] == gold:
        return "part of day dropped in gold"
    if re.match(r"\d{4}-\d\d-\d\dT", gold) and re.match(r"\d{4}-\d\d-\d\dT", system) and gold[:10] != system[:10]:
        return "clock time on another day"
    if "weekday" in rule and gold[:10] != system[:10]:
        return "weekday: another week"
    if re.fullmatch(r"\d{4}(-XX)+", gold) and system == gold[:4]:
        return "gold YYYY-XX for a year"
    if "Q" in gold or "Q" in system:
        return "quarters and fiscal periods"
    if rule.startswith("date-month") or rule.startswith("date-md"):
        return "month without a year: another year"
    if gold.startswith("P") and system.startswith("P"):
        return "duration value"
    if gold in REFS or system in REFS:
        return "vague reference (PAST/PRESENT/FUTURE_REF)"
    if gold.startswith("P") != system.startswith("P"):
        return "duration vs point in time"
    if len(gold) != len(system):
        return "granularity"
    return "other"


def main():
    show = set(sys.argv[1:])
    counts, lines = collections.Counter(), collections.defaultdict(list)
    misses, alarms = collections.Counter(), collections.Counter()
    for line in sys.stdin:
        fields = line.rstrip("\n").split("\t")
        if line.startswith("VALUE"):
            m = re.match(r"gold (\S+) sys (\S+) \((\S+), ref (\S+)\)", fields[1])
            if not m:
                continue
            gold, system, rule, _ = m.groups()
            b = bucket(gold, system, rule)
            counts[b] += 1
            lines[b].append(f"{fields[0][6:]}  {gold} | {system} | {rule} | {fields[2]}")
        elif line.startswith("MISS"):
            misses[fields[1].split()[0]] += 1
        elif line.startswith("FALSE"):
            alarms[fields[2] if len(fields) > 2 else "?"] += 1
    for b, n in counts.most_common():
        print(f"{n:4}  {b}")
    print(f"{sum(counts.values()):4}  value errors; misses by gold type {dict(misses)}; "
          f"{sum(alarms.values())} false alarms, most by rule: {dict(alarms.most_common(8))}")
    for b in counts:
        if b in show:
            print(f"== {b}")
            print("\n".join(lines[b]))


if __name__ == "__main__":
    main()
