// Cursor, page limits and the folding of search input.
import Testing
@testable import Storage

@Suite struct CursorTests {
    @Test func cursorsRoundTripAndAreBoundToTheirList() throws {
        let c = Cursor(tag: "articles", key: "2021-03-18", id: 42)
        #expect(try Cursor.decode(c.encoded, tag: "articles") == c)
        #expect(!c.encoded.contains("="))
        #expect(throws: StorageError.self) { try Cursor.decode(c.encoded, tag: "quotes") }
        #expect(try Cursor.decode(nil, tag: "articles") == nil)
    }

    @Test(arguments: ["", "!!!", "YWJj", String(repeating: "A", count: 2000), "YXJ0aWNsZXMfeB94"])
    func malformedCursorsAreRefusedAsInvalidCursor(_ text: String) {
        #expect {
            try Cursor.decode(text, tag: "articles")
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

    @Test func likePatternsEscapeWildcards() {
        #expect(Fold.likeSubstring("50%_a\\b") == "%50\\%\\_a\\\\b%")
    }
}

@Suite struct FoldTests {
    @Test(arguments: [("Joe Biden", "joe biden"), ("\tJOE\n\n biden  ", "joe biden"), ("", ""), ("   ", ""),
                      ("O'Neil-SMITH", "o'neil-smith"), ("Zoë  Saldaña", "zoe saldana"), ("ÉCOLE", "ecole")])
    func asciiAndUnicodeNamesFoldTheSameWay(_ c: (String, String)) {
        #expect(Fold.name(c.0) == c.1)
    }
}
