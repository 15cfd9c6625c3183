// WordMaskTable must answer exactly as the Dictionary it replaces: every key of the real quote lexicon, words that
// are no key, long keys (past the first eight bytes), one-byte keys, case folding and non-ASCII words.
import Testing
@testable import TextAnalysis

@Suite struct WordMaskTableTests {
    static let lexicon: QuoteLexicon = try! QuoteLexicon(resources: TestResources.loader)

    func lookup(_ table: WordMaskTable, _ word: String, folding: Bool) -> UInt64 {
        var w = word
        return w.withUTF8 { table.value(ascii: $0, folding: folding) }
    }

    @Test func tableAnswersEveryLexiconKeyAsTheDictionary() {
        let table = Self.lexicon.masks
        #expect(table.masks.count > 1000)
        for (word, mask) in table.masks {
            #expect(table.value(word) == mask, "\(word)")
            if word.utf8.allSatisfy({ $0 < 128 }) {
                #expect(lookup(table, word, folding: false) == mask, "\(word)")
                #expect(lookup(table, word.uppercased(), folding: true) == mask, "\(word)")
            }
        }
    }

    @Test(arguments: ["", "x", "zzzzzzzzzzzz", "saidd", "sai", "accordingto", "according-to-the-latest-reports"])
    func wordsThatAreNoKeyGiveZero(word: String) {
        let masks: [String: UInt64] = ["said": 1, "according": 2, "a": 4, "reportedly-stated": 8]
        let table = WordMaskTable(masks)
        #expect(table.value(word) == (masks[word] ?? 0))
    }

    @Test func tableMatchesTheDictionaryOnShortLongOneByteAndNonASCIIKeys() {
        let masks: [String: UInt64] = ["a": 1, ",": 2, "said": 4, "acknowledged": 8, "acknowledges": 16,
                                       "café": 32, "\u{212A}elvin": 64, "naïve": 128]
        let table = WordMaskTable(masks)
        for word in ["a", ",", "said", "acknowledged", "acknowledges", "acknowledge", "café", "cafe\u{301}", "naïve",
                     "Kelvin", "\u{212A}elvin", "b", "."] {
            #expect(table.value(word) == (masks[word] ?? 0), "\(word)")
        }
        #expect(lookup(table, "ACKNOWLEDGED", folding: true) == 8)
        #expect(lookup(table, "ACKNOWLEDGED", folding: false) == 0)
        #expect(lookup(table, "A", folding: true) == 1)
    }

    @Test func keyNumbersNameTheKeyFoundAndMinusOneForNone() {
        let masks: [String: UInt64] = ["a": 1, ",": 2, "said": 4, "acknowledged": 8, "café": 32, "\u{212A}elvin": 64]
        let table = WordMaskTable(masks)
        for (word, folding, key) in [("said", false, "said"), ("SAID", true, "said"), ("a", false, "a"),
                                     ("A", true, "a"), (",", false, ","), ("acknowledged", false, "acknowledged"),
                                     ("Kelvin", false, "Kelvin"), ("SAID", false, nil), ("b", false, nil),
                                     ("says", false, nil), ("acknowledges", false, nil)] as [(String, Bool, String?)] {
            var w = word
            let (value, k) = w.withUTF8 { table.lookup(ascii: $0, folding: folding) }
            #expect(value == (key.map { table.value($0) } ?? 0), "\(word)")
            #expect(k == (key.flatMap { table.keys.firstIndex(of: $0) }.map(Int32.init) ?? -1), "\(word)")
        }
    }

    @Test func cuePhrasesByKeyNumberAreTheCueDictionarys() {
        let lex = Self.lexicon
        #expect(lex.cuesByKey.count == lex.masks.keys.count)
        var withCues = 0
        for (k, word) in lex.masks.keys.enumerated() {
            #expect(lex.cuesByKey[k]?.map { "\($0)" } == lex.cues[word]?.map { "\($0)" }, "\(word)")
            if lex.cuesByKey[k] != nil { withCues += 1 }
        }
        #expect(withCues > 100)
    }

    @Test(arguments: ["", " ", "Blair", " Blair ", "Tony Blair", "Tony  Blair", " Tony Blair", "Tony Blair ",
                      "Zoë Ball", "Zoë", " Zoë ", "Zoë \u{301}Ball", "José María Aznar", "\u{A0}Zoë\u{A0}Ball"])
    func hasTwoWordsIsSplitBySpace(name: String) {
        #expect(QuoteContext.hasTwoWords(name) == (name.split(separator: " ").count > 1), "\(name)")
    }
}
