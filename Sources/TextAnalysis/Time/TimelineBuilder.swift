// The timeline: each time expression that anchors its sentence to a date becomes an event carrying the
// sentence, the entities mentioned in it and the quotes overlapping it.
//
// Which expressions anchor: DATE and TIME values with a calendar shape (2019, 2019-05, 2019-W18, 2019-Q2,
// 2019-SU, 2019-05-02, 2019-05-02T15:00, 195 for a decade, 19 for a century) and the REF values; plus a
// duration in hours or minutes followed by an anchor word ("hours after"), which puts the sentence on the
// reference date; and a duration counted from a date ("two days later"), on the date it reaches (its point).
// Values with unknown digits (XXXX-WXX-4), other durations and sets anchor nothing, and
// sentences without an anchor are left out.
//
// Order: by the first day of the period; on the same first day the coarser period first (2019 before
// 2019-01-01), then by position in the text. REF values have no date: PAST_REF sorts just before the
// document date's events, PRESENT_REF just after them, FUTURE_REF after every dated event. Without a
// document date the REF events come last in that order.

public struct TimelineBuilder: AnalysisComponent {
    public let name = "timeline"
    public let requires: Set<Annotation> = [.timexes, .sentences, .entities]
    public let provides: Set<Annotation> = [.timeline]
    /// Words after a short duration that tie it to the reporting time ("hours after").
    let anchorWords: Set<String>

    public init(resources: ResourceLoader) throws {
        anchorWords = try TimeRuleSet.wordSet(resources, "time/patterns/anchor-after.txt")
    }

    public func process(_ document: inout Document) {
        document.timeline = build(document)
    }

    public func build(_ doc: Document) -> [TimelineEvent] {
        var keyed: [(key: (Int, Int, Int), event: TimelineEvent)] = []
        let refDay = doc.date?.dayNumber
        let spans = SpanIndex(doc)
        for (i, t) in doc.timexes.enumerated() {
            var date = t.value
            var anchor: (start: Int, granularity: String, rank: Int)?
            switch t.type {
            case .date, .time:
                anchor = Self.anchor(t.value, refDay: refDay)
            case .duration:
                if let point = t.point {
                    date = point
                    anchor = Self.anchor(point, refDay: refDay)
                } else if let ref = doc.date, t.value.hasPrefix("PT"),
                   anchorWords.contains(nextWord(doc, after: t.chars.end)) {
                    date = ref.description
                    anchor = (ref.dayNumber, "day", 8)
                }
            case .set:
                break
            }
            guard let a = anchor else { continue }
            let s = sentenceIndex(doc, t.chars.start)
            let chars = s.map { doc.sentences[$0].chars } ?? t.chars
            let entities = spans.entities(within: chars, doc)
            let quotes = spans.quotes(overlapping: chars, doc)
            keyed.append(((a.start, a.rank, t.chars.start),
                          TimelineEvent(date: date, granularity: a.granularity, chars: chars, sentence: s ?? -1,
                                        timex: i, entities: entities.sorted(), quotes: quotes)))
        }
        return keyed.sorted { $0.key < $1.key }.map(\.event)
    }

    /// The lowercased word starting after `at` (skipping spaces).
    func nextWord(_ doc: Document, after at: Int) -> String {
        var i = at
        while i < doc.scalars.count, TimeScanner.isSpace(doc.scalars[i]) { i += 1 }
        let start = i
        while i < doc.scalars.count, TimeScanner.isLetter(doc.scalars[i]), i - start < 20 { i += 1 }
        return TimeScanner.lowerString(doc.scalars[start..<i])
    }

    func sentenceIndex(_ doc: Document, _ at: Int) -> Int? {
        let lo = doc.sentences.partitioningIndex { $0.chars.end > at }
        return lo < doc.sentences.count && doc.sentences[lo].chars.start <= at ? lo : nil
    }

