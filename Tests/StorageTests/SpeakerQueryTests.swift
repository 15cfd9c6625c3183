// The speaker filter of the quote list against its definition, on a store where names collide: every page of
// quotes(speaker:) must be exactly the quotes whose own speaker name folds to the speaker, or whose speaker entity
// is one of those the name names (entityIds), newest article date first; and entityIds must be the single-statement
// lookup it replaced (exact names and aliases, then the people of that surname, most articles first, at most the
// limit). The faster paths (a merged page read from the one alternative that holds it; the surname people merged
// in Swift) must not change a row.
import Testing
@testable import Storage

@Suite struct SpeakerQueryTests {
    typealias F = StoreFixtures

    static let dates = ["2021-03-18", "2019-01-01", "2021-03-18", "2005-06-01", "2021-03-19", "2010-10-10"]

    /// People sharing surnames and given names, organizations with those words, quotes by name only, by entity only
    /// (a pronoun), by both, and by no one; 25 Smiths so the 20-entity limit cuts.
    static func store() throws -> ArticleStore {
        let store = try ArticleStore(path: ":memory:")
        let people: [(String, String, [String], Int)] = [
            ("Gordon Brown", "PER", ["Brown"], 5), ("James Brown", "PER", [], 3), ("Brown", "PER", [], 2),
            ("Chris Brown", "PER", ["Mr Brown"], 4), ("Charlie Browning", "PER", [], 2),
            ("Brown Brothers", "ORG", [], 2), ("Tony Blair", "PER", ["Blair"], 6), ("Cherie Blair", "PER", [], 3),
            ("Li Wei", "PER", [], 2), ("Wei Li", "PER", [], 2), ("George W Bush", "PER", [], 2),
            ("Laura Bush", "PER", [], 1),
        ] + (0..<25).map { ("Person\($0) Smith", "PER", [], 1 + $0 % 4) }
        var n = 0
        for (name, type, aliases, articles) in people {
            for k in 0..<articles {
                n += 1
                let speakers: [(String?, Int?)] = [(name, 1), ("he", 1), (aliases.first ?? name, 1), (name, nil),
                                                   ("an official", nil), (nil, nil)]
                let quotes = speakers.enumerated().filter { ($0.offset + k) % 2 == 0 || $0.offset < 2 }.map { q in
                    NewQuote(text: "Words \(q.offset) of \(name) in \(k)", start: q.offset * 10,
                             end: q.offset * 10 + 5, kind: q.offset % 2 == 0 ? "direct" : "indirect",
                             speakerName: q.element.0, speakerLocalEntityId: q.element.1, rule: "r", confidence: 0.9)
                }
                _ = try store.insert(F.article("\(name)-\(k)", date: n % 7 == 0 ? nil : dates[n % dates.count],
                                               entities: [F.entity(1, name, type, aliases: aliases)],
                                               quotes: quotes, events: []))
            }
        }
        return store
    }

    static let speakers = ["brown", "BROWN", "Gordon Brown", "mr brown", "blair", "Tony Blair", "cherie blair",
                           "smith", "Person3 Smith", "li", "wei", "he", "an official", "own", "b", "nobody", "browning",
                           "w bush", "george w bush", "bush", "w"]

    /// The lookup as one statement, as it was before the surname people were merged in Swift.
    static func referenceEntityIds(_ norm: String, limit: Int, db: Database) throws(StorageError) -> [Int64] {
        let exact = try db.statement("""
            SELECT id, norm FROM entities WHERE id IN
                (SELECT id FROM entities WHERE norm = ?1 UNION SELECT entity_id FROM entity_names WHERE norm = ?1)
            ORDER BY article_count DESC, id LIMIT ?2
            """).rows([.text(norm), .int(Int64(limit))]) { ($0.int64(0), $0.text(1)) }
        guard !exact.contains(where: { $0.1 != norm }), let phrase = Fold.trigramPhrase(" " + norm) else {
            return exact.map(\.0)
        }
        return try db.statement("""
            SELECT id FROM entities WHERE id IN (SELECT value FROM json_each(?1)) OR id IN
                (SELECT e.id FROM entities_fts f JOIN entities e ON e.id = f.rowid
                 WHERE entities_fts MATCH ?2 AND e.type = 'PER' AND e.norm LIKE ?3 ESCAPE '\\')
            ORDER BY article_count DESC, id LIMIT ?4
            """).rows([.text("[" + exact.map { String($0.0) }.joined(separator: ",") + "]"), .text(phrase),
                       .text(Fold.likeWordSuffix(norm)), .int(Int64(limit))]) { $0.int64(0) }
    }

