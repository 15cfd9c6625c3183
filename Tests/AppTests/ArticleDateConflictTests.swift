// The same text sent again with another date: a 409 that says how to replace the article (it was a 200 that kept
// the old date and the timeline read from it), over POST /articles, a batch line and `byline import`; the same
// text again with its date, or with none, is still the stored article.
import Foundation
import Storage
import Synchronization
import Testing
import TestSupport
import TextAnalysis
@testable import App

@Suite(.serialized) struct ArticleDateConflictTests {
    static let text = "Vladimir Putin said on Monday that Russia would respond.\n\nHe met officials last week."

    @Test func anotherDateIs409NamingTheStoredArticleAndTheWayToReplaceIt() throws {
        let live = try LiveService()
        let first = try live.request("POST", "/articles?date=2014-05-07", text: Self.text)
        #expect(first.status == 201)
        let id = try #require(first.json["id"] as? Int)
        for again in ["/articles?date=2014-05-07", "/articles"] {
            let same = try live.request("POST", again, text: Self.text)
            #expect(same.status == 200, "\(again)")
            #expect(same.json["id"] as? Int == id)
        }
        let other = try live.request("POST", "/articles?date=2014-06-07", text: Self.text)
        #expect(other.status == 409, "\(other.bodyText)")
        #expect(other.header("Content-Type") == "application/problem+json")
        #expect(other.json["field"] as? String == "date")
        #expect(other.json["article"] as? String == "/articles/\(id)")
        let detail = other.json["detail"] as? String ?? ""
        #expect(detail.contains("article \(id), dated 2014-05-07, not 2014-06-07"), "\(detail)")
        #expect(detail.contains("DELETE /articles/\(id)"), "\(detail)")
        // Nothing changed: the article keeps its date and its timeline ("on Monday" is 2014-05-05).
        let stored = try live.request("GET", "/articles/\(id)").json
        #expect(stored["date"] as? String == "2014-05-07")
        let days = { () throws -> [String] in
            (try live.request("GET", "/timeline?granularity=day").json["items"] as? [[String: Any]] ?? [])
                .compactMap { $0["date"] as? String }
        }
        #expect(try days() == ["2014-05-05"])
        // The way the answer gives: delete, then send it again with the new date.
        #expect(try live.request("DELETE", "/articles/\(id)").status == 204)
        let replaced = try live.request("POST", "/articles?date=2014-06-07", text: Self.text)
        #expect(replaced.status == 201)
        #expect(try live.request("GET", "/articles/\(replaced.json["id"] as? Int ?? -1)").json["date"] as? String
            == "2014-06-07")
        #expect(try days() == ["2014-06-02"])
    }

    @Test func aStoredArticleWithoutADateIs409ForADateAndABatchLineSaysSo() throws {
        let live = try LiveService()
        let first = try live.request("POST", "/articles", text: Self.text)
        #expect(first.status == 201)
        let id = try #require(first.json["id"] as? Int)
        let json = { (date: String?) -> String in
            let object: [String: Any] = date.map { ["text": Self.text, "date": $0] } ?? ["text": Self.text]
            return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }
        let batch = try live.request("POST", "/articles/batch", text: json(nil) + "\n" + json("2014-05-07") + "\n")
        let lines = batch.bodyText.split(separator: "\n").map {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:]
        }
        #expect(lines.map { $0["status"] as? Int } == [200, 409], "\(batch.bodyText)")
        #expect(lines.last?["field"] as? String == "date")
        #expect((lines.last?["error"] as? String)?.contains("article \(id), without a date, not 2014-05-07") == true)
    }

    /// `byline import` of the same text with another date is a failed item saying the same, not "skipped".
    @Test func importOfAnotherDateFailsAndTheSameDateIsSkipped() throws {
        let store = try ArticleStore(path: ":memory:")
        let analyzer = try LiveService.sharedAnalyzer()
        func line(_ date: String) -> ImportCommand.Item {
            .line(path: "a.ndjson", number: 1,
                  text: #"{"text": "Talks resumed on Monday in Geneva.", "date": "\#(date)"}"#)
        }
        guard case .stored = ImportCommand.importOne(line("2021-03-18"), analyzer: analyzer, store: store) else {
            Issue.record("not stored")
            return
        }
        guard case .skipped = ImportCommand.importOne(line("2021-03-18"), analyzer: analyzer, store: store) else {
            Issue.record("the same date again was not skipped")
            return
        }
        let outcome = ImportCommand.importOne(line("2021-03-19"), analyzer: analyzer, store: store)
        guard case .failed(let why) = outcome else {
            Issue.record("another date was not refused: \(outcome)")
            return
        }
        #expect(why.hasPrefix("a.ndjson:1: this text is already stored as article 1, dated 2021-03-18"), "\(why)")
    }
    /// Regression: two lanes of one import storing the same text with two dates (the lane that lost the insert
    /// returned "skipped" without the date check): whichever wins, one is stored and the other fails.
    @Test func importLanesRacingOnOneTextWithTwoDatesStoreOneAndFailTheOther() throws {
        let store = try ArticleStore(path: ":memory:")
        let analyzer = try LiveService.sharedAnalyzer()
        for pair in 0..<6 {
            let items: [ImportCommand.Item] = ["2021-03-18", "2021-03-19"].map { date in
                .line(path: "a.ndjson", number: 1,
                      text: #"{"text": "Talks \#(pair) resumed on Monday in Geneva.", "date": "\#(date)"}"#)
            }
            let outcomes = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                let label: String
                switch ImportCommand.importOne(items[i], analyzer: analyzer, store: store) {
                case .stored: label = "stored"
                case .failed: label = "failed"
                case .skipped: label = "skipped"
                }
                outcomes.withLock { $0.append(label) }
            }
            #expect(outcomes.withLock { $0.sorted() } == ["failed", "stored"], "pair \(pair)")
        }
    }
}
