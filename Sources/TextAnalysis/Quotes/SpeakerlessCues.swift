// A cue whose speaker is not written next to it: the sentence's subject speaks, or no one written does (the
// "reported.no-speaker" quotes, tried after every other cue rule in CueAttribution.swift). Also where a cue that
// opens its sentence with no subject reports nothing: a capitalised noun, name or naming participle.

extension QuoteContext {
    /// Words after an opening participle ("Pressed on whether ...", "Urged to resign ...") that make it report.
    private static let participleQuestionWords: Set<String> = ["whether", "if", "on", "about", "to", "over"]

    /// A cue whose speaker is not written next to it ("questions about her health", "Stumpf, pressed, went on to
    /// admit that ...") still reports what follows it. The speaker is the sentence's subject when it has one
    /// (PolNeAR annotates such contents without a source otherwise). Lowest confidence, so any quote attributed
    /// by another rule wins an overlap.
    func speakerless(_ c: CueMatch, end sEnd: Int) -> CueAttribution? {
        // Inside quoted text the speaker is the one quoted ("I said the war was over," she said).
        guard c.frame != .according, c.frame != .passive, c.frame != .noun,
              c.tokens.lowerBound < quotedText.count, !quotedText[c.tokens.lowerBound] else { return nil }
        // "CLAUSE, said one GOP source": a speech verb right after a comma reads backwards; what follows it is
        // the speaker, not what was said (the participle ", saying ..." is read as a participle before this).
        let a = c.tokens.lowerBound
        if c.frame == .speech || c.frame == .tell, isPunct(a - 1, ",") || isCloseMark(a - 1),
           !lower[a].hasUTF8Suffix("ing") { return nil }
        // A capitalised first word is a cue only as a participle or a speech verb ("Asked about ...", "Citing ...",
        // "Said Ellis: ..."); otherwise it is a noun or a name heading the subject ("Calls ...", "Support for NATO
        // has been ...", "Hope Hicks").
        if isCap[a], c.frame != .speech, c.frame != .tell, !lower[a].hasUTF8Suffix("ing"),
           !lower[a].hasUTF8Suffix("ed") {
            return nil
        }
        // "Called Global System for Mobiles (GSM), this is ...", "Dubbed the Pocket Media Assistant, it ...", "Aimed
        // at children, the contest ...": a capitalised participle of naming or aim with no subject names or
        // describes what follows; such a participle reports only a question ("Pressed on whether he would ...") or
        // an infinitive ("Urged to resign, he ...").
        if isCap[a], c.tokens.count == 1, lower[a].hasUTF8Suffix("ed"), c.frame == .object || c.frame == .infinitive,
           c.tokens.upperBound < sEnd {
            let b = c.tokens.upperBound
            if !(Self.participleQuestionWords.contains(lower[b]) || has(b, .whgap)) { return nil }
        }
        let frame: CueFrame = c.frame == .speech || c.frame == .tell || c.frame == .belief ? .speech
            : c.frame == .that ? .that : c.frame
        let opening = inOpeningClause(a)
        let infinitive = c.infinitive && frame.readsForwardOnly
            ? forward(from: c.tokens.upperBound, frame: .infinitive, end: sEnd, stopAtComma: opening) : nil
        guard let target = infinitive ?? forward(from: c.tokens.upperBound, frame: frame, end: sEnd,
                                                 stopAtComma: opening) else { return nil }
        // "Commenting on the delay, Mr Levy said that ...": after the opening phrase's comma, a clause that opens
        // with its own subject and cue belongs to that cue, not to the participle before the comma.
        if case .clause(let r) = target, r.lowerBound > c.tokens.upperBound, isPunct(r.lowerBound - 1, ","),
           opensOwnAttribution(at: r.lowerBound, end: sEnd) { return nil }
        // A direct quote only after "CUE PHRASE:" ("took to the stage to explain its popularity: “...”",
        // "offers one seemingly undeniable viewpoint: “...”"): the quote, with this cue's speaker if found.
        // A cue right before its colon ("And continued: “...”", "the former minister said: “...”") leaves the quote
        // to the colon's lead and the paragraph, which know more of who speaks than this fallback.
        let afterPhrase = quoteAfterColonPhrase(from: c.tokens.upperBound, end: sEnd) != nil
        if target.isDirect, !afterPhrase { return nil }
        var sp: SpeakerGuess?
        // "Morrison ... was accused of exposing himself", "Ebbers is standing trial, accused of overseeing a fraud":
        // a passive cue without its agent (after a form of be, or a participle after a comma) says what unnamed
        // people said of the subject; the subject is spoken of, never the speaker.
        // ("had accused an Evening Standard journalist" is active: "have" is no passive auxiliary; after a comma
        // only a participle with its preposition is read so: ", accused of", not ", accused some schools of".)
        let before = wordBeforePassive(a)
        let agentless = has(a, .passivecue) && lower[a].hasUTF8Suffix("ed") && before >= 0
            && (has(before, .copula) || isCommaParticiple(c, end: sEnd))
        if !agentless, let s = sentence(of: c.tokens.lowerBound) {
            // The words right before the cue ("which now allows", "environmentalists worry"), else the subject.
            let lo = s.tokens.lowerBound
            let j = skipBackModifiers(from: c.tokens.lowerBound - 1, floor: lo)
            if j >= lo, isWord[j], quoteOf[j] < 0, !quotedText[j], has(j, .relative) || lower[j] == "that" {
                // The pronoun speaks for its antecedent when that can speak ("who" always refers to a person);
                // "a campaign over the hurdles - which could explain ..." has none.
                let np = relativeAntecedent(of: j, floor: lo)
                if let np, canSpeak(np) {
                    var g = resolve(np, lastSpeaker: nil)
                    g.mention = j..<(j + 1)
                    sp = g
                } else if lower[j] == "who" || lower[j] == "whom" {
                    sp = SpeakerGuess(mention: j..<(j + 1), entity: nil, name: doc.tokens[j].text, how: .source)
                }
            } else if j >= lo, isWord[j], quoteOf[j] < 0, cueAt[j] == nil, !has(j, .boundary),
                      let np = nounPhrase(endingAt: j, floor: lo), !isQuotedFirstPerson(np) {
                sp = resolve(np, lastSpeaker: nil)
            } else if lower[lo] != "there" {
                // "There are questions about ...": an expletive subject names no one.
                sp = sentenceSubject(lo..<c.tokens.lowerBound, lastSpeaker: nil)
            }
        }
        // "The directive is intended to offer ...": an infinitive cue in the passive hides whose intention it is,
        // and its subject is what was intended, no speaker; an owner written in the subject is ("Mrs. Clinton's
        // plan is intended to ...").
        if let g = sp, c.frame == .infinitive, lower[a].hasUTF8Suffix("ed"), before >= 0, has(before, .copula),
           !isPossessiveS(g.mention.upperBound),
           !g.mention.contains(where: { isPossessiveS($0) || (isWord[$0] && has($0, .possessive)) }) {
            sp = nil
        }
        // Nor does it take a quote for no one: "But told BBC News: “...”" is the paragraph's speaker's.
        if target.isDirect, sp == nil { return nil }
        return CueAttribution(cue: c.tokens, speaker: sp, target: target,
                              rule: target.isDirect ? QuoteExtractor.speakerlessDirectRule : QuoteExtractor.speakerlessRule,
                              confidence: 0.3)
    }

    /// The token before cue word `a` once adverbs and skip words are passed over (not "has": "had accused" is
    /// active), or -1.
    private func wordBeforePassive(_ a: Int) -> Int {
        var before = a - 1
        while before >= 0, isWord[before], quoteOf[before] < 0,
              !["has", "have", "had", "having"].contains(lower[before]), has(before, .skip) || lower[before].hasUTF8Suffix("ly") {
            before -= 1
        }
        return before
    }

    /// A passive cue's participle set off by a comma with its preposition (", accused of", ", described as"): it
    /// says what unnamed people said of the sentence's subject, who is spoken of, not the speaker.
    func isCommaParticiple(_ c: CueMatch, end sEnd: Int) -> Bool {
        let a = c.tokens.lowerBound, b = c.tokens.upperBound
        guard has(a, .passivecue), lower[a].hasUTF8Suffix("ed") else { return false }
        let before = wordBeforePassive(a)
        return before >= 0 && isPunct(before, ",")
            && (c.tokens.count > 1 && isPreposition(b - 1) || (b < sEnd && ["as", "of"].contains(lower[b])))
    }
}
