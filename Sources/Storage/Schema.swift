// Schema: the migration steps that build Byline's tables. Entities are global (merged across articles); every
// per-article row (mentions, aliases, quotes, events) cascades from its article, so deleting an article removes
// exactly what it brought. Indexes serve the query filters in ArticleReader.swift.
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
        // The entity list sorts by article_count DESC, id ASC: an index in exactly that order lets SQLite stop
        // after one page instead of sorting every entity with the same count.
        Migration(name: "005-entity-count-order", sql: """
            DROP INDEX entities_by_count;
            DROP INDEX entities_by_type_count;
            CREATE INDEX entities_by_count ON entities(article_count DESC, id);
            CREATE INDEX entities_by_type_count ON entities(type, article_count DESC, id);
            """),
        // The query paths of the API at 100k articles: per-entity tables of distinct name forms and roles (the
        // per-article rows run to thousands for a frequent entity), trigram indexes for substring search on names,
        // the event order copied into event_entities so one entity's timeline is an index range, and counters.
        // Triggers keep all of it in step with the per-article rows, including the cascades of an article delete.
        Migration(name: "006-query-tables", sql: """
            -- Distinct name forms of each entity with how many articles use them (entity_aliases keeps one row per
            -- article, thousands for a frequent entity); triggers keep it in step with entity_aliases.
            CREATE TABLE entity_names(
                id INTEGER PRIMARY KEY,
                entity_id INTEGER NOT NULL REFERENCES entities(id),
                norm TEXT NOT NULL,
                alias TEXT NOT NULL,            -- min(alias) over the articles' spellings of this folded form
                articles INTEGER NOT NULL,
                UNIQUE(entity_id, norm)
            );
            CREATE INDEX entity_names_by_norm ON entity_names(norm, entity_id);
            INSERT INTO entity_names(entity_id, norm, alias, articles)
                SELECT entity_id, norm, min(alias), count(*) FROM entity_aliases GROUP BY entity_id, norm;
            CREATE TRIGGER entity_names_add AFTER INSERT ON entity_aliases BEGIN
                INSERT INTO entity_names(entity_id, norm, alias, articles)
                VALUES (new.entity_id, new.norm, new.alias, 1)
                ON CONFLICT(entity_id, norm) DO UPDATE SET articles = articles + 1, alias = min(alias, excluded.alias);
            END;
            CREATE TRIGGER entity_names_remove AFTER DELETE ON entity_aliases BEGIN
                DELETE FROM entity_names WHERE entity_id = old.entity_id AND norm = old.norm AND articles <= 1;
                UPDATE entity_names SET articles = articles - 1 WHERE entity_id = old.entity_id AND norm = old.norm;
                UPDATE entity_names SET alias = (SELECT min(alias) FROM entity_aliases
                                                 WHERE norm = old.norm AND entity_id = old.entity_id)
                WHERE entity_id = old.entity_id AND norm = old.norm AND alias = old.alias
                  AND NOT EXISTS (SELECT 1 FROM entity_aliases
                                  WHERE norm = old.norm AND entity_id = old.entity_id AND alias = old.alias);
            END;

            -- Substring search over names: trigram indexes over every alias and every entity's own name.
            CREATE VIRTUAL TABLE entity_names_fts USING fts5(norm, content='entity_names', content_rowid='id',
                                                             tokenize='trigram case_sensitive 1');
            INSERT INTO entity_names_fts(rowid, norm) SELECT id, norm FROM entity_names;
            CREATE TRIGGER entity_names_fts_insert AFTER INSERT ON entity_names BEGIN
                INSERT INTO entity_names_fts(rowid, norm) VALUES (new.id, new.norm);
            END;
            CREATE TRIGGER entity_names_fts_delete AFTER DELETE ON entity_names BEGIN
                INSERT INTO entity_names_fts(entity_names_fts, rowid, norm) VALUES ('delete', old.id, old.norm);
            END;
            CREATE VIRTUAL TABLE entities_fts USING fts5(norm, content='entities', content_rowid='id',
                                                         tokenize='trigram case_sensitive 1');
            INSERT INTO entities_fts(rowid, norm) SELECT id, norm FROM entities;
            CREATE TRIGGER entities_fts_insert AFTER INSERT ON entities BEGIN
                INSERT INTO entities_fts(rowid, norm) VALUES (new.id, new.norm);
            END;
            CREATE TRIGGER entities_fts_delete AFTER DELETE ON entities BEGIN
                INSERT INTO entities_fts(entities_fts, rowid, norm) VALUES ('delete', old.id, old.norm);
            END;
            CREATE TRIGGER entities_fts_update AFTER UPDATE OF norm ON entities BEGIN
                INSERT INTO entities_fts(entities_fts, rowid, norm) VALUES ('delete', old.id, old.norm);
                INSERT INTO entities_fts(rowid, norm) VALUES (new.id, new.norm);
            END;

            -- Distinct roles of each entity with how many articles give them.
            CREATE TABLE entity_roles(
                entity_id INTEGER NOT NULL REFERENCES entities(id),
                role TEXT NOT NULL,
                articles INTEGER NOT NULL,
                PRIMARY KEY(entity_id, role)
            ) WITHOUT ROWID;
            INSERT INTO entity_roles(entity_id, role, articles)
                SELECT entity_id, role, count(*) FROM article_entities WHERE role IS NOT NULL GROUP BY entity_id, role;
            CREATE TRIGGER entity_roles_add AFTER INSERT ON article_entities WHEN new.role IS NOT NULL BEGIN
                INSERT INTO entity_roles(entity_id, role, articles) VALUES (new.entity_id, new.role, 1)
                ON CONFLICT(entity_id, role) DO UPDATE SET articles = articles + 1;
            END;
            CREATE TRIGGER entity_roles_remove AFTER DELETE ON article_entities WHEN old.role IS NOT NULL BEGIN
                DELETE FROM entity_roles WHERE entity_id = old.entity_id AND role = old.role AND articles <= 1;
                UPDATE entity_roles SET articles = articles - 1 WHERE entity_id = old.entity_id AND role = old.role;
            END;
            CREATE TRIGGER entity_roles_change AFTER UPDATE OF role ON article_entities
            WHEN old.role IS NOT new.role BEGIN
                DELETE FROM entity_roles WHERE entity_id = old.entity_id AND role = old.role AND articles <= 1;
                UPDATE entity_roles SET articles = articles - 1 WHERE entity_id = old.entity_id AND role = old.role;
                INSERT INTO entity_roles(entity_id, role, articles)
                SELECT new.entity_id, new.role, 1 WHERE new.role IS NOT NULL
                ON CONFLICT(entity_id, role) DO UPDATE SET articles = articles + 1;
            END;

            -- The timeline of one entity in event order straight from an index (LIMIT stops after a page).
            ALTER TABLE event_entities ADD COLUMN sort_key INTEGER;
            UPDATE event_entities SET sort_key = (SELECT sort_key FROM events WHERE id = event_id);
            DROP INDEX event_entities_by_entity;
            CREATE INDEX event_entities_by_entity ON event_entities(entity_id, sort_key, event_id);

            -- Row counts kept by triggers, so "how many articles" costs one row read.
            CREATE TABLE counters(name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
            INSERT INTO counters(name, value) SELECT 'articles', count(*) FROM articles;
            CREATE TRIGGER counters_article_insert AFTER INSERT ON articles BEGIN
                UPDATE counters SET value = value + 1 WHERE name = 'articles';
            END;
            CREATE TRIGGER counters_article_delete AFTER DELETE ON articles BEGIN
                UPDATE counters SET value = value - 1 WHERE name = 'articles';
            END;
            """),
        // The write path (ArticleWriter): quotes enter their full-text index once per batch, not per row through a
        // trigger (FTS5 writes a segment per statement savepoint); entity_aliases keeps one index that serves the
        // foreign-key lookups by entity and the entity_names_remove trigger (entity, form, smallest spelling)
        // where it had two (nothing reads aliases by form alone: entity_names does that).
        Migration(name: "007-write-path", sql: """
            DROP TRIGGER quotes_fts_insert;
            DROP INDEX entity_aliases_by_norm;
            DROP INDEX entity_aliases_by_entity;
            CREATE INDEX entity_aliases_by_entity_norm ON entity_aliases(entity_id, norm, alias);
            """),
        // No query reads mentions as rows: an article's mentions (offsets and text) are in its analysis JSON, and
        // the counts the API shows are kept in article_entities and entities. One row per mention with two
        // indexes was a third of the rows an article wrote and a sixth of its bytes.
        Migration(name: "008-no-mention-rows", sql: """
            DROP TABLE mentions;
            """),
        // Nothing reads an article's name forms of an entity except the upkeep of entity_names (what GET /entities
        // searches and shows) when that article goes: they move into the article's link row as a JSON object
        // (folded form → spelling), and the writer counts forms into entity_names itself. One row and two index
        // entries per name form were the largest share of an article's rows (about 20).
        Migration(name: "010-name-forms-in-links", sql: """
            ALTER TABLE article_entities ADD COLUMN forms TEXT;
            UPDATE article_entities SET forms = (
                SELECT json_group_object(a.norm, a.alias) FROM entity_aliases a
                WHERE a.article_id = article_entities.article_id AND a.entity_id = article_entities.entity_id
                HAVING count(*) > 0);
            DROP TABLE entity_aliases;
            CREATE TRIGGER entity_names_forms_remove AFTER DELETE ON article_entities WHEN old.forms IS NOT NULL BEGIN
                DELETE FROM entity_names WHERE entity_id = old.entity_id AND articles <= 1
                    AND norm IN (SELECT key FROM json_each(old.forms));
                UPDATE entity_names SET articles = articles - 1
                WHERE entity_id = old.entity_id AND norm IN (SELECT key FROM json_each(old.forms));
                UPDATE entity_names SET alias = (SELECT min(j.value) FROM article_entities x, json_each(x.forms) j
                                                 WHERE x.entity_id = old.entity_id AND j.key = entity_names.norm)
                WHERE entity_id = old.entity_id AND (norm, alias) IN (SELECT key, value FROM json_each(old.forms));
            END;
            """),
        // The name indexes are kept by the writer once per batch, like the quote index since 007: new entities and
        // name forms (ids above the batch's start) and renamed entities enter them before the COMMIT. Through
        // triggers FTS5 wrote a segment for every new entity and every statement adding name forms (about 6 % of
        // the server's CPU under POST, and the pages of each segment in every commit). Deletes keep their triggers.
        Migration(name: "011-name-index-per-batch", sql: """
            DROP TRIGGER entities_fts_insert;
            DROP TRIGGER entities_fts_update;
            DROP TRIGGER entity_names_fts_insert;
            """),
        // Quote and timeline pages show each row's article date (articles.sort_date, set once when the article is
        // stored): read through a join it sat behind the article's text, in its first overflow page, one more
        // random page per row (at 95,000 articles about a quarter of a 50-event timeline page's SQL time).
        // About 6 s on a store of 100,000 articles.
        Migration(name: "012-article-date-on-rows", sql: """
            ALTER TABLE quotes ADD COLUMN article_date TEXT;
            ALTER TABLE events ADD COLUMN article_date TEXT;
            UPDATE quotes SET article_date = (SELECT sort_date FROM articles a WHERE a.id = quotes.article_id);
            UPDATE events SET article_date = (SELECT sort_date FROM articles a WHERE a.id = events.article_id);
            """),
        // A two-character `q=` has no trigram to look up: it scanned every name with LIKE (3.4 ms at 16,000 entities
        // whatever the number of matches, most of the slowest entity searches). Each entity's two-character
        // substrings (of its name and of every name form) make it an index lookup. The writer adds those of new
        // names once per batch and rebuilds an entity's after a delete (ArticleWriter.addBigrams).
        Migration(name: "013-name-bigrams", sql: """
            CREATE TABLE name_bigrams(
                bigram TEXT NOT NULL,
                entity_id INTEGER NOT NULL,
                PRIMARY KEY(bigram, entity_id)
            ) WITHOUT ROWID;
            CREATE INDEX name_bigrams_by_entity ON name_bigrams(entity_id);
            WITH RECURSIVE src(entity_id, norm) AS (SELECT entity_id, norm FROM entity_names
                                                    UNION ALL SELECT id, norm FROM entities),
                grams(entity_id, norm, i) AS (
                    SELECT entity_id, norm, 1 FROM src WHERE length(norm) >= 2
                    UNION ALL SELECT entity_id, norm, i + 1 FROM grams WHERE i + 2 <= length(norm))
            INSERT OR IGNORE INTO name_bigrams(bigram, entity_id) SELECT substr(norm, i, 2), entity_id FROM grams;
            """),
        // entity_names no longer counts the articles that use each form: every article bumped the count of each of
        // its ~20 forms, rows at random places, a tenth of the pages each POST commit wrote (WAL frames mapped to
        // b-trees). A form now goes when the last article using it goes, which the delete trigger checks in the
        // other link rows of the entity (NOT EXISTS stops at the first; deletes are rare).
        Migration(name: "014-name-forms-uncounted", sql: """
            DROP TRIGGER entity_names_forms_remove;
            ALTER TABLE entity_names DROP COLUMN articles;
            CREATE TRIGGER entity_names_forms_remove AFTER DELETE ON article_entities WHEN old.forms IS NOT NULL BEGIN
                DELETE FROM entity_names WHERE entity_id = old.entity_id
                    AND norm IN (SELECT key FROM json_each(old.forms))
                    AND NOT EXISTS (SELECT 1 FROM article_entities x, json_each(x.forms) j
                                    WHERE x.entity_id = old.entity_id AND j.key = entity_names.norm);
                UPDATE entity_names SET alias = (SELECT min(j.value) FROM article_entities x, json_each(x.forms) j
                                                 WHERE x.entity_id = old.entity_id AND j.key = entity_names.norm)
                WHERE entity_id = old.entity_id AND (norm, alias) IN (SELECT key, value FROM json_each(old.forms));
            END;
            """),
        // Fewer index pages per POST commit, which writes every page its articles touched (at 64 connections
        // quotes_by_speaker_norm was 13 % of a commit's pages, the two entity count indexes 9 %):
        // - quotes.speaker_norm is kept only when the speaker filter could not find the quote through its speaker
        //   entity's names (ArticleWriter leaves it NULL when the name is one of the article's forms of that
        //   entity, about three quotes in four), and the index holds the non-NULL ones. Older rows keep theirs.
        // - entities_by_type_count goes: a type-filtered list walks entities_by_count and skips other types (each
        //   type is a large share of all entities, so a page is a few hundred index entries at most).
        // - name_bigrams loses its index by entity: a delete removes an entity's bigrams by primary key, from the
        //   names it has (ArticleWriter.removeBigrams); and its bigrams with a space go (a folded two-character
        //   query has none), which new names no longer add.
        Migration(name: "015-fewer-write-indexes", sql: """
            DROP INDEX quotes_by_speaker_norm;
            CREATE INDEX quotes_by_speaker_norm ON quotes(speaker_norm) WHERE speaker_norm IS NOT NULL;
            DROP INDEX entities_by_type_count;
            DROP INDEX name_bigrams_by_entity;
            DELETE FROM name_bigrams WHERE instr(bigram, ' ') > 0;
            """),
        // Quotes list newest article date first (then newest stored), as articles do: each filter's index ends with
        // article_date (and the rowid SQLite appends), so a filtered page is one index range walked backwards that
        // stops after the page, and a cursor starts the walk where the last page ended. quotes_by_date serves the
        // unfiltered list and from/to alone. One more index entry per quote; speaker_entity's and kind's grow by
        // the date's ten bytes. About 35 s on a store of 95,000 articles (592,000 quotes) on a loaded machine.
        Migration(name: "016-quotes-by-article-date", sql: """
            CREATE INDEX quotes_by_date ON quotes(article_date);
            DROP INDEX quotes_by_speaker_entity;
            CREATE INDEX quotes_by_speaker_entity ON quotes(speaker_entity_id, article_date);
            DROP INDEX quotes_by_speaker_norm;
            CREATE INDEX quotes_by_speaker_norm ON quotes(speaker_norm, article_date) WHERE speaker_norm IS NOT NULL;
            DROP INDEX quotes_by_kind;
            CREATE INDEX quotes_by_kind ON quotes(kind, article_date);
            """),
        // One entity per name for every type but people (EntityTypes): the tagger's ORG/LOC/MISC is noise across
        // articles ("Liberal Democrats" MISC in 16, ORG in 1 were two entities, two rows in /entities and an
        // ambiguous /timeline?entity=). Each link row now keeps the type its article gave; entities of one name
        // merge into the one in most articles (then the lowest id), which shows the type most articles give
        // (then most mentions, then the first name) and keeps its counts per type while they differ. An article
        // that linked several of them keeps one link (mentions summed; role and type of the link with most
        // mentions; both forms). The link triggers are dropped for the surgery and made again as 006 and 014 made
        // them, and the per-entity tables (roles, names, bigrams) of the merged entities are moved or rebuilt.
        Migration(name: "017-entities-by-name-across-types", sql: """
            ALTER TABLE entities ADD COLUMN type_counts TEXT;   -- {"TYPE":[articles,mentions],...} or NULL
            ALTER TABLE article_entities ADD COLUMN type TEXT;
            UPDATE article_entities SET type = (SELECT type FROM entities WHERE id = article_entities.entity_id);

            DROP TRIGGER entity_roles_add;
            DROP TRIGGER entity_roles_remove;
            DROP TRIGGER entity_roles_change;
            DROP TRIGGER entity_names_forms_remove;

            CREATE TEMP TABLE entity_merge(old_id INTEGER PRIMARY KEY, new_id INTEGER NOT NULL);
            INSERT INTO entity_merge(old_id, new_id)
                SELECT e.id, (SELECT s.id FROM entities s WHERE s.norm = e.norm AND s.type <> 'PER'
                              ORDER BY s.article_count DESC, s.id LIMIT 1)
                FROM entities e
                WHERE e.type <> 'PER' AND e.norm IN (SELECT norm FROM entities WHERE type <> 'PER'
                                                     GROUP BY norm HAVING count(*) > 1);
            DELETE FROM entity_merge WHERE old_id = new_id;
            CREATE INDEX temp.entity_merge_by_new ON entity_merge(new_id);

            -- Links of the merging entities, by (article, surviving entity); groups of two or more become one row.
            CREATE TEMP TABLE link_rows AS
                SELECT x.article_id, coalesce(m.new_id, x.entity_id) AS entity_id, x.entity_id AS member,
                       x.role, x.mention_count, x.forms, x.type
                FROM article_entities x LEFT JOIN entity_merge m ON m.old_id = x.entity_id
                WHERE x.entity_id IN (SELECT old_id FROM entity_merge UNION SELECT new_id FROM entity_merge);
            DELETE FROM link_rows WHERE (article_id, entity_id) IN
                (SELECT article_id, entity_id FROM link_rows GROUP BY article_id, entity_id HAVING count(*) = 1);
            DELETE FROM article_entities WHERE (article_id, entity_id) IN (SELECT article_id, member FROM link_rows);
            INSERT INTO article_entities(article_id, entity_id, role, mention_count, forms, type)
                SELECT g.article_id, g.entity_id,
                    (SELECT r.role FROM link_rows r WHERE r.article_id = g.article_id AND r.entity_id = g.entity_id
                     AND r.role IS NOT NULL ORDER BY r.mention_count DESC, r.member LIMIT 1),
                    sum(g.mention_count),
                    (SELECT nullif(json_group_object(key, value), '{}') FROM
                        (SELECT j.key, min(j.value) AS value FROM link_rows r, json_each(r.forms) j
                         WHERE r.article_id = g.article_id AND r.entity_id = g.entity_id GROUP BY j.key)),
                    (SELECT r.type FROM link_rows r WHERE r.article_id = g.article_id AND r.entity_id = g.entity_id
                     ORDER BY r.mention_count DESC, r.member LIMIT 1)
                FROM link_rows g GROUP BY g.article_id, g.entity_id;
            UPDATE article_entities SET entity_id = (SELECT new_id FROM entity_merge WHERE old_id = entity_id)
            WHERE entity_id IN (SELECT old_id FROM entity_merge);

            UPDATE OR IGNORE event_entities SET entity_id = (SELECT new_id FROM entity_merge WHERE old_id = entity_id)
            WHERE entity_id IN (SELECT old_id FROM entity_merge);
            DELETE FROM event_entities WHERE entity_id IN (SELECT old_id FROM entity_merge);
            UPDATE quotes SET speaker_entity_id = (SELECT new_id FROM entity_merge WHERE old_id = speaker_entity_id)
            WHERE speaker_entity_id IN (SELECT old_id FROM entity_merge);

            -- Bigrams of the merged entities' names move to the survivor (by primary key, as ArticleWriter does).
            WITH RECURSIVE src(old_id, new_id, norm) AS (
                    SELECT m.old_id, m.new_id, n.norm FROM entity_merge m JOIN entity_names n ON n.entity_id = m.old_id
                    UNION SELECT m.old_id, m.new_id, e.norm FROM entity_merge m JOIN entities e ON e.id = m.old_id),
                grams(old_id, new_id, norm, i) AS (
                    SELECT old_id, new_id, norm, 1 FROM src WHERE length(norm) >= 2
                    UNION ALL SELECT old_id, new_id, norm, i + 1 FROM grams WHERE i + 2 <= length(norm))
            INSERT OR IGNORE INTO name_bigrams(bigram, entity_id)
                SELECT substr(norm, i, 2) AS g, new_id FROM grams WHERE instr(g, ' ') = 0;
            WITH RECURSIVE src(old_id, norm) AS (
                    SELECT m.old_id, n.norm FROM entity_merge m JOIN entity_names n ON n.entity_id = m.old_id
                    UNION SELECT m.old_id, e.norm FROM entity_merge m JOIN entities e ON e.id = m.old_id),
                grams(old_id, norm, i) AS (
                    SELECT old_id, norm, 1 FROM src WHERE length(norm) >= 2
                    UNION ALL SELECT old_id, norm, i + 1 FROM grams WHERE i + 2 <= length(norm))
            DELETE FROM name_bigrams WHERE (bigram, entity_id) IN (SELECT substr(norm, i, 2), old_id FROM grams);

            -- Name forms move too (their norm, which the trigram index holds, is unchanged); a form the survivor
            -- has already goes, and its index entry with it (entity_names_fts_delete).
            UPDATE entity_names SET alias = (SELECT min(o.alias) FROM entity_names o JOIN entity_merge m
                                             ON m.old_id = o.entity_id
                                             WHERE m.new_id = entity_names.entity_id AND o.norm = entity_names.norm)
            WHERE entity_id IN (SELECT new_id FROM entity_merge) AND alias > (
                SELECT min(o.alias) FROM entity_names o JOIN entity_merge m ON m.old_id = o.entity_id
                WHERE m.new_id = entity_names.entity_id AND o.norm = entity_names.norm);
            UPDATE OR IGNORE entity_names SET entity_id = (SELECT new_id FROM entity_merge WHERE old_id = entity_id)
            WHERE entity_id IN (SELECT old_id FROM entity_merge);
            DELETE FROM entity_names WHERE entity_id IN (SELECT old_id FROM entity_merge);

            DELETE FROM entity_roles WHERE entity_id IN (SELECT old_id FROM entity_merge UNION
                                                         SELECT new_id FROM entity_merge);
            INSERT INTO entity_roles(entity_id, role, articles)
                SELECT entity_id, role, count(*) FROM article_entities
                WHERE entity_id IN (SELECT new_id FROM entity_merge) AND role IS NOT NULL GROUP BY entity_id, role;

            -- The survivors' counts from their links; then the merged entities go (entities_fts_delete).
            UPDATE entities SET
                article_count = (SELECT count(*) FROM article_entities WHERE entity_id = entities.id),
                mention_count = coalesce((SELECT sum(mention_count) FROM article_entities
                                          WHERE entity_id = entities.id), 0),
                first_seen = (SELECT min(first_seen) FROM entities s WHERE s.id = entities.id
                              OR s.id IN (SELECT old_id FROM entity_merge WHERE new_id = entities.id)),
                last_seen = (SELECT max(last_seen) FROM entities s WHERE s.id = entities.id
                             OR s.id IN (SELECT old_id FROM entity_merge WHERE new_id = entities.id)),
                type = coalesce((SELECT type FROM article_entities WHERE entity_id = entities.id GROUP BY type
                                 ORDER BY count(*) DESC, sum(mention_count) DESC, type LIMIT 1), type),
                type_counts = (SELECT CASE WHEN count(*) > 1 THEN json_group_object(type, json_array(n, m)) END
                               FROM (SELECT type, count(*) AS n, sum(mention_count) AS m FROM article_entities
                                     WHERE entity_id = entities.id GROUP BY type ORDER BY type))
            WHERE id IN (SELECT new_id FROM entity_merge);
            DELETE FROM entities WHERE id IN (SELECT old_id FROM entity_merge);
            UPDATE entities SET key = '*:' || norm WHERE type <> 'PER';

            DROP TABLE temp.link_rows;
            DROP TABLE temp.entity_merge;

            CREATE TRIGGER entity_roles_add AFTER INSERT ON article_entities WHEN new.role IS NOT NULL BEGIN
                INSERT INTO entity_roles(entity_id, role, articles) VALUES (new.entity_id, new.role, 1)
                ON CONFLICT(entity_id, role) DO UPDATE SET articles = articles + 1;
            END;
            CREATE TRIGGER entity_roles_remove AFTER DELETE ON article_entities WHEN old.role IS NOT NULL BEGIN
                DELETE FROM entity_roles WHERE entity_id = old.entity_id AND role = old.role AND articles <= 1;
                UPDATE entity_roles SET articles = articles - 1 WHERE entity_id = old.entity_id AND role = old.role;
            END;
            CREATE TRIGGER entity_roles_change AFTER UPDATE OF role ON article_entities
            WHEN old.role IS NOT new.role BEGIN
                DELETE FROM entity_roles WHERE entity_id = old.entity_id AND role = old.role AND articles <= 1;
                UPDATE entity_roles SET articles = articles - 1 WHERE entity_id = old.entity_id AND role = old.role;
                INSERT INTO entity_roles(entity_id, role, articles)
                SELECT new.entity_id, new.role, 1 WHERE new.role IS NOT NULL
                ON CONFLICT(entity_id, role) DO UPDATE SET articles = articles + 1;
            END;
            CREATE TRIGGER entity_names_forms_remove AFTER DELETE ON article_entities WHEN old.forms IS NOT NULL BEGIN
                DELETE FROM entity_names WHERE entity_id = old.entity_id
                    AND norm IN (SELECT key FROM json_each(old.forms))
                    AND NOT EXISTS (SELECT 1 FROM article_entities x, json_each(x.forms) j
                                    WHERE x.entity_id = old.entity_id AND j.key = entity_names.norm);
                UPDATE entity_names SET alias = (SELECT min(j.value) FROM article_entities x, json_each(x.forms) j
                                                 WHERE x.entity_id = old.entity_id AND j.key = entity_names.norm)
                WHERE entity_id = old.entity_id AND (norm, alias) IN (SELECT key, value FROM json_each(old.forms));
            END;
            """),
        // Weekend events (YYYY-Www-WE, "this weekend") were stored as undated: after every dated event in the
        // timeline and in no from/to range. They take that week's Saturday and Sunday, as EventDate now reads them
        // (ISO week 1 holds January 4th; strftime's %w counts from Sunday), and the copy of the sort key in
        // event_entities follows. Week rank 7 as in EventDate.Granularity.
        Migration(name: "018-weekend-events-dated", sql: """
            UPDATE events SET start_day = (
                    SELECT jan4 - (CAST(strftime('%w', y || '-01-04') AS INTEGER) + 6) % 7
                           + (CAST(substr(events.date, 7, 2) AS INTEGER) - 1) * 7 + 5
                    FROM (SELECT substr(events.date, 1, 4) AS y,
                                 CAST(julianday(substr(events.date, 1, 4) || '-01-04') - 2440587.5 AS INTEGER) AS jan4))
                WHERE date GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]-WE'
                  AND CAST(substr(date, 7, 2) AS INTEGER) BETWEEN 1 AND 53;
            UPDATE events SET end_day = start_day + 1, sort_key = start_day * 16 + 7
                WHERE date GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]-WE' AND start_day IS NOT NULL;
            UPDATE event_entities SET sort_key = (SELECT sort_key FROM events WHERE id = event_id)
                WHERE event_id IN (SELECT id FROM events
                                   WHERE date GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]-WE' AND start_day IS NOT NULL);
            """),
        // What an article's analysis says of a person's gender (an honorific, a given name, a gendered role noun,
        // when its evidence agrees), per link, and over each entity's links as bits (1 male, 2 female): the
        // cross-article merges (ArticleWriter steps 1-3 for a surname alone, and the surname merge) keep a "Mrs
        // Blair" apart from a Blair whose articles say he is a man. Links written before this step say nothing
        // (NULL, 0): the evidence grows as articles arrive.
        Migration(name: "019-person-gender", sql: """
            ALTER TABLE article_entities ADD COLUMN gender TEXT;
            ALTER TABLE entities ADD COLUMN genders INTEGER NOT NULL DEFAULT 0;
            """),
        // GET /timeline?q= was a LIKE over every event sentence: a scan of all events (about 30 ms for a word in none
        // of the 5,400 BBC events, growing with the store), case-insensitive for ASCII only ('путин' missed
        // 'Путин') and blind to diacritics ('erdogan' missed 'Erdoğan'), where /quotes?q= is a word search in a
        // full-text index that folds both. Events get that index too (same tokenizer, same query syntax), filled
        // by the writer once per batch as quotes are and emptied by a trigger when an article's events go.
        Migration(name: "020-events-fulltext", sql: """
            CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(
                text, content='events', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
            INSERT INTO events_fts(events_fts) VALUES ('rebuild');
            CREATE TRIGGER IF NOT EXISTS events_fts_delete AFTER DELETE ON events BEGIN
                INSERT INTO events_fts(events_fts, rowid, text) VALUES ('delete', old.id, old.text);
            END;
            """),
        // Folded names fold apostrophe marks (’ ‘ ʼ ′ ` and more) to the straight ': stored names are folded
        // again and entities whose keys become one merge (ApostropheFolding).
        ApostropheFolding.migration,
        // Quotes of a pronoun the analysis could not resolve keep no speaker name ("He" was shown as a speaker).
        PronounSpeakers.migration,
        // People of several words by the last word of their name, for the surname merge's checks (PeopleBySurname).
        PeopleBySurname.migration,
    ]
}
