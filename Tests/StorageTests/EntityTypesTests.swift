// One entity per name across the tagger's non-person types: merged when written, shown with the type most of its
// articles give, kept true on delete, and merged by migration 017 in a store written before it.
import Foundation
import Testing
@testable import Storage

@Suite struct EntityTypesTests {
    typealias F = StoreFixtures

    /// An article naming one entity `name` of `type` (mentions as given), with a quote it speaks and an event.
    static func article(_ hash: String, _ name: String, _ type: String, mentions: Int = 1,
                        date: String = "2021-03-18") -> NewArticle {
        F.article(hash, date: date, entities: [F.entity(1, name, type, mentions: mentions)],
                  quotes: [NewQuote(text: "Quote \(hash)", start: 0, end: 5, kind: "direct", cue: "said",
                                    speakerName: name, speakerLocalEntityId: 1, rule: "cue-after", confidence: 0.9)],
                  events: [NewEvent(date: date, granularity: "day", start: 0, end: 5, text: "Event \(hash).",
                                    localEntityIds: [1])])
    }

    func count(_ store: ArticleStore, _ sql: String) throws -> Int64 {
        try store.withWriter { db throws(StorageError) in try db.scalarInt(sql) ?? -1 }
    }

    @Test(arguments: [
        // (types of the articles in order, type shown): most articles, then most mentions, then the first name.
        (["MISC", "MISC", "ORG"], "MISC"),
        (["ORG", "MISC", "MISC"], "MISC"),
        (["LOC", "ORG", "ORG", "LOC", "MISC"], "LOC"),  // 2 each: the first name of equals (mentions equal)
        (["ORG"], "ORG"),
    ])
    func oneNameOfSeveralNonPersonTypesIsOneEntityShowingTheMajorityType(_ c: ([String], String)) throws {
        let store = try ArticleStore(path: ":memory:")
        for (i, type) in c.0.enumerated() {
            _ = try store.insert(Self.article("a\(i)", i % 2 == 0 ? "Liberal Democrats" : "LIBERAL democrats", type))
        }
        let all = try store.entities().rows
        #expect(all.count == 1)
        let e = try #require(all.first)
        #expect(e.type == c.1)
        #expect(e.articleCount == c.0.count)
        #expect(try store.entities(EntityQuery(type: c.1)).rows.map(\.id) == [e.id])
        for other in ["ORG", "LOC", "MISC"] where other != c.1 {
            #expect(try store.entities(EntityQuery(type: other)).rows.isEmpty)
        }
    }

    @Test func mentionsBreakATieOfArticles() throws {
        let store = try ArticleStore(path: ":memory:")
        _ = try store.insert(Self.article("a", "Downing Street", "LOC", mentions: 1))
        _ = try store.insert(Self.article("b", "Downing Street", "ORG", mentions: 3))
        #expect(try store.entities().rows.map(\.type) == ["ORG"])
    }

    @Test func aPersonAndAThingOfOneNameStayApart() throws {
        let store = try ArticleStore(path: ":memory:")
        _ = try store.insert(Self.article("a", "Jordan", "LOC"))
        _ = try store.insert(Self.article("b", "Jordan", "PER"))
        _ = try store.insert(Self.article("c", "Jordan", "ORG"))
        let all = try store.entities(EntityQuery(sort: .name)).rows
        #expect(all.map(\.type).sorted() == ["LOC", "PER"])
        #expect(all.first { $0.type == "LOC" }?.articleCount == 2)
    }

