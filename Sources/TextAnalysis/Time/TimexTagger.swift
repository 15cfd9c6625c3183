// The time-expression component: extraction (TimexExtractor) then normalization (TimexResolver) against the
// document's date. Runs over the body text (after any `date YYYY-MM-DD` prefix); sentences bound the tense
// search but the matcher does not depend on token boundaries. From one timex to the next it carries the anchor for
// anaphora (the last calendar value mentioned) and the quarter under discussion; a value the resolver leaves
// empty ("soon" in a past clause) is dropped.

public struct TimexTagger: AnalysisComponent {
    public let name = "timex"
    public let requires: Set<Annotation> = [.tokens, .sentences]
    public let provides: Set<Annotation> = [.timexes]
    public let extractor: TimexExtractor
    public let resolver = TimexResolver()

    public init(resources: ResourceLoader) throws {
        extractor = try TimexExtractor(resources: resources)
    }

    public func process(_ document: inout Document) {
        let start = min(document.bodyStart, document.scalars.count)
        document.timexes = tag(document.scalars, range: start..<document.scalars.count,
                               sentences: document.sentences.map(\.chars), reference: document.date)
    }

    /// Extracts and resolves; `reference` is the date relative expressions count from (nil leaves X digits).
    public func tag(_ scalars: [Unicode.Scalar], range: Range<Int>? = nil, sentences: [CharRange] = [],
                    reference: CalendarDate?) -> [Timex] {
        var mentioned: String?
        var discussed: String?
        var out: [Timex] = []
        var seconds: [Timex] = []
        var found = extractor.extract(scalars, range: range, sentences: sentences)
        // "04/05/2013" in a document that writes its dates day first is 4 May.
        NumericDateOrder.apply(&found)
        for (i, x) in found.enumerated() {
            // A clock time is dated by the day named right after it ("at 10:30 a.m. (0830 GMT) on Tuesday"),
            // else by the day last mentioned.
            var day = mentioned
            // A clock time in a sentence without a tense cue is a habit unless a day follows it ("at 0900 GMT on
            // Sunday", "at 8 p.m. tonight").
            var tense = x.tense
            if tense == .habitual, i + 1 < found.count, linksClockToDay(scalars, x.chars, found[i + 1].chars),
               found[i + 1].type == .date || found[i + 1].type == .time, found[i + 1].tense != .habitual {
                tense = .none
            }
            // Nor after a date or time earlier in its sentence ("shot on Friday, Oct. 23, 1998, and died by
            // mid-morning"): it is of that day.
            if tense == .habitual, x.value.hasPrefix("UNDEF(anchor-day"),
               Self.datedBefore(found, i,
                                sentenceStart: Tense.sentence(holding: x.chars.start, in: sentences)?.start ?? 0) {
                tense = .none
            }
            if x.value.hasPrefix("UNDEF(anchor-day"), i + 1 < found.count {
                if let v = dayAfterClock(scalars, found, i, reference: reference, mentioned: mentioned,
                                         discussed: discussed) {
                    day = v
                    if tense == .habitual { tense = .none }
                } else if found[i + 1].type == .time, Self.joinsRange(scalars, x.chars, found[i + 1].chars) {
                    // The start of a range of clock times takes the day of its end ("from 1130 to 1215 GMT on
                    // Wednesday", "from 2300 GMT - 0100 GMT on Friday", "between 0700 and 2200 GMT Thursday").
                    let end = found[i + 1]
                    if end.value.hasPrefix("UNDEF(anchor-day") {
                        if let v = dayAfterClock(scalars, found, i + 1, reference: reference, mentioned: mentioned,
                                                 discussed: discussed) {
                            day = v
                            if tense == .habitual, end.tense != .habitual { tense = .none }
                        }
                    } else {
                        let v = resolver.resolve(end.value, reference: reference, tense: end.tense,
                                                 mentioned: mentioned, discussed: discussed)
                        if v.count > 10, CalendarDate(iso: v.prefix(10)) != nil { day = String(v.prefix(10)) }
                    }
                }
            }
            var value = resolver.resolve(x.value, reference: reference, tense: tense, mentioned: day,
                                         discussed: discussed)
            // A vague reference that does not hold in its clause ("it soon became a flood").
            if value.isEmpty { continue }
            // The end of a range ("from Monday to Friday", "between Dec. 28 and Jan. 3") does not come before its
            // start: resolved forward from the start instead.
            if let start = out.last, x.value.hasPrefix("UNDEF(weekday") || x.value.hasPrefix("UNDEF(date"),
               value < start.value, let from = CalendarDate(iso: start.value.prefix(10)),
               Self.joinsRange(scalars, start.chars, x.chars) {
                value = resolver.resolve(x.value, reference: from, tense: .future)
            }
            // The anchor for anaphora is the last calendar value of day, week, month, quarter or year shape.
            // Anaphoric values looking back do not move it: repeated comparisons ("a year earlier" ... "a year
            // earlier") count from the same date, not from each other. A narrative moving on does ("two years
            // later ... the following year").
            if x.type == .date || x.type == .time, !x.value.holds("mentioned"), !x.value.holds("qshift -"),
               !x.value.holds("anchor") || x.value.holds("+"),
               TimexResolver.Anchor(value) != nil { mentioned = value }
            // A duration counted from a date ("two days later", "a day earlier") reaches a point in time, kept for
            // the timeline when it is a calendar value; looking forward it moves the anchor like a date would.
            var point: String?
            if let p = x.point {
                let resolved = resolver.resolve(p, reference: reference, tense: x.tense, mentioned: mentioned,
                                                discussed: discussed)
                if TimexResolver.Anchor(resolved) != nil {
                    point = resolved
                    if p.holds("+") { mentioned = resolved }
                }
            }
            // The quarter under discussion: one named, or "the quarter" (not a comparison a year before).
            // A recent quarter stays under discussion when an earlier one comes up in passing ("rose in the third
            // quarter ... after a flat second quarter"): results report the latest quarter.
            if let q = TimexResolver.quarter(value), !x.value.holds("anchor"),
               !x.value.holds("mentioned-quarter-"), !x.value.holds("year-"), !x.value.holds("qshift"),
               !Self.laterRecentQuarter(discussed, than: q, reference: reference) { discussed = value }
            // Results for the year to date ("the first nine months") end the quarter's discussion: "a year
            // earlier" after them compares whole years to date. (Empty, not nil: the resolver would fall back on
            // the last date mentioned, which may be that quarter.)
            if x.type == .duration, value == "P6M" || value == "P9M" { discussed = "" }
            out.append(Timex(chars: x.chars, type: x.type, value: value, rule: x.rule, mod: x.mod, point: point))
            if let second = Self.secondDay(scalars, after: out[out.count - 1], limit: range?.upperBound) {
                seconds.append(second)
            }
            if let first = Self.firstDay(scalars, before: out[out.count - 1], limit: range?.lowerBound ?? 0) {
                seconds.append(first)
            }
        }
        guard !seconds.isEmpty else { return out }
        // `out` is in text order and its spans do not overlap, so their ends rise too: one binary search finds the
        // only span a second day could overlap (a scan of `out` per second day was quadratic on long texts).
        let extracted = out
        out += seconds.filter { d in
            let lo = extracted.partitioningIndex { $0.chars.end > d.chars.start }
            return lo == extracted.count || !extracted[lo].chars.overlaps(d.chars)
        }
        return out.sorted { $0.chars.start < $1.chars.start }
    }

