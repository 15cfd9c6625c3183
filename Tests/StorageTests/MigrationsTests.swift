// Migrations: steps apply once, in order, and reopening a database is a no-op.
import Foundation
import Testing
@testable import Storage

@Suite struct MigrationsTests {
    @Test func migrationsApplyInOrderAndOnlyOnce() throws {
        let db = try Database(path: ":memory:")
        try Migrations.apply(db)
        try Migrations.apply(db)
        #expect(try Migrations.applied(db) == Schema.migrations.map(\.name))
        #expect(try db.scalarInt("SELECT count(*) FROM schema_migrations") == Int64(Schema.migrations.count))
    }

    @Test func reopeningAFileStoreKeepsDataAndSchema() throws {
        let dir = StoreFixtures.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("m.db").path
        let id = try ArticleStore(path: path).insert(StoreFixtures.article("h1")).id
        let reopened = try ArticleStore(path: path)
        #expect(try reopened.article(id: id)?.summary.contentHash == "h1")
        let db = try Database(path: path)
        #expect(try Migrations.applied(db) == Schema.migrations.map(\.name))
    }

    @Test func aNewStepIsAppliedToAnExistingDatabaseAndAFailingStepLeavesNoTrace() throws {
        let db = try Database(path: ":memory:")
        try Migrations.apply(db)
        let extra = Migration(name: "900-extra", sql: "CREATE TABLE extra(x INTEGER)")
        try Migrations.apply(db, Schema.migrations + [extra])
        #expect(try Migrations.applied(db).last == "900-extra")
        let broken = Migration(name: "901-broken", sql: "CREATE TABLE half(x); CREATE TABLE nonsense(")
        #expect(throws: StorageError.self) { try Migrations.apply(db, Schema.migrations + [extra, broken]) }
        #expect(try Migrations.applied(db).last == "900-extra")
        #expect(try db.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'half'") == 0)
    }

    @Test func aDatabaseWithMentionRowsMigratesWithoutThemAndKeepsItsCounts() throws {
        // Written the way the store did before 008: one row per mention.
        let old = try StoreFixtures.oldDatabase(before: "008-no-mention-rows", rows: """
            INSERT INTO articles(id, content_hash, text, sort_date, analysis)
            VALUES (1, 'h1', 'Joe Biden and Biden.', '2021-01-01', x'7B7D');
            INSERT INTO entities(id, key, norm, name, type, mention_count, article_count, first_seen, last_seen)
            VALUES (7, 'PER:joe biden', 'joe biden', 'Joe Biden', 'PER', 2, 1, '2021-01-01', '2021-01-01');
            INSERT INTO article_entities VALUES (1, 7, NULL, 2);
            INSERT INTO mentions(article_id, entity_id, start, "end", text)
            VALUES (1, 7, 0, 9, 'Joe Biden'), (1, 7, 14, 19, 'Biden');
            """)
        defer { old.remove() }
        #expect(old.applied == 7)
        let store = try ArticleStore(path: old.path)
        let names = try StoreFixtures.schemaNames(store, where: "name LIKE 'mentions%'")
        #expect(names.isEmpty)
        let biden = try #require(try store.entity(id: 7))
        #expect(biden.entity.mentionCount == 2)
        #expect(try store.article(id: 1)?.analysisJSON == Array("{}".utf8))
        // A delete still takes the article's counts away, and the writer carries on.
        #expect(try store.deleteArticle(id: 1))
        #expect(try store.entity(id: 7) == nil)
        let next = try store.insert(StoreFixtures.article("h2"))
        #expect(try store.entities(EntityQuery(q: "joe biden")).rows.first?.mentionCount == 2)
        #expect(try store.article(id: next.id) != nil)
    }

