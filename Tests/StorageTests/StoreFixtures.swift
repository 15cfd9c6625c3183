// Builders and temporary files shared by the Storage tests.
import Foundation
@testable import Storage

enum StoreFixtures {
    /// A fresh directory under the system temp dir; the caller removes it.
    static func tempDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("byline-storage-\(UUID().uuidString)", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A database file as an earlier version left it: the migrations before `migration` applied, then `rows`
    /// (SQL written the way that version's writer stored them). Returns the file's path, the number of
    /// migrations applied, and a `remove` for its folder.
    static func oldDatabase(before migration: String, rows: String) throws
        -> (path: String, applied: Int, remove: () -> Void) {
        let dir = tempDirectory()
        let path = dir.appendingPathComponent("old.db").path
        let before = Array(Schema.migrations.prefix { $0.name != migration })
        let db = try Database(path: path)
        try Migrations.apply(db, before)
        try db.execute(rows)
        return (path, before.count, { try? FileManager.default.removeItem(at: dir) })
    }

    /// Names of the store's schema objects (tables, indexes, triggers) that match an SQL condition, e.g.
    /// `"name LIKE 'mentions%'"`: what a migration left behind.
    static func schemaNames(_ store: ArticleStore, where condition: String) throws -> [String] {
        try store.withWriter { db throws(StorageError) in
            try db.statement("SELECT name FROM sqlite_schema WHERE \(condition)").rows { $0.text(0) }
        }
    }

    static func withTempStore<T>(options: ArticleStore.Options = .init(),
                                 _ body: (ArticleStore, URL) throws -> T) throws -> T {
        let dir = tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try ArticleStore(path: dir.appendingPathComponent("t.db").path, options: options)
        return try body(store, dir)
    }

    static func entity(_ localId: Int, _ name: String, _ type: String = "PER", aliases: [String] = [],
                       role: String? = nil, mentions: Int = 1) -> NewEntity {
        NewEntity(localId: localId, name: name, type: type, aliases: aliases, role: role,
                  mentionCount: mentions)
    }

    /// A small article: Joe Biden (PER, alias Biden) quoted once, with one dated event naming him.
    static func article(_ hash: String, date: String? = "2021-03-18", text: String = "Body text.",
                        entities: [NewEntity]? = nil, quotes: [NewQuote]? = nil,
                        events: [NewEvent]? = nil) -> NewArticle {
        NewArticle(
            text: text, date: date, title: "Title \(hash)", url: "https://example.com/\(hash)", contentHash: hash,
            analysisJSON: Array("{\"hash\":\"\(hash)\"}".utf8),
            entities: entities ?? [entity(1, "Joe Biden", aliases: ["Biden"], role: "President", mentions: 2),
                                   entity(2, "Washington", "LOC")],
            quotes: quotes ?? [NewQuote(text: "We will rebuild the economy", start: 0, end: 27, kind: "direct",
                                        cue: "said", speakerName: "Biden", speakerLocalEntityId: 1,
                                        rule: "cue-after", confidence: 0.9)],
            events: events ?? [NewEvent(date: "2021-03-18", granularity: "day", start: 0, end: 10,
                                        text: "Biden spoke on Thursday.", localEntityIds: [1])])
    }

    /// Walks every page of a list and returns all rows (fails the test on a loop).
    static func allPages<R>(limit: Int, _ fetch: (String?, Int) throws -> Page<R>) throws -> [R] {
        var rows: [R] = []
        var cursor: String?
        for _ in 0..<10_000 {
            let page = try fetch(cursor, limit)
            rows += page.rows
            guard let next = page.nextCursor else { return rows }
            cursor = next
        }
        throw StorageError(kind: .other, message: "pagination did not end")
    }
}