    /// A DATE or TIME before `found[i]` from `sentenceStart` on.
    static func datedBefore(_ found: [ExtractedTimex], _ i: Int, sentenceStart: Int) -> Bool {
        var j = i - 1
        while j >= 0, found[j].chars.start >= sentenceStart {
            if found[j].type == .date || found[j].type == .time { return true }
            j -= 1
        }
        return false
    }

    /// The day named right after the clock time `found[i]` ("at 10:30 a.m. (0830 GMT) on Tuesday"), resolved.
    func dayAfterClock(_ scalars: [Unicode.Scalar], _ found: [ExtractedTimex], _ i: Int, reference: CalendarDate?,
                       mentioned: String?, discussed: String?) -> String? {
        guard i + 1 < found.count, linksClockToDay(scalars, found[i].chars, found[i + 1].chars) else { return nil }
        let next = found[i + 1]
        let v = resolver.resolve(next.value, reference: reference, tense: next.tense, mentioned: mentioned,
                                 discussed: discussed)
        return v.count == 10 && CalendarDate(iso: Substring(v)) != nil ? v : nil
    }

    /// Only link words (`TimeRuleSet.clockDayLink`), commas and a parenthesis ("(0830 GMT)") between a clock time
    /// and the expression after it.
    func linksClockToDay(_ scalars: [Unicode.Scalar], _ a: CharRange, _ b: CharRange) -> Bool {
        guard a.end <= b.start, b.start - a.end <= 40 else { return false }
        var word = "", depth = 0
        for c in scalars[a.end..<b.start] + [" "] {
            if c == "(" { depth += 1; continue }
            if c == ")" { depth -= 1; if depth < 0 { return false }; continue }
            if depth > 0 { continue }
            if c.properties.isAlphabetic { word.unicodeScalars.append(c); continue }
            if !word.isEmpty {
                guard extractor.rules.clockDayLink.contains(word.lowercased()) else { return false }
                word = ""
            }
            if c != " " && c != "," && c != "." { return false }
        }
        return depth == 0
    }

