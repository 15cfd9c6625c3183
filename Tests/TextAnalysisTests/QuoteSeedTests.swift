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

    @Test func seedQuotesGoToTheirSpeakers() throws {
        guard let doc = Self.seed() else { return }
        for q in QuoteTestDocuments.summary(doc) { print("\(q.rule)\t\(q.kind)\t\(q.mention ?? "-")\t\(q.name ?? "-")\t\(q.content)") }
        func speaker(of prefix: String) -> String? {
            doc.quotes.first { doc.text($0.content).hasPrefix(prefix) }?.speaker?.name
        }
        #expect(speaker(of: "Our renewed engagement")?.contains("Blinken") == true)
        #expect(speaker(of: "If the dialogue is to be made")?.contains("Son-hui") == true)
        #expect(speaker(of: "Washington is considering both pressure")?.contains("Blinken") == true)
        #expect(speaker(of: "North Korea will not engage in a dialogue")?.contains("Son-hui") == true)
        #expect(!doc.quotes.contains { doc.text($0.content).contains("urges China") })
        #expect(!doc.quotes.contains { doc.text($0.content) == "hostile policies" })
    }
}
