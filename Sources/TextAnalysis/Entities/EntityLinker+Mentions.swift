// Mention repairs the entity linker makes before grouping, at the document level (the tagger and its CoNLL scores
// are untouched): a person's name the tagger split in two ("Luiz Inacio" + "Lula da Silva") is joined again, and a
// piece of a title the tagger took for a name of its own ("Exchequer" of "Chancellor of the Exchequer Gordon
// Brown", "UK Chancellor" of "UK Chancellor of the Exchequer Gordon Brown") is left unlinked: it is the role of
// the person after it (EntityLinker+Roles.swift), not an entity. A mention the tagger ran over the semicolon of a
// team list ("Dowd; Shaw") is split first.

extension EntityLinker {
    /// Splits mentions at a semicolon followed by a space, which never stands inside a name: team lists write
    /// "Payne, Greening, Dowd; Shaw, Purdy" and the tagger took "Dowd; Shaw" for one person (BBC News 2004-05: 14
    /// such persons, every one two players). Each piece keeps the mention's type and confidence. A semicolon
    /// inside a word ("F&#244;n", an escaped letter) is not followed by a space and splits nothing; nor does one
    /// that closes a character reference before a space ("Procter &amp; Gamble", "Pascal Pap&#233; (Bourgoin)").
    func splittingListedNames(_ doc: inout Document) {
        let tokens = doc.tokens
        let scalars = doc.scalars
        func splits(at t: Int) -> Bool {
            tokens[t].text == ";" && t + 1 < tokens.count && tokens[t].end < tokens[t + 1].start
                && !EntityLinker.closesCharacterReference(scalars, before: tokens[t].start)
        }
        func valid(_ m: EntityMention) -> Bool {
            m.tokens.lowerBound >= 0 && m.tokens.upperBound <= tokens.count && !m.tokens.isEmpty
        }
        guard doc.mentions.contains(where: { valid($0) && $0.tokens.contains(where: splits) }) else { return }
        var out: [EntityMention] = []
        for m in doc.mentions {
            guard valid(m), m.tokens.contains(where: splits) else {
                out.append(m)
                continue
            }
            var start = m.tokens.lowerBound
            for t in m.tokens where splits(at: t) {
                if start < t { out.append(piece(m, start..<t, doc)) }
                start = t + 1
            }
            if start < m.tokens.upperBound { out.append(piece(m, start..<m.tokens.upperBound, doc)) }
        }
        doc.mentions = out
    }

    /// Whether the scalars right before `end` are "&" and a reference's name or number ("&amp", "&#233",
    /// "&#x00E9"), so that a semicolon at `end` closes an HTML character reference.
    static func closesCharacterReference(_ scalars: [Unicode.Scalar], before end: Int) -> Bool {
        var i = min(end, scalars.count), length = 0
        while i > 0, length <= 10 {
            let u = scalars[i - 1]
            if u == "&" { return length > 0 }
            guard u.isASCII, u == "#" || u.properties.isAlphabetic || u.properties.numericType != nil else {
                return false
            }
            i -= 1
            length += 1
        }
        return false
    }

    private func piece(_ m: EntityMention, _ r: Range<Int>, _ doc: Document) -> EntityMention {
        EntityMention(tokens: r, chars: doc.chars(ofTokens: r), type: m.type, confidence: m.confidence)
    }

