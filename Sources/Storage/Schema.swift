// Schema: the migration steps that build Byline's tables. Entities are global (merged across articles); every
// per-article row (mentions, aliases, quotes, events) cascades from its article, so deleting an article removes
// exactly what it brought. Indexes serve the query filters in ArticleStore+Queries.swift.
enum Schema {
    static let migrations: [Migration] = [
        Migration(name: "001-articles", sql: """
            CREATE TABLE articles(
                id INTEGER PRIMARY KEY,
                content_hash TEXT NOT NULL UNIQUE,
                text TEXT NOT NULL,
                date TEXT,                      -- YYYY-MM-DD as given, or NULL
                sort_date TEXT NOT NULL,        -- date, else the UTC day of insertion: the order and range key
                title TEXT,
                url TEXT,
                created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                analysis BLOB NOT NULL          -- the App's JSON, opaque here
            );
            CREATE INDEX articles_by_date ON articles(sort_date, id);
            """),
        Migration(name: "002-entities", sql: """
            CREATE TABLE entities(
                id INTEGER PRIMARY KEY,
                key TEXT NOT NULL UNIQUE,       -- type || ':' || norm: the merge key
                norm TEXT NOT NULL,             -- folded name (lowercase, no diacritics, single spaces)
                name TEXT NOT NULL,
                type TEXT NOT NULL,
                mention_count INTEGER NOT NULL DEFAULT 0,
                article_count INTEGER NOT NULL DEFAULT 0,
                first_seen TEXT,                -- min/max articles.sort_date over its articles
                last_seen TEXT
            );
            CREATE INDEX entities_by_count ON entities(article_count, id);
            CREATE INDEX entities_by_type_count ON entities(type, article_count, id);
            CREATE INDEX entities_by_norm ON entities(norm, id);

            -- One row per (article, global entity): the role that article gives and its mention count there.
            CREATE TABLE article_entities(
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                entity_id INTEGER NOT NULL REFERENCES entities(id),
                role TEXT,
                mention_count INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY(article_id, entity_id)
            ) WITHOUT ROWID;
            CREATE INDEX article_entities_by_entity ON article_entities(entity_id, article_id);

            -- Name forms per article ("Blinken" for "Antony Blinken"), so an alias vanishes with its last article.
            CREATE TABLE entity_aliases(
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                entity_id INTEGER NOT NULL REFERENCES entities(id),
                norm TEXT NOT NULL,
                alias TEXT NOT NULL,
                PRIMARY KEY(article_id, entity_id, norm)
            ) WITHOUT ROWID;
            CREATE INDEX entity_aliases_by_norm ON entity_aliases(norm, entity_id);
            CREATE INDEX entity_aliases_by_entity ON entity_aliases(entity_id);

            CREATE TABLE mentions(
                id INTEGER PRIMARY KEY,
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                entity_id INTEGER NOT NULL REFERENCES entities(id),
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                text TEXT NOT NULL
            );
            CREATE INDEX mentions_by_article ON mentions(article_id);
            CREATE INDEX mentions_by_entity ON mentions(entity_id);
            """),
        Migration(name: "003-quotes", sql: """
            CREATE TABLE quotes(
                id INTEGER PRIMARY KEY,
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                speaker_entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
                speaker_name TEXT,
                speaker_norm TEXT,              -- folded speaker_name, for the case-insensitive speaker filter
                text TEXT NOT NULL,
                kind TEXT NOT NULL,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                cue TEXT,
                rule TEXT NOT NULL,
                confidence REAL NOT NULL
            );
            CREATE INDEX quotes_by_article ON quotes(article_id);
            CREATE INDEX quotes_by_speaker_entity ON quotes(speaker_entity_id);
            CREATE INDEX quotes_by_speaker_norm ON quotes(speaker_norm);
            CREATE INDEX quotes_by_kind ON quotes(kind, id);

            -- External-content FTS5 index over quote text and speaker name, kept in step by triggers.
            CREATE VIRTUAL TABLE quotes_fts USING fts5(
                text, speaker_name, content='quotes', content_rowid='id',
                tokenize='unicode61 remove_diacritics 2');
            CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
                INSERT INTO quotes_fts(rowid, text, speaker_name) VALUES (new.id, new.text, new.speaker_name);
            END;
            CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
                INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name)
                VALUES ('delete', old.id, old.text, old.speaker_name);
            END;
            CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text, speaker_name ON quotes BEGIN
                INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name)
                VALUES ('delete', old.id, old.text, old.speaker_name);
                INSERT INTO quotes_fts(rowid, text, speaker_name) VALUES (new.id, new.text, new.speaker_name);
            END;
            """),
        Migration(name: "004-events", sql: """
            CREATE TABLE events(
                id INTEGER PRIMARY KEY,
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                date TEXT NOT NULL,             -- TIMEX3 value as given: 2021-03-18, 2021-W11, 195, PAST_REF ...
                granularity TEXT NOT NULL,
                start_day INTEGER,              -- days since 1970-01-01 of the period; NULL for PAST_REF & co.
                end_day INTEGER,
                sort_key INTEGER NOT NULL,      -- EventDate.sortKey: period start, coarser first; refs last
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                text TEXT NOT NULL
            );
            CREATE INDEX events_by_sort ON events(sort_key, id);
            CREATE INDEX events_by_article ON events(article_id);

            CREATE TABLE event_entities(
                event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
                entity_id INTEGER NOT NULL REFERENCES entities(id),
                PRIMARY KEY(event_id, entity_id)
            ) WITHOUT ROWID;
            CREATE INDEX event_entities_by_entity ON event_entities(entity_id, event_id);
            """),
    ]
}
