// The order of day and month in a document's numeric dates ("04/05/2013"), read from the document itself. The
// date rules read a numeric date month first (rules/date.txt, date-numeric-mdy), as in the American copy TimeML
// was written for, and day first only when the first number cannot be a month ("25/12/2004", date-numeric-dmy).
// A document that shows its house style otherwise gets its ambiguous numeric dates (both numbers 12 or less) read
// its way: first by the numeric dates only one reading fits, else by the order of its written dates ("25
// December" against "December 25"; in BBC text 466 articles write day-month, 18 month-day, 9 both; TBAQ's American
// copy month-day only). Mixed evidence leaves the month-first reading.

enum NumericDateOrder {
    /// Numeric dates that the month-first rule read; those with a day of 12 or less are ambiguous.
    static let monthFirstRule = "date-numeric-mdy"
    /// Numeric dates only the day-first reading fits.
    static let dayFirstRule = "date-numeric-dmy"
    /// Written dates with the day before the month ("25 December", "Friday 25 December 2004").
    static let writtenDayFirst: Set<String> = [
        "date-dmy", "date-the-dmy", "date-wdm", "date-wdmy", "date-dm", "date-the-dm", "date-early-hours-dm",
    ]
    /// Written dates with the month before the day ("December 25", "Friday, December 25, 2004").
    static let writtenMonthFirst: Set<String> = [
        "date-mdy", "date-wmdy", "date-md", "date-wmd", "date-md-deadline", "date-last-md", "date-week-of-md",
    ]

    /// Whether the document's evidence says day first: numeric dates decide when any fits one reading only,
    /// written dates otherwise; each only when all of its kind agree.
    static func dayFirst(_ found: [ExtractedTimex]) -> Bool {
        var numericDM = 0, numericMD = 0, writtenDM = 0, writtenMD = 0
        for x in found {
            if x.rule == dayFirstRule { numericDM += 1 }
            if x.rule == monthFirstRule, let d = day(x.value), d > 12 { numericMD += 1 }
            if writtenDayFirst.contains(x.rule) { writtenDM += 1 }
            if writtenMonthFirst.contains(x.rule) { writtenMD += 1 }
        }
        if numericDM > 0 || numericMD > 0 { return numericMD == 0 }
        return writtenDM > 0 && writtenMD == 0
    }

    /// Rereads the ambiguous month-first numeric dates day first when the document's evidence says so.
    static func apply(_ found: inout [ExtractedTimex]) {
        guard found.contains(where: { $0.rule == monthFirstRule }), dayFirst(found) else { return }
        for k in found.indices where found[k].rule == monthFirstRule {
            let v = found[k].value
            guard v.count == 10, let d = day(v), d <= 12 else { continue }
            let parts = v.split(separator: "-")
            found[k].value = "\(parts[0])-\(parts[2])-\(parts[1])"
        }
    }

    /// The day of a YYYY-MM-DD value.
    static func day(_ value: String) -> Int? {
        let parts = value.split(separator: "-")
        return parts.count == 3 ? Int(parts[2]) : nil
    }
}