    /// Joins adjacent person mentions that are one name: nothing but a space between them on one line, in one
    /// sentence, the first without a possessive. They stay apart when the first is a title or honorific
    /// ("Ayatollah" + "Ruhollah Khomeini"), when it is one word before a capitalized full name (a descriptor:
    /// "Dane" + "Kenneth Carlsen"), or when its last word is the surname of a person named elsewhere in the
    /// article ("Blair" + "Brown" where Tony Blair is named): two people side by side, as in a headline.
    func joiningSplitNames(_ doc: inout Document) {
        let mentions = doc.mentions
        guard mentions.count > 1 else { return }
        let tokens = doc.tokens
        func words(_ m: EntityMention) -> [String] { tokens[m.tokens].map { $0.text } }
        // The tagger's ranges are trusted only inside the token array.
        func valid(_ m: EntityMention) -> Bool {
            m.tokens.lowerBound >= 0 && m.tokens.upperBound <= tokens.count && !m.tokens.isEmpty
        }
        // Surnames: the last word of each person mention of two words or more that is not itself the first half
        // of a split (its other occurrences count).
        var surnames: Set<String> = []
        for (i, m) in mentions.enumerated() where m.type == .person && m.tokens.count >= 2 && valid(m) {
            let nextIsPerson = i + 1 < mentions.count && mentions[i + 1].type == .person
                && mentions[i + 1].tokens.lowerBound == m.tokens.upperBound
            if !nextIsPerson, let last = words(m).last { surnames.insert(last.lowercased()) }
        }
        var out: [EntityMention] = []
        var i = 0
        while i < mentions.count {
            let a = mentions[i]
            guard i + 1 < mentions.count, case let b = mentions[i + 1], a.type == .person, b.type == .person,
                  valid(a), valid(b), a.tokens.upperBound == b.tokens.lowerBound,
                  joinable(a, b, doc, surnames) else {
                out.append(a)
                i += 1
                continue
            }
            let r = a.tokens.lowerBound..<b.tokens.upperBound
            out.append(EntityMention(tokens: r, chars: doc.chars(ofTokens: r), type: .person,
                                     confidence: min(a.confidence, b.confidence)))
            i += 2
        }
        doc.mentions = out
    }

    func joinable(_ a: EntityMention, _ b: EntityMention, _ doc: Document, _ surnames: Set<String>) -> Bool {
        let tokens = doc.tokens
        let aWords = tokens[a.tokens].map { $0.text }, bWords = tokens[b.tokens].map { $0.text }
        guard let aLast = aWords.last, let aFirst = aWords.first, let bFirst = bWords.first else { return false }
        if EntityLinker.possessives.contains(aLast) { return false }
        let gap = doc.text(CharRange(tokens[a.tokens.upperBound - 1].end, tokens[b.tokens.lowerBound].start))
        if gap.contains(where: { $0.isNewline }) { return false }
        guard let sa = doc.sentenceIndex(ofToken: a.tokens.lowerBound),
              sa == doc.sentenceIndex(ofToken: b.tokens.upperBound - 1) else { return false }
        let first = aFirst.lowercased()
        if roles.honorifics.contains(first) || roles.heads.contains(first) || roles.modifiers.contains(first) {
            return false
        }
        if aWords.count == 1, bWords.count >= 2, startsUppercase(bFirst) { return false }
        return !surnames.contains(aLast.lowercased())
    }

    /// Mentions that end inside a title written right before a person's mention: left unlinked.
    func titleFragments(_ doc: Document) -> Set<Int> {
        var out: Set<Int> = []
        let tokens = doc.tokens
        for (p, person) in doc.mentions.enumerated() where person.type == .person {
            let lo = person.tokens.lowerBound
            guard lo > 0, lo < tokens.count, person.tokens.upperBound <= tokens.count,
                  let s = doc.sentenceIndex(ofToken: lo).map({ doc.sentences[$0].tokens.lowerBound }) else { continue }
            guard let title = roles.titleEnding(at: honorificsBefore(lo, tokens, lowerLimit: s), tokens,
                                                lowerLimit: s) else { continue }
            // Only mentions just before the person are looked at (they are sorted by position). A mention that is
            // the whole of a one-word title ("Ayatollah" + "Ruhollah Khomeini") goes too.
            var k = p - 1
            while k >= 0, doc.mentions[k].tokens.upperBound > title.lowerBound {
                let m = doc.mentions[k].tokens
                if title.contains(m.upperBound - 1), title.count >= 2 || m.lowerBound >= title.lowerBound {
                    out.insert(k)
                }
                k -= 1
            }
        }
        return out
    }
}
