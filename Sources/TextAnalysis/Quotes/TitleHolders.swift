// Which entity a title speaks for ("the minister said", "the Tory leader told MPs", "the company's chief executive
// said"): an entity of the document whose role (EntityLinker+Roles) is that office. The title's head must be the
// role's head ("the bank" is not "spokeswoman for the bank"), its lower-case words must be in the role and rank
// words (words.tsv rankmod) must agree; its names ("Tory", "Lib Dem", "French") must not contradict the names
// written before the holder's own mentions ("Liberal Democrat leader Charles Kennedy" is not "the Tory leader");
// names of two kinds (a nation's, an institution's) never contradict each other ("The Welsh striker" may be
// "Newcastle striker Craig Bellamy").
// One holder is the speaker; of several, those whose names agree, else the most recently mentioned (a title
// with an owner, "the festival's director", a source head, "the Tory spokesman", or names no holder is written
// with, "the Welsh striker", needs exactly one).

extension QuoteContext {
    /// "the minister", "the mayor": the entity that holds the title's office (see the file header). The title's
    /// lower-case words must all be in the role ("the prime minister" is not "Foreign Minister") unless the role
    /// is the bare head ("minister" may be "the courts minister"), and a rank word (words.tsv rankmod: "Shadow
    /// chancellor", "Deputy Prime Minister", "the prime minister" against "minister", "ex-Conservative chancellor
    /// Ken Clarke" against "the chancellor") in one but not the other makes another office. Hyphened words ("the
    /// 60-year-old actor") are no part of a title. "The prime minister's" is looked up without its 's; an owner
    /// before a possessive ("the company's") is not a title word. An indefinite title ("a spokesman", "A judge
    /// has dismissed ...") introduces someone: never an entity already mentioned before it.
    /// `namesMustAgree`: only a holder whose written names agree with the title's may speak ("the Tory finance
    /// spokesman" is a source unless a Tory finance spokesman is named).
    func entityByTitle(_ np: Range<Int>, namesMustAgree: Bool = false) -> Int? {
        var np = np
        if np.count > 1, isPossessiveS(np.upperBound - 1) { np = np.lowerBound..<(np.upperBound - 1) }
        guard !isCap[np.upperBound - 1] || np.count == 1 || has(np.lowerBound, .det) else { return nil }
        // "the foreign minister of France": the head comes before the preposition (as in a role, `roleHead`); the
        // names after it must be in the holder's role ("foreign minister of France") or agree with the names
        // written before its mentions: "the chairman of the Commission for Racial Equality" is not "Labour party
        // chairman Ian McCartney".
        var complementWords = Set<String>(), complementNames = Set<String>()
        if np.count > 2, let p = (np.lowerBound + 2..<np.upperBound).first(where: {
            isWord[$0] && !isCap[$0] && wordClasses[$0] & Self.rolePrepositions != 0 && !isCap[$0 - 1]
        }) {
            for k in p..<np.upperBound where isWord[k] && isCap[k] {
                complementWords.insert(lower[k])
                if let key = nameKey(k) { complementNames.insert(key) }
            }
            np = np.lowerBound..<p
        }
        let h = np.upperBound - 1, head = lower[h]
        // "a spokesman said" is someone unnamed, not a spokesman the text names.
        if np.count == 2, has(np.lowerBound, .article), lower[np.lowerBound] != "the", complementWords.isEmpty,
           has(h, .sourcehead) {
            return nil
        }
        // "the company's chief executive": the words after the owner are the title.
        let owner = np.last { isPossessiveS($0) }
        let title = (owner.map { $0 + 1 } ?? np.lowerBound)..<np.upperBound
        guard !title.isEmpty else { return nil }
        // An owner that is itself an office ("The prime minister's official spokesman") makes the title an
        // aide's, not the office of anyone whose role has the same head.
        let titles = self.titles
        if let o = owner, o > np.lowerBound, !titles.candidates(roleWord: lower[o - 1], alias: "").isEmpty {
            return nil
        }
        // An article other than "the" (words.tsv article: a, an) makes the title indefinite.
        let indefinite = has(np.lowerBound, .article) && lower[np.lowerBound] != "the"
        let phrase = np.filter { !has($0, .det) }.map { lower[$0] }.joined(separator: " ")
        let candidates = titles.candidates(roleWord: head, alias: phrase)
        // No candidate holder: as with no holder below, without building the title's word sets first.
        if candidates.isEmpty {
            return !indefinite && owner == nil && complementWords.isEmpty ? entityByDescription(np) : nil
        }
        let function = QuoteWordClass.det.bit | QuoteWordClass.nameword.bit | QuoteWordClass.preposition.bit
            | QuoteWordClass.venueprep.bit | QuoteWordClass.timeprep.bit
        let titleWords = Set(title.filter {
            isWord[$0] && !isCap[$0] && wordClasses[$0] & function == 0 && Self.startsWithLetter(lower[$0])
                && !($0 > title.lowerBound && lower[$0 - 1] == "-")
                && !($0 + 1 < title.upperBound && lower[$0 + 1] == "-")
        }.map { lower[$0] })
        let names = Set(title.compactMap { $0 < h ? nameKey($0) : nil })
        func rank(_ w: String) -> Bool { lex.mask(w) & QuoteWordClass.rankmod.bit != 0 }
        var holders: [(entity: Int, last: Int, agrees: Bool, described: Bool)] = []
        for ei in candidates {
            let alias = doc.entities[ei].aliases.contains { $0.lowercased() == phrase }
            let context = writtenTitle(of: ei)
            if !alias {
                let role = (doc.entities[ei].role ?? "").lowercased()
                let roleWords = Set(EntityTitleIndex.roleWords(role))
                guard roleHead(role) == head,
                      titleWords.isSubset(of: roleWords) || roleWords == [head],
                      !roleWords.contains(where: { !titleWords.contains($0) && rank($0) }),
                      !titleWords.contains(where: { !roleWords.contains($0) && rank($0) }),
                      !context.ranks.contains(where: { !titleWords.contains($0) }),
                      complementWords.isSubset(of: roleWords) || !complementNames.isDisjoint(with: context.names)
                else { continue }
            }
            let agrees = !names.isEmpty && !names.isDisjoint(with: context.names)
            // Names on both sides, none shared, only of different kinds: the title describes the holder.
            let described = !agrees && !names.isEmpty && !context.names.isEmpty
            // Names of one kind on both sides that share none: another party's, nation's or club's holder of the
            // office. A nation's name and a club's or party's do not contradict ("The Welsh striker" is
            // "Newcastle striker Craig Bellamy"; "the French president" is not "US president George Bush").
            if !agrees, Self.nameKinds.contains(where: { kind in
                names.contains { $0.hasPrefix(kind) } && context.names.contains { $0.hasPrefix(kind) }
            }) { continue }
            if namesMustAgree, !agrees { continue }
            let last = titles.lastMentionStart(of: ei, before: np.lowerBound)
            if indefinite, last >= 0 { continue }
            holders.append((ei, last, agrees, described))
        }
        if holders.contains(where: \.agrees) { holders.removeAll { !$0.agrees } }
        // A title whose names only describe a holder written with names of another kind ("The Welsh striker",
        // "Newcastle striker Craig Bellamy") speaks for that holder only when no other fits.
        if holders.count > 1, owner != nil || namesMustAgree || holders.contains(where: \.described) { return nil }
        // No office holder: a description of one person introduced with its words ("The Tory co-chairman").
        if holders.isEmpty, !indefinite, owner == nil, complementWords.isEmpty { return entityByDescription(np) }
        return holders.max { $0.last < $1.last }?.entity
    }

