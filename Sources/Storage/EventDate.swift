// EventDate: the calendar period a TIMEX3 value names, so the timeline can filter by range and sort by date
// with granularity in mind. A period sorts by its first day; at the same first day the coarser period comes
// first (2021 before 2021-01 before 2021-01-01), so a year reads as the heading of its dated events.
// Values without a position in time (PAST_REF, P3D, ...) sort after every dated event.

struct EventDate: Equatable {
    /// Coarse to fine; the rank breaks ties between periods that start on the same day.
    enum Granularity: Int, Comparable {
        case century, decade, year, half, quarter, season, month, week, day, time
        static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    }

    let granularity: Granularity
    /// Days since 1970-01-01 of the first and last day of the period.
    let startDay: Int
    let endDay: Int

    /// Sort key for events: sorts by first day, then coarser first. Refs get `undatedSortKey`.
    var sortKey: Int64 { Int64(startDay) * 16 + Int64(granularity.rawValue) }
    static let undatedSortKey = Int64.max

    /// Parses YYYY-MM-DD[Thh:mm], YYYY-MM, YYYY, YYY (decade), YY (century), YYYY-Www, YYYY-Www-WE (that week's
    /// Saturday and Sunday), YYYY-Qn, YYYY-Hn and YYYY-SP/SU/FA/WI (meteorological seasons; winter runs into the
    /// next year). Nil for anything else.
    init?(timex value: String) {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let head = parts.first, head.count >= 2, head.count <= 4, let number = Int(head),
              head.allSatisfy(\.isASCII) else { return nil }
        if parts.count == 1 {
            switch head.count {
            case 4: self.init(.year, from: (number, 1, 1), to: (number, 12, 31))
            case 3: self.init(.decade, from: (number * 10, 1, 1), to: (number * 10 + 9, 12, 31))
            default: self.init(.century, from: (number * 100, 1, 1), to: (number * 100 + 99, 12, 31))
            }
            return
        }
        guard head.count == 4 else { return nil }
        let year = number, second = parts[1]
        if parts.count == 2, second.count == 2, let month = Int(second), (1...12).contains(month) {
            self.init(.month, from: (year, month, 1), to: (year, month, EventDate.daysIn(month, year)))
            return
        }
        if parts.count == 2 || (parts.count == 3 && parts[2] == "WE"), second.count == 3, second.first == "W",
           let week = Int(second.dropFirst()), (1...53).contains(week) {
            // ISO week 1 holds January 4th; weeks start on Monday. The weekend ("this weekend", which the
            // analysis dates 2021-W11-WE) is its Saturday and Sunday: read as no date, such an event sorted
            // after every dated one and no from/to range held it.
            let jan4 = EventDate.dayNumber(year, 1, 4)
            let week1Monday = jan4 - EventDate.isoWeekday(jan4) + 1
            let start = week1Monday + (week - 1) * 7
            if parts.count == 3 {
                self.init(granularity: .week, startDay: start + 5, endDay: start + 6)
            } else {
                self.init(granularity: .week, startDay: start, endDay: start + 6)
            }
            return
        }
        if parts.count == 2, second.count == 2, let n = Int(second.dropFirst()) {
            switch (second.first, n) {
            case ("Q", 1...4):
                self.init(.quarter, from: (year, n * 3 - 2, 1), to: (year, n * 3, EventDate.daysIn(n * 3, year)))
                return
            case ("H", 1...2):
                self.init(.half, from: (year, n * 6 - 5, 1), to: (year, n * 6, EventDate.daysIn(n * 6, year)))
                return
            default: break
            }
        }
        if parts.count == 2 {
            switch second {
            case "SP": self.init(.season, from: (year, 3, 1), to: (year, 5, 31)); return
            case "SU": self.init(.season, from: (year, 6, 1), to: (year, 8, 31)); return
            case "FA": self.init(.season, from: (year, 9, 1), to: (year, 11, 30)); return
            case "WI": self.init(.season, from: (year, 12, 1), to: (year + 1, 2, EventDate.daysIn(2, year + 1)))
                return
            default: return nil
            }
        }
        guard parts.count == 3, second.count == 2, let month = Int(second), (1...12).contains(month) else {
            return nil
        }
        let third = parts[2]
        let dayPart = third.prefix(2)
        guard dayPart.count == 2, let day = Int(dayPart), day >= 1, day <= EventDate.daysIn(month, year) else {
            return nil
        }
        let rest = third.dropFirst(2)
        guard rest.isEmpty || rest.first == "T" else { return nil }
        let g: Granularity = rest.isEmpty ? .day : .time
        self.init(g, from: (year, month, day), to: (year, month, day))
    }

    /// A range bound given by a caller: any value above, e.g. from=2021 means from 2021-01-01, to=2021 means
    /// through 2021-12-31.
    init?(bound value: String) { self.init(timex: value) }

    var startISO: String { EventDate.iso(startDay) }
    var endISO: String { EventDate.iso(endDay) }

    private init(granularity: Granularity, startDay: Int, endDay: Int) {
        self.granularity = granularity
        self.startDay = startDay
        self.endDay = endDay
    }

    private init(_ g: Granularity, from a: (Int, Int, Int), to b: (Int, Int, Int)) {
        self.init(granularity: g, startDay: EventDate.dayNumber(a.0, a.1, a.2),
                  endDay: EventDate.dayNumber(b.0, b.1, b.2))
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    static func dayNumber(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468
    }

    /// 1 = Monday ... 7 = Sunday.
    static func isoWeekday(_ dayNumber: Int) -> Int {
        let w = (dayNumber + 3) % 7  // 1970-01-01 was a Thursday
        return (w < 0 ? w + 7 : w) + 1
    }

    /// YYYY-MM-DD for a day number (civil_from_days).
    static func iso(_ n: Int) -> String {
        let z = n + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }
}
