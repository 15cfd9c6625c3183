// ApostropheFolding: migration 021, for stores written before names folded their apostrophe marks (Fold.apostrophes).
// Their folded names kept "o’neill" apart from "o'neill": `speaker=O'Neill` found no quote of an "O’Neill", and an
// O'Neill from one source and an O’Neill from another were two people. Every stored folded name is folded again:
// quote speaker names, the link rows' name forms, entity_names and the entities' own names and keys, with their
// trigram index entries and bigrams. Entities whose keys become one merge as the surname merge merges them
// (ArticleWriter.merge): into the one in most articles, then the lowest id, which keeps its display name as
// written. Display names and spellings are never changed.
enum ApostropheFolding {
    static let migration = Migration(name: "021-apostrophes-folded", sql: namesSQL, code: foldEntities)

    private static func fold(_ e: String) -> String { Fold.apostrophesSQL(e) }
    private static func has(_ e: String) -> String { Fold.hasApostropheMarkSQL(e) }

    /// Quote speakers, link forms and entity_names. A form that folds onto another form of the same entity goes
    /// (the delete trigger takes it out of the trigram index); the survivor's spelling is again the smallest of its
    /// articles' spellings. The trigram entries of renamed forms are replaced by hand (no update trigger).
    static let namesSQL = """
        UPDATE quotes SET speaker_norm = \(fold("speaker_norm"))
            WHERE speaker_norm IS NOT NULL AND \(has("speaker_norm"));
        UPDATE article_entities SET forms = (
                SELECT json_group_object(k, v) FROM (
                    SELECT \(fold("j.key")) AS k, min(j.value) AS v FROM json_each(article_entities.forms) j GROUP BY k))
            WHERE forms IS NOT NULL AND \(has("forms"));

        CREATE TEMP TABLE name_fold(id INTEGER PRIMARY KEY, entity_id INTEGER NOT NULL, norm TEXT NOT NULL);
        INSERT INTO name_fold(id, entity_id, norm) SELECT id, entity_id, \(fold("norm")) FROM entity_names
            WHERE \(has("norm"));
        DELETE FROM entity_names WHERE id IN (
            SELECT f.id FROM name_fold f
            WHERE EXISTS (SELECT 1 FROM entity_names n WHERE n.entity_id = f.entity_id AND n.norm = f.norm)
               OR EXISTS (SELECT 1 FROM name_fold o WHERE o.entity_id = f.entity_id AND o.norm = f.norm AND o.id < f.id));
        INSERT INTO entity_names_fts(entity_names_fts, rowid, norm)
            SELECT 'delete', n.id, n.norm FROM entity_names n JOIN name_fold f ON f.id = n.id;
        UPDATE entity_names SET norm = (SELECT f.norm FROM name_fold f WHERE f.id = entity_names.id)
            WHERE id IN (SELECT id FROM name_fold);
        INSERT INTO entity_names_fts(rowid, norm)
            SELECT id, norm FROM entity_names WHERE id IN (SELECT id FROM name_fold);
        UPDATE entity_names SET alias = coalesce(
                (SELECT min(j.value) FROM article_entities x, json_each(x.forms) j
                 WHERE x.entity_id = entity_names.entity_id AND j.key = entity_names.norm), alias)
            WHERE (entity_id, norm) IN (SELECT entity_id, norm FROM name_fold);
        DELETE FROM name_bigrams WHERE \(has("bigram"));
        """

    /// One entity whose folded name holds an apostrophe mark, or the entity already holding its folded key.
    private struct Member {
        let id: Int64
        let articles: Int
        let genders: Int
        let type: String
        let norm: String
        let key: String
    }

