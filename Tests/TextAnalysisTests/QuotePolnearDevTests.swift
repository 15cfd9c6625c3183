// Regression guard on the PolNeAR dev split (skips when ../shared is absent): the tokenizer, splitter and quote
// extractor over all 84 articles must keep content F1 and speaker accuracy above floors set a little under the
// figures measured (content F1 0.73, direct F1 0.90, indirect F1 0.65, speaker accuracy 0.92, here without the entity
// tagger; with it `byline score-quotes` reports P 0.837 R 0.679 F1 0.750, speaker accuracy 0.926).
// The full report comes from `byline score-quotes` (scripts/score-quotes).
import Foundation
import Testing
import TestSupport
@testable import TextAnalysis

@Suite struct QuotePolnearDevTests {
    @Test func devScoresStayAboveFloors() throws {
        guard let dir = Fixtures.sharedData("quotes/polnear/dev/text") else { return }
        let annDir = dir.deletingLastPathComponent().appendingPathComponent("attributions")
        let fm = FileManager.default
        let texts = try fm.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.sorted()
        let anns = try fm.contentsOfDirectory(atPath: annDir.path).filter { $0.hasSuffix(".ann") }.sorted()
        var score = QuoteScore()
        for name in texts {
            let stem = String(name.dropLast(4))
            guard let ann = anns.first(where: { $0.hasPrefix(stem + "_") }) else { continue }
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            var doc = TestResources.split(text)
            QuoteTestDocuments.extractor.process(&doc)
            let gold = PolNeAR.attributions(ann: try String(contentsOf: annDir.appendingPathComponent(ann),
                                                            encoding: .utf8), text: doc.scalars)
            score.add(text: doc.scalars, gold: gold, system: doc.quotes.map(ScoredQuote.init))
        }
        print(score.report(title: "PolNeAR dev"))
        #expect(score.articles == 84)
        #expect(score.f1() >= 0.71)
        #expect(score.f1(0) >= 0.87)
        #expect(score.f1(1) >= 0.62)
        #expect(score.speakerAccuracy() >= 0.90)
    }
}
