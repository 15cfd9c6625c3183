// ArticleReader: the read queries, each a keyset-paginated list (see Cursor) built from only the filters given,
// so SQLite can use the matching index. Runs on any connection inside a read transaction.

enum ArticleReader {
    /// WHERE clauses and their arguments, in order.
    struct Filter {
        var clauses: [String] = []
        var args: [SQLValue] = []
        mutating func add(_ clause: String, _ values: SQLValue...) {
            clauses.append(clause)
            args += values
        }
        var sql: String { clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ") }
    }

    /// Inclusive YYYY-MM-DD bounds from TIMEX-style inputs (from=2021 → 2021-01-01, to=2021 → 2021-12-31).
    private static func dateBounds(from: String?, to: String?) throws(StorageError) -> (EventDate?, EventDate?) {
        func parse(_ s: String?, _ name: String) throws(StorageError) -> EventDate? {
            guard let s else { return nil }
            guard let d = EventDate(bound: s) else {
                throw .invalid("\(name) must be a date like 2021-03-18", parameter: name)
            }
            return d
        }
        return (try parse(from, "from"), try parse(to, "to"))
    }

    /// The newest-first order of articles and quotes: a date key descending, then the id descending (the latest
    /// stored of one day first). A cursor holds the last row's (key, id); the rows after it are those below it in
    /// that order. As a row-value comparison SQLite bounds the index walk by it, so a deep page does not walk the
    /// pages before it (the same test as `key < ? OR (key = ? AND id < ?)` with two distinct parameters for the
    /// key was no bound: every page walked from the newest row). Rows stored between two page requests never
    /// repeat a row or skip one: a row sorting before the cursor is not shown, one after it comes in its place.
    struct NewestFirst {
        let key: String
        let id: String

        var orderBy: String { "\(key) DESC, \(id) DESC" }

        func after(_ cursor: Cursor?, in f: inout Filter) {
            guard let c = cursor else { return }
            f.add("(\(key), \(id)) < (?, ?)", .text(c.key), .int(c.id))
        }

        /// Whether (key, id) comes before (otherKey, otherId), for rows merged from several statements.
        static func precedes(_ key: String, _ id: Int64, _ otherKey: String, _ otherId: Int64) -> Bool {
            key != otherKey ? key > otherKey : id > otherId
        }
    }

    /// Takes one row beyond the limit to learn whether there is a next page.
    private static func page<R>(_ rows: [R], limit: Int, cursor: (R) -> Cursor) -> Page<R> {
        guard rows.count > limit else { return Page(rows: rows, nextCursor: nil) }
        let kept = Array(rows.prefix(limit))
        return Page(rows: kept, nextCursor: cursor(kept[kept.count - 1]).encoded)
    }

    // MARK: - Articles

    private static let articleColumns = "a.id, a.date, a.title, a.url, a.content_hash, a.created_at, a.sort_date"

    private static func summary(_ r: Row) -> (ArticleSummary, String) {
        (ArticleSummary(id: r.int64(0), date: r.textOrNil(1), title: r.textOrNil(2), url: r.textOrNil(3),
                        contentHash: r.text(4), createdAt: r.text(5)), r.text(6))
    }

    static func articles(_ q: ArticleQuery, db: Database) throws(StorageError) -> Page<ArticleSummary> {
        let limit = try PageLimit.resolve(q.limit)
        let tag = "articles"
        var f = Filter()
        let (from, to) = try dateBounds(from: q.from, to: q.to)
        if let from { f.add("a.sort_date >= ?", .text(from.startISO)) }
        if let to { f.add("a.sort_date <= ?", .text(to.endISO)) }
        if let e = q.entityId {
            f.add("a.id IN (SELECT article_id FROM article_entities WHERE entity_id = ?)", .int(e))
        }
        let filter = Cursor.binding([from?.startISO, to?.endISO, q.entityId.map(String.init)])
        let order = NewestFirst(key: "a.sort_date", id: "a.id")
        order.after(try Cursor.decode(q.cursor, tag: tag, filter: filter), in: &f)
        let sql = "SELECT \(articleColumns) FROM articles a\(f.sql) ORDER BY \(order.orderBy) LIMIT ?"
        let rows = try db.statement(sql).rows(f.args + [.int(limit + 1)], summary)
        let p = page(rows, limit: limit) { Cursor(tag: tag, filter: filter, key: $0.1, id: $0.0.id) }
        return Page(rows: p.rows.map(\.0), nextCursor: p.nextCursor)
    }