    /// Whether `discussed` is a recent quarter (`TimexResolver.isRecent`) later than `q`.
    static func laterRecentQuarter(_ discussed: String?, than q: (year: Int, quarter: Int),
                                   reference: CalendarDate?) -> Bool {
        guard let d = discussed.flatMap(TimexResolver.quarter) else { return false }
        return TimexResolver.isRecent(d, reference: reference)
            && TimexResolver.quarterIndex(d) > TimexResolver.quarterIndex(q)
    }

    /// "April 24 and 25", "March 3-4": a bare day number joined to a month-day date is a date of the same
    /// month. (The rule matcher keeps one match per starting word, so this cannot be a rule with context
    /// before its span.)
    static func secondDay(_ scalars: [Unicode.Scalar], after t: Timex, limit: Int?) -> Timex? {
        guard t.type == .date, t.value.count == 10, t.value.dropFirst(4).first == "-",
              let d = t.value.split(separator: "-").last, d.count == 2, !t.value.holds("X") else { return nil }
        let end = min(limit ?? scalars.count, scalars.count)
        var i = t.chars.end
        // The date must end in its day number ("April 24", not "24 April").
        guard i > 0, i <= end, scalars[i - 1].properties.numericType != nil else { return nil }
        func skipSpaces() { while i < end && scalars[i] == " " { i += 1 } }
        skipSpaces()
        if i < end, scalars[i] == "-" || scalars[i] == "\u{2013}" {
            i += 1
        } else if i + 3 <= end, String(String.UnicodeScalarView(scalars[i..<(i + 3)])) == "and" {
            i += 3
        } else if let w = wordAt(scalars, i, end), toLinks.contains(w),
                  rangeStarts.contains(wordBefore(scalars, t.chars.start, lower: 0)) {
            // "from January 6 to 9": a word link only after "from" / "between".
            i += w.unicodeScalars.count
        } else { return nil }
        skipSpaces()
        let start = i
        while i < end && i - start < 3 && ("0"..."9").contains(scalars[i]) { i += 1 }
        guard i > start, i - start <= 2, let day = Int(String(String.UnicodeScalarView(scalars[start..<i]))),
              day > (Int(d) ?? 31), day <= 31 else { return nil }
        // Not a number that goes on ("24 and 25,000", "25.5", "25th").
        if i < end {
            let next = scalars[i]
            if next.properties.isAlphabetic || ("0"..."9").contains(next) { return nil }
            if next == "." || next == ",", i + 1 < end, ("0"..."9").contains(scalars[i + 1]) { return nil }
        }
        let value = t.value.prefix(8) + (day < 10 ? "0\(day)" : "\(day)")
        guard CalendarDate(iso: Substring(value)) != nil else { return nil }
        return Timex(chars: CharRange(start, i), type: .date, value: String(value), rule: t.rule + "+day", mod: nil)
    }

