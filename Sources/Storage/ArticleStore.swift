// ArticleStore: the public, thread-safe entry point App uses. One writer connection (all writes serialized;
// concurrent inserts share transactions through GroupCommit) and a pool of read-only connections that WAL lets
// run beside the writer. Every method is synchronous and may be called from any thread. Also here:
// InsertAnnouncement, the token of an insert announced before its article is ready (see GroupCommit).
//
// Code map: Database/Statement own the SQLite handles; StorageError classifies failures; Migrations + Schema
// build the tables; Records holds the plain input/output values; PreparedArticle checks and folds an insert on
// the caller's thread; ArticleWriter does inserts (entity merging) and deletes; GroupCommit batches concurrent
// inserts; Checkpointer moves WAL checkpoints off the commits; ArticleReader runs the paginated queries (Cursor
// for page tokens and limits, EventDate for timeline dates); Locked guards shared state.
import Foundation

public final class ArticleStore: Sendable {
    public struct Options: Sendable {
        /// Read connections kept open (more are opened under load and closed when returned).
        public var readers: Int
        /// How long a statement waits for a lock before failing with .busy.
        public var busyTimeoutMs: Int32
        /// Most articles one group commit writes in one transaction.
        public var maxBatch: Int
        /// Run PRAGMA quick_check when opening (a file that fails it is refused with .corrupt).
        public var quickCheck: Bool
        /// Checkpoint the WAL on a background thread instead of inside the commits (see Checkpointer).
        public var backgroundCheckpoints: Bool
        /// While announced inserts (`announceInsert`) are on their way, a group commit waits for them until this
        /// many articles are queued (see GroupCommit)...
        public var commitFillTarget: Int
        /// ... or until this long has passed.
        public var commitLinger: Duration
        public init(readers: Int = 4, busyTimeoutMs: Int32 = 5000, maxBatch: Int = 64, quickCheck: Bool = true,
                    backgroundCheckpoints: Bool = true, commitFillTarget: Int = 32,
                    commitLinger: Duration = .milliseconds(40)) {
            self.readers = readers
            self.busyTimeoutMs = busyTimeoutMs
            self.maxBatch = maxBatch
            self.quickCheck = quickCheck
            self.backgroundCheckpoints = backgroundCheckpoints
            self.commitFillTarget = commitFillTarget
            self.commitLinger = commitLinger
        }
    }

    /// The database file (":memory:" for a private in-memory store, used by tests).
    public let path: String
    private let options: Options
    private let writer: Locked<Database>
    /// Idle read connections; nil for ":memory:", whose reads go through the writer connection.
    private let readers: Locked<[Database]>?
    private let commits: GroupCommit<PreparedArticle>
    /// Nil for ":memory:" or when Options.backgroundCheckpoints is off.
    let checkpointer: Checkpointer?

