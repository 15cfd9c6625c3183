// What a noun cue reports ("Trump's claim that ...", "her decision to meet him", "his admiration of the general"): a
// that-clause, a to-infinitive, or, for a cue phrase ending in a preposition, the noun phrase that preposition
// governs. The owner of the noun is the speaker (CueAttribution reads it); PolNeAR annotates such nouns of
// statement, belief, desire and decision as attributions with their holder as Source.

extension QuoteContext {
    /// The content of a noun cue, or nil when none follows it.
    func nounCueContent(_ c: CueMatch, end sEnd: Int) -> CueAttribution.Target? {
        // "his willingness to turn on the rich, experts say ...": a comma before the writer's next attribution
        // ends what the noun reports.
        let target = nounCueTarget(c, end: sEnd)
        guard case .clause(let r)? = target, let comma = (r.lowerBound + 1..<r.upperBound).first(where: {
            isPunct($0, ",") && quoteOf[$0] < 0 && commaBeforeCue($0, r)
        }) else { return target }
        return wordCount(r.lowerBound..<comma) >= 1 ? .clause(r.lowerBound..<comma) : nil
    }

    /// A comma with a cue within the next four tokens of `r`.
    private func commaBeforeCue(_ t: Int, _ r: Range<Int>) -> Bool {
        (t + 1..<min(r.upperBound, t + 5)).contains { cueAt[$0] != nil }
    }

    private func nounCueTarget(_ c: CueMatch, end sEnd: Int) -> CueAttribution.Target? {
        let b = c.tokens.upperBound
        guard b < sEnd, c.tokens.count >= 1 else { return nil }
        if has(b - 1, .nounprep) {
            return governedPhrase(from: b, end: sEnd)
        }
        if lower[b] == "that" { return forward(from: b, frame: .speech, end: sEnd) }
        // "her decision to meet him", not "his statements to the FBI" or "her message to McAuliffe": a verb follows
        // "to" (a lower-case word that opens no noun phrase; capitalised only in a title-case line, "His Refusal To
        // Use The Words").
        guard lower[b] == "to", wordAt(b + 1), b + 1 < sEnd, !isCap[b + 1] || isCap[b],
              wordClasses[b + 1] & Self.nounPhraseStart == 0 else { return nil }
        return forward(from: b, frame: .infinitive, end: sEnd)
    }

    /// Word classes that open a noun phrase after "to" (so "to" is a preposition there, not an infinitive marker).
    private static let nounPhraseStart = QuoteWordClass.det.bit | QuoteWordClass.possessive.bit
        | QuoteWordClass.quantity.bit | QuoteWordClass.object.bit | QuoteWordClass.time.bit

    /// The noun phrase after a noun cue's preposition, read as an object cue's content, ending before the
    /// sentence's verb when the cue heads its subject ("His obsession with Mexico and China [is] well known"): an
    /// auxiliary or a form of "be" outside quote marks ends it.
    private func governedPhrase(from b: Int, end sEnd: Int) -> CueAttribution.Target? {
        guard let target = forward(from: b, frame: .object, end: sEnd), case .clause(let r) = target else {
            return nil
        }
        guard let verb = (r.lowerBound + 1..<r.upperBound).first(where: {
            isWord[$0] && quoteOf[$0] < 0 && has($0, .nostart) && !has($0, .leading) && lower[$0] != "or"
        }) else { return target }
        var e = verb
        while e > r.lowerBound, !isWord[e - 1], !isCloseMark(e - 1) { e -= 1 }
        return e > r.lowerBound ? .clause(r.lowerBound..<e) : nil
    }
}
