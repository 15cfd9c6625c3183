// Checkpointer: copies the WAL back into the database file on its own thread and connection, so a COMMIT never
// waits for a checkpoint. SQLite's automatic checkpoint runs inside the COMMIT that crosses its threshold: megabytes
// of scattered writes and an fsync of the database file while every queued insert waits (measured: POST
// throughput about halved). Commits stay exactly as durable: each one is in the fsynced WAL before it returns.
import CSQLite
import Foundation

final class Checkpointer: @unchecked Sendable {  // the variables below `condition` are guarded by it
    /// WAL size in pages (4 KiB) after which a commit asks for a checkpoint. SQLite's default is 1000; a checkpoint
    /// copies each page once however often the WAL holds it, and the entity rows and indexes every batch updates are
    /// the same few hundred pages, so a longer WAL copies fewer pages per article (POST at 64 connections: WAL and
    /// checkpoint writes 203-210 -> 181-188 KiB per article, server CPU 2.8-3.2 -> 2.6-2.7 ms).
    static let thresholdPages: Int32 = 4000
    /// WAL size after which the writer checkpoints itself, as SQLite would. Under a steady stream of commits the
    /// background checkpoint never quite catches up, and the WAL only starts over once a checkpoint has copied
    /// every frame; this one finds most frames already copied, so it is short, and it bounds the WAL (~40 MB).
    static let inlinePages: Int32 = 10_000

    private let condition = NSCondition()
    private var pending = false
    private var running = false
    private var stopping = false
    private var completed = 0
    private let finished = DispatchSemaphore(value: 0)
    /// The checkpoint connection, used and closed by the thread alone: closed before `stop()` returns, so it never
    /// outlives the store (its close runs a last checkpoint and may remove the -wal file).
    private var connection: Database?

    /// Opens the checkpoint connection on `path` and starts its thread; `attach` then routes a writer's commits here.
    init(path: String, busyTimeoutMs: Int32) throws(StorageError) {
        connection = try Database(path: path, busyTimeoutMs: busyTimeoutMs)
        let thread = Thread { [self] in run() }
        thread.name = "byline-checkpoint"
        thread.start()
    }

    /// Replaces the writer's automatic checkpoint: a request to this thread once the WAL passes the threshold.
    func attach(to writer: Database) {
        sqlite3_wal_hook(writer.handle, { context, db, _, pages in
            if pages >= Checkpointer.inlinePages {
                sqlite3_wal_checkpoint_v2(db, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            } else if pages >= Checkpointer.thresholdPages, let context {
                Unmanaged<Checkpointer>.fromOpaque(context).takeUnretainedValue().request()
            }
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Puts the writer back on SQLite's automatic checkpoint (before this object goes away).
    static func detach(from writer: Database) {
        sqlite3_wal_autocheckpoint(writer.handle, thresholdPages)
    }

    func request() {
        condition.lock()
        pending = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until no checkpoint is requested or running; returns how many have run so far (for tests).
    func idle() -> Int {
        condition.lock()
        defer { condition.unlock() }
        while pending || running { condition.wait() }
        return completed
    }

    /// Ends the thread after any checkpoint in progress and waits for it.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
        finished.wait()
    }

    private func run() {
        while let db = connection {
            condition.lock()
            while !pending && !stopping { condition.wait() }
            let stop = stopping
            running = !stop
            pending = false
            condition.unlock()
            if stop { break }
            // PASSIVE copies what no reader still needs and never blocks the writer or readers; what it leaves is
            // copied next time. A failure (disk full, I/O error) leaves the WAL as it is, which is safe, and the
            // writer reports such errors on its own commits.
            try? db.execute("PRAGMA wal_checkpoint(PASSIVE)")
            condition.lock()
            running = false
            completed += 1
            condition.broadcast()
            condition.unlock()
        }
        connection = nil
        condition.lock()
        pending = false
        condition.broadcast()
        condition.unlock()
        finished.signal()
    }
}
