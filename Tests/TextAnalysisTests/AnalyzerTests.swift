// Analyzer: the standard pipeline on the seed article, custom component lists, and the order check.
import Foundation
import Testing
import TestSupport
@testable import TextAnalysis

/// Test-only stand-in for the statistical tagger: every run of capitalized words that does not start a sentence
/// is a PER mention. Enough to exercise the pipeline wiring, nothing more.
struct CapitalizedRunTagger: AnalysisComponent {
    let name = "test-capitalized-runs"
    let requires: Set<Annotation> = [.tokens, .sentences]
    let provides: Set<Annotation> = [.mentions]

    func process(_ doc: inout Document) {
        var mentions: [EntityMention] = []
        for s in doc.sentences {
            var i = s.tokens.lowerBound + 1
            while i < s.tokens.upperBound {
                var j = i
                while j < s.tokens.upperBound, doc.tokens[j].text.first?.isUppercase == true { j += 1 }
                if j > i {
                    mentions.append(EntityMention(tokens: i..<j, chars: doc.chars(ofTokens: i..<j), type: .person,
                                                  confidence: 0.5))
                }
                i = j + 1
            }
        }
        doc.mentions = mentions
    }
}

struct AnalyzerTests {
    @Test func analyzerRunsTheStandardPipelineOnTheSeed() throws {
        guard let url = Fixtures.sharedData("news/seed/2021-03-18-blinken-north-korea.txt") else { return }
        let analyzer = TestResources.analyzer
        #expect(analyzer.pipeline.components.map(\.name).prefix(2) == ["tokenizer", "sentences"])
        let doc = analyzer.analyze(try String(contentsOf: url, encoding: .utf8))
        #expect(doc.date?.description == "2021-03-18")
        #expect(doc.bodyStart == 17)
        #expect(doc.sentences.count == 18)
        #expect(doc.tokens.first?.text == "The")
        // Regression: the related-story marker "READ |" came out as an organization named READ.
        #expect(!doc.entities.contains { $0.name == "READ" })
        #expect(doc.entities.contains { $0.name == "Antony Blinken" && $0.mentions.count >= 4 })
    }

    @Test func analyzerAcceptsACustomComponentList() throws {
        let analyzer = try Analyzer(components: [
            TestResources.tokenizer, TestResources.splitter, CapitalizedRunTagger(), EntityLinkerTests.linker,
        ])
        let doc = analyzer.analyze("Officials met. Then Jane Roe spoke. Later Roe left.",
                                   date: CalendarDate(iso: "2020-01-02"))
        #expect(doc.date?.description == "2020-01-02")
        #expect(doc.entities.map(\.name) == ["Jane Roe"])
        #expect(doc.entities.first?.mentions.count == 2)
    }

    @Test func analyzerRejectsAComponentBeforeWhatItNeeds() {
        #expect(throws: PipelineError.self) {
            try Analyzer(components: [TestResources.tokenizer, EntityLinkerTests.linker])
        }
    }

    @Test(arguments: ["", " ", "date 2021-03-18", "date 2021-03-18 ", "\u{0}\u{0}", "„“”‚‘’«»‹›", "\u{202E}\u{200F}"])
    func analyzerSurvivesDegenerateInput(_ text: String) throws {
        let doc = TestResources.analyzer.analyze(text)
        let json = try JSONSerialization.jsonObject(with: Data(AnalysisJSON.encode(doc))) as? [String: Any]
        #expect(json?["tokens"] as? Int == doc.tokens.count)
    }
}
