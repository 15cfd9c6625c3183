// Table tests for TimexResolver: tense-driven weekdays and dates across week, month and year boundaries,
// ISO weeks, leap years, relative units, REF values and the missing-reference fallback.
import Testing
@testable import TextAnalysis

struct TimexResolverTests {
    let resolver = TimexResolver()

    struct Case: Sendable, CustomTestStringConvertible {
        let value: String
        let reference: String
        let tense: Tense
        let expected: String
        var testDescription: String { "\(value) @ \(reference) \(tense) -> \(expected)" }
    }

    static let cases: [Case] = [
        // Weekdays: past (same day allowed), future, none leans past; explicit last/next/this.
        Case(value: "UNDEF(weekday 4)", reference: "2021-03-18", tense: .past, expected: "2021-03-18"),
        Case(value: "UNDEF(weekday 1)", reference: "2021-03-18", tense: .past, expected: "2021-03-15"),
        Case(value: "UNDEF(weekday 1)", reference: "2021-03-18", tense: .future, expected: "2021-03-22"),
        // A habit names any such day; an arrangement ("are meeting on Monday") a coming one; "this Sunday" said on
        // a Tuesday the coming Sunday unless the clause looks back.
        Case(value: "UNDEF(weekday 1)", reference: "2021-03-18", tense: .habitual, expected: "XXXX-WXX-1"),
        Case(value: "UNDEF(date 12)", reference: "2021-03-18", tense: .habitual, expected: "XXXX-12"),
        Case(value: "UNDEF(anchor-day)T24:00", reference: "2021-03-18", tense: .habitual,
             expected: "XXXX-XX-XXT24:00"),
        Case(value: "UNDEF(weekday 1 last)", reference: "2021-03-18", tense: .habitual, expected: "2021-03-15"),
        Case(value: "UNDEF(weekday 1)", reference: "2021-03-18", tense: .arranged, expected: "2021-03-22"),
        Case(value: "UNDEF(date 12)", reference: "2021-03-18", tense: .arranged, expected: "2020-12"),
        Case(value: "UNDEF(weekday 7 this)", reference: "2005-03-01", tense: .none, expected: "2005-03-06"),
        Case(value: "UNDEF(weekday 7 this)", reference: "2005-03-01", tense: .past, expected: "2005-02-27"),
        Case(value: "UNDEF(weekday 5)", reference: "2021-03-18", tense: .none, expected: "2021-03-12"),
        Case(value: "UNDEF(weekday 4 last)", reference: "2021-03-18", tense: .none, expected: "2021-03-11"),
        Case(value: "UNDEF(weekday 4 next)", reference: "2021-03-18", tense: .none, expected: "2021-03-25"),
        Case(value: "UNDEF(weekday 7 this)", reference: "2021-03-18", tense: .none, expected: "2021-03-21"),
        // Across a year boundary.
        Case(value: "UNDEF(weekday 3)", reference: "2021-01-01", tense: .past, expected: "2020-12-30"),
        Case(value: "UNDEF(weekday 1)", reference: "2020-12-31", tense: .future, expected: "2021-01-04"),
        // Month and day without a year: tense within reach, else nearest.
        Case(value: "UNDEF(date 12-24)", reference: "2021-01-05", tense: .past, expected: "2020-12-24"),
        Case(value: "UNDEF(date 01-14)", reference: "2020-12-20", tense: .future, expected: "2021-01-14"),
        Case(value: "UNDEF(date 01-14)", reference: "2000-01-05", tense: .past, expected: "2000-01-14"),
        Case(value: "UNDEF(date 11)", reference: "2000-01-10", tense: .none, expected: "1999-11"),
        Case(value: "UNDEF(date 03 future)", reference: "2021-03-18", tense: .past, expected: "2021-03"),
        // A present clause leans to the past only within half a year: "the election, possibly on 5 May" written on
        // 1 March is the coming one; without a tense the lean reaches further, as before.
        Case(value: "UNDEF(date 05-05)", reference: "2005-03-01", tense: .present, expected: "2005-05-05"),
        Case(value: "UNDEF(date 02-20)", reference: "2005-03-01", tense: .present, expected: "2005-02-20"),
        Case(value: "UNDEF(date 10-23)", reference: "1999-05-06", tense: .none, expected: "1998-10-23"),
        // A weekday with the date picks the year it falls on; none of the three fits: the date as if unnamed.
        Case(value: "UNDEF(date-on 1 12-06)", reference: "2005-03-01", tense: .future, expected: "2004-12-06"),
        Case(value: "UNDEF(date-on 4 11-04)", reference: "2005-03-01", tense: .past, expected: "2004-11-04"),
        Case(value: "UNDEF(date-on 5 12-06)", reference: "2021-03-18", tense: .past, expected: "2020-12-06"),
        // Leap years: 29 February exists only in leap years, so the nearest real one is taken.
        Case(value: "UNDEF(date 02-29)", reference: "2020-03-10", tense: .past, expected: "2020-02-29"),
        Case(value: "UNDEF(date 02-29)", reference: "2021-03-10", tense: .past, expected: "2020-02-29"),
        Case(value: "UNDEF(day-1)", reference: "2024-03-01", tense: .none, expected: "2024-02-29"),
        Case(value: "UNDEF(day+1)", reference: "2023-02-28", tense: .none, expected: "2023-03-01"),
        Case(value: "UNDEF(day-1)", reference: "2100-03-01", tense: .none, expected: "2100-02-28"),
        // Relative units; ISO weeks at year edges.
        Case(value: "UNDEF(week-1)", reference: "2021-03-18", tense: .none, expected: "2021-W10"),
        Case(value: "UNDEF(week)", reference: "2021-01-03", tense: .none, expected: "2020-W53"),
        Case(value: "UNDEF(week)", reference: "2019-12-30", tense: .none, expected: "2020-W01"),
        Case(value: "UNDEF(month-1)", reference: "2021-01-15", tense: .none, expected: "2020-12"),
        Case(value: "UNDEF(quarter-1)", reference: "2021-02-01", tense: .none, expected: "2020-Q4"),
        Case(value: "UNDEF(year-2)", reference: "2021-03-18", tense: .none, expected: "2019"),
        Case(value: "UNDEF(year)-12-31", reference: "2021-03-18", tense: .none, expected: "2021-12-31"),
        Case(value: "UNDEF(year-X)", reference: "2021-03-18", tense: .none, expected: "PAST_REF"),
        Case(value: "UNDEF(month+X)", reference: "2021-03-18", tense: .none, expected: "FUTURE_REF"),
        // Named quarters and seasons.
        Case(value: "UNDEF(q 3)", reference: "2021-03-18", tense: .past, expected: "2020-Q3"),
        Case(value: "UNDEF(q 4)", reference: "1989-10-30", tense: .future, expected: "1989-Q4"),
        Case(value: "UNDEF(q 2)", reference: "2021-03-18", tense: .future, expected: "2021-Q2"),
        Case(value: "UNDEF(season FA last)", reference: "1999-06-07", tense: .none, expected: "1998-FA"),
        Case(value: "UNDEF(weekend)", reference: "2021-03-18", tense: .past, expected: "2021-W10-WE"),
        // Holidays: n-th and last weekdays, a day after one, Easter (2000: April 23; 2019: April 21).
        Case(value: "UNDEF(holiday 11-1-1+1)", reference: "1998-10-26", tense: .none, expected: "1998-11-03"),
        Case(value: "UNDEF(holiday 11-1-1+1)", reference: "2022-10-26", tense: .none, expected: "2022-11-08"),
        Case(value: "UNDEF(holiday 05-1-L)", reference: "2021-03-18", tense: .none, expected: "2021-05-31"),
        Case(value: "UNDEF(holiday easter)", reference: "2000-03-01", tense: .future, expected: "2000-04-23"),
        Case(value: "UNDEF(holiday easter-2)", reference: "2019-06-01", tense: .past, expected: "2019-04-19"),
        Case(value: "UNDEF(holiday 11-4-4)", reference: "2021-03-18", tense: .past, expected: "2020-11-26"),
        // Decades without a century; anaphoric quarters.
        Case(value: "UNDEF(decade 9)", reference: "2021-03-18", tense: .none, expected: "199"),
        Case(value: "UNDEF(decade 1)", reference: "2021-03-18", tense: .none, expected: "201"),
        Case(value: "UNDEF(decade 2)", reference: "2021-03-18", tense: .none, expected: "202"),
        // "this decade", "the end of the decade": the reference's decade (was XXX, read as a named decade).
        Case(value: "UNDEF(decade)", reference: "2005-03-01", tense: .none, expected: "200"),
        Case(value: "UNDEF(decade)", reference: "2021-03-18", tense: .none, expected: "202"),
        Case(value: "UNDEF(weekday 5)T22:00", reference: "2021-03-18", tense: .past, expected: "2021-03-12T22:00"),
        Case(value: "2019", reference: "2021-03-18", tense: .none, expected: "2019"),
        // "soon": ahead of the article, or no value at all in a past clause (the tagger drops an empty value).
        Case(value: "UNDEF(future-ref)", reference: "2021-03-18", tense: .future, expected: "FUTURE_REF"),
        Case(value: "UNDEF(future-ref)", reference: "2021-03-18", tense: .past, expected: ""),
    ]