    /// "from 6 to 9 January", "between 6 and 9 January", "10-20 February": a bare day number before a
    /// day-month date, joined to it as the start of a range, is a date of the same month (TimeML tags each end).
    /// A word link needs "from" or "between" before the number; a dash needs only the number.
    static func firstDay(_ scalars: [Unicode.Scalar], before t: Timex, limit: Int) -> Timex? {
        guard t.type == .date, t.value.count == 10, t.value.dropFirst(4).first == "-", !t.value.holds("X"),
              let d = Int(t.value.suffix(2)), t.chars.start < scalars.count,
              ("0"..."9").contains(scalars[t.chars.start]) else { return nil }
        let lower = max(0, limit)
        var i = t.chars.start
        func skipSpaces() { while i > lower && scalars[i - 1] == " " { i -= 1 } }
        skipSpaces()
        var wordLink = false
        if i > lower, scalars[i - 1] == "-" || scalars[i - 1] == "\u{2013}" {
            i -= 1
        } else {
            let w = wordBefore(scalars, i, lower: lower)
            guard w == "and" || toLinks.contains(w) else { return nil }
            i -= w.unicodeScalars.count
            wordLink = true
        }
        skipSpaces()
        let end = i
        while i > lower && end - i < 3 && ("0"..."9").contains(scalars[i - 1]) { i -= 1 }
        guard i < end, end - i <= 2, let day = Int(String(String.UnicodeScalarView(scalars[i..<end]))),
              day >= 1, day < d else { return nil }
        // A number standing alone: not "2.6-9 January", "£10-20 February", "3-10-20".
        if i > lower, scalars[i - 1] != " " && scalars[i - 1] != "(" { return nil }
        if wordLink && !rangeStarts.contains(wordBefore(scalars, i, lower: lower)) { return nil }
        let value = t.value.prefix(8) + (day < 10 ? "0\(day)" : "\(day)")
        guard CalendarDate(iso: Substring(value)) != nil else { return nil }
        return Timex(chars: CharRange(i, end), type: .date, value: String(value), rule: t.rule + "+first-day",
                     mod: nil)
    }

    /// The lowercase word starting at `i` (letters only), if any.
    static func wordAt(_ scalars: [Unicode.Scalar], _ i: Int, _ end: Int) -> String? {
        var j = i
        while j < end && scalars[j].properties.isAlphabetic { j += 1 }
        return j > i ? String(String.UnicodeScalarView(scalars[i..<j])).lowercased() : nil
    }

    /// The lowercase word that ends before `i`, past spaces ("" when there is none).
    static func wordBefore(_ scalars: [Unicode.Scalar], _ i: Int, lower: Int) -> String {
        var k = i
        while k > lower && scalars[k - 1] == " " { k -= 1 }
        var j = k
        while j > lower && scalars[j - 1].properties.isAlphabetic { j -= 1 }
        return String(String.UnicodeScalarView(scalars[j..<k])).lowercased()
    }

    static let toLinks: Set<String> = ["to", "through", "until", "till"]
    static let rangeStarts: Set<String> = ["from", "between"]
    static let rangeLinks: Set<String> = ["to", "through", "thru", "until", "till", "and", "-", "\u{2013}"]

    /// "from A to B", "between A and B", "A - B": the words around two adjacent expressions make a range.
    static func joinsRange(_ scalars: [Unicode.Scalar], _ a: CharRange, _ b: CharRange) -> Bool {
        guard a.end <= b.start, b.start - a.end <= 10 else { return false }
        let link = String(String.UnicodeScalarView(scalars[a.end..<b.start]))
            .trimmingCharacters(in: .whitespaces).lowercased()
        guard rangeLinks.contains(link) else { return false }
        if link == "-" || link == "\u{2013}" { return true }
        // The word before the start: "from" or "between".
        var i = a.start - 1
        while i >= 0 && scalars[i] == " " { i -= 1 }
        var j = i
        while j >= 0 && scalars[j].properties.isAlphabetic { j -= 1 }
        let before = String(String.UnicodeScalarView(scalars[(j + 1)..<(i + 1)])).lowercased()
        return rangeStarts.contains(before)
    }
}

extension String {
    /// `contains` without Foundation's bridge (TimexResolver.find).
    fileprivate func holds(_ part: String) -> Bool { TimexResolver.holds(self, part) }
}
