// Migration 006 and the query paths built on it: the per-entity name and role tables, the trigram name search,
// event order in event_entities, the article counter and the entity counts stay equal to what the per-article
// rows say through inserts, duplicates and deletes; existing databases migrate; speaker and entity-timeline
// pages merge and page like the one-query forms they replace.
import Foundation
import Testing
@testable import Storage

@Suite struct QueryTablesTests {
    typealias F = StoreFixtures

    enum Step: Sendable, CustomStringConvertible {
        case insert(NewArticle)
        case delete(String)  // content hash

        var description: String {
            switch self {
            case .insert(let a): return "insert \(a.contentHash)"
            case .delete(let hash): return "delete \(hash)"
            }
        }
    }

    static func run(_ steps: [Step], on store: ArticleStore) throws {
        for step in steps {
            switch step {
            case .insert(let a): _ = try? store.insert(a)
            case .delete(let hash):
                if let id = try store.articleId(contentHash: hash) { try store.deleteArticle(id: id) }
            }
        }
    }

    /// Each derived table next to the same facts recomputed from the per-article rows.
    static func derivedAndRecomputed(_ db: Database) throws(StorageError) -> [(String, [String], [String])] {
        func lines(_ sql: String) throws(StorageError) -> [String] {
            try db.statement(sql).rows { r in
                (0..<r.columnCount).map { r.isNull($0) ? "NULL" : r.text($0) }.joined(separator: "|")
            }
        }
        // An external-content FTS5 index that disagrees with its table fails its integrity check.
        try db.execute("INSERT INTO entity_names_fts(entity_names_fts) VALUES ('integrity-check')")
        try db.execute("INSERT INTO entities_fts(entities_fts) VALUES ('integrity-check')")
        try db.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")
        try db.execute("INSERT INTO events_fts(events_fts) VALUES ('integrity-check')")
        return [
            ("entity_names",
             try lines("SELECT entity_id, norm, alias FROM entity_names ORDER BY 1, 2"),
             try lines("""
                SELECT x.entity_id, j.key, min(j.value) FROM article_entities x, json_each(x.forms) j
                GROUP BY 1, 2 ORDER BY 1, 2
                """)),
            ("entity_roles",
             try lines("SELECT entity_id, role, articles FROM entity_roles ORDER BY 1, 2"),
             try lines("""
                SELECT entity_id, role, count(*) FROM article_entities WHERE role IS NOT NULL
                GROUP BY 1, 2 ORDER BY 1, 2
                """)),
            ("event_entities.sort_key",
             try lines("SELECT event_id, entity_id, sort_key FROM event_entities ORDER BY 1, 2"),
             try lines("""
                SELECT x.event_id, x.entity_id, e.sort_key FROM event_entities x JOIN events e ON e.id = x.event_id
                ORDER BY 1, 2
                """)),
            ("entities.genders",
             try lines("SELECT id, genders FROM entities WHERE genders <> 0 ORDER BY 1"),
             try lines("""
                SELECT entity_id, max(gender = 'male') | 2 * max(gender = 'female') AS g FROM article_entities
                WHERE gender IS NOT NULL GROUP BY 1 ORDER BY 1
                """)),
            ("entities",
             try lines("SELECT id, article_count, mention_count, first_seen, last_seen FROM entities ORDER BY 1"),
             try lines("""
                SELECT x.entity_id, count(*), sum(x.mention_count), min(a.sort_date), max(a.sort_date)
                FROM article_entities x JOIN articles a ON a.id = x.article_id GROUP BY 1 ORDER BY 1
                """)),
            ("name_bigrams", try lines("SELECT entity_id, bigram FROM name_bigrams").sorted(),
             try lines("SELECT entity_id, norm FROM entity_names UNION ALL SELECT id, norm FROM entities")
                .flatMap { line -> [String] in
                    let parts = line.split(separator: "|", maxSplits: 1).map(String.init)
                    let scalars = Array(parts[1].unicodeScalars)
                    // No bigram with a space: a two-character query has none (migration 015).
                    return scalars.indices.dropLast().filter { scalars[$0] != " " && scalars[$0 + 1] != " " }
                        .map { i in
                            var gram = String.UnicodeScalarView()
                            gram.append(scalars[i])
                            gram.append(scalars[i + 1])
                            return parts[0] + "|" + String(gram)
                        }
                }.reduce(into: Set<String>()) { $0.insert($1) }.sorted()),
            ("counters", try lines("SELECT value FROM counters WHERE name = 'articles'"),
             try lines("SELECT count(*) FROM articles")),
        ]
    }

