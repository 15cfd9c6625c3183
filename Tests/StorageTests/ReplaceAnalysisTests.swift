// ArticleStore.replaceAnalysis(es): an article stored with an older analysis (a party typed MISC, a firm typed as
// a person, a pronoun as speaker name, an acronym that names nothing) ends up with the rows a fresh store of the
// current analysis has, keeping its id, text, date, title, url and received time; entities left without articles
// go; a failing article in a batch keeps its old analysis; a half-done pass leaves a consistent store.
import Foundation
import Testing
@testable import Storage

@Suite struct ReplaceAnalysisTests {
    typealias F = StoreFixtures

    /// Every row a store derives from its articles, with entity ids replaced by entity keys and article ids by
    /// content hashes (a fresh store numbers them its own way).
    static func dump(_ store: ArticleStore) throws -> [String] {
        try store.withWriter { db throws(StorageError) -> [String] in
            func lines(_ table: String, _ sql: String) throws(StorageError) -> [String] {
                try db.statement(sql).rows { r in
                    table + ": " + (0..<r.columnCount).map { r.isNull($0) ? "NULL" : r.text($0) }
                        .joined(separator: "|")
                }.sorted()
            }
            let key = "(SELECT key FROM entities WHERE id = %@)"
            func keyOf(_ column: String) -> String { key.replacingOccurrences(of: "%@", with: column) }
            let hash = "(SELECT content_hash FROM articles WHERE id = article_id)"
            return try lines("entities", """
                    SELECT key, name, type, article_count, mention_count, first_seen, last_seen, genders, type_counts
                    FROM entities
                    """)
                + lines("links", """
                    SELECT \(hash), \(keyOf("entity_id")), role, mention_count, forms, type, gender
                    FROM article_entities
                    """)
                + lines("names", "SELECT \(keyOf("entity_id")), norm, alias FROM entity_names")
                + lines("roles", "SELECT \(keyOf("entity_id")), role, articles FROM entity_roles")
                + lines("bigrams", "SELECT \(keyOf("entity_id")), bigram FROM name_bigrams")
                + lines("quotes", """
                    SELECT \(hash), \(keyOf("speaker_entity_id")), speaker_name, speaker_norm, text, kind, start, "end",
                           cue, rule, confidence, article_date FROM quotes
                    """)
                + lines("events", """
                    SELECT \(hash), date, granularity, start_day, end_day, sort_key, start, "end", text, article_date,
                           (SELECT group_concat(k, ',') FROM (SELECT \(keyOf("x.entity_id")) AS k
                            FROM event_entities x WHERE x.event_id = events.id ORDER BY 1))
                    FROM events
                    """)
                + lines("articles", "SELECT content_hash, text, date, sort_date, title, url, analysis FROM articles")
                + lines("counters", "SELECT name, value FROM counters")
                + lines("quote words", "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'he OR economy'")
                    .map { _ in "quote words: a match" }
                + lines("event words", "SELECT rowid FROM events_fts WHERE events_fts MATCH 'spoke'")
                    .map { _ in "event words: a match" }
        }
    }

    /// The per-article rows and what is derived from them agree, and every full-text index agrees with its table.
    static func expectConsistent(_ store: ArticleStore, _ context: String) throws {
        try QueryTablesTests.expectDerivedTablesMatch(store, context)
    }

    static func json(_ tag: String) -> [UInt8] { Array("{\"analysis\":\"\(tag)\"}".utf8) }

