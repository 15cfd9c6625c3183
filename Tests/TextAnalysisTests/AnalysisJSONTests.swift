// AnalysisJSON: string escaping, number formatting, and a full document that Foundation parses back.
import Foundation
import Testing
@testable import TextAnalysis

struct AnalysisJSONTests {
    func quoted(_ s: String) -> String { String(decoding: AnalysisJSON.quoted(s), as: UTF8.self) }

    @Test(arguments: [
        ("plain", "abc", "\"abc\""),
        ("quote and backslash", "a\"b\\c", "\"a\\\"b\\\\c\""),
        ("short escapes", "\n\r\t\u{8}\u{C}", "\"\\n\\r\\t\\b\\f\""),
        ("other controls", "\u{0}\u{1F}\u{7F}", "\"\\u0000\\u001f\\u007f\""),
        ("line separators", "a\u{2028}b\u{2029}c", "\"a\\u2028b\\u2029c\""),
        ("non-ASCII kept", "“Son-hui” 북한 😀", "\"“Son-hui” 북한 😀\""),
        ("slash kept", "a/b", "\"a/b\""),
        ("similar bytes untouched", "\u{2027}\u{202A}", "\"\u{2027}\u{202A}\""),
    ])
    func jsonEscapesStrings(_ c: (String, String, String)) throws {
        #expect(quoted(c.1) == c.2, "\(c.0)")
        // And JSONSerialization reads back the original.
        let back = try JSONSerialization.jsonObject(with: Data(AnalysisJSON.quoted(c.1)), options: .fragmentsAllowed)
        #expect(back as? String == c.1)
    }

    @Test(arguments: [(0.0, "0"), (1.0, "1"), (0.5, "0.5"), (0.81254, "0.8125"), (0.99999, "1"), (-0.25, "-0.25"),
                      (0.0001, "0.0001"), (0.00004, "0"), (12.3, "12.3"), (Double.nan, "null"),
                      (Double.infinity, "null")])
    func jsonFormatsNumbers(_ c: (Double, String)) {
        var w = JSONWriter()
        w.double(c.0)
        #expect(String(decoding: w.out, as: UTF8.self) == c.1)
    }

    @Test(arguments: [0, 7, -3, 1234567890, Int.max, Int.min + 1])
    func jsonFormatsIntegers(_ v: Int) {
        var w = JSONWriter()
        w.int(v)
        #expect(String(decoding: w.out, as: UTF8.self) == String(v))
    }

    /// appendInt writes digits into a fixed stack buffer: the extremes, the one-digit shortcut and its edge,
    /// and every power-of-ten boundary must come out as Swift prints them.
    @Test(arguments: [Int64.min, Int64.min + 1, -10, -9, -1, 0, 1, 9, 10, 99, 100, Int64.max]
        + (1...18).flatMap { e -> [Int64] in
            let p = (0..<e).reduce(Int64(1)) { r, _ in r * 10 }
            return [p - 1, p, -p]
        })
    func appendIntMatchesSwiftDescription(_ v: Int64) {
        var out: [UInt8] = [0x5B]
        JSONWriter.appendInt(v, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "[" + String(v))
    }

