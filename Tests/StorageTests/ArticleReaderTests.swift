// ArticleReader queries through ArticleStore: every filter, the sort orders, and keyset pagination (stable
// order, cursor round trip, no row twice or missing, limit bounds).
import Testing
@testable import Storage

@Suite struct ArticleReaderTests {
    typealias F = StoreFixtures

    /// 30 articles over 2020-01..2021-06 (one per 2-3 weeks); article i names "Person i%3" and "Org i%5",
    /// and every third one "Angela Merkel" (alias Merkel); each has two quotes and three events.
    static func corpus() throws -> (ArticleStore, [Int64]) {
        let store = try ArticleStore(path: ":memory:")
        var ids: [Int64] = []
        for i in 0..<30 {
            let date = EventDate.iso(EventDate.dayNumber(2020, 1, 1) + i * 18)
            var entities = [F.entity(1, "Person \(i % 3)", role: i % 2 == 0 ? "Minister" : nil),
                            F.entity(2, "Org \(i % 5)", "ORG", mentions: 2)]
            if i % 3 == 0 { entities.append(F.entity(3, "Angela Merkel", aliases: ["Merkel"])) }
            let quotes = [
                NewQuote(text: "Quote \(i) about taxes and growth", start: 0, end: 20, kind: "direct",
                         cue: "said", speakerName: "Person \(i % 3)", speakerLocalEntityId: 1, rule: "r1",
                         confidence: 0.8),
                NewQuote(text: "Indirect remark \(i) on climate", start: 30, end: 50, kind: "indirect",
                         speakerName: i % 3 == 0 ? "Merkel" : "an official",
                         speakerLocalEntityId: i % 3 == 0 ? 3 : nil, rule: "r2", confidence: 0.5),
            ]
            let events = [
                NewEvent(date: date, granularity: "day", start: 0, end: 5, text: "Day event \(i).",
                         localEntityIds: [1]),
                NewEvent(date: String(date.prefix(7)), granularity: "month", start: 6, end: 9,
                         text: "Month event \(i).", localEntityIds: [1, 2]),
                NewEvent(date: "PAST_REF", granularity: "ref", start: 10, end: 12, text: "Long ago \(i).",
                         localEntityIds: []),
            ]
            ids.append(try store.insert(F.article("h\(i)", date: date, entities: entities, quotes: quotes,
                                                  events: events)).id)
        }
        return (store, ids)
    }

    // MARK: - Articles

    @Test(arguments: [1, 7, 30, 500])
    func articlesPageNewestFirstWithoutGapsOrRepeats(_ limit: Int) throws {
        let (store, ids) = try Self.corpus()
        let rows = try F.allPages(limit: limit) { c, l in try store.articles(ArticleQuery(cursor: c, limit: l)) }
        #expect(rows.map(\.id) == ids.reversed())
        #expect(try store.articles(ArticleQuery(limit: limit)).rows.count == min(limit, 30))
    }

    @Test func articlesFilterByDateRangeAndEntity() throws {
        let (store, _) = try Self.corpus()
        let march = try store.articles(ArticleQuery(from: "2020-03", to: "2020-03")).rows
        #expect(!march.isEmpty)
        #expect(march.allSatisfy { $0.date!.hasPrefix("2020-03") })
        let y2021 = try store.articles(ArticleQuery(from: "2021-01-01")).rows
        #expect(y2021.allSatisfy { $0.date! >= "2021-01-01" })
        #expect(try store.articles(ArticleQuery(to: "2019")).rows.isEmpty)
        let merkel = try #require(try store.entities(EntityQuery(q: "merkel")).rows.first)
        let withMerkel = try store.articles(ArticleQuery(entityId: merkel.id)).rows
        #expect(withMerkel.count == 10)
        #expect(withMerkel.allSatisfy { $0.contentHash.dropFirst().allSatisfy(\.isNumber) })
        #expect(withMerkel.allSatisfy { Int($0.contentHash.dropFirst())! % 3 == 0 })
    }

