// Outlets: the newspaper, programme or agency a statement was made in or to ("was quoted in the Guardian
// newspaper saying", "told the BBC's Today programme", "said in an interview with the Times", "writing in the
// Daily Mail", "Reuters quoted an official as saying"). One construction: a trigger (a verb of words.tsv class
// outletverb with its preposition, or "in" + a words.tsv medium noun + a preposition: "in an interview with")
// and the outlet phrase after it; or an outlet phrase before "quoted"/"reports" + a speaker + "as" + cue. The
// outlet phrase names an organisation (an ORG or MISC mention) or holds a words.tsv outlet noun ("programme",
// "newspaper"); a person alone after the trigger ("speaking to Paula") is a hearer, no outlet.
// An outlet is never the speaker and never the antecedent of a pronoun: SpeakerFinder trims it off a speaker
// phrase, skips it when resolving he/she/they, and steps over "was quoted in X" to the subject before it.

/// One outlet construction: the trigger words and the outlet phrase.
struct OutletPhrase: Sendable, Equatable {
    var trigger: Range<Int>
    var outlet: Range<Int>
    /// The outlet precedes its trigger ("Reuters quoted X as saying"); the speaker follows the trigger.
    var quoting: Bool
}

extension QuoteContext {
    /// Prepositions after an outletverb that open its outlet ("speaking to", "quoted in", "writing for").
    private static let outletPrepositions: Set<String> = ["to", "on", "in", "by", "for", "with"]
    /// Verbs that quote a speaker to their subject's outlet: "Reuters quoted a trader as saying", "the agency
    /// reports a source as saying", "AP cited officials as saying".
    static let quotingVerbs: Set<String> = ["quoted", "quotes", "quoting", "reports", "reported", "cited", "cites"]

    /// Every outlet construction of the document, left to right.
    func findOutlets() -> [OutletPhrase] {
        var found: [OutletPhrase] = []
        let n = lower.count
        let quotingByKey = lex.quotingVerbByKey
        var t = 0
        while t < n {
            defer { t += 1 }
            guard isWord[t], quoteOf[t] < 0 || !directs[quoteOf[t]].inner.contains(t) else { continue }
            // The sentence end is looked up only for the few words that open a construction, not for every word.
            func sentenceEnd() -> Int { sentence(of: t)?.tokens.upperBound ?? n }
            // "Reuters quoted one trader as saying", "the paper quoted Mr Chernin as saying".
            // By the word's key number (QuoteLexicon lists every quoting verb as a key): hashing every word of an
            // article to look it up in the set was a visible share of the quote finder's time.
            if wordKey[t] >= 0, quotingByKey[Int(wordKey[t])],
               let who = quotedSpeaker(after: t, end: sentenceEnd()) {
                if let lo = sentence(of: t)?.tokens.lowerBound, t - 1 >= lo,
                   let np = nounPhrase(endingAt: t - 1, floor: lo), isOutlet(np) {
                    found.append(OutletPhrase(trigger: t..<(t + 1), outlet: np, quoting: true))
                }
                t = who.upperBound - 1
                continue
            }
            // "told the BBC", "speaking on Radio 4's Today programme", "quoted in the Herald newspaper".
            if has(t, .outletverb) {
                let end = sentenceEnd()
                var o = t + 1
                if o < end, isWord[o], Self.outletPrepositions.contains(lower[o]) { o += 1 }
                else if !lower[t].hasPrefix("tel") && lower[t] != "told" { continue }
                if let r = outletPhrase(from: o, end: end) {
                    found.append(OutletPhrase(trigger: t..<o, outlet: r, quoting: false))
                    t = r.upperBound - 1
                }
                continue
            }
            // "in an interview with the Times", "in an article for the Guardian", "in a letter to the Independent".
            if lowerIs(t, "in") {
                let end = sentenceEnd()
                var m = t + 1
                while m < end, m - t <= 3, isWord[m], !has(m, .medium), has(m, .det) || !isCap[m] { m += 1 }
                guard m + 1 < end, isWord[m], has(m, .medium), Self.outletPrepositions.contains(lower[m + 1]),
                      let r = outletPhrase(from: m + 2, end: end) else { continue }
                found.append(OutletPhrase(trigger: t..<(m + 2), outlet: r, quoting: false))
                t = r.upperBound - 1
                continue
            }
        }
        return found
    }

