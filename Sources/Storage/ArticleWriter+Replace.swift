// ArticleWriter+Replace: a stored article's analysis replaced in place (`byline reanalyze`, after the analysis
// improved). What the article brought goes as DELETE /articles/{id} takes it (ArticleWriter.delete: entities left
// without articles disappear; the others' counts, types per article, gender bits, first/last seen and name bigrams
// follow the links left), then the new analysis is written by the insert's own code (write and finish: merge
// steps 1-5, the name and full-text indexes), in the same transaction: the article ends up with the rows an insert
// of it would write now. The article row's own values stay: id, content hash, text, date, sort date, title, url
// and received time (created_at).
//
// Not the same as a fresh store in every case, since the store's merges depend on what is stored when an article
// arrives: an entity renamed to a fuller name keeps it when the article that gave the name no longer does (as
// after a DELETE). Entities keep their ids: one that only this article had stays, emptied, while the new analysis
// is written (it finds it by its key, as it would find any stored entity), and goes only if the new analysis no
// longer names it (an entity whose type changed class, a person to an organization, is a new one).
extension ArticleWriter {
    /// Replaces, inside the caller's transaction, the analysis of article `articleId` with `a`'s (entities,
    /// quotes, events, analysis JSON); `a`'s text, date, title and url are not used (the stored ones stay), and its
    /// content hash must be the stored one. False when there is no such article.
    static func replace(articleId: Int64, with a: NewArticle, db: Database) throws(StorageError) -> Bool {
        guard let kept = try db.statement("""
            SELECT content_hash, text, date, sort_date, title, url, created_at FROM articles WHERE id = ?
            """).first([.int(articleId)], { r in
                (hash: r.text(0), text: r.text(1), date: r.textOrNil(2), sortDate: r.text(3), title: r.textOrNil(4),
                 url: r.textOrNil(5), createdAt: r.text(6))
            }) else { return false }
        guard kept.hash == a.contentHash else {
            throw .invalid("article \(articleId) holds another text (content hash \(kept.hash), not \(a.contentHash))")
        }
        var article = a
        (article.text, article.date, article.title, article.url) = (kept.text, kept.date, kept.title, kept.url)
        // Checked before anything goes. An undated article stays filed under the day it was stored.
        let prepared = try PreparedArticle(article, today: kept.sortDate)
        // Entities the article alone had stay while it is written again, so those it still names keep their ids.
        guard let linked = try delete(articleId: articleId, from: db, keepingEmptied: true) else { return false }
        _ = try insert(prepared, keeping: (articleId, kept.createdAt), into: db)
        try dropEmptied(linked, from: db)
        return true
    }

    /// Replaces several articles' analyses in one transaction. An article refused for its own reasons (invalid
    /// input, another text) keeps its old analysis (its savepoint is rolled back) and gets its error; a failure of
    /// the store itself rolls the whole batch back and is thrown. Per item: true if replaced, false if no such
    /// article.
    static func replaceBatch(_ items: [(articleID: Int64, article: NewArticle)],
                             into db: Database) throws(StorageError) -> [Result<Bool, StorageError>] {
        guard !items.isEmpty else { return [] }
        // Counts per type are read from the rows (delete and insert(_:keeping:) leave the cache empty), and what
        // this connection wrote is not in the cache: it starts again after the batch, committed or not.
        defer { db.mixedTypes.removeAll() }
        try db.execute("BEGIN IMMEDIATE")
        var outcomes: [Result<Bool, StorageError>] = []
        outcomes.reserveCapacity(items.count)
        do throws(StorageError) {
            for item in items {
                do throws(StorageError) {
                    try db.statement("SAVEPOINT article").run()
                    let replaced = try replace(articleId: item.articleID, with: item.article, db: db)
                    try db.statement("RELEASE article").run()
                    outcomes.append(.success(replaced))
                } catch {
                    guard isArticleLocal(error), db.isInTransaction,
                          (try? db.execute("ROLLBACK TO article; RELEASE article")) != nil else { throw error }
                    outcomes.append(.failure(error))
                }
            }
            try db.execute("COMMIT")
        } catch {
            db.rollback()
            throw error
        }
        return outcomes
    }
}