    @Test func speakerEntityLookupEqualsTheSingleStatement() throws {
        let store = try Self.store()
        try store.read { db throws(StorageError) in
            for s in Self.speakers {
                for limit in [1, 3, 20] {
                    let norm = Fold.name(s)
                    let got = try ArticleReader.entityIds(named: norm, limit: limit, db: db)
                    #expect(got == (try Self.referenceEntityIds(norm, limit: limit, db: db)), "\(s), limit \(limit)")
                }
            }
            // The data does hold the cases: a cut at 20 Smiths found by surname; "brown", an alias of Gordon Brown
            // (the articles that wrote Brown alone joined him), names him alone; "wei" finds Li Wei by surname;
            // "w bush" finds George W Bush by the last words of his name, not Laura Bush; "bush" finds both.
            #expect(try ArticleReader.entityIds(named: "smith", limit: 20, db: db).count == 20)
            #expect(try ArticleReader.entityIds(named: "brown", limit: 20, db: db).count == 1)
            #expect(try ArticleReader.entityIds(named: "wei", limit: 20, db: db).count == 1)
            let georgeBush = try ArticleReader.entityIds(named: "george w bush", limit: 20, db: db)
            #expect(georgeBush.count == 1)
            #expect(try ArticleReader.entityIds(named: "w bush", limit: 20, db: db) == georgeBush)
            #expect(try ArticleReader.entityIds(named: "bush", limit: 20, db: db).count == 2)
        }
    }

    @Test(arguments: [1, 2, 5, 50])
    func speakerPagesEqualTheirDefinition(limit: Int) throws {
        let store = try Self.store()
        for s in Self.speakers {
            let expected: [Int64] = try store.read { db throws(StorageError) in
                let norm = Fold.name(s)
                let ids = try ArticleReader.entityIds(named: norm, limit: ArticleReader.speakerEntityLimit, db: db)
                return try db.statement("""
                    SELECT id FROM quotes
                    WHERE speaker_norm = ?1 OR speaker_entity_id IN (SELECT value FROM json_each(?2))
                    ORDER BY article_date DESC, id DESC
                    """).rows([.text(norm), .text("[" + ids.map { String($0) }.joined(separator: ",") + "]")]) {
                    $0.int64(0)
                }
            }
            let rows = try F.allPages(limit: limit) { c, l in
                try store.quotes(QuoteQuery(speaker: s, cursor: c, limit: l))
            }
            #expect(rows.map(\.id) == expected, "\(s), limit \(limit)")
            // Whole rows, not only ids: each row is the quote stored under its id.
            let byId = try store.read { db throws(StorageError) in
                try ArticleReader.quotes(QuoteQuery(limit: 500), db: db).rows
            }
            let all = Dictionary(uniqueKeysWithValues: byId.map { ($0.id, $0) })
            #expect(rows.allSatisfy { all[$0.id] == $0 }, "\(s), limit \(limit)")
        }
    }

    /// Regression: the surname lookup binds a LIKE pattern ("% blair"); without the query-planner stability
    /// guarantee SQLite compiled that statement again for every new pattern, about 7 % of a speaker query's CPU.
    @Test func speakerLookupsWithNewNamesCompileNoStatementAgain() throws {
        let store = try Self.store()
        try store.read { db throws(StorageError) in
            _ = try ArticleReader.entityIds(named: "smith", limit: 20, db: db)
            let before = db.reprepareCount
            for name in ["wei", "browning", "li", "smith", "brown", "blair"] {
                _ = try ArticleReader.entityIds(named: name, limit: 20, db: db)
            }
            #expect(db.reprepareCount == before)
        }
    }
}
