// MixedTypeCache: the writer connection's memory, between batches, of the entities whose articles give more than
// one type (entities.type_counts is not NULL) and their counts per type. Without it, every batch that touches
// such an entity ("Labour", "Europe": the frequent ones) tries the one-type UPDATE, which matches no row, reads the
// counts back with json_each and then writes them: with it, the batch writes them at once.
//
// It is only ever a copy of what this connection committed, so it is dropped whenever that may not hold:
//   - another connection committed (PRAGMA data_version moved: `byline import` into the served file, a second
//     store on the same path);
//   - this connection wrote entities other than through ArticleWriter.insertBatch (a delete, a single insert in
//     a caller's transaction, anything run through ArticleStore.withWriter);
//   - a batch did not commit (what it learned is only kept after its COMMIT).
// A new connection (a restart) starts empty and learns from the rows on disk as the old path does.
struct MixedTypeCache {
    /// Counts per type by entity id, as committed.
    private var counts: [Int64: [String: EntityTypes.Count]] = [:]
    /// PRAGMA data_version when `counts` was last known true (nil: never checked).
    private var dataVersion: Int64?

    /// Most entities kept; past it the cache starts again (a long-running writer over a growing store).
    static let capacity = 65_536

    var count: Int { counts.count }

    subscript(id: Int64) -> [String: EntityTypes.Count]? { counts[id] }

    /// Forgets everything (see the header for when).
    mutating func removeAll() {
        counts.removeAll()
        dataVersion = nil
    }

    /// Keeps what a committed batch learned: the counts of entities that are mixed now, and forgets those that are
    /// not (nil).
    mutating func commit(_ learned: [Int64: [String: EntityTypes.Count]?]) {
        if counts.count + learned.count > Self.capacity { counts.removeAll(keepingCapacity: true) }
        for (id, c) in learned { counts[id] = c }
    }

    /// Drops the cache when another connection committed since it was last checked (call at a batch's start,
    /// inside its transaction, so no commit can slip in between the check and the batch's reads).
    mutating func validate(_ db: Database) throws(StorageError) {
        let version = try db.scalarInt("PRAGMA data_version") ?? -1
        if version != dataVersion { counts.removeAll() }
        dataVersion = version
    }
}
