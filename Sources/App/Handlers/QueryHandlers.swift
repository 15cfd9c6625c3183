// GET /entities, /entities/{id}, /quotes and /timeline: queries across every stored article.
import HTTP1
import Storage

extension Service {
    func listEntities(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let loaded = try state.requireLoaded()
        let p = try ListParameters(context.query,
                                   allowed: ["type", "q", "article", "min_articles", "sort", "cursor", "limit"])
        let sort = try p.oneOf("sort", EntitySort.allCases.map(\.rawValue)).flatMap(EntitySort.init(rawValue:))
        let query = EntityQuery(type: try p.oneOf("type", ["PER", "ORG", "LOC", "MISC"]), q: p.string("q"),
                                articleId: try p.id("article"), minArticles: try p.int("min_articles", in: 1...1_000_000),
                                sort: sort ?? .articleCount, cursor: p.string("cursor"), limit: try p.limit())
        let page = try storing({ () throws(StorageError) in try loaded.store.entities(query) })
        return JSONResponse.make(RowJSON.page(page, RowJSON.entity))
    }

    func getEntity(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let loaded = try state.requireLoaded()
        _ = try ListParameters(context.query, allowed: [])
        let id = try pathID(context)
        guard let detail = try storing({ () throws(StorageError) in try loaded.store.entity(id: id) }) else {
            throw HTTPError(.notFound, detail: "there is no entity \(id)")
        }
        var object = RowJSON.entity(detail.entity)
        object["articles"] = RowJSON.page(detail.articles, RowJSON.article)
        object["quotes"] = RowJSON.page(detail.quotes, RowJSON.quote)
        object["timeline"] = RowJSON.page(detail.timeline, RowJSON.event)
        return JSONResponse.make(object)
    }

    func listQuotes(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let loaded = try state.requireLoaded()
        let p = try ListParameters(context.query,
                                   allowed: ["speaker", "entity", "q", "kind", "from", "to", "article", "cursor", "limit"])
        let query = QuoteQuery(speaker: p.string("speaker"), entityId: try p.id("entity"), q: p.string("q"),
                               kind: try p.oneOf("kind", ["direct", "indirect", "mixed"]),
                               from: try p.dateBound("from"), to: try p.dateBound("to"),
                               articleId: try p.id("article"), cursor: p.string("cursor"), limit: try p.limit())
        let page = try storing({ () throws(StorageError) in try loaded.store.quotes(query) })
        return JSONResponse.make(RowJSON.page(page, RowJSON.quote))
    }

    func listTimeline(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let loaded = try state.requireLoaded()
        let p = try ListParameters(context.query, allowed: ["entity", "from", "to", "q", "article", "cursor", "limit"])
        let query = TimelineQuery(entityId: try p.id("entity"), from: try p.dateBound("from"), to: try p.dateBound("to"),
                                  q: p.string("q"), articleId: try p.id("article"), cursor: p.string("cursor"),
                                  limit: try p.limit())
        let page = try storing({ () throws(StorageError) in try loaded.store.timeline(query) })
        return JSONResponse.make(RowJSON.page(page, RowJSON.event))
    }
}