    @Test func aDatabaseWithNameFormRowsMigratesThemIntoItsLinksAndKeepsAliasUpkeep() throws {
        // Written the way the store did before 010: one entity_aliases row per article and name form (its
        // triggers fill entity_names).
        let old = try StoreFixtures.oldDatabase(before: "010-name-forms-in-links", rows: """
            INSERT INTO articles(id, content_hash, text, sort_date, analysis) VALUES
                (1, 'h1', 't', '2021-01-01', x'7B7D'), (2, 'h2', 't', '2021-02-01', x'7B7D');
            INSERT INTO entities(id, key, norm, name, type, mention_count, article_count, first_seen, last_seen)
            VALUES (7, 'PER:joe biden', 'joe biden', 'Joe Biden', 'PER', 2, 2, '2021-01-01', '2021-02-01');
            INSERT INTO article_entities VALUES (1, 7, NULL, 1), (2, 7, NULL, 1);
            INSERT INTO entity_aliases VALUES (1, 7, 'joe biden', 'Joe Biden'), (1, 7, 'biden', 'Biden'),
                (2, 7, 'joe biden', 'Joe Biden'), (2, 7, 'biden', 'BIDEN "the \\ quoted"');
            """)
        defer { old.remove() }
        #expect(old.applied == 8)
        let store = try ArticleStore(path: old.path)
        let tables = try StoreFixtures.schemaNames(store, where: "name LIKE 'entity_aliases%'")
        #expect(tables.isEmpty)
        try QueryTablesTests.expectDerivedTablesMatch(store, "migration 010")
        #expect(try store.entities(EntityQuery(q: "bide")).rows.first?.aliases == ["BIDEN \"the \\ quoted\""])
        // Deleting the article with the smallest spelling brings the other back; the last one takes the names.
        #expect(try store.deleteArticle(id: 2))
        #expect(try store.entities(EntityQuery(q: "bide")).rows.first?.aliases == ["Biden"])
        try QueryTablesTests.expectDerivedTablesMatch(store, "a delete after migration 010")
        #expect(try store.deleteArticle(id: 1))
        #expect(try store.entities(EntityQuery(q: "bide")).rows.isEmpty)
        let next = try store.insert(StoreFixtures.article("h3"))
        #expect(try store.article(id: next.id) != nil)
        try QueryTablesTests.expectDerivedTablesMatch(store, "an insert after migration 010")
    }

    /// Weekend events stored before 018 had no period (sort key of the undated, no days): the migration dates
    /// them as EventDate now reads them, in events and in event_entities, so the timeline sorts and filters them.
    @Test func aDatabaseFromBeforeWeekendEventsWereDatedSortsAndFiltersThem() throws {
        let old = try StoreFixtures.oldDatabase(before: "018-weekend-events-dated", rows: """
            INSERT INTO articles(id, content_hash, text, sort_date, analysis) VALUES (1, 'h1', 't', '2021-03-18', x'7B7D');
            INSERT INTO entities(id, key, norm, name, type, mention_count, article_count, first_seen, last_seen)
            VALUES (7, 'PER:joe biden', 'joe biden', 'Joe Biden', 'PER', 1, 1, '2021-03-18', '2021-03-18');
            INSERT INTO article_entities(article_id, entity_id, mention_count) VALUES (1, 7, 1);
            INSERT INTO events(id, article_id, date, granularity, start_day, end_day, sort_key, start, "end", text,
                               article_date)
            VALUES (1, 1, '2021-W11-WE', 'week', NULL, NULL, 9223372036854775807, 0, 1, 'weekend', '2021-03-18'),
                   (2, 1, '2021-04', 'month', \(day("2021-04-01")), \(day("2021-04-30")),
                    \(EventDate(timex: "2021-04")!.sortKey), 0, 1, 'april', '2021-03-18'),
                   (3, 1, 'PAST_REF', 'ref', NULL, NULL, 9223372036854775807, 0, 1, 'past', '2021-03-18'),
                   (4, 1, '2021-W99-WE', 'week', NULL, NULL, 9223372036854775807, 0, 1, 'bad', '2021-03-18');
            INSERT INTO event_entities(event_id, entity_id, sort_key) VALUES
                (1, 7, 9223372036854775807), (2, 7, \(EventDate(timex: "2021-04")!.sortKey));
            """)
        defer { old.remove() }
        let store = try ArticleStore(path: old.path)
        #expect(try store.timeline().rows.map(\.text) == ["weekend", "april", "past", "bad"])
        #expect(try store.timeline(TimelineQuery(entityId: 7)).rows.map(\.text) == ["weekend", "april"])
        #expect(try store.timeline(TimelineQuery(from: "2021-03-21", to: "2021-03")).rows.map(\.text) == ["weekend"])
        let weekend = try #require(EventDate(timex: "2021-W11-WE"))
        let stored = try store.withWriter { db throws(StorageError) in
            try db.statement("SELECT start_day, end_day, sort_key FROM events WHERE id = 1")
                .first([]) { [$0.int64(0), $0.int64(1), $0.int64(2)] }
        }
        #expect(stored == [Int64(weekend.startDay), Int64(weekend.endDay), weekend.sortKey])
    }

