// ArticleWriter: the write side on the writer connection: one article with its entities, mentions, quotes and
// events; batches of them under one COMMIT; deletion with entity counts kept true.
//
// Entity merging across articles (kept deliberately simple). A type's class is people (PER) or everything else
// (EntityTypes): ORG, LOC and MISC merge by name, since the tagger's type between them is noise.
//   1. Same class and same folded name (lowercase, no diacritics, single spaces) → same entity.
//   2. Else, if exactly one entity of that class has the folded name as an alias (an earlier article said
//      "Blinken" for "Antony Blinken", this one only knows "Blinken") → that entity.
//   3. Else, if the article's aliases name exactly one existing entity of that class ("Antony Blinken" with alias
//      "Blinken" when an earlier article only knew "Blinken") → that entity, renamed to the fuller name; a
//      surname alone only while no other person of several words has that surname (as in step 5).
//   4. Else a new entity.
//   5. At the batch's end, a surname-only person ("Bush") joins the one person of several words with that surname
//      an article of the batch resolved ("George W Bush"): ArticleWriter+SurnameMerge.
// Gender (PersonGenders): a person named by a surname alone whose article says its gender ("Mrs Blair") joins
// no entity whose articles say the other gender, in steps 1, 2 and 5; step 1 then keys it apart (PER:blair plus
// its gender), so the women called "Blair" alone share one entity beside the men. Step 3 never renames an entity
// of the other gender to a fuller name ("Cherie Blair" does not take over the "Blair" of "Mr Blair").
// Every name form an article uses is recorded per article, so aliases (and the counts) vanish with the article.
// Each link row keeps the type its article gave; an entity whose articles disagree keeps articles and mentions
// per type (entities.type_counts) and shows the type most articles give (EntityTypes.majority).

//
// The work per row is kept to what the queries need: the caller folds names and checks input (PreparedArticle);
// an article's entity links are summed per global entity before they are written; the entity counters and the
// three full-text indexes (quotes, entity names, name forms) are brought up to date once per batch, from the
// articles that made it, instead of once per row (FTS5 writes a new segment whenever a statement opens a
// savepoint after it was touched: with triggers, one per new entity and per statement adding name forms).
enum ArticleWriter {
    /// What one batch still owes the entities table: summed over the articles written so far.
    struct EntityDelta {
        var articles = 0
        var mentions = 0
        var firstSeen: String
        var lastSeen: String
        /// The type every article so far gave (nil when none yet, or once they disagree). Nearly always they
        /// agree: one string instead of a dictionary per entity and article.
        var type: String?
        /// The same articles and mentions by the type each article gave, kept only once the articles disagree.
        var mixed: [String: EntityTypes.Count]?

        /// One article's link giving `type`.
        init(articles: Int, mentions: Int, firstSeen: String, lastSeen: String, type: String?) {
            (self.articles, self.mentions, self.firstSeen, self.lastSeen) = (articles, mentions, firstSeen, lastSeen)
            self.type = type
        }

        /// Nothing yet, dated like `self` (min/max of a date with itself change nothing).
        var zero: EntityDelta {
            EntityDelta(articles: 0, mentions: 0, firstSeen: firstSeen, lastSeen: lastSeen, type: nil)
        }

        /// The articles and mentions by the type each article gave.
        var types: [String: EntityTypes.Count] {
            if let mixed { return mixed }
            guard let type else { return [:] }
            return [type: EntityTypes.Count(articles: articles, mentions: mentions)]
        }

        /// The one type all the articles gave, if they agree.
        var onlyType: String? { type ?? (mixed?.count == 1 ? mixed?.first?.key : nil) }

        mutating func merge(_ other: EntityDelta) {
            if other.type != nil || other.mixed != nil {
                if mixed == nil, other.mixed == nil, type == nil || type == other.type {
                    type = other.type
                } else {
                    var counts = types
                    for (t, c) in other.types { counts[t, default: EntityTypes.Count(articles: 0, mentions: 0)] += c }
                    (mixed, type) = (counts, nil)
                }
            }
            articles += other.articles
            mentions += other.mentions
            firstSeen = min(firstSeen, other.firstSeen)
            lastSeen = max(lastSeen, other.lastSeen)
        }
    }

    /// Prepares and writes `articles` in one transaction (invalid ones get their error and are not written).
    static func insertBatch(_ articles: [NewArticle], into db: Database) -> [InsertOutcome] {
        let prepared = articles.map { a in Result { () throws(StorageError) in try PreparedArticle(a) } }
        let valid = prepared.compactMap { try? $0.get() }
        var written = insertBatch(valid, into: db).makeIterator()
        return prepared.map { p in
            switch p {
            case .success: return written.next() ?? .failure(StorageError(kind: .other, message: "batch ended early"))
            case .failure(let e): return .failure(e)
            }
        }
    }

