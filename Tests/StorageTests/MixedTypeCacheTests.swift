// The writer's cache of mixed-type entities' counts (MixedTypeCache) never makes a stored count differ from what
// the links say: across batches, within one batch, after another connection's commit, a delete or a restart.
// EntityDelta's one-type form merges like the dictionary it replaces.
import Foundation
import Testing
@testable import Storage

@Suite struct MixedTypeCacheTests {
    typealias F = StoreFixtures

    static func article(_ hash: String, _ type: String, mentions: Int = 1) -> NewArticle {
        EntityTypesTests.article(hash, "Acme Group", type, mentions: mentions)
    }

    /// An entity row's type, type_counts and counts, and the same as its links give them.
    struct Check {
        let id: Int64
        let stored: [String]
        let fromLinks: [String]
    }

    /// Every entity's type_counts and type as its links give them (migration 017's definition), against the row.
    static func mismatches(_ db: Database) throws(StorageError) -> [String] {
        let checks = try db.statement("""
            SELECT e.id, e.type, coalesce(e.type_counts, '-'), e.article_count || '/' || e.mention_count,
                (SELECT type FROM article_entities WHERE entity_id = e.id GROUP BY type
                 ORDER BY count(*) DESC, sum(mention_count) DESC, type LIMIT 1),
                coalesce((SELECT CASE WHEN count(*) > 1 THEN json_group_object(type, json_array(n, m)) END
                          FROM (SELECT type, count(*) AS n, sum(mention_count) AS m FROM article_entities
                                WHERE entity_id = e.id GROUP BY type ORDER BY type)), '-'),
                (SELECT count(*) || '/' || sum(mention_count) FROM article_entities WHERE entity_id = e.id)
            FROM entities e
            """).rows { r in
                Check(id: r.int64(0), stored: [r.text(1), r.text(2), r.text(3)],
                      fromLinks: [r.text(4), r.text(5), r.text(6)])
            }
        return checks.filter { $0.stored != $0.fromLinks }.map { "entity \($0.id): \($0.stored) != \($0.fromLinks)" }
    }

    static func mismatches(_ store: ArticleStore) throws -> [String] {
        try store.withWriter { db throws(StorageError) in try mismatches(db) }
    }

    @Test func countsStayTrueWhenAnEntityTurnsMixedInsideABatchAndGrowsInLaterOnes() throws {
        let store = try ArticleStore(path: ":memory:")
        let cached = try store.withWriter { db throws(StorageError) -> Int in
            let batches = [[Self.article("a", "ORG"), Self.article("b", "LOC", mentions: 2)],
                           [Self.article("c", "MISC", mentions: 3), Self.article("d", "ORG")],
                           [Self.article("e", "LOC")], [Self.article("f", "LOC"), Self.article("g", "LOC")]]
            var cached = 0
            for batch in batches {
                #expect(ArticleWriter.insertBatch(batch, into: db).allSatisfy { (try? $0.get()) != nil })
                cached = max(cached, db.mixedTypes.count)
                #expect(try Self.mismatches(db) == [])
            }
            return cached
        }
        #expect(cached == 1)  // the cache was used from the second batch on
        #expect(try store.entities().rows.map(\.type) == ["LOC"])
    }

    @Test func anotherConnectionsCommitDropsTheCache() throws {
        try F.withTempStore { store, dir in
            _ = try store.insert(Self.article("a", "ORG"))
            _ = try store.insert(Self.article("b", "LOC"))  // mixed now, and cached by this store's writer
            let other = try ArticleStore(path: dir.appendingPathComponent("t.db").path)
            _ = try other.insert(Self.article("c", "MISC", mentions: 5))
            _ = try other.insert(Self.article("d", "MISC"))
            _ = try store.insert(Self.article("e", "ORG"))  // stale counts would lose c and d
            #expect(try Self.mismatches(store) == [])
            #expect(try store.entities().rows.map(\.type) == ["MISC"])
        }
    }

    @Test func aDeleteDropsTheCache() throws {
        let store = try ArticleStore(path: ":memory:")
        _ = try store.insert(Self.article("a", "ORG"))
        let b = try store.insert(Self.article("b", "LOC"))
        #expect(try store.deleteArticle(id: b.id))  // one type again: type_counts NULL
        _ = try store.insert(Self.article("c", "ORG"))
        #expect(try Self.mismatches(store) == [])
    }

    @Test func aRestartedStoreReadsTheCountsFromDisk() throws {
        let dir = F.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.db").path
        do {
            let store = try ArticleStore(path: path)
            for (i, type) in ["ORG", "LOC", "LOC"].enumerated() { _ = try store.insert(Self.article("a\(i)", type)) }
        }
        let store = try ArticleStore(path: path)
        for (i, type) in ["ORG", "ORG", "MISC"].enumerated() { _ = try store.insert(Self.article("b\(i)", type)) }
        #expect(try Self.mismatches(store) == [])
        #expect(try store.entities().rows.map(\.type) == ["ORG"])
    }

    @Test(arguments: [
        // types of the deltas merged in order (articles, mentions: 1, 2, 3, ...)
        ["ORG"], ["ORG", "ORG"], ["ORG", "LOC"], ["ORG", "ORG", "LOC"], ["ORG", "LOC", "ORG", "MISC"],
    ])
    func entityDeltaMergesLikeADictionaryPerType(_ types: [String]) {
        var delta = ArticleWriter.EntityDelta(articles: 0, mentions: 0, firstSeen: "2021", lastSeen: "2021", type: nil)
        var expected: [String: EntityTypes.Count] = [:]
        for (i, type) in types.enumerated() {
            delta.merge(ArticleWriter.EntityDelta(articles: 1, mentions: i + 1, firstSeen: "2020", lastSeen: "2022",
                                                  type: type))
            expected[type, default: EntityTypes.Count(articles: 0, mentions: 0)] +=
                EntityTypes.Count(articles: 1, mentions: i + 1)
        }
        #expect(delta.types == expected)
        #expect(delta.onlyType == (expected.count == 1 ? expected.first?.key : nil))
        #expect(delta.articles == types.count)
        #expect((delta.firstSeen, delta.lastSeen) == ("2020", "2022"))
    }
}