    static func article(id: Int64, db: Database) throws(StorageError) -> ArticleDetail? {
        try db.statement("SELECT \(articleColumns), a.text, a.analysis FROM articles a WHERE a.id = ?")
            .first([.int(id)]) { r in ArticleDetail(summary: summary(r).0, text: r.text(7), analysisJSON: r.blob(8)) }
    }

    static func articleId(contentHash: String, db: Database) throws(StorageError) -> Int64? {
        try db.scalarInt("SELECT id FROM articles WHERE content_hash = ?", [.text(contentHash)])
    }

    // MARK: - Entities

    private static let entityColumns =
        "e.id, e.name, e.type, e.mention_count, e.article_count, e.first_seen, e.last_seen, e.norm"

    private static func entityRow(_ r: Row) -> (EntityRow, String) {
        (EntityRow(id: r.int64(0), name: r.text(1), type: r.text(2), aliases: [], roles: [],
                   mentionCount: r.int(3), articleCount: r.int(4), firstSeen: r.textOrNil(5),
                   lastSeen: r.textOrNil(6)), r.text(7))
    }

    /// Ids as one JSON array parameter, for `IN (SELECT value FROM json_each(?))`: one statement for a list of
    /// any length.
    private static func idList(_ ids: [Int64]) -> SQLValue {
        .text("[" + ids.map { String($0) }.joined(separator: ",") + "]")
    }

    /// Fills aliases (name forms other than the entity's own, one per folded form) and roles: two statements for
    /// the whole page (ids passed as one JSON array), not two per entity.
    private static func complete(_ rows: [(EntityRow, String)], db: Database) throws(StorageError) -> [EntityRow] {
        guard !rows.isEmpty else { return [] }
        let ids = idList(rows.map(\.0.id))
        var aliases: [Int64: [String]] = [:]
        var roles: [Int64: [String]] = [:]
        for (id, alias) in try db.statement("""
            SELECT n.entity_id, n.alias FROM entity_names n JOIN entities e ON e.id = n.entity_id
            WHERE n.entity_id IN (SELECT value FROM json_each(?)) AND n.norm <> e.norm ORDER BY n.entity_id, n.alias
            """).rows([ids], { ($0.int64(0), $0.text(1)) }) {
            aliases[id, default: []].append(alias)
        }
        // Most articles first, and one entry per role whatever its case: "Leader" (45 articles) beside "leader"
        // (2,430) read as two roles, the rarer spelling first.
        var counted: [Int64: [(role: String, fold: String, articles: Int64)]] = [:]
        for (id, role, articles) in try db.statement("""
            SELECT entity_id, role, articles FROM entity_roles WHERE entity_id IN (SELECT value FROM json_each(?))
            ORDER BY entity_id, articles DESC, role
            """).rows([ids], { ($0.int64(0), $0.text(1), $0.int64(2)) }) {
            let fold = role.lowercased()
            if let i = counted[id]?.firstIndex(where: { $0.fold == fold }) {
                counted[id]![i].articles += articles
            } else {
                counted[id, default: []].append((role, fold, articles))
            }
        }
        for (id, list) in counted {
            roles[id] = list.sorted { $0.articles != $1.articles ? $0.articles > $1.articles : $0.role < $1.role }
                .map(\.role)
        }
        return rows.map { row in
            var e = row.0
            e.aliases = aliases[e.id] ?? []
            e.roles = roles[e.id] ?? []
            return e
        }
    }

