// Step two of two: turns the extractor's underspecified values into TIMEX3 values against a reference date
// given as an argument (the article date; never the clock). Each `UNDEF(spec)` in a value is replaced:
//
//   day, day-1, week+1, month-2, quarter-1, half+1, year-3, decade-1, century   relative to the reference;
//                                                   an X count ("several years ago", year-X) gives PAST_REF
//                                                   (minus) or FUTURE_REF (plus) for the whole value
//   weekday 4 [last|next|this]                      ISO weekday (1 = Monday)
//   date 03 | date 03-18 [last|next|this]           a month, or a month and day, without a year
//   date-on 1 12-06                                 a month and day said with its weekday: of the three years
//                                                   around the reference, the one where it falls on that day
//   q 3 | h 1 | season SU [last|next|this]          a quarter, half or season without a year
//   weekend [last|next|this]                        the weekend around the reference (2021-W10-WE)
//   decade 9                                        a decade without century ("the '90s")
//   holiday 12-25 | holiday 11-4-4 [last|next|...]  a fixed date, or the 4th Thursday of November; 05-1-L
//                                                   the last Monday of May; 11-1-1+1 a day after the first
//                                                   Monday of November; easter, easter-2 (see `holiday`)
//   holiday-week 12-25 [last|next|...]              the ISO week holding the holiday ("Christmas week")
//   shift -1 <spec> | week-of <spec>                another spec's day moved by N days ("the day before last
//                                                   Tuesday"), or its ISO week ("the week of March 6")
//   qshift -4 <spec>                                another spec's quarter moved by N quarters ("the
//                                                   year-ago third quarter")
//   mentioned-half 2                                the second half of the year last named (2005, 2005-Q1,
//                                                   2005-H1) or of a recent quarter's; else nothing
//   mentioned-quarter[-N] [ending MM]               the quarter under discussion if recent (one of the
//                                                   three before the reference's: results come after a
//                                                   quarter ends, fiscal quarters lag), else the one before
//                                                   the reference's ("the quarter", "the latest period"); N
//                                                   quarters before that ("the year-earlier quarter": -4);
//                                                   "ending 07": else the calendar quarter most of the three
//                                                   months to the last July fall in (2021-Q2); "only": else
//                                                   nothing (the timex is dropped)
//   year-quarter 1988                               "the 1988 period": 1988 and the number of the quarter
//                                                   under discussion (1988-Q3), else the year 1988
//   year-1 mentioned                                a year before the last-mentioned date when that was a
//                                                   quarter ("profit ... in the third quarter, up from $2 a
//                                                   year ago" is 2020-Q3), else relative to the reference;
//                                                   year-5 mentioned is always relative to the reference
//   anchor day | anchor year+1 | anchor month-2     anaphora: relative to the last-mentioned date at its own
//                                                   granularity ("that day", "the following year", "a month
//                                                   earlier"); digits it lacks stay X (a month anchor gives
//                                                   "that day" 1998-10-XX); no mention: the reference.
//                                                   A quarter anchor shifts "year-1" by four quarters
//                                                   (a comparison with the same quarter a year before),
//                                                   and so does a day or month while a recent quarter is
//                                                   under discussion.
//   recent-year                                     the year of the last-mentioned date if that is the
//                                                   reference's year or the one before, else the reference's
//   anchor-weekday 5 last|next                      the Friday before / after the last-mentioned day
//   anchor-day                                      the last-mentioned day if it has one, else the reference
//                                                   (a clock time: "shot Friday ... at 10 p.m.")
//   anchor-day midnight                             the same, but without a day named a past clause's
//                                                   midnight is the one that began the reference's day
//   past-only <spec>                                the spec in a past clause, else nothing ("overnight")
//   past-anchor year                                in a past clause "anchor year", else "year" ("later in the
//                                                   year": the year under discussion only in a narrative)
//   future-ref                                      FUTURE_REF, or nothing in a past clause ("it soon became
//                                                   a flood" looks ahead from a past time, not from the
//                                                   article's): the tagger drops an empty value
//   tense-ref                                       PAST_REF in a past clause, else FUTURE_REF ("One day,
//                                                   he walked in" against "One day, he will")
//
// Named periods without a direction word follow the clause tense: past picks the latest one starting on or
// before the reference, future the earliest one ending on or after it, as long as that one lies within
// `tenseReach` days (news dates rarely point further; a wrongly read tense then falls back); otherwise, and
// with no tense, the nearest one. Weekdays and month-day dates lean to the past without a tense, as news
// reports what happened, and in a present clause within `leanReach` days; quarters and halves take the latest one begun, or with a future clause one starting
// within 120 days.
// "last"/"next" exclude the period holding the reference; "past"/"future" force the tense ("by May").
// Directions: [last|next|this|past|future] after any named period.
// Without a reference date, the unknown digits become X ("XXXX-WXX-4").

