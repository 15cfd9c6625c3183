// Database: the connection settings, statement errors carrying their SQL, transactions and online backup.
import CSQLite
import Foundation
import Testing
@testable import Storage

@Suite struct DatabaseTests {
    typealias F = StoreFixtures

    @Test func aBadStatementThrowsWithCodeMessageAndSql() throws {
        let db = try Database(path: ":memory:")
        #expect {
            try db.execute("SELEC nonsense")
        } throws: { e in
            guard let e = e as? StorageError else { return false }
            return e.code == SQLITE_ERROR && e.message.contains("syntax error") && e.sql == "SELEC nonsense"
        }
    }

    @Test(arguments: [
        // (values bound after a first bind of 'a', 'b', 'c'; the row read back)
        ([SQLValue.text("x"), .text("y"), .text("z")], "x|y|z"),
        ([.text("x")], "x|-|-"),  // fewer values: the earlier ones are cleared, not kept
        ([], "-|-|-"),
    ])
    func aStatementBoundAgainKeepsNoValueOfTheEarlierBind(_ values: [SQLValue], _ expected: String) throws {
        let db = try Database(path: ":memory:")
        let s = try db.statement("SELECT coalesce(?1, '-') || '|' || coalesce(?2, '-') || '|' || coalesce(?3, '-')")
        #expect(try s.first([.text("a"), .text("b"), .text("c")]) { $0.text(0) } == "a|b|c")
        #expect(try s.first(values) { $0.text(0) } == expected)
    }

    @Test func aFailedTransactionLeavesNothing() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t(x INTEGER UNIQUE)")
        #expect(throws: StorageError.self) {
            try db.transaction { () throws(StorageError) in
                try db.statement("INSERT INTO t VALUES (?)").run([.int(1)])
                try db.statement("INSERT INTO t VALUES (?)").run([.int(1)])  // UNIQUE violation
            }
        }
        #expect(!db.isInTransaction)
        #expect(try db.scalarInt("SELECT count(*) FROM t") == 0)
    }

    @Test(arguments: [("NULL", [Int64]()), ("''", []), ("'7'", [7]), ("'12,3,-4'", [-4, 3, 12]),
                      ("'5,5'", [5, 5])])
    func integerListsReadFromGroupConcatText(_ sql: String, _ expected: [Int64]) throws {
        let db = try Database(path: ":memory:")
        #expect(try db.statement("SELECT \(sql)").first { $0.int64List(0) } == expected)
    }

    @Test func blobsAndTextRoundTripIncludingEmptyAndNul() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t(b BLOB, s TEXT)")
        for (blob, text) in [([UInt8](), ""), ([0, 1, 255], "a\u{0}b é 😀")] {
            try db.statement("DELETE FROM t").run()
            try db.statement("INSERT INTO t VALUES (?, ?)").run([.blob(blob), .text(text)])
            let row = try db.statement("SELECT b, s, b IS NULL FROM t").first { ($0.blob(0), $0.text(1), $0.int(2)) }
            #expect(row?.0 == blob && row?.1 == text && row?.2 == 0)
        }
    }

    @Test func dbConfigShimReportsForeignKeysOnAndConfigShimIsMisuseAfterInit() throws {
        let db = try Database(path: ":memory:")
        var on: Int32 = -1
        #expect(CSQLite_db_config_bool(db.handle, SQLITE_DBCONFIG_ENABLE_FKEY, -1, &on) == SQLITE_OK)
        #expect(on == 1)
        #expect(CSQLite_config_noarg(SQLITE_CONFIG_SERIALIZED) == SQLITE_MISUSE)
    }

    /// Memory statistics are off from the first connection on (Database.memoryStatisticsOff): SQLite counts no
    /// allocation, however large.
    @Test func sqliteKeepsNoMemoryStatistics() throws {
        let db = try Database(path: ":memory:")
        #expect(Database.memoryStatisticsOff)
        try db.execute("CREATE TABLE t(b BLOB)")
        try db.statement("INSERT INTO t VALUES (?)").run([.blob([UInt8](repeating: 7, count: 1 << 20))])
        #expect(try db.scalarInt("SELECT length(b) FROM t") == 1 << 20)
        #expect(sqlite3_memory_used() == 0)
        #expect(sqlite3_memory_highwater(0) == 0)
    }

    @Test func backupCopiesAConsistentStoreThatOpensAndAnswers() throws {
        try F.withTempStore { store, dir in
            for i in 0..<5 { _ = try store.insert(F.article("b\(i)")) }
            let copyPath = dir.appendingPathComponent("copy.db").path
            try store.backup(to: copyPath)
            _ = try store.insert(F.article("after"))  // not in the copy
            let copy = try ArticleStore(path: copyPath)
            #expect(try copy.articles().rows.map(\.contentHash).sorted() == (0..<5).map { "b\($0)" })
            #expect(try copy.quotes(QuoteQuery(q: "economy")).rows.count == 5)
            #expect(try copy.entities(EntityQuery(q: "biden")).rows.first?.articleCount == 5)
            #expect(try copy.insert(F.article("new")).created)
        }
    }

    @Test func backupIntoAnUnwritablePlaceFailsWithATypedError() throws {
        try F.withTempStore { store, dir in
            let path = dir.appendingPathComponent("no/such/dir/copy.db").path
            #expect { try store.backup(to: path) } throws: { ($0 as? StorageError)?.kind == .ioError }
        }
    }
}