    /// Events stored before 020 had no full-text index: the migration indexes them, so /timeline?q= finds them,
    /// and a delete afterwards takes them out of it again.
    @Test func aDatabaseFromBeforeEventTextSearchFindsItsEvents() throws {
        let old = try StoreFixtures.oldDatabase(before: "020-events-fulltext", rows: """
            INSERT INTO articles(id, content_hash, text, sort_date, analysis) VALUES
                (1, 'h1', 't', '2021-03-18', x'7B7D'), (2, 'h2', 't', '2021-03-19', x'7B7D');
            INSERT INTO events(id, article_id, date, granularity, start_day, end_day, sort_key, start, "end", text,
                               article_date)
            VALUES (1, 1, 'PAST_REF', 'ref', NULL, NULL, 9223372036854775807, 0, 1, 'Путин spoke', '2021-03-18'),
                   (2, 2, 'PAST_REF', 'ref', NULL, NULL, 9223372036854775807, 0, 1, 'Erdoğan spoke', '2021-03-19');
            """)
        defer { old.remove() }
        let store = try ArticleStore(path: old.path)
        #expect(try store.timeline(TimelineQuery(q: "путин")).rows.map(\.id) == [1])
        #expect(try store.timeline(TimelineQuery(q: "SPOKE")).rows.map(\.id) == [1, 2])
        try store.deleteArticle(id: 2)
        #expect(try store.timeline(TimelineQuery(q: "erdogan")).rows.isEmpty)
        try QueryTablesTests.expectDerivedTablesMatch(store, "migration 020 and a delete")
    }

    private func day(_ iso: String) -> Int { EventDate(timex: iso)!.startDay }

    @Test func aDatabaseFromBeforeArticleDatesOnRowsShowsAndFiltersThemAndNewRowsCarryTheirs() throws {
        let old = try StoreFixtures.oldDatabase(before: "012-article-date-on-rows", rows: """
            INSERT INTO articles(id, content_hash, text, sort_date, analysis) VALUES
                (1, 'h1', 't', '2021-01-05', x'7B7D'), (2, 'h2', 't', '2021-02-07', x'7B7D');
            INSERT INTO quotes(id, article_id, speaker_name, text, kind, start, "end", rule, confidence) VALUES
                (1, 1, 'A', 'one', 'direct', 0, 3, 'r', 0.5), (2, 2, 'B', 'two', 'direct', 0, 3, 'r', 0.5);
            INSERT INTO events(id, article_id, date, granularity, start_day, end_day, sort_key, start, "end", text)
            VALUES (1, 1, '2020-12-01', 'day', 18597, 18597, 1, 0, 3, 'e1'),
                   (2, 2, '2020-12-02', 'day', 18598, 18598, 2, 0, 3, 'e2');
            """)
        defer { old.remove() }
        let store = try ArticleStore(path: old.path)
        #expect(try store.quotes().rows.map(\.articleDate) == ["2021-02-07", "2021-01-05"])
        #expect(try store.quotes(QuoteQuery(from: "2021-02-01")).rows.map(\.id) == [2])
        #expect(try store.quotes(QuoteQuery(to: "2021-01-31")).rows.map(\.id) == [1])
        #expect(try store.timeline().rows.map(\.articleDate) == ["2021-01-05", "2021-02-07"])
        let next = try store.insert(StoreFixtures.article("h3", date: "2022-03-04"))
        #expect(try store.quotes(QuoteQuery(articleId: next.id)).rows.map(\.articleDate) == ["2022-03-04"])
        #expect(try store.timeline(TimelineQuery(articleId: next.id)).rows.map(\.articleDate) == ["2022-03-04"])
    }