    /// `word.first?.isLetter == true`, with an ASCII first byte answered without segmenting a character.
    static func startsWithLetter(_ word: String) -> Bool {
        guard let b = word.utf8.first else { return false }
        if b < 128 { return EntityTitleIndex.isASCIILetter(b) }
        return word.first?.isLetter == true
    }

    /// Words that end a role's or a title's head: prepositions of words.tsv.
    static let rolePrepositions = QuoteWordClass.preposition.bit | QuoteWordClass.venueprep.bit
        | QuoteWordClass.nounprep.bit | QuoteWordClass.timeprep.bit

    /// A role's head: its last word before a preposition ("spokeswoman for the North Carolina-based bank",
    /// "managing director of the insurer's life division") or a participle that runs on into a clause ("Texas
    /// attorney general announcing the legal action"), else its last word.
    private func roleHead(_ role: String) -> String {
        let words = Self.roleHeadWords(role)
        var last = ""
        for w in words {
            if !last.isEmpty,
               lex.mask(w) & Self.rolePrepositions != 0 || (w.hasMoreCharacters(than: 5) && w.hasUTF8Suffix("ing")) {
                break
            }
            if !w.hasUTF8Suffix("'s"), !w.hasUTF8Suffix("’s") { last = w }
        }
        return last
    }