    /// The entity list. With `from`/`to` it holds the entities of the articles dated in the range, counted there:
    /// their links of those articles are gathered and counted first (the article date index, then each article's
    /// links), so its cost grows with the articles in the range, not the store; article_count, mention_count,
    /// min_articles and the article-count order are then the range's. first_seen and last_seen stay the entity's
    /// over the whole store (first_seen inside the range marks a newcomer).
    static func entities(_ q: EntityQuery, db: Database) throws(StorageError) -> Page<EntityRow> {
        let limit = try PageLimit.resolve(q.limit)
        let tag = "entities." + q.sort.rawValue
        let (from, to) = try dateBounds(from: q.from, to: q.to)
        let filter = Cursor.binding([q.type, q.q.map(Fold.name), q.articleId.map(String.init),
                                     q.minArticles.map(String.init), from?.startISO, to?.endISO])
        var source = "entities e"
        var columns = entityColumns
        var sourceArgs: [SQLValue] = []
        var articleCount = "e.article_count"
        if from != nil || to != nil {
            var range = Filter()
            if let from { range.add("a.sort_date >= ?", .text(from.startISO)) }
            if let to { range.add("a.sort_date <= ?", .text(to.endISO)) }
            if let a = q.articleId { range.add("a.id = ?", .int(a)) }
            source = """
                entities e JOIN (SELECT x.entity_id AS id, count(*) AS articles, sum(x.mention_count) AS mentions
                                 FROM articles a JOIN article_entities x ON x.article_id = a.id\(range.sql)
                                 GROUP BY x.entity_id) r ON r.id = e.id
                """
            sourceArgs = range.args
            columns = "e.id, e.name, e.type, r.mentions, r.articles, e.first_seen, e.last_seen, e.norm"
            articleCount = "r.articles"
        }
        var f = Filter()
        if let t = q.type { f.add("e.type = ?", .text(t)) }
        if let text = q.q.map(Fold.name), !text.isEmpty {
            if let phrase = Fold.trigramPhrase(text) {
                // A name holds the text's trigrams one after another exactly when it contains the text, so the
                // trigram indexes over aliases and names give the matching entities without a scan.
                // (A join and UNION ALL: the IN list removes duplicates anyway, so no second temporary b-tree.)
                f.add("""
                    e.id IN (SELECT n.entity_id FROM entity_names_fts f JOIN entity_names n ON n.id = f.rowid
                             WHERE entity_names_fts MATCH ?
                             UNION ALL SELECT rowid FROM entities_fts WHERE entities_fts MATCH ?)
                    """, .text(phrase), .text(phrase))
            } else if text.unicodeScalars.count == 1 {
                // One character matches so many names that walking in list order finds a page at once.
                let like = SQLValue.text(Fold.likeSubstring(text))
                f.add("""
                    (e.norm LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM entity_names n
                     WHERE n.entity_id = e.id AND n.norm LIKE ? ESCAPE '\\'))
                    """, like, like)
            } else {
                // Two characters ("BP", "TV"): the entities having them in a name, from their bigram index (one pass
                // over every name with LIKE took about 3.4 ms on 16,000 entities, however few matched).
                f.add("e.id IN (SELECT entity_id FROM name_bigrams WHERE bigram = ?)", .text(text))
            }
        }
        if let a = q.articleId {
            f.add("e.id IN (SELECT entity_id FROM article_entities WHERE article_id = ?)", .int(a))
        }
        if let m = q.minArticles { f.add("\(articleCount) >= ?", .int(m)) }
        let cursor = try Cursor.decode(q.cursor, tag: tag, filter: filter)
        let order: String
        switch q.sort {
        case .articleCount:
            if let c = cursor {
                guard let n = Int64(c.key) else { throw StorageError(kind: .invalidCursor, message: "bad cursor") }
                f.add("(\(articleCount) < ? OR (\(articleCount) = ? AND e.id > ?))", .int(n), .int(n), .int(c.id))
            }
            order = "\(articleCount) DESC, e.id"
        case .name:
            if let c = cursor {
                f.add("(e.norm > ? OR (e.norm = ? AND e.id > ?))", .text(c.key), .text(c.key), .int(c.id))
            }
            order = "e.norm, e.id"
        }
        let sql = "SELECT \(columns) FROM \(source)\(f.sql) ORDER BY \(order) LIMIT ?"
        let rows = try db.statement(sql).rows(sourceArgs + f.args + [.int(limit + 1)], entityRow)
        let p = page(rows, limit: limit) { row in
            Cursor(tag: tag, filter: filter, key: q.sort == .name ? row.1 : String(row.0.articleCount), id: row.0.id)
        }
        return Page(rows: try complete(p.rows, db: db), nextCursor: p.nextCursor)
    }