    @Test func articlesRefuseBadFiltersAsInvalidArgument() throws {
        let (store, _) = try Self.corpus()
        for q in [ArticleQuery(from: "March"), ArticleQuery(to: "2021-13-01"), ArticleQuery(limit: 0),
                  ArticleQuery(limit: 501)] {
            #expect { try store.articles(q) } throws: { ($0 as? StorageError)?.kind == .invalidArgument }
        }
        let entityCursor = try #require(try store.entities(EntityQuery(limit: 1)).nextCursor)
        #expect {
            try store.articles(ArticleQuery(cursor: entityCursor))
        } throws: { ($0 as? StorageError)?.kind == .invalidCursor }
    }

    @Test func articlesWithoutADateSortByTheirInsertionDay() throws {
        let store = try ArticleStore(path: ":memory:")
        _ = try store.insert(F.article("old", date: "1999-01-01"))
        let undated = try store.insert(F.article("undated", date: nil)).id
        let rows = try store.articles().rows
        #expect(rows.first?.id == undated)
        #expect(rows.first?.date == nil)
    }

    // MARK: - Entities

    @Test func entitiesSortByArticleCountThenIdAndPageStably() throws {
        let (store, _) = try Self.corpus()
        let rows = try F.allPages(limit: 3) { c, l in try store.entities(EntityQuery(cursor: c, limit: l)) }
        #expect(rows.count == 9)  // 3 people, 5 orgs, Merkel
        let keys = rows.map { (-$0.articleCount, $0.id) }
        #expect(keys.elementsEqual(keys.sorted(by: <), by: ==))
        #expect(rows.first?.articleCount == 10)
    }

    @Test func entitiesSortByNameAndPageStably() throws {
        let (store, _) = try Self.corpus()
        let rows = try F.allPages(limit: 2) { c, l in
            try store.entities(EntityQuery(sort: .name, cursor: c, limit: l))
        }
        #expect(rows.map(\.name) == ["Angela Merkel", "Org 0", "Org 1", "Org 2", "Org 3", "Org 4", "Person 0",
                                     "Person 1", "Person 2"])
    }

    @Test func entitiesFilterByTypeTextArticleAndMinimumArticles() throws {
        let (store, ids) = try Self.corpus()
        #expect(try store.entities(EntityQuery(type: "ORG")).rows.count == 5)
        #expect(try store.entities(EntityQuery(type: "PER", q: "ERS")).rows.map(\.name).sorted()
                == ["Person 0", "Person 1", "Person 2"])
        #expect(try store.entities(EntityQuery(q: "rkel")).rows.map(\.name) == ["Angela Merkel"])
        #expect(try store.entities(EntityQuery(q: "%")).rows.isEmpty)
        // One and two characters have no trigram and take other paths (a walk in list order; one pass over the
        // names): same substring semantics, LIKE's wildcards taken literally.
        #expect(try store.entities(EntityQuery(q: "rk")).rows.map(\.name) == ["Angela Merkel"])
        #expect(try store.entities(EntityQuery(q: " 0")).rows.map(\.name).sorted() == ["Org 0", "Person 0"])
        #expect(try store.entities(EntityQuery(q: "0")).rows.map(\.name).sorted() == ["Org 0", "Person 0"])
        #expect(try store.entities(EntityQuery(q: "%_")).rows.isEmpty)
        #expect(try store.entities(EntityQuery(type: "ORG", q: "g ")).rows.count == 5)
        #expect(try store.entities(EntityQuery(articleId: ids[3])).rows.map(\.name).sorted()
                == ["Angela Merkel", "Org 3", "Person 0"])
        #expect(try store.entities(EntityQuery(minArticles: 7)).rows.map(\.name).sorted()
                == ["Angela Merkel", "Person 0", "Person 1", "Person 2"])
        let p0 = try #require(try store.entities(EntityQuery(q: "person 0")).rows.first)
        #expect(p0.roles == ["Minister"])
        #expect(p0.mentionCount == 10)
    }

    /// An entity's roles come most used first, one per role whatever its case (an alphabetical list put a rare
    /// "Leader" before the "leader" of most articles, as two roles).
    @Test func entityRolesComeMostUsedFirstWithOneSpellingEach() throws {
        let store = try ArticleStore(path: ":memory:")
        let roles = ["leader", "Leader", "leader", "Prime Minister", "leader", "Prime Minister", "Zealot", nil]
        for (i, role) in roles.enumerated() {
            _ = try store.insert(StoreFixtures.article("r\(i)", entities: [
                StoreFixtures.entity(1, "Michael Howard", role: role),
            ], quotes: [], events: []))
        }
        let howard = try #require(try store.entities(EntityQuery(q: "howard")).rows.first)
        #expect(howard.roles == ["leader", "Prime Minister", "Zealot"])
        #expect(try store.entity(id: howard.id)?.entity.roles == ["leader", "Prime Minister", "Zealot"])
    }

    @Test func entitiesNamedMatchACanonicalNameOrAliasCaseInsensitively() throws {
        let (store, _) = try Self.corpus()
        for name in ["MERKEL", "angela  merkel", "Angela Merkel"] {
            #expect(try store.entities(named: name).map(\.name) == ["Angela Merkel"], "\(name)")
        }
        #expect(try store.entities(named: "Merk").isEmpty)  // whole names only, unlike q
        #expect(try store.entities(named: " ").isEmpty)
        // Several entities by one name: most articles first, up to the limit.
        let more = try ArticleStore(path: ":memory:")
        for (i, n) in [1, 3].enumerated() {
            for k in 0..<n {
                _ = try more.insert(F.article("w\(i)-\(k)", entities: [
                    i == 0 ? F.entity(1, "Washington", "LOC") : F.entity(1, "George Washington", aliases: ["Washington"]),
                ], quotes: [], events: []))
            }
        }
        #expect(try more.entities(named: "washington").map(\.name) == ["George Washington", "Washington"])
        #expect(try more.entities(named: "washington", limit: 1).map(\.name) == ["George Washington"])
    }

    /// A name also finds the people whose name ends with it as whole words: readers look people up by surname,
    /// while an article may never write one alone.
    @Test func aSurnameAloneFindsThePeopleWithIt() throws {
        let store = try ArticleStore(path: ":memory:")
        let people = [("Gordon Brown", "PER", 2), ("James Brown", "PER", 1), ("Charlie Browning", "PER", 3),
                      ("Li Wei", "PER", 1), ("Wei Li", "PER", 1),
                      ("Brown Brothers Harriman", "ORG", 1), ("Brown University Press", "ORG", 1)]
        for (name, type, articles) in people {
            for k in 0..<articles {
                _ = try store.insert(F.article("\(name)-\(k)", entities: [F.entity(1, name, type)], quotes: [
                    NewQuote(text: "Words of \(name)", start: 0, end: 5, kind: "direct", speakerName: name,
                             speakerLocalEntityId: 1, rule: "r", confidence: 0.9),
                ], events: []))
            }
        }
        #expect(try store.entities(named: "BROWN").map(\.name) == ["Gordon Brown", "James Brown"])
        #expect(Set(try store.quotes(QuoteQuery(speaker: "brown")).rows.compactMap(\.speakerName))
                == ["Gordon Brown", "James Brown"])
        #expect(try store.entities(named: "gordon").isEmpty)  // a first name is not a surname
        #expect(try store.entities(named: "li").map(\.name) == ["Wei Li"])
        // An entity named by the surname alone (an article that wrote only "Brown") does not hide the others.
        _ = try store.insert(F.article("alone", entities: [F.entity(1, "Brown")], quotes: [], events: []))
        #expect(try store.entities(named: "brown").map(\.name) == ["Gordon Brown", "James Brown", "Brown"])
        #expect(try store.entities(named: "brown", limit: 1).map(\.name) == ["Gordon Brown"])
        // A name that is an alias of a fuller one names that person alone, not everyone of that surname.
        _ = try store.insert(F.article("alias", entities: [F.entity(1, "Gordon Brown", aliases: ["Brown"])],
                                       quotes: [], events: []))
        #expect(try store.entities(named: "brown").map(\.name) == ["Gordon Brown", "Brown"])
    }

    @Test func entityDetailCarriesItsArticlesQuotesAndTimeline() throws {
        let (store, _) = try Self.corpus()
        let merkel = try #require(try store.entities(EntityQuery(q: "merkel")).rows.first)
        let detail = try #require(try store.entity(id: merkel.id))
        #expect(detail.entity == merkel)
        #expect(detail.entity.aliases == ["Merkel"])
        #expect(detail.articles.rows.count == 10)
        #expect(detail.quotes.rows.count == 10)
        #expect(detail.quotes.rows.allSatisfy { $0.speakerEntityId == merkel.id })
        #expect(detail.timeline.rows.isEmpty)  // her articles' events name other entities
        #expect(try store.entity(id: 999_999) == nil)
    }

    // MARK: - Quotes

    @Test func quotesFilterBySpeakerEntityTextKindDateAndArticle() throws {
        let (store, ids) = try Self.corpus()
        let all = try F.allPages(limit: 7) { c, l in try store.quotes(QuoteQuery(cursor: c, limit: l)) }
        #expect(all.count == 60)
        #expect(all.map(\.id) == all.map(\.id).sorted(by: >))
        // Speaker by written name, by entity name and by alias, case-insensitively.
        #expect(try store.quotes(QuoteQuery(speaker: "MERKEL")).rows.count == 10)
        #expect(try store.quotes(QuoteQuery(speaker: "angela merkel")).rows.count == 10)
        #expect(try store.quotes(QuoteQuery(speaker: "person 1")).rows.count == 10)
        // A speaker's pages merge its name and entity alternatives: newest first, each quote once, none lost.
        let merkelPages = try F.allPages(limit: 3) { c, l in
            try store.quotes(QuoteQuery(speaker: "Merkel", cursor: c, limit: l))
        }
        #expect(merkelPages.count == 10 && Set(merkelPages.map(\.id)).count == 10)
        #expect(merkelPages.map(\.id) == merkelPages.map(\.id).sorted(by: >))
        let p1 = try #require(try store.entities(EntityQuery(q: "person 1")).rows.first)
        #expect(try store.quotes(QuoteQuery(entityId: p1.id)).rows.count == 10)
        #expect(try store.quotes(QuoteQuery(q: "climate")).rows.count == 30)
        #expect(try store.quotes(QuoteQuery(q: "TAXES growth")).rows.count == 30)
        #expect(try store.quotes(QuoteQuery(q: "clim*")).rows.count == 30)
        #expect(try store.quotes(QuoteQuery(q: "merkel")).rows.count == 10)  // speaker names are indexed too
        #expect(try store.quotes(QuoteQuery(q: "taxes climate")).rows.isEmpty)
        #expect(try store.quotes(QuoteQuery(q: "\"unbalanced OR (")).rows.isEmpty)
        #expect(try store.quotes(QuoteQuery(kind: "indirect")).rows.allSatisfy { $0.kind == "indirect" })
        let y2021 = try store.quotes(QuoteQuery(from: "2021")).rows
        #expect(!y2021.isEmpty && y2021.allSatisfy { $0.articleDate.hasPrefix("2021") })
        #expect(try store.quotes(QuoteQuery(to: "2020-01-01")).rows.count == 2)
        let one = try store.quotes(QuoteQuery(articleId: ids[4])).rows
        #expect(one.map(\.articleId) == [ids[4], ids[4]])
        #expect(one.last?.cue == "said" && one.last?.rule == "r1" && one.last?.confidence == 0.8)
        #expect { try store.quotes(QuoteQuery(q: "  ")) } throws: { ($0 as? StorageError)?.kind == .invalidArgument }
    }

    // MARK: - Timeline

    @Test func timelineSortsByDateCoarserFirstWithUndatedLast() throws {
        let (store, _) = try Self.corpus()
        let rows = try F.allPages(limit: 11) { c, l in try store.timeline(TimelineQuery(cursor: c, limit: l)) }
        #expect(rows.count == 90)
        let keys = rows.map { EventDate(timex: $0.date)?.sortKey ?? EventDate.undatedSortKey }
        #expect(keys == keys.sorted())
        #expect(rows.suffix(30).allSatisfy { $0.date == "PAST_REF" })
        #expect(rows.first?.date == "2020-01" && rows.first?.granularity == "month")
        #expect(rows.first?.articleDate == "2020-01-01")
        #expect(rows.first?.entityIds.count == 2)
    }

    @Test func timelineFiltersByOverlapEntityTextAndArticle() throws {
        let (store, ids) = try Self.corpus()
        let feb = try store.timeline(TimelineQuery(from: "2020-02-15", to: "2020-02-20")).rows
        // The 2020-02 month events overlap the range; day events only when inside it.
        #expect(feb.contains { $0.date == "2020-02" })
        #expect(feb.allSatisfy { $0.date == "2020-02" || ("2020-02-15"..."2020-02-20").contains($0.date) })
        #expect(try store.timeline(TimelineQuery(from: "2000")).rows.allSatisfy { $0.date != "PAST_REF" })
        let org = try #require(try store.entities(EntityQuery(q: "org 2")).rows.first)
        let orgEvents = try store.timeline(TimelineQuery(entityId: org.id)).rows
        #expect(orgEvents.count == 6 && orgEvents.allSatisfy { $0.granularity == "month" })
        // Words, as /quotes?q= finds them: "1" is the word 1 alone, "1*" a prefix (1, 10..19).
        #expect(try store.timeline(TimelineQuery(q: "LONG ago 1")).rows.count == 1)
        #expect(try store.timeline(TimelineQuery(q: "LONG ago 1*")).rows.count == 11)
        #expect(try store.timeline(TimelineQuery(articleId: ids[0])).rows.map(\.date)
                == ["2020-01", "2020-01-01", "PAST_REF"])
    }

    /// /timeline?q= was a LIKE: case folded for ASCII only ('путин' missed 'Путин') and diacritics kept ('erdogan'
    /// missed 'Erdoğan'), where /quotes?q= folds both. Each row: a q and the events (by text) it finds, alone and
    /// with an entity (the other list source), whatever the case and accents of either side.
    @Test(arguments: [
        ("путин", ["Владимир Путин spoke on Monday."]),
        ("ПУТИН", ["Владимир Путин spoke on Monday."]),
        ("erdogan", ["Recep Tayyip Erdoğan spoke on Tuesday."]),
        ("ERDOĞAN tuesday", ["Recep Tayyip Erdoğan spoke on Tuesday."]),
        ("elysee", ["L'ÉLYSÉE answered on Monday."]),
        ("monday", ["Владимир Путин spoke on Monday.", "L'ÉLYSÉE answered on Monday."]),
        ("Erdo*", ["Recep Tayyip Erdoğan spoke on Tuesday."]),
        ("spok", []),  // a word, not a substring: spoke needs spok*
    ] as [(String, [String])])
    func timelineTextSearchFoldsCaseAndDiacriticsInEveryScript(q: String, texts: [String]) throws {
        let store = try ArticleStore(path: ":memory:")
        let sentences = ["Владимир Путин spoke on Monday.", "Recep Tayyip Erdoğan spoke on Tuesday.",
                         "L'ÉLYSÉE answered on Monday."]
        for (i, text) in sentences.enumerated() {
            _ = try store.insert(F.article("h\(i)", date: "2021-03-1\(i)", events: [
                NewEvent(date: "2021-03-1\(i)", granularity: "day", start: 0, end: 5, text: text, localEntityIds: [1])]))
        }
        #expect(try store.timeline(TimelineQuery(q: q)).rows.map(\.text) == texts)
        let biden = try #require(try store.entities(EntityQuery(q: "biden")).rows.first)
        #expect(try store.timeline(TimelineQuery(entityId: biden.id, q: q)).rows.map(\.text) == texts)
        // Deleting an article takes its event out of the index (the integrity check compares the two).
        try store.deleteArticle(id: 1)
        #expect(try store.timeline(TimelineQuery(q: "путин")).rows.isEmpty)
        try QueryTablesTests.expectDerivedTablesMatch(store, "timeline text search after a delete")
    }

    /// A q of no words (punctuation, a lone *) is a 400 naming q, as for quotes, not a list of everything.
    @Test(arguments: ["  ", "*", "\" -", "—"])
    func timelineTextSearchWithoutWordsIsRefused(q: String) throws {
        let store = try ArticleStore(path: ":memory:")
        #expect { try store.timeline(TimelineQuery(q: q)) } throws: {
            ($0 as? StorageError)?.kind == .invalidArgument
        }
    }

    /// Quoted words are a phrase in both text searches: q="interest rates" found "rates of interest" too.
    @Test(arguments: [
        ("\"interest rates\"", ["Interest rates will rise."]),
        ("interest rates", ["Interest rates will rise.", "The rates of interest will rise."]),
        ("\u{201C}rates of\u{201D}", ["The rates of interest will rise."]),
        ("\"interest rat\"*", ["Interest rates will rise."]),
    ] as [(String, [String])])
    func quotedWordsSearchAPhraseInQuotesAndTimeline(q: String, texts: [String]) throws {
        let store = try ArticleStore(path: ":memory:")
        for (i, text) in ["Interest rates will rise.", "The rates of interest will rise."].enumerated() {
            _ = try store.insert(F.article("h\(i)", date: "2021-03-1\(i)",
                quotes: [NewQuote(text: text, start: 0, end: 5, kind: "direct", cue: "said", speakerName: "X",
                                  speakerLocalEntityId: nil, rule: "r", confidence: 0.5)],
                events: [NewEvent(date: "2021-03-1\(i)", granularity: "day", start: 0, end: 5, text: text)]))
        }
        #expect(Set(try store.quotes(QuoteQuery(q: q)).rows.map(\.text)) == Set(texts))
        #expect(Set(try store.timeline(TimelineQuery(q: q)).rows.map(\.text)) == Set(texts))
    }

    /// granularity keeps the events of the periods named: with from/to, the days in a range instead of every
    /// century and year that overlaps it first (coarser sorts first on a tie).
    @Test(arguments: [
        (["day"], ["2021-03-18"]), (["century", "year"], ["20", "2021"]), (["ref"], []),
        (["month", "day", "week"], ["2021-03", "2021-03-18"]), ([], ["20", "2021", "2021-03", "2021-03-18"]),
    ] as [([String], [String])])
    func timelineKeepsTheGranularitiesAsked(granularities: [String], dates: [String]) throws {
        let store = try ArticleStore(path: ":memory:")
        let events = [("20", "century"), ("2021", "year"), ("2021-03", "month"), ("2021-03-18", "day"),
                      ("PAST_REF", "ref")].map { NewEvent(date: $0.0, granularity: $0.1, start: 0, end: 1, text: $0.0) }
        _ = try store.insert(F.article("h", events: events))
        let q = TimelineQuery(from: "2021-03-01", to: "2021-03-31", granularities: granularities)
        #expect(try store.timeline(q).rows.map(\.date) == dates)
        if granularities == ["ref"] {
            // refs are outside any from/to (the empty row above); without a range they list.
            #expect(try store.timeline(TimelineQuery(granularities: ["ref"])).rows.map(\.date) == ["PAST_REF"])
        }
    }
}