    /// The runs of letters and apostrophes of a role ("chief executive's" -> chief, executive's). An ASCII role is
    /// cut by its bytes: splitting by Character segments graphemes first, some 30,000 instructions a role.
    static func roleHeadWords(_ role: String) -> [String] {
        guard role.utf8.allSatisfy({ $0 < 128 }) else {
            return role.split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "’" }).map(String.init)
        }
        return role.utf8.split(whereSeparator: { !EntityTitleIndex.isASCIILetter($0) && $0 != UInt8(ascii: "'") })
            .map { String(Substring($0)) }
    }

    /// A name in a title or before a holder's mention, as one key whatever its form: its entity ("Lib Dem" and
    /// "Liberal Democrat" are one party) or its words; capitalised words outside any mention ("Mr", "Home") are
    /// no key.
    /// The key starts with its kind (`nameKinds`): a nation's or place's name (a location or a one-word
    /// miscellaneous mention: "US", "Welsh", "French") or an institution's (a party, a club, a show).
    func nameKey(_ t: Int) -> String? {
        guard t >= 0, t < mentionOf.count, mentionOf[t] >= 0, isWord[t], isCap[t] else { return nil }
        let m = doc.mentions[mentionOf[t]]
        let type = m.entity.flatMap { $0 < doc.entities.count ? doc.entities[$0].type : nil } ?? m.type
        // A one-word miscellaneous name is a nationality ("Welsh"); a longer one may be a party or a show
        // ("Scottish Conservative", "Two Ronnies"), compared with institutions.
        let nation = type == .location || (type == .misc && m.tokens.count == 1)
        let kind = nation ? Self.nameKinds[0] : Self.nameKinds[1]
        return kind + (m.entity.map { "#\($0)" } ?? doc.text(m.chars).lowercased())
    }

    /// The prefixes of `nameKey`'s two kinds of names: places and nations, institutions.
    static let nameKinds = ["place:", "body:"]

    /// What is written right before an entity's mentions as part of its title ("Tory leader Michael Howard",
    /// "ex-Conservative chancellor Ken Clarke", "former union leader Sir Bill Morris"): the names in it (nameKey)
    /// and its rank words (words.tsv rankmod; "ex-" counts as "former").
    /// Cached per document (`writtenTitles`): it depends only on what the context holds once built.
    func writtenTitle(of e: Int) -> WrittenTitle {
        if let known = writtenTitles.byEntity[e] { return known }
        let found = scanWrittenTitle(of: e)
        writtenTitles.byEntity[e] = found
        return found
    }

    private func scanWrittenTitle(of e: Int) -> WrittenTitle {
        var names = Set<String>(), ranks = Set<String>()
        let roleWords = Set(EntityTitleIndex.roleWords(doc.entities[e].role ?? ""))
        for m in doc.entities[e].mentions where m < doc.mentions.count {
            let start = doc.mentions[m].tokens.lowerBound
            guard start > 0, start < lower.count, let s = sentence(of: start) else { continue }
            var k = start - 1
            while k >= s.tokens.lowerBound, start - k <= 6, quoteOf[k] < 0 {
                let w = lower[k]
                if w == "-" || w == "ex" || w.hasPrefix("ex-") {
                    if w != "-" { ranks.insert("former") }
                    if w.hasPrefix("ex-"), let key = nameKey(k) { names.insert(key) }
                    k -= 1
                    continue
                }
                guard isWord[k], !has(k, .det) else { break }
                if has(k, .rankmod) {
                    ranks.insert(w)
                } else if let key = nameKey(k) {
                    if mentionOf[k] != mentionOf[start] { names.insert(key) }
                } else if !isCap[k], !roleWords.contains(w) {
                    break
                }
                k -= 1
            }
        }
        return (names, ranks)
    }
}

typealias WrittenTitle = (names: Set<String>, ranks: Set<String>)

/// The written titles of one document's entities, filled as title lookups ask for them.
final class WrittenTitleCache {
    var byEntity: [Int: WrittenTitle] = [:]
}
