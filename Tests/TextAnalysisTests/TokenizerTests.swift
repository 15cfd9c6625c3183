// Tokenizer: table cases, offsets that round-trip, the data files' EXAMPLE lines, and hostile input.
import Foundation
import Testing
@testable import TextAnalysis

struct TokenizerTests {
    func words(_ text: String) -> [String] { TestResources.tokenizer.tokenize(text).map(\.text) }

    static let cases: [(String, String, [String])] = [
        ("abbreviations keep their period", "Mr. Smith met Gov. Hochul in Sept. at Acme Inc.",
         ["Mr.", "Smith", "met", "Gov.", "Hochul", "in", "Sept.", "at", "Acme", "Inc."]),
        ("letter-period runs stay whole", "the U.S. and U.K. and N.Y.", ["the", "U.S.", "and", "U.K.", "and", "N.Y."]),
        ("initials stay whole", "J. R. Smith", ["J.", "R.", "Smith"]),
        ("sentence-final period splits", "in Korea. KCNA. 2019.", ["in", "Korea", ".", "KCNA", ".", "2019", "."]),
        ("contractions", "don't can't it's they'll I'm we've she'd",
         ["do", "n't", "ca", "n't", "it", "'s", "they", "'ll", "I", "'m", "we", "'ve", "she", "'d"]),
        ("typographic possessive", "North Korea’s First", ["North", "Korea", "’s", "First"]),
        ("plural possessive", "analysts' views", ["analysts", "'", "views"]),
        ("hyphenated names stay whole", "Kim Jong-Un and Choe Son-hui", ["Kim", "Jong-Un", "and", "Choe", "Son-hui"]),
        ("curly quotes split", "“both pressure and diplomatic options”",
         ["“", "both", "pressure", "and", "diplomatic", "options", "”"]),
        ("quote after comma", "diplomacy,” Blinken", ["diplomacy", ",", "”", "Blinken"]),
        ("guillemets and low quotes", "«Oui» „Ja“ ‘yes’", ["«", "Oui", "»", "„", "Ja", "“", "‘", "yes", "’"]),
        ("dashes", "war—and peace -- or – not", ["war", "—", "and", "peace", "--", "or", "–", "not"]),
        ("numbers", "1,000.5 and 3.5% of $2,020", ["1,000.5", "and", "3.5", "%", "of", "$", "2,020"]),
        ("currency in brackets", "(£600m)", ["(", "£", "600m", ")"]),
        ("url with trailing period", "see https://example.com/a?b=1.", ["see", "https://example.com/a?b=1", "."]),
        ("www url", "at www.bbc.co.uk/news,", ["at", "www.bbc.co.uk/news", ","]),
        ("e-mail", "mail jane.doe@example.org.", ["mail", "jane.doe@example.org", "."]),
        ("emoji split off", "great👍🏽 news😀", ["great", "👍🏽", "news", "😀"]),
        ("zwj emoji sequence is one token", "a 👩‍👩‍👧 b", ["a", "👩‍👩‍👧", "b"]),
        ("flags pair up", "🇺🇸🇰🇷", ["🇺🇸", "🇰🇷"]),
        ("chinese one token per ideograph", "北京欢迎你", ["北", "京", "欢", "迎", "你"]),
        ("arabic words", "قال الرئيس، اليوم", ["قال", "الرئيس", "،", "اليوم"]),
        ("korean words stay whole", "북한 외무성", ["북한", "외무성"]),
        ("missing space after a sentence", "left.The end", ["left", ".", "The", "end"]),
        ("slash between words", "and/or 10:30", ["and", "/", "or", "10:30"]),
        ("ellipsis", "wait... what…", ["wait", "...", "what", "…"]),
        ("special case", "I cannot", ["I", "can", "not"]),
        ("clitic alone stays whole", "Korea 's", ["Korea", "'s"]),
    ]

    @Test(arguments: cases)
    func tokenizerSplitsAsExpected(_ c: (String, String, [String])) {
        #expect(words(c.1) == c.2, "\(c.0)")
    }

