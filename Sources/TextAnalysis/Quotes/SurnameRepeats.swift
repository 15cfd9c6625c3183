// A person's surname repeated on its own where the entity tagger left it untagged because it is also a common
// word: "Guitarist Brian May has said ... May said: “...”", "High told the Daily Mail" (Colin High), "said Friday"
// (Mike Friday), "King was forced to pull out" (Ledley King). Read as a month, a modal, an adjective or a weekday
// the word lost its cue its speaker ("may" is an auxiliary the speaker finder steps over, "Friday" a time word).
// The quote sieves read a copy of the document in which such a word is a mention of the person named in full
// before it; the month stays a month where it is one ("in May", "5 May", "May 5", "since May").

extension Document {
    /// This document with the untagged surname repeats added as person mentions of the entity named in full
    /// earlier; itself when there are none. Mentions are appended (their indices in entities stay valid).
    func addingSurnameRepeats(_ lex: QuoteLexicon) -> Document {
        // Surname (as written) -> entity, from person mentions of two words or more, in text order: a repeat counts
        // only after the full name.
        var firstFull: [String: (entity: Int, end: Int)] = [:]
        firstFull.reserveCapacity(min(entities.count, 64))
        for m in mentions where m.type == .person && m.tokens.count >= 2 {
            guard let e = m.entity, e < entities.count, m.tokens.upperBound <= tokens.count else { continue }
            let last = tokens[m.tokens.upperBound - 1].text
            guard Self.startsUpper(last), last.hasMoreCharacters(than: 1) else { continue }
            if firstFull[last] == nil { firstFull[last] = (e, m.tokens.upperBound) }
        }
        guard !firstFull.isEmpty else { return self }
        // The first byte and byte length of each surname: most capitalized words match none, and are turned away
        // without hashing their text (the lookups were a third of this pass).
        // One bit a slot: 1 KB to clear per document, not 8.
        var shapes = [UInt64](repeating: 0, count: 256 * Self.lengthSlots / 64)
        for surname in firstFull.keys {
            let slot = Self.shapeSlot(surname)
            shapes[slot >> 6] |= 1 << UInt64(slot & 63)
        }
        func hasShape(_ word: String) -> Bool {
            let slot = Self.shapeSlot(word)
            return shapes[slot >> 6] & (1 << UInt64(slot & 63)) != 0
        }
        var tagged = [Bool](repeating: false, count: tokens.count)
        for m in mentions { for t in m.tokens where t >= 0 && t < tokens.count { tagged[t] = true } }
        var sentenceStart = [Bool](repeating: false, count: tokens.count)
        for s in sentences where s.tokens.lowerBound >= 0 && s.tokens.lowerBound < tokens.count {
            sentenceStart[s.tokens.lowerBound] = true
        }
        let datePrep = QuoteWordClass.timeprep.bit | QuoteWordClass.venueprep.bit | QuoteWordClass.preposition.bit
        func isNumber(_ t: Int) -> Bool {
            t >= 0 && t < tokens.count && tokens[t].text.unicodeScalars.first?.properties.numericType != nil
        }
        var copy = self
        for t in tokens.indices where !tagged[t] {
            // A surname is capitalized; checking that first spares most tokens a dictionary lookup (hashing every
            // token's text here was 1 % of the whole analysis).
            guard startsUpper(token: t), hasShape(tokens[t].text),
                  let full = firstFull[tokens[t].text], full.end <= t else { continue }
            // The month or weekday in a date: after a preposition ("in May", "by Friday", "since May", "of May")
            // or next to a number ("5 May", "May 5", "May 2005"); words.tsv class dateword lists the other words
            // before a date ("since May", "every Friday").
            if t > 0, case let before = tokens[t - 1].text.lowercased(),
               lex.mask(before) & datePrep != 0 || lex.is(before, .dateword) { continue }
            if isNumber(t - 1) || isNumber(t + 1) { continue }
            // Another capitalised word joined to it is another name ("May Department Stores", "Brian May Band").
            if t + 1 < tokens.count, tagged[t + 1] || startsUpper(token: t + 1) { continue }
            if t > 0, !sentenceStart[t], tagged[t - 1] || startsUpper(token: t - 1) { continue }
            // First in its sentence the word may be the common one ("Young people said", "High prices ..."): a
            // name there is followed by punctuation or a verb (a cue, a form of be, an auxiliary, an -ed or -s form).
            if sentenceStart[t], t + 1 < tokens.count {
                let next = tokens[t + 1].text, lowerNext = next.lowercased()
                let verbish = QuoteLexicon.cueStartBit | QuoteWordClass.copula.bit | QuoteWordClass.skip.bit
                let isLetter = next.unicodeScalars.first?.properties.isAlphabetic ?? false
                if isLetter, lex.mask(lowerNext) & verbish == 0,
                   !(lowerNext.hasMoreCharacters(than: 3) && lowerNext.hasUTF8Suffix("ed")),
                   !(lowerNext.hasMoreCharacters(than: 3) && lowerNext.hasUTF8Suffix("s")) { continue }
            }
            copy.mentions.append(EntityMention(tokens: t..<(t + 1), chars: chars(ofTokens: t..<(t + 1)),
                                               type: .person, confidence: 0.5, entity: full.entity))
            copy.entities[full.entity].mentions.append(copy.mentions.count - 1)
        }
        return copy
    }

    private static let lengthSlots = 32

    /// A word's slot in the surname pre-filter: its first byte and its UTF-8 length (lengths from 31 share a slot).
    private static func shapeSlot(_ word: String) -> Int {
        Int(word.utf8.first ?? 0) * lengthSlots + min(word.utf8.count, lengthSlots - 1)
    }

    /// Whether token `t` starts with a capital (as `startsUpper` of its text), its first scalar read from `scalars`.
    private func startsUpper(token t: Int) -> Bool {
        guard let s = firstScalar(ofToken: t) else { return false }
        if s.value < 128 { return s.value >= 65 && s.value <= 90 }
        return s.properties.isUppercase
    }

    /// Whether the first character is a capital; an ASCII first byte answers without the Unicode property tables,
    /// which cost more than the rest of this pass when asked for every token.
    static func startsUpper(_ s: String) -> Bool {
        guard let b = s.utf8.first else { return false }
        if b < 128 { return b >= 65 && b <= 90 }
        return s.unicodeScalars.first?.properties.isUppercase ?? false
    }
}