    static func expectDerivedTablesMatch(_ store: ArticleStore, _ context: String) throws {
        let tables = try store.withWriter { db throws(StorageError) in try derivedAndRecomputed(db) }
        for (name, derived, recomputed) in tables {
            #expect(derived == recomputed, "\(name) after \(context)")
        }
    }

    static let steps: [(String, [Step])] = [
        ("spellings of one form keep the smallest, and the next when it goes", [
            .insert(F.article("a", entities: [F.entity(1, "Joe Biden", aliases: ["BIDEN"])], quotes: [],
                              events: [])),
            .insert(F.article("b", entities: [F.entity(1, "Joe Biden", aliases: ["Biden"])], quotes: [],
                              events: [])),
            .insert(F.article("c", entities: [F.entity(1, "joe biden", aliases: ["Biden"])], quotes: [],
                              events: [])),
            .delete("a"),
        ]),
        ("a role given later in the same article, and roles leaving with articles", [
            .insert(F.article("a", entities: [F.entity(1, "Joe Biden"), F.entity(2, "JOE BIDEN", role: "Senator")],
                              quotes: [], events: [])),
            .insert(F.article("b", entities: [F.entity(1, "Joe Biden", role: "President")], quotes: [],
                              events: [])),
            .insert(F.article("c", entities: [F.entity(1, "Joe Biden", role: "President")], quotes: [],
                              events: [])),
            .delete("b"),
            .delete("a"),
        ]),
        ("spellings JSON must escape (quote, backslash, control, non-ASCII) kept in the link rows and removed", [
            .insert(F.article("a", entities: [F.entity(1, "O\"Brien", aliases: ["O\\Brien", "Tab\tName", "Zoë"])],
                              quotes: [], events: [])),
            .insert(F.article("b", entities: [F.entity(1, "O\"Brien", aliases: ["Zoe"])], quotes: [], events: [])),
            .delete("a"), .delete("b"),
        ]),
        ("duplicates and refused articles change nothing", [
            .insert(F.article("a")), .insert(F.article("a", text: "Other.")), .insert(F.article("bad", date: "x")),
            .insert(F.article("b", date: "2020-05-01")),
        ]),
        ("first and last seen: another article of the same date keeps them, the last one of a date moves them", [
            .insert(F.article("d1", date: "2021-03-18")), .insert(F.article("d2", date: "2021-03-18")),
            .insert(F.article("d3", date: "2021-05-01")), .insert(F.article("d4", date: "2021-01-02")),
            .delete("d1"), .delete("d3"), .delete("d4"), .delete("d2"),
        ]),
        ("a short name renamed to the full one, then every article deleted", [
            .insert(F.article("y1", entities: [F.entity(1, "Yellen")], quotes: [], events: [])),
            .insert(F.article("y2", entities: [F.entity(1, "Janet Yellen", aliases: ["Yellen"])], quotes: [],
                              events: [])),
            .insert(F.article("y3")),
            .delete("y2"), .delete("y1"), .delete("y3"),
        ]),
    ]

    @Test(arguments: steps)
    func derivedTablesEqualThePerArticleRowsAfterEveryStep(_ c: (String, [Step])) throws {
        let store = try ArticleStore(path: ":memory:")
        for (i, step) in c.1.enumerated() {
            try Self.run([step], on: store)
            try Self.expectDerivedTablesMatch(store, "\(c.0): step \(i) \(step)")
        }
    }

    @Test func spellingsOfOneFormShowTheSmallestStillUsed() throws {
        let store = try ArticleStore(path: ":memory:")
        try Self.run(Self.steps[0].1.dropLast(), on: store)
        #expect(try store.entities(EntityQuery(q: "biden")).rows.first?.aliases == ["BIDEN"])
        try Self.run([.delete("a")], on: store)
        #expect(try store.entities(EntityQuery(q: "biden")).rows.first?.aliases == ["Biden"])
    }

    @Test(arguments: [
        ([Step](), 0),
        ([.insert(F.article("a"))], 1),
        ([.insert(F.article("a")), .insert(F.article("a", text: "again"))], 1),
        ([.insert(F.article("a")), .insert(F.article("bad", date: "2021-02-30")), .insert(F.article("b"))], 2),
        ([.insert(F.article("a")), .insert(F.article("b")), .delete("a")], 1),
        ([.insert(F.article("a")), .delete("a"), .delete("a"), .insert(F.article("a"))], 1),
    ])
    func articleCountFollowsInsertsAndDeletes(_ steps: [Step], _ expected: Int) throws {
        try F.withTempStore { store, _ in
            try Self.run(steps, on: store)
            #expect(try store.articleCount() == expected)
        }
    }

    // MARK: - Name search

