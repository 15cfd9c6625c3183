// Prefer: return=minimal on POST /articles (RFC 7240): parsing of the Prefer fields, and the answer without the
// analysis.
import Foundation
import HTTP1
import Testing
@testable import App

@Suite struct ReturnPreferenceTests {
    /// Prefer field values as sent, and the preference they give.
    static let cases: [(fields: [String], expected: ReturnPreference)] = [
        ([], .representation),
        (["return=minimal"], .minimal),
        (["RETURN = Minimal"], .minimal),
        (["return=\"minimal\""], .minimal),
        (["respond-async, return=minimal; foo=bar"], .minimal),
        (["wait=10", "return=minimal"], .minimal),
        (["return=representation"], .representation),
        (["return=minimal-ish"], .representation),
        (["returns=minimal"], .representation),
        (["handling=lenient"], .representation),
        (["return=representation, return=minimal"], .representation),  // the first one counts
        (["return"], .representation),
    ]

    @Test(arguments: cases.indices) func preferFieldsGiveTheirReturnPreference(_ i: Int) {
        var headers = HTTPHeaders()
        for field in Self.cases[i].fields { headers.add("Prefer", field) }
        #expect(ReturnPreference(headers) == Self.cases[i].expected, "\(Self.cases[i].fields)")
    }

    @Test func aMinimalAnswerHasTheIdButNoAnalysis() throws {
        let live = try LiveService()
        let text = "date 2021-03-18\nAntony Blinken said on Thursday that talks would resume."
        let created = try live.request("POST", "/articles", text: text, headers: ["Prefer": "return=minimal"])
        #expect(created.status == 201)
        #expect(created.header("Preference-Applied") == "return=minimal")
        let id = try #require(created.json["id"] as? Int)
        #expect(created.header("Location") == "/articles/\(id)")
        #expect(Set(created.json.keys) == ["id", "created"])
        // Stored with its analysis all the same; a second POST of the text is a 200, minimal too.
        let stored = try live.request("GET", "/articles/\(id)")
        #expect((stored.json["analysis"] as? [String: Any])?["entities"] != nil)
        let again = try live.request("POST", "/articles", text: text, headers: ["Prefer": "return=minimal"])
        #expect(again.status == 200 && again.json["id"] as? Int == id && again.json["analysis"] == nil)
        // Without the preference the answer is the full one, and says nothing of preferences.
        let full = try live.request("POST", "/articles", text: text)
        #expect(full.json["analysis"] != nil && full.header("Preference-Applied") == nil)
    }
}
