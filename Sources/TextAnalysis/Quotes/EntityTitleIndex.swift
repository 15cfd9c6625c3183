// The document's entities indexed by the words of their roles and by their aliases, with each entity's mention
// starts sorted: what the title sieve ("the minister said") asks for every noun phrase. Scanning every entity per
// phrase made quote attribution quadratic in text length.

struct EntityTitleIndex {
    /// Lowercased role word ("minister") → entity indexes, ascending.
    private var byRoleWord: [String: [Int]] = [:]
    /// Lowercased alias ("the agency", "kcna") → entity indexes, ascending.
    private var byAlias: [String: [Int]] = [:]
    /// Per entity: the first token of each of its mentions, ascending.
    private var mentionStarts: [[Int]] = []

    init(_ doc: Document) {
        mentionStarts.reserveCapacity(doc.entities.count)
        // Each list gets an entity once however often its word comes up: entities come in ascending order, so one
        // already listed is the list's last. (Per-entity sets cost more than the whole index otherwise.)
        for (ei, entity) in doc.entities.enumerated() {
            if let role = entity.role {
                for word in role.lowercased().split(whereSeparator: { !$0.isLetter }) {
                    let key = String(word)
                    if byRoleWord[key]?.last != ei { byRoleWord[key, default: []].append(ei) }
                }
            }
            for alias in entity.aliases {
                let key = alias.lowercased()
                if byAlias[key]?.last != ei { byAlias[key, default: []].append(ei) }
            }
            var starts: [Int] = []
            starts.reserveCapacity(entity.mentions.count)
            for m in entity.mentions where m < doc.mentions.count { starts.append(doc.mentions[m].tokens.lowerBound) }
            if zip(starts, starts.dropFirst()).contains(where: { $0 > $1 }) { starts.sort() }
            mentionStarts.append(starts)
        }
    }

    /// Entities whose role has `roleWord` or whose alias is `alias`, ascending and without repeats.
    func candidates(roleWord: String, alias: String) -> [Int] {
        let a = byRoleWord[roleWord] ?? [], b = byAlias[alias] ?? []
        if b.isEmpty { return a }
        if a.isEmpty { return b }
        return Array(Set(a).union(b)).sorted()
    }

    /// The start token of the entity's last mention before `token`, else -1.
    func lastMentionStart(of entity: Int, before token: Int) -> Int {
        let starts = mentionStarts[entity]
        var lo = 0, hi = starts.count  // first index whose start is ≥ token
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] < token { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? -1 : starts[lo - 1]
    }
}
