// Apostrophe marks in names: "O'Neill", "O’Neill", "Oʼneill" and the rest name one person. Stored names and name
// queries fold them alike (Fold.apostrophes), the word searches of quotes and events find each from the other, and
// migration 021 folds (and merges) what stores wrote before.
import Foundation
import Testing
@testable import Storage

@Suite struct ApostropheFoldingTests {
    typealias F = StoreFixtures

    @Test(arguments: [
        ("O'Neill", "o'neill"), ("O’Neill", "o'neill"), ("O‘Neill", "o'neill"), ("Oʼneill", "o'neill"),
        ("O′Neill", "o'neill"), ("O`Neill", "o'neill"), ("O´Neill", "o'neill"), ("O＇Neill", "o'neill"),
        ("Seán  O’Súilleabháin", "sean o'suilleabhain"), ("D’Alema", "d'alema"), ("Sinn Féin", "sinn fein"),
    ])
    func namesFoldEveryApostropheMarkToTheStraightOne(_ written: String, _ folded: String) {
        #expect(Fold.name(written) == folded)
        #expect(Fold.name(folded) == folded)
    }

    /// How an article wrote the name, how a query asks for it.
    static let pairs: [(String, String)] = [
        ("O'Neill", "O’Neill"), ("O’Neill", "O'Neill"), ("O‘Neill", "O’Neill"), ("O’Neill", "o‘neill"),
        ("O'Neill", "Oʼneill"), ("O`Neill", "O'Neill"), ("O′Neill", "O’Neill"), ("O'Neill", "O'Neill"),
    ]

    static func article(_ hash: String, _ name: String, type: String = "PER") -> NewArticle {
        F.article(hash, entities: [F.entity(1, "Mary \(name)", type, aliases: [name])],
                  quotes: [NewQuote(text: "\(name) said the plan works", start: 0, end: 5, kind: "direct",
                                    speakerName: "Mary \(name)", speakerLocalEntityId: nil, rule: "r",
                                    confidence: 0.9)],
                  events: [NewEvent(date: "2021-03-18", granularity: "day", start: 0, end: 5,
                                    text: "\(name) spoke on Thursday.", localEntityIds: [1])])
    }

    @Test(arguments: pairs)
    func aNameWrittenWithOneMarkIsFoundWithAnother(_ written: String, _ asked: String) throws {
        let store = try ArticleStore(path: ":memory:")
        _ = try store.insert(Self.article("a", written))
        #expect(try store.entities(named: "Mary \(asked)").map(\.name) == ["Mary \(written)"])
        #expect(try store.entities(named: asked).count == 1)
        #expect(try store.entities(EntityQuery(q: asked)).rows.count == 1)
        #expect(try store.quotes(QuoteQuery(speaker: "Mary \(asked)")).rows.count == 1)
        #expect(try store.quotes(QuoteQuery(q: asked)).rows.count == 1)
        #expect(try store.timeline(TimelineQuery(q: asked)).rows.count == 1)
    }

    @Test(arguments: pairs.filter { $0.0 != $0.1 })
    func twoSpellingsFromTwoSourcesAreOnePerson(_ first: String, _ second: String) throws {
        let store = try ArticleStore(path: ":memory:")
        _ = try store.insert(Self.article("a", first))
        _ = try store.insert(Self.article("b", second))
        let people = try store.entities(EntityQuery(type: "PER")).rows
        #expect(people.map(\.name) == ["Mary \(first)"])  // the display name as first written
        #expect(people.first?.articleCount == 2)
        #expect(try store.quotes(QuoteQuery(speaker: "Mary O'Neill")).rows.count == 2)
        try QueryTablesTests.expectDerivedTablesMatch(store, "\(first) then \(second)")
    }

    /// Regression: folding ʼ in the query alone lost texts written with it, which the index holds as one word.
    @Test(arguments: ["Oʼneill", "oʼneill*"])
    func aTextWrittenWithTheModifierLetterIsFoundAsTyped(_ asked: String) throws {
        let store = try ArticleStore(path: ":memory:")
        _ = try store.insert(Self.article("a", "Oʼneill"))
        #expect(try store.quotes(QuoteQuery(q: asked)).rows.count == 1)
        #expect(try store.timeline(TimelineQuery(q: asked)).rows.count == 1)
    }

    @Test func wordSearchesFoldApostropheMarksInTheQuery() {
        #expect(Fold.ftsQuery("Oʼneill said") == "(\"Oʼneill\" OR \"O'neill\") \"said\"")
        #expect(Fold.ftsQuery("O’Neill*") == "(\"O’Neill\"* OR \"O'Neill\"*)")
    }