    static func entity(id: Int64, db: Database) throws(StorageError) -> EntityRow? {
        guard let row = try db.statement("SELECT \(entityColumns) FROM entities e WHERE e.id = ?")
            .first([.int(id)], entityRow) else { return nil }
        return try complete([row], db: db).first
    }

    /// The entities one of whose names (canonical or alias) folds to `name`, as the speaker filter matches
    /// names: most articles first, at most `limit`.
    static func entities(named name: String, limit: Int, db: Database) throws(StorageError) -> [EntityRow] {
        let ids = try entityIds(named: Fold.name(name), limit: limit, db: db)
        guard !ids.isEmpty else { return [] }
        let rows = try db.statement("""
            SELECT \(entityColumns) FROM entities e WHERE e.id IN (SELECT value FROM json_each(?))
            ORDER BY e.article_count DESC, e.id
            """).rows([idList(ids)], entityRow)
        return try complete(rows, db: db)
    }

    /// The ids of the entities a folded name names, most articles first: those with it as their canonical name
    /// or an alias, and the people whose name ends with it as whole words ("brown" for Gordon Brown; "blinken"
    /// for Antony Blinken in a store where no article wrote him as Blinken alone), since readers look people up
    /// by surname (two letters are enough: Li, Wu). When the name is an alias of a fuller name ("trump" of Donald
    /// Trump) it names that person, and the other people of that surname are left out; an entity whose canonical
    /// name is the surname alone (an article that wrote only "Brown") does not hide them. The surname candidates
    /// come from the people-by-surname index (migration 023), not a scan.
    static func entityIds(named norm: String, limit: Int, db: Database) throws(StorageError) -> [Int64] {
        guard !norm.isEmpty else { return [] }
        let exact = try db.statement("""
            SELECT id, norm, article_count FROM entities WHERE id IN
                (SELECT id FROM entities WHERE norm = ?1 UNION SELECT entity_id FROM entity_names WHERE norm = ?1)
            ORDER BY article_count DESC, id LIMIT ?2
            """).rows([.text(norm), .int(Int64(limit))]) { ($0.int64(0), $0.text(1), $0.int64(2)) }
        // A name of one letter names no surname ("b" is a prefix someone typed).
        guard !exact.contains(where: { $0.1 != norm }), norm.unicodeScalars.count >= 2 else {
            return exact.map(\.0)
        }
        // The people of that surname, merged here with the exact matches in the same order: one statement with
        // `id IN (exact) OR id IN (surname)` cost twice the trigram lookup itself (two index lists, a JSON
        // parameter and a sort), about 0.12 ms a speaker query.
        var counts = Dictionary(exact.map { ($0.0, $0.2) }, uniquingKeysWith: { a, _ in a })
        // The people-by-surname index finds them: people whose name's last word is the name's last word, and whose
        // name ends with the whole name ("w bush" finds George W Bush; a one-word name is a surname). The trigram
        // index did this before (MATCH on the phrase, then LIKE on each hit): it read each trigram's list in every
        // segment, about a quarter of a speaker query's CPU, and mostly found nobody. The answers are the same: a
        // folded name has single spaces and no capitals, so its suffix is what LIKE '% name' matched.
        for (id, count) in try PeopleBySurname.people(endingWith: norm, db: db) { counts[id] = count }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit).map(\.key)
    }