    /// "c1" as an old version stored it and as the analysis stores it now.
    static let oldC1 = NewArticle(
        text: "Conservative text.", date: "2005-03-01", title: "Tories", url: "https://example.com/c1",
        contentHash: "c1", analysisJSON: json("old"),
        entities: [F.entity(1, "Conservative Party", "MISC", mentions: 2), F.entity(2, "Wells Fargo", "PER"),
                   F.entity(3, "PC", "MISC"), F.entity(4, "Michael Howard", role: "leader")],
        quotes: [NewQuote(text: "We will win", start: 0, end: 11, kind: "direct", cue: "said", speakerName: "He",
                          rule: "cue-after", confidence: 0.6),
                 NewQuote(text: "Taxes will fall", start: 20, end: 35, kind: "direct", cue: "said",
                          speakerName: "Michael Howard", speakerLocalEntityId: 4, rule: "cue-after", confidence: 0.9)],
        events: [NewEvent(date: "2005-03-01", granularity: "day", start: 40, end: 45, text: "Howard spoke today.",
                          localEntityIds: [4, 3])])
    static let newC1 = NewArticle(
        text: "Conservative text.", date: "2005-03-01", contentHash: "c1", analysisJSON: json("new"),
        entities: [F.entity(1, "Conservative Party", "ORG", mentions: 2), F.entity(2, "Wells Fargo", "ORG"),
                   NewEntity(localId: 4, name: "Michael Howard", type: "PER", role: "leader", mentionCount: 1,
                             gender: "male")],
        quotes: [NewQuote(text: "We will win", start: 0, end: 11, kind: "direct", cue: "said", speakerName: nil,
                          rule: "cue-after", confidence: 0.6),
                 NewQuote(text: "Taxes will fall", start: 20, end: 35, kind: "direct", cue: "said",
                          speakerName: "Michael Howard", speakerLocalEntityId: 4, rule: "cue-after", confidence: 0.9)],
        events: [NewEvent(date: "2005-03-01", granularity: "day", start: 40, end: 45, text: "Howard spoke today.",
                          localEntityIds: [4])])
    /// Another article naming the party (ORG in both versions), unchanged.
    static let c2 = NewArticle(
        text: "Party text.", date: "2005-03-02", title: "Blair", contentHash: "c2", analysisJSON: json("c2"),
        entities: [F.entity(1, "Conservative Party", "ORG"), F.entity(2, "Tony Blair", aliases: ["Blair"])],
        quotes: [NewQuote(text: "The economy grows", start: 0, end: 17, kind: "direct", cue: "said",
                          speakerName: "Blair", speakerLocalEntityId: 2, rule: "cue-after", confidence: 0.9)])
    /// An undated article (filed under the day it was stored) whose old analysis typed Wells Fargo a person too.
    static let oldC3 = NewArticle(
        text: "Bank text.", date: nil, contentHash: "c3", analysisJSON: json("old c3"),
        entities: [F.entity(1, "Wells Fargo", "PER"), F.entity(2, "Fargo", "PER")],
        quotes: [NewQuote(text: "It was a good year", start: 0, end: 18, kind: "direct", cue: "said",
                          speakerName: "Fargo", speakerLocalEntityId: 2, rule: "cue-after", confidence: 0.7)])
    static let newC3 = NewArticle(
        text: "Bank text.", date: nil, contentHash: "c3", analysisJSON: json("new c3"),
        entities: [F.entity(1, "Wells Fargo", "ORG", aliases: ["Fargo"])],
        quotes: [NewQuote(text: "It was a good year", start: 0, end: 18, kind: "direct", cue: "said",
                          speakerName: "Wells Fargo", speakerLocalEntityId: 1, rule: "cue-after", confidence: 0.7)])

    /// Files the undated c3 under 2001-01-01, as if it had been stored that day: its sort date, its quotes' and
    /// events' article date, its entities' first and last seen.
    static func fileC3On2001(_ store: ArticleStore) throws {
        try store.withWriter { db throws(StorageError) in
            try db.execute("""
                UPDATE articles SET sort_date = '2001-01-01' WHERE content_hash = 'c3';
                UPDATE quotes SET article_date = '2001-01-01'
                    WHERE article_id = (SELECT id FROM articles WHERE content_hash = 'c3');
                UPDATE events SET article_date = '2001-01-01'
                    WHERE article_id = (SELECT id FROM articles WHERE content_hash = 'c3');
                UPDATE entities SET
                    first_seen = (SELECT min(a.sort_date) FROM article_entities x JOIN articles a ON a.id = x.article_id
                                  WHERE x.entity_id = entities.id),
                    last_seen = (SELECT max(a.sort_date) FROM article_entities x JOIN articles a ON a.id = x.article_id
                                 WHERE x.entity_id = entities.id);
                """)
        }
    }

