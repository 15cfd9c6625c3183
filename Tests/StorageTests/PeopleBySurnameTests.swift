// The surname merge's questions answered from the index of migration 023 (PeopleBySurname) instead of the trigram
// index: the same answers as the LIKE patterns they replace, over names with several words, one word, non-ASCII
// letters, LIKE's wildcards and the surname inside a name; the queries use the indexes; a store from before the
// migration gets the index. And the writer's multi-row INSERTs of quotes and events: the ids and links one INSERT a
// row gave, over more rows than one statement takes.
import Foundation
import Testing
@testable import Storage

@Suite struct PeopleBySurnameTests {
    /// People (folded names) and one place, as the writer stores them.
    static let names = [
        "tony blair", "cherie blair", "blair", "blair hamilton", "euan blair jr", "mark o'blair", "recep erdoğan",
        "erdoğan", "jean-luc blair-smith", "a 100% smith", "jo_e smith", "joe smith", "smith", "charles kennedy",
        "ray charles", "charles", "x", "tony blairs",
    ]

    static func store() throws -> ArticleStore {
        let store = try ArticleStore(path: ":memory:")
        try store.withWriter { db throws(StorageError) in
            for norm in names {
                try db.statement("INSERT INTO entities(key, norm, name, type) VALUES (?, ?, ?, 'PER')")
                    .run([.text("PER:\(norm)"), .text(norm), .text(norm)])
            }
            try db.execute("INSERT INTO entities(key, norm, name, type) VALUES ('*:new smith', 'new smith', 'x', 'LOC')")
        }
        return store
    }

    static let surnames = ["blair", "smith", "erdoğan", "charles", "kennedy", "100%", "jr", "blairs", "s", "tony"]

    @Test(arguments: surnames)
    func answersAsTheLikePatternsDid(_ surname: String) throws {
        let store = try Self.store()
        try store.withWriter { db throws(StorageError) in
            let ids = try db.statement("SELECT id FROM entities ORDER BY id").rows { $0.int64(0) }
            // What the merge asked before: norm LIKE '% surname' (a person), and LIKE 'surname %' for a given name.
            let ending = Set(try db.statement("""
                SELECT id FROM entities WHERE type = 'PER' AND norm LIKE ? ESCAPE '\\'
                """).rows([.text(Fold.likeWordSuffix(surname))]) { $0.int64(0) })
            let starting = try db.scalarInt("""
                SELECT 1 FROM entities WHERE type = 'PER' AND norm LIKE ? ESCAPE '\\' LIMIT 1
                """, [.text(String(Fold.likeSubstring(surname).dropFirst().dropLast()) + " %")]) != nil
            for id in ids {
                #expect(try PeopleBySurname.isPerson(id, withSurname: surname, db: db) == ending.contains(id),
                        "entity \(id), surname \(surname)")
                #expect(try PeopleBySurname.hasPerson(withSurname: surname, besides: id, db: db)
                        == !ending.subtracting([id]).isEmpty, "besides \(id), surname \(surname)")
            }
            #expect(try PeopleBySurname.hasPerson(startingWith: surname, db: db) == starting, "starting \(surname)")
        }
    }

    @Test func theQueriesUseTheIndexes() throws {
        let store = try Self.store()
        try store.withWriter { db throws(StorageError) in
            // The migration's expression is the one the queries repeat (else SQLite would scan every entity).
            let sql = try db.scalarText("SELECT sql FROM sqlite_schema WHERE name = 'entities_people_by_surname'")
            #expect(sql.contains(PeopleBySurname.lastWord) && sql.contains(PeopleBySurname.indexed))
            func plan(_ query: String) throws(StorageError) -> String {
                try db.statement("EXPLAIN QUERY PLAN " + query).rows { $0.text(3) }.joined(separator: "; ")
            }
            let surname = try plan("""
                SELECT 1 FROM entities WHERE \(PeopleBySurname.indexed) AND \(PeopleBySurname.lastWord) = ?1
                AND id <> ?2 LIMIT 1
                """)
            #expect(surname.contains("USING INDEX entities_people_by_surname"), "\(surname)")
            let given = try plan("SELECT 1 FROM entities WHERE norm >= ?1 AND norm < ?2 AND type = 'PER' LIMIT 1")
            #expect(given.contains("USING INDEX entities_by_norm"), "\(given)")
        }
    }

    @Test func aStoreFromBeforeGetsTheIndex() throws {
        let old = try StoreFixtures.oldDatabase(before: "023-people-by-surname", rows: """
            INSERT INTO entities(id, key, norm, name, type) VALUES (1, 'PER:kate bush', 'kate bush', 'Kate Bush', 'PER'),
                (2, 'PER:bush', 'bush', 'Bush', 'PER'), (3, '*:bush house', 'bush house', 'Bush House', 'LOC');
            """)
        defer { old.remove() }
        let store = try ArticleStore(path: old.path)
        try store.withWriter { db throws(StorageError) in
            #expect(try db.scalarInt("SELECT 1 FROM sqlite_schema WHERE name = 'entities_people_by_surname'") == 1)
            #expect(try PeopleBySurname.hasPerson(withSurname: "bush", besides: 2, db: db))
            #expect(try !PeopleBySurname.hasPerson(withSurname: "bush", besides: 1, db: db))
            #expect(try !PeopleBySurname.hasPerson(withSurname: "house", besides: 0, db: db))
        }
    }

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