    /// Writes `articles` in one transaction. An article refused for its own reasons (a constraint) is rolled back
    /// alone through a savepoint; a failure of the store itself (disk full, I/O error) or of the COMMIT fails the
    /// whole batch, and nothing of it is written.
    static func insertBatch(_ articles: [PreparedArticle], into db: Database) -> [InsertOutcome] {
        guard !articles.isEmpty else { return [] }
        do {
            try db.execute("BEGIN IMMEDIATE")
        } catch {
            return Array(repeating: .failure(error), count: articles.count)
        }
        var outcomes: [InsertOutcome] = []
        outcomes.reserveCapacity(articles.count)
        var deltas: [Int64: EntityDelta] = [:]
        var renamed: [Int64: String] = [:]
        var learned: [Int64: [String: EntityTypes.Count]?] = [:]
        var merges: [SurnameMerge] = []
        do throws(StorageError) {
            try db.mixedTypes.validate(db)
            let marks = try Marks(db)
            for article in articles {
                do throws(StorageError) {
                    // Prepared once (cached) rather than parsed by sqlite3_exec for every article.
                    try db.statement("SAVEPOINT article").run()
                    let (result, articleDeltas, articleRenames, articleMerges) = try write(article, marks: marks,
                                                                                           into: db)
                    try db.statement("RELEASE article").run()
                    for (id, d) in articleDeltas { deltas[id, default: d.zero].merge(d) }
                    keepFirstRenames(articleRenames, in: &renamed)
                    merges += articleMerges
                    outcomes.append(.success(result))
                } catch {
                    guard isArticleLocal(error), db.isInTransaction,
                          (try? db.execute("ROLLBACK TO article; RELEASE article")) != nil else { throw error }
                    outcomes.append(.failure(error))
                }
            }
            try finish(deltas: deltas, renamed: renamed, merges: merges, marks: marks, learned: &learned, db: db)
            try db.execute("COMMIT")
        } catch {
            db.rollback()
            db.mixedTypes.removeAll()
            return Array(repeating: .failure(error), count: articles.count)
        }
        db.mixedTypes.commit(learned)
        return outcomes
    }

    /// Inserts one article inside the caller's transaction; an existing content hash returns the existing id.
    static func insert(_ a: NewArticle, into db: Database) throws(StorageError) -> InsertResult {
        try insert(try PreparedArticle(a), into: db)
    }

    /// Writes one prepared article with the once-per-batch part for it alone, inside the caller's transaction
    /// (`keeping`: as `write`'s, for an analysis replaced in place).
    static func insert(_ prepared: PreparedArticle, keeping: (id: Int64, createdAt: String)? = nil,
                       into db: Database) throws(StorageError) -> InsertResult {
        // The caller's transaction may still roll back: the writer's cache is neither used nor kept.
        db.mixedTypes.removeAll()
        let marks = try Marks(db)
        let (result, deltas, renames, merges) = try write(prepared, marks: marks, into: db, keeping: keeping)
        var renamed: [Int64: String] = [:]
        keepFirstRenames(renames, in: &renamed)
        var learned: [Int64: [String: EntityTypes.Count]?] = [:]
        try finish(deltas: deltas, renamed: renamed, merges: merges, marks: marks, learned: &learned, db: db)
        return result
    }

    /// Errors that concern one article only; anything else means the transaction cannot be trusted.
    static func isArticleLocal(_ error: StorageError) -> Bool {
        switch error.kind {
        case .invalidArgument, .constraint, .other: return true
        default: return false
        }
    }

    /// The largest ids when a batch began: rows above them are the batch's (ids only grow inside a transaction,
    /// and rolled-back ones are gone), and enter the full-text indexes in `finish`.
    struct Marks {
        let quotes: Int64
        let entities: Int64
        let names: Int64
        let events: Int64

        init(_ db: Database) throws(StorageError) {
            let ids = try db.statement("""
                SELECT (SELECT max(id) FROM quotes), (SELECT max(id) FROM entities), (SELECT max(id) FROM entity_names),
                       (SELECT max(id) FROM events)
                """).first { r in (r.int64(0), r.int64(1), r.int64(2), r.int64(3)) }  // NULL (empty) reads as 0
            (quotes, entities, names, events) = ids ?? (0, 0, 0, 0)
        }
    }

