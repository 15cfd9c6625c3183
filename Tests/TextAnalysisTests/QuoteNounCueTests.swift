// Noun cues (NounCueContent.swift): the owner of a noun of statement, belief, desire or decision is the speaker,
// and the that-clause, to-infinitive or phrase after the cue's preposition is what it reports.
import Testing
@testable import TextAnalysis

@Suite struct QuoteNounCueTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let text: String
        /// The expected speaker mention and content of the one noun-cue quote, nil for none.
        let quote: (mention: String, content: String)?
        var testDescription: String { String(text.prefix(60)) }
    }

    static let rows: [Row] = [
        Row(text: "Nobody shared Lopez's conclusion that judges should not weigh the news value.",
            quote: ("Lopez's", "that judges should not weigh the news value")),
        Row(text: "The speech reflected the president's eagerness to win over young voters.",
            quote: ("the president's", "to win over young voters")),
        Row(text: "The mayor continues his adulation of Putin.", quote: ("his", "Putin")),
        Row(text: "His obsession with Mexico and China is well known.", quote: ("His", "Mexico and China")),
        Row(text: "Veteran Corners Lopez On His Refusal To Use The Words.",
            quote: ("His", "To Use The Words")),
        // "to" before a noun phrase is a preposition, not an infinitive.
        Row(text: "The court heard her demand to the board on Monday.", quote: nil),
        // No owner, no speaker: the noun is not read as a cue.
        Row(text: "The decision to close the plant was made in May.", quote: nil),
    ]

    @Test(arguments: rows)
    func nounCueReportsWhatFollowsIt(_ row: Row) {
        let got = QuoteTestDocuments.summary(QuoteTestDocuments.analyze(row.text)).filter { $0.rule.hasSuffix(".noun") }
        guard let want = row.quote else {
            #expect(got.isEmpty, "\(got)")
            return
        }
        #expect(got.count == 1, "\(got)")
        #expect(got.first?.mention == want.mention)
        #expect(got.first?.content == want.content)
    }

    /// A verb cue right before a noun cue is no noun heading a subject ("the reports shows"): it stays a cue and
    /// the noun phrase is its object.
    @Test func verbCueBeforeANounCueTakesItAsObject() {
        let text = "Officials signaled willingness to change the law."
        let got = QuoteTestDocuments.summary(QuoteTestDocuments.analyze(text))
        #expect(got.map(\.rule) == ["reported.cue-object"], "\(got)")
        #expect(got.first?.mention == "Officials")
        #expect(got.first?.content == "willingness to change the law")
    }

    /// A noun cue of more than one word names the preposition whose phrase it reports ("adulation of"): the last
    /// word must be one NounCueContent reads.
    @Test func multiWordNounCuesEndInAKnownPreposition() {
        let lexicon = QuoteTestDocuments.extractor.lexicon
        let nouns = lexicon.cues.values.joined().filter { $0.frame == .noun }
        #expect(nouns.count >= 20)
        for cue in nouns where cue.words.count > 1 {
            #expect(lexicon.is(cue.words.last!, .nounprep), "\(cue.words)")
        }
    }
}
