// EntityTypes: which entity types share one global entity, and the type an entity shows when its articles
// disagree. The tagger's type is noisy between organisations, places and the rest ("Liberal Democrats" is MISC in
// 16 articles and ORG in 1): those types merge by name, and the entity shows the type most of its articles give.
// People stay apart from everything else: a person's name alone ("Jordan", "Ford", "Chelsea" in an article that
// never gave the full name) is as often a different real-world thing as the same one, and the speaker and
// surname lookups read people only.
enum EntityTypes {
    /// The type of people (the surname lookup in ArticleReader reads it too).
    static let person = "PER"

    /// The merge key of an entity: its class (people, or everything else) and its folded name. People keep the
    /// key they always had (PER:norm); every other type shares `*:norm`.
    static func key(type: String, norm: String) -> String {
        (type == person ? person : "*") + ":" + norm
    }

    /// Whether two types may name one global entity.
    static func sameClass(_ a: String, _ b: String) -> Bool { (a == person) == (b == person) }

    /// Articles and mentions giving one type.
    struct Count: Equatable, Sendable {
        var articles: Int
        var mentions: Int

        static func += (l: inout Count, r: Count) {
            l.articles += r.articles
            l.mentions += r.mentions
        }
    }

    /// The type shown: most articles, then most mentions, then the first name in byte order (deterministic).
    static func majority(_ counts: [String: Count]) -> String? {
        counts.max { a, b in
            if a.value.articles != b.value.articles { return a.value.articles < b.value.articles }
            if a.value.mentions != b.value.mentions { return a.value.mentions < b.value.mentions }
            return a.key > b.key
        }?.key
    }

    /// entities.type_counts: `{"MISC":[16,40],"ORG":[1,2]}` (type: [articles, mentions]), kept only while the
    /// entity's articles give more than one type; NULL (nil here) means every article gives entities.type.
    /// ArticleWriter.typeCounts reads it back.
    static func encode(_ counts: [String: Count]) -> String? {
        let kept = counts.filter { $0.value.articles > 0 }
        guard kept.count > 1 else { return nil }
        return "{" + kept.sorted { $0.key < $1.key }.map { type, c in
            ArticleWriter.jsonString(type) + ":[\(c.articles),\(c.mentions)]"
        }.joined(separator: ",") + "}"
    }
}
