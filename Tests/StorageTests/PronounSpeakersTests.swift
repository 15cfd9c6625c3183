// Migration 022: quotes stored with an unresolved pronoun as their speaker name ("He", "they") lose that name, in
// their rows, their word index and their article's analysis JSON; named speakers and entity speakers stay.
import Foundation
import Testing
@testable import Storage

@Suite struct PronounSpeakersTests {
    /// The analysis JSON of article 1 as an old version wrote it: quote 0 by an unresolved "He", quote 1 by Jo Li
    /// (entity 0), quote 2 by "they" with an entity (a name the analysis gave it, kept), quote 3 by "Heath".
    static let oldJSON = #"{"date":"2021-03-18","quotes":[{"text":"one","speaker":{"name":"He","entity":null,"#
        + #""mention":{"start":0,"end":2,"text":"He"}},"confidence":0.54},{"text":"two","speaker":{"name":"Jo Li","#
        + #""entity":0,"mention":{"start":9,"end":14,"text":"Jo Li"}},"confidence":0.9},{"text":"three","speaker":"#
        + #"{"name":"they","entity":0,"mention":{"start":20,"end":24,"text":"they"}},"confidence":0.9},"#
        + #"{"text":"four","speaker":{"name":"Heath","entity":null,"mention":{"start":30,"end":35,"text":"Heath"}},"#
        + #""confidence":0.9},{"text":"five","speaker":null,"confidence":0.5}],"sentences":2}"#

    static let oldRows = """
        INSERT INTO articles(id, content_hash, text, sort_date, analysis) VALUES
            (1, 'h1', 't', '2021-03-18', CAST('\(oldJSON)' AS BLOB)),
            (2, 'h2', 't', '2021-03-19', CAST('{"quotes":[{"text":"x","speaker":{"name":"YOU","entity":null}}]}' AS BLOB)),
            (3, 'h3', 't', '2021-03-20', x'7B7D');
        INSERT INTO entities(id, key, norm, name, type, mention_count, article_count, first_seen, last_seen)
        VALUES (7, 'PER:jo li', 'jo li', 'Jo Li', 'PER', 1, 1, '2021-03-18', '2021-03-18');
        INSERT INTO article_entities(article_id, entity_id, mention_count, forms) VALUES (1, 7, 1, '{"jo li":"Jo Li"}');
        INSERT INTO quotes(id, article_id, speaker_entity_id, speaker_name, speaker_norm, text, kind, start, "end",
                           rule, confidence, article_date) VALUES
            (1, 1, NULL, 'He', 'he', 'one', 'direct', 0, 3, 'r', 0.54, '2021-03-18'),
            (2, 1, 7, 'Jo Li', NULL, 'two', 'direct', 0, 3, 'r', 0.9, '2021-03-18'),
            (3, 1, 7, 'they', 'they', 'three', 'direct', 0, 5, 'r', 0.9, '2021-03-18'),
            (4, 1, NULL, 'Heath', 'heath', 'four', 'direct', 0, 4, 'r', 0.9, '2021-03-18'),
            (5, 2, NULL, 'YOU', 'you', 'x', 'indirect', 0, 1, 'r', 0.5, '2021-03-19');
        INSERT INTO quotes_fts(rowid, text, speaker_name) SELECT id, text, speaker_name FROM quotes;
        INSERT INTO entity_names(entity_id, norm, alias) VALUES (7, 'jo li', 'Jo Li');
        INSERT INTO name_bigrams VALUES ('jo', 7), ('li', 7);
        INSERT INTO entities_fts(rowid, norm) SELECT id, norm FROM entities;
        INSERT INTO entity_names_fts(rowid, norm) SELECT id, norm FROM entity_names;
        """

    @Test func aStoreFromBeforeKeepsNoPronounAsASpeakerName() throws {
        let old = try StoreFixtures.oldDatabase(before: "022-pronoun-speakers-unnamed", rows: Self.oldRows)
        defer { old.remove() }
        let store = try ArticleStore(path: old.path)
        let names = try store.quotes().rows.sorted { $0.id < $1.id }.map(\.speakerName)
        #expect(names == [nil, "Jo Li", "they", "Heath", nil])
        #expect(try store.quotes(QuoteQuery(speaker: "he")).rows.isEmpty)
        #expect(try store.quotes(QuoteQuery(speaker: "heath")).rows.map(\.id) == [4])
        // The word index no longer finds a quote by a pronoun speaker's name (quote 3 keeps its entity's name).
        #expect(try store.quotes(QuoteQuery(q: "you")).rows.isEmpty)
        #expect(try store.quotes(QuoteQuery(q: "he")).rows.isEmpty)
        #expect(try store.quotes(QuoteQuery(q: "they")).rows.map(\.id) == [3])
        // The analysis JSON: that one value, every other byte as stored.
        let json = try #require(try store.article(id: 1)).analysisJSON
        let expected = Self.oldJSON.replacingOccurrences(of: #""name":"He""#, with: #""name":null"#)
        #expect(String(decoding: json, as: UTF8.self) == expected)
        let other = String(decoding: try #require(try store.article(id: 2)).analysisJSON, as: UTF8.self)
        #expect(other == #"{"quotes":[{"text":"x","speaker":{"name":null,"entity":null}}]}"#)
        #expect(try store.article(id: 3)?.analysisJSON == Array("{}".utf8))
        try QueryTablesTests.expectDerivedTablesMatch(store, "migration 022")
    }

    /// Run again over its own result, the step changes nothing (and a store without such quotes is untouched).
    @Test func theStepIsIdempotent() throws {
        let old = try StoreFixtures.oldDatabase(before: "022-pronoun-speakers-unnamed", rows: Self.oldRows)
        defer { old.remove() }
        let store = try ArticleStore(path: old.path)
        let snapshot = { () throws -> [String] in
            try store.withWriter { db throws(StorageError) in
                try db.statement("""
                    SELECT id || ':' || coalesce(speaker_name, '-') || ':' || coalesce(speaker_norm, '-') FROM quotes
                    UNION ALL SELECT id || ':' || CAST(analysis AS TEXT) FROM articles ORDER BY 1
                    """).rows { $0.text(0) }
            }
        }
        let once = try snapshot()
        try store.withWriter { db throws(StorageError) in
            try db.transaction { () throws(StorageError) in
                try db.execute(PronounSpeakers.sql)
                try PronounSpeakers.clearAnalysisNames(db)
            }
        }
        #expect(try snapshot() == once)
        #expect(try store.quotes(QuoteQuery(q: "he")).rows.isEmpty)
    }
}
