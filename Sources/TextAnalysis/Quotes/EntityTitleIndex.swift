// The document's entities indexed by the words of their roles and by their aliases, with each entity's mention
// starts sorted: what the title sieve ("the minister said") asks for every noun phrase. Scanning every entity per
// phrase made quote attribution quadratic in text length.

struct EntityTitleIndex {
    /// Lowercased role word ("minister") → entity indexes, ascending.
    private var byRoleWord: [String: [Int]] = [:]
    /// Lowercased alias ("the agency", "kcna") → entity indexes, ascending.
    private var byAlias: [String: [Int]] = [:]
    /// The first token of each entity's mentions, ascending per entity, entity after entity: entity `e`'s are
    /// `mentionStarts[startOffsets[e]..<startOffsets[e + 1]]` (one array, not one per entity).
    private var mentionStarts: [Int] = []
    private var startOffsets: [Int] = [0]

    init(_ doc: Document) {
        let entities = doc.entities
        mentionStarts.reserveCapacity(doc.mentions.count)
        startOffsets.reserveCapacity(entities.count + 1)
        byAlias.reserveCapacity(entities.count)
        // Each list gets an entity once however often its word comes up: entities come in ascending order, so one
        // already listed is the list's last. (Per-entity sets cost more than the whole index otherwise.)
        // Fields are read in place: binding each entity copied its strings and arrays (retained, then released).
        for ei in entities.indices {
            if let role = entities[ei].role {
                for key in Self.roleWords(role) where byRoleWord[key]?.last != ei {
                    byRoleWord[key, default: []].append(ei)
                }
            }
            for alias in entities[ei].aliases {
                let key = alias.lowercased()
                if byAlias[key]?.last != ei { byAlias[key, default: []].append(ei) }
            }
            let first = mentionStarts.count
            for m in entities[ei].mentions where m < doc.mentions.count {
                mentionStarts.append(doc.mentions[m].tokens.lowerBound)
            }
            let starts = first..<mentionStarts.count
            if zip(starts, starts.dropFirst()).contains(where: { mentionStarts[$0] > mentionStarts[$1] }) {
                mentionStarts[starts].sort()
            }
            startOffsets.append(mentionStarts.count)
        }
    }

    /// The lower-cased runs of letters of a role ("First Vice-Minister" -> first, vice, minister). An ASCII role is
    /// cut by its bytes: Character.isLetter segments graphemes first, which cost most of this index.
    static func roleWords(_ role: String) -> [String] {
        guard role.utf8.allSatisfy({ $0 < 128 }) else {
            return role.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
        }
        // Each word is lower-cased into its new String's own storage (`QuoteContext.asciiLowered`): decoding a
        // lazily mapped slice took String's generic path (a dynamic cast per word), most of this index's cost.
        var words: [String] = []
        var role = role
        role.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                guard Self.isASCIILetter(bytes[i]) else { i += 1; continue }
                var end = i + 1
                while end < bytes.count, Self.isASCIILetter(bytes[end]) { end += 1 }
                words.append(QuoteContext.asciiLowered(UnsafeBufferPointer(rebasing: bytes[i..<end])))
                i = end
            }
        }
        return words
    }

    /// A-Z or a-z.
    static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }

    /// Entities whose role has `roleWord` or whose alias is `alias`, ascending and without repeats.
    func candidates(roleWord: String, alias: String) -> [Int] {
        let a = byRoleWord[roleWord] ?? [], b = byAlias[alias] ?? []
        if b.isEmpty { return a }
        if a.isEmpty { return b }
        return Array(Set(a).union(b)).sorted()
    }

    /// The start token of the entity's last mention before `token`, else -1.
    func lastMentionStart(of entity: Int, before token: Int) -> Int {
        let first = startOffsets[entity]
        let lo = mentionStarts[first..<startOffsets[entity + 1]].partitioningIndex { $0 >= token }
        return lo == first ? -1 : mentionStarts[lo - 1]
    }
}

/// A document's EntityTitleIndex, built on first use (QuoteContext.titles).
final class EntityTitleIndexCache {
    var index: EntityTitleIndex?
}

extension QuoteContext {
    /// The document's title index, built the first time a title is looked up.
    var titles: EntityTitleIndex {
        if let index = titleIndex.index { return index }
        let index = EntityTitleIndex(doc)
        titleIndex.index = index
        return index
    }
}
