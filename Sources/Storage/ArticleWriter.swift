// ArticleWriter: the write side on the writer connection: one article with its entities, mentions, quotes and
// events; batches of them under one COMMIT; deletion with entity counts kept true.
//
// Entity merging across articles (kept deliberately simple):
//   1. Same type and same folded name (lowercase, no diacritics, single spaces) → same entity.
//   2. Else, if exactly one entity of that type has the folded name as an alias (an earlier article said
//      "Blinken" for "Antony Blinken", this one only knows "Blinken") → that entity.
//   3. Else, if the article's aliases name exactly one existing entity of that type ("Antony Blinken" with alias
//      "Blinken" when an earlier article only knew "Blinken") → that entity, renamed to the fuller name.
//   4. Else a new entity.
// Every name form an article uses is recorded per article, so aliases (and the counts) vanish with the article.

enum ArticleWriter {
    /// Writes `articles` in one transaction. An article refused for its own reasons (bad input, a constraint) is
    /// rolled back alone through a savepoint; a failure of the store itself (disk full, I/O error) or of the
    /// COMMIT fails the whole batch, and nothing of it is written.
    static func insertBatch(_ articles: [NewArticle], into db: Database) -> [GroupCommit.Outcome] {
        do {
            try db.execute("BEGIN IMMEDIATE")
        } catch {
            return Array(repeating: .failure(error), count: articles.count)
        }
        var outcomes: [GroupCommit.Outcome] = []
        outcomes.reserveCapacity(articles.count)
        for article in articles {
            do {
                try db.execute("SAVEPOINT article")
                let result = try insert(article, into: db)
                try db.execute("RELEASE article")
                outcomes.append(.success(result))
            } catch {
                guard isArticleLocal(error), db.isInTransaction,
                      (try? db.execute("ROLLBACK TO article; RELEASE article")) != nil else {
                    db.rollback()
                    return Array(repeating: .failure(error), count: articles.count)
                }
                outcomes.append(.failure(error))
            }
        }
        do {
            try db.execute("COMMIT")
        } catch {
            db.rollback()
            return Array(repeating: .failure(error), count: articles.count)
        }
        return outcomes
    }

    /// Errors that concern one article only; anything else means the transaction cannot be trusted.
    private static func isArticleLocal(_ error: StorageError) -> Bool {
        switch error.kind {
        case .invalidArgument, .constraint, .other: return true
        default: return false
        }
    }

    /// Inserts one article inside the caller's transaction; an existing content hash returns the existing id.
    static func insert(_ a: NewArticle, into db: Database) throws(StorageError) -> InsertResult {
        try validate(a)
        if let id = try db.scalarInt("SELECT id FROM articles WHERE content_hash = ?", [.text(a.contentHash)]) {
            return InsertResult(id: id, created: false)
        }
        try db.statement("""
            INSERT INTO articles(content_hash, text, date, sort_date, title, url, analysis)
            VALUES (?, ?, ?, coalesce(?, date('now')), ?, ?, ?)
            """).run([.text(a.contentHash), .text(a.text), .text(a.date), .text(a.date), .text(a.title),
                      .text(a.url), .blob(a.analysisJSON)])
        let articleId = db.lastInsertRowID
        let sortDate = try db.scalarText("SELECT sort_date FROM articles WHERE id = ?", [.int(articleId)])

        var global: [Int: Int64] = [:]  // local entity id → entity id
        var linked: Set<Int64> = []
        for e in a.entities {
            let entityId = try resolve(e, db: db)
            global[e.localId] = entityId
            let firstLink = linked.insert(entityId).inserted
            try link(e, entityId: entityId, articleId: articleId, sortDate: sortDate, firstLink: firstLink, db: db)
        }
        for q in a.quotes { try insertQuote(q, articleId: articleId, global: global, db: db) }
        for ev in a.events { try insertEvent(ev, articleId: articleId, global: global, db: db) }
        return InsertResult(id: articleId, created: true)
    }

