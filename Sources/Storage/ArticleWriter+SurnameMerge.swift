// ArticleWriter+SurnameMerge: a person stored under a surname alone ("Bush", from articles that never gave the
// full name) joins the full-name person of that surname ("George W Bush") once both are in the store, so the two
// are not two entities for ever. The merge steps in ArticleWriter cannot do it when the surname-only entity came
// first and the full-name article did not write the surname alone (no alias to find it by), or when the full-name
// entity already existed: the key lookup (step 1) finds it before any alias is tried.
//
// The rule: an article resolves a person whose folded name has several words; an entity PER:<its last word>
// exists; and, when the batch is written, no other person of several words ends with that surname (a second
// "Kate Bush" leaves "Bush" alone: it could be either) and no person's name starts with it (then it may be a
// given name: "Charles", "Gordon"). Then every row of the surname-only entity moves to the full-name one: article
// links (an article linking both keeps one link, mentions summed, both forms), roles, name forms and their
// bigrams, quote speakers, event links, and the counts; the surname-only entity goes (and its trigram index entry
// with it). Later "Bush"-only articles find the full name through its alias "bush" (step 2).
// Nor does it when the two disagree on gender (PersonGenders): "Blair" from articles that wrote "Mrs Blair" stays
// apart from a Tony Blair whose articles call him "Mr Blair" or give his given name.
//
// It runs at the end of `finish`, once per batch, after the batch's counts and index rows are written: every
// trigram index then agrees with its table, so the delete triggers remove exactly what was indexed.
extension ArticleWriter {
    /// A surname-only person (`surnameEntity`, whose folded name is `surname`) and the person of several words
    /// ending with it that an article of the batch resolved.
    struct SurnameMerge: Equatable {
        let surnameEntity: Int64
        let fullEntity: Int64
        let surname: String
    }

    /// The last word of a person's folded name of several words (nil for one word, another type, or a one-letter
    /// last word, which is an initial rather than a surname).
    static func surname(ofPerson norm: String, type: String) -> String? {
        guard type == EntityTypes.person, let space = norm.lastIndex(of: " ") else { return nil }
        let last = String(norm[norm.index(after: space)...])
        return last.unicodeScalars.count >= 2 ? last : nil
    }

    /// The merge a resolved entity asks for: its surname names an existing surname-only person other than it.
    static func surnameMerge(resolved id: Int64, norm: String, type: String,
                             byKey: Statement) throws(StorageError) -> SurnameMerge? {
        guard let surname = surname(ofPerson: norm, type: type),
              let other = try byKey.first([.text(EntityTypes.key(type: type, norm: surname))], { $0.int64(0) }),
              other != id else { return nil }
        return SurnameMerge(surnameEntity: other, fullEntity: id, surname: surname)
    }

    /// Carries out the batch's merges (the first one asked for each surname-only entity), each only if it still
    /// holds: both entities there with their names, no third person of several words with that surname, and no
    /// gender that tells them apart. Returns those carried out.
    @discardableResult
    static func mergeSurnameEntities(_ merges: [SurnameMerge], db: Database) throws(StorageError) -> [SurnameMerge] {
        var done: Set<Int64> = []
        var carried: [SurnameMerge] = []
        for m in merges where done.insert(m.surnameEntity).inserted {
            guard try stillHolds(m, db: db) else { continue }
            // A merge refused for its own rows (a constraint) is undone alone: the batch's articles are written
            // either way, and the two entities stay as they were.
            try db.statement("SAVEPOINT surname_merge").run()
            do {
                try merge(m.surnameEntity, into: m.fullEntity, db: db)
                try db.statement("RELEASE surname_merge").run()
                carried.append(m)
            } catch {
                guard isArticleLocal(error), db.isInTransaction,
                      (try? db.execute("ROLLBACK TO surname_merge; RELEASE surname_merge")) != nil else { throw error }
            }
        }
        return carried
    }

    private static func stillHolds(_ m: SurnameMerge, db: Database) throws(StorageError) -> Bool {
        // (A surname is one word of two characters or more: surname(ofPerson:), SurnameHealing.)
        guard m.surname.unicodeScalars.count >= 2,
              try db.scalarInt("SELECT 1 FROM entities WHERE id = ? AND key = ?",
                               [.int(m.surnameEntity), .text(EntityTypes.key(type: EntityTypes.person,
                                                                              norm: m.surname))]) != nil,
              try !PersonGenders.conflict(
                  Int(db.scalarInt("SELECT genders FROM entities WHERE id = ?", [.int(m.surnameEntity)]) ?? 0),
                  Int(db.scalarInt("SELECT genders FROM entities WHERE id = ?", [.int(m.fullEntity)]) ?? 0)),
              try PeopleBySurname.isPerson(m.fullEntity, withSurname: m.surname, db: db) else { return false }
        guard try !PeopleBySurname.hasPerson(withSurname: m.surname, besides: m.fullEntity, db: db) else {
            return false
        }
        // A one-word name that a stored person's name starts with ("Charles" of Charles Kennedy, "Gordon" of
        // Gordon Brown) is as likely a given name as a surname: on the BBC articles such merges were mostly wrong
        // ("Charles" into Ray Charles, "David" into Craig David, "Gordon" into Craig Gordon).
        guard try !PeopleBySurname.hasPerson(startingWith: m.surname, db: db) else { return false }
        // The full name must be one some article calls by the surname alone (a form of its name). A full name
        // named once in passing ("Sgt Pepper", "Jonathan Swift", "Crouching Tiger", "Dizzy Gillespie") took in
        // every lone "Pepper", "Swift", "Tiger" or team-sheet "Gillespie": of the 32 merges left to make in the
        // BBC store, 21 were wrong, all of full names never written by the surname alone. A person the news
        // follows is soon called "Bush" or "Beckham", and the merge is made then.
        return try db.scalarInt("SELECT 1 FROM entity_names WHERE entity_id = ? AND norm = ?",
                                [.int(m.fullEntity), .text(m.surname)]) != nil
    }

