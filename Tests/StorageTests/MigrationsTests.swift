// Migrations: steps apply once, in order, and reopening a database is a no-op.
import Foundation
import Testing
@testable import Storage

@Suite struct MigrationsTests {
    @Test func migrationsApplyInOrderAndOnlyOnce() throws {
        let db = try Database(path: ":memory:")
        try Migrations.apply(db)
        try Migrations.apply(db)
        #expect(try Migrations.applied(db) == Schema.migrations.map(\.name))
        #expect(try db.scalarInt("SELECT count(*) FROM schema_migrations") == Int64(Schema.migrations.count))
    }

    @Test func reopeningAFileStoreKeepsDataAndSchema() throws {
        let dir = StoreFixtures.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("m.db").path
        let id = try ArticleStore(path: path).insert(StoreFixtures.article("h1")).id
        let reopened = try ArticleStore(path: path)
        #expect(try reopened.article(id: id)?.summary.contentHash == "h1")
        let db = try Database(path: path)
        #expect(try Migrations.applied(db) == Schema.migrations.map(\.name))
    }

    @Test func aNewStepIsAppliedToAnExistingDatabaseAndAFailingStepLeavesNoTrace() throws {
        let db = try Database(path: ":memory:")
        try Migrations.apply(db)
        let extra = Migration(name: "900-extra", sql: "CREATE TABLE extra(x INTEGER)")
        try Migrations.apply(db, Schema.migrations + [extra])
        #expect(try Migrations.applied(db).last == "900-extra")
        let broken = Migration(name: "901-broken", sql: "CREATE TABLE half(x); CREATE TABLE nonsense(")
        #expect(throws: StorageError.self) { try Migrations.apply(db, Schema.migrations + [extra, broken]) }
        #expect(try Migrations.applied(db).last == "900-extra")
        #expect(try db.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'half'") == 0)
    }

    @Test func connectionUsesWalFullSyncAndForeignKeys() throws {
        let dir = StoreFixtures.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = try Database(path: dir.appendingPathComponent("p.db").path)
        #expect(try db.scalarText("PRAGMA journal_mode") == "wal")
        #expect(try db.scalarInt("PRAGMA synchronous") == 2)  // FULL
        #expect(try db.scalarInt("PRAGMA foreign_keys") == 1)
        #expect(try db.scalarInt("PRAGMA busy_timeout") == 5000)
    }

    @Test func fts5IsCompiledIntoTheSystemLibrary() throws {
        let db = try Database(path: ":memory:")
        #expect(try db.scalarInt("SELECT sqlite_compileoption_used('ENABLE_FTS5')") == 1)
    }
}
