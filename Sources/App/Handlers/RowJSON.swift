// Storage rows as the JSON objects the API returns (keys sorted when encoded, see JSONValue).
import Storage

enum RowJSON {
    static func articleMembers(_ a: ArticleSummary) -> [(String, JSONValue)] {
        [("id", .int(a.id)), ("date", .string(a.date)), ("title", .string(a.title)), ("url", .string(a.url)),
         ("content_hash", .string(a.contentHash)), ("created_at", .string(a.createdAt))]
    }

    static func article(_ a: ArticleSummary) -> JSONValue { .object(articleMembers(a)) }

    static func entityMembers(_ e: EntityRow) -> [(String, JSONValue)] {
        [("id", .int(e.id)), ("name", .string(e.name)), ("type", .string(e.type)),
         ("aliases", .array(e.aliases.map { .string($0) })), ("roles", .array(e.roles.map { .string($0) })),
         ("mention_count", .int(e.mentionCount)), ("article_count", .int(e.articleCount)),
         ("first_seen", .string(e.firstSeen)), ("last_seen", .string(e.lastSeen))]
    }

    static func entity(_ e: EntityRow) -> JSONValue { .object(entityMembers(e)) }

    static func quote(_ q: QuoteRow) -> JSONValue {
        .object([("id", .int(q.id)), ("article", .int(q.articleId)), ("article_date", .string(q.articleDate)),
                 ("text", .string(q.text)), ("kind", .string(q.kind)), ("start", .int(q.start)), ("end", .int(q.end)),
                 ("cue", .string(q.cue)), ("rule", .string(q.rule)), ("confidence", .double(q.confidence)),
                 ("speaker", q.speakerName == nil && q.speakerEntityId == nil ? .null
                    : .object([("name", .string(q.speakerName)), ("entity", .int(q.speakerEntityId))]))])
    }

    static func event(_ e: EventRow) -> JSONValue {
        .object([("id", .int(e.id)), ("article", .int(e.articleId)), ("article_date", .string(e.articleDate)),
                 ("date", .string(e.date)), ("granularity", .string(e.granularity)), ("start", .int(e.start)),
                 ("end", .int(e.end)), ("text", .string(e.text)), ("entities", .array(e.entityIds.map { .int($0) }))])
    }

    static func page<Row>(_ page: Page<Row>, _ row: (Row) -> JSONValue) -> JSONValue {
        .object([("items", .array(page.rows.map(row))), ("next", .string(page.nextCursor))])
    }
}
