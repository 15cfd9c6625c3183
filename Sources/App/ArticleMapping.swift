// Maps an analysed Document to the plain values Storage keeps (Storage never sees analysis types).
import Foundation
import Storage
import TextAnalysis

enum ArticleMapping {
    /// `contentHash` is SHA256.hex of the text, which the caller has already computed for its duplicate check.
    static func newArticle(_ submission: ArticleSubmission, _ doc: Document, contentHash: String,
                           analysisJSON: [UInt8]) -> NewArticle {
        // Storage refuses blank names and repeated ids; such an entity is dropped rather than losing the article.
        var seen = Set<Int>()
        // (A scan for one non-space scalar: Foundation's trimmingCharacters was 1 % of the server's CPU under POST.)
        let kept = doc.entities.filter { e in
            e.name.unicodeScalars.contains { !$0.properties.isWhitespace } && seen.insert(e.id).inserted
        }
        let keptIds = Set(kept.map(\.id))
        // Quotes and events refer to entities by index; Storage by the article-local id the JSON shows.
        func localId(ofEntityIndex i: Int?) -> Int? {
            guard let i, doc.entities.indices.contains(i) else { return nil }
            let id = doc.entities[i].id
            return keptIds.contains(id) ? id : nil
        }
        let entities = kept.map { e in
            NewEntity(localId: e.id, name: e.name, type: e.type.rawValue, aliases: storedAliases(e), role: e.role,
                      mentionCount: e.mentions.lazy.filter { doc.mentions.indices.contains($0) }.count,
                      gender: e.type == .person ? e.gender?.rawValue : nil)
        }
        let quotes = doc.quotes.map { q in
            NewQuote(text: doc.text(of: q), start: q.content.start, end: q.content.end, kind: q.kind.rawValue,
                     cue: q.cue.map { doc.text($0) }, speakerName: q.speaker?.name,
                     speakerLocalEntityId: localId(ofEntityIndex: q.speaker?.entity), rule: q.rule,
                     confidence: q.confidence)
        }
        let events = doc.timeline.map { e in
            NewEvent(date: e.date, granularity: e.granularity, start: e.chars.start, end: e.chars.end,
                     text: doc.text(e.chars), localEntityIds: e.entities.compactMap { localId(ofEntityIndex: $0) })
        }
        return NewArticle(text: submission.text, date: (submission.date ?? doc.date)?.description,
                          title: submission.title, url: submission.url,
                          contentHash: contentHash, analysisJSON: analysisJSON,
                          entities: entities, quotes: quotes, events: events)
    }

    /// The aliases kept with the article's entity, which the store also joins other articles by (ArticleWriter
    /// merge steps 2 and 3). A person's given name alone ("Michael" of Michael Howard, from "We want Michael to be
    /// accessible") names them only inside their article: stored, it joined every article's lone "Michael" (a
    /// singer) to Michael Howard, and his articles to an earlier article's "Michael". Nor does a place's or an
    /// organisation's last word or words ("Labour" of Old Labour, "Ireland" of James Ireland tagged as a place,
    /// "Christmas" of Father Christmas, "United" of Man United): what a surname is to a person is there the name of
    /// another, broader thing, and stored it renamed that thing in every article (Labour, in 118 BBC articles,
    /// became "Old Labour"; Ireland, in 106, "James Ireland"). Acronyms and other short forms are kept, and so is
    /// the name without its article ("Guardian" of The Guardian, "Hague" of The Hague). The analysis JSON keeps
    /// every alias.
    static func storedAliases(_ e: Entity) -> [String] {
        let words = e.name.split(whereSeparator: { $0 == " " }).map { $0.lowercased() }
        guard words.count > 1 else { return e.aliases }
        guard e.type == .person else {
            let first = words[0] == "the" ? 2 : 1
            let tails = Set((min(first, words.count)..<words.count).map { words[$0...].joined(separator: " ") })
            return e.aliases.filter { !tails.contains($0.lowercased()) }
        }
        return e.aliases.filter { $0.lowercased() != words[0] }
    }
}
