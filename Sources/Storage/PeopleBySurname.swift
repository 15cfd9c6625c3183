// PeopleBySurname: migration 023, an index of the people of several words by the last word of their folded name,
// and the questions asked of it: by the surname merge (ArticleWriter+SurnameMerge: is there another person with this
// surname; does a person's name start with this word), by merge step 3 (ArticleWriter.surnameOfAnother, which
// must see the people this batch created or renamed), and by the readers' speaker lookup (the people a name ends).
// They were asked of the trigram name index (entities_fts MATCH '" blair"' with norm LIKE '% blair'): every batch
// leaves a small segment there, so a query looked up each of its trigrams in every segment (about 60 lookups of the
// segment index at ten segments), and SQLite prepared the statement again for every new LIKE pattern (a bound LIKE
// pattern marks it for that). The merge asks at every
// batch's end for each full name of a surname kept apart ("Tony Blair" beside "Cherie Blair"), about one question
// an article on the BBC articles: 8-14 % of the writer's CPU samples, 0.2 ms a question. Here each is one lookup.
//
// The answers are the same: a folded name has no capital letter (LIKE ignores ASCII case) and a single space between
// words, a surname here is one word, so "ends with ' ' + surname" is "has a space, and its last word is surname";
// the trigram index holds every entity under its name when the merge runs (finish indexes the batch's first).
// Step 3 runs before that, so there the trigram index lacked the batch's renames; this index, on entities itself,
// has them.
enum PeopleBySurname {
    /// The last word of a folded name (`norm`): what follows its last space. rtrim drops from the end every
    /// character the name has but the space, so what it leaves ends at the last space. SQLite uses the index only for
    /// queries that repeat this expression; the migration spells it out, and a test holds the two together.
    static let lastWord = "substr(norm, length(rtrim(norm, replace(norm, ' ', ''))) + 1)"

    /// Which entities the index holds: people with a name of several words (its queries repeat it, as the planner
    /// uses a partial index only for a query whose WHERE implies the index's).
    static let indexed = "type = 'PER' AND instr(norm, ' ') > 0"

    static let migration = Migration(name: "023-people-by-surname", sql: """
        CREATE INDEX entities_people_by_surname
            ON entities(substr(norm, length(rtrim(norm, replace(norm, ' ', ''))) + 1))
            WHERE type = 'PER' AND instr(norm, ' ') > 0;
        """)

    /// Whether a person of several words other than `besides` has the last word `surname` (one word).
    static func hasPerson(withSurname surname: String, besides: Int64, db: Database) throws(StorageError) -> Bool {
        try db.scalarInt("SELECT 1 FROM entities WHERE \(indexed) AND \(lastWord) = ?1 AND id <> ?2 LIMIT 1",
                         [.text(surname), .int(besides)]) != nil
    }

    /// The people of several words whose last word is `surname` (one word), at most `limit` of them.
    static func people(withSurname surname: String, limit: Int, db: Database) throws(StorageError) -> [Int64] {
        try db.statement("SELECT id FROM entities WHERE \(indexed) AND \(lastWord) = ?1 LIMIT ?2")
            .rows([.text(surname), .int(Int64(limit))]) { $0.int64(0) }
    }

    /// The people of several words whose folded name ends with the words of `norm` ("w bush": George W Bush; a
    /// one-word `norm` is a surname), with their article counts: the reader's speaker lookup (ArticleReader.entityIds).
    /// The index finds the people of `norm`'s last word; the suffix test keeps those ending with all of it.
    static func people(endingWith norm: String, db: Database) throws(StorageError) -> [(id: Int64, articles: Int64)] {
        let surname = norm.split(separator: " ").last.map(String.init) ?? norm
        return try db.statement("""
            SELECT id, article_count FROM entities
            WHERE \(indexed) AND \(lastWord) = ?1 AND substr(norm, -length(?2)) = ?2
            """).rows([.text(surname), .text(" " + norm)]) { (id: $0.int64(0), articles: $0.int64(1)) }
    }

    /// Whether entity `id` is a person of several words whose last word is `surname` (one word).
    static func isPerson(_ id: Int64, withSurname surname: String, db: Database) throws(StorageError) -> Bool {
        try db.scalarInt("SELECT 1 FROM entities WHERE id = ?1 AND \(indexed) AND \(lastWord) = ?2",
                         [.int(id), .text(surname)]) != nil
    }

    /// Whether some person's folded name starts with the word `word` and goes on ("charles kennedy" for "charles"):
    /// a range of entities_by_norm, the names from `word + " "` up to `word + "!"` (the character after the space).
    static func hasPerson(startingWith word: String, db: Database) throws(StorageError) -> Bool {
        try db.scalarInt("SELECT 1 FROM entities WHERE norm >= ?1 AND norm < ?2 AND type = 'PER' LIMIT 1",
                         [.text(word + " "), .text(word + "!")]) != nil
    }
}