    /// The once-per-batch part: entity counters and first/last seen, and the full-text indexes: the quotes,
    /// events, entities and name forms written after `marks`, and the entities from before it that the batch renamed
    /// (`renamed`: id → the folded name their index entry holds). `learned` gets the counts per type of the
    /// entities it wrote as mixed (nil for one it found mixed and is no longer), for db.mixedTypes after COMMIT.
    /// Last, the surname-only people the batch's full names take in (`merges`, ArticleWriter+SurnameMerge).
    private static func finish(deltas: [Int64: EntityDelta], renamed: [Int64: String], merges: [SurnameMerge],
                               marks: Marks,
                               learned: inout [Int64: [String: EntityTypes.Count]?], db: Database)
        throws(StorageError) {
        // Nearly always the batch's articles give the type the entity has and had: one statement, whose WHERE
        // says so. Otherwise its counts per type (from the writer's cache, or read) are written back with the
        // type most articles give.
        let update = try db.statement("""
            UPDATE entities SET article_count = article_count + ?1, mention_count = mention_count + ?2,
                first_seen = min(coalesce(first_seen, ?3), ?3), last_seen = max(coalesce(last_seen, ?4), ?4)
            WHERE id = ?5 AND type = ?6 AND type_counts IS NULL
            """)
        for (id, d) in deltas.sorted(by: { $0.key < $1.key }) {
            var counts = db.mixedTypes[id]
            if counts == nil {
                if let only = d.onlyType {
                    try update.run([.int(d.articles), .int(d.mentions), .text(d.firstSeen), .text(d.lastSeen),
                                    .int(id), .text(only)])
                    if db.changes > 0 { continue }
                }
                counts = try typeCounts(ofEntity: id, db: db)
            }
            guard let counts else { continue }  // no such entity (as before: nothing to update)
            learned.updateValue(try addTyped(d, to: counts, toEntity: id, db: db), forKey: id)
        }
        for (id, oldNorm) in renamed.sorted(by: { $0.key < $1.key }) {
            try db.statement("INSERT INTO entities_fts(entities_fts, rowid, norm) VALUES ('delete', ?, ?)")
                .run([.int(id), .text(oldNorm)])
            try db.statement("INSERT INTO entities_fts(rowid, norm) SELECT id, norm FROM entities WHERE id = ?")
                .run([.int(id)])
        }
        try db.statement("INSERT INTO entities_fts(rowid, norm) SELECT id, norm FROM entities WHERE id > ?")
            .run([.int(marks.entities)])
        try db.statement("INSERT INTO entity_names_fts(rowid, norm) SELECT id, norm FROM entity_names WHERE id > ?")
            .run([.int(marks.names)])
        try db.statement("""
            INSERT INTO quotes_fts(rowid, text, speaker_name) SELECT id, text, speaker_name FROM quotes WHERE id > ?
            """).run([.int(marks.quotes)])
        try db.statement("INSERT INTO events_fts(rowid, text) SELECT id, text FROM events WHERE id > ?")
            .run([.int(marks.events)])
        // New names only: a new or renamed entity's name is one of its article's name forms, so it is in
        // entity_names already (as a new row, or an old one whose bigrams are in).
        try addBigrams(from: "SELECT entity_id, norm FROM entity_names WHERE id > ?1", [.int(marks.names)], db: db)
        try mergeSurnameEntities(merges, db: db)
    }

    /// Adds a batch's delta to an entity whose articles (with the batch's) give more than one type, whose counts
    /// per type were `counts`. Returns its counts per type as type_counts now holds them (nil when NULL).
    private static func addTyped(_ d: EntityDelta, to counts: [String: EntityTypes.Count], toEntity id: Int64,
                                 db: Database) throws(StorageError) -> [String: EntityTypes.Count]? {
        var counts = counts
        for (type, c) in d.types { counts[type, default: EntityTypes.Count(articles: 0, mentions: 0)] += c }
        let encoded = EntityTypes.encode(counts)
        try db.statement("""
            UPDATE entities SET article_count = article_count + ?1, mention_count = mention_count + ?2,
                first_seen = min(coalesce(first_seen, ?3), ?3), last_seen = max(coalesce(last_seen, ?4), ?4),
                type = coalesce(?5, type), type_counts = ?6
            WHERE id = ?7
            """).run([.int(d.articles), .int(d.mentions), .text(d.firstSeen), .text(d.lastSeen),
                      .text(EntityTypes.majority(counts.filter { $0.value.articles > 0 })),
                      .text(encoded), .int(id)])
        // What typeCounts would read back: the types type_counts keeps.
        return encoded == nil ? nil : counts.filter { $0.value.articles > 0 }
    }

