// Storage rows as the JSON objects the API returns. Members are listed in key order (JSONValue sorts them when
// they are not, but in order it only checks).
import Storage
import TextAnalysis

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

    // Quote and event rows, the longest pages, are written straight to bytes (keys in order, the same text
    // JSONValue would give): the tree of values per row and its walk were a quarter of a quotes page's CPU.

    static func quote(_ q: QuoteRow) -> JSONValue {
        var o = RowWriter()
        o.int("article", q.articleId)
        o.string("article_date", q.articleDate)
        o.double("confidence", q.confidence)
        o.string("cue", q.cue)
        o.int("end", Int64(q.end))
        o.int("id", q.id)
        o.string("kind", q.kind)
        o.string("rule", q.rule)
        if q.speakerName == nil && q.speakerEntityId == nil {
            o.null("speaker")
        } else {
            var speaker = RowWriter()
            speaker.int("entity", q.speakerEntityId)
            speaker.string("name", q.speakerName)
            o.raw("speaker", speaker.finish())
        }
        o.int("start", Int64(q.start))
        o.string("text", q.text)
        return .raw(o.finish())
    }

    static func event(_ e: EventRow) -> JSONValue {
        var o = RowWriter()
        o.int("article", e.articleId)
        o.string("article_date", e.articleDate)
        o.string("date", e.date)
        o.int("end", Int64(e.end))
        o.intArray("entities", e.entityIds)
        o.string("granularity", e.granularity)
        o.int("id", e.id)
        o.int("start", Int64(e.start))
        o.string("text", e.text)
        return .raw(o.finish())
    }

    static func page<Row>(_ page: Page<Row>, _ row: (Row) -> JSONValue) -> JSONValue {
        .object([("items", .array(page.rows.map(row))), ("next", .string(page.nextCursor))])
    }
}

/// One JSON object written member by member; the caller gives keys in UTF-8 order, as JSONValue.object sorts them.
struct RowWriter {
    private var out: [UInt8] = [UInt8(ascii: "{")]

    init() { out.reserveCapacity(256) }

    private mutating func key(_ k: StaticString) {
        if out.count > 1 { out.append(UInt8(ascii: ",")) }
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: ":"))
    }

    mutating func null(_ k: StaticString) {
        key(k)
        out.append(contentsOf: "null".utf8)
    }

    mutating func int(_ k: StaticString, _ v: Int64?) {
        guard let v else { return null(k) }
        key(k)
        JSONWriter.appendInt(v, to: &out)
    }

    mutating func string(_ k: StaticString, _ s: String?) {
        guard let s else { return null(k) }
        key(k)
        JSONWriter.appendString(s, to: &out)
    }

    /// As JSONValue.double: Swift's shortest round-trip form, null when not finite.
    mutating func double(_ k: StaticString, _ v: Double) {
        guard v.isFinite else { return null(k) }
        key(k)
        out.append(contentsOf: String(v).utf8)
    }

    mutating func intArray(_ k: StaticString, _ values: [Int64]) {
        key(k)
        out.append(UInt8(ascii: "["))
        for (i, v) in values.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.appendInt(v, to: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// `json` is a complete JSON value (a nested object from another RowWriter).
    mutating func raw(_ k: StaticString, _ json: [UInt8]) {
        key(k)
        out += json
    }

    consuming func finish() -> [UInt8] {
        out.append(UInt8(ascii: "}"))
        return out
    }
}
