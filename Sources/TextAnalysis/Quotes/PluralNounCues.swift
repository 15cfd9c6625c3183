// Cue words in -s that are plural nouns, not verbs: "denied claims that", "amid claims that", "rejected calls
// for", "The government postponed plans to". Such a cue reports no subject of its own (CueAttribution.swift), and
// the verb whose object it is leaves the speaker phrase (SpeakerFinder.swift).

extension QuoteContext {
    /// Particles of phrasal verbs that take a noun cue as their object ("played down claims", "brushed aside").
    private static let objectParticles: Set<String> = ["down", "off", "aside", "away", "up", "out"]

    /// A cue whose first word ends in -s, right after a lower-case past verb that is no participle of the subject
    /// ("denied reports that", "has played down claims that", "rejected calls for"; not "the accused claims",
    /// "the firm he founded claims"), or a one-word that-cue right after a preposition ("amid claims that"):
    /// there it is a plural noun, the object of that verb or preposition, not a verb whose subject speaks. Not an
    /// infinitive cue: plans a subject "abandoned", "postponed" or "agreed" are mostly its own.
    func isPluralNounCue(_ c: CueMatch, sentenceStart lo: Int) -> Bool {
        let a = c.tokens.lowerBound
        guard c.frame == .that || c.frame == .belief || c.frame == .object,
              a - 1 >= lo, isWord[a - 1], !isCap[a - 1], quoteOf[a - 1] < 0 else { return false }
        // After a preposition only before its clause or its makers: "a flurry of tweets shaming ..." reports
        // what the tweets did (a participle after the noun).
        if isPreposition(a - 1) {
            let b = c.tokens.upperBound
            return c.frame == .that && c.tokens.count == 1 && isPluralNoun(a) && b < lower.count
                && ["that", "from", "by"].contains(lower[b])
        }
        return pastVerb(beforeNounCue: c.tokens, floor: lo) != nil
    }

    /// A word in -s that may be a plural noun ("claims", "calls"; not "was", "across").
    private func isPluralNoun(_ t: Int) -> Bool {
        let w = lower[t]
        return isWord[t] && w.hasMoreCharacters(than: 3) && w.hasUTF8Suffix("s") && !w.hasUTF8Suffix("ss")
            && !has(t, .copula) && !has(t, .skip)
    }

    /// The past verb whose object a cue in -s is ("rejected calls for", "played down claims"; a particle may sit
    /// between), when it is no light verb ("made claims", "announced plans": those speak through the noun) and
    /// no participle of the subject ("the accused claims", "those questioned", "he founded").
    func pastVerb(beforeNounCue cue: Range<Int>, floor lo: Int) -> Int? {
        let a = cue.lowerBound
        guard isPluralNoun(a), a - 1 >= lo, isWord[a - 1], !isCap[a - 1], quoteOf[a - 1] < 0 else { return nil }
        var v = a - 1
        if Self.objectParticles.contains(lower[v]), v - 1 >= lo, isWord[v - 1] { v -= 1 }
        let w = lower[v]
        guard !isCap[v], w.hasMoreCharacters(than: 3), w.hasUTF8Suffix("ed"), !has(v, .lightverb), mentionOf[v] < 0,
              cueAt[v] == nil, v - 1 >= lo, isWord[v - 1] else { return nil }
        let subjectLike = QuoteWordClass.det.bit | QuoteWordClass.subject.bit | QuoteWordClass.person.bit
            | QuoteWordClass.group.bit | QuoteWordClass.relative.bit
        return wordClasses[v - 1] & subjectLike == 0 && !isPossessiveS(v - 1) ? v : nil
    }
}