    /// Moves every row of entity `s` to entity `x` and deletes `s`. Both are people (type PER, no type_counts), or
    /// the caller brings x's type and type_counts up to date (ApostropheFolding).
    static func merge(_ s: Int64, into x: Int64, db: Database) throws(StorageError) {
        let ids: [SQLValue] = [.int(s), .int(x)]
        // An article linking both keeps x's link: mentions summed, role x's else s's (the role trigger counts it
        // for x), gender the one they say (none when they disagree), each form once with its smallest spelling.
        // s's link loses its forms before it goes, so the forms trigger leaves the names (they move below).
        try db.statement("""
            UPDATE article_entities SET
                mention_count = mention_count + (SELECT o.mention_count FROM article_entities o
                                                 WHERE o.article_id = article_entities.article_id AND o.entity_id = ?1),
                role = coalesce(role, (SELECT o.role FROM article_entities o
                                       WHERE o.article_id = article_entities.article_id AND o.entity_id = ?1)),
                gender = (SELECT CASE WHEN article_entities.gender IS NULL THEN o.gender
                                      WHEN o.gender IS NULL OR o.gender = article_entities.gender
                                          THEN article_entities.gender END
                          FROM article_entities o
                          WHERE o.article_id = article_entities.article_id AND o.entity_id = ?1),
                forms = (SELECT nullif(json_group_object(key, value), '{}') FROM
                            (SELECT j.key, min(j.value) AS value FROM article_entities o, json_each(o.forms) j
                             WHERE o.article_id = article_entities.article_id AND o.entity_id IN (?1, ?2)
                             GROUP BY j.key))
            WHERE entity_id = ?2 AND article_id IN (SELECT article_id FROM article_entities WHERE entity_id = ?1)
            """).run(ids)
        try db.statement("""
            UPDATE article_entities SET forms = NULL
            WHERE entity_id = ?1 AND article_id IN (SELECT article_id FROM article_entities WHERE entity_id = ?2)
            """).run(ids)
        try db.statement("""
            DELETE FROM article_entities
            WHERE entity_id = ?1 AND article_id IN (SELECT article_id FROM article_entities WHERE entity_id = ?2)
            """).run(ids)
        try db.statement("UPDATE article_entities SET entity_id = ?2 WHERE entity_id = ?1").run(ids)

        // Roles: the moved links' counts (a changed entity_id fires no role trigger).
        try db.statement("""
            INSERT INTO entity_roles(entity_id, role, articles) SELECT ?2, role, articles FROM entity_roles
            WHERE entity_id = ?1 ON CONFLICT(entity_id, role) DO UPDATE SET articles = articles + excluded.articles
            """).run(ids)
        try db.statement("DELETE FROM entity_roles WHERE entity_id = ?1").run([.int(s)])

        // Name forms: s's bigrams go (read from its names while they are still its own); a form both have keeps
        // the smaller spelling in x's row and s's row goes (with its index entry, by the delete trigger); the
        // others move (their norm, which the trigram index holds, unchanged). Then x's bigrams of every name.
        try removeBigrams(ofEntity: s, db: db)
        try db.statement("""
            UPDATE entity_names SET alias = (SELECT o.alias FROM entity_names o
                                             WHERE o.entity_id = ?1 AND o.norm = entity_names.norm)
            WHERE entity_id = ?2 AND alias > (SELECT o.alias FROM entity_names o
                                              WHERE o.entity_id = ?1 AND o.norm = entity_names.norm)
            """).run(ids)
        try db.statement("UPDATE OR IGNORE entity_names SET entity_id = ?2 WHERE entity_id = ?1").run(ids)
        try db.statement("DELETE FROM entity_names WHERE entity_id = ?1").run([.int(s)])
        try addBigrams(from: "SELECT entity_id, norm FROM entity_names WHERE entity_id = ?1", [.int(x)], db: db)

        try db.statement("UPDATE quotes SET speaker_entity_id = ?2 WHERE speaker_entity_id = ?1").run(ids)
        try db.statement("UPDATE OR IGNORE event_entities SET entity_id = ?2 WHERE entity_id = ?1").run(ids)
        try db.statement("DELETE FROM event_entities WHERE entity_id = ?1").run([.int(s)])

        // x's counts and dates from its links, now all of both (s's were brought up to date by finish).
        // Gender bits from the links, as a delete recomputes them: one article saying both of the two it merged
        // leaves that link without a gender (above), so the bits never hold what no link says.
        try db.statement(PersonGenders.recomputeSQL).run([.int(x)])
        try db.statement("""
            UPDATE entities SET
                article_count = (SELECT count(*) FROM article_entities WHERE entity_id = ?1),
                mention_count = (SELECT coalesce(sum(mention_count), 0) FROM article_entities WHERE entity_id = ?1),
                first_seen = (SELECT min(a.sort_date) FROM article_entities x JOIN articles a ON a.id = x.article_id
                              WHERE x.entity_id = ?1),
                last_seen = (SELECT max(a.sort_date) FROM article_entities x JOIN articles a ON a.id = x.article_id
                             WHERE x.entity_id = ?1)
            WHERE id = ?1
            """).run([.int(x)])
        try db.statement("DELETE FROM entities WHERE id = ?").run([.int(s)])
    }
}