    @Test(arguments: cases)
    func resolvesAgainstTheReference(_ c: Case) {
        #expect(resolver.resolve(c.value, reference: CalendarDate(iso: c.reference)!, tense: c.tense) == c.expected)
    }

    @Test func anaphoricYearFollowsAMentionedQuarter() {
        let ref = CalendarDate(iso: "1989-10-26")!
        #expect(resolver.resolve("UNDEF(year-1 mentioned)", reference: ref, tense: .past, mentioned: "1989-Q3")
            == "1988-Q3")
        #expect(resolver.resolve("UNDEF(year-1 mentioned)", reference: ref, tense: .past, mentioned: "1989-10")
            == "1988")
        #expect(resolver.resolve("UNDEF(mentioned-quarter)", reference: ref, tense: .past, mentioned: nil)
            == "1989-Q3")
    }

    @Test func quarterUnderDiscussionOutlivesOtherMentions() {
        let ref = CalendarDate(iso: "1989-11-02")!
        // "Third-quarter profit ... yesterday ... a year ago": the quarter, though a day came up in between.
        #expect(resolver.resolve("UNDEF(year-1 mentioned)", reference: ref, tense: .past, mentioned: "1989-11-01",
                                 discussed: "1989-Q3") == "1988-Q3")
        // "The 1988 period" is that year's quarter of the same number, or the year with no quarter discussed.
        #expect(resolver.resolve("UNDEF(year-quarter 1988)", reference: ref, tense: .past, discussed: "1989-Q3")
            == "1988-Q3")
        #expect(resolver.resolve("UNDEF(year-quarter 1988)", reference: ref, tense: .past) == "1988")
        // The quarter still running is not the one results are reported for; one ended three quarters back is.
        #expect(resolver.resolve("UNDEF(mentioned-quarter)", reference: ref, tense: .past, discussed: "1989-Q4")
            == "1989-Q3")
        #expect(resolver.resolve("UNDEF(mentioned-quarter)", reference: ref, tense: .past, discussed: "1989-Q1")
            == "1989-Q1")
        #expect(resolver.resolve("UNDEF(mentioned-quarter)", reference: ref, tense: .past, discussed: "1988-Q4")
            == "1989-Q3")
    }

    @Test func thisWeekendIsTheOneOfTheReferenceWeek() {
        // A Wednesday: the last weekend is as near as the next; "this weekend" is still the coming one.
        let ref = CalendarDate(iso: "2013-03-20")!
        #expect(resolver.resolve("UNDEF(weekend this)", reference: ref, tense: .past) == "2013-W12-WE")
        #expect(resolver.resolve("UNDEF(weekend this)", reference: ref, tense: .none) == "2013-W12-WE")
        #expect(resolver.resolve("UNDEF(weekend last)", reference: ref, tense: .none) == "2013-W11-WE")
    }

    @Test func thisMonthIsInTheReferenceYear() {
        let ref = CalendarDate(iso: "1998-02-05")!
        #expect(resolver.resolve("UNDEF(date 09 this)", reference: ref, tense: .none) == "1998-09")
        #expect(resolver.resolve("UNDEF(date 12 this)", reference: ref, tense: .past) == "1998-12")
    }

    struct Anaphor: Sendable, CustomTestStringConvertible {
        let value: String
        let mentioned: String?
        let expected: String
        var testDescription: String { "\(value) after \(mentioned ?? "nothing") -> \(expected)" }
    }

    /// Anaphora count from the last-mentioned date at its granularity, else from the reference (2021-03-18).
    static let anaphors: [Anaphor] = [
        Anaphor(value: "UNDEF(anchor day)", mentioned: "1998-10-23", expected: "1998-10-23"),
        Anaphor(value: "UNDEF(anchor day)", mentioned: "1998-10-23T22:00", expected: "1998-10-23"),
        Anaphor(value: "UNDEF(anchor day)", mentioned: "1998-10", expected: "1998-10-XX"),
        Anaphor(value: "UNDEF(anchor day)", mentioned: "1998", expected: "1998-XX-XX"),
        Anaphor(value: "UNDEF(anchor day+1)", mentioned: "1998-12-31", expected: "1999-01-01"),
        Anaphor(value: "UNDEF(anchor year+1)", mentioned: "1995", expected: "1996"),
        Anaphor(value: "UNDEF(anchor year+1)", mentioned: "1995-SU", expected: "1996"),
        Anaphor(value: "UNDEF(anchor year-2)", mentioned: "1995-06-05", expected: "1993"),
        Anaphor(value: "UNDEF(anchor year-1)", mentioned: "2020-Q3", expected: "2019-Q3"),
        Anaphor(value: "UNDEF(anchor year)", mentioned: "2020-Q3", expected: "2020"),
        Anaphor(value: "UNDEF(anchor month-1)", mentioned: "1995-01", expected: "1994-12"),
        Anaphor(value: "UNDEF(anchor month)", mentioned: "1995", expected: "1995-XX"),
        Anaphor(value: "UNDEF(anchor month+12)", mentioned: "2002", expected: "2003"),
        Anaphor(value: "UNDEF(anchor month-24)", mentioned: "2002", expected: "2000"),
        Anaphor(value: "UNDEF(anchor month+6)", mentioned: "2002", expected: "2002-XX"),
        Anaphor(value: "UNDEF(anchor week+1)", mentioned: "1995-06-05", expected: "1995-W24"),
        // "the following week" after a named ISO week moves from it, across a year's last week too.
        Anaphor(value: "UNDEF(anchor week+1)", mentioned: "2021-W12", expected: "2021-W13"),
        Anaphor(value: "UNDEF(anchor week+1)", mentioned: "2020-W53", expected: "2021-W01"),
        Anaphor(value: "UNDEF(anchor week)", mentioned: "2021-W12", expected: "2021-W12"),
        Anaphor(value: "UNDEF(anchor quarter)", mentioned: "2019-05-02", expected: "2019-Q2"),
        Anaphor(value: "UNDEF(anchor year-X)", mentioned: "1995", expected: "PAST_REF"),
        Anaphor(value: "UNDEF(anchor day-1)", mentioned: nil, expected: "2021-03-17"),
        Anaphor(value: "UNDEF(anchor year+1)", mentioned: "PAST_REF", expected: "2022"),
        Anaphor(value: "UNDEF(anchor-weekday 5 last)", mentioned: "1989-10-27", expected: "1989-10-20"),
        Anaphor(value: "UNDEF(anchor-weekday 1 next)", mentioned: "1989-10-27", expected: "1989-10-30"),
        Anaphor(value: "UNDEF(anchor-day)T22:00", mentioned: "1998-10-23", expected: "1998-10-23T22:00"),
        Anaphor(value: "UNDEF(anchor-day)T22:00", mentioned: "1998", expected: "2021-03-18T22:00"),
        Anaphor(value: "UNDEF(mentioned-quarter-4)", mentioned: "2020-Q4", expected: "2019-Q4"),
        Anaphor(value: "UNDEF(mentioned-quarter-4)", mentioned: "2019-Q1", expected: "2019-Q4"),
    ]

    @Test(arguments: anaphors)
    func anaphoraCountFromTheMentionedDate(_ c: Anaphor) {
        let ref = CalendarDate(iso: "2021-03-18")!
        #expect(resolver.resolve(c.value, reference: ref, tense: .none, mentioned: c.mentioned) == c.expected)
    }

    /// Regression: "last year" of 0000-01-01 was "00-1" and "next century" of 9999 "100" (a decade's form).
    @Test func referenceYearsFarOutResolveAsNoReference() {
        for iso in ["0000-01-01", "0150-06-01", "9999-06-01"] {
            let ref = CalendarDate(iso: iso)!
            #expect(resolver.resolve("UNDEF(year-1)", reference: ref, tense: .none) == "XXXX")
            #expect(resolver.resolve("UNDEF(century+1)", reference: ref, tense: .none) == "XX")
        }
        #expect(resolver.resolve("UNDEF(year-1)", reference: CalendarDate(iso: "1200-01-01")!, tense: .none) == "1199")
    }

    @Test func missingReferenceLeavesUnknownDigits() {
        #expect(resolver.resolve("UNDEF(weekday 4)", reference: nil, tense: .past) == "XXXX-WXX-4")
        #expect(resolver.resolve("UNDEF(year-1)", reference: nil, tense: .none) == "XXXX")
        #expect(resolver.resolve("UNDEF(date 03-18)", reference: nil, tense: .none) == "XXXX-03-18")
    }

    @Test func quarterValuesParseOnlyInTheirOwnShape() {
        let table: [(String, Int?, Int?)] = [("2020-Q3", 2020, 3), ("1998-Q1", 1998, 1), ("2020-Q0", nil, nil),
                                             ("2020-Q5", nil, nil), ("2020-Q", nil, nil), ("20a0-Q1", nil, nil),
                                             ("2020-Q3-01", nil, nil), ("2020-03", nil, nil), ("PAST_REF", nil, nil)]
        for (value, y, q) in table {
            let got = TimexResolver.quarter(value)
            #expect(got?.year == y && got?.quarter == q, "\(value)")
        }
    }

    @Test func anchorsParseCalendarValuesAndRefuseOthers() {
        typealias A = TimexResolver.Anchor
        #expect(A("2021-03-18T10:00").map { [$0.year, $0.month, $0.day] } == [2021, 3, 18])
        #expect(A("2021-02-30").map { [$0.year, $0.month, $0.day] } == [2021, 2, nil])
        #expect(A("2021-W11")?.week == 11)
        #expect(A("2021-Q4")?.quarter == 4)
        #expect(A("2021-SU").map { [$0.year, $0.month, $0.week, $0.quarter] } == [2021, nil, nil, nil])
        for refused in ["199", "PAST_REF", "P3D", "2021-W54", "2021-Q5", "2021-13", "2021-XX", "20211"] {
            #expect(A(refused) == nil, "\(refused)")
        }
    }

    @Test func recentQuartersAreTheThreeBeforeTheReferences() {
        let ref = CalendarDate(iso: "2021-03-18")  // in 2021-Q1
        #expect(!TimexResolver.isRecent((2021, 1), reference: ref))
        #expect(TimexResolver.isRecent((2020, 4), reference: ref))
        #expect(TimexResolver.isRecent((2020, 2), reference: ref))
        #expect(!TimexResolver.isRecent((2020, 1), reference: ref))
        #expect(!TimexResolver.isRecent((2020, 4), reference: nil))
        #expect(TimexResolver.quarterValue(TimexResolver.quarterIndex((2021, 1)) - 1) == "2020-Q4")
    }

    @Test func isoWeekMondaysStartTheirWeeks() {
        let table: [(Int, Int, String)] = [(2021, 11, "2021-03-15"), (2021, 1, "2021-01-04"), (2020, 53, "2020-12-28"),
                                           (2015, 1, "2014-12-29"), (2020, 54, "2021-01-04"), (2021, 0, "2020-12-28")]
        for (y, w, monday) in table {
            #expect(TimexResolver.isoWeekMonday(year: y, week: w).description == monday, "\(y)-W\(w)")
        }
    }

    @Test func isoWeeksMatchTheCalendar() {
        let table: [(String, Int, Int)] = [("2021-03-18", 2021, 11), ("2021-01-01", 2020, 53), ("2020-12-31", 2020, 53),
                                           ("2015-12-31", 2015, 53), ("2016-01-04", 2016, 1), ("2018-12-31", 2019, 1)]
        for (date, y, w) in table {
            let got = TimexResolver.isoWeek(CalendarDate(iso: date)!)
            #expect(got.year == y && got.week == w, "\(date)")
        }
    }
}
