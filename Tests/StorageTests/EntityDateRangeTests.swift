// GET /entities?from&to: the entities of the articles dated in the range, with their article and mention counts
// (and the article-count order, min_articles and pages) counted there.
import Testing
@testable import Storage

@Suite struct EntityDateRangeTests {
    typealias Corpus = ArticleReaderTests

    /// Article i of the corpus is dated 2020-01-01 + 18 i days and names Person i%3 (1 mention), Org i%5 (2) and,
    /// when i%3 == 0, Angela Merkel (1): the counts a range should give, worked out from that.
    static func expected(from: String, to: String) -> [String: (articles: Int, mentions: Int)] {
        var counts: [String: (articles: Int, mentions: Int)] = [:]
        for i in 0..<30 {
            let date = EventDate.iso(EventDate.dayNumber(2020, 1, 1) + i * 18)
            guard date >= from, date <= to else { continue }
            var names = [("Person \(i % 3)", 1), ("Org \(i % 5)", 2)]
            if i % 3 == 0 { names.append(("Angela Merkel", 1)) }
            for (name, mentions) in names {
                let c = counts[name] ?? (0, 0)
                counts[name] = (c.articles + 1, c.mentions + mentions)
            }
        }
        return counts
    }

    @Test(arguments: [("2020-01", "2020-03", "2020-01-01", "2020-03-31"), ("2021", "2021", "2021-01-01", "2021-12-31"),
                      ("2020-02-15", "2020-02-15", "2020-02-15", "2020-02-15")])
    func aRangeListsItsArticlesEntitiesCountedThere(_ c: (String, String, String, String)) throws {
        let (store, _) = try Corpus.corpus()
        let rows = try store.entities(EntityQuery(from: c.0, to: c.1, limit: 500)).rows
        let expected = Self.expected(from: c.2, to: c.3)
        #expect(Set(rows.map(\.name)) == Set(expected.keys), "\(c.0)..\(c.1)")
        for row in rows {
            #expect(row.articleCount == expected[row.name]?.articles, "\(row.name) in \(c.0)..\(c.1)")
            #expect(row.mentionCount == expected[row.name]?.mentions, "\(row.name) in \(c.0)..\(c.1)")
        }
        // Most articles in the range first, then the lowest id.
        let sorted = rows.sorted { ($0.articleCount, -$0.id) > ($1.articleCount, -$1.id) }
        #expect(rows.map(\.id) == sorted.map(\.id))
    }

    @Test func firstAndLastSeenStayTheWholeStores() throws {
        let (store, _) = try Corpus.corpus()
        let all = Dictionary(uniqueKeysWithValues: try store.entities(EntityQuery(limit: 500)).rows.map { ($0.id, $0) })
        for row in try store.entities(EntityQuery(from: "2021", limit: 500)).rows {
            #expect(row.firstSeen == all[row.id]?.firstSeen)
            #expect(row.lastSeen == all[row.id]?.lastSeen)
        }
        #expect(try store.entities(EntityQuery(from: "2022")).rows.isEmpty)
    }

    @Test(arguments: [EntitySort.articleCount, .name])
    func rangePagesWalkTheWholeRangeListAndKeepItsOtherFilters(_ sort: EntitySort) throws {
        let (store, _) = try Corpus.corpus()
        let whole = try store.entities(EntityQuery(minArticles: 2, from: "2020-04", to: "2020-12", sort: sort,
                                                   limit: 500)).rows
        #expect(!whole.isEmpty)
        #expect(whole.allSatisfy { $0.articleCount >= 2 })
        let paged = try StoreFixtures.allPages(limit: 2) { cursor, limit in
            try store.entities(EntityQuery(minArticles: 2, from: "2020-04", to: "2020-12", sort: sort, cursor: cursor,
                                           limit: limit))
        }
        #expect(paged == whole)
        let people = try store.entities(EntityQuery(type: "ORG", q: "org", from: "2020-04", to: "2020-12",
                                                    limit: 500)).rows
        #expect(Set(people.map(\.name)) == Set(Self.expected(from: "2020-04-01", to: "2020-12-31").keys
            .filter { $0.hasPrefix("Org") }))
        // One article's entities, counted in the range: in it, or none.
        let first = try #require(try store.articles(ArticleQuery(from: "2020-01-01", to: "2020-01-01")).rows.first)
        #expect(try store.entities(EntityQuery(articleId: first.id, from: "2020-01")).rows.map(\.articleCount)
            == [1, 1, 1])
        #expect(try store.entities(EntityQuery(articleId: first.id, from: "2020-02")).rows.isEmpty)
    }

    @Test func badBoundsAreInvalidArguments() throws {
        let (store, _) = try Corpus.corpus()
        for q in [EntityQuery(from: "March"), EntityQuery(to: "2021-13")] {
            #expect { try store.entities(q) } throws: { ($0 as? StorageError)?.kind == .invalidArgument }
        }
    }
}