    /// A store written before 021: names folded with their marks, so "Mary O’Neill" (two articles) and
    /// "Mary O'Neill" (one) were two people, as were the place "O’Hare" (LOC) and "O'Hare" (ORG). Made by writing
    /// placeholder names and giving them the old folding by hand (names, keys, forms, speakers, texts and every
    /// index), then taking 021 off the applied steps.
    @Test func aStoreFromBeforeFoldsItsNamesAndMergesWhatBecameOne() throws {
        let dir = F.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("old.db").path
        do {
            let store = try ArticleStore(path: path)
            _ = try store.insert(Self.article("a1", "QqNeill"))
            _ = try store.insert(Self.article("a2", "QqNeill"))
            _ = try store.insert(Self.article("b1", "RrNeill"))
            _ = try store.insert(F.article("c1", entities: [F.entity(1, "QqHare", "LOC")], quotes: [], events: []))
            _ = try store.insert(F.article("c2", entities: [F.entity(1, "QqHare", "LOC")], quotes: [], events: []))
            _ = try store.insert(F.article("d1", entities: [F.entity(1, "RrHare", "ORG", mentions: 3)], quotes: [],
                                           events: []))
            // A surname alone, "Mrs O’Dea" and "Mr O'Dea": the gender evidence keeps them two people.
            _ = try store.insert(F.article("e1", entities: [NewEntity(localId: 1, name: "QqDea", type: "PER",
                                                                      mentionCount: 1, gender: "female")],
                                           quotes: [], events: []))
            _ = try store.insert(F.article("f1", entities: [NewEntity(localId: 1, name: "RrDea", type: "PER",
                                                                      mentionCount: 1, gender: "male")],
                                           quotes: [], events: []))
        }
        func old(_ column: String) -> String {
            "replace(replace(replace(replace(\(column), 'Qq', 'O’'), 'qq', 'o’'), 'Rr', 'O'''), 'rr', 'o''')"
        }
        let db = try Database(path: path)
        try db.execute("""
            UPDATE entities SET name = \(old("name")), norm = \(old("norm")), key = \(old("key"));
            UPDATE entity_names SET norm = \(old("norm")), alias = \(old("alias"));
            UPDATE article_entities SET forms = \(old("forms"));
            UPDATE quotes SET speaker_name = \(old("speaker_name")), speaker_norm = \(old("speaker_norm")),
                              text = \(old("text"));
            UPDATE events SET text = \(old("text"));
            INSERT INTO entities_fts(entities_fts) VALUES ('rebuild');
            INSERT INTO entity_names_fts(entity_names_fts) VALUES ('rebuild');
            INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
            INSERT INTO events_fts(events_fts) VALUES ('rebuild');
            DELETE FROM name_bigrams;
            DELETE FROM schema_migrations WHERE name = '021-apostrophes-folded';
            """)
        try ArticleWriter.addBigrams(from: "SELECT entity_id, norm FROM entity_names UNION SELECT id, norm FROM entities",
                                     [], db: db)
        #expect(try db.scalarInt("SELECT count(*) FROM entities WHERE norm LIKE '%o’%'") == 3)

        let store = try ArticleStore(path: path)
        let people = try store.entities(EntityQuery(type: "PER", q: "neill")).rows
        #expect(people.map(\.name) == ["Mary O’Neill"])
        #expect(people.first?.articleCount == 3)
        let places = try store.entities(EntityQuery(q: "o'hare")).rows
        #expect(places.map(\.name) == ["O’Hare"])
        #expect(places.map(\.type) == ["LOC"])
        #expect(places.first?.articleCount == 3)
        for asked in ["Mary O'Neill", "Mary O’Neill", "mary o‘neill"] {
            #expect(try store.quotes(QuoteQuery(speaker: asked)).rows.count == 3, "\(asked)")
            #expect(try store.entities(named: asked).map(\.id) == [people[0].id], "\(asked)")
        }
        #expect(try store.quotes(QuoteQuery(q: "O'Neill")).rows.count == 3)
        #expect(try store.entities(EntityQuery(q: "'n")).rows.map(\.id) == [people[0].id])  // a bigram
        try QueryTablesTests.expectDerivedTablesMatch(store, "migration 021")
        // The O'Deas stay two, both found by the folded name; the one whose key was taken keeps its old key.
        #expect(try store.entities(named: "O’Dea").map(\.name).sorted() == ["O'Dea", "O’Dea"])
        let keys = try store.withWriter { db throws(StorageError) in
            try db.statement("SELECT key FROM entities WHERE norm = 'o''dea' ORDER BY key").rows { $0.text(0) }
        }
        #expect(keys == ["PER:o'dea", "PER:o’dea"])

        // The merged entity leaves cleanly with its articles.
        for hash in ["a1", "a2", "b1"] {
            if let id = try store.articleId(contentHash: hash) { _ = try store.deleteArticle(id: id) }
        }
        #expect(try store.entities(EntityQuery(type: "PER", q: "neill")).rows.isEmpty)
        try QueryTablesTests.expectDerivedTablesMatch(store, "migration 021 and deletes")
    }
}