    static func namesCorpus() throws -> ArticleStore {
        let store = try ArticleStore(path: ":memory:")
        let people: [[NewEntity]] = [
            [F.entity(1, "Antony Blinken", aliases: ["Blinken", "The Secretary"])],
            [F.entity(1, "José Martínez")],
            [F.entity(1, "Conan O\"Brien")],
            [F.entity(1, "Li Wei"), F.entity(2, "Liverpool", "ORG")],
            [F.entity(1, "100% Design", "ORG")],
        ]
        for (i, entities) in people.enumerated() {
            _ = try store.insert(F.article("n\(i)", entities: entities, quotes: [], events: []))
        }
        return store
    }

    @Test(arguments: [
        ("blinken", ["Antony Blinken"]),
        ("BLIN", ["Antony Blinken"]),
        ("tony b", ["Antony Blinken"]),           // across the space
        ("secretary", ["Antony Blinken"]),        // an alias only
        ("Martínez", ["José Martínez"]),          // folded like the stored names
        ("jose mart", ["José Martínez"]),
        ("o\"bri", ["Conan O\"Brien"]),           // a quote in the text is a character, not FTS syntax
        ("liv", ["Liverpool"]),
        ("li", ["Antony Blinken", "Li Wei", "Liverpool"]),  // under three characters: no trigram, same answer
        ("ÍN", ["Antony Blinken", "José Martínez"]),  // two characters folded like the names (bigram index)
        ("n", ["Antony Blinken", "Conan O\"Brien", "José Martínez", "100% Design"]),
        ("0%", ["100% Design"]),
        ("%", ["100% Design"]),
        ("_", [String]()),
        ("xyz", [String]()),
        ("blinken secretary", [String]()),        // substring of one name, not words across names
    ])
    func nameSearchMatchesASubstringOfTheNameOrAnyAlias(_ q: String, _ expected: [String]) throws {
        let store = try Self.namesCorpus()
        #expect(try store.entities(EntityQuery(q: q)).rows.map(\.name).sorted() == expected.sorted(), "q=\(q)")
    }

    @Test func nameSearchAnswersTheSameAfterItsIndexesAreMerged() throws {
        let store = try Self.namesCorpus()
        let queries = ["blinken", "tony b", "secretary", "jose mart", "liv", "li", "xyz"]
        let before = try queries.map { q in try store.entities(EntityQuery(q: q)).rows.map(\.id) }
        try store.withWriter { db throws(StorageError) in try ArticleWriter.optimizeNameSearch(db) }
        #expect(try queries.map { q in try store.entities(EntityQuery(q: q)).rows.map(\.id) } == before)
        #expect(before.contains { !$0.isEmpty })
    }

    @Test func nameSearchFindsAnEntityByTheNameItKeptAfterTheArticleThatGaveItIsDeleted() throws {
        let store = try ArticleStore(path: ":memory:")
        _ = try store.insert(F.article("1", entities: [F.entity(1, "Yellen")], quotes: [], events: []))
        let full = try store.insert(F.article("2", entities: [F.entity(1, "Janet Yellen", aliases: ["Yellen"])],
                                              quotes: [], events: []))
        try store.deleteArticle(id: full.id)
        #expect(try store.entities(EntityQuery(q: "janet")).rows.map(\.name) == ["Janet Yellen"])
    }

    // MARK: - Speaker and entity timeline pages

    /// Quotes by Merkel under three guises: her entity under its name, her entity under another written name,
    /// and the written name alone with no entity; plus other speakers.
    static func speakerCorpus() throws -> ArticleStore {
        let store = try ArticleStore(path: ":memory:")
        for i in 0..<12 {
            let merkel = F.entity(1, "Angela Merkel", aliases: ["Merkel"])
            let quote = { (speaker: String, entity: Int?) in
                NewQuote(text: "Words \(i) of \(speaker)", start: 0, end: 9, kind: "direct", speakerName: speaker,
                         speakerLocalEntityId: entity, rule: "r", confidence: 0.5)
            }
            let quotes = [quote("Merkel", 1), quote("the chancellor", 1), quote("MERKEL", nil),
                          quote("Someone Else", 2)]
            _ = try store.insert(F.article("s\(i)", entities: [merkel, F.entity(2, "Someone Else")],
                                           quotes: i % 4 == 3 ? [quotes[3]] : quotes, events: []))
        }
        return store
    }

