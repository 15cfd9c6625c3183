// Cursor, page limits and the folding of search input.
import Foundation
import Testing
@testable import Storage

@Suite struct CursorTests {
    @Test func cursorsRoundTripAndAreBoundToTheirList() throws {
        let f = Cursor.binding([])
        let c = Cursor(tag: "articles", filter: f, key: "2021-03-18", id: 42)
        #expect(try Cursor.decode(c.encoded, tag: "articles", filter: f) == c)
        #expect(!c.encoded.contains("="))
        #expect(throws: StorageError.self) { try Cursor.decode(c.encoded, tag: "quotes", filter: f) }
        #expect(try Cursor.decode(nil, tag: "articles", filter: f) == nil)
        let odd = Cursor(tag: "entities.name", filter: f, key: "a\u{1F}b\u{1F}#", id: 7)
        #expect(try Cursor.decode(odd.encoded, tag: "entities.name", filter: f) == odd)
    }

    /// A cursor answers only the filters that made it, with a message saying what to do: one from another query
    /// gave a page of the wrong list silently.
    @Test func cursorsAreBoundToTheirFiltersAndSayWhyTheyAreRefused() throws {
        let blair = Cursor.binding(["blair", nil]), brown = Cursor.binding(["brown", nil])
        let c = Cursor(tag: "quotes.date", filter: blair, key: "2021-03-18", id: 42).encoded
        #expect(try Cursor.decode(c, tag: "quotes.date", filter: blair)?.id == 42)
        #expect {
            try Cursor.decode(c, tag: "quotes.date", filter: brown)
        } throws: { e in
            let e = e as? StorageError
            return e?.kind == .invalidCursor && e?.message.contains("other filters") == true
        }
        #expect {
            try Cursor.decode(c, tag: "articles", filter: blair)
        } throws: { ($0 as? StorageError)?.message.contains("another list") == true }
        // Before cursors were bound: "tag␟key␟id", refused with its own message.
        let old = Data("quotes.date\u{1F}2021-03-18\u{1F}42".utf8).base64EncodedString()
            .replacingOccurrences(of: "=", with: "")
        #expect {
            try Cursor.decode(old, tag: "quotes.date", filter: blair)
        } throws: { e in
            let e = e as? StorageError
            return e?.kind == .invalidCursor && e?.message.contains("earlier version") == true
        }
    }

    /// The hash is stable across processes and versions (FNV-1a of fixed bytes), and tells nil from "" and values
    /// in other positions apart.
    @Test func filterBindingsAreStableAndPositional() {
        #expect(Cursor.binding([]) == "cbf29ce484222325")
        #expect(Cursor.binding(["a"]) == Cursor.binding(["a"]))
        let variants: [[String?]] = [[nil], [""], ["a", nil], [nil, "a"], ["a", "b"], ["ab", nil], ["1:a"]]
        #expect(Set(variants.map(Cursor.binding)).count == variants.count)
    }

    /// Every remainder of the length modulo 3 (no padding), both alphabet substitutes, a multi-byte key.
    @Test(arguments: [("a", "k", 1), ("ab", "k", 12), ("abc", "k", 123), ("quotes", "", 9_007_199_254_740_993),
                      ("t", "\u{FB}\u{FF}\u{FE}", 5), ("entities.name", "zoë ~~~???", 42)])
    func cursorsAreUnpaddedBase64URL(_ c: (String, String, Int64)) throws {
        let cursor = Cursor(tag: c.0, filter: "0123456789abcdef", key: c.1, id: c.2)
        let expected = Data("\(c.0)#0123456789abcdef\u{1F}\(c.1)\u{1F}\(c.2)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        #expect(cursor.encoded == expected)
        #expect(try Cursor.decode(cursor.encoded, tag: c.0, filter: "0123456789abcdef") == cursor)
    }

    @Test(arguments: ["", "!!!", "YWJj", String(repeating: "A", count: 2000), "YXJ0aWNsZXMfeB94"])
    func malformedCursorsAreRefusedAsInvalidCursor(_ text: String) {
        #expect {
            try Cursor.decode(text, tag: "articles", filter: Cursor.binding([]))
        } throws: { ($0 as? StorageError)?.kind == .invalidCursor }
    }

    @Test func limitDefaultsTo50AndMustBeBetween1And500() throws {
        #expect(try PageLimit.resolve(nil) == 50)
        #expect(try PageLimit.resolve(1) == 1)
        #expect(try PageLimit.resolve(500) == 500)
        for bad in [0, -1, 501] {
            #expect { try PageLimit.resolve(bad) } throws: { ($0 as? StorageError)?.kind == .invalidArgument }
        }
    }

    @Test(arguments: [("  Joe   BIDEN ", "joe biden"), ("Émile Zola", "emile zola"), ("ÅNGSTRÖM", "angstrom")])
    func namesFoldToLowercaseWithoutDiacritics(_ c: (String, String)) {
        #expect(Fold.name(c.0) == c.1)
    }

    @Test(arguments: [("rebuild economy", "\"rebuild\" \"economy\""), ("econ*", "\"econ\"*"),
                      ("a\"b OR NEAR(", "\"ab\" \"OR\" \"NEAR(\""), ("  ", nil), ("*", nil)] as [(String, String?)])
    func searchInputBecomesQuotedFtsPhrases(_ c: (String, String?)) {
        #expect(Fold.ftsQuery(c.0) == c.1)
    }

    /// Words in double quotes (straight or curly) are one phrase, as a search box reads them: q="interest rates"
    /// found every quote with both words anywhere. A mark that closes nothing is dropped; a * after the closing
    /// mark makes the phrase's last word a prefix.
    @Test(arguments: [
        ("\"interest rates\"", "\"interest rates\""),
        ("\u{201C}Prime Minister\u{201D} Blair", "\"Prime Minister\" \"Blair\""),
        ("war \" on terror \" now", "\"war\" \"on terror\" \"now\""),
        ("\"single\"", "\"single\""),
        ("\"interest rat\"*", "\"interest rat\"*"),
        ("\"unclosed phrase", "\"unclosed\" \"phrase\""),
        ("\"a b\" \"c d\"", "\"a b\" \"c d\""),
        ("\"\" \"\u{2014}\"", nil),
    ] as [(String, String?)])
    func quotedWordsAreOnePhrase(_ c: (String, String?)) {
        #expect(Fold.ftsQuery(c.0) == c.1)
    }

    /// Punctuation alone holds no token for the quote index (q=“ answered an empty list, q=" a 400); beside words
    /// it is left out, and letters or digits of any script still count.
    @Test(arguments: [("\u{201C} ( \u{2014}", nil), ("Blair \u{2014} war", "\"Blair\" \"war\""),
                      ("№5 ½", "\"№5\" \"½\""), ("naïve", "\"naïve\""), ("-*", nil)] as [(String, String?)])
    func punctuationAloneIsNoSearchWord(_ c: (String, String?)) {
        #expect(Fold.ftsQuery(c.0) == c.1)
    }

    @Test func likePatternsEscapeWildcards() {
        #expect(Fold.likeSubstring("50%_a\\b") == "%50\\%\\_a\\\\b%")
        #expect(Fold.likeWordSuffix("50%_a\\b") == "% 50\\%\\_a\\\\b")
    }
}

@Suite struct FoldTests {
    @Test(arguments: [("Joe Biden", "joe biden"), ("\tJOE\n\n biden  ", "joe biden"), ("", ""), ("   ", ""),
                      ("O'Neil-SMITH", "o'neil-smith"), ("Zoë  Saldaña", "zoe saldana"), ("ÉCOLE", "ecole")])
    func asciiAndUnicodeNamesFoldTheSameWay(_ c: (String, String)) {
        #expect(Fold.name(c.0) == c.1)
    }
}