    /// The first day, granularity name and coarseness rank of a TIMEX3 value, or nil when it anchors nothing.
    static func anchor(_ v: String, refDay: Int?) -> (start: Int, granularity: String, rank: Int)? {
        let far = Int.max / 2
        switch v {
        case "PAST_REF": return (refDay ?? far, "ref", -1)
        case "PRESENT_REF": return (refDay ?? far + 1, "ref", 9)
        case "FUTURE_REF": return (far + 2, "ref", 9)
        default: break
        }
        let scalars = Array(v.unicodeScalars)
        func digits(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= scalars.count else { return nil }
            var n = 0
            for i in r {
                guard TimeScanner.isDigit(scalars[i]) else { return nil }
                n = n * 10 + Int(scalars[i].value - 48)
            }
            return n
        }
        if scalars.count == 2, let c = digits(0..<2) {
            return (CalendarDate(year: c * 100, month: 1, day: 1)!.dayNumber, "century", 0)
        }
        if scalars.count == 3, let d = digits(0..<3) {
            return (CalendarDate(year: d * 10, month: 1, day: 1)!.dayNumber, "decade", 1)
        }
        guard let y = digits(0..<4) else { return nil }
        let jan1 = CalendarDate(year: y, month: 1, day: 1)!.dayNumber
        if scalars.count == 4 { return (jan1, "year", 2) }
        guard scalars.count >= 7, scalars[4] == "-" else { return nil }
        let tail = String(String.UnicodeScalarView(scalars[5...]))
        if let m = digits(5..<7), (1...12).contains(m) {
            if scalars.count == 7 { return (CalendarDate(year: y, month: m, day: 1)!.dayNumber, "month", 5) }
            if scalars.count >= 10, scalars[7] == "-", let d = digits(8..<10),
               let date = CalendarDate(year: y, month: m, day: d), scalars.count == 10 || scalars[10] == "T" {
                return (date.dayNumber, "day", 7)
            }
            return nil
        }
        if tail.hasPrefix("W"), let w = digits(6..<8), (1...53).contains(w),
           scalars.count == 8 || tail.hasSuffix("-WE") {
            return (TimexResolver.isoWeekMonday(year: y, week: w).dayNumber, "week", 6)
        }
        if scalars.count == 7, tail.hasPrefix("Q"), let q = digits(6..<7), (1...4).contains(q) {
            return (CalendarDate(year: y, month: 3 * q - 2, day: 1)!.dayNumber, "quarter", 4)
        }
        if scalars.count == 7, tail.hasPrefix("H"), let h = digits(6..<7), (1...2).contains(h) {
            return (CalendarDate(year: y, month: 6 * h - 5, day: 1)!.dayNumber, "half", 3)
        }
        if scalars.count == 7, let m = TimexResolver.seasonStartMonth[tail] {
            return (CalendarDate(year: y, month: m, day: 1)!.dayNumber, "season", 4)
        }
        return nil
    }
}

/// Mentions and quotes sorted by start, so finding those of one sentence is a binary search, not a scan of the
/// whole document per time expression (which made long texts quadratic).
private struct SpanIndex {
    let mentionsByStart: [Int]
    let quotesByStart: [Int]
    /// Over `quotesByStart`: the largest quote end up to each position (quotes may overlap in principle).
    let quoteEndPrefixMax: [Int]

    init(_ doc: Document) {
        mentionsByStart = doc.mentions.indices.sorted { doc.mentions[$0].chars.start < doc.mentions[$1].chars.start }
        quotesByStart = doc.quotes.indices.sorted { doc.quotes[$0].content.start < doc.quotes[$1].content.start }
        var running = Int.min
        quoteEndPrefixMax = quotesByStart.map { running = max(running, doc.quotes[$0].content.end); return running }
    }

    /// Entity ids of the mentions inside `chars`, ascending.
    func entities(within chars: CharRange, _ doc: Document) -> [Int] {
        var i = mentionsByStart.partitioningIndex { doc.mentions[$0].chars.start >= chars.start }
        var entities = Set<Int>()
        while i < mentionsByStart.count, doc.mentions[mentionsByStart[i]].chars.start <= chars.end {
            let m = doc.mentions[mentionsByStart[i]]
            if chars.contains(m.chars), let e = m.entity { entities.insert(e) }
            i += 1
        }
        return entities.sorted()
    }

    /// Indexes of the quotes overlapping `chars`, ascending.
    func quotes(overlapping chars: CharRange, _ doc: Document) -> [Int] {
        var i = quotesByStart.partitioningIndex { doc.quotes[$0].content.start >= chars.end } - 1
        var found: [Int] = []
        while i >= 0, quoteEndPrefixMax[i] > chars.start {
            if doc.quotes[quotesByStart[i]].content.overlaps(chars) { found.append(quotesByStart[i]) }
            i -= 1
        }
        return found.sorted()
    }
}