public struct TimexResolver: Sendable {
    public init() {}

    /// Reference years whose relative values (up to a century or so away) keep four-digit years.
    static let resolvableYears = 200...9799

    /// Days a tense may carry a named date away from the reference before the nearest one is taken instead.
    public static let tenseReach = 300

    /// Days a present-tense clause lets a day of a month lean to the past before the nearest one is taken: "the
    /// general election, possibly on 5 May", "the poll is on 5 May as expected", written on 1 March, is the coming
    /// one, not one ten months ago (news names a day that far back with its year or "last year"; an upcoming
    /// one without). No change on TBAQ; on BBC text (reference 2005-03-01) ten dates, all events ahead.
    public static let leanReach = 183

    /// `mentioned`: the last resolved calendar value earlier in the document, for anaphoric specs; `discussed`:
    /// the last quarter named earlier (results compare with it even after other dates come up in between).
    public func resolve(_ value: String, reference: CalendarDate?, tense: Tense, mentioned: String? = nil,
                        discussed: String? = nil) -> String {
        guard Self.holds(value, "UNDEF(") else { return value }
        // A value a century from the reference must still have a four-digit year ("next century" of 9999 is no
        // "100", "last year" of 0000 no "00-1"); a reference that far out counts as none.
        let reference = reference.flatMap { Self.resolvableYears.contains($0.year) ? $0 : nil }
        var out = ""
        var rest = Substring(value)
        while let open = Self.find("UNDEF(", in: rest) {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: ")") else { break }
            let spec = rest[open.upperBound..<close]
            switch resolveSpec(spec, reference, tense, mentioned, discussed) {
            case .value(let v): out += v
            case .whole(let v): return v
            }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    enum Result { case value(String), whole(String) }

    enum Unit: String { case day, week, month, quarter, half, year, decade, century }

    func resolveSpec(_ spec: Substring, _ ref: CalendarDate?, _ tense: Tense, _ mentioned: String?,
                     _ discussed: String? = nil) -> Result {
        let parts = spec.split(separator: " ")
        guard let head = parts.first else { return .value("") }
        // Only a recent quarter counts as the one under discussion.
        var recentQuarter: (year: Int, quarter: Int)?
        if let m = discussed ?? mentioned, let q = Self.quarter(m), Self.isRecent(q, reference: ref) {
            recentQuarter = q
        }
        // "the day before last Tuesday", "the week of March 6": another spec, then a day shift or its ISO week.
        if head == "shift" || head == "week-of" {
            let n = head == "shift" && parts.count > 1 ? Int(parts[1]) : 0
            let inner = parts.dropFirst(head == "shift" ? 2 : 1).joined(separator: " ")
            guard let n, !inner.isEmpty else { return .value("XXXX-XX-XX") }
            let result = resolveSpec(Substring(inner), ref, tense, mentioned, discussed)
            guard case .value(let v) = result, v.count == 10, let d = CalendarDate(iso: Substring(v)) else {
                return result
            }
            if head == "shift" { return .value(d.adding(days: n).description) }
            let (y, w) = Self.isoWeek(d)
            return .value("\(Self.year(y))-W\(TimexExtractor.pad2(w))")
        }
        // "the year-ago third quarter": another spec's quarter moved by N quarters.
        if head == "qshift" {
            guard parts.count > 2, let n = Int(parts[1]) else { return .value("XXXX-QX") }
            let result = resolveSpec(Substring(parts.dropFirst(2).joined(separator: " ")), ref, tense, mentioned,
                                     discussed)
            guard case .value(let v) = result, let q = Self.quarter(v) else { return result }
            return .value(Self.quarterValue(Self.quarterIndex(q) + n))
        }
        if head == "future-ref" { return .whole(tense == .past ? "" : "FUTURE_REF") }
        if head == "tense-ref" { return .whole(tense == .past ? "PAST_REF" : "FUTURE_REF") }
        // "Monday 6 December", "Thursday, April 6": the weekday names the year, one of the three around the
        // reference on which that day falls on it; else (a slip, or no single one) the date as if unnamed.
        if head == "date-on" {
            guard parts.count >= 3, let wd = Int(parts[1]) else { return .value("XXXX-XX-XX") }
            let md = parts[2].split(separator: "-").compactMap { Int($0) }
            if let ref, md.count == 2 {
                let on = ((ref.year - 1)...(ref.year + 1))
                    .compactMap { CalendarDate(year: $0, month: md[0], day: md[1]) }
                    .filter { $0.weekday == wd }
                if on.count == 1 { return .value(on[0].description) }
            }
            return resolveSpec(Substring("date " + parts[2]), ref, tense, mentioned, discussed)
        }
        // "the year": the year under discussion when the last date named falls in this year or the last one ("the
        // early months of 2004 kept the year as a whole ..."), else the reference's (a year long past named
        // before is seldom the one meant: "Federer began the year as world number one").
        if head == "recent-year" {
            guard let ref else { return .value("XXXX") }
            if let a = mentioned.flatMap(Anchor.init), a.year == ref.year || a.year == ref.year - 1 {
                return .value(Self.year(a.year))
            }
            return .value(Self.year(ref.year))
        }
        // "overnight" (`past-only <spec>`): a night only in a past clause; in others it is mostly "suddenly" ("it
        // will not happen overnight", "you do not become a bad team overnight"): no value, and the timex is dropped.
        if head == "past-only" {
            guard tense == .past, parts.count > 1 else { return .whole("") }
            return resolveSpec(Substring(parts.dropFirst().joined(separator: " ")), ref, tense, mentioned, discussed)
        }
        // "later in the year" (`past-anchor year`): in a past clause the period of the last date named ("Sales rose
        // in 1995. Later in the year, they fell."), when that date is as fine as the period (a day or week needs a
        // day named, a month a month: "launched earlier in the day" after "in 1997" is the reference's day); else
        // the reference's ("rates will drop later in the year" looks ahead from the article, whatever year was
        // named before).
        if head == "past-anchor", parts.count == 2 {
            if tense == .past, let a = mentioned.flatMap(Anchor.init) {
                let fine: Bool
                switch parts[1] {
                case "year": fine = true
                case "month": fine = a.month != nil
                case "week": fine = a.date != nil || a.week != nil
                default: fine = a.date != nil
                }
                if fine { return anchored(["anchor", parts[1]], ref, mentioned) }
            }
            return relative(parts[1], ref)
        }
        // A clock time or part of the day in a habit ("clubs stay open till the early hours of the morning") is of
        // no one day.
        if head == "anchor-day" {
            if tense == .habitual { return .value("XXXX-XX-XX") }
            if let d = mentioned.flatMap(Anchor.init)?.date { return .value(d.description) }
            // `anchor-day midnight`: a midnight already passed on the reference's day is the one that began it,
            // the end of the day before in TIMEX3's T24:00 ("stores opened at midnight" is 2021-03-17T24:00 in an
            // article of the 18th; "the curfew starts at midnight" the end of the 18th).
            if parts.count == 2, parts[1] == "midnight", tense == .past { return relative("day-1", ref) }
            return relative("day", ref)
        }
        if head == "anchor" || head == "anchor-weekday" {
            // Results for the year to date under discussion (`discussed` emptied by "the nine months"): "a year
            // earlier" compares them with the year before, not with the quarter last named.
            return anchored(parts, ref, mentioned, recentQuarter, yearToDate: discussed == "")
        }
        // "the second half": a half of the year under discussion, when the last date named was a year, a quarter
        // or a half ("a quiet start to 2005, with the market picking up in the second half") or a recent quarter
        // is being reported; else, as in a match report ("scored in the first half"), no value.
        if head == "mentioned-half", parts.count == 2, let h = Int(parts[1]), (1...2).contains(h) {
            if let m = mentioned, Self.isYearPeriod(m) { return .value("\(m.prefix(4))-H\(h)") }
            if let q = recentQuarter { return .value("\(Self.year(q.year))-H\(h)") }
            return .whole("")
        }
        if head.hasPrefix("mentioned-quarter") {
            // "mentioned-quarter-4": the quarter under discussion a year before ("the year-earlier quarter").
            let back = Int(head.dropFirst("mentioned-quarter-".count)) ?? 0
            if let q = recentQuarter {
                return .value(Self.quarterValue(Self.quarterIndex(q) - back))
            }
            // "the period" names a quarter only while one is under discussion ("the period 2007-2013", "the
            // period fizzled out" in a match report): else no value, and the tagger drops the timex.
            if parts.count == 2, parts[1] == "only" { return .whole("") }
            // "the quarter ended July 31" with none under discussion: the calendar quarter holding most of the
            // three months up to the last such month before the reference (May-July: the second).
            if parts.count == 3, parts[1] == "ending", let m = Int(parts[2]), (1...12).contains(m), let ref {
                let y = m <= ref.month ? ref.year : ref.year - 1
                let (midYear, mid) = m == 1 ? (y - 1, 12) : (y, m - 1)
                return .value(Self.quarterValue(Self.quarterIndex((midYear, (mid - 1) / 3 + 1))))
            }
            return relative("quarter-\(1 + back)", ref)
        }
        if head == "year-quarter", parts.count == 2 {
            // "the 1988 period": that year's quarter numbered like the one under discussion, else the year.
            if let q = recentQuarter { return .value("\(parts[1])-Q\(q.quarter)") }
            return .value(String(parts[1]))
        }
        if parts.count == 2, parts[1] == "mentioned" {
            // Results compare with the same quarter one year back; "fined five years ago" is no comparison.
            if let q = recentQuarter, head == "year-1" {
                return .value(Self.quarterValue(Self.quarterIndex(q) - 4))
            }
            return relative(head, ref)
        }
        let direction = parts.count > 2 ? String(parts[2])
            : (parts.count == 2 && parts[0] == "weekend" ? String(parts[1]) : nil)
        // A named period in a habit ("December is traditionally a quiet month", "always shine on Sunday") is any
        // such period: its year or week stays unknown, as without a reference.
        let ref = tense == .habitual && direction == nil ? nil : ref
        switch head {
        case "weekday":
            guard parts.count >= 2, let d = Int(parts[1]), (1...7).contains(d) else { return .value("XXXX-XX-XX") }
            guard let ref else { return .value("XXXX-WXX-\(d)") }
            let monday = ref.adding(days: 1 - ref.weekday)
            let candidates = (-1...1).map { w -> (Int, Int, String) in
                let day = monday.adding(days: 7 * w + d - 1)
                return (day.dayNumber, day.dayNumber, day.description)
            }
            // "this Sunday" said on a Tuesday is the coming one unless the clause looks back ("they met this
            // Monday"): the nearest day, two days back, was the Sunday of last week.
            if direction == "this" {
                let r = ref.dayNumber
                let c = tense == .past ? candidates.last(where: { $0.0 <= r }) : candidates.first(where: { $0.0 >= r })
                return .value((c ?? candidates[1]).2)
            }
            // "ministers are meeting on Thursday": an arrangement, ahead.
            return .value(pick(candidates, ref, direction, tense == .arranged ? .future : tense, leanPast: true))
        case "date":
            guard parts.count >= 2 else { return .value("XXXX") }
            let md = parts[1].split(separator: "-").compactMap { Int($0) }
            guard let m = md.first, (1...12).contains(m) else { return .value("XXXX") }
            guard let ref else { return .value("XXXX-" + parts[1]) }
            var candidates: [(Int, Int, String)] = []
            for y in (ref.year - 1)...(ref.year + 1) {
                if md.count == 2 {
                    guard let day = CalendarDate(year: y, month: m, day: md[1]) else { continue }
                    candidates.append((day.dayNumber, day.dayNumber, day.description))
                } else {
                    let (a, b) = Self.monthSpan(y, m, months: 1)
                    candidates.append((a, b, "\(Self.year(y))-\(TimexExtractor.pad2(m))"))
                }
            }
            if candidates.isEmpty { return .value("XXXX-" + parts[1]) }
            // "this September" is the one of the reference's year, however far.
            if direction == "this", candidates.count == 3 { return .value(candidates[1].2) }
            // "last February" written in March: the month just gone is "last month", so naming it means the one a
            // year before (helicopters that "crashed last February", said on 1998-03-01, crashed in 1997). Not
            // "last December" in January, which is also last year's.
            if direction == "last", md.count == 1, m == ref.month - 1 {
                return .value("\(Self.year(ref.year - 1))-\(TimexExtractor.pad2(m))")
            }
            return .value(pick(candidates, ref, direction, tense, leanPast: md.count == 2))
        case "q", "h", "season":
            guard parts.count >= 2 else { return .value("XXXX") }
            let label = String(parts[1])
            let (startMonth, months, suffix): (Int, Int, String)
            switch (head, label) {
            case ("q", _): guard let q = Int(label), (1...4).contains(q) else { return .value("XXXX") }
                (startMonth, months, suffix) = (3 * q - 2, 3, "Q\(q)")
            case ("h", _): guard let h = Int(label), (1...2).contains(h) else { return .value("XXXX") }
                (startMonth, months, suffix) = (6 * h - 5, 6, "H\(h)")
            default:
                guard let s = Self.seasonStartMonth[label] else { return .value("XXXX") }
                (startMonth, months, suffix) = (s, 3, label)
            }
            guard let ref else { return .value("XXXX-" + suffix) }
            let candidates = ((ref.year - 1)...(ref.year + 1)).map { y -> (Int, Int, String) in
                let (a, b) = Self.monthSpan(y, startMonth, months: months)
                return (a, b, "\(Self.year(y))-\(suffix)")
            }
            if head != "season", direction == nil {
                // Results are reported after a quarter ends: the latest one begun, unless a future clause
                // points to one starting soon.
                let r = ref.dayNumber
                if tense == .future, let c = candidates.first(where: { $0.1 >= r }), distance(c, r) <= 120 {
                    return .value(c.2)
                }
                return .value((candidates.last(where: { $0.0 <= r }) ?? candidates[0]).2)
            }
            return .value(pick(candidates, ref, direction, tense, leanPast: false))
        case "weekend":
            guard let ref else { return .value("XXXX-WXX-WE") }
            let monday = ref.adding(days: 1 - ref.weekday)
            let candidates = (-1...1).map { w -> (Int, Int, String) in
                let sat = monday.adding(days: 7 * w + 5)
                let (y, wk) = Self.isoWeek(sat)
                return (sat.dayNumber, sat.dayNumber + 1, "\(Self.year(y))-W\(TimexExtractor.pad2(wk))-WE")
            }
            // "this weekend" is the one of the reference's week, also midweek, when the last one is as near.
            if direction == "this" { return .value(candidates[1].2) }
            return .value(pick(candidates, ref, direction, tense, leanPast: true))
        case "holiday", "holiday-week":
            guard parts.count >= 2, let ref else { return .value(head == "holiday" ? "XXXX-XX-XX" : "XXXX-WXX") }
            let candidates = ((ref.year - 1)...(ref.year + 1)).compactMap { y -> (Int, Int, String)? in
                guard let d = Self.holiday(parts[1], year: y) else { return nil }
                guard head == "holiday-week" else { return (d.dayNumber, d.dayNumber, d.description) }
                // "Easter week", "Christmas week": the ISO week holding the holiday.
                let (wy, w) = Self.isoWeek(d)
                let monday = d.adding(days: 1 - d.weekday)
                return (monday.dayNumber, monday.dayNumber + 6, "\(Self.year(wy))-W\(TimexExtractor.pad2(w))")
            }
            guard !candidates.isEmpty else { return .value("XXXX-XX-XX") }
            return .value(pick(candidates, ref, direction, tense, leanPast: false))
        case "decade" where parts.count >= 2:
            // "decade 9", a decade named without its century; a bare "decade" ("this decade") is the reference's.
            guard let d = Int(parts[1]) else { return .value("XXX") }
            guard let ref else { return .value("XX\(d)") }
            // The latest decade with that digit that has started by the reference year.
            var c = ref.year / 100
            if c * 100 + d * 10 > ref.year { c -= 1 }
            return .value("\(c)\(d)")
        default:
            return relative(head, ref)
        }
    }

    /// `unit`, `unit+N`, `unit-N`, `unit-X`.
    func relative(_ spec: Substring, _ ref: CalendarDate?) -> Result {
        var name = spec, offset = 0
        if let sign = spec.firstIndex(where: { $0 == "+" || $0 == "-" }) {
            name = spec[..<sign]
            let n = spec[spec.index(after: sign)...]
            let negative = spec[sign] == "-"
            if n == "X" { return .whole(negative ? "PAST_REF" : "FUTURE_REF") }
            guard let v = Int(n) else { return .value("XXXX") }
            offset = negative ? -v : v
        }
        guard let unit = Unit(rawValue: String(name)) else { return .value("XXXX") }
        guard let ref else {
            let unknown: [Unit: String] = [.day: "XXXX-XX-XX", .week: "XXXX-WXX", .month: "XXXX-XX",
                                           .quarter: "XXXX-QX", .half: "XXXX-HX", .year: "XXXX", .decade: "XXX",
                                           .century: "XX"]
            return .value(unknown[unit]!)
        }
        switch unit {
        case .day: return .value(ref.adding(days: offset).description)
        case .week:
            let (y, w) = Self.isoWeek(ref.adding(days: 7 * offset))
            return .value("\(Self.year(y))-W\(TimexExtractor.pad2(w))")
        case .month:
            let m = ref.year * 12 + ref.month - 1 + offset
            return .value("\(Self.year(Self.floorDiv(m, 12)))-\(TimexExtractor.pad2(Self.floorMod(m, 12) + 1))")
        case .quarter:
            return .value(Self.quarterValue(Self.quarterIndex(of: ref) + offset))
        case .half:
            let h = ref.year * 2 + (ref.month - 1) / 6 + offset
            return .value("\(Self.year(Self.floorDiv(h, 2)))-H\(Self.floorMod(h, 2) + 1)")
        case .year: return .value(Self.year(ref.year + offset))
        case .decade: return .value(String(Self.floorDiv(ref.year, 10) + offset))
        case .century: return .value(String(Self.floorDiv(ref.year, 100) + offset))
        }
    }

    /// A calendar value taken apart: its year and, when it has them, month, day, ISO week or quarter.
    /// A year, or a quarter or half of one: 2005, 2005-Q3, 2005-H1.
    static func isYearPeriod(_ value: String) -> Bool {
        let b = Array(value.utf8)
        guard b.count == 4 || b.count == 7, b[0..<4].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
        return b.count == 4 || (b[4] == UInt8(ascii: "-") && (b[5] == UInt8(ascii: "Q") || b[5] == UInt8(ascii: "H")))
    }

    struct Anchor {
        var year: Int
        var month: Int?
        var day: Int?
        var week: Int?
        var quarter: Int?

        /// Parses 2021, 2021-03, 2021-03-18(T...), 2021-W11, 2021-Q1 (2021-H1 and 2021-SU as their year);
        /// nil for anything else (decades, REF values, durations).
        init?(_ value: String) {
            // Bytes, not splits: the tagger asks this of every timex.
            var b = Array(value.utf8)
            if let t = b.firstIndex(of: UInt8(ascii: "T")) { b.removeSubrange(t...) }
            func number(_ r: Range<Int>) -> Int? {
                guard r.upperBound <= b.count else { return nil }
                return TimexResolver.decimal(b[r])
            }
            // Fields between dashes: the year, then W/Q/month/half/season, then the day.
            var fields: [Range<Int>] = []
            var start = 0
            for (i, c) in b.enumerated() where c == UInt8(ascii: "-") {
                fields.append(start..<i)
                start = i + 1
            }
            fields.append(start..<b.count)
            guard fields[0].count == 4, let y = number(fields[0]) else { return nil }
            year = y
            if fields.count >= 2 {
                let p = fields[1]
                let head = p.isEmpty ? 0 : b[p.lowerBound]
                if head == UInt8(ascii: "W"), let w = number(p.dropFirst()), (1...53).contains(w) { week = w }
                else if head == UInt8(ascii: "Q"), let q = number(p.dropFirst()), (1...4).contains(q) { quarter = q }
                else if p.count == 2, let m = number(p), (1...12).contains(m) {
                    month = m
                    if fields.count >= 3, let d = number(fields[2]), CalendarDate(year: y, month: m, day: d) != nil {
                        day = d
                    }
                } else {
                    let part = String(decoding: b[p], as: UTF8.self)
                    let half = part == "H1" || part == "H2"
                    guard half || TimexResolver.seasonStartMonth[part] != nil else { return nil }
                }
            }
        }

        init(_ d: CalendarDate) { year = d.year; month = d.month; day = d.day }

        var date: CalendarDate? {
            guard let month, let day else { return nil }
            return CalendarDate(year: year, month: month, day: day)
        }
    }

    /// `anchor unit[±N]` and `anchor-weekday D last|next` against the last-mentioned date (else the reference).
    func anchored(_ parts: [Substring], _ ref: CalendarDate?, _ mentioned: String?,
                  _ recentQuarter: (year: Int, quarter: Int)? = nil, yearToDate: Bool = false) -> Result {
        guard parts.count >= 2 else { return .value("XXXX") }
        guard let a = mentioned.flatMap(Anchor.init) ?? ref.map(Anchor.init) else {
            return parts[0] == "anchor-weekday" ? .value("XXXX-XX-XX") : relative(parts[1], nil)
        }
        if parts[0] == "anchor-weekday" {
            guard let d = Int(parts[1]), (1...7).contains(d), let day = a.date else { return .value("XXXX-XX-XX") }
            let forward = parts.count > 2 && parts[2] == "next"
            let delta = forward ? (d - day.weekday + 6) % 7 + 1 : -((day.weekday - d + 6) % 7 + 1)
            return .value(day.adding(days: delta).description)
        }
        let spec = parts[1]
        var name = spec, offset = 0
        if let sign = spec.firstIndex(where: { $0 == "+" || $0 == "-" }) {
            name = spec[..<sign]
            let n = spec[spec.index(after: sign)...]
            if n == "X" { return .whole(spec[sign] == "-" ? "PAST_REF" : "FUTURE_REF") }
            guard let v = Int(n) else { return .value("XXXX") }
            offset = spec[sign] == "-" ? -v : v
        }
        let y = a.year
        switch Unit(rawValue: String(name)) {
        case .day:
            if let d = a.date { return .value(d.adding(days: offset).description) }
            if let m = a.month { return .value("\(Self.year(y))-\(TimexExtractor.pad2(m))-XX") }
            return .value("\(Self.year(y))-XX-XX")
        case .week:
            if let d = a.date {
                let (wy, w) = Self.isoWeek(d.adding(days: 7 * offset))
                return .value("\(Self.year(wy))-W\(TimexExtractor.pad2(w))")
            }
            if let w = a.week {
                // "the following week" moves from the named ISO week, across the year's end if need be.
                let (wy, wk) = Self.isoWeek(Self.isoWeekMonday(year: y, week: w + offset))
                return .value("\(Self.year(wy))-W\(TimexExtractor.pad2(wk))")
            }
            return .value("\(Self.year(y))-WXX")
        case .month:
            guard let m = a.month else {
                // "won in 2002 ... defended her title 12 months later": whole years from a year.
                if offset != 0, offset % 12 == 0 { return .value(Self.year(y + offset / 12)) }
                return .value("\(Self.year(y))-XX")
            }
            let k = y * 12 + m - 1 + offset
            return .value("\(Self.year(Self.floorDiv(k, 12)))-\(TimexExtractor.pad2(Self.floorMod(k, 12) + 1))")
        case .quarter:
            guard let q = a.quarter ?? a.month.map({ ($0 - 1) / 3 + 1 }) else {
                // A year names no quarter to count from ("records began in 1971 ... from 4.6% in the previous
                // quarter" was 1971-QX): a shift counts from the quarter under discussion, else the reference's.
                if offset != 0, let base = recentQuarter ?? ref.map({ ($0.year, ($0.month - 1) / 3 + 1) }) {
                    return .value(Self.quarterValue(Self.quarterIndex(base) + offset))
                }
                return .value("\(Self.year(y))-QX")
            }
            return .value(Self.quarterValue(Self.quarterIndex((y, q)) + offset))
        case .year:
            if let q = a.quarter, offset < 0, !yearToDate {
                return .value("\(Self.year(y + offset))-Q\(q)")
            }
            // A day or month mentioned while a recent quarter is under discussion ("the quarter ended Sept. 30 ...
            // a year earlier", "third-quarter profit ..., it said yesterday; ... a year earlier"): the comparison
            // is with that quarter a year before.
            if let q = recentQuarter, offset < 0, a.month != nil {
                return .value("\(Self.year(y + offset))-Q\(q.quarter)")
            }
            return .value(Self.year(y + offset))
        case .half, .decade, .century, nil:
            return relative(spec, CalendarDate(year: y, month: a.month ?? 1, day: a.day ?? 1))
        }
    }

    /// Chooses among candidate periods (start and end day numbers, label) around the reference.
    func pick(_ candidates: [(Int, Int, String)], _ ref: CalendarDate, _ direction: String?, _ clauseTense: Tense,
              leanPast: Bool) -> String {
        let r = ref.dayNumber
        let tense = direction == "future" ? .future : direction == "past" ? .past : clauseTense
        switch direction {
        case "last":
            return candidates.last(where: { $0.1 < r })?.2 ?? candidates[0].2
        case "next":
            return candidates.first(where: { $0.0 > r })?.2 ?? candidates[candidates.count - 1].2
        case "this":
            return candidates.first(where: { $0.0 <= r && r <= $0.1 })?.2
                ?? candidates.min(by: { distance($0, r) < distance($1, r) })!.2
        default: break
        }
        let nearest = candidates.min(by: { distance($0, r) < distance($1, r) })!
        let chosen: (Int, Int, String)?
        switch tense {
        case .past: chosen = candidates.last(where: { $0.0 <= r })
        case .future: chosen = candidates.first(where: { $0.1 >= r })
        case .present, .none, .habitual, .arranged:
            chosen = leanPast ? candidates.last(where: { $0.0 <= r }) : nearest
        }
        let reach = tense == .present || tense == .arranged ? Self.leanReach : Self.tenseReach
        guard let c = chosen, distance(c, r) <= reach else { return nearest.2 }
        return c.2
    }

    /// A holiday's date in `year`: MM-DD; MM-W-N, the N-th ISO weekday W of the month (N = L: the last);
    /// either plus "+D" days ("11-1-1+1": the Tuesday after the first Monday of November); or easter[+-D].
    static func holiday(_ spec: Substring, year y: Int) -> CalendarDate? {
        if spec.hasPrefix("easter") {
            let rest = spec.dropFirst("easter".count)
            guard let offset = rest.isEmpty ? 0 : Int(rest) else { return nil }
            return easter(y)?.adding(days: offset)
        }
        let plus = spec.split(separator: "+", maxSplits: 1)
        let offset = plus.count == 2 ? Int(plus[1]) : 0
        let f = plus[0].split(separator: "-")
        guard let offset, let m = Int(f[0]) else { return nil }
        if f.count == 2, let d = Int(f[1]) { return CalendarDate(year: y, month: m, day: d)?.adding(days: offset) }
        guard f.count == 3, let w = Int(f[1]), (1...7).contains(w), let first = CalendarDate(year: y, month: m, day: 1)
        else { return nil }
        let firstW = first.adding(days: (w - first.weekday + 7) % 7)
        if f[2] == "L" {
            var d = firstW
            while d.adding(days: 7).month == m { d = d.adding(days: 7) }
            return d.adding(days: offset)
        }
        guard let n = Int(f[2]), (1...5).contains(n) else { return nil }
        let d = firstW.adding(days: 7 * (n - 1))
        return d.month == m ? d.adding(days: offset) : nil
    }

    /// Western Easter Sunday (the anonymous Gregorian computus).
    static func easter(_ y: Int) -> CalendarDate? {
        let a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        return CalendarDate(year: y, month: (h + l - 7 * m + 114) / 31, day: (h + l - 7 * m + 114) % 31 + 1)
    }

    func distance(_ c: (Int, Int, String), _ r: Int) -> Int {
        r < c.0 ? c.0 - r : (r > c.1 ? r - c.1 : 0)
    }

    /// "2020-Q3" as (2020, 3).
    static func quarter(_ v: String) -> (year: Int, quarter: Int)? {
        // Bytes, not a split: the tagger asks this of every timex.
        let b = Array(v.utf8)
        guard b.count == 7, b[4] == UInt8(ascii: "-"), b[5] == UInt8(ascii: "Q"), let y = decimal(b[0..<4]),
              let q = decimal(b[6...]), (1...4).contains(q) else { return nil }
        return (y, q)
    }

    /// TIMEX3 season codes and the month each starts in (meteorological seasons, northern hemisphere).
    static let seasonStartMonth = ["SP": 3, "SU": 6, "FA": 9, "WI": 12]

    /// The value of a run of ASCII digits; nil if it is empty or holds anything else.
    static func decimal(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty else { return nil }
        var n = 0
        for c in digits {
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(c - UInt8(ascii: "0"))
        }
        return n
    }

    /// How many quarters before the reference date's a quarter may lie and still be the one under discussion:
    /// results come out after a quarter ends, and fiscal quarters lag the calendar.
    static let recentQuarterLag = 1...3

    /// A quarter as one running count (year * 4 + quarter - 1), so quarters subtract and compare across years.
    static func quarterIndex(_ q: (year: Int, quarter: Int)) -> Int { q.year * 4 + q.quarter - 1 }

    static func quarterIndex(of d: CalendarDate) -> Int { quarterIndex((d.year, (d.month - 1) / 3 + 1)) }

    /// The TIMEX3 value ("2020-Q3") of a `quarterIndex`.
    static func quarterValue(_ index: Int) -> String { "\(year(floorDiv(index, 4)))-Q\(floorMod(index, 4) + 1)" }

    /// Whether `q` is one of the `recentQuarterLag` quarters before the reference date's.
    static func isRecent(_ q: (year: Int, quarter: Int), reference: CalendarDate?) -> Bool {
        guard let reference else { return false }
        return recentQuarterLag.contains(quarterIndex(of: reference) - quarterIndex(q))
    }

    static func monthSpan(_ y: Int, _ m: Int, months: Int) -> (Int, Int) {
        let start = CalendarDate(year: y, month: m, day: 1)!.dayNumber
        let e = y * 12 + m - 1 + months
        let end = CalendarDate(year: floorDiv(e, 12), month: floorMod(e, 12) + 1, day: 1)!.dayNumber - 1
        return (start, end)
    }

    /// ISO-8601 week-numbering year and week of a date.
    public static func isoWeek(_ d: CalendarDate) -> (year: Int, week: Int) {
        let thursday = d.adding(days: 4 - d.weekday)
        let jan1 = CalendarDate(year: thursday.year, month: 1, day: 1)!
        return (thursday.year, (thursday.dayNumber - jan1.dayNumber) / 7 + 1)
    }

    /// The Monday that starts ISO week `week` of `year`: week 1 is the one holding January 4; a week past the
    /// year's last (or before its first) lands in the next (or previous) year.
    static func isoWeekMonday(year: Int, week: Int) -> CalendarDate {
        let jan4 = CalendarDate(year: year, month: 1, day: 4)!  // every year has a January 4
        return jan4.adding(days: 1 - jan4.weekday + 7 * (week - 1))
    }

    static func year(_ y: Int) -> String {
        let s = String(y)
        return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
    static func floorMod(_ a: Int, _ b: Int) -> Int { a - floorDiv(a, b) * b }
}

extension TimexResolver {
    /// Where `part` first occurs in `value`. Values are ASCII, searched bytewise: Foundation's `range(of:)` (what
    /// `contains` on strings resolves to here) bridges each call to NSString, a tenth of the tagger's time. A value
    /// with other characters still goes to Foundation, whose canonical-equivalence search it would otherwise not
    /// match exactly.
    static func find(_ part: String, in value: Substring) -> Range<String.Index>? {
        let hay = value.utf8, needle = part.utf8
        guard hay.allSatisfy({ $0 < 128 }), needle.allSatisfy({ $0 < 128 }) else { return value.range(of: part) }
        guard let first = needle.first, needle.count <= hay.count else { return nil }
        var i = hay.startIndex
        let last = hay.index(hay.endIndex, offsetBy: -needle.count)
        while i <= last {
            if hay[i] == first, hay[i...].starts(with: needle) {
                return i..<hay.index(i, offsetBy: needle.count)
            }
            i = hay.index(after: i)
        }
        return nil
    }

    /// `value.contains(part)` without Foundation's bridge (see `find`).
    static func holds(_ value: String, _ part: String) -> Bool { find(part, in: Substring(value)) != nil }
}
