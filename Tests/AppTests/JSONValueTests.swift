// JSONValue: the bytes it writes are JSON that parses back to the same values, strings escaped where JSON
// requires it, object keys in sorted order, and row objects equal to the ones JSONSerialization wrote before.
import Foundation
@testable import Storage
import Testing
@testable import App

@Suite struct JSONValueTests {
    static func text(_ v: JSONValue) -> String { String(decoding: v.encoded(), as: UTF8.self) }

    @Test(arguments: [
        (JSONValue.string("plain"), #""plain""#),
        (.string("quote \" backslash \\ slash /"), #""quote \" backslash \\ slash /""#),
        (.string("line\nreturn\rtab\tbell\u{07}nul\u{0}"), #""line\nreturn\rtab\tbell\u0007nul\u0000""#),
        (.string("Zürich – 東京 😀"), "\"Zürich – 東京 😀\""),
        (.string(nil), "null"),
        (.int(-42), "-42"),
        (.int(Int64.max), "9223372036854775807"),
        (.int(Int64.min), "-9223372036854775808"),
        (.int(0), "0"),
        (.double(0.9), "0.9"),
        (.double(.nan), "null"),
        (.bool(true), "true"),
        (.array([.int(1), .null, .string("a")]), #"[1,null,"a"]"#),
        (.object([("b", .int(2)), ("a_b", .int(1)), ("a", .object([])), ("ab", .array([]))]),
         #"{"a":{},"a_b":1,"ab":[],"b":2}"#),
        (.raw(Array(#"{"x":1}"#.utf8)), #"{"x":1}"#),
        (.raw([]), "null"),
    ])
    func valuesEncodeAsJSONWithSortedKeys(_ value: JSONValue, _ expected: String) {
        #expect(Self.text(value) == expected)
    }

    @Test func everyStringRoundTripsThroughAJSONParser() throws {
        let samples = (0..<128).map { String(UnicodeScalar(UInt8($0))) } + ["é", "\u{2028}", "\"\\\"", "a\u{0}b"]
        for s in samples {
            let parsed = try JSONSerialization.jsonObject(with: Data(JSONValue.array([.string(s)]).encoded()))
            #expect((parsed as? [String])?.first == s, "\(Array(s.unicodeScalars))")
        }
    }

    /// Rows exactly as the API wrote them through JSONSerialization before.
    @Test func rowsParseToTheObjectsJSONSerializationWrote() throws {
        let quote = QuoteRow(id: 3, articleId: 1, articleDate: "2021-03-18", speakerEntityId: 7, speakerName: "Blinken",
                             text: "We \"will\"\nact", kind: "direct", start: 0, end: 12, cue: nil, rule: "cue-after",
                             confidence: 0.85)
        let entity = EntityRow(id: 7, name: "Antony Blinken", type: "PER", aliases: ["Blinken"], roles: ["Secretary"],
                               mentionCount: 4, articleCount: 2, firstSeen: "2021-03-18", lastSeen: nil)
        let event = EventRow(id: 9, articleId: 1, articleDate: "2021-03-18", date: "2021-W11", granularity: "week",
                             start: 5, end: 9, text: "this week", entityIds: [7, 8])
        let cases: [(JSONValue, [String: Any])] = [
            (RowJSON.quote(quote), ["id": 3, "article": 1, "article_date": "2021-03-18", "text": "We \"will\"\nact",
                                    "kind": "direct", "start": 0, "end": 12, "cue": NSNull(), "rule": "cue-after",
                                    "confidence": 0.85, "speaker": ["name": "Blinken", "entity": 7]]),
            (RowJSON.entity(entity), ["id": 7, "name": "Antony Blinken", "type": "PER", "aliases": ["Blinken"],
                                      "roles": ["Secretary"], "mention_count": 4, "article_count": 2,
                                      "first_seen": "2021-03-18", "last_seen": NSNull()]),
            (RowJSON.event(event), ["id": 9, "article": 1, "article_date": "2021-03-18", "date": "2021-W11",
                                    "granularity": "week", "start": 5, "end": 9, "text": "this week",
                                    "entities": [7, 8]]),
        ]
        for (value, expected) in cases {
            let parsed = try JSONSerialization.jsonObject(with: Data(value.encoded())) as? NSDictionary
            #expect(parsed == expected as NSDictionary, "\(Self.text(value))")
            // Listed in key order, so encoding takes the path that does not sort (quotes and events are bytes).
            guard case .object(let members) = value else { continue }
            #expect(members.map(\.0) == members.map(\.0).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        }
    }

    /// Quote and event rows are written straight to bytes: the same bytes as the JSONValue tree they replaced.
    @Test(arguments: [
        (Int64?.some(7), String?.some("Blinken"), String?.none, 0.85, "We \"will\"\nact", [Int64]()),
        (nil, "the minister", "said", 1.0, "Zürich – 東京\u{0}", [1]),
        (42, nil, "told\treporters", Double.nan, "", [3, -4, Int64.max]),
        (nil, nil, nil, 1e-7, "\\", [7, 8]),
    ])
    func quoteAndEventRowsAreTheBytesOfTheirTrees(_ c: (Int64?, String?, String?, Double, String, [Int64])) {
        let q = QuoteRow(id: 3, articleId: 1, articleDate: "2021-03-18", speakerEntityId: c.0, speakerName: c.1,
                         text: c.4, kind: "direct", start: 0, end: 12, cue: c.2, rule: "cue-after", confidence: c.3)
        let tree = JSONValue.object([
            ("article", .int(q.articleId)), ("article_date", .string(q.articleDate)),
            ("confidence", .double(q.confidence)), ("cue", .string(q.cue)), ("end", .int(q.end)), ("id", .int(q.id)), ("kind", .string(q.kind)),
            ("rule", .string(q.rule)),
            ("speaker", q.speakerName == nil && q.speakerEntityId == nil ? .null
                : .object([("entity", .int(q.speakerEntityId)), ("name", .string(q.speakerName))])),
            ("start", .int(q.start)), ("text", .string(q.text))])
        #expect(Self.text(RowJSON.quote(q)) == Self.text(tree))
        let e = EventRow(id: 9, articleId: 1, articleDate: "2021-03-18", date: "2021-W11", granularity: "week",
                         start: 5, end: 9, text: c.4, entityIds: c.5)
        let eventTree = JSONValue.object([
            ("article", .int(e.articleId)), ("article_date", .string(e.articleDate)), ("date", .string(e.date)),
            ("end", .int(e.end)), ("entities", .array(e.entityIds.map { .int($0) })),
            ("granularity", .string(e.granularity)), ("id", .int(e.id)), ("start", .int(e.start)),
            ("text", .string(e.text))])
        #expect(Self.text(RowJSON.event(e)) == Self.text(eventTree))
    }
}