    /// An entity's articles and mentions per type: its type_counts, or all of them under its type when NULL; nil
    /// when there is no such entity. SQLite reads the JSON (Foundation's JSONDecoder cost 40 us a call).
    static func typeCounts(ofEntity id: Int64, db: Database) throws(StorageError) -> [String: EntityTypes.Count]? {
        let rows = try db.statement("""
            SELECT e.type, e.article_count, e.mention_count, j.key, json_extract(j.value, '$[0]'),
                   json_extract(j.value, '$[1]')
            FROM entities e LEFT JOIN json_each(e.type_counts) j WHERE e.id = ?
            """).rows([.int(id)]) { r in
                (r.text(0), EntityTypes.Count(articles: r.int(1), mentions: r.int(2)), r.textOrNil(3),
                 EntityTypes.Count(articles: r.int(4), mentions: r.int(5)))
            }
        guard let first = rows.first else { return nil }
        guard first.2 != nil else { return [first.0: first.1] }
        var counts: [String: EntityTypes.Count] = [:]
        for row in rows { if let type = row.2 { counts[type] = row.3 } }
        return counts
    }

    /// Adds to name_bigrams every two-character substring of the names `source` selects as (entity_id, norm),
    /// except those with a space: a folded query has no space at either end, so a two-character one has none.
    /// SQLite's length and substr count characters as the query's two-character text does (Unicode scalars).
    static func addBigrams(from source: String, _ values: [SQLValue], db: Database) throws(StorageError) {
        try db.statement(bigramPositions(of: source) + """
            INSERT OR IGNORE INTO name_bigrams(bigram, entity_id)
            SELECT substr(norm, i, 2) AS g, entity_id FROM grams WHERE instr(g, ' ') = 0
            """).run(values)
    }

    /// Removes from name_bigrams the bigrams of every name entity `id` has now, one primary-key lookup each
    /// (migration 015 dropped the index by entity).
    static func removeBigrams(ofEntity id: Int64, db: Database) throws(StorageError) {
        try db.statement(bigramPositions(of: """
            SELECT id, norm FROM entities WHERE id = ?1
            UNION SELECT entity_id, norm FROM entity_names WHERE entity_id = ?1
            """) + """
            DELETE FROM name_bigrams WHERE entity_id = ?1 AND bigram IN (SELECT substr(norm, i, 2) FROM grams)
            """).run([.int(id)])
    }

    /// The common table `grams(entity_id, norm, i)`: every start `i` of a two-character substring of each name
    /// `source` selects as (entity_id, norm), shared by addBigrams and removeBigrams so both cut names alike.
    private static func bigramPositions(of source: String) -> String {
        """
        WITH RECURSIVE src(entity_id, norm) AS (\(source)),
            grams(entity_id, norm, i) AS (
                SELECT entity_id, norm, 1 FROM src WHERE length(norm) >= 2
                UNION ALL SELECT entity_id, norm, i + 1 FROM grams WHERE i + 2 <= length(norm))

        """
    }

    /// An entity from before the batch that took a fuller name, with the folded name it had.
    typealias Rename = (id: Int64, oldNorm: String)

    /// The first rename of an entity in a batch holds the norm its index entry was made with; later ones are
    /// renames of a name the batch itself wrote.
    private static func keepFirstRenames(_ renames: [Rename], in renamed: inout [Int64: String]) {
        for r in renames where renamed[r.id] == nil { renamed[r.id] = r.oldNorm }
    }

