// EventDate: TIMEX3 values to calendar periods, and the granularity-aware order of the timeline.
import Testing
@testable import Storage

@Suite struct EventDateTests {
    static let periods: [(value: String, granularity: EventDate.Granularity, start: String, end: String)] = [
        ("2021-03-18", .day, "2021-03-18", "2021-03-18"),
        ("2021-03-18T10:30", .time, "2021-03-18", "2021-03-18"),
        ("2021-03", .month, "2021-03-01", "2021-03-31"),
        ("2020-02", .month, "2020-02-01", "2020-02-29"),
        ("2021", .year, "2021-01-01", "2021-12-31"),
        ("195", .decade, "1950-01-01", "1959-12-31"),
        ("19", .century, "1900-01-01", "1999-12-31"),
        ("2021-W11", .week, "2021-03-15", "2021-03-21"),
        ("2021-W01", .week, "2021-01-04", "2021-01-10"),
        ("2020-W01", .week, "2019-12-30", "2020-01-05"),
        ("2021-Q2", .quarter, "2021-04-01", "2021-06-30"),
        ("2021-H2", .half, "2021-07-01", "2021-12-31"),
        ("2021-SU", .season, "2021-06-01", "2021-08-31"),
        ("2023-WI", .season, "2023-12-01", "2024-02-29"),
    ]

    @Test(arguments: periods)
    func timexValuesMapToTheirPeriod(_ c: (value: String, granularity: EventDate.Granularity, start: String,
                                           end: String)) {
        let d = EventDate(timex: c.value)
        #expect(d?.granularity == c.granularity)
        #expect(d?.startISO == c.start)
        #expect(d?.endISO == c.end)
    }

    @Test(arguments: ["PAST_REF", "PRESENT_REF", "P3D", "", "2021-13", "2021-02-30", "2021-W60", "2021-Q5",
                      "20210318", "2021-03-18X", "abcd", "2021-XX"])
    func valuesWithoutAPlaceInTimeAreRejected(_ value: String) {
        #expect(EventDate(timex: value) == nil)
    }

    @Test func coarserPeriodsSortBeforeFinerOnesStartingTheSameDayAndDatesSortChronologically() {
        let ordered = ["19", "195", "2021", "2021-Q1", "2021-01", "2021-01-01", "2021-01-02", "2021-W11", "2021-03-18",
                       "2021-03-18T10:30", "2022"]
        let keys = ordered.map { EventDate(timex: $0)?.sortKey ?? -1 }
        #expect(keys == keys.sorted())
        #expect(Set(keys).count == keys.count)
        #expect(keys.allSatisfy { $0 < EventDate.undatedSortKey })
    }

    @Test func weekendSortsAfterTheFridayBeforeItAndBeforeTheMondayAfter() throws {
        let weekend = try #require(EventDate(timex: "2021-W11-WE")).sortKey
        #expect(try #require(EventDate(timex: "2021-03-19")).sortKey < weekend)
        #expect(weekend < EventDate.undatedSortKey)
    }

    /// "this weekend" (2021-W11-WE) is that week's Saturday and Sunday: read as no date, its event sorted after
    /// every dated one and fell out of every from/to range.
    @Test(arguments: [("2021-W11-WE", "2021-03-20", "2021-03-21"), ("2020-W01-WE", "2020-01-04", "2020-01-05"),
                      ("2020-W53-WE", "2021-01-02", "2021-01-03")])
    func weekendValuesAreThatWeeksSaturdayAndSunday(_ c: (String, String, String)) throws {
        let d = try #require(EventDate(timex: c.0))
        #expect(d.granularity == .week)
        #expect(d.startISO == c.1)
        #expect(d.endISO == c.2)
        #expect(EventDate(timex: c.0 + "X") == nil)
        #expect(EventDate(timex: String(c.0.dropLast(3)) + "-SA") == nil)
    }

    @Test func dayNumbersRoundTripThroughIsoDatesForFourDigitYears() throws {
        for n in stride(from: -719_000, through: 2_900_000, by: 997) {
            let d = try #require(EventDate(timex: EventDate.iso(n)))
            #expect(d.startDay == n)
        }
    }
}
