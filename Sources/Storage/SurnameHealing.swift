// SurnameHealing: the surname merge (ArticleWriter+SurnameMerge) run over a whole store, for stores written before
// the merge existed (or before a rule of it changed): a surname-only person ("Bush") whose surname exactly one
// person of several words has ("George W Bush") otherwise waits for that person's next article. Every surname-only
// person is tried with the same checks as on write (one full name of that surname, no name starting with it, no
// gender telling them apart), in one transaction: all of it or nothing. Running it again finds nothing more to do
// unless new articles changed the store.

/// One surname-only person merged into the full-name person of that surname.
public struct PeopleMerged: Sendable, Equatable {
    public var surnameId: Int64
    public var surnameName: String
    /// The surname-only person's articles, now the full-name person's.
    public var articles: Int
    public var fullId: Int64
    public var fullName: String
}

extension ArticleWriter {
    /// Merges every surname-only person that the write-time rule would merge now. `apply: false` answers the
    /// same list and rolls everything back.
    static func healSurnames(apply: Bool, db: Database) throws(StorageError) -> [PeopleMerged] {
        try db.execute("BEGIN IMMEDIATE")
        do {
            // Surname-only people under their plain key (one whose gender keyed it apart from the plain key's owner
            // is left alone, as on write).
            let surnames = try db.statement("""
                SELECT id, norm, name, article_count FROM entities
                WHERE type = ?1 AND key = ?1 || ':' || norm AND instr(norm, ' ') = 0 AND length(norm) >= 2
                ORDER BY id
                """).rows([.text(EntityTypes.person)]) { ($0.int64(0), $0.text(1), $0.text(2), $0.int(3)) }
            var planned: [(SurnameMerge, String, Int)] = []
            for (id, norm, name, articles) in surnames {
                // Two full names of that surname: stillHolds would refuse; one is the candidate.
                let full = try PeopleBySurname.people(withSurname: norm, limit: 2, db: db)
                guard full.count == 1 else { continue }
                planned.append((SurnameMerge(surnameEntity: id, fullEntity: full[0], surname: norm), name, articles))
            }
            var merged: [PeopleMerged] = []
            let nameOf = try db.statement("SELECT name FROM entities WHERE id = ?")
            for (m, name, articles) in planned {
                guard try !mergeSurnameEntities([m], db: db).isEmpty else { continue }
                merged.append(PeopleMerged(surnameId: m.surnameEntity, surnameName: name, articles: articles,
                                           fullId: m.fullEntity,
                                           fullName: try nameOf.first([.int(m.fullEntity)]) { $0.text(0) } ?? ""))
            }
            try db.execute(apply ? "COMMIT" : "ROLLBACK")
            return merged
        } catch {
            db.rollback()
            throw error
        }
    }
}

extension ArticleStore {
    /// Merges into the full-name person of their surname every surname-only person the store's merge rule takes
    /// in now (ArticleWriter+SurnameMerge), in one transaction; with `apply: false` only lists them. Idempotent.
    public func mergeSurnameOnlyPeople(apply: Bool = true) throws(StorageError) -> [PeopleMerged] {
        try withWriter { db throws(StorageError) in try ArticleWriter.healSurnames(apply: apply, db: db) }
    }
}