    @Test func aDatabaseFromBeforeFewerWriteIndexesKeepsFindingSpeakersTypesAndTwoLetterNames() throws {
        // Rows as the writer before 015 stored them: every quote with its speaker_norm, bigrams with spaces.
        let old = try StoreFixtures.oldDatabase(before: "015-fewer-write-indexes", rows: """
            INSERT INTO articles(id, content_hash, text, sort_date, analysis)
            VALUES (1, 'h1', 't', '2021-01-05', x'7B7D');
            INSERT INTO entities(id, key, norm, name, type, mention_count, article_count, first_seen, last_seen)
            VALUES (7, 'PER:jo li', 'jo li', 'Jo Li', 'PER', 1, 1, '2021-01-05', '2021-01-05'),
                   (8, 'ORG:un', 'un', 'UN', 'ORG', 1, 1, '2021-01-05', '2021-01-05');
            INSERT INTO article_entities VALUES (1, 7, NULL, 1, '{"jo li":"Jo Li"}'), (1, 8, NULL, 1, '{"un":"UN"}');
            INSERT INTO entity_names(entity_id, norm, alias) VALUES (7, 'jo li', 'Jo Li'), (8, 'un', 'UN');
            INSERT INTO name_bigrams VALUES ('jo', 7), ('o ', 7), (' l', 7), ('li', 7), ('un', 8);
            INSERT INTO quotes(id, article_id, speaker_entity_id, speaker_name, speaker_norm, text, kind, start, "end",
                               rule, confidence, article_date)
            VALUES (1, 1, 7, 'Jo Li', 'jo li', 'one', 'direct', 0, 3, 'r', 0.5, '2021-01-05');
            INSERT INTO entities_fts(rowid, norm) SELECT id, norm FROM entities;
            INSERT INTO entity_names_fts(rowid, norm) SELECT id, norm FROM entity_names;
            INSERT INTO quotes_fts(rowid, text, speaker_name) SELECT id, text, speaker_name FROM quotes;
            """)
        defer { old.remove() }
        let store = try ArticleStore(path: old.path)
        let gone = try StoreFixtures.schemaNames(store, where: """
            name IN ('entities_by_type_count', 'name_bigrams_by_entity')
            """)
        #expect(gone.isEmpty)
        let partial = try StoreFixtures.schemaNames(store, where: """
            name = 'quotes_by_speaker_norm' AND sql LIKE '%WHERE speaker_norm IS NOT NULL%'
            """)
        #expect(partial == ["quotes_by_speaker_norm"])
        #expect(try store.quotes(QuoteQuery(speaker: "JO LI")).rows.map(\.id) == [1])
        #expect(try store.entities(EntityQuery(type: "ORG")).rows.map(\.id) == [8])
        #expect(try store.entities(EntityQuery(q: "un")).rows.map(\.id) == [8])
        try QueryTablesTests.expectDerivedTablesMatch(store, "migration 015")
        // A delete takes every bigram of the names that go.
        #expect(try store.deleteArticle(id: 1))
        let bigrams = try store.withWriter { db throws(StorageError) in
            try db.scalarInt("SELECT count(*) FROM name_bigrams")
        }
        #expect(bigrams == 0)
    }

