// PronounSpeakers: migration 022, for stores written before the analysis named no one for a pronoun it could not
// resolve. A quote whose speaker was a "he", "they" or a generic "you" with no antecedent stored the pronoun as its
// speaker name: /quotes showed "He" and "it" as speakers, `speaker=he` listed them as one person's quotes, and the
// word search found them by speaker "they". The analysis now writes such a speaker as {"name": null, "entity": null,
// "mention": {... "he"}} (TextAnalysis SpeakerFinder, `unresolved`); this step gives the stored quotes the same
// shape: no speaker name (nor folded name, nor speaker words in the quote index), in the quote rows and in the
// article's stored analysis JSON. The mention, with the pronoun as written, stays in the JSON.
enum PronounSpeakers {
    /// The pronouns the analysis leaves unnamed when unresolved: quotes/words.tsv classes `person` and `group`
    /// (he, she, him, her, they, it) and the generic "you" of SpeakerFinder.resolve. Storage knows only SQLite
    /// (Package.swift) and cannot read that list; AppTests.PronounSpeakersTests checks this one against it. Kept
    /// here as written on purpose: a migration's meaning must not change when the analysis's lists change later.
    static let pronouns = ["he", "she", "him", "her", "they", "it", "you"]

    static let migration = Migration(name: "022-pronoun-speakers-unnamed", sql: sql, code: clearAnalysisNames)

    private static let list = pronouns.map { "'\($0)'" }.joined(separator: ", ")

    /// A quote of an unresolved pronoun: no speaker entity, and a speaker name that folds to a pronoun. Such a quote
    /// always has speaker_norm (the writer drops it only for a name of the speaker entity), so the partial index on
    /// speaker_norm finds them; the + keeps SQLite from walking every quote without an entity instead (its first
    /// choice, about a third of all quotes). The update trigger takes the name out of quotes_fts.
    private static let pronounQuote = "speaker_norm IN (\(list)) AND +speaker_entity_id IS NULL"

    /// The articles to mend are noted before their quote rows lose the names that find them.
    static let sql = """
        CREATE TEMP TABLE pronoun_articles(id INTEGER PRIMARY KEY);
        INSERT INTO pronoun_articles(id) SELECT DISTINCT article_id FROM quotes WHERE \(pronounQuote);
        UPDATE quotes SET speaker_name = NULL, speaker_norm = NULL WHERE \(pronounQuote);
        """

    /// The same quotes in the articles' analysis JSON (App's AnalysisJSON: "quotes": [{..., "speaker": {"name",
    /// "entity", "mention"}}]): the speaker's name becomes null. json_set rewrites only that value (SQLite's JSON
    /// functions keep every other byte of the compact JSON the App writes: json() gave back all 2,126 BBC analyses
    /// unchanged), one quote per article a pass, until no article has one left. The one place the store reads
    /// into the analysis JSON, which is otherwise opaque here.
    static func clearAnalysisNames(_ db: Database) throws(StorageError) {
        let quote = """
            SELECT '$.quotes[' || j.key || '].speaker.name' FROM json_each(CAST(articles.analysis AS TEXT), '$.quotes') j
            WHERE json_type(j.value, '$.speaker.entity') IS NOT 'integer'
              AND lower(json_extract(j.value, '$.speaker.name')) IN (\(list)) LIMIT 1
            """
        let pass = try db.statement("""
            UPDATE articles SET analysis = CAST(json_set(CAST(analysis AS TEXT), (\(quote)), NULL) AS BLOB)
            WHERE id IN (SELECT id FROM temp.pronoun_articles) AND json_valid(CAST(analysis AS TEXT))
              AND EXISTS (\(quote))
            """)
        // Each pass nulls a name the next pass's test no longer matches; the cap only guards against a loop.
        var passes = 0
        repeat {
            try pass.run()
            passes += 1
        } while db.changes > 0 && passes < 10_000
        try db.execute("DROP TABLE temp.pronoun_articles")
    }
}
