// The quote scorer: brat reading (discontinuous spans, relations without source, ignored Discard spans),
// Jaccard ≥ 0.5 one-to-one matching, speaker overlap, and the direct/indirect split.
import Testing
@testable import TextAnalysis

@Suite struct QuoteScorerTests {
    static let text = "Smith said the road will reopen in May. “It is done,” Lee said."
    static let scalars = Array(text.unicodeScalars)

    static func range(_ s: String) -> CharRange {
        let r = text.range(of: s)!
        let a = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: r.lowerBound)
        return CharRange(a, a + s.unicodeScalars.count)
    }

    static let ann = """
        T1\tSource 0 5\tSmith
        T2\tCue 6 10\tsaid
        T3\tContent 11 22;23 38\tthe road will reopen in May
        T4\tAttribution 6 10\tsaid
        E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
        T5\tContent \(range("“It is done,”").start) \(range("“It is done,”").end)\t“It is done,”
        T6\tAttribution-no-source 0 1\tS
        E2\tAttribution-no-source:T6 Content:T5
        T7\tDiscard 0 5\tSmith
        """

    @Test func readsRelationsWithDiscontinuousSpans() {
        let gold = PolNeAR.attributions(ann: Self.ann, text: Self.scalars)
        #expect(gold.count == 2)
        #expect(gold[0].content == [CharRange(11, 22), CharRange(23, 38)])
        #expect(gold[0].source == [CharRange(0, 5)])
        #expect(gold[0].direct == false)
        #expect(gold[1].source.isEmpty)
        #expect(gold[1].direct)
    }

    @Test func matchesByWordJaccardOneToOne() {
        let gold = PolNeAR.attributions(ann: Self.ann, text: Self.scalars)
        var score = QuoteScore()
        let road = Self.range("the road will reopen in May")
        score.add(text: Self.scalars, gold: gold, system: [
            ScoredQuote(content: road, speaker: [Self.range("Smith")], direct: false),
            // A second, overlapping system quote cannot take the same gold.
            ScoredQuote(content: Self.range("road will reopen"), speaker: [], direct: false),
            // Below the threshold: 1 shared word of 5.
            ScoredQuote(content: Self.range("done,” Lee said"), speaker: [Self.range("Lee")], direct: true),
        ])
        #expect(score.matchedGold == [0, 1])
        #expect(score.system == [1, 2])
        #expect(abs(score.precision() - 1.0 / 3.0) < 1e-9)
        #expect(abs(score.recall() - 0.5) < 1e-9)
        #expect(score.speakerTotal == [0, 1])
        #expect(score.speakerRight == [0, 1])
    }

    /// A split quote is scored by the words of its parts, not of the attribution its range runs over (“A,” Lee
    /// said, “B.” against a gold content of the two pieces).
    @Test func splitQuoteIsScoredByItsParts() {
        let text = "“We are ready,” Lee, a city engineer, said on Monday at the port in the north of town, “and the plan " +
            "has been tested.”"
        let sc = Array(text.unicodeScalars)
        func r(_ s: String) -> CharRange {
            let a = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: text.range(of: s)!.lowerBound)
            return CharRange(a, a + s.unicodeScalars.count)
        }
        let a = r("We are ready,"), b = r("and the plan has been tested.")
        let ann = "T1\tContent \(a.start) \(a.end);\(b.start) \(b.end)\tx\nE1\tAttribution:T1 Content:T1\n"
        let gold = PolNeAR.attributions(ann: ann, text: sc)
        var whole = ScoredQuote(content: CharRange(a.start, b.end), speaker: [], direct: true)
        var score = QuoteScore()
        score.add(text: sc, gold: gold, system: [whole])
        #expect(score.matchedGold == [0, 0])
        whole.parts = [a, b]
        score = QuoteScore()
        score.add(text: sc, gold: gold, system: [whole])
        #expect(score.matchedGold == [0, 1])
    }

    @Test func wrongSpeakerCountsAgainstAccuracy() {
        let gold = PolNeAR.attributions(ann: Self.ann, text: Self.scalars)
        var score = QuoteScore()
        score.add(text: Self.scalars, gold: gold, system: [
            ScoredQuote(content: Self.range("road will reopen in May"), speaker: [Self.range("Lee")], direct: false),
        ])
        #expect(score.speakerTotal == [0, 1])
        #expect(score.speakerRight == [0, 0])
        #expect(score.report(title: "t").contains("indirect"))
    }

    @Test(arguments: [("“It is done,”", false), ("the road is “done”", true), ("“It is” done", true), ("road", false)])
    func goldWithWordsOutsideMarksIsMixed(_ content: String, _ mixed: Bool) {
        let text = "Smith said the road is “done”. “It is done,” Lee said. “It is” done"
        let sc = Array(text.unicodeScalars)
        let r = text.range(of: content)!
        let a = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: r.lowerBound)
        let ann = "T1\tContent \(a) \(a + content.unicodeScalars.count)\t\(content)\nE1\tAttribution:T1 Content:T1\n"
        let gold = PolNeAR.attributions(ann: ann, text: sc)
        #expect(gold.first?.mixed == mixed)
    }
}