    @Test func aDatabaseFromBeforeQuotesByArticleDateListsThemNewestDateFirstFromItsIndexes() throws {
        // Quotes stored out of date order, with the indexes of 015 (by speaker, name and kind, not by date).
        let old = try StoreFixtures.oldDatabase(before: "016-quotes-by-article-date", rows: """
            INSERT INTO articles(id, content_hash, text, sort_date, analysis) VALUES
                (1, 'h1', 't', '2021-01-05', x'7B7D'), (2, 'h2', 't', '2005-02-07', x'7B7D'),
                (3, 'h3', 't', '2013-03-01', x'7B7D');
            INSERT INTO entities(id, key, norm, name, type, mention_count, article_count, first_seen, last_seen)
            VALUES (7, 'PER:jo li', 'jo li', 'Jo Li', 'PER', 3, 3, '2005-02-07', '2021-01-05');
            INSERT INTO quotes(id, article_id, speaker_entity_id, speaker_name, speaker_norm, text, kind, start, "end",
                               rule, confidence, article_date) VALUES
                (1, 1, 7, 'Jo Li', NULL, 'one', 'direct', 0, 3, 'r', 0.5, '2021-01-05'),
                (2, 2, 7, 'Jo Li', NULL, 'two', 'direct', 0, 3, 'r', 0.5, '2005-02-07'),
                (3, 3, NULL, 'Mr Li', 'mr li', 'three', 'indirect', 0, 5, 'r', 0.5, '2013-03-01');
            INSERT INTO quotes_fts(rowid, text, speaker_name) SELECT id, text, speaker_name FROM quotes;
            """)
        defer { old.remove() }
        let store = try ArticleStore(path: old.path)
        let indexes = try StoreFixtures.schemaNames(store, where: """
            type = 'index' AND tbl_name = 'quotes' AND sql LIKE '%article_date)%'
            """)
        #expect(Set(indexes) == ["quotes_by_date", "quotes_by_speaker_entity", "quotes_by_speaker_norm",
                                 "quotes_by_kind"])
        #expect(try store.quotes().rows.map(\.id) == [1, 3, 2])
        let pages = try StoreFixtures.allPages(limit: 1) { c, l in try store.quotes(QuoteQuery(cursor: c, limit: l)) }
        #expect(pages.map(\.id) == [1, 3, 2])
        #expect(try store.quotes(QuoteQuery(entityId: 7)).rows.map(\.id) == [1, 2])
        #expect(try store.quotes(QuoteQuery(speaker: "mr li")).rows.map(\.id) == [3])
        #expect(try store.quotes(QuoteQuery(kind: "direct", to: "2020")).rows.map(\.id) == [2])
        let plan = try store.read { db throws(StorageError) in
            try ArticleReader.quotePlans(QuoteQuery(entityId: 7, from: "2010"), db: db)
        }
        let range = "quotes_by_speaker_entity (speaker_entity_id=? AND article_date>?)"
        #expect(plan.first?.contains { $0.contains(range) } == true)
        // New quotes enter the new indexes in order.
        let next = try store.insert(StoreFixtures.article("h4", date: "2017-01-01"))
        #expect(try store.quotes().rows.map(\.articleId) == [1, next.id, 3, 2])
    }

    @Test func connectionUsesWalFullSyncAndForeignKeys() throws {
        let dir = StoreFixtures.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = try Database(path: dir.appendingPathComponent("p.db").path)
        #expect(try db.scalarText("PRAGMA journal_mode") == "wal")
        #expect(try db.scalarInt("PRAGMA synchronous") == 2)  // FULL
        #expect(try db.scalarInt("PRAGMA foreign_keys") == 1)
        #expect(try db.scalarInt("PRAGMA busy_timeout") == 5000)
    }

    @Test func fts5IsCompiledIntoTheSystemLibrary() throws {
        let db = try Database(path: ":memory:")
        #expect(try db.scalarInt("SELECT sqlite_compileoption_used('ENABLE_FTS5')") == 1)
    }
}

@Suite struct OpeningTests {
    @Test func aFileThatIsNotADatabaseIsRefusedAsCorrupt() throws {
        let dir = StoreFixtures.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("junk.db").path
        try Data(repeating: 0x42, count: 8192).write(to: URL(fileURLWithPath: path))
        #expect { try ArticleStore(path: path) } throws: { ($0 as? StorageError)?.kind == .corrupt }
    }

    @Test func aDatabaseInAMissingDirectoryCannotBeOpened() {
        #expect {
            try ArticleStore(path: "/nonexistent-byline-dir/x.db")
        } throws: { ($0 as? StorageError)?.isUnavailable == true }
    }
}