    @Test func jsonEncodesAWholeDocument() throws {
        var doc = EntityLinkerTests.document("date 2021-03-18 “We agree,” Jane Roe said.\nNext line",
                                             [("Jane Roe", .person)])
        EntityLinkerTests.linker.process(&doc)
        let roe = doc.mentions[0].chars
        doc.quotes = [Quote(content: CharRange(17, 25), kind: .direct, cue: CharRange(37, 41),
                            speaker: Speaker(name: "Jane Roe", entity: 0, mention: roe), rule: "trailing-cue",
                            confidence: 0.9)]
        doc.timexes = [Timex(chars: CharRange(36, 40), type: .date, value: "2021-03-18", rule: "test")]
        doc.timeline = [TimelineEvent(date: "2021-03-18", granularity: "day", chars: CharRange(16, 41), sentence: 0,
                                      timex: 0, entities: [0, 99], quotes: [0, -1, 7])]
        let bytes = AnalysisJSON.encode(doc)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(json["date"] as? String == "2021-03-18")
        #expect(json["sentences"] as? Int == 2)
        #expect(json["tokens"] as? Int == doc.tokens.count)
        let entities = try #require(json["entities"] as? [[String: Any]])
        #expect(entities.first?["name"] as? String == "Jane Roe")
        #expect(entities.first?["role"] is NSNull)
        let mention = try #require((entities.first?["mentions"] as? [[String: Any]])?.first)
        #expect(mention["text"] as? String == "Jane Roe")
        let quote = try #require((json["quotes"] as? [[String: Any]])?.first)
        #expect(quote["text"] as? String == "We agree")
        #expect((quote["speaker"] as? [String: Any])?["entity"] as? Int == 0)
        #expect((quote["cue"] as? [String: Any])?["text"] as? String == "said")
        let event = try #require((json["timeline"] as? [[String: Any]])?.first)
        #expect(event["entities"] as? [Int] == [0])   // indexes that do not exist are dropped
        #expect(event["quotes"] as? [Int] == [0])
        // Key order is fixed.
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix(
            "{\"date\":\"2021-03-18\",\"entities\":[{\"id\":0,\"name\":\"Jane Roe\",\"type\":\"PER\""))
        #expect(text.hasSuffix(",\"sentences\":2,\"tokens\":\(doc.tokens.count)}"))
    }

    /// A speaker that names no one (a pronoun with no antecedent) is written with "name": null and its mention.
    @Test func jsonWritesAnUnresolvedSpeakerNameAsNull() throws {
        var doc = EntityLinkerTests.document("date 2021-03-18 “We agree,” he said.", [])
        doc.quotes = [Quote(content: CharRange(17, 25), kind: .direct, cue: CharRange(31, 35),
                            speaker: Speaker(name: nil, entity: nil, mention: CharRange(28, 30)), rule: "then-cue",
                            confidence: 0.9)]
        let bytes = AnalysisJSON.encode(doc)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let speaker = try #require((json["quotes"] as? [[String: Any]])?.first?["speaker"] as? [String: Any])
        #expect(speaker["name"] is NSNull)
        #expect(speaker["entity"] is NSNull)
        #expect((speaker["mention"] as? [String: Any])?["text"] as? String == "he")
    }

    /// A split quote's "text" is its pieces joined, and "parts" gives each piece's range; a quote in one piece
    /// has no "parts" key.
    @Test func jsonWritesSplitQuotePartsAndTheirJoinedText() throws {
        var doc = Document(text: "“Yes,” Roe said, “we agree.” “No.”")
        doc.quotes = [Quote(content: CharRange(1, 27), kind: .direct, cue: nil, speaker: nil, rule: "split",
                            confidence: 0.9, parts: [CharRange(1, 5), CharRange(18, 27)]),
                      Quote(content: CharRange(30, 33), kind: .direct, cue: nil, speaker: nil, rule: "plain",
                            confidence: 0.9)]
        let json = try #require(try JSONSerialization.jsonObject(with: Data(AnalysisJSON.encode(doc)))
            as? [String: Any])
        let quotes = try #require(json["quotes"] as? [[String: Any]])
        #expect(quotes.map { $0["text"] as? String } == ["Yes, we agree.", "No."])
        #expect(quotes[0]["parts"] as? [[String: Int]] == [["start": 1, "end": 5], ["start": 18, "end": 27]])
        #expect(quotes[1]["parts"] == nil)
    }

    @Test func jsonEncodesAnEmptyDocument() {
        let text = String(decoding: AnalysisJSON.encode(Document(text: "")), as: UTF8.self)
        #expect(text == "{\"date\":null,\"entities\":[],\"quotes\":[],\"timexes\":[],\"timeline\":[],"
                + "\"sentences\":0,\"tokens\":0}")
    }
}
