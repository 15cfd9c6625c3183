// The quote sieves' view of a document without emoji, control and format tokens (Quotes/SymbolTokens.swift).
import Testing
@testable import TextAnalysis

@Suite struct SymbolTokensTests {
    @Test(arguments: [
        ("😀", true), ("👍🏽", true), ("\u{0}", true), ("\u{FEFF}", true), ("^", true), ("`", true),
        ("said", false), ("“", false), ("2021", false), ("Ω", false), ("é", false), ("😀a", false),
        ("", false), ("\t", true), ("~", false), ("^a", false), ("\u{7F}", true),
    ])
    func symbolTokensAreThoseWithoutLettersDigitsOrPunctuation(_ text: String, _ symbol: Bool) {
        var doc = Document(text: text)
        doc.tokens = [Token(start: 0, end: text.unicodeScalars.count, text: text, spaceAfter: true)]
        #expect(doc.isSymbolToken(0) == symbol)
        // Offsets that do not fit the text (a component's faulty token) are read from the token's own text.
        var loose = Document(text: "")
        loose.tokens = doc.tokens
        #expect(loose.isSymbolToken(0) == symbol)
    }

    @Test func droppingSymbolTokensRenumbersRangesAndKeepsAllSymbolSentences() {
        var doc = TestResources.split("John Smith 😀 said no. 🎉")
        let smith = doc.tokens.firstIndex { $0.text == "Smith" }!
        doc.mentions = [EntityMention(tokens: 0..<(smith + 1), chars: CharRange(0, 10), type: .person, confidence: 1)]
        let copy = doc.droppingSymbolTokens()
        #expect(copy.tokens.map(\.text) == ["John", "Smith", "said", "no", ".", "🎉"])
        #expect(copy.mentions.first?.tokens == 0..<2)
        #expect(copy.sentences.last.map { copy.tokens[$0.tokens].map(\.text) } == ["🎉"])
    }

    /// Ranges past the token array (a faulty component upstream) are clamped, not read.
    @Test func droppingSymbolTokensSurvivesMentionRangesPastTheTokens() {
        var doc = TestResources.split("John 😀 said no.")
        doc.mentions = [EntityMention(tokens: 3..<99, chars: CharRange(0, 4), type: .person, confidence: 1),
                        EntityMention(tokens: -2..<1, chars: CharRange(0, 4), type: .person, confidence: 1)]
        let copy = doc.droppingSymbolTokens()
        #expect(copy.tokens.count == doc.tokens.count - 1)
        #expect(copy.mentions.map(\.tokens) == [2..<copy.tokens.count, 0..<1])
    }
}
