// Replays every EXAMPLE line of the time rule files: the rule must find the bracketed span, and the
// resolved value must match, against the fixed reference Thursday 2021-03-18.
import Foundation
import Testing
@testable import TextAnalysis

enum TimeFixture {
    static let tagger: TimexTagger = try! TimexTagger(resources: TestResources.loader)
    static let reference = CalendarDate(year: 2021, month: 3, day: 18)!

    /// Tags a sentence; brackets in it mark nothing here (they are removed first), the offsets returned are into
    /// the bracket-free text.
    static func tag(_ text: String, reference: CalendarDate? = reference) -> [Timex] {
        tagger.tag(Array(text.unicodeScalars), reference: reference)
    }

    /// The text without its [ ] marks and the marked range.
    static func unmark(_ marked: String) -> (String, CharRange) {
        var out = String.UnicodeScalarView()
        var start = 0, end = 0
        for s in marked.unicodeScalars {
            if s == "[" { start = out.count } else if s == "]" { end = out.count } else { out.append(s) }
        }
        return (String(out), CharRange(start, end))
    }
}

struct TimeRuleExampleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let rule: String
        let text: String
        let value: String
        var testDescription: String { "\(rule): \(text)" }
    }

    static let cases: [Case] = TimeFixture.tagger.extractor.rules.rules.flatMap { r in
        r.examples.map { Case(rule: r.id, text: $0.text, value: $0.value) }
    }

    @Test func everyRuleHasExamples() {
        #expect(TimeFixture.tagger.extractor.rules.ruleCount > 50)
        #expect(Self.cases.count >= TimeFixture.tagger.extractor.rules.ruleCount)
    }

    @Test(arguments: cases)
    func exampleExtractsItsSpanAndValue(_ c: Case) {
        let (text, span) = TimeFixture.unmark(c.text)
        let found = TimeFixture.tag(text)
        if c.value == "-" {
            #expect(!found.contains { $0.chars.overlaps(span) }, "blocked span produced \(found.map(\.value))")
            return
        }
        let hit = found.first { $0.chars == span }
        let scalars = Array(text.unicodeScalars)
        let got = found.map { t in
            "\(t.rule) \(String(String.UnicodeScalarView(scalars[t.chars.start..<t.chars.end])))=\(t.value)"
        }
        // "P2D POINT 1995-06-07": the value, and the point in time the duration reaches.
        let parts = c.value.components(separatedBy: " POINT ")
        #expect(hit?.rule == c.rule, "found \(got)")
        #expect(hit?.value == parts[0], "found \(got)")
        if parts.count == 2 { #expect(hit?.point == parts[1], "found \(got), point \(hit?.point ?? "none")") }
    }
}
