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
        for (ei, entity) in doc.entities.enumerated() {
            let roleWords = Set((entity.role ?? "").lowercased().split(whereSeparator: { !$0.isLetter }))
            for word in roleWords { byRoleWord[String(word), default: []].append(ei) }
            for alias in Set(entity.aliases.map { $0.lowercased() }) { byAlias[alias, default: []].append(ei) }
            mentionStarts.append(entity.mentions.filter { $0 < doc.mentions.count }
                .map { doc.mentions[$0].tokens.lowerBound }.sorted())
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
