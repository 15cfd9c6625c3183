// The surname merge's questions answered from the index of migration 023 (PeopleBySurname) instead of the trigram
// index: the same answers as the LIKE patterns they replace, over names with several words, one word, non-ASCII
// letters, LIKE's wildcards and the surname inside a name; the queries use the indexes; a store from before the
// migration gets the index.
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
            try db.execute("""
                INSERT INTO entities(key, norm, name, type) VALUES ('*:new smith', 'new smith', 'x', 'LOC')
                """)
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
            INSERT INTO entities(id, key, norm, name, type)
            VALUES (1, 'PER:kate bush', 'kate bush', 'Kate Bush', 'PER'), (2, 'PER:bush', 'bush', 'Bush', 'PER'),
                (3, '*:bush house', 'bush house', 'Bush House', 'LOC');
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
}
