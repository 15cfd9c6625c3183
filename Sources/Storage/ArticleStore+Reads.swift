// ArticleStore+Reads: the public queries. Each runs in one read transaction on a pooled read connection, so a
// page (and an entity with its first pages) is one consistent snapshot. Lists return `Page` with an opaque
// cursor; limits are 1...500, 50 by default (StorageError.invalidArgument otherwise).

extension ArticleStore {
    /// Newest first (article date, else insertion day; then id).
    public func articles(_ query: ArticleQuery = ArticleQuery()) throws(StorageError) -> Page<ArticleSummary> {
        try read { db throws(StorageError) in try ArticleReader.articles(query, db: db) }
    }

    public func article(id: Int64) throws(StorageError) -> ArticleDetail? {
        try read { db throws(StorageError) in try ArticleReader.article(id: id, db: db) }
    }

    /// Every article's id, ascending (what a pass over the whole store walks: 8 bytes an article).
    public func articleIDs() throws(StorageError) -> [Int64] {
        try read { db throws(StorageError) in
            try db.statement("SELECT id FROM articles ORDER BY id").rows { $0.int64(0) }
        }
    }

    /// The id of the article stored with this content hash, if any.
    public func articleId(contentHash: String) throws(StorageError) -> Int64? {
        try read { db throws(StorageError) in try ArticleReader.articleId(contentHash: contentHash, db: db) }
    }

    public func entities(_ query: EntityQuery = EntityQuery()) throws(StorageError) -> Page<EntityRow> {
        try read { db throws(StorageError) in try ArticleReader.entities(query, db: db) }
    }

    /// The entities known by `name` (their canonical name or an alias, case- and accent-insensitive, and people
    /// with `name` as surname), most articles first, at most `limit`: how a name given where an entity id is
    /// expected is resolved.
    public func entities(named name: String, limit: Int = 10) throws(StorageError) -> [EntityRow] {
        try read { db throws(StorageError) in try ArticleReader.entities(named: name, limit: limit, db: db) }
    }

    /// The entity with the first page of its articles, the quotes it spoke and its timeline.
    public func entity(id: Int64) throws(StorageError) -> EntityDetail? {
        try read { db throws(StorageError) in try ArticleReader.entityDetail(id: id, db: db) }
    }

    /// Newest article date first, then the latest stored (as articles).
    public func quotes(_ query: QuoteQuery = QuoteQuery()) throws(StorageError) -> Page<QuoteRow> {
        try read { db throws(StorageError) in try ArticleReader.quotes(query, db: db) }
    }

    /// In date order, granularity-aware (see EventDate); undated events last.
    public func timeline(_ query: TimelineQuery = TimelineQuery()) throws(StorageError) -> Page<EventRow> {
        try read { db throws(StorageError) in try ArticleReader.timeline(query, db: db) }
    }
}
