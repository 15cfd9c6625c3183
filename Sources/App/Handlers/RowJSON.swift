// Storage rows as the JSON objects the API returns (Foundation values, sorted keys when serialized).
import Foundation
import Storage

enum RowJSON {
    static func orNull(_ v: Any?) -> Any { v ?? NSNull() }

    static func article(_ a: ArticleSummary) -> [String: Any] {
        ["id": a.id, "date": orNull(a.date), "title": orNull(a.title), "url": orNull(a.url),
         "content_hash": a.contentHash, "created_at": a.createdAt]
    }

    static func entity(_ e: EntityRow) -> [String: Any] {
        ["id": e.id, "name": e.name, "type": e.type, "aliases": e.aliases, "roles": e.roles,
         "mention_count": e.mentionCount, "article_count": e.articleCount,
         "first_seen": orNull(e.firstSeen), "last_seen": orNull(e.lastSeen)]
    }

    static func quote(_ q: QuoteRow) -> [String: Any] {
        ["id": q.id, "article": q.articleId, "article_date": q.articleDate, "text": q.text, "kind": q.kind,
         "start": q.start, "end": q.end, "cue": orNull(q.cue), "rule": q.rule, "confidence": q.confidence,
         "speaker": q.speakerName == nil && q.speakerEntityId == nil ? NSNull() as Any
            : ["name": orNull(q.speakerName), "entity": orNull(q.speakerEntityId)] as [String: Any]]
    }

    static func event(_ e: EventRow) -> [String: Any] {
        ["id": e.id, "article": e.articleId, "article_date": e.articleDate, "date": e.date,
         "granularity": e.granularity, "start": e.start, "end": e.end, "text": e.text, "entities": e.entityIds]
    }

    static func page<Row>(_ page: Page<Row>, _ row: (Row) -> [String: Any]) -> [String: Any] {
        ["items": page.rows.map(row), "next": orNull(page.nextCursor)]
    }

    /// A JSON object with one member whose value is JSON bytes already encoded (the stored analysis).
    static func object(_ members: [String: Any], raw name: String, _ rawJSON: [UInt8]) -> [UInt8] {
        let data = (try? JSONSerialization.data(withJSONObject: members, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        var out = Array(data.dropLast())
        if out.count > 1 { out.append(UInt8(ascii: ",")) }
        out += Array("\"\(name)\":".utf8) + (rawJSON.isEmpty ? Array("null".utf8) : rawJSON)
        out.append(UInt8(ascii: "}"))
        return out
    }
}
