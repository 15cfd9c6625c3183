// PreparedArticle: an article checked and made ready for SQL on the caller's thread (folded names and merge keys,
// quote speaker keys, event periods, the sort day), so the one writer thread, which every insert waits on, spends
// its time in SQLite only. Invalid input is refused here, before it reaches a batch.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct PreparedArticle: Sendable {
    struct Entity: Sendable {
        /// The folded name and the merge key (EntityTypes.key: PER:norm for people, *:norm for other types).
        let norm: String
        let key: String
        /// Folded aliases other than the name itself, each once (merge step 3).
        let aliasNorms: [String]
        /// Every name form with its folded key, each key once, first spelling kept (entity_names and link forms).
        let forms: [(norm: String, alias: String)]
        /// PersonGenders bit of what the article says of a person's gender (0: nothing, or not a person).
        let gender: Int
        /// A person named by one word (a surname alone): the names gender keeps apart across articles.
        var isOneWordPerson: Bool { key.hasPrefix(EntityTypes.person + ":") && !norm.contains(" ") }
    }

    struct Event: Sendable {
        let period: EventDate?
        var sortKey: Int64 { period?.sortKey ?? EventDate.undatedSortKey }
    }

    let article: NewArticle
    /// The article date, else the UTC day of insertion: the order and range key.
    let sortDate: String
    /// In the order of article.entities, quotes and events.
    let entities: [Entity]
    let speakerNorms: [String?]
    let events: [Event]

    init(_ a: NewArticle, today: @autoclosure () -> String = PreparedArticle.utcToday()) throws(StorageError) {
        guard !a.contentHash.isEmpty else { throw .invalid("contentHash is empty") }
        if let date = a.date {
            guard date.count == 10, EventDate(timex: date)?.granularity == .day else {
                throw .invalid("article date must be YYYY-MM-DD, got \(date)")
            }
        }
        var seen: Set<Int> = []
        var entities: [Entity] = []
        entities.reserveCapacity(a.entities.count)
        for e in a.entities {
            guard seen.insert(e.localId).inserted else { throw .invalid("entity localId \(e.localId) repeats") }
            let norm = Fold.name(e.name)
            guard !norm.isEmpty, !e.type.isEmpty else { throw .invalid("entity without name or type") }
            // Refused since keys were type:norm, where a ":" in the type let ("A:B", "c") and ("A", "B:c") collide.
            guard !e.type.utf8.contains(UInt8(ascii: ":")) else {
                throw .invalid("entity type must not contain ':', got \(e.type)")
            }
            guard PersonGenders.isValid(e.gender) else {
                throw .invalid("entity gender must be female or male, got \(e.gender ?? "")")
            }
            var forms: [(norm: String, alias: String)] = [(norm, e.name)]
            var formNorms: Set<String> = [norm]
            var aliasNorms: [String] = []
            for alias in e.aliases {
                let folded = Fold.name(alias)
                guard !folded.isEmpty, formNorms.insert(folded).inserted else { continue }
                forms.append((folded, alias))
                aliasNorms.append(folded)
            }
            entities.append(Entity(norm: norm, key: EntityTypes.key(type: e.type, norm: norm), aliasNorms: aliasNorms,
                                   forms: forms,
                                   gender: e.type == EntityTypes.person ? PersonGenders.bit(e.gender) : 0))
        }
        for q in a.quotes {
            if let local = q.speakerLocalEntityId, !seen.contains(local) {
                throw .invalid("quote speaker refers to unknown entity localId \(local)")
            }
        }
        for ev in a.events {
            for local in ev.localEntityIds where !seen.contains(local) {
                throw .invalid("event refers to unknown entity localId \(local)")
            }
        }
        self.article = a
        self.sortDate = a.date ?? today()
        self.entities = entities
        self.speakerNorms = a.quotes.map { $0.speakerName.map(Fold.name) }
        self.events = a.events.map { Event(period: EventDate(timex: $0.date)) }
    }

    /// YYYY-MM-DD of now in UTC (what SQLite's date('now') gives).
    static func utcToday() -> String {
        var t = time(nil)
        var parts = tm()
        gmtime_r(&t, &parts)
        return String(format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    }
}
