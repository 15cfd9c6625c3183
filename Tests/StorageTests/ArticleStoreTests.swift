// ArticleStore writes: insert, dedupe by content hash, entity merging across articles, delete cascade,
// validation, and that failed writes leave nothing behind.
import Foundation
import Testing
@testable import Storage

@Suite struct ArticleStoreTests {
    typealias F = StoreFixtures

    func count(_ store: ArticleStore, _ table: String) throws -> Int64 {
        try store.withWriter { db throws(StorageError) in try db.scalarInt("SELECT count(*) FROM \(table)") ?? -1 }
    }

    @Test func insertStoresEverythingAndReturnsItById() throws {
        let store = try ArticleStore(path: ":memory:")
        let r = try store.insert(F.article("h1"))
        #expect(r.created)
        let a = try #require(try store.article(id: r.id))
        #expect(a.text == "Body text.")
        #expect(a.summary.date == "2021-03-18")
        #expect(a.summary.title == "Title h1")
        #expect(a.summary.url == "https://example.com/h1")
        #expect(String(decoding: a.analysisJSON, as: UTF8.self) == "{\"hash\":\"h1\"}")
        #expect(a.summary.createdAt.hasSuffix("Z"))
        #expect(try store.withWriter { db throws(StorageError) in
            try db.scalarInt("SELECT sum(mention_count) FROM article_entities")
        } == 3)
        #expect(try count(store, "quotes") == 1)
        #expect(try count(store, "events") == 1)
        #expect(try store.article(id: r.id + 100) == nil)
        #expect(try store.articleId(contentHash: "h1") == r.id)
    }

    @Test func sameContentHashReturnsTheExistingIdAndStoresNothingMore() throws {
        let store = try ArticleStore(path: ":memory:")
        let first = try store.insert(F.article("same"))
        let second = try store.insert(F.article("same", text: "Other text."))
        #expect(second == InsertResult(id: first.id, created: false))
        #expect(try count(store, "articles") == 1)
        #expect(try count(store, "quotes") == 1)
        let biden = try #require(try store.entities(EntityQuery(q: "joe biden")).rows.first)
        #expect(biden.articleCount == 1)
        #expect(biden.mentionCount == 2)
    }

    @Test func sameNameAndTypeMergeAcrossArticlesWithCountsAndDates() throws {
        let store = try ArticleStore(path: ":memory:")
        _ = try store.insert(F.article("a", date: "2021-03-18"))
        _ = try store.insert(F.article("b", date: "2020-01-05", entities: [F.entity(1, "JOE  BIDEN", role: "Senator")],
                                       quotes: [], events: []))
        _ = try store.insert(F.article("c", date: "2022-07-01", entities: [F.entity(1, "Joe Biden", "ORG")],
                                       quotes: [], events: []))
        let people = try store.entities(EntityQuery(type: "PER", q: "biden")).rows
        #expect(people.count == 1)
        let joe = try #require(people.first)
        #expect(joe.name == "Joe Biden")
        #expect(joe.articleCount == 2)
        #expect(joe.mentionCount == 3)
        #expect(joe.firstSeen == "2020-01-05")
        #expect(joe.lastSeen == "2021-03-18")
        #expect(joe.roles == ["President", "Senator"])
        #expect(joe.aliases == ["Biden"])
        #expect(try store.entities(EntityQuery(type: "ORG", q: "biden")).rows.count == 1)
    }

    @Test func aShortNameResolvedToAFullNameJoinsThatEntity() throws {
        let store = try ArticleStore(path: ":memory:")
        // Earlier article knew the full name with the short form as alias; a later one only the short form.
        _ = try store.insert(F.article("full", entities: [F.entity(1, "Antony Blinken", aliases: ["Blinken"])],
                                       quotes: [], events: []))
        _ = try store.insert(F.article("short", entities: [F.entity(1, "Blinken")], quotes: [], events: []))
        // And the other way round: first only "Yellen", then "Janet Yellen" with alias "Yellen".
        _ = try store.insert(F.article("y1", entities: [F.entity(1, "Yellen")], quotes: [], events: []))
        _ = try store.insert(F.article("y2", entities: [F.entity(1, "Janet Yellen", aliases: ["Yellen"])],
                                       quotes: [], events: []))
        let all = try store.entities().rows
        #expect(all.map(\.name).sorted() == ["Antony Blinken", "Janet Yellen"])
        #expect(all.allSatisfy { $0.articleCount == 2 })
        #expect(all.first { $0.name == "Janet Yellen" }?.aliases == ["Yellen"])
    }

    @Test(arguments: [
        // An earlier entity of the same article gave the short form: one entity, mentions summed.
        ([F.entity(1, "Antony Blinken", aliases: ["Blinken"]), F.entity(2, "Blinken")], ["Antony Blinken"]),
        // Two earlier entities of the same article gave it: ambiguous, so it stays its own.
        ([F.entity(1, "John Smith", aliases: ["Smith"]), F.entity(2, "Jane Smith", aliases: ["Smith"]),
          F.entity(3, "Smith")], ["Jane Smith", "John Smith", "Smith"]),
        // Another type's form does not count.
        ([F.entity(1, "Jordan River", "LOC", aliases: ["Jordan"]), F.entity(2, "Jordan")], ["Jordan", "Jordan River"]),
    ])
    func aShortNameResolvesByFormsOfEarlierEntitiesOfItsOwnArticle(_ c: ([NewEntity], [String])) throws {
        let store = try ArticleStore(path: ":memory:")
        _ = try store.insert(F.article("a", entities: c.0, quotes: [], events: []))
        let all = try store.entities().rows
        #expect(all.map(\.name).sorted() == c.1)
        #expect(all.map(\.mentionCount).reduce(0, +) == c.0.count)
    }

    @Test func anAmbiguousShortNameStaysItsOwnEntity() throws {
        let store = try ArticleStore(path: ":memory:")
        _ = try store.insert(F.article("1", entities: [F.entity(1, "John Smith", aliases: ["Smith"])], quotes: [],
                                       events: []))
        _ = try store.insert(F.article("2", entities: [F.entity(1, "Jane Smith", aliases: ["Smith"])], quotes: [],
                                       events: []))
        _ = try store.insert(F.article("3", entities: [F.entity(1, "Smith")], quotes: [], events: []))
        #expect(try store.entities().rows.map(\.name).sorted() == ["Jane Smith", "John Smith", "Smith"])
    }

    @Test func deleteRemovesEverythingTheArticleBroughtAndUpdatesEntities() throws {
        let store = try ArticleStore(path: ":memory:")
        let a = try store.insert(F.article("a", date: "2021-03-18")).id
        let b = try store.insert(F.article("b", date: "2020-01-01", entities: [
            F.entity(1, "Joe Biden", aliases: ["Uncle Joe"], role: "Senator"), F.entity(2, "Kabul", "LOC"),
        ])).id
        #expect(try store.deleteArticle(id: b))
        #expect(try store.deleteArticle(id: b) == false)
        #expect(try store.article(id: b) == nil)
        let joe = try #require(try store.entities(EntityQuery(q: "joe")).rows.first)
        #expect(joe.articleCount == 1)
        #expect(joe.mentionCount == 2)
        #expect(joe.firstSeen == "2021-03-18")
        #expect(joe.roles == ["President"])
        #expect(joe.aliases == ["Biden"])
        #expect(try store.entities(EntityQuery(q: "kabul")).rows.isEmpty)
        #expect(try store.quotes().rows.map(\.articleId) == [a])
        #expect(try store.timeline().rows.map(\.articleId) == [a])
        #expect(try store.quotes(QuoteQuery(q: "economy")).rows.count == 1)

        #expect(try store.deleteArticle(id: a))
        for table in ["articles", "entities", "article_entities", "entity_names", "quotes", "events",
                      "event_entities"] {
            #expect(try count(store, table) == 0, "\(table) not empty")
        }
        #expect(try store.quotes(QuoteQuery(q: "economy")).rows.isEmpty)
    }

    static let invalidArticles: [(String, NewArticle)] = [
        ("empty hash", F.article("")),
        ("bad date", F.article("d", date: "18/03/2021")),
        ("month date", F.article("d", date: "2021-03")),
        ("repeated local id", F.article("d", entities: [F.entity(1, "A"), F.entity(1, "B")], quotes: [], events: [])),
        ("unknown speaker", F.article("d", entities: [], events: [])),
        ("unknown event entity", F.article("d", entities: [F.entity(2, "A")], quotes: [])),
        ("blank entity name", F.article("d", entities: [F.entity(1, "  ")], quotes: [], events: [])),
        // Regression: the merge key is type:norm, so a ":" in the type could collide with another entity's key.
        ("colon in entity type", F.article("d", entities: [F.entity(1, "c", "A:B")], quotes: [], events: [])),
    ]

    @Test(arguments: invalidArticles)
    func invalidInputIsRefusedAndStoresNothing(_ c: (String, NewArticle)) throws {
        let store = try ArticleStore(path: ":memory:")
        #expect(performing: { try store.insert(c.1) }, throws: { ($0 as? StorageError)?.kind == .invalidArgument })
        #expect(try count(store, "articles") == 0)
        #expect(try count(store, "entities") == 0)
    }

    @Test func aBatchWithOneBadArticleStoresTheOthers() throws {
        let store = try ArticleStore(path: ":memory:")
        let outcomes = try store.withWriter { db throws(StorageError) in
            ArticleWriter.insertBatch([F.article("ok1"), F.article("bad", date: "x"), F.article("ok2")], into: db)
        }
        #expect(outcomes.map { (try? $0.get()) != nil } == [true, false, true])
        #expect(try count(store, "articles") == 2)
        #expect(try count(store, "quotes") == 2)
    }

    /// Quotes enter the full-text index once per batch: the written articles' quotes are found, the refused one's
    /// are not, and repeated entities in one batch are counted once per article.
    @Test func aBatchIndexesTheQuotesAndCountsTheEntitiesOfTheArticlesItWrote() throws {
        let store = try ArticleStore(path: ":memory:")
        func quote(_ words: String) -> [NewQuote] {
            [NewQuote(text: words, start: 0, end: 5, kind: "direct", speakerName: "Biden", speakerLocalEntityId: 1,
                      rule: "r", confidence: 1)]
        }
        _ = try store.withWriter { db throws(StorageError) in
            ArticleWriter.insertBatch([F.article("ok1", date: "2021-03-01", quotes: quote("alpha words")),
                                       F.article("bad", date: "x", quotes: quote("beta words")),
                                       F.article("ok2", date: "2021-03-05", quotes: quote("gamma words"))], into: db)
        }
        #expect(try store.quotes(QuoteQuery(q: "alpha")).rows.count == 1)
        #expect(try store.quotes(QuoteQuery(q: "beta")).rows.isEmpty)
        #expect(try store.quotes(QuoteQuery(q: "gamma")).rows.count == 1)
        #expect(try store.quotes(QuoteQuery(q: "words")).rows.count == 2)
        let biden = try #require(try store.entities(EntityQuery(q: "joe biden")).rows.first)
        #expect(biden.articleCount == 2)
        #expect(biden.mentionCount == 4)
        #expect(biden.firstSeen == "2021-03-01")
        #expect(biden.lastSeen == "2021-03-05")
    }

    @Test func diskFullFailsTheWholeWriteAsUnavailableAndLeavesNothingHalfWritten() throws {
        try F.withTempStore { store, _ in
            _ = try store.insert(F.article("before"))
            let before = try ["articles", "entities", "article_entities", "quotes", "events"].map { try count(store, $0) }
            // max_page_count makes SQLite answer SQLITE_FULL exactly as a full disk does.
            let pages = try store.withWriter { db throws(StorageError) in try db.scalarInt("PRAGMA page_count") ?? 0 }
            try store.withWriter { db throws(StorageError) in try db.execute("PRAGMA max_page_count = \(pages)") }
            let big = F.article("big", text: String(repeating: "lorem ipsum ", count: 20_000))
            #expect {
                try store.insert(big)
            } throws: { e in
                guard let e = e as? StorageError else { return false }
                return e.kind == .diskFull && e.isUnavailable && e.code == 13
            }
            let after = try ["articles", "entities", "article_entities", "quotes", "events"].map { try count(store, $0) }
            #expect(after == before)
            #expect(try store.articleId(contentHash: "big") == nil)
            // Reads still work, and writes resume once there is room again.
            #expect(try store.articles().rows.count == 1)
            try store.withWriter { db throws(StorageError) in try db.execute("PRAGMA max_page_count = 1073741823") }
            #expect(try store.insert(big).created)
        }
    }

    @Test(arguments: [(Int32(13), StorageError.Kind.diskFull, true), (10, .ioError, true), (5, .busy, true),
                      (8, .readOnly, true), (11, .corrupt, false), (19, .constraint, false), (1, .other, false)])
    func resultCodesAreClassifiedForTheHttpStatus(_ c: (Int32, StorageError.Kind, Bool)) {
        let e = StorageError(resultCode: c.0 | (3 << 8), db: nil)
        #expect(e.kind == c.1)
        #expect(e.isUnavailable == c.2)
        #expect(e.code == c.0)
        #expect(e.extendedCode == c.0 | (3 << 8))
    }
}
