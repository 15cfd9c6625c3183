// A direct quote right after a colon that no cue claimed: the clause before the colon (its "lead") says whose
// words they are. "Mr Blair was blunt: “...”", "Johansson was more restrained in his assessment: “...”",
// "- Southampton boss Harry Redknapp: “...”", "His verdict was simple: “...”": a subject that can speak (a person
// or organisation, a pronoun, a source noun, a document, a title's holder) or the owner of a subject that is only
// "was ..." ("His message to the chancellor was: “...”") is the speaker. "The message was clear: “...”", "The sign
// read: “...”", "under the headline: “...”": a subject that is no one, or a lead whose subject is no noun phrase,
// writes the quote with no speaker, and the paragraph's other speaker is not guessed for it (PolNeAR annotates
// "The implication is clear: that ..." with no source, "President Obama is rolling out a new ... message: “...”" and
// "A lesson from Loretta Lynch: ‘...’" with the subject). A lead with a cue the cue sieve could not link ("He went
// on to say:", "Mr Marr said on Wednesday's Today programme:") takes its subject as the cue would.
// A cue followed by a short phrase and a colon ("asked Mr Sullivan: “...”", "I would simply ask them: “...”",
// "echoed those sentiments: “...”", "said only: “...”") reports the quote; the phrase is its hearer, object or
// adverb. A subject, cue and colon inside a reported clause ("Asked whether she was nervous she said: “...”")
// start an attribution of their own.

/// What a colon's lead says of the quote after it.
enum ColonLead: Equatable {
    case speaker(SpeakerGuess)
    /// The lead names no one who speaks: the quote has no speaker.
    case nobody
}

extension QuoteContext {
    /// The lead of direct quote `q` when its opening mark follows a colon; nil when there is none or it cannot be
    /// read (no subject at its start, a verb first: "And continued:"), and the paragraph's sieves decide.
    func colonLead(of q: DirectSpan, lastSpeaker: SpeakerGuess?) -> ColonLead? {
        let colon = q.openToken - 1
        guard colon > 0, isPunct(colon, ":"), quoteOf[colon] < 0, let s = sentence(of: colon) else { return nil }
        // The lead starts after anything quoted or a semicolon earlier in its sentence.
        var lo = s.tokens.lowerBound
        for k in stride(from: colon - 1, through: lo, by: -1) where quoteOf[k] >= 0 || isPunct(k, ";") {
            lo = k + 1
            break
        }
        var k = lo
        // A bullet or dash opening a line ("- Blackburn boss Mark Hughes:"), "But", "And".
        while k < colon, !isWord[k] { k += 1 }
        if k < colon, has(k, .leading) { k += 1 }
        // An opening adverbial up to its comma: "In a statement on Thursday, Euronext said:".
        if k < colon, has(k, .intro), let c = (k..<colon).first(where: { isPunct($0, ",") }), c - k <= 10 { k = c + 1 }
        guard k < colon, isWord[k], canStartSubject(k), cueAt[k] == nil else { return nil }
        // A lead that is only a name and its role ("- Blackburn boss Mark Hughes:", "BBC Two controller Roly
        // Keating:"): the person it ends with.
        let lead = k..<colon
        if isPersonMention(colon - 1), wordCount(lead) <= 8,
           !lead.contains(where: { isWord[$0] && (cueAt[$0] != nil || has($0, .copula) || has($0, .auxiliary)) }) {
            return .speaker(resolve(lead, lastSpeaker: lastSpeaker))
        }
        guard var np = nounPhrase(startingAt: k, ceiling: colon) else { return nil }
        // The phrase read rightwards may run over the verb ("The message was clear"): it ends at a form of be, an
        // auxiliary or an adverb after its first word.
        if let v = np.dropFirst().first(where: { isWord[$0] && !isCap[$0] && mentionOf[$0] < 0
            && (has($0, .copula) || has($0, .auxiliary) || has($0, .skip)) }) {
            np = np.lowerBound..<v
        }
        np = subjectBeforeVerb(np)
        let rest = np.upperBound..<colon
        // "Wheelchair user Kevin Donnellon was asked:": the subject of a passive cue heard the question.
        if rest.contains(where: { cueAt[$0] != nil && $0 > rest.lowerBound && has($0 - 1, .copula) }) { return nil }
        // "it", "this": the words stand for a thing said, not for who said it ("It will be: “...”").
        if np.count == 1, ["it", "this", "that", "these", "those", "there"].contains(lower[np.lowerBound]) {
            return .nobody
        }
        // "His verdict was simple:", "Labour's election slogan will be:": the owner of what the quote is.
        if let owner = ownerOfSubject(np), isCopulaPredicate(rest) {
            return .speaker(owner(lastSpeaker))
        }
        // A speech cue after the subject that could not be linked to the quote ("He went on to say:") still
        // finds its speaker as it would (a copula cue, "The message was clear:", is no speech); when the cue's
        // speaker cannot be read, the paragraph's sieves decide.
        if let c = rest.first(where: { cueAt[$0] != nil && !has($0, .copula) }), let cue = cueAt[c],
           !has(cue.tokens.lowerBound, .copula) {
            if let sp = speakerLeft(of: cue.tokens, lastSpeaker: lastSpeaker) { return .speaker(sp) }
            // "Theresa May, Tory shadow work and pensions secretary, said:", "Johansson was more restrained in his
            // assessment:": a whole subject that can speak (the phrase ends at a comma or a verb, not inside a
            // longer phrase as "the Labour [peer]" does) when the cue's own reading found none.
            let next = np.upperBound
            guard next < colon, isPunct(next, ",") || cueAt[next] != nil || has(next, .copula)
                    || has(next, .auxiliary) || has(next, .skip), canSpeak(np) else { return nil }
            return .speaker(resolve(np, lastSpeaker: lastSpeaker))
        }
        // "A photograph of Prince Harry ... under the headline:": the head before a preposition is the subject.
        if let p = np.dropFirst().first(where: { isWord[$0] && !isCap[$0] && has($0, .preposition) && isWord[$0 - 1]
            && !isCap[$0 - 1] && !has($0 - 1, .sourcehead) }), !canSpeak(np.lowerBound..<p) {
            return .nobody
        }
        return canSpeak(np) ? .speaker(resolve(np, lastSpeaker: lastSpeaker)) : .nobody
    }

