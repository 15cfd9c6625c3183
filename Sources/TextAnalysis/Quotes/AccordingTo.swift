// "According to X, CLAUSE" / "CLAUSE, according to X": the source phrase, and which clause it attributes.

extension QuoteContext {
    /// "According to Frank Brown, global advisory leader at PwC, the trend ...": where the clause starts after the
    /// speaker's role set off by commas at `k` (the role its entity was given, EntityLinker+Roles), else nil.
    private func roleAsideEnd(_ k: Int, of sp: SpeakerGuess, end: Int) -> Int? {
        guard let e = sp.entity, e < doc.entities.count, let role = doc.entities[e].role,
              let comma = (k..<min(end, k + 16)).first(where: { isPunct($0, ",") || quoteOf[$0] >= 0 }),
              comma > k, isPunct(comma, ",") else { return nil }
        let aside = doc.text(CharRange(doc.tokens[k].start, doc.tokens[comma - 1].end))
        return aside.hasSuffix(role) ? comma + 1 : nil
    }

    /// "according to X": the source phrase runs to the next comma ("according to a complaint filed by the S.E.C.,
    /// ...", "according to show insiders."); its name-like head is the speaker when one is found.
    func accordingTo(_ c: CueMatch, sentence s: Sentence, lastSpeaker: SpeakerGuess?) -> CueAttribution? {
        let a = c.tokens.lowerBound, b = c.tokens.upperBound
        let sEnd = s.tokens.upperBound
        let phraseEnd = (b..<max(b, min(sEnd, b + 40))).first { isPunct($0, ",:;") || quoteOf[$0] >= 0 }
            ?? max(b, sEnd)
        var end = phraseEnd
        while end > b, !isWord[end - 1], !isPunct(end - 1, ")") { end -= 1 }
        // "in the latest Post/ABC poll": the phrase up to the poll word (QuoteContext.findCues).
        let poll = lower[a] == "in" ? (b..<phraseEnd).first { isWord[$0] && has($0, .pollsource) } : nil
        guard let sp = poll.map({ resolve(b..<($0 + 1), lastSpeaker: lastSpeaker) })
                ?? speakerRight(from: b, lastSpeaker: lastSpeaker)
                ?? (end > b ? resolve(b..<end, lastSpeaker: lastSpeaker) : nil) else { return nil }
        let after = max(sp.mention.upperBound, phraseEnd)
        // Sentence-initial "According to X, CLAUSE" reads forward; mid-sentence "CLAUSE, according to X, a Y"
        // reads backward (what follows the comma is usually an aside about X).
        let initial = trimLeading(s.tokens.lowerBound, end: a) >= a
        // Right after a lower-case word that opens no clause, with no comma, "according to" a thing that cannot
        // speak and names no source ("figures") is "in accordance with": "groups operate according
        // to a strict code", "it went according to plan".
        if !initial, isWord[a - 1], !isCap[a - 1], !has(a - 1, .leading), lower[a - 1] != "that",
           !isPersonOrOrganization(sp), !canSpeak(sp.mention),
           !sp.mention.contains(where: { isWord[$0] && has($0, .sourcehead) }) {
            return nil
        }
        if initial, isPunct(after, ",") || isPunct(after, ":"),
           let target = forward(from: roleAsideEnd(after + 1, of: sp, end: sEnd) ?? after + 1, frame: .speech,
                                end: sEnd) {
            return CueAttribution(cue: c.tokens, speaker: sp, target: target, rule: rule("according-to", target),
                                  confidence: 0.8)
        }
        if let target = backward(before: a) {
            return CueAttribution(cue: c.tokens, speaker: sp, target: target, rule: rule("according-to", target),
                                  confidence: 0.8)
        }
        return nil
    }

    /// The phrase ends with a person's name ("IMF boss Rodrigo Rato").
}
