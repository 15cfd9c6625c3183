// Every list's cursor answers only the query that made it: another filter (or sort, or list) is refused as an
// invalid cursor instead of giving the other query's rows from the cursor's position. Spellings that select the
// same rows (a speaker's case, a year as from and as its first day) share cursors, and the first pages an entity
// carries continue on the lists filtered by that entity.
import Testing
@testable import Storage

@Suite struct CursorBindingTests {
    typealias Corpus = ArticleReaderTests

    static func refused(_ body: () throws -> Void) -> Bool {
        do { try body() } catch let e as StorageError { return e.kind == .invalidCursor } catch { return false }
        return false
    }

    @Test func aQuoteCursorIsRefusedOnOtherFiltersAndKeptOnTheSameOnes() throws {
        let (store, _) = try Corpus.corpus()
        let next = try #require(try store.quotes(QuoteQuery(speaker: "Person 1", limit: 2)).nextCursor)
        for other in [QuoteQuery(cursor: next), QuoteQuery(speaker: "Person 2", cursor: next),
                      QuoteQuery(speaker: "Person 1", kind: "direct", cursor: next),
                      QuoteQuery(speaker: "Person 1", from: "2020", cursor: next)] {
            #expect(Self.refused { _ = try store.quotes(other) }, "\(other)")
        }
        let again = try store.quotes(QuoteQuery(speaker: "  PERSON 1 ", cursor: next, limit: 5)).rows
        #expect(!again.isEmpty && again.allSatisfy { $0.speakerName == "Person 1" })
        // Words are bound as the search reads them: spacing aside, the same words share a cursor.
        let words = try #require(try store.quotes(QuoteQuery(q: "taxes growth", limit: 2)).nextCursor)
        #expect(try !store.quotes(QuoteQuery(q: " taxes   growth ", cursor: words)).rows.isEmpty)
        #expect(Self.refused { _ = try store.quotes(QuoteQuery(q: "taxes", cursor: words)) })
    }

    @Test func articleTimelineAndEntityCursorsAreBoundToTheirFilters() throws {
        let (store, _) = try Corpus.corpus()
        let merkel = try #require(try store.entities(EntityQuery(q: "merkel")).rows.first).id
        let articles = try #require(try store.articles(ArticleQuery(entityId: merkel, limit: 2)).nextCursor)
        #expect(Self.refused { _ = try store.articles(ArticleQuery(cursor: articles)) })
        #expect(Self.refused { _ = try store.articles(ArticleQuery(from: "2020", entityId: merkel, cursor: articles)) })
        let timeline = try #require(try store.timeline(TimelineQuery(granularities: ["day", "month"], limit: 2))
            .nextCursor)
        #expect(Self.refused { _ = try store.timeline(TimelineQuery(cursor: timeline)) })
        #expect(Self.refused { _ = try store.timeline(TimelineQuery(granularities: ["day"], cursor: timeline)) })
        #expect(try !store.timeline(TimelineQuery(granularities: ["month", "day"], cursor: timeline)).rows.isEmpty)
        let entities = try #require(try store.entities(EntityQuery(type: "PER", limit: 1)).nextCursor)
        #expect(Self.refused { _ = try store.entities(EntityQuery(cursor: entities)) })
        #expect(Self.refused { _ = try store.entities(EntityQuery(type: "PER", from: "2020", cursor: entities)) })
        #expect(Self.refused { _ = try store.entities(EntityQuery(type: "PER", sort: .name, cursor: entities)) })
        #expect(try !store.entities(EntityQuery(type: "PER", cursor: entities)).rows.isEmpty)
        // A year and its first and last days are the same bounds.
        let year = try #require(try store.articles(ArticleQuery(from: "2020", to: "2020", limit: 2)).nextCursor)
        #expect(try !store.articles(ArticleQuery(from: "2020-01-01", to: "2020-12-31", cursor: year)).rows.isEmpty)
    }

    /// GET /entities/{id} carries first pages; their cursors go on with /articles, /quotes and /timeline?entity=ID.
    @Test func anEntitysFirstPagesContinueOnTheListsOfThatEntity() throws {
        let store = try ArticleStore(path: ":memory:")
        for i in 0..<60 { _ = try store.insert(StoreFixtures.article("h\(i)", date: "2021-03-\(10 + i % 18)")) }
        let biden = try #require(try store.entities(EntityQuery(q: "biden")).rows.first).id
        let detail = try #require(try store.entity(id: biden))
        let a = try #require(detail.articles.nextCursor), q = try #require(detail.quotes.nextCursor)
        let t = try #require(detail.timeline.nextCursor)
        #expect(try store.articles(ArticleQuery(entityId: biden, cursor: a)).rows.count == 10)
        #expect(try store.quotes(QuoteQuery(entityId: biden, cursor: q)).rows.count == 10)
        #expect(try store.timeline(TimelineQuery(entityId: biden, cursor: t)).rows.count == 10)
        #expect(Self.refused { _ = try store.quotes(QuoteQuery(cursor: q)) })
    }
}
