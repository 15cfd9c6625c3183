// Storage rows as the JSON objects the API returns. Members are listed in key order (JSONValue sorts them when
// they are not, but in order it only checks).
import Storage

enum RowJSON {
    static func articleMembers(_ a: ArticleSummary) -> [(String, JSONValue)] {
        [("content_hash", .string(a.contentHash)), ("created_at", .string(a.createdAt)), ("date", .string(a.date)),
         ("id", .int(a.id)), ("title", .string(a.title)), ("url", .string(a.url))]
    }

    static func article(_ a: ArticleSummary) -> JSONValue { .object(articleMembers(a)) }

    static func entityMembers(_ e: EntityRow) -> [(String, JSONValue)] {
        [("aliases", .array(e.aliases.map { .string($0) })), ("article_count", .int(e.articleCount)),
         ("first_seen", .string(e.firstSeen)), ("id", .int(e.id)), ("last_seen", .string(e.lastSeen)),
         ("mention_count", .int(e.mentionCount)), ("name", .string(e.name)),
         ("roles", .array(e.roles.map { .string($0) })), ("type", .string(e.type))]
    }

    static func entity(_ e: EntityRow) -> JSONValue { .object(entityMembers(e)) }

    static func quote(_ q: QuoteRow) -> JSONValue {
        .object([("article", .int(q.articleId)), ("article_date", .string(q.articleDate)),
                 ("confidence", .double(q.confidence)), ("cue", .string(q.cue)), ("end", .int(q.end)),
                 ("id", .int(q.id)), ("kind", .string(q.kind)), ("rule", .string(q.rule)),
                 ("speaker", q.speakerName == nil && q.speakerEntityId == nil ? .null
                    : .object([("entity", .int(q.speakerEntityId)), ("name", .string(q.speakerName))])),
                 ("start", .int(q.start)), ("text", .string(q.text))])
    }

    static func event(_ e: EventRow) -> JSONValue {
        .object([("article", .int(e.articleId)), ("article_date", .string(e.articleDate)), ("date", .string(e.date)),
                 ("end", .int(e.end)), ("entities", .array(e.entityIds.map { .int($0) })),
                 ("granularity", .string(e.granularity)), ("id", .int(e.id)), ("start", .int(e.start)),
                 ("text", .string(e.text))])
    }

    static func page<Row>(_ page: Page<Row>, _ row: (Row) -> JSONValue) -> JSONValue {
        .object([("items", .array(page.rows.map(row))), ("next", .string(page.nextCursor))])
    }
}
