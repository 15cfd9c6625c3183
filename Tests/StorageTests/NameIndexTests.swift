// Migration 011: the entity and name-form search indexes are filled once per batch by the writer (no insert or
// rename triggers). A batch that creates an entity and renames it, or renames one from an earlier batch, leaves
// the indexes equal to their tables and the names findable; a database from before 011 keeps working.
import Foundation
import Testing
@testable import Storage

@Suite struct NameIndexTests {
    typealias F = StoreFixtures

    static func article(_ hash: String, _ entities: [NewEntity]) -> NewArticle {
        F.article(hash, entities: entities, quotes: [], events: [])
    }

    static func names(_ store: ArticleStore, _ q: String) throws -> [String] {
        try store.entities(EntityQuery(q: q)).rows.map(\.name).sorted()
    }

    @Test(arguments: [
        ("created and renamed in one batch", [[String]](), [["Yellen"], ["Janet Yellen|Yellen"], ["Blinken"]]),
        ("renamed in a later batch", [["Yellen"], ["Blinken"]], [["Janet Yellen|Yellen"], ["Antony Blinken|Blinken"]]),
        ("renamed twice in one batch", [["Yellen"]], [["Janet Yellen|Yellen"], ["Janet Louise Yellen|Janet Yellen"]]),
    ])
    func batchesKeepTheNameIndexesEqualToTheirTables(_ c: (String, [[String]], [[String]])) throws {
        // Each inner list is an article's entities: "Name|alias|alias".
        func articles(_ lists: [[String]], _ prefix: String) -> [NewArticle] {
            lists.enumerated().map { i, list in
                Self.article("\(prefix)\(i)", list.enumerated().map { j, spec in
                    let parts = spec.split(separator: "|").map(String.init)
                    return F.entity(j + 1, parts[0], aliases: Array(parts.dropFirst()))
                })
            }
        }
        let store = try ArticleStore(path: ":memory:")
        for a in articles(c.1, "before") { _ = try store.insert(a) }
        let batch = articles(c.2, "batch")
        let outcomes = try store.withWriter { db throws(StorageError) in ArticleWriter.insertBatch(batch, into: db) }
        #expect(outcomes.allSatisfy { (try? $0.get())?.created == true }, "\(c.0)")
        try QueryTablesTests.expectDerivedTablesMatch(store, c.0)
        let finalNames = Set(try store.entities(EntityQuery(limit: 500)).rows.map(\.name))
        for name in finalNames {
            #expect(try Self.names(store, name.lowercased()).contains(name), "\(c.0): \(name)")
            #expect(try Self.names(store, String(name.lowercased().suffix(4))).contains(name), "\(c.0): \(name)")
        }
        #expect(!finalNames.contains("Yellen"), "\(c.0)")
    }

    @Test func aDatabaseFromBeforeTheBatchNameIndexKeepsItsEntriesAndTakesNewOnes() throws {
        // Before 011 the triggers indexed each entity and name form as it was written.
        let old = try F.oldDatabase(before: "011-name-index-per-batch", rows: """
            INSERT INTO articles(id, content_hash, text, sort_date, analysis)
                VALUES (1, 'h1', 't', '2021-01-01', x'7B7D');
            INSERT INTO entities(id, key, norm, name, type, mention_count, article_count, first_seen, last_seen)
            VALUES (7, 'PER:yellen', 'yellen', 'Yellen', 'PER', 1, 1, '2021-01-01', '2021-01-01');
            INSERT INTO article_entities VALUES (1, 7, NULL, 1, '{"yellen":"Yellen"}');
            INSERT INTO entity_names(entity_id, norm, alias, articles) VALUES (7, 'yellen', 'Yellen', 1);
            """)
        defer { old.remove() }
        let store = try ArticleStore(path: old.path)
        let triggers = try F.schemaNames(store, where: "type = 'trigger' AND name LIKE '%fts_insert'")
        #expect(triggers.isEmpty)
        #expect(try Self.names(store, "yell") == ["Yellen"])
        _ = try store.insert(Self.article("h2", [F.entity(1, "Janet Yellen", aliases: ["Yellen"]),
                                                 F.entity(2, "Antony Blinken")]))
        try QueryTablesTests.expectDerivedTablesMatch(store, "inserts after migration 011")
        #expect(try Self.names(store, "janet") == ["Janet Yellen"])
        #expect(try Self.names(store, "blink") == ["Antony Blinken"])
        #expect(try store.deleteArticle(id: 1))
        try QueryTablesTests.expectDerivedTablesMatch(store, "a delete after migration 011")
    }
}
