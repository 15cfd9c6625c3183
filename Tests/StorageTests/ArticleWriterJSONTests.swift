// The JSON ArticleWriter writes itself (a link's name forms, an entity's counts per type): escaped as JSON wants,
// and read back by SQLite's json functions as written.
import Testing
@testable import Storage

@Suite struct ArticleWriterJSONTests {
    @Test(arguments: [
        ("plain", "\"plain\""),
        ("", "\"\""),
        ("say \"no\"", "\"say \\\"no\\\"\""),
        ("a\\b", "\"a\\\\b\""),
        ("tab\there\u{1}\u{1F}", "\"tab\\u0009here\\u0001\\u001f\""),
        ("Ségolène Royal 北京", "\"Ségolène Royal 北京\""),
        ("\u{7F}", "\"\u{7F}\""),
    ])
    func stringsAreEscapedAsJSON(_ s: String, _ expected: String) {
        #expect(ArticleWriter.jsonString(s) == expected)
    }

    @Test func formsReadBackBySQLiteAsWritten() throws {
        let forms = [(norm: "segolene royal", alias: "Ségolène Royal"), (norm: "royal", alias: "Royal \"S\"\n")]
        let json = ArticleWriter.formsJSON(forms)
        #expect(json == "{\"segolene royal\":\"Ségolène Royal\",\"royal\":\"Royal \\\"S\\\"\\u000a\"}")
        let db = try Database(path: ":memory:")
        let read = try db.statement("SELECT key, value FROM json_each(?)").rows([.text(json)]) { r in
            (r.text(0), r.text(1))
        }
        #expect(read.map(\.0) == forms.map(\.norm))
        #expect(read.map(\.1) == forms.map(\.alias))
        #expect(ArticleWriter.formsJSON([]) == "{}")
    }
}