    static func entityDetail(id: Int64, db: Database) throws(StorageError) -> EntityDetail? {
        guard let entity = try entity(id: id, db: db) else { return nil }
        return EntityDetail(entity: entity,
                            articles: try articles(ArticleQuery(entityId: id), db: db),
                            quotes: try quotes(QuoteQuery(entityId: id), db: db),
                            timeline: try timeline(TimelineQuery(entityId: id), db: db))
    }

    // MARK: - Quotes

    /// Newest article date first, then newest stored (the order of articles). The cursor's tag names that order,
    /// so a cursor from the insertion order of before is refused rather than read as a date.
    static let quoteTag = "quotes.date"
    private static let quoteOrder = NewestFirst(key: "q.article_date", id: "q.id")

    static func quotes(_ q: QuoteQuery, db: Database,
                       textSortLimit: Int = ArticleReader.textSortLimit) throws(StorageError) -> Page<QuoteRow> {
        let limit = try PageLimit.resolve(q.limit)
        let alternatives = try quoteFilters(q, db: db, textSortLimit: textSortLimit)
        let rows: [QuoteRow]
        if alternatives.count == 1 {
            rows = try quoteRows(alternatives[0], limit: limit + 1, db: db)
        } else {
            // Each alternative's page of ids (mostly the same quotes, read from its index), merged in list order;
            // then whole rows for that one page: whole rows from every alternative read each quote two or three
            // times.
            var dates: [Int64: String] = [:]
            var pages: [[Int64]] = []
            for filter in alternatives {
                let found = try quoteRows(filter, limit: limit + 1, columns: "q.id, q.article_date", db: db,
                                          { ($0.int64(0), $0.text(1)) })
                for (id, date) in found { dates[id] = date }
                pages.append(found.map(\.0))
            }
            let page = dates.sorted { NewestFirst.precedes($0.value, $0.key, $1.value, $1.key) }.prefix(limit + 1)
                .map(\.key)
            // Mostly one alternative holds the whole page (the speaker entity's quotes, the name's a part of
            // them): its own index walk gives those rows again, in order, without a JSON list and a sort (about
            // 0.1 ms against 0.16 ms for a page of 51).
            if let k = pages.firstIndex(of: page) {
                rows = try quoteRows(alternatives[k], limit: limit + 1, db: db)
            } else {
                rows = try quoteRows(byIds(page), limit: limit + 1, db: db)
            }
        }
        let filter = try quoteBinding(q)
        return page(rows, limit: limit) { Cursor(tag: quoteTag, filter: filter, key: $0.articleDate, id: $0.id) }
    }

    /// The filters of one quote query: one, or for a speaker one per alternative. A speaker is a quote's own
    /// speaker name or any name of its speaker entity; one query with that OR would gather and sort every quote
    /// of a frequent speaker, where each alternative walks its own index in list order and stops after a page.
    static func quoteFilters(_ q: QuoteQuery, db: Database,
                             textSortLimit: Int = ArticleReader.textSortLimit) throws(StorageError) -> [Filter] {
        var f = Filter()
        if let e = q.entityId { f.add("q.speaker_entity_id = ?", .int(e)) }
        var matchesDrive = false
        if let text = q.q {
            guard let match = Fold.ftsQuery(text) else {
                throw .invalid("q has no words to search for", parameter: "q")
            }
            // Few matches are read and sorted by date; many are tested along the list's index walk instead, which
            // finds a page after about limit x quotes / matches entries (sorting the 400,000 quotes holding "the"
            // took 0.8 s, the walk 0.1-0.3 s, mostly gathering the matches; the walk for a word in no quote reads
            // the whole date index, about 0.13 s at 600,000 quotes). Counting up to the limit decides.
            let counted = try db.scalarInt("""
                SELECT count(*) FROM (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? LIMIT ?)
                """, [.text(match), .int(textSortLimit)]) ?? 0
            matchesDrive = counted < textSortLimit
            f.add((matchesDrive ? "" : "+") + "q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)",
                  .text(match))
        }
        if let k = q.kind {
            // When the matches drive, a kind (a large share of all quotes) must not: its index walked in date order
            // would test most quotes for a rare word.
            f.add(matchesDrive ? "+q.kind = ?" : "q.kind = ?", .text(k))
        }
        let (from, to) = try dateBounds(from: q.from, to: q.to)
        if let from { f.add("q.article_date >= ?", .text(from.startISO)) }
        if let to { f.add("q.article_date <= ?", .text(to.endISO)) }
        if let a = q.articleId { f.add("q.article_id = ?", .int(a)) }
        quoteOrder.after(try Cursor.decode(q.cursor, tag: quoteTag, filter: try quoteBinding(q)), in: &f)

        guard let s = q.speaker.map(Fold.name), !s.isEmpty else { return [f] }
        var byName = f
        byName.add("q.speaker_norm = ?", .text(s))
        var alternatives = [byName]
        for id in try entityIds(named: s, limit: speakerEntityLimit, db: db) {
            var byEntity = f
            byEntity.add("q.speaker_entity_id = ?", .int(id))
            alternatives.append(byEntity)
        }
        return alternatives
    }