    /// A store of the old analyses (c3 stored on 2001-01-01).
    static func oldStore(_ store: ArticleStore) throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        for a in [oldC1, c2, oldC3] { ids[a.contentHash] = try store.insert(a).id }
        try fileC3On2001(store)
        return ids
    }

    /// The same texts stored with the current analysis.
    static func freshStore(_ store: ArticleStore) throws {
        var c1 = newC1
        (c1.title, c1.url) = (oldC1.title, oldC1.url)
        for a in [c1, c2, newC3] { _ = try store.insert(a) }
        try fileC3On2001(store)
    }

    @Test func replacedArticlesEqualAFreshStoreOfTheCurrentAnalysis() throws {
        try F.withTempStore { store, _ in
            let ids = try Self.oldStore(store)
            let before = try ids.mapValues { try #require(try store.article(id: $0)) }
            try Self.expectConsistent(store, "the old store")
            let fresh = try ArticleStore(path: ":memory:")
            try Self.freshStore(fresh)
            let freshRows = try Self.dump(fresh)
            #expect(try Self.dump(store) != freshRows)
            #expect(try store.replaceAnalysis(articleID: ids["c1"]!, with: Self.newC1))
            try Self.expectConsistent(store, "c1 replaced")
            #expect(try store.replaceAnalyses([(ids["c3"]!, Self.newC3), (ids["c2"]!, Self.c2)]).map { try $0.get() }
                    == [true, true])
            try Self.expectConsistent(store, "all replaced")

            #expect(try Self.dump(store) == freshRows)

            for (hash, old) in before {
                let now = try #require(try store.article(id: ids[hash]!))
                #expect(now.summary == old.summary, "\(hash): id, date, title, url, hash, received time stay")
                #expect(now.text == old.text)
            }
            #expect(try store.article(id: ids["c1"]!)?.analysisJSON == Self.json("new"))
            // The person "Wells Fargo", the acronym and the person "Fargo" had no other article: gone, with their
            // names.
            #expect(try store.entities(EntityQuery(q: "fargo")).rows.map { "\($0.name) \($0.type)" }
                    == ["Wells Fargo ORG"])
            #expect(try store.entities(EntityQuery(q: "pc")).rows.isEmpty)
            #expect(try store.quotes(QuoteQuery(speaker: "he")).rows.isEmpty)
            let party = try #require(try store.entities(EntityQuery(q: "conservative party")).rows.first)
            #expect(party.type == "ORG" && party.articleCount == 2)
        }
    }

    @Test func anArticleThatFailsInABatchKeepsItsOldAnalysisAndTheOthersAreReplaced() throws {
        try F.withTempStore { store, _ in
            let ids = try Self.oldStore(store)
            var wrongText = Self.newC3
            wrongText.contentHash = "c2"
            var badEntity = Self.newC1
            badEntity.entities[0].type = "A:B"
            let outcomes = try store.replaceAnalyses([(ids["c3"]!, wrongText), (ids["c1"]!, badEntity),
                                                      (ids["c2"]!, Self.c2), (999, Self.newC1)])
            #expect(outcomes.count == 4)
            #expect((try? outcomes[0].get()) == nil && (try? outcomes[1].get()) == nil)
            #expect(try outcomes[2].get() == true && outcomes[3].get() == false)
            #expect(try store.article(id: ids["c1"]!)?.analysisJSON == Self.json("old"))
            #expect(try store.article(id: ids["c3"]!)?.analysisJSON == Self.json("old c3"))
            try Self.expectConsistent(store, "a batch with refused articles")
            #expect(try store.entities(EntityQuery(q: "fargo")).rows.map(\.type).sorted() == ["PER", "PER"])
        }
    }

    /// A pass stopped after its first batch committed (the process killed: the open batch never reaches the
    /// file) leaves a store whose every article is either old or new, consistently; the next pass finishes it.
    @Test func aPassStoppedBetweenBatchesLeavesAConsistentStoreThatTheNextPassFinishes() throws {
        try F.withTempStore { store, dir in
            let ids = try Self.oldStore(store)
            _ = try store.replaceAnalyses([(ids["c1"]!, Self.newC1)])
            // The next batch was in progress when the process died: not committed, nothing of it on disk.
            try store.withWriter { db throws(StorageError) in
                try db.execute("BEGIN IMMEDIATE")
                _ = try ArticleWriter.replace(articleId: ids["c3"]!, with: Self.newC3, db: db)
                db.rollback()
            }
            let reopened = try ArticleStore(path: dir.appendingPathComponent("t.db").path)
            try Self.expectConsistent(reopened, "after the interrupted pass")
            #expect(try reopened.article(id: ids["c1"]!)?.analysisJSON == Self.json("new"))
            #expect(try reopened.article(id: ids["c3"]!)?.analysisJSON == Self.json("old c3"))
            #expect(try reopened.quotes(QuoteQuery(articleId: ids["c3"]!)).rows.map(\.speakerName) == ["Fargo"])

            _ = try reopened.replaceAnalyses([(ids["c2"]!, Self.c2), (ids["c3"]!, Self.newC3)])
            let fresh = try ArticleStore(path: ":memory:")
            try Self.freshStore(fresh)
            #expect(try Self.dump(reopened) == Self.dump(fresh))
        }
    }

    /// Entity ids by key, as stored.
    static func entityIds(_ store: ArticleStore) throws -> [String: Int64] {
        try store.withWriter { db throws(StorageError) -> [String: Int64] in
            Dictionary(uniqueKeysWithValues: try db.statement("SELECT key, id FROM entities").rows { r in
                (r.text(0), r.int64(1))
            })
        }
    }

    /// An entity only the replaced article names keeps its id when the new analysis names it again (it was made
    /// again under a new id, which broke every link to it); one the new analysis drops goes.
    @Test func replacingKeepsTheIdsOfEntitiesTheArticleAloneNamed() throws {
        try F.withTempStore { store, _ in
            let ids = try Self.oldStore(store)
            let before = try Self.entityIds(store)
            _ = try store.replaceAnalyses([(ids["c1"]!, Self.newC1)])
            let after = try Self.entityIds(store)
            let howard = try #require(before.keys.first { $0.hasSuffix("michael howard") })
            #expect(after[howard] == before[howard])
            #expect(!after.keys.contains { $0.hasSuffix("pc") })
            for (key, id) in after where before[key] != nil { #expect(before[key] == id, "\(key)") }
            try Self.expectConsistent(store, "c1 replaced")
            // The kept entity is found by name, and its link, quote and event point at it.
            let found = try store.entities(named: "Michael Howard")
            #expect(found.map(\.id) == [before[howard]!])
        }
    }

    @Test func replacingWithTheSameAnalysisChangesNoRow() throws {
        try F.withTempStore { store, _ in
            let ids = try Self.oldStore(store)
            let entityIds = try Self.entityIds(store)
            let before = try Self.dump(store)
            let summaries = try ids.values.sorted().map { try store.article(id: $0)?.summary }
            _ = try store.replaceAnalyses([(ids["c1"]!, Self.oldC1), (ids["c2"]!, Self.c2), (ids["c3"]!, Self.oldC3)])
            #expect(try Self.dump(store) == before)
            #expect(try Self.entityIds(store) == entityIds)
            #expect(try ids.values.sorted().map { try store.article(id: $0)?.summary } == summaries)
            try Self.expectConsistent(store, "replaced by itself")
        }
    }
}
