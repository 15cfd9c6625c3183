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
}