    /// The owner of a possessed subject ("His message", "Labour's election slogan"), as a speaker guess.
    private func ownerOfSubject(_ np: Range<Int>) -> ((SpeakerGuess?) -> SpeakerGuess)? {
        let first = np.lowerBound
        if np.count > 1, has(first, .possessive), ["his", "her", "their", "its"].contains(lower[first]) {
            return { last in
                var g = self.resolvePronoun(at: first, lastSpeaker: last)
                g.mention = first..<(first + 1)
                return g
            }
        }
        guard let p = np.dropFirst().first(where: { isPossessiveS($0) }), p + 1 < np.upperBound,
              mentionOf[p - 1] >= 0 else { return nil }
        let m = doc.mentions[mentionOf[p - 1]]
        guard m.type == .person || m.type == .organization, m.tokens.lowerBound >= first else { return nil }
        return { last in self.resolve(m.tokens, lastSpeaker: last) }
    }

    /// The words between a subject and its colon are only "was", "will be", "was simple", "is clear": the
    /// subject is what the quote says, and an owner of it said it.
    private func isCopulaPredicate(_ r: Range<Int>) -> Bool {
        let words = r.filter { isWord[$0] }
        guard let c = words.first(where: { has($0, .copula) }), words.count <= 4 else { return false }
        return words.allSatisfy { $0 == c || has($0, .copula) || has($0, .auxiliary) || has($0, .skip)
            || (!isCap[$0] && mentionOf[$0] < 0 && cueAt[$0] == nil) }
    }

    /// Word classes that show the words between a cue and a colon hold a verb or a clause of their own ("said the
    /// club were sad to see Santini go:", "reveals what his next goal is:", "said he would add:"): the quote then
    /// completes or illustrates that clause, and stays one mixed quote with it.
    private static let colonPhraseStops = QuoteWordClass.copula.bit | QuoteWordClass.auxiliary.bit
        | QuoteWordClass.subject.bit | QuoteWordClass.relative.bit | QuoteWordClass.whgap.bit
        | QuoteWordClass.clausejoin.bit | QuoteLexicon.cueStartBit

    /// The quote after "CUE PHRASE: “...”" when the phrase from `start` is a few words with no verb and the quote
    /// ends its sentence (or only a repeated attribution follows it); nil otherwise.
    func quoteAfterColonPhrase(from start: Int, end sEnd: Int) -> (quote: Int, phrase: Range<Int>)? {
        var j = start
        while j < sEnd, j - start < 9, quoteOf[j] < 0, !isPunct(j, ":") {
            if isWord[j] {
                // "it" is an object here ("says it all:"), not the subject of a clause.
                guard cueAt[j] == nil, lower[j] != "that",
                      wordClasses[j] & Self.colonPhraseStops == 0 || lower[j] == "it" || (isCap[j] && j > start)
                else { return nil }
            } else if !(isPossessiveS(j) || isPunct(j, "-'’.")) {
                return nil
            }
            j += 1
        }
        guard j > start, j + 1 < lower.count, j < sEnd, isPunct(j, ":"), quoteOf[j] < 0, isOpenMark(j + 1),
              (start..<j).contains(where: { isWord[$0] }) else { return nil }
        let q = quoteOf[j + 1]
        let close = directs[q].closeToken
        let next = close + 1
        let continues = next < lower.count && sentenceOf[next] == sentenceOf[close] && isWord[next]
            && cueAt[next] == nil && !has(next, .clausestop)
        if continues, !finalAttribution(after: close, end: sentence(of: close)?.tokens.upperBound ?? sEnd) {
            return nil
        }
        return (q, start..<j)
    }

    /// The first token of the subject of a speech cue whose colon sits right before the opening mark at `open`,
    /// when that subject starts inside a reported clause read from `k` (at least two tokens after it); nil
    /// when no such attribution precedes the quote.
    func colonAttributionSubject(before open: Int, after k: Int) -> Int? {
        let colon = open - 1
        guard colon > k + 2, isPunct(colon, ":"), quoteOf[colon] < 0,
              let c = (max(k + 2, colon - 9)..<colon).last(where: { cueAt[$0] != nil }), let cue = cueAt[c],
              !cue.isParticiple, !lower[c].hasUTF8Suffix("ing"), [.speech, .tell, .that, .belief].contains(cue.frame),
              cue.tokens.upperBound == colon || cue.frame == .tell,
              let sp = speakerLeft(of: cue.tokens, lastSpeaker: nil),
              // "Elton John, asked whether he would do the same again replied:": a phrase read back that is no
              // one ("the same") is no subject; the quote stays in the clause.
              sp.entity != nil || sp.how == .pronoun || sp.how == .unresolved || canSpeak(sp.mention)
        else { return nil }
        let first = min(sp.mention.lowerBound, c)
        return first > k + 1 ? first : nil
    }
}