    /// Writes one article's rows; returns its result, what it adds to the entity counters, the entities from
    /// before `marks` it renamed and the surname-only people its full names ask to take in.
    /// `keeping`: the id and received time of an article whose analysis is being replaced (its row was deleted in
    /// this transaction, ArticleWriter+Replace), which the new row takes instead of new ones.
    private static func write(_ p: PreparedArticle, marks: Marks, into db: Database,
                                      keeping: (id: Int64, createdAt: String)? = nil) throws(StorageError)
        -> (InsertResult, [Int64: EntityDelta], [Rename], [SurnameMerge]) {
        let a = p.article
        let articleId: Int64
        if let keeping {
            try db.statement("""
                INSERT INTO articles(id, content_hash, text, date, sort_date, title, url, created_at, analysis)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).run([.int(keeping.id), .text(a.contentHash), .text(a.text), .text(a.date), .text(p.sortDate),
                          .text(a.title), .text(a.url), .text(keeping.createdAt), .blob(a.analysisJSON)])
            articleId = keeping.id
        } else {
            if let id = try db.scalarInt("SELECT id FROM articles WHERE content_hash = ?", [.text(a.contentHash)]) {
                return (InsertResult(id: id, created: false), [:], [], [])
            }
            try db.statement("""
                INSERT INTO articles(content_hash, text, date, sort_date, title, url, analysis)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """).run([.text(a.contentHash), .text(a.text), .text(a.date), .text(p.sortDate), .text(a.title),
                          .text(a.url), .blob(a.analysisJSON)])
            articleId = db.lastInsertRowID
        }

        // One article_entities row per global entity: mention counts summed, the first role given kept, and the
        // article's name forms of it (each folded form once, first spelling kept) as a JSON object.
        var global: [Int: Int64] = [:]  // local entity id → entity id
        // The link's type is the one of the article's entities with most mentions (the first of equals).
        var links: [(entityId: Int64, role: String?, mentions: Int, type: String, typeMentions: Int,
                     forms: [(norm: String, alias: String)], gender: Int)] = []
        var articleGenders: [Int64: Int] = [:]  // entity id → the PersonGenders bits this article gave it so far
        var linkIndex: [Int64: Int] = [:]
        struct FormKey: Hashable { let entityId: Int64, norm: String }
        var seenForms: Set<FormKey> = []  // each (entity, folded form) counts once per article
        var names: [SQLValue] = []  // entity_names rows for the whole article, written after the last entity
        var newForms: [(entityId: Int64, norm: String, type: String)] = []
        var renames: [Rename] = []
        var merges: [SurnameMerge] = []
        let byKey = try db.statement("SELECT id, genders FROM entities WHERE key = ?")
        for (e, pe) in zip(a.entities, p.entities) {
            let entityId = try resolve(e, pe, formsOfThisArticle: newForms, articleGenders: articleGenders,
                                       marks: marks, renames: &renames, byKey: byKey, db: db)
            global[e.localId] = entityId
            if pe.gender != 0 { articleGenders[entityId, default: 0] |= pe.gender }
            if let m = try surnameMerge(resolved: entityId, norm: pe.norm, type: e.type, byKey: byKey) {
                merges.append(m)
            }
            let i: Int
            if let known = linkIndex[entityId] {
                i = known
                links[i].mentions += e.mentionCount
                if links[i].role == nil { links[i].role = e.role }
                if e.mentionCount > links[i].typeMentions {
                    (links[i].type, links[i].typeMentions) = (e.type, e.mentionCount)
                }
                links[i].gender |= pe.gender
            } else {
                i = links.count
                linkIndex[entityId] = i
                links.append((entityId, e.role, e.mentionCount, e.type, e.mentionCount, [], pe.gender))
            }
            for form in pe.forms where seenForms.insert(FormKey(entityId: entityId, norm: form.norm)).inserted {
                links[i].forms.append(form)
                names += [.int(entityId), .text(form.norm), .text(form.alias)]
                newForms.append((entityId, form.norm, e.type))
            }
        }
        // A few multi-row statements instead of one per form (about 17 an article); resolve() saw these forms in
        // newForms as if they were in the table already. A known form is rewritten only for a smaller spelling
        // (migration 014: no per-form article count, whose row updates were a tenth of every commit's pages).
        try insertRows("INSERT INTO entity_names(entity_id, norm, alias)", columns: 3, values: names, tail: """
                        ON CONFLICT(entity_id, norm) DO UPDATE SET alias = excluded.alias WHERE excluded.alias < alias
                        """, db: db)
        var deltas: [Int64: EntityDelta] = [:]
        var linkValues: [SQLValue] = []
        linkValues.reserveCapacity(links.count * 7)
        // A link's gender is what the article says of it; two of its entities of different genders that the
        // store took for one person say nothing.
        let genderName = [PersonGenders.male: "male", PersonGenders.female: "female"]
        let addGender = try db.statement("UPDATE entities SET genders = genders | ?1 WHERE id = ?2 AND genders & ?1 = 0")
        for l in links {
            let gender = genderName[l.gender]
            linkValues += [.int(articleId), .int(l.entityId), .text(l.role), .int(l.mentions),
                           .text(l.forms.isEmpty ? nil : formsJSON(l.forms)), .text(l.type), .text(gender)]
            if gender != nil { try addGender.run([.int(l.gender), .int(l.entityId)]) }
            deltas[l.entityId] = EntityDelta(articles: 1, mentions: l.mentions, firstSeen: p.sortDate,
                                             lastSeen: p.sortDate, type: l.type)
        }
        try insertRows("INSERT INTO article_entities(article_id, entity_id, role, mention_count, forms, type, gender)",
                       columns: 7, values: linkValues, db: db)
        // Quotes, events and their entity links go in multi-row INSERTs too (about 16 rows an article, a sixth of the
        // writer's statement time): each statement's reset, bind calls and step are paid once for up to 16 rows.
        var quoteValues: [SQLValue] = []
        quoteValues.reserveCapacity(a.quotes.count * 12)
        for (q, norm) in zip(a.quotes, p.speakerNorms) {
            // The speaker filter finds a quote through its speaker entity's names (entity_names, where this
            // article's forms stay as long as the article) or, failing that, through speaker_norm: a name that is
            // already one of this article's forms of the speaker entity is left out of the speaker_norm index.
            let speaker = q.speakerLocalEntityId.flatMap { global[$0] }
            var indexedNorm = norm
            if let speaker, let norm, seenForms.contains(FormKey(entityId: speaker, norm: norm)) { indexedNorm = nil }
            quoteValues += [.int(articleId), .int(speaker), .text(q.speakerName), .text(indexedNorm),
                            .text(q.text), .text(q.kind), .int(q.start), .int(q.end), .text(q.cue), .text(q.rule),
                            .double(q.confidence), .text(p.sortDate)]
        }
        try insertRows("""
            INSERT INTO quotes(article_id, speaker_entity_id, speaker_name, speaker_norm, text, kind, start, "end",
                               cue, rule, confidence, article_date)
            """, columns: 12, values: quoteValues, db: db)
        if !a.events.isEmpty {
            try insertEvents(a.events, p.events, articleId: articleId, articleDate: p.sortDate, global: global, db: db)
        }
        return (InsertResult(id: articleId, created: true), deltas, renames, merges)
    }

    /// Most rows one multi-row INSERT carries: each statement step costs about as much as a few rows.
    static let rowsPerInsert = 16

    /// Runs `head VALUES row, row, ... tail` over `values` (`columns` per row, `row` is `(?, ...)` unless given),
    /// up to rowsPerInsert rows a statement.
    private static func insertRows(_ head: String, row: String? = nil, columns: Int, values: [SQLValue],
                                   tail: String = "", db: Database) throws(StorageError) {
        let row = row ?? "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        var start = 0
        while start < values.count {
            let rows = min(rowsPerInsert, (values.count - start) / columns)
            let sql = head + " VALUES " + Array(repeating: row, count: rows).joined(separator: ", ") + " " + tail
            try db.statement(sql).run(Array(values[start..<(start + rows * columns)]))
            start += rows * columns
        }
    }

    /// `{"folded form":"spelling",...}`: what SQLite's json_each reads back (key, value) in the delete trigger.
    static func formsJSON(_ forms: [(norm: String, alias: String)]) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(forms.reduce(2) { $0 + $1.norm.utf8.count + $1.alias.utf8.count + 6 })
        for (i, form) in forms.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            appendJSONString(form.norm, to: &out)
            out.append(UInt8(ascii: ":"))
            appendJSONString(form.alias, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// `s` as a JSON string literal.
    static func jsonString(_ s: String) -> String {
        var out: [UInt8] = []
        appendJSONString(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `s` as a JSON string literal, in bytes: a quote, a backslash and the controls below 0x20 escaped
    /// (as \u00xx), every other byte as it is (UTF-8 continuation and lead bytes are all 0x80 or above).
    private static func appendJSONString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                        hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default:
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    // MARK: - Entities

    /// `formsOfThisArticle`: name forms this article gave earlier entities, not yet in entity_names;
    /// `articleGenders`: the gender bits this article gave entities so far (not yet in entities.genders). A rename
    /// of an entity from before `marks` (already in the name index) is added to `renames`. `byKey`: the entity
    /// lookup by key, (id, genders) (looked up once an article by the caller).
    private static func resolve(_ e: NewEntity, _ p: PreparedArticle.Entity,
                                formsOfThisArticle: [(entityId: Int64, norm: String, type: String)],
                                articleGenders: [Int64: Int],
                                marks: Marks, renames: inout [Rename], byKey: Statement,
                                db: Database) throws(StorageError) -> Int64 {
        // A surname alone whose article says its gender keeps away from people of the other gender.
        let guarded = p.isOneWordPerson && p.gender != 0
        func conflicts(_ id: Int64, _ genders: Int) -> Bool {
            PersonGenders.conflict(p.gender, genders | (articleGenders[id] ?? 0))
        }
        var key = p.key
        if guarded, let id = try byKey.first([.text(PersonGenders.key(p.key, bit: p.gender))], { $0.int64(0) }) {
            return id
        }
        if let (id, genders) = try byKey.first([.text(p.key)], { ($0.int64(0), $0.int(1)) }) {
            guard guarded, conflicts(id, genders) else { return id }
            key = PersonGenders.key(p.key, bit: p.gender)  // the plain key is the other gender's
        }

        // entity_names holds each (entity, form) once, so two rows mean two entities. An entity's types are all
        // of one class (its key's), so its shown type tells the class.
        let isPerson = e.type == EntityTypes.person
        let otherGender = guarded ? (PersonGenders.male | PersonGenders.female) & ~p.gender : 0
        var byAlias = Set(try db.statement("""
            SELECT n.entity_id FROM entity_names n JOIN entities e ON e.id = n.entity_id
            WHERE n.norm = ? AND (e.type = ?) = ? AND e.genders & ? = 0 LIMIT 2
            """).rows([.text(p.norm), .text(EntityTypes.person), .int(isPerson ? 1 : 0), .int(otherGender)]) {
                $0.int64(0)
            })
        for f in formsOfThisArticle where f.norm == p.norm && EntityTypes.sameClass(f.type, e.type) {
            byAlias.insert(f.entityId)
        }
        if guarded {
            let genders = try db.statement("SELECT genders FROM entities WHERE id = ?")
            for id in byAlias where conflicts(id, try genders.first([.int(id)]) { $0.int(0) } ?? 0) {
                byAlias.remove(id)
            }
        }
        if byAlias.count == 1, let id = byAlias.first { return id }

        var candidates: Set<Int64> = []
        for alias in p.aliasNorms {
            if let (id, genders) = try byKey.first([.text(EntityTypes.key(type: e.type, norm: alias))],
                                                   { ($0.int64(0), $0.int(1)) }),
               !conflicts(id, genders),
               try !surnameOfAnother(alias, isPerson: isPerson, db: db) {
                candidates.insert(id)
            }
        }
        if candidates.count == 1, let id = candidates.first {
            // The key is free (step 1 found nothing, or only the other gender's), so the fuller name can take over.
            let oldNorm = try db.statement("SELECT norm FROM entities WHERE id = ?").first([.int(id)]) { $0.text(0) }
            try db.statement("UPDATE entities SET name = ?, norm = ?, key = ? WHERE id = ? AND length(norm) < ?")
                .run([.text(e.name), .text(p.norm), .text(key), .int(id), .int(p.norm.count)])
            if db.changes > 0, id <= marks.entities, let oldNorm { renames.append((id, oldNorm)) }
            return id
        }

        try db.statement("INSERT INTO entities(key, norm, name, type) VALUES (?, ?, ?, ?)")
            .run([.text(key), .text(p.norm), .text(e.name), .text(e.type)])
        return db.lastInsertRowID
    }

    /// Whether `alias` is a person's surname alone that another stored person of several words has: the
    /// surname-only person may be that one (step 3 then keeps it, as the surname merge does). On the BBC articles
    /// "Mr White" (Jimmy White, snooker) became the rugby coach Jake White beside a stored Kelli White, and the
    /// politics pages' "Blair" became Mark Blair beside Tony Blair.
    /// Asked of the people-by-surname index, which reads entities as they are now: people this batch created or
    /// renamed count ("Kate Bush" and "George W Bush" arriving in one batch keep "Bush" apart, and so does a "Kate"
    /// that an article of the batch renamed "Kate Bush"). The name-search index, asked before, is filled when the
    /// batch ends, so the answer hung on how the group commit had batched the articles.
    private static func surnameOfAnother(_ alias: String, isPerson: Bool, db: Database) throws(StorageError) -> Bool {
        // (Aliases too short for a name-search phrase were never looked for; they still are not.)
        guard isPerson, !alias.contains(" "), Fold.trigramPhrase(" " + alias) != nil else { return false }
        // The article's own full name is not stored yet (or is this step's rename target): any such person counts.
        return try PeopleBySurname.hasPerson(withSurname: alias, besides: 0, db: db)
    }

    // MARK: - Quotes and events

    /// Writes an article's events and their entity links. The events take the ids SQLite would give them one by one
    /// (one above the largest), named in the INSERT, so the links know them without a statement per event.
    private static func insertEvents(_ events: [NewEvent], _ prepared: [PreparedArticle.Event], articleId: Int64,
                                     articleDate: String, global: [Int: Int64],
                                     db: Database) throws(StorageError) {
        let last = try db.scalarInt("SELECT max(id) FROM events") ?? 0
        var rows: [SQLValue] = []
        rows.reserveCapacity(events.count * 11)
        var links: [SQLValue] = []
        for (i, (ev, p)) in zip(events, prepared).enumerated() {
            let eventId = last + 1 + Int64(i)
            let period = p.period
            rows += [.int(eventId), .int(articleId), .text(ev.date), .text(ev.granularity),
                     period.map { .int($0.startDay) } ?? .null, period.map { .int($0.endDay) } ?? .null,
                     .int(p.sortKey), .int(ev.start), .int(ev.end), .text(ev.text), .text(articleDate)]
            for local in ev.localEntityIds {
                if let entityId = global[local] { links += [.int(eventId), .int(entityId), .int(p.sortKey)] }
            }
        }
        try insertRows("""
            INSERT INTO events(id, article_id, date, granularity, start_day, end_day, sort_key, start, "end", text,
                               article_date)
            """, columns: 11, values: rows, db: db)
        try insertRows("INSERT OR IGNORE INTO event_entities(event_id, entity_id, sort_key)", columns: 3,
                       values: links, db: db)
    }

    // MARK: - Name search upkeep

    /// Articles written between two merges of the name search indexes.
    static let optimizeEvery = 16_384

    /// Merges each trigram name index into one segment. Entities arrive a few per article, each insert adding a
    /// small segment that every substring query then reads (measured at 100,000 articles: a long name's query
    /// 3.6x faster after the merge). Both tables are small (one row per entity or name form), so this takes
    /// tens of milliseconds; it runs at open and every optimizeEvery articles, in its own transaction.
    static func optimizeNameSearch(_ db: Database) throws(StorageError) {
        try db.transaction { () throws(StorageError) in
            try db.execute("""
                INSERT INTO entities_fts(entities_fts) VALUES ('optimize');
                INSERT INTO entity_names_fts(entity_names_fts) VALUES ('optimize');
                """)
        }
    }

    // MARK: - Delete

    /// Deletes an article and everything it brought, inside the caller's transaction; entities left without
    /// articles are deleted, the others lose this article's counts. False if no such id.
    static func delete(articleId: Int64, from db: Database) throws(StorageError) -> Bool {
        try delete(articleId: articleId, from: db, keepingEmptied: false) != nil
    }

    /// `delete`, returning the ids of the entities the article was linked to (nil if no such id). With
    /// `keepingEmptied`, an entity left without articles stays, with no articles, mentions or names, for the
    /// caller to fill or drop (`dropEmptied`) in the same transaction: a replaced analysis keeps its entities' ids.
    static func delete(articleId: Int64, from db: Database,
                       keepingEmptied: Bool) throws(StorageError) -> [Int64]? {
        db.mixedTypes.removeAll()  // counts fall and entities (and their ids) go: rare enough to start again
        guard let sortDate = try db.statement("SELECT sort_date FROM articles WHERE id = ?")
            .first([.int(articleId)], { $0.text(0) }) else { return nil }
        let affected = try db.statement("""
            SELECT entity_id, mention_count, type, gender FROM article_entities WHERE article_id = ?
            """).rows([.int(articleId)]) { ($0.int64(0), $0.int(1), $0.textOrNil(2), $0.textOrNil(3)) }
        // The names this article alone gave go with it (triggers): drop the bigrams of every name each entity has
        // now, and add back below those of the names left.
        for (id, _, _, _) in affected { try removeBigrams(ofEntity: id, db: db) }
        try db.statement("DELETE FROM articles WHERE id = ?").run([.int(articleId)])
        guard db.changes > 0 else { return nil }
        // Subtracting this article keeps a delete cheap for an entity in thousands of articles; first/last seen
        // are searched again only when this article was the one that set them: its date is one of them and no
        // other article of the entity has that date (on a store of one date, the BBC articles imported with
        // --default-date, the search ran for every entity of every deleted article: 7.5 ms of an article's
        // delete, 0.4 ms with the check; `byline reanalyze` deletes every article it replaces).
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
                AND NOT EXISTS (SELECT 1 FROM article_entities x JOIN articles a ON a.id = x.article_id
                                WHERE x.entity_id = ?1 AND a.sort_date = ?2)
            """)
        let retype = try db.statement("UPDATE entities SET type = coalesce(?, type), type_counts = ? WHERE id = ?")
        // Gender evidence is what the links left say (a link's gender went with it).
        let regender = try db.statement(PersonGenders.recomputeSQL)
        for (id, mentions, type, gender) in affected {
            try subtract.run([.int(mentions), .int(id)])
            if !keepingEmptied { try drop.run([.int(id)]) }
            if gender != nil { try regender.run([.int(id)]) }
            // An entity whose articles gave several types loses this article's from its counts per type.
            if let type, try db.scalarInt("SELECT 1 FROM entities WHERE id = ? AND type_counts IS NOT NULL",
                                          [.int(id)]) != nil,
               var counts = try typeCounts(ofEntity: id, db: db) {
                counts[type, default: EntityTypes.Count(articles: 0, mentions: 0)] +=
                    EntityTypes.Count(articles: -1, mentions: -mentions)
                let kept = counts.filter { $0.value.articles > 0 }
                try retype.run([.text(EntityTypes.majority(kept)), .text(EntityTypes.encode(kept)), .int(id)])
            }
            try reseen.run([.int(id), .text(sortDate)])
            try addBigrams(from: """
                SELECT entity_id, norm FROM entity_names WHERE entity_id = ?1
                UNION ALL SELECT id, norm FROM entities WHERE id = ?1
                """, [.int(id)], db: db)
        }
        return affected.map { $0.0 }
    }

    /// Deletes those of `ids` that have no articles (left by `delete(articleId:from:keepingEmptied:)` and not
    /// filled since), with their name bigrams; the full-text row goes by trigger.
    static func dropEmptied(_ ids: [Int64], from db: Database) throws(StorageError) {
        let empty = try db.statement("SELECT 1 FROM entities WHERE id = ? AND article_count <= 0")
        let drop = try db.statement("DELETE FROM entities WHERE id = ?")
        for id in ids where try empty.first([.int(id)], { $0.int(0) }) != nil {
            try removeBigrams(ofEntity: id, db: db)
            try drop.run([.int(id)])
        }
    }
}