    /// The filter hash of a quote query's cursors (Cursor.binding).
    static func quoteBinding(_ q: QuoteQuery) throws(StorageError) -> String {
        let (from, to) = try dateBounds(from: q.from, to: q.to)
        return Cursor.binding([q.speaker.map(Fold.name), q.entityId.map(String.init), q.q.flatMap(Fold.ftsQuery),
                               q.kind, from?.startISO, to?.endISO, q.articleId.map(String.init)])
    }

    private static func byIds(_ ids: [Int64]) -> Filter {
        var f = Filter()
        f.add("q.id IN (SELECT value FROM json_each(?))", idList(ids))
        return f
    }

    /// SQLite's plan (EXPLAIN QUERY PLAN details) of each statement quotes(q) runs, in order: how tests check
    /// that every filter is an index range rather than a scan of quotes.
    static func quotePlans(_ q: QuoteQuery, db: Database,
                           textSortLimit: Int = ArticleReader.textSortLimit) throws(StorageError) -> [[String]] {
        var filters = try quoteFilters(q, db: db, textSortLimit: textSortLimit)
        if filters.count > 1 { filters.append(byIds([])) }
        return try filters.map { f throws(StorageError) in
            try db.statement("EXPLAIN QUERY PLAN " + quoteSQL(f, columns: "q.id"))
                .rows(f.args + [.int(1)]) { $0.text(3) }
        }
    }

    /// Matches of `q` up to which they are gathered and sorted rather than tested along the date order (sorting
    /// costs about 5 us per match, the walk about 0.2 us per index entry: 2,000 matches sort in about 10 ms, and
    /// above that a page is found within about 51 x 300 entries when the matches are spread over the dates).
    static let textSortLimit = 2_000

    /// Entities one speaker filter walks at most (a common surname can name many people: the ones in most
    /// articles are taken).
    static let speakerEntityLimit = 20

    private static let quoteColumns = """
        q.id, q.article_id, q.article_date, q.speaker_entity_id, q.speaker_name, q.text, q.kind, q.start, q."end", \
        q.cue, q.rule, q.confidence
        """

    private static func quoteSQL(_ f: Filter, columns: String) -> String {
        "SELECT \(columns) FROM quotes q\(f.sql) ORDER BY \(quoteOrder.orderBy) LIMIT ?"
    }

    private static func quoteRows<R>(_ f: Filter, limit: Int, columns: String, db: Database,
                                     _ map: (Row) -> R) throws(StorageError) -> [R] {
        try db.statement(quoteSQL(f, columns: columns)).rows(f.args + [.int(limit)], map)
    }

