// The seed article's timeline (article date 2021-03-18): which sentences anchor, to which dates, in what order;
// and the ordering rule for granularities and REF values.
import Foundation
import Testing
import TestSupport
@testable import TextAnalysis

struct TimelineBuilderTests {
    static let builder: TimelineBuilder = try! TimelineBuilder(resources: TestResources.loader)

    static func analyzed(_ text: String) -> Document {
        var doc = TestResources.split(text)
        TimeFixture.tagger.process(&doc)
        return doc
    }

    @Test func seedTimelineAnchorsTheExpectedSentences() throws {
        guard let url = Fixtures.sharedData("news/seed/2021-03-18-blinken-north-korea.txt") else { return }
        let doc = Self.analyzed(try String(contentsOf: url, encoding: .utf8))
        #expect(doc.date == CalendarDate(iso: "2021-03-18"))
        let events = Self.builder.build(doc)
        func sentence(_ e: TimelineEvent) -> String { doc.text(e.chars) }
        func timex(_ e: TimelineEvent) -> String { doc.text(doc.timexes[e.timex].chars) }
        let dated = events.filter { $0.granularity != "ref" }
        #expect(dated.map(\.date) == ["195", "2019", "2020", "2021-03-18", "2021-03-18", "2021-03-18"],
                "\(events.map { "\($0.date) \(timex($0))" })")
        #expect(dated.map(\.granularity) == ["decade", "year", "year", "day", "day", "day"])
        #expect(sentence(dated[0]).contains("in the 1950s"))
        #expect(sentence(dated[1]).contains("talks with North Korea in 2019"))
        #expect(sentence(dated[2]).contains("roadblock in 2020"))
        let thursday = dated.filter { timex($0) == "Thursday" }
        #expect(thursday.count == 2)
        #expect(thursday.contains { sentence($0).hasPrefix("The United States Secretary of State Antony Blinken") })
        #expect(dated.contains { timex($0) == "hours" && sentence($0).contains("rejected talks") })
        let ahead = events.first { timex($0) == "the weeks ahead" }
        #expect(ahead?.date == "FUTURE_REF")
        #expect(events.last?.date == "FUTURE_REF")
        // Every event points at its own sentence and timex.
        for e in events {
            #expect(doc.sentences[e.sentence].chars == e.chars)
            #expect(e.chars.contains(doc.timexes[e.timex].chars))
        }
    }

    @Test func coarserPeriodsComeFirstAndRefsFollowTheRule() {
        let doc = Self.analyzed(
            "date 2021-03-18 He spoke on May 2, 2019. Sales rose in 2019. He is busy now. It happened earlier. "
                + "They will meet in the future. Talks failed in 2020.")
        let events = Self.builder.build(doc)
        #expect(events.map(\.date) == ["2019", "2019-05-02", "2020", "PAST_REF", "PRESENT_REF", "FUTURE_REF"])
    }

    /// "two days later" is a duration (P2D, as TimeBank writes it) whose sentence is dated by the day it reaches,
    /// which also becomes the anchor for "the next day".
    @Test func durationCountedFromADateDatesItsSentence() {
        let doc = Self.analyzed(
            "date 2021-03-18 He was arrested on June 5, 1995. Two days later he escaped. The next day he was caught. "
                + "A day earlier he had been questioned.")
        let events = Self.builder.build(doc)
        #expect(doc.timexes.map(\.value) == ["1995-06-05", "P2D", "1995-06-08", "P1D"])
        #expect(events.map(\.date) == ["1995-06-05", "1995-06-07", "1995-06-07", "1995-06-08"],
                "\(events.map { "\($0.date) \(doc.text($0.chars))" })")
        #expect(events.map(\.granularity) == ["day", "day", "day", "day"])
    }

    @Test func sentencesCarryEntitiesAndQuotes() {
        var doc = Self.analyzed("date 2021-03-18 Blinken spoke on Thursday. Nothing happened.")
        doc.mentions = [EntityMention(tokens: 0..<1, chars: CharRange(16, 23), type: .person, confidence: 1, entity: 0)]
        doc.quotes = [Quote(content: CharRange(24, 30), kind: .indirect, cue: nil, speaker: nil, rule: "t",
                            confidence: 1)]
        let events = Self.builder.build(doc)
        #expect(events.count == 1)
        #expect(events.first?.entities == [0])
        #expect(events.first?.quotes == [0])
        #expect(events.first?.sentence == 0)
    }
}

/// A habit or a generic statement names no one day, so it puts nothing on the timeline, while a dated sentence
/// beside it still does (before session 17 each of these was dated to a day near the article's).
struct TimelineHabitTests {
    @Test func habitsAndGenericStatementsAnchorNothing() {
        let doc = TimelineBuilderTests.analyzed(
            "date 2005-03-01 Clubs stay open till the early hours of the morning. Weekly Friday prayers are held at "
                + "the mosque. December is traditionally a quiet month. The Oscar gods always shine on Sunday. "
                + "People queue to buy the game at midnight. The minister resigned on Monday.")
        let events = TimelineBuilderTests.builder.build(doc)
        #expect(events.map(\.date) == ["2005-02-28"], "\(doc.timexes.map(\.value))")
        #expect(doc.timexes.map(\.value)
                == ["XXXX-XX-XX", "XXXX-WXX-5", "XXXX-12", "XXXX-WXX-7", "XXXX-XX-XXT24:00", "2005-02-28"])
    }

    /// A present progressive and "ahead of" put a weekday ahead: the timeline orders the arrangement after the
    /// article's day, not before it.
    @Test func arrangementsAreDatedAhead() {
        let doc = TimelineBuilderTests.analyzed(
            "date 2005-03-01 Finance ministers are meeting on Thursday in Brussels. Moody has flown to Dublin ahead "
                + "of the game against Ireland on Sunday. They will discuss Iraq after this Sunday.")
        let events = TimelineBuilderTests.builder.build(doc)
        #expect(events.map(\.date) == ["2005-03-03", "2005-03-06", "2005-03-06"])
    }
}
