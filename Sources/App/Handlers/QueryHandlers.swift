// GET /entities, /entities/{id}, /quotes and /timeline: queries across every stored article. The same
// functions serve `byline query`, so the command line prints exactly what the API answers.
import HTTP1
import Storage

/// The list queries, by the name the API and the CLI use.
enum ListQuery: String, CaseIterable {
    case articles, entities, quotes, timeline

    var allowedParameters: Set<String> {
        switch self {
        case .articles: return ["from", "to", "entity", "cursor", "limit"]
        case .entities: return ["type", "q", "article", "min_articles", "sort", "cursor", "limit"]
        case .quotes: return ["speaker", "entity", "q", "kind", "from", "to", "article", "cursor", "limit"]
        case .timeline: return ["entity", "from", "to", "q", "article", "cursor", "limit"]
        }
    }

    /// Runs the query against the store and returns the JSON object `{"items": [...], "next": ...}`.
    func run(_ query: QueryParameters, store: ArticleStore) throws -> JSONValue {
        let p = try ListParameters(query, allowed: allowedParameters)
        switch self {
        case .articles:
            let q = ArticleQuery(from: try p.dateBound("from"), to: try p.dateBound("to"), entityId: try p.id("entity"),
                                 cursor: p.string("cursor"), limit: try p.limit())
            return RowJSON.page(try storing({ () throws(StorageError) in try store.articles(q) }), RowJSON.article)
        case .entities:
            let sort = try p.oneOf("sort", EntitySort.allCases.map(\.rawValue)).flatMap(EntitySort.init(rawValue:))
            let q = EntityQuery(type: try p.oneOf("type", ["PER", "ORG", "LOC", "MISC"]), q: p.string("q"),
                                articleId: try p.id("article"), minArticles: try p.int("min_articles", in: 1...1_000_000),
                                sort: sort ?? .articleCount, cursor: p.string("cursor"), limit: try p.limit())
            return RowJSON.page(try storing({ () throws(StorageError) in try store.entities(q) }), RowJSON.entity)
        case .quotes:
            let q = QuoteQuery(speaker: p.string("speaker"), entityId: try p.id("entity"), q: p.string("q"),
                               kind: try p.oneOf("kind", ["direct", "indirect", "mixed"]),
                               from: try p.dateBound("from"), to: try p.dateBound("to"),
                               articleId: try p.id("article"), cursor: p.string("cursor"), limit: try p.limit())
            return RowJSON.page(try storing({ () throws(StorageError) in try store.quotes(q) }), RowJSON.quote)
        case .timeline:
            let q = TimelineQuery(entityId: try p.id("entity"), from: try p.dateBound("from"), to: try p.dateBound("to"),
                                  q: p.string("q"), articleId: try p.id("article"), cursor: p.string("cursor"),
                                  limit: try p.limit())
            return RowJSON.page(try storing({ () throws(StorageError) in try store.timeline(q) }), RowJSON.event)
        }
    }
}

extension Service {
    /// A route handler for one list query.
    func list(_ kind: ListQuery) -> @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse {
        { [self] _, context in
            JSONResponse.bytes(try kind.run(context.query, store: try state.requireLoaded().store).encoded())
        }
    }

    func getEntity(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let loaded = try state.requireLoaded()
        _ = try ListParameters(context.query, allowed: [])
        let id = try pathID(context)
        guard let detail = try storing({ () throws(StorageError) in try loaded.store.entity(id: id) }) else {
            throw HTTPError(.notFound, detail: "there is no entity \(id)")
        }
        let object = JSONValue.object(RowJSON.entityMembers(detail.entity) + [
            ("articles", RowJSON.page(detail.articles, RowJSON.article)),
            ("quotes", RowJSON.page(detail.quotes, RowJSON.quote)),
            ("timeline", RowJSON.page(detail.timeline, RowJSON.event)),
        ])
        return JSONResponse.bytes(object.encoded())
    }
}