    @Test func queriesByNameReturnTheMergedEntity() throws {
        let store = try ArticleStore(path: ":memory:")
        _ = try store.insert(Self.article("a", "Liberal Democrats", "MISC", date: "2021-01-01"))
        _ = try store.insert(Self.article("b", "Liberal Democrats", "ORG", date: "2021-02-01"))
        _ = try store.insert(Self.article("c", "Liberal Democrats", "MISC", date: "2021-03-01"))
        let named = try store.entities(named: "liberal democrats")
        #expect(named.count == 1)
        let id = try #require(named.first?.id)
        #expect(try store.quotes(QuoteQuery(speaker: "Liberal Democrats")).rows.count == 3)
        #expect(try store.timeline(TimelineQuery(entityId: id)).rows.map(\.text) == ["Event a.", "Event b.",
                                                                                     "Event c."])
        #expect(named.first?.firstSeen == "2021-01-01")
        #expect(named.first?.lastSeen == "2021-03-01")
    }

    @Test func twoTypesOfOneNameInOneArticleAreOneLinkTypedByTheirMostMentions() throws {
        let store = try ArticleStore(path: ":memory:")
        _ = try store.insert(F.article("a", entities: [F.entity(1, "Labour", "MISC", mentions: 1),
                                                       F.entity(2, "Labour", "ORG", mentions: 2)],
                                       quotes: [], events: []))
        let e = try #require(try store.entities().rows.first)
        #expect(try store.entities().rows.count == 1)
        #expect((e.type, e.articleCount, e.mentionCount) == ("ORG", 1, 3))
        #expect(try count(store, "SELECT count(*) FROM entities WHERE type_counts IS NOT NULL") == 0)
    }

    @Test func deletingArticlesTakesTheirTypesAway() throws {
        let store = try ArticleStore(path: ":memory:")
        let org = try store.insert(Self.article("a", "Liberal Democrats", "ORG")).id
        let misc = [try store.insert(Self.article("b", "Liberal Democrats", "MISC")).id,
                    try store.insert(Self.article("c", "Liberal Democrats", "MISC")).id]
        #expect(try store.entities().rows.map(\.type) == ["MISC"])
        #expect(try count(store, "SELECT count(*) FROM entities WHERE type_counts IS NOT NULL") == 1)
        for id in misc { #expect(try store.deleteArticle(id: id)) }
        #expect(try store.entities().rows.map(\.type) == ["ORG"])
        #expect(try count(store, "SELECT count(*) FROM entities WHERE type_counts IS NOT NULL") == 0)
        // Back to one type: the next article of that type takes the one-statement path again.
        _ = try store.insert(Self.article("d", "Liberal Democrats", "ORG"))
        #expect(try store.entities().rows.map(\.articleCount) == [2])
        #expect(try store.deleteArticle(id: org))
        #expect(try store.entities().rows.map(\.type) == ["ORG"])
    }

    @Test func countsPerTypeReadBackAsWritten() throws {
        let counts = ["MISC": EntityTypes.Count(articles: 16, mentions: 40),
                      "O\"R\\G": EntityTypes.Count(articles: 1, mentions: 2)]
        #expect(EntityTypes.encode(counts) == #"{"MISC":[16,40],"O\"R\\G":[1,2]}"#)
        #expect(EntityTypes.encode(["ORG": EntityTypes.Count(articles: 3, mentions: 3)]) == nil)
        // Through the store, a type that needs escaping included.
        let store = try ArticleStore(path: ":memory:")
        _ = try store.insert(Self.article("a", "Labour", "MISC", mentions: 2))
        _ = try store.insert(Self.article("b", "Labour", "MISC", mentions: 3))
        _ = try store.insert(Self.article("c", "Labour", "O\"R\\G", mentions: 4))
        let id = try #require(try store.entities().rows.first?.id)
        let read = try store.withWriter { db throws(StorageError) in
            try ArticleWriter.typeCounts(ofEntity: id, db: db)
        }
        #expect(read == ["MISC": EntityTypes.Count(articles: 2, mentions: 5),
                         "O\"R\\G": EntityTypes.Count(articles: 1, mentions: 4)])
    }

    @Test func anOldStoreMergesItsEntitiesOfOneNameOnMigration() throws {
        // Written the way the store did before 017: one entity per type and name. Liberal Democrats is MISC in
        // articles 1 and 2, ORG in article 2 and 3 (article 2 linked both); Jordan is LOC and PER.
        let old = try F.oldDatabase(before: "017-entities-by-name-across-types", rows: """
            INSERT INTO articles(id, content_hash, text, sort_date, analysis) VALUES
                (1, 'h1', 't', '2021-01-01', x'7B7D'), (2, 'h2', 't', '2021-02-01', x'7B7D'),
                (3, 'h3', 't', '2021-03-01', x'7B7D');
            INSERT INTO entities(id, key, norm, name, type, mention_count, article_count, first_seen, last_seen)
            VALUES (7, 'MISC:liberal democrats', 'liberal democrats', 'Liberal Democrats', 'MISC', 3, 2,
                    '2021-01-01', '2021-02-01'),
                   (8, 'ORG:liberal democrats', 'liberal democrats', 'Liberal democrats', 'ORG', 5, 2,
                    '2021-02-01', '2021-03-01'),
                   (9, 'LOC:jordan', 'jordan', 'Jordan', 'LOC', 1, 1, '2021-01-01', '2021-01-01'),
                   (10, 'PER:jordan', 'jordan', 'Jordan', 'PER', 1, 1, '2021-01-01', '2021-01-01');
            INSERT INTO article_entities(article_id, entity_id, role, mention_count, forms) VALUES
                (1, 7, NULL, 2, '{"liberal democrats":"Liberal Democrats","lib dems":"Lib Dems"}'),
                (2, 7, 'party', 1, '{"liberal democrats":"Liberal Democrats"}'),
                (2, 8, NULL, 4, '{"liberal democrats":"Liberal democrats","libdems":"LibDems"}'),
                (3, 8, 'opposition', 1, '{"liberal democrats":"Liberal democrats"}'),
                (1, 9, NULL, 1, '{"jordan":"Jordan"}'), (1, 10, NULL, 1, '{"jordan":"Jordan"}');
            INSERT INTO entity_names(entity_id, norm, alias) VALUES
                (7, 'liberal democrats', 'Liberal Democrats'), (7, 'lib dems', 'Lib Dems'),
                (8, 'liberal democrats', 'Liberal democrats'), (8, 'libdems', 'LibDems'),
                (9, 'jordan', 'Jordan'), (10, 'jordan', 'Jordan');
            INSERT INTO entity_names_fts(rowid, norm) SELECT id, norm FROM entity_names;
            INSERT INTO entities_fts(rowid, norm) SELECT id, norm FROM entities;
            WITH RECURSIVE grams(entity_id, norm, i) AS (
                SELECT entity_id, norm, 1 FROM entity_names UNION ALL
                SELECT entity_id, norm, i + 1 FROM grams WHERE i + 2 <= length(norm))
            INSERT OR IGNORE INTO name_bigrams SELECT substr(norm, i, 2), entity_id FROM grams
                WHERE instr(substr(norm, i, 2), ' ') = 0;
            INSERT INTO quotes(id, article_id, speaker_entity_id, speaker_name, text, kind, start, "end", rule,
                               confidence, article_date) VALUES
                (1, 1, 7, 'Lib Dems', 'first', 'direct', 0, 5, 'r', 1, '2021-01-01'),
                (2, 3, 8, NULL, 'third', 'direct', 0, 5, 'r', 1, '2021-03-01');
            INSERT INTO events(id, article_id, date, granularity, start_day, end_day, sort_key, start, "end", text,
                               article_date) VALUES
                (1, 2, '2021-02-01', 'day', 18659, 18659, 100, 0, 5, 'both', '2021-02-01'),
                (2, 3, '2021-03-01', 'day', 18687, 18687, 200, 0, 5, 'org', '2021-03-01');
            INSERT INTO event_entities(event_id, entity_id, sort_key) VALUES (1, 7, 100), (1, 8, 100), (2, 8, 200);
            """)
        defer { old.remove() }
        let store = try ArticleStore(path: old.path)
        let all = try store.entities(EntityQuery(sort: .name)).rows
        #expect(all.map(\.id) == [9, 10, 7])
        let lib = try #require(all.last)
        // ORG in articles 2 (4 mentions against 1) and 3, MISC in article 1.
        #expect((lib.name, lib.type, lib.articleCount, lib.mentionCount) == ("Liberal Democrats", "ORG", 3, 8))
        #expect((lib.firstSeen, lib.lastSeen) == ("2021-01-01", "2021-03-01"))
        #expect(lib.aliases == ["Lib Dems", "LibDems"])
        #expect(Set(lib.roles) == ["party", "opposition"])
        #expect(try store.entities(named: "Liberal Democrats").map(\.id) == [7])
        #expect(try store.entities(EntityQuery(q: "libdems")).rows.map(\.id) == [7])
        #expect(try store.entities(EntityQuery(q: "bd")).rows.map(\.id) == [7])
        #expect(try store.quotes(QuoteQuery(speaker: "liberal democrats")).rows.map(\.text) == ["third", "first"])
        #expect(try store.timeline(TimelineQuery(entityId: 7)).rows.map(\.text) == ["both", "org"])
        #expect(try count(store, "SELECT count(*) FROM name_bigrams WHERE entity_id = 8") == 0)
        #expect(try count(store, "SELECT count(*) FROM entities WHERE key = '*:liberal democrats'") == 1)
        // The link triggers were made again: deleting article 2 takes its role and its form LibDems away, and the
        // counts per type with it (MISC and ORG 1 article each: MISC's 2 mentions against ORG's 1 decide).
        #expect(try store.deleteArticle(id: 2))
        let after = try #require(try store.entity(id: 7)?.entity)
        #expect((after.articleCount, after.mentionCount, after.roles, after.aliases) == (2, 3, ["opposition"],
                                                                                        ["Lib Dems"]))
        #expect(after.type == "MISC")
        // And the writer carries on with the new keys.
        _ = try store.insert(Self.article("h4", "Liberal Democrats", "ORG"))
        #expect(try store.entity(id: 7)?.entity.type == "ORG")
        #expect(try store.entities(EntityQuery(sort: .name)).rows.count == 3)
    }
}
