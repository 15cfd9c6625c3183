// The list queries behind GET /articles, /quotes and /timeline (and `byline query`), run against a store filled
// with plain rows (no model): what their `entity` parameter accepts.
import Foundation
import HTTP1
import Storage
import Testing
@testable import App

@Suite struct QueryHandlersTests {
    /// Two articles: Antony Blinken (alias Blinken) quoted with a dated event in each, Washington the place in
    /// one and George Washington (alias Washington) in the other.
    static func store() throws -> ArticleStore {
        let store = try ArticleStore(path: ":memory:")
        for (i, washington) in [NewEntity(localId: 2, name: "Washington", type: "LOC"),
                                NewEntity(localId: 2, name: "George Washington", type: "PER",
                                          aliases: ["Washington"])].enumerated() {
            _ = try store.insert(NewArticle(
                text: "Article \(i).", date: "2021-03-1\(i)", contentHash: "hash\(i)",
                entities: [NewEntity(localId: 1, name: "Antony Blinken", type: "PER", aliases: ["Blinken"]), washington],
                quotes: [NewQuote(text: "Talks \(i) will resume", start: 0, end: 10, kind: "direct", cue: "said",
                                  speakerName: "Blinken", speakerLocalEntityId: 1, rule: "r", confidence: 0.9)],
                events: [NewEvent(date: "2021-03-1\(i)", granularity: "day", start: 0, end: 10, text: "Event \(i).",
                                  localEntityIds: [1, 2])]))
        }
        return store
    }

    static func run(_ kind: ListQuery, _ query: String, _ store: ArticleStore) throws -> [[String: Any]] {
        let parameters = try #require(QueryParameters(parsing: query))
        let json = try JSONSerialization.jsonObject(with: Data(try kind.run(parameters, store: store).encoded()))
        return try #require((json as? [String: Any])?["items"] as? [[String: Any]])
    }

    @Test(arguments: ["blinken", "Antony%20Blinken", "ANTONY%20%20BLINKEN"])
    func entityParameterTakesANameOrAliasLikeAnId(name: String) throws {
        let store = try Self.store()
        let id = try #require(try store.entities(EntityQuery(q: "blinken")).rows.first?.id)
        for kind in [ListQuery.articles, .quotes, .timeline] {
            let byName = try Self.run(kind, "entity=\(name)", store)
            #expect(byName.count == 2, "\(kind)")
            #expect(try Self.run(kind, "entity=\(id)", store).map { $0["id"] as? Int } == byName.map { $0["id"] as? Int },
                    "\(kind)")
        }
    }

    @Test func entityNameNoEntityHasGivesAnEmptyList() throws {
        let store = try Self.store()
        for kind in [ListQuery.articles, .quotes, .timeline] {
            #expect(try Self.run(kind, "entity=Nobody", store).isEmpty, "\(kind)")
            // The other parameters are still checked.
            #expect(throws: ParameterError.self) { try Self.run(kind, "entity=Nobody&limit=501", store) }
        }
    }

    @Test func entityNameThatSeveralEntitiesHaveIsRefusedListingThem() throws {
        let store = try Self.store()
        let ids = try store.entities(EntityQuery(q: "washington")).rows.map(\.id)
        #expect(ids.count == 2)
        for kind in [ListQuery.articles, .quotes, .timeline] {
            let error = try #require(throws: ParameterError.self) { try Self.run(kind, "entity=washington", store) }
            #expect(error.name == "entity")
            for id in ids { #expect(error.detail.contains("\(id) "), "\(error.detail)") }
        }
        // The full name is one entity.
        #expect(try Self.run(.timeline, "entity=george%20washington", store).count == 1)
    }

    @Test(arguments: ["0", "-3", "%2B", "1-2", "99999999999999999999"])
    func entityIdOutOfRangeIsRefused(value: String) throws {
        let store = try Self.store()
        let error = try #require(throws: ParameterError.self) { try Self.run(.timeline, "entity=\(value)", store) }
        #expect(error.name == "entity")
    }

    /// Swapped bounds are a 400 naming `from`, not an empty list; bounds of different precision that overlap
    /// (one period holding the other) are fine.
    @Test(arguments: [
        ("from=2021-03-18&to=2021-03-01", true), ("from=2021-04&to=2021-03-31", true), ("from=2021&to=2020-12", true),
        ("from=2021-03-18&to=2021-03", false), ("from=2021-03&to=2021-03-01", false), ("from=2021&to=2021", false),
        ("from=2021-03-11&to=2021-03-11", false),
    ])
    func fromAfterToIsRefused(query: String, refused: Bool) throws {
        let store = try Self.store()
        for kind in [ListQuery.articles, .quotes, .timeline] {
            if refused {
                let error = try #require(throws: ParameterError.self) { try Self.run(kind, query, store) }
                #expect(error.name == "from")
            } else {
                #expect(throws: Never.self, "\(kind)") { try Self.run(kind, query, store) }
            }
        }
        #expect(try Self.run(.timeline, "from=2021-03-11&to=2021-03-11", store).count == 1)
    }

    /// GET /entities/{id} carries the first page of each list; its `next` continues in the list endpoints, as the
    /// README and openapi.json tell users to do.
    @Test func entityDetailPagesContinueInTheListsWithTheirCursors() throws {
        let store = try ArticleStore(path: ":memory:")
        for i in 0..<55 {
            _ = try store.insert(NewArticle(
                text: "Article \(i).", date: "2021-03-18", contentHash: "h\(i)",
                entities: [NewEntity(localId: 1, name: "Antony Blinken", type: "PER")],
                quotes: [NewQuote(text: "Quote \(i)", start: 0, end: 5, kind: "direct", speakerName: "Antony Blinken",
                                  speakerLocalEntityId: 1, rule: "r", confidence: 0.9)],
                events: [NewEvent(date: "2021-03-18", granularity: "day", start: 0, end: 5, text: "Event \(i).",
                                  localEntityIds: [1])]))
        }
        let id = try #require(try store.entities(named: "Antony Blinken").first?.id)
        let detail = try #require(try store.entity(id: id))
        for (kind, page) in [(ListQuery.articles, detail.articles.nextCursor), (.quotes, detail.quotes.nextCursor),
                             (.timeline, detail.timeline.nextCursor)] {
            let cursor = try #require(page, "\(kind)")
            #expect(try Self.run(kind, "entity=\(id)&cursor=\(cursor)", store).count == 5, "\(kind)")
        }
    }

    /// A filter of only spaces was read four ways (every quote for speaker, no row for entity, every entity for
    /// q, a 400 for a quote search): now a 400 naming it on every list; an empty value is still no filter.
    @Test(arguments: [
        (ListQuery.quotes, "speaker"), (.quotes, "entity"), (.quotes, "q"), (.entities, "q"), (.timeline, "entity"),
        (.timeline, "q"), (.articles, "entity"),
    ])
    func blankFiltersAreRefusedNamingThem(kind: ListQuery, name: String) throws {
        let store = try Self.store()
        for blank in ["%20", "%20%09%20"] {
            let error = try #require(throws: ParameterError.self) { try Self.run(kind, "\(name)=\(blank)", store) }
            #expect(error.name == name)
        }
        #expect(try Self.run(kind, "\(name)=", store).count == Self.run(kind, "", store).count)
    }
}
