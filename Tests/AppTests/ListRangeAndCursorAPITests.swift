// Over HTTP: /entities?from&to (the entities of the articles in a date range, counted there; bounds checked as
// /quotes checks them) and cursors that answer only the query that made them (a 400 naming cursor otherwise).
import Foundation
import Testing
import TestSupport
@testable import App

@Suite(.serialized) struct ListRangeAndCursorAPITests {
    /// Blair in three articles (March, April, May 2005), Brown in the April one and a June one.
    static func live() throws -> LiveService {
        let live = try LiveService()
        let articles = [
            ("2005-03-10", "Tony Blair spoke in Leeds on Monday about schools."),
            ("2005-04-12", "Tony Blair and Gordon Brown met in London on Tuesday. Gordon Brown spoke first."),
            ("2005-05-20", "Tony Blair visited Paris on Friday."),
            ("2005-06-01", "Gordon Brown presented the budget in London."),
        ]
        for (date, text) in articles {
            #expect(try live.request("POST", "/articles?date=\(date)", text: text).status == 201)
        }
        return live
    }

    static func counts(_ live: LiveService, _ target: String) throws -> [String: Int] {
        let response = try live.request("GET", target)
        #expect(response.status == 200, "\(target): \(response.bodyText)")
        let items = response.json["items"] as? [[String: Any]] ?? []
        return Dictionary(items.map { ($0["name"] as? String ?? "?", $0["article_count"] as? Int ?? -1) },
                          uniquingKeysWith: { a, _ in a })
    }

    @Test func entitiesInADateRangeAreCountedThere() throws {
        let live = try Self.live()
        let all = try Self.counts(live, "/entities?type=PER")
        #expect(all["Tony Blair"] == 3 && all["Gordon Brown"] == 2, "\(all)")
        let spring = try Self.counts(live, "/entities?type=PER&from=2005-04&to=2005-05")
        #expect(spring == ["Tony Blair": 2, "Gordon Brown": 1], "\(spring)")
        #expect(try Self.counts(live, "/entities?type=PER&from=2005-06") == ["Gordon Brown": 1])
        #expect(try Self.counts(live, "/entities?type=PER&to=2005-03-31") == ["Tony Blair": 1])
        #expect(try Self.counts(live, "/entities?type=PER&from=2005-04&to=2005-05&min_articles=2")
            == ["Tony Blair": 2])
        // Mentions are the range's too; first_seen stays the first article's.
        let items = try live.request("GET", "/entities?q=brown&from=2005-04&to=2005-04").json["items"]
            as? [[String: Any]] ?? []
        #expect(items.first?["mention_count"] as? Int == 2, "\(items)")
        #expect(items.first?["first_seen"] as? String == "2005-04-12")
    }

    @Test(arguments: [("/entities?from=2005-13", "from"), ("/entities?to=May", "to"),
                      ("/entities?from=2005-06&to=2005-05", "from")])
    func entityRangeBoundsAreCheckedAsForQuotes(target: String, field: String) throws {
        let live = try LiveService()
        let response = try live.request("GET", target)
        #expect(response.status == 400)
        #expect(response.json["field"] as? String == field)
    }

    @Test func aCursorIsRefusedOnAnotherQueryWithAMessageAndKeptOnItsOwn() throws {
        let live = try Self.live()
        let first = try live.request("GET", "/entities?type=PER&limit=1")
        let next = try #require(first.json["next"] as? String)
        let other = try live.request("GET", "/entities?type=LOC&limit=1&cursor=\(next)")
        #expect(other.status == 400)
        #expect(other.header("Content-Type") == "application/problem+json")
        #expect(other.json["field"] as? String == "cursor")
        #expect((other.json["detail"] as? String)?.contains("other filters") == true, "\(other.bodyText)")
        #expect(try live.request("GET", "/entities?type=PER&limit=1&from=2005&cursor=\(next)").status == 400)
        // The same filters (another limit too) go on.
        let second = try live.request("GET", "/entities?type=PER&limit=5&cursor=\(next)")
        #expect(second.status == 200)
        #expect((second.json["items"] as? [Any])?.count == 1)
        // A cursor from before cursors were bound ("tag␟key␟id") says so.
        let old = Data("entities.articles\u{1F}2\u{1F}1".utf8).base64EncodedString()
            .replacingOccurrences(of: "=", with: "")
        let stale = try live.request("GET", "/entities?cursor=\(old)")
        #expect(stale.status == 400)
        #expect((stale.json["detail"] as? String)?.contains("earlier version") == true, "\(stale.bodyText)")
    }
}
