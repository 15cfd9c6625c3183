// The writer's statements that carry many rows (ArticleWriter): quotes and events in multi-row INSERTs keep the
// order, ids and entity links one INSERT a row gave, over more rows than one statement takes.
import Foundation
import Testing
@testable import Storage

@Suite struct WriterStatementsTests {
    /// More quotes and events than one INSERT takes (ArticleWriter.rowsPerInsert), some events naming entities.
    static func longArticle(_ hash: String, quotes: Int, events: Int) -> NewArticle {
        StoreFixtures.article(
            hash, entities: [StoreFixtures.entity(1, "Joe Biden"), StoreFixtures.entity(2, "Ohio", "LOC")],
            quotes: (0..<quotes).map { (i: Int) -> NewQuote in
                let spoken = i % 3 == 0
                let cue: String? = i % 2 == 0 ? "said" : nil
                return NewQuote(text: "Quote \(i) of \(hash)", start: i * 10, end: i * 10 + 5, kind: "direct",
                                cue: cue, speakerName: spoken ? "Biden" : nil, speakerLocalEntityId: spoken ? 1 : nil,
                                rule: "r\(i)", confidence: Double(i) / 100)
            },
            events: (0..<events).map { (i: Int) -> NewEvent in
                let named: [Int] = i % 4 == 0 ? [1, 2, 1] : i % 4 == 1 ? [2] : []
                return NewEvent(date: "2021-03-\(10 + i % 15)", granularity: "day", start: i, end: i + 1,
                                text: "Event \(i) of \(hash)", localEntityIds: named)
            })
    }

    @Test func quotesAndEventsKeepTheirOrderIdsAndLinksAcrossStatements() throws {
        let store = try ArticleStore(path: ":memory:")
        let first = try store.insert(Self.longArticle("a", quotes: 37, events: 35))
        let second = try store.insert(Self.longArticle("b", quotes: 3, events: 2))
        let quotes = try StoreFixtures.allPages(limit: 20) { cursor, limit in
            try store.quotes(QuoteQuery(articleId: first.id, cursor: cursor, limit: limit))
        }.sorted { $0.id < $1.id }
        #expect(quotes.map(\.text) == (0..<37).map { "Quote \($0) of a" })
        #expect(quotes.map(\.id) == Array(Int64(1)...37))
        #expect(quotes.map(\.cue) == (0..<37).map { $0 % 2 == 0 ? "said" : nil })
        let events = try StoreFixtures.allPages(limit: 20) { cursor, limit in
            try store.timeline(TimelineQuery(articleId: first.id, cursor: cursor, limit: limit))
        }.sorted { $0.id < $1.id }
        #expect(events.map(\.text) == (0..<35).map { "Event \($0) of a" })
        #expect(events.map(\.id) == Array(Int64(1)...35))
        let biden = try #require(try store.entities(named: "Joe Biden").first?.id)
        let ohio = try #require(try store.entities(named: "Ohio").first?.id)
        let links: [[Int64]] = (0..<35).map { i in i % 4 == 0 ? [biden, ohio].sorted() : i % 4 == 1 ? [ohio] : [] }
        #expect(events.map { $0.entityIds.sorted() } == links)
        #expect(try store.timeline(TimelineQuery(articleId: second.id)).rows.map(\.id).sorted() == [36, 37])
        // The ids SQLite gives one row at a time: one above the largest left, after a delete of the newest too.
        _ = try store.deleteArticle(id: second.id)
        let third = try store.insert(Self.longArticle("c", quotes: 1, events: 2))
        #expect(try store.timeline(TimelineQuery(articleId: third.id)).rows.map(\.id).sorted() == [36, 37])
        try QueryTablesTests.expectDerivedTablesMatch(store, "long articles")
    }
}
