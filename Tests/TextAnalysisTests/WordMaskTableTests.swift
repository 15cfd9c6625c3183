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

    /// QuoteContext reads ASCII words of two bytes or more through scan, prefetch and resolve (a word longer than
    /// eight bytes through lookup after prefetch): they must answer as lookup does, for keys in any case, words
    /// that are no key, words that share a key's first eight bytes, and words with other characters.
    @Test func prefetchedProbesAnswerAsLookup() {
        let table = Self.lexicon.masks
        var words: [String] = []
        for key in table.keys where key.utf8.count > 1 {
            words += [key, key.uppercased(), key.capitalized, key + "x", String(key.dropLast())]
        }
        words += ["zzzzzzzzzzzz", "saidd", "accordingto", "according-to-the-latest-reports", "café", "naïve", "1990s",
                  "ab\u{0}", "AB", "x-y",
                  // Eight bytes are tested at once: capitals and their neighbours at every place, the bytes just
                  // outside A-Z ("@", "[", "`", "{"), and non-ASCII bytes whose low seven bits spell a capital.
                  "ABCDEFGH", "abcdefgH", "Habcdefg", "abcdefghIJ", "ABCDEFGHIJKLMNOP", "@[`{", "Zz[@", "AZaz@[`{",
                  "ÉBOLA", "ÀB", "aÉZ", "Ñandú", "ΑΒΓ", "\u{C1}\u{DA}", "a\u{80}B", "SAID-SAID"]
        var probes: [WordMaskTable.Probe] = []
        var expected: [(UInt64, Int32)] = []
        for (i, word) in words.enumerated() {
            var w = word
            w.withUTF8 { bytes in
                let (probe, hasUpper, ascii) = WordMaskTable.scan(bytes, token: Int32(i))
                #expect(hasUpper == bytes.contains { $0 >= 65 && $0 <= 90 }, "\(word)")
                #expect(ascii == bytes.allSatisfy { $0 < 128 }, "\(word)")
                guard ascii else { return }
                probes.append(probe)
                let want = table.lookup(ascii: bytes, folding: true)
                expected.append((want.value, want.key))
            }
        }
        probes.withUnsafeMutableBufferPointer { table.prefetch($0) }
        var found = 0
        for (p, want) in zip(probes, expected) {
            var w = words[Int(p.token)]
            let got = p.length <= 8 ? table.resolve(p) : w.withUTF8 { table.lookup(ascii: $0, folding: true) }
            #expect(got.value == want.0 && got.key == want.1, "\(words[Int(p.token)])")
            if got.key >= 0 { found += 1 }
        }
        #expect(found > 1000)
    }

    /// The cue finder rejects a phrase by its count and second word before reading its words.
    @Test func cuePhrasesKeepTheirCountAndSecondWord() {
        for (_, phrases) in Self.lexicon.cues {
            for p in phrases {
                #expect(p.count == p.words.count && p.second == (p.words.count > 1 ? p.words[1] : nil), "\(p.words)")
            }
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
