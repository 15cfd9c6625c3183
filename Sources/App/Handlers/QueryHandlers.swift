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
        case .entities: return ["type", "q", "article", "min_articles", "from", "to", "sort", "cursor", "limit"]
        case .quotes: return ["speaker", "entity", "q", "kind", "from", "to", "article", "cursor", "limit"]
        case .timeline: return ["entity", "from", "to", "q", "article", "granularity", "cursor", "limit"]
        }
    }

    /// Runs the query against the store and returns the JSON object `{"items": [...], "next": ...}`.
    func run(_ query: QueryParameters, store: ArticleStore) throws -> JSONValue {
        let p = try ListParameters(query, allowed: allowedParameters)
        try p.refuseBlankValues()
        switch self {
        case .articles:
            let range = try p.dateRange()
            let entity = try p.entity(in: store)
            let q = ArticleQuery(from: range.from, to: range.to, entityId: entity.id,
                                 cursor: p.string("cursor"), limit: try p.limit())
            if entity == .unknownName { return Self.emptyPage }
            return RowJSON.page(try storing({ () throws(StorageError) in try store.articles(q) }), RowJSON.article)
        case .entities:
            let sort = try p.oneOf("sort", EntitySort.allCases.map(\.rawValue)).flatMap(EntitySort.init(rawValue:))
            let type = try p.oneOf("type", ["PER", "ORG", "LOC", "MISC"])
            let text = try p.string("q").map { q in try QueryNames.searchText(q, type: type, store: store) }
            let range = try p.dateRange()
            let q = EntityQuery(type: type, q: text,
                                articleId: try p.id("article"), minArticles: try p.int("min_articles", in: 1...1_000_000),
                                from: range.from, to: range.to,
                                sort: sort ?? .articleCount, cursor: p.string("cursor"), limit: try p.limit())
            return RowJSON.page(try storing({ () throws(StorageError) in try store.entities(q) }), RowJSON.entity)
        case .quotes:
            let range = try p.dateRange()
            let entity = try p.entity(in: store)
            let speaker = try p.string("speaker").map { s in try QueryNames.entityName(s, store: store) }
            let q = QuoteQuery(speaker: speaker, entityId: entity.id, q: p.string("q"),
                               kind: try p.oneOf("kind", ["direct", "indirect", "mixed"]),
                               from: range.from, to: range.to,
                               articleId: try p.id("article"), cursor: p.string("cursor"), limit: try p.limit())
            if entity == .unknownName { return Self.emptyPage }
            return RowJSON.page(try storing({ () throws(StorageError) in try store.quotes(q) }), RowJSON.quote)
        case .timeline:
            let range = try p.dateRange()
            let entity = try p.entity(in: store)
            let q = TimelineQuery(entityId: entity.id, from: range.from, to: range.to,
                                  q: p.string("q"), articleId: try p.id("article"),
                                  granularities: try p.list("granularity", Self.granularities),
                                  cursor: p.string("cursor"), limit: try p.limit())
            if entity == .unknownName { return Self.emptyPage }
            return RowJSON.page(try storing({ () throws(StorageError) in try store.timeline(q) }), RowJSON.event)
        }
    }

    /// The granularities of timeline events, coarsest first (TimelineBuilder names them; `ref` is PAST_REF,
    /// PRESENT_REF and FUTURE_REF).
    static let granularities = ["century", "decade", "year", "half", "quarter", "season", "month", "week", "day",
                                "ref"]

    /// What a list answers when its `entity` is a name that no entity has (its other parameters checked).
    static let emptyPage = JSONValue.object([("items", .array([])), ("next", .null)])
}

/// The `entity` filter of a list.
enum EntityFilter: Equatable {
    case any
    case id(Int64)
    /// A name that no entity has: the list is empty.
    case unknownName

    var id: Int64? {
        if case .id(let id) = self { return id }
        return nil
    }
}

extension ListParameters {
    /// `entity` is an entity id, or a name, alias or surname (case-insensitive, as `speaker` matches) that must
    /// name exactly one entity, so `/timeline?entity=Blinken` works without looking the id up first. A name that
    /// several entities have is a 400 listing them: picking one would silently drop the others' rows. A name
    /// that no entity has as typed is tried without its leading honorifics and titles.
    func entity(in store: ArticleStore) throws -> EntityFilter {
        guard let raw = string("entity") else { return .any }
        if raw.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") }) {
            guard let id = Int64(raw), id >= 1 else {
                throw ParameterError(name: "entity", problem: "must be an entity id from 1 to \(Int64.max), or a name")
            }
            return .id(id)
        }
        let shown = 5
        // "Mr Blair", "President Bush": looked up without the titles people are stored without (QueryNames).
        let name = try QueryNames.entityName(raw, store: store)
        let found = try storing({ () throws(StorageError) in try store.entities(named: name, limit: shown + 1) })
        switch found.count {
        case 0: return .unknownName
        case 1: return .id(found[0].id)
        default:
            let listed = found.prefix(shown).map { "\($0.id) \($0.name) (\($0.type))" }.joined(separator: ", ")
            throw ParameterError(name: "entity", problem: "is ambiguous: '\(raw)' names \(listed)"
                                 + (found.count > shown ? ", ..." : "") + "; give the id")
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