    private static func quoteRows(_ f: Filter, limit: Int, db: Database) throws(StorageError) -> [QuoteRow] {
        try quoteRows(f, limit: limit, columns: quoteColumns, db: db) { r in
            QuoteRow(id: r.int64(0), articleId: r.int64(1), articleDate: r.text(2), speakerEntityId: r.int64OrNil(3),
                     speakerName: r.textOrNil(4), text: r.text(5), kind: r.text(6), start: r.int(7), end: r.int(8),
                     cue: r.textOrNil(9), rule: r.text(10), confidence: r.double(11))
        }
    }

    // MARK: - Timeline

    static func timeline(_ q: TimelineQuery, db: Database) throws(StorageError) -> Page<EventRow> {
        let limit = try PageLimit.resolve(q.limit)
        let tag = "timeline"
        var f = Filter()
        // One entity's events come from its index range in event order (sort_key copied there): a page stops early.
        let source: String
        if let e = q.entityId {
            f.add("x.entity_id = ?", .int(e))
            source = "event_entities x JOIN events ev ON ev.id = x.event_id"
        } else {
            source = "events ev"
        }
        let (key, id) = q.entityId == nil ? ("ev.sort_key", "ev.id") : ("x.sort_key", "x.event_id")
        let (from, to) = try dateBounds(from: q.from, to: q.to)
        if let from { f.add("ev.end_day >= ?", .int(from.startDay)) }
        if let to { f.add("ev.start_day <= ?", .int(to.endDay)) }
        if let text = q.q {
            // Words of the sentence, as /quotes?q= finds them (case and diacritics folded for every script); the
            // same choice between gathering few matches and testing many along the list's order.
            guard let match = Fold.ftsQuery(text) else {
                throw .invalid("q has no words to search for", parameter: "q")
            }
            let counted = try db.scalarInt("""
                SELECT count(*) FROM (SELECT rowid FROM events_fts WHERE events_fts MATCH ? LIMIT ?)
                """, [.text(match), .int(textSortLimit)]) ?? 0
            let drive = counted < textSortLimit ? "" : "+"
            f.add(drive + "ev.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)", .text(match))
        }
        if let a = q.articleId { f.add("ev.article_id = ?", .int(a)) }
        if let g = q.granularities, !g.isEmpty {
            f.clauses.append("ev.granularity IN (" + g.map { _ in "?" }.joined(separator: ", ") + ")")
            f.args += g.map { SQLValue.text($0) }
        }
        let granularities = q.granularities.flatMap { $0.isEmpty ? nil : Set($0).sorted().joined(separator: ",") }
        let filter = Cursor.binding([q.entityId.map(String.init), from.map { String($0.startDay) },
                                     to.map { String($0.endDay) }, q.q.flatMap(Fold.ftsQuery),
                                     q.articleId.map(String.init), granularities])
        if let c = try Cursor.decode(q.cursor, tag: tag, filter: filter) {
            guard let k = Int64(c.key) else { throw StorageError(kind: .invalidCursor, message: "bad cursor") }
            f.add("(\(key) > ? OR (\(key) = ? AND \(id) > ?))", .int(k), .int(k), .int(c.id))
        }
        // Each event's entity ids come in the same statement (its primary-key range, already in id order) rather
        // than one query per event of the page.
        let sql = """
            SELECT ev.id, ev.article_id, ev.article_date, ev.date, ev.granularity, ev.start, ev."end", ev.text,
                   ev.sort_key,
                   (SELECT group_concat(y.entity_id) FROM event_entities y WHERE y.event_id = ev.id)
            FROM \(source)\(f.sql) ORDER BY \(key), \(id) LIMIT ?
            """
        let rows = try db.statement(sql).rows(f.args + [.int(limit + 1)]) { r in
            (EventRow(id: r.int64(0), articleId: r.int64(1), articleDate: r.text(2), date: r.text(3),
                      granularity: r.text(4), start: r.int(5), end: r.int(6), text: r.text(7),
                      entityIds: r.int64List(9)),
             r.int64(8))
        }
        let p = page(rows, limit: limit) { Cursor(tag: tag, filter: filter, key: String($0.1), id: $0.0.id) }
        return Page(rows: p.rows.map(\.0), nextCursor: p.nextCursor)
    }
}