    private static func validate(_ a: NewArticle) throws(StorageError) {
        guard !a.contentHash.isEmpty else { throw .invalid("contentHash is empty") }
        if let date = a.date {
            guard date.count == 10, EventDate(timex: date)?.granularity == .day else {
                throw .invalid("article date must be YYYY-MM-DD, got \(date)")
            }
        }
        var seen: Set<Int> = []
        for e in a.entities {
            guard seen.insert(e.localId).inserted else { throw .invalid("entity localId \(e.localId) repeats") }
            guard !Fold.name(e.name).isEmpty, !e.type.isEmpty else { throw .invalid("entity without name or type") }
        }
        for q in a.quotes {
            if let local = q.speakerLocalEntityId, !seen.contains(local) {
                throw .invalid("quote speaker refers to unknown entity localId \(local)")
            }
        }
        for ev in a.events {
            for local in ev.localEntityIds where !seen.contains(local) {
                throw .invalid("event refers to unknown entity localId \(local)")
            }
        }
    }

    // MARK: - Entities

    private static func resolve(_ e: NewEntity, db: Database) throws(StorageError) -> Int64 {
        let norm = Fold.name(e.name)
        let key = e.type + ":" + norm
        if let id = try db.scalarInt("SELECT id FROM entities WHERE key = ?", [.text(key)]) { return id }

        // entity_names holds each (entity, form) once, so two rows mean two entities.
        let byAlias = try db.statement("""
            SELECT n.entity_id FROM entity_names n JOIN entities e ON e.id = n.entity_id
            WHERE n.norm = ? AND e.type = ? LIMIT 2
            """).rows([.text(norm), .text(e.type)]) { $0.int64(0) }
        if byAlias.count == 1 { return byAlias[0] }

        var candidates: Set<Int64> = []
        for alias in Set(e.aliases.map(Fold.name)) where !alias.isEmpty && alias != norm {
            if let id = try db.scalarInt("SELECT id FROM entities WHERE key = ?", [.text(e.type + ":" + alias)]) {
                candidates.insert(id)
            }
        }
        if candidates.count == 1, let id = candidates.first {
            // The key is free (step 1 found nothing), so the fuller name can take over.
            try db.statement("UPDATE entities SET name = ?, norm = ?, key = ? WHERE id = ? AND length(norm) < ?")
                .run([.text(e.name), .text(norm), .text(key), .int(id), .int(norm.count)])
            return id
        }

        try db.statement("INSERT INTO entities(key, norm, name, type) VALUES (?, ?, ?, ?)")
            .run([.text(key), .text(norm), .text(e.name), .text(e.type)])
        return db.lastInsertRowID
    }

    private static func link(_ e: NewEntity, entityId: Int64, articleId: Int64, sortDate: String, firstLink: Bool,
                             db: Database) throws(StorageError) {
        try db.statement("""
            INSERT INTO article_entities(article_id, entity_id, role, mention_count) VALUES (?, ?, ?, ?)
            ON CONFLICT(article_id, entity_id) DO UPDATE SET
                mention_count = mention_count + excluded.mention_count, role = coalesce(role, excluded.role)
            """).run([.int(articleId), .int(entityId), .text(e.role), .int(e.mentions.count)])
        if firstLink {
            try db.statement("""
                UPDATE entities SET article_count = article_count + 1, mention_count = mention_count + ?1,
                    first_seen = min(coalesce(first_seen, ?2), ?2), last_seen = max(coalesce(last_seen, ?2), ?2)
                WHERE id = ?3
                """).run([.int(e.mentions.count), .text(sortDate), .int(entityId)])
        } else {
            try db.statement("UPDATE entities SET mention_count = mention_count + ? WHERE id = ?")
                .run([.int(e.mentions.count), .int(entityId)])
        }
        let mention = try db.statement("""
            INSERT INTO mentions(article_id, entity_id, start, "end", text) VALUES (?, ?, ?, ?, ?)
            """)
        for m in e.mentions {
            try mention.run([.int(articleId), .int(entityId), .int(m.start), .int(m.end), .text(m.text)])
        }
        let alias = try db.statement("""
            INSERT OR IGNORE INTO entity_aliases(article_id, entity_id, norm, alias) VALUES (?, ?, ?, ?)
            """)
        for form in [e.name] + e.aliases {
            let norm = Fold.name(form)
            if !norm.isEmpty { try alias.run([.int(articleId), .int(entityId), .text(norm), .text(form)]) }
        }
    }