    /// The entities: renamed where their folded key is free, merged where it is not. A surname-only person whose
    /// gender evidence conflicts with the survivor's stays apart (as the write path keeps them), under its old key
    /// but with its folded name, so name queries find it.
    static func foldEntities(_ db: Database) throws(StorageError) {
        try ArticleWriter.addBigrams(from: "SELECT entity_id, norm FROM entity_names WHERE id IN (SELECT id FROM temp.name_fold)",
                                     [], db: db)
        try db.execute("DROP TABLE temp.name_fold")

        let marked = try db.statement("""
            SELECT id, article_count, genders, type, norm, key, \(fold("norm")), \(fold("key")) FROM entities
            WHERE \(has("norm")) ORDER BY id
            """).rows { r in
                (Member(id: r.int64(0), articles: r.int(1), genders: r.int(2), type: r.text(3), norm: r.text(4),
                        key: r.text(5)), r.text(6), r.text(7))
            }
        var groups: [String: (norm: String, members: [Member])] = [:]
        var order: [String] = []
        for (m, norm, key) in marked {
            if groups[key] == nil { order.append(key) }
            groups[key, default: (norm: norm, members: [])].members.append(m)
        }
        let holder = try db.statement("SELECT id, article_count, genders, type, norm, key FROM entities WHERE key = ?")
        for key in order {
            guard let group = groups[key] else { continue }
            let norm = group.norm
            var members = group.members
            if let m = try holder.first([.text(key)], { r in
                Member(id: r.int64(0), articles: r.int(1), genders: r.int(2), type: r.text(3), norm: r.text(4),
                       key: r.text(5))
            }) { members.append(m) }
            let survivor = members.min { ($0.articles, -$0.id) > ($1.articles, -$1.id) }!
            var keyKeptApart = false  // the entity already holding `key` stays apart: the survivor keeps its own key
            var survivorGenders = survivor.genders  // grows as members merge in (merge ORs their bits)
            for m in members where m.id != survivor.id {
                if !norm.contains(" ") && PersonGenders.conflict(m.genders, survivorGenders) {
                    if m.key == key { keyKeptApart = true } else { try rename(m, norm: norm, key: m.key, db: db) }
                    continue
                }
                try ArticleWriter.merge(m.id, into: survivor.id, db: db)
                survivorGenders |= m.genders
                if survivor.type != EntityTypes.person { try recountTypes(survivor.id, db: db) }
            }
            if survivor.key != key { try rename(survivor, norm: norm, key: keyKeptApart ? survivor.key : key, db: db) }
        }
    }

    /// Gives entity `m` its folded name (and `key`), in the trigram index and the bigrams too.
    private static func rename(_ m: Member, norm: String, key: String, db: Database) throws(StorageError) {
        try db.statement("INSERT INTO entities_fts(entities_fts, rowid, norm) VALUES ('delete', ?, ?)")
            .run([.int(m.id), .text(m.norm)])
        try db.statement("UPDATE entities SET norm = ?, key = ? WHERE id = ?").run([.text(norm), .text(key), .int(m.id)])
        try db.statement("INSERT INTO entities_fts(rowid, norm) VALUES (?, ?)").run([.int(m.id), .text(norm)])
        try ArticleWriter.addBigrams(from: "SELECT id, norm FROM entities WHERE id = ?1", [.int(m.id)], db: db)
    }

    /// The type a merged entity of another class than people shows, and its counts per type while they differ,
    /// from its links (as migration 017 set them).
    private static func recountTypes(_ id: Int64, db: Database) throws(StorageError) {
        try db.statement("""
            UPDATE entities SET
                type = coalesce((SELECT type FROM article_entities WHERE entity_id = ?1 GROUP BY type
                                 ORDER BY count(*) DESC, sum(mention_count) DESC, type LIMIT 1), type),
                type_counts = (SELECT CASE WHEN count(*) > 1 THEN json_group_object(type, json_array(n, m)) END
                               FROM (SELECT type, count(*) AS n, sum(mention_count) AS m FROM article_entities
                                     WHERE entity_id = ?1 GROUP BY type ORDER BY type))
            WHERE id = ?1
            """).run([.int(id)])
    }
}