    /// The speaker phrase a quoting verb at `t` names before "as" and a cue ("quoted [one trader] as saying").
    func quotedSpeaker(after t: Int, end: Int) -> Range<Int>? {
        guard t + 2 < end, let np = nounPhrase(startingAt: t + 1, ceiling: end), np.upperBound + 1 < end,
              lower[np.upperBound] == "as", cueAt[np.upperBound + 1] != nil else { return nil }
        return np
    }

    /// The outlet phrase read rightwards from `o`: determiners, capitalised words, numbers, possessives, outlet
    /// nouns and "with"/"of"/"&" between names ("BBC One's Breakfast with Frost", "the BBC's Today programme"),
    /// up to 10 tokens; a person named after a plain word ("the BBC News website Mr Molyneux said") starts the
    /// clause's subject and ends it. Nil unless it names an outlet (isOutlet).
    private func outletPhrase(from o: Int, end: Int) -> Range<Int>? {
        var k = o
        while k < end, k - o < 10, quoteOf[k] < 0 {
            if isPossessiveS(k) || isPunct(k, "&-") { k += 1; continue }
            guard isWord[k], cueAt[k] == nil else { break }
            if k > o, mentionOf[k] >= 0, doc.mentions[mentionOf[k]].type == .person,
               doc.mentions[mentionOf[k]].tokens.lowerBound == k, isWord[k - 1], !isCap[k - 1], !has(k - 1, .det),
               !["with", "of", "by"].contains(lower[k - 1]) { break }
            if isCap[k] || has(k, .det) || has(k, .outlet) || lower[k].first?.isNumber == true {
                k += 1
                continue
            }
            // "the Reuters news agency", "the state-run China Daily newspaper": modifiers before an outlet noun.
            if let m = (k + 1..<min(end, k + 4)).first(where: { isWord[$0] && has($0, .outlet) && quoteOf[$0] < 0 }),
               (k + 1..<m).allSatisfy({ isWord[$0] || isPunct($0, "-") || isPossessiveS($0) }) {
                k += 1
                continue
            }
            if ["with", "of"].contains(lower[k]), k > o, k + 1 < end, isCap[k + 1] { k += 1; continue }
            break
        }
        while k > o, !isWord[k - 1] { k -= 1 }
        guard k > o else { return nil }
        return isOutlet(o..<k) ? o..<k : nil
    }

    /// A phrase names an outlet: it holds an outlet noun, or its first name is an organisation or a MISC name
    /// (a programme's title) rather than a person or place.
    func isOutlet(_ r: Range<Int>) -> Bool {
        if r.contains(where: { isWord[$0] && has($0, .outlet) }) { return true }
        guard let m = r.first(where: { mentionOf[$0] >= 0 }).map({ doc.mentions[mentionOf[$0]] }) else { return false }
        return m.type == .organization || m.type == .misc
    }

    /// The outlet construction holding token `t` (its trigger or its outlet), if any.
    func outlet(at t: Int) -> OutletPhrase? {
        guard t >= 0, t < outletOf.count, outletOf[t] >= 0 else { return nil }
        return outlets[outletOf[t]]
    }

    /// A speaker phrase without the outlet construction inside it: "a spokesman for the regulator [quoted in China
    /// Daily]" keeps what comes before the trigger; "[Speaking to the BBC News website] Mr Molyneux" what comes
    /// after the outlet. Nil when nothing but the outlet is left.
    func withoutOutlet(_ np: Range<Int>) -> Range<Int>? {
        guard np.contains(where: { outletOf[$0] >= 0 }) else { return np }
        if let first = np.first(where: { outletOf[$0] >= 0 }), first > np.lowerBound {
            var e = first
            while e > np.lowerBound, !isWord[e - 1] { e -= 1 }
            return e > np.lowerBound ? np.lowerBound..<e : nil
        }
        guard let o = outlet(at: np.lowerBound) else { return np }
        let after = max(o.trigger.upperBound, o.outlet.upperBound)
        return after < np.upperBound ? after..<np.upperBound : nil
    }
}