    // MARK: - Quotes and events

    private static func insertQuote(_ q: NewQuote, articleId: Int64, global: [Int: Int64],
                                    db: Database) throws(StorageError) {
        let speaker = q.speakerLocalEntityId.flatMap { global[$0] }
        try db.statement("""
            INSERT INTO quotes(article_id, speaker_entity_id, speaker_name, speaker_norm, text, kind, start, "end",
                               cue, rule, confidence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).run([.int(articleId), .int(speaker), .text(q.speakerName), .text(q.speakerName.map(Fold.name)),
                      .text(q.text), .text(q.kind), .int(q.start), .int(q.end), .text(q.cue), .text(q.rule),
                      .double(q.confidence)])
    }

    private static func insertEvent(_ ev: NewEvent, articleId: Int64, global: [Int: Int64],
                                    db: Database) throws(StorageError) {
        let period = EventDate(timex: ev.date)
        try db.statement("""
            INSERT INTO events(article_id, date, granularity, start_day, end_day, sort_key, start, "end", text)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).run([.int(articleId), .text(ev.date), .text(ev.granularity),
                      period.map { .int($0.startDay) } ?? .null, period.map { .int($0.endDay) } ?? .null,
                      .int(period?.sortKey ?? EventDate.undatedSortKey), .int(ev.start), .int(ev.end),
                      .text(ev.text)])
        let eventId = db.lastInsertRowID
        let sortKey = period?.sortKey ?? EventDate.undatedSortKey
        let link = try db.statement("""
            INSERT OR IGNORE INTO event_entities(event_id, entity_id, sort_key) VALUES (?, ?, ?)
            """)
        for local in ev.localEntityIds {
            if let entityId = global[local] { try link.run([.int(eventId), .int(entityId), .int(sortKey)]) }
        }
    }

    // MARK: - Delete

    /// Deletes an article and everything it brought, inside the caller's transaction; entities left without
    /// articles are deleted, the others lose this article's counts. False if no such id.
    static func delete(articleId: Int64, from db: Database) throws(StorageError) -> Bool {
        guard let sortDate = try db.statement("SELECT sort_date FROM articles WHERE id = ?")
            .first([.int(articleId)], { $0.text(0) }) else { return false }
        let affected = try db.statement("SELECT entity_id, mention_count FROM article_entities WHERE article_id = ?")
            .rows([.int(articleId)]) { ($0.int64(0), $0.int(1)) }
        try db.statement("DELETE FROM articles WHERE id = ?").run([.int(articleId)])
        guard db.changes > 0 else { return false }
        // Subtracting this article keeps a delete cheap for an entity in thousands of articles; first/last seen
        // are searched again only when this article was the one that set them.
        let subtract = try db.statement("""
            UPDATE entities SET article_count = article_count - 1, mention_count = mention_count - ? WHERE id = ?
            """)
        let drop = try db.statement("DELETE FROM entities WHERE id = ? AND article_count <= 0")
        let reseen = try db.statement("""
            UPDATE entities SET
                first_seen = (SELECT min(a.sort_date) FROM article_entities x JOIN articles a ON a.id = x.article_id
                              WHERE x.entity_id = entities.id),
                last_seen = (SELECT max(a.sort_date) FROM article_entities x JOIN articles a ON a.id = x.article_id
                             WHERE x.entity_id = entities.id)
            WHERE id = ?1 AND (first_seen = ?2 OR last_seen = ?2)
            """)
        for (id, mentions) in affected {
            try subtract.run([.int(mentions), .int(id)])
            try drop.run([.int(id)])
            try reseen.run([.int(id), .text(sortDate)])
        }
        return true
    }
}