    @Test(arguments: ["merkel", "Angela Merkel", "the chancellor", "someone else", "nobody"], [1, 2, 5, 50])
    func speakerPagesAreTheFilteredListInOrderWithoutRepeats(_ speaker: String, _ limit: Int) throws {
        let store = try Self.speakerCorpus()
        let all = try F.allPages(limit: 500) { c, l in try store.quotes(QuoteQuery(cursor: c, limit: l)) }
        let merkelId = try store.entities(EntityQuery(q: "angela")).rows.first?.id
        let s = Fold.name(speaker)
        let merkelNames = ["angela merkel", "merkel"]
        let expected = all.filter { q in
            q.speakerName.map(Fold.name) == s || (merkelNames.contains(s) && q.speakerEntityId == merkelId)
                || (s == "someone else" && q.speakerEntityId != nil && q.speakerEntityId != merkelId)
        }
        let paged = try F.allPages(limit: limit) { c, l in
            try store.quotes(QuoteQuery(speaker: speaker, cursor: c, limit: l))
        }
        #expect(paged.map(\.id) == expected.map(\.id))
        #expect(speaker == "nobody" || !expected.isEmpty)
    }

    /// speaker_norm (and its index) only for quotes the speaker entity's names would not find (migration 015).
    @Test func aSpeakerNameThatIsAFormOfItsEntityIsLeftOutOfTheSpeakerIndex() throws {
        let store = try Self.speakerCorpus()
        let rows = try store.withWriter { db throws(StorageError) in
            try db.statement("SELECT DISTINCT speaker_name, speaker_norm FROM quotes ORDER BY 1").rows {
                "\($0.text(0))=\($0.textOrNil(1) ?? "NULL")"
            }
        }
        // "Merkel" is one of the article's forms of her entity; "the chancellor" is not; "MERKEL" has no entity.
        #expect(rows == ["MERKEL=merkel", "Merkel=NULL", "Someone Else=NULL", "the chancellor=the chancellor"])
    }

    @Test(arguments: [1, 2, 7, 50])
    func entityTimelinePagesAreTheFullTimelineFiltered(_ limit: Int) throws {
        let (store, _) = try ArticleReaderTests.corpus()
        let all = try F.allPages(limit: 500) { c, l in try store.timeline(TimelineQuery(cursor: c, limit: l)) }
        for entity in try store.entities(EntityQuery(limit: 500)).rows {
            let paged = try F.allPages(limit: limit) { c, l in
                try store.timeline(TimelineQuery(entityId: entity.id, cursor: c, limit: l))
            }
            #expect(paged == all.filter { $0.entityIds.contains(entity.id) }, "\(entity.name)")
        }
    }

    // MARK: - Migration of an existing database

    @Test func aDatabaseFromBeforeTheQueryTablesMigratesWithThemFilled() throws {
        // Rows as the writer before 006 stored them: two articles naming Biden with two spellings and roles.
        let old = try F.oldDatabase(before: "006-query-tables", rows: """
            INSERT INTO articles(id, content_hash, text, sort_date, analysis) VALUES
                (1, 'h1', 't', '2021-01-01', x''), (2, 'h2', 't', '2021-02-01', x'');
            INSERT INTO entities(id, key, norm, name, type, mention_count, article_count, first_seen,
                                 last_seen)
            VALUES (7, 'PER:joe biden', 'joe biden', 'Joe Biden', 'PER', 2, 2, '2021-01-01', '2021-02-01');
            INSERT INTO article_entities VALUES (1, 7, 'Senator', 1), (2, 7, 'President', 1);
            INSERT INTO entity_aliases VALUES (1, 7, 'joe biden', 'Joe Biden'), (1, 7, 'biden', 'Biden'),
                (2, 7, 'joe biden', 'Joe Biden'), (2, 7, 'biden', 'BIDEN');
            INSERT INTO events(id, article_id, date, granularity, sort_key, start, "end", text) VALUES
                (1, 1, '2021-01-01', 'day', 300, 0, 1, 'a'), (2, 2, '2020', 'year', 100, 0, 1, 'b');
            INSERT INTO event_entities VALUES (1, 7), (2, 7);
            """)
        defer { old.remove() }
        #expect(old.applied == 5)
        let store = try ArticleStore(path: old.path)
        try Self.expectDerivedTablesMatch(store, "migration")
        #expect(try store.articleCount() == 2)
        let biden = try #require(try store.entities(EntityQuery(q: "bide")).rows.first)
        #expect(biden.aliases == ["BIDEN"])
        #expect(biden.roles == ["President", "Senator"])
        #expect(try store.timeline(TimelineQuery(entityId: 7)).rows.map(\.id) == [2, 1])
        // And the writer carries on from there.
        _ = try store.insert(F.article("h3"))
        try Self.expectDerivedTablesMatch(store, "an insert after the migration")
        #expect(try store.articleCount() == 3)
    }
}
