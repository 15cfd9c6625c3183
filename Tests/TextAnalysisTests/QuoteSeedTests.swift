// The seed article's quotes: the expectations the project was created from (see the brief and the seed's
// SOURCES.md): curly quotes, partial quotes inside reported speech, a quoted-as-saying attribution, a link line.
import Foundation
import Testing
import TestSupport
@testable import TextAnalysis

@Suite struct QuoteSeedTests {
    static func seed() -> Document? {
        guard let url = Fixtures.sharedData("news/seed/2021-03-18-blinken-north-korea.txt"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        return QuoteTestDocuments.analyze(text, roles: ["Blinken": "Secretary of State"])
    }

    /// The seed through the real tokenizer, splitter, entity tagger and linker.
    static func seedWithTagger() throws -> Document? {
        guard let url = Fixtures.sharedData("news/seed/2021-03-18-blinken-north-korea.txt") else { return nil }
        var doc = ArticleInput.document(try String(contentsOf: url, encoding: .utf8))
        let r = TestResources.loader
        let components: [any AnalysisComponent] = [TestResources.tokenizer, TestResources.splitter,
                                                   try EntityTagger(resources: r), try EntityLinker(resources: r),
                                                   QuoteTestDocuments.extractor]
        for c in components {
            c.process(&doc)
        }
        return doc
    }

    @Test func seedQuotesGoToTheirSpeakers() throws {
        try Self.check(Self.seed())
    }

    @Test func seedQuotesGoToTheirSpeakersWithTagger() throws {
        let doc = try Self.seedWithTagger()
        try Self.check(doc)
        // Speakers resolve to the linked entities, with their fullest names.
        #expect(doc?.quotes.contains { $0.speaker?.name == "Antony Blinken" && $0.speaker?.entity != nil } == true)
        #expect(doc?.quotes.contains { $0.speaker?.name == "Choe Son-hui" && $0.speaker?.entity != nil } == true)
    }

    static func check(_ doc: Document?) throws {
        guard let doc else { return }
        // A reported clause's content starts with its complementizer when it has one ("that North Korea will
        // ..."), as PolNeAR annotates it.
        func speaker(of prefix: String) -> String? {
            doc.quotes.first {
                let t = doc.text($0.content)
                return t.hasPrefix(prefix) || t.hasPrefix("that " + prefix)
            }?.speaker?.name
        }
        #expect(speaker(of: "Our renewed engagement")?.contains("Blinken") == true)
        #expect(speaker(of: "If the dialogue is to be made")?.contains("Son-hui") == true)
        #expect(speaker(of: "Washington is considering both pressure")?.contains("Blinken") == true)
        #expect(speaker(of: "North Korea will not engage in a dialogue")?.contains("Son-hui") == true)
        #expect(!doc.quotes.contains { doc.text($0.content).contains("urges China") })
        #expect(!doc.quotes.contains { doc.text($0.content) == "hostile policies" })
        // The subheading in quote marks names no speaker and is no quote (a heading quoting the story).
        #expect(!doc.quotes.contains { doc.text($0.content).hasPrefix("Equal footing") })
    }
}
