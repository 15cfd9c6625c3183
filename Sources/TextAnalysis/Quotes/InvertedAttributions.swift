// Attributions whose speaker follows the cue, set off after a comma: at the end of the sentence ("The bridge will
// reopen, said Hugh Hill.") or inside its clause ("The plan, says Smith, will cut costs"). CueAttribution.swift
// asks these before reading a cue's content forward; a clause read forward from an earlier cue ends before the
// one that closes the sentence (CueContent.finalAttribution).

extension QuoteContext {
    /// "The plan, says Smith, will cut costs", "More significantly, argues the report, broadband is ...": an
    /// inverted attribution set inside its clause. As with "The plan, Smith says, will ..." the content runs around
    /// it, from the sentence start to the clause end, and its parts leave the attribution out.
    func invertedParenthetical(_ c: CueMatch, sentence s: Sentence, lastSpeaker: SpeakerGuess?,
                                       confidence: Double) -> CueAttribution? {
        let a = c.tokens.lowerBound, b = c.tokens.upperBound, sEnd = s.tokens.upperBound
        guard c.frame == .speech || c.frame == .that, isPunct(a - 1, ","), quoteOf[a - 1] < 0, b < sEnd,
              isCap[b] || has(b, .det) || has(b, .person) || has(b, .group),
              let sp = speakerRight(from: b, lastSpeaker: lastSpeaker), sp.mention.lowerBound == b,
              isPersonOrOrganization(sp) || canSpeak(sp.mention) else { return nil }
        var p = sp.mention.upperBound
        guard p < sEnd, isPunct(p, ","),
              parentheticalRest(at: &p, before: a - 1, sentence: s.tokens.lowerBound, end: sEnd, minWords: 1),
              !startsAppositive(p + 1) else { return nil }
        let start = trimLeading(s.tokens.lowerBound, end: a)
        // Only when the clause plainly goes on: with a verb ("The tone, said Milburn, would be ...") or after a
        // sentence adverb ("Worryingly, said the firm, gangs were ..."). Otherwise the words after the name are
        // about the name ("..., said Paul Dergarabedian, president of the industry's tracker").
        let verbNext = has(p + 1, .nostart) && !["and", "or", "but"].contains(lower[p + 1])
        var adverbBefore = false
        let words = (start..<(a - 1)).filter { isWord[$0] }
        if let last = words.last, words.count <= 2, !isCap[last] || last == start {
            adverbBefore = lower[last].hasUTF8Suffix("ly") || has(last, .leading)
        }
        guard verbNext || adverbBefore else { return nil }
        let e = clauseEnd(from: p + 1, sentenceEnd: sEnd)
        guard e > p + 2 else { return nil }
        return CueAttribution(cue: c.tokens, speaker: sp, target: .clause(start..<e), rule: "reported.parenthetical",
                              confidence: confidence, inset: (a - 1)..<(p + 1))
    }

    /// A phrase about the name before it ("..., said Brian Baker, a longtime adviser ...", "..., Labour's
    /// spokesman", "chief executive of ..."), not the rest of a clause.
    private func startsAppositive(_ k: Int) -> Bool {
        has(k, .det) || has(k, .article) || has(k, .possessive) || has(k, .rankmod) || isPossessiveS(k + 1)
            || lex.is(lower[k], .personrole) || lex.is(lower[k], .orgkind)
    }

    /// "The bridge will reopen, said Hugh Hill.", "..., said the report.": a cue after a comma, then a phrase that
    /// can speak (a person or organisation, a source noun, a document) and ends the attribution. "Mr Straw,
    /// speaking at a news conference, stressed this point" has an object that is no one: no inversion.
    func invertedAttribution(_ c: CueMatch, lastSpeaker: SpeakerGuess?, end sEnd: Int) -> Bool {
        let a = c.tokens.lowerBound, b = c.tokens.upperBound
        guard isPunct(a - 1, ","), b < sEnd,
              isCap[b] || has(b, .det) || has(b, .quantity) || has(b, .person) || has(b, .group),
              let sp = speakerRight(from: b, lastSpeaker: lastSpeaker),
              endsAttribution(at: sp.mention.upperBound, end: sEnd) else { return false }
        // "recalled the famous eulogy delivered by Davis": a name inside a longer object is no inverted speaker.
        // Nor one after a subject and its verb ("suggested they should get Trevor Beattie, TBWA's boss, to ...").
        let inner = sp.mention.dropLast().contains { isWord[$0] && !isCap[$0] && mentionOf[$0] < 0
            && (isPreposition($0) || (lower[$0].hasMoreCharacters(than: 4) && lower[$0].hasUTF8Suffix("ed"))
                || (sp.mention.count > 1 && (has($0, .subject) || has($0, .skip)))) }
        // Any name speaks there, a place too ("..., said Washington.", or a firm the tagger took for a planet:
        // "..., said Jupiter."): a cue after a comma with a name closing the sentence reads no object.
        return !inner && (isPersonOrOrganization(sp) || canSpeak(sp.mention) || sp.entity != nil)
    }
}
