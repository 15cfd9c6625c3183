// Database: one SQLite connection. Owns the sqlite3* (opened in init, closed in deinit), applies the durability
// pragmas, caches prepared statements by SQL, and runs transactions and online backups.
import CSQLite
import Foundation

/// Used by one thread at a time: ArticleStore hands a connection out under a lock (the writer through a Mutex,
/// readers through a pool), which is what makes the unchecked conformance sound.
final class Database: @unchecked Sendable {
    let handle: OpaquePointer
    let path: String
    private var cache: [String: Statement] = [:]
    /// The writer's copy of mixed-type entities' counts (ArticleWriter; see MixedTypeCache for when it is dropped).
    var mixedTypes = MixedTypeCache()

    enum Mode { case readWrite, readOnly }

    /// How much of the file a read connection maps: all of it, up to SQLite's compile-time cap, which it applies
    /// silently (Debian's is 2 GiB). Pages past the mapping are read with read(2) into each connection's cache,
    /// and newest-first queries live at the end of the file: with 1 GiB mapped, a 1.6 GB store spent a quarter of
    /// its query time in the kernel copying pages.
    static let readerMapBytes: Int64 = 1 << 40

    /// SQLite's memory statistics, off before the first connection opens (the library is initialized then, and
    /// refuses the setting afterwards). Kept, they take a process-wide mutex around every allocation and free,
    /// and Debian's build has no lookaside memory, so each value bound, stepped or read allocates: the writer
    /// spent 16 % of its CPU in SQLite's malloc and free, 2 % in that mutex. Nothing here reads the statistics.
    /// False when something else in the process initialized SQLite first.
    static let memoryStatisticsOff: Bool = CSQLite_config_int(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK

    /// Opens (creating when read-write) the database at `path`; ":memory:" gives a private in-memory database.
    init(path: String, mode: Mode = .readWrite, busyTimeoutMs: Int32 = 5000) throws(StorageError) {
        _ = Database.memoryStatisticsOff
        var db: OpaquePointer?
        // NOMUTEX: each connection is confined to one thread at a time by ArticleStore's locks.
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        flags |= mode == .readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let error = StorageError(resultCode: rc, db: db)
            sqlite3_close_v2(db)
            throw error
        }
        self.handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeoutMs)
        // Defensive mode refuses writes to the schema tables and other ways of corrupting the file by SQL.
        _ = CSQLite_db_config_bool(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nil)
        var fk: Int32 = 0
        _ = CSQLite_db_config_bool(db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, &fk)
        guard fk == 1 else { throw StorageError(kind: .other, message: "foreign keys could not be enabled") }
        // Query-planner stability: a plan never depends on the values bound to it. Without it SQLite marks a
        // statement with a bound LIKE pattern for compiling again at every new pattern (the speaker lookup's
        // "% blair"): about 7 % of a /quotes?speaker= request's CPU went to re-preparing it. No plan here used a
        // bound value: every bound LIKE pattern starts with a wildcard, and the store keeps no STAT4 statistics.
        _ = CSQLite_db_config_bool(db, SQLITE_DBCONFIG_ENABLE_QPSG, 1, nil)
        if mode == .readWrite {
            // WAL lets readers run beside the writer; synchronous=FULL fsyncs the WAL on every COMMIT, so a
            // transaction whose COMMIT returned SQLITE_OK survives power loss (NORMAL only survives app crashes).
            let journal = try scalarText("PRAGMA journal_mode=WAL")
            if path != ":memory:" && journal.lowercased() != "wal" {
                throw StorageError(kind: .other, message: "journal_mode WAL refused (got \(journal))")
            }
            try execute("PRAGMA synchronous=FULL")
            // A larger page cache for the one writer (indexes stay hot); after a checkpoint the WAL file is cut
            // back to 64 MB instead of keeping its high-water size.
            try execute("PRAGMA cache_size=-16384; PRAGMA journal_size_limit=67108864")
        } else {
            // Readers map the file: pages are shared with the OS cache instead of copied into each connection's
            // cache. The price is that a read I/O error on a mapped page is a SIGBUS rather than SQLITE_IOERR;
            // it is paid only where the query latency is (the writer keeps read()).
            try execute("PRAGMA query_only=ON; PRAGMA mmap_size=\(Database.readerMapBytes); PRAGMA cache_size=-8192")
        }
        // Sorts and the UNION/IN sets of the queries stay in memory instead of temp files.
        try execute("PRAGMA temp_store=MEMORY")
    }

    deinit {
        cache.removeAll()  // finalize statements before the close
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements without results (schema, pragmas, transaction control).
    func execute(_ sql: String) throws(StorageError) {
        let rc = sqlite3_exec(handle, sql, nil, nil, nil)
        guard rc == SQLITE_OK else { throw StorageError(resultCode: rc, db: handle, sql: sql) }
    }

    /// The cached prepared statement for `sql` (prepared on first use).
    func statement(_ sql: String) throws(StorageError) -> Statement {
        if let s = cache[sql] { return s }
        let s = try Statement(db: handle, sql: sql)
        cache[sql] = s
        return s
    }

    /// How often SQLite compiled the cached statements again since they were prepared (a schema change, or a
    /// plan that depended on a bound value): each time costs as much as the first prepare.
    var reprepareCount: Int {
        cache.values.reduce(0) { $0 + Int(sqlite3_stmt_status($1.handle, SQLITE_STMTSTATUS_REPREPARE, 0)) }
    }

    func scalarText(_ sql: String, _ values: [SQLValue] = []) throws(StorageError) -> String {
        try statement(sql).first(values) { $0.text(0) } ?? ""
    }

    func scalarInt(_ sql: String, _ values: [SQLValue] = []) throws(StorageError) -> Int64? {
        try statement(sql).first(values) { $0.int64OrNil(0) } ?? nil
    }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    var changes: Int { Int(sqlite3_changes(handle)) }
    var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Runs `body` in BEGIN IMMEDIATE ... COMMIT (the write lock is taken up front, so no deadlock upgrade).
    /// Any error rolls everything back; COMMIT returning OK means durable (synchronous=FULL).
    func transaction<T>(_ body: () throws(StorageError) -> T) throws(StorageError) -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            rollback()
            throw error
        }
    }

    /// Rolls back if a transaction is still open. SQLite may already have rolled back by itself after
    /// SQLITE_FULL or SQLITE_IOERR; a failing ROLLBACK leaves nothing to do.
    func rollback() {
        if isInTransaction { _ = sqlite3_exec(handle, "ROLLBACK", nil, nil, nil) }
    }

    /// PRAGMA quick_check: throws .corrupt unless the file is sound.
    func quickCheck() throws(StorageError) {
        let result = try scalarText("PRAGMA quick_check")
        guard result == "ok" else { throw StorageError(kind: .corrupt, message: "quick_check: \(result)") }
    }

    /// Copies the whole database into a new file at `path` with the online backup API (a consistent snapshot;
    /// other connections keep working). The copy is fsynced before return.
    func backup(to path: String) throws(StorageError) {
        let dest = try Database(path: path)
        guard let backup = sqlite3_backup_init(dest.handle, "main", handle, "main") else {
            throw StorageError(resultCode: sqlite3_errcode(dest.handle), db: dest.handle, sql: "backup to \(path)")
        }
        let rc = sqlite3_backup_step(backup, -1)
        let finish = sqlite3_backup_finish(backup)
        guard rc == SQLITE_DONE else { throw StorageError(resultCode: rc, db: dest.handle, sql: "backup step") }
        guard finish == SQLITE_OK else { throw StorageError(resultCode: finish, db: dest.handle, sql: "backup") }
        // The destination is WAL with synchronous=FULL: a checkpoint moves the copy into the main file and fsyncs.
        try dest.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }
}