    /// Opens or creates the store at `path` and applies missing migrations.
    public init(path: String, options: Options = Options()) throws(StorageError) {
        let db = try Database(path: path, busyTimeoutMs: options.busyTimeoutMs)
        if options.quickCheck { try db.quickCheck() }
        try Migrations.apply(db)
        // A WAL left by the last run (a process that exits without closing the store keeps it, and migrations write
        // into it) makes every read look its pages up there and read them with pread instead of the mapped file:
        // copy it back and empty it before serving. Best effort: a failure leaves the WAL, which is only slower.
        if path != ":memory:" { try? db.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
        try? ArticleWriter.optimizeNameSearch(db)
        self.path = path
        self.options = options
        if options.backgroundCheckpoints && path != ":memory:" {
            let checkpointer = try Checkpointer(path: path, busyTimeoutMs: options.busyTimeoutMs)
            checkpointer.attach(to: db)
            self.checkpointer = checkpointer
        } else {
            self.checkpointer = nil
        }
        let writer = Locked(db)
        self.writer = writer
        self.readers = path == ":memory:" ? nil : Locked([])
        let written = Locked(0)
        self.commits = GroupCommit(maxBatch: options.maxBatch, fillTarget: options.commitFillTarget,
                                   linger: options.commitLinger) { articles in
            writer.withLock { db in
                let outcomes = ArticleWriter.insertBatch(articles, into: db)
                let created = outcomes.count { (try? $0.get())?.created == true }
                let (before, after) = written.withLock { n in
                    n += created
                    return (n - created, n)
                }
                if before / ArticleWriter.optimizeEvery != after / ArticleWriter.optimizeEvery {
                    try? ArticleWriter.optimizeNameSearch(db)
                }
                return outcomes
            }
        }
    }

    deinit {
        if let checkpointer {
            writer.withLock { db in Checkpointer.detach(from: db) }
            checkpointer.stop()
        }
    }

    // MARK: - Writes

    /// Stores an article with its entities, quotes and events in one transaction, or returns the id of the
    /// article with the same content hash (`created == false`). Returns only after the COMMIT is on disk
    /// (WAL, synchronous=FULL); on error nothing of the article is stored.
    /// `announced`: the announcement made for this article (`announceInsert`), used up here.
    public func insert(_ article: NewArticle, announced: InsertAnnouncement? = nil) throws(StorageError)
        -> InsertResult {
        // Checked and folded here, on the caller's thread: the writer thread is the one every insert waits on.
        let prepared: PreparedArticle
        do {
            prepared = try PreparedArticle(article)
        } catch {
            announced?.withdraw()
            throw error
        }
        return try commits.submit(prepared, announced: announced?.take() ?? false).get()
    }

    /// Announces an article that will be inserted soon (App: before analysing it), so a group commit in the
    /// making can wait for it. Insert it with `insert(_:announced:)`; dropping the announcement unused withdraws it.
    public func announceInsert() -> InsertAnnouncement {
        InsertAnnouncement(commits)
    }

    /// Deletes an article, its mentions, quotes and events; entities left without articles disappear and the
    /// others' counts are updated. False when there is no such article.
    @discardableResult
    public func deleteArticle(id: Int64) throws(StorageError) -> Bool {
        try writer.withLock { db throws(StorageError) in
            try db.transaction { () throws(StorageError) in try ArticleWriter.delete(articleId: id, from: db) }
        }
    }

    /// Replaces a stored article's analysis in place, in one transaction, as if it were stored now with
    /// `article`'s entities, quotes, events and analysis JSON (ArticleWriter+Replace): its id, text, date, title,
    /// url and received time stay; `article.contentHash` must be the stored one. False when there is no such
    /// article.
    public func replaceAnalysis(articleID: Int64, with article: NewArticle) throws(StorageError) -> Bool {
        try replaceAnalyses([(articleID, article)])[0].get()
    }

    /// `replaceAnalysis` for several articles in one transaction (one COMMIT): each item's outcome (true
    /// replaced, false no such article, or the error that article alone met, which left it as it was). A failure
    /// of the store itself (disk full, busy past the timeout) is thrown and nothing of the batch is written.
    public func replaceAnalyses(_ replacements: [(articleID: Int64, article: NewArticle)]) throws(StorageError)
        -> [Result<Bool, StorageError>] {
        try writer.withLock { db throws(StorageError) in try ArticleWriter.replaceBatch(replacements, into: db) }
    }

    /// Merges the name search indexes into one segment each (done at every open; after many replaced analyses a
    /// long-running process may do it too).
    public func optimizeNameSearch() throws(StorageError) {
        try writer.withLock { db throws(StorageError) in try ArticleWriter.optimizeNameSearch(db) }
    }

    /// Writes a consistent copy of the whole store to a new file at `path` (online; writers keep going).
    public func backup(to path: String) throws(StorageError) {
        try read { db throws(StorageError) in try db.backup(to: path) }
    }

    /// Sizes of the recent group-commit batches (how many inserts shared one COMMIT), oldest first.
    public var recentBatchSizes: [Int] { commits.recentBatchSizes }

    /// Group commits since this store opened and the new articles they made durable (their ratio is the mean
    /// batch).
    public var commitTotals: (commits: Int, inserts: Int) {
        let totals = commits.commitTotals
        return (totals.commits, totals.items)
    }

    /// Runs `body` on the writer connection (maintenance and tests).
    func withWriter<T>(_ body: (Database) throws(StorageError) -> T) throws(StorageError) -> T {
        try writer.withLock { db throws(StorageError) in
            defer { db.mixedTypes.removeAll() }  // `body` may write entities behind ArticleWriter's back
            return try body(db)
        }
    }

    // MARK: - Reads

    /// How many articles are stored: a counter kept by triggers, so one row read however large the store.
    public func articleCount() throws(StorageError) -> Int {
        try read { db throws(StorageError) in
            Int(try db.scalarInt("SELECT value FROM counters WHERE name = 'articles'") ?? 0)
        }
    }

    /// Runs `body` on a read connection inside one read transaction (a consistent snapshot).
    func read<T>(_ body: (Database) throws(StorageError) -> T) throws(StorageError) -> T {
        guard let readers else {
            return try writer.withLock { db throws(StorageError) in try body(db) }
        }
        let db: Database
        if let pooled = readers.withLock({ pool in pool.popLast() }) {
            db = pooled
        } else {
            db = try Database(path: path, mode: .readOnly, busyTimeoutMs: options.busyTimeoutMs)
        }
        defer {
            readers.withLock { pool in if pool.count < options.readers { pool.append(db) } }
        }
        try db.execute("BEGIN")
        defer { db.rollback() }  // read-only: ending the snapshot is all a rollback does
        return try body(db)
    }
}

/// An insert on its way (see ArticleStore.announceInsert). Used up by the insert, else withdrawn when released.
public final class InsertAnnouncement: Sendable {
    private let commits: GroupCommit<PreparedArticle>
    private let pending = Locked(true)

    init(_ commits: GroupCommit<PreparedArticle>) {
        self.commits = commits
        commits.announce()
    }

    deinit { withdraw() }

    /// True once: the announcement is now used up by the caller.
    func take() -> Bool {
        pending.withLock { p in
            defer { p = false }
            return p
        }
    }

    /// The article will not come (a second call, or one after `take`, does nothing).
    public func withdraw() {
        if take() { commits.withdraw() }
    }
}