    @Test(arguments: cases.map(\.1) + ["  leading and trailing  ", "a\u{0}b", "x\u{200F}y"])
    func tokenizerOffsetsRoundTrip(_ text: String) {
        let doc = Document(text: text)
        let tokens = TestResources.tokenizer.tokenize(doc.scalars)
        var previousEnd = 0
        for t in tokens {
            #expect(doc.text(CharRange(t.start, t.end)) == t.text)
            #expect(t.start >= previousEnd && t.end > t.start)
            previousEnd = t.end
            #expect(t.spaceAfter == (t.end < doc.scalars.count && doc.scalars[t.end].properties.isWhitespace
                                     || t.end < doc.scalars.count && CharClass.isSeparator(doc.scalars[t.end].value)))
        }
    }

    @Test(arguments: ["tokenizer/abbreviations.txt", "tokenizer/exceptions.txt", "tokenizer/affixes.txt"])
    func tokenizerReplaysDataFileExamples(_ file: String) throws {
        let examples = try TestResources.examples(file)
        #expect(!examples.isEmpty)
        for e in examples {
            #expect(words(e.input).joined(separator: " ") == e.expected, "\(file): \(e.input)")
        }
    }

    @Test(arguments: [
        ("empty", ""), ("whitespace", " \n\t\r\n  "), ("nul bytes", "\u{0}\u{0}a\u{0}"),
        ("rtl marks", "\u{200F}\u{202E}abc\u{202C}"), ("combining", "e\u{301}\u{301}\"\u{301}x"),
        ("lone punctuation", "\" ' “ ” ( ) . , -- —"), ("marks only", "\u{301}\u{302}"),
        ("unterminated url", "http://"), ("at signs", "@@@ a@ @b"),
    ])
    func tokenizerSurvivesHostileInput(_ c: (String, String)) {
        let doc = Document(text: c.1)
        let tokens = TestResources.tokenizer.tokenize(doc.scalars)
        for t in tokens {
            #expect(doc.text(CharRange(t.start, t.end)) == t.text, "\(c.0)")
            #expect(!t.text.unicodeScalars.contains { CharClass.isSeparator($0.value) }, "\(c.0)")
            #expect(!CharClass.isAttaching(t.text.unicodeScalars.first!.value) || t.start == 0, "\(c.0)")
        }
    }

    @Test func tokenizerNeverSplitsBeforeACombiningMark() {
        let text = "\"\u{301}abc\u{301}\"\u{301}"
        let tokens = TestResources.tokenizer.tokenize(text)
        for t in tokens {
            #expect(!CharClass.isAttaching(t.text.unicodeScalars.first!.value))
        }
        #expect(tokens.map(\.text).joined() == text)
    }

    @Test func tokenizerHandlesOneLongLineLinearly() {
        // 300 k scalars without a space, of punctuation, of infixes: a quadratic step would take hours here.
        // (scripts/bench-textcore.sh times a 10 MB line in release.)
        let long = String(repeating: "ab", count: 150_000)
        #expect(words(long) == [long])
        let punct = String(repeating: "(", count: 150_000) + "x" + String(repeating: ")", count: 150_000)
        #expect(words(punct).count == 300_001)
        let mixed = String(repeating: "a—b.", count: 75_000)
        #expect(words(mixed).count == 150_002)   // a — b.a — ... b .
    }

    @Test func tokenizerExplainsEachToken() {
        let explained = TestResources.tokenizer.explain("(Mr. Kim’s N.Y. visit—see www.x.org 😀")
        #expect(explained.map(\.token) == ["(", "Mr.", "Kim", "’s", "N.Y.", "visit", "—", "see", "www.x.org", "😀"])
        #expect(explained.map(\.rule) == [.prefix, .special, .word, .clitic, .initials, .word, .infix, .word, .url,
                                          .emoji])
        #expect(TestResources.tokenizer.explain("end.").map(\.rule) == [.word, .period])
    }

    @Test func tokenizerStartsAtBodyStart() {
        let doc = ArticleInput.document(" date 2021-03-18 The body.")
        var d = doc
        TestResources.tokenizer.process(&d)
        #expect(d.tokens.map(\.text) == ["The", "body", "."])
        #expect(d.tokens[0].start == 17)
    }
}
