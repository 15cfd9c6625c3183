// Reads the text around one cue: who the speaker is (before the cue, after it, or inherited by an -ing form)
// and what was said (a direct quote next to the cue, or the reported clause before or after it).

/// What one cue attributes, and the rule that decided it.
struct CueAttribution: Sendable, Equatable {
    enum Target: Sendable, Equatable {
        /// A direct quote (index into QuoteContext.directs).
        case direct(Int)
        /// A reported clause (tokens); quote marks inside make it a mixed quote.
        case clause(Range<Int>)
    }
    var cue: Range<Int>
    var speaker: SpeakerGuess?
    var target: Target
    var rule: String
    var confidence: Double
}

extension QuoteContext {
    /// First words that show what follows a cue is no reported clause ("said to be", "told him about").
    private static let nonClauseStarts: Set<String> = ["to", "of", "about", "for", "with", "by", "in", "on", "at",
                                                       "while", "during", "as", "after", "before", "so", "no", "yes",
                                                       "goodbye", "hello", "nothing", "something", "anything", "from", "into",
                                                       "up", "out", "like"]

    /// A preposition whose object is never the subject of the verb after it (plausibleSubject): words.tsv
    /// classes venueprep and preposition.
    private func isPreposition(_ t: Int) -> Bool {
        wordClasses[t] & (QuoteWordClass.venueprep.bit | QuoteWordClass.preposition.bit) != 0
    }

    func attribute(_ c: CueMatch, previous: CueAttribution?, lastSpeaker: SpeakerGuess?) -> CueAttribution? {
        guard let s = sentence(of: c.tokens.lowerBound) else { return nil }
        let a = c.tokens.lowerBound, b = c.tokens.upperBound
        let sEnd = s.tokens.upperBound

        if c.frame == .according {
            // The source phrase runs to the next comma ("according to a complaint filed by the S.E.C., ...",
            // "according to show insiders."); its name-like head is the speaker when one is found.
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
            if initial, isPunct(after, ",") || isPunct(after, ":"),
               let target = forward(from: after + 1, frame: .speech, end: sEnd) {
                return CueAttribution(cue: c.tokens, speaker: sp, target: target, rule: rule("according-to", target),
                                      confidence: 0.8)
            }
            if let target = backward(before: a) {
                return CueAttribution(cue: c.tokens, speaker: sp, target: target, rule: rule("according-to", target),
                                      confidence: 0.8)
            }
            return nil
        }

        if c.unlisted { return unlistedThatClause(c, lastSpeaker: lastSpeaker) }

        // "The plan was endorsed by the mayor", "The story was first reported by the Post": a passive cue with its
        // agent; the passive's subject is what was said, the agent who said it.
        if c.frame != .belief, c.frame != .noun, c.frame != .passive, c.frame != .infinitive, b + 1 < sEnd,
           lower[b] == "by", let subject = passiveSubject(before: a, floor: s.tokens.lowerBound),
           let sp = speakerRight(from: b + 1, lastSpeaker: lastSpeaker) {
            return CueAttribution(cue: c.tokens, speaker: sp, target: .clause(subject), rule: "reported.passive-by",
                                  confidence: 0.55)
        }

        // "Peacekeepers have been blamed for introducing cholera", "Turnout is expected to rise": a passive without
        // its agent says what someone (unnamed) said of the subject; the content runs from the subject to the end
        // of the clause.
        if c.frame != .noun, c.frame != .passive, c.frame != .according, has(a, .passivecue), b < sEnd,
           lower[b] != "by", isWord[b], let subject = passiveSubject(before: a, floor: s.tokens.lowerBound) {
            let e = clauseEnd(from: b, sentenceEnd: sEnd)
            if wordCount(b..<max(b, e)) >= 2 {
                return CueAttribution(cue: c.tokens, speaker: nil, target: .clause(subject.lowerBound..<e),
                                      rule: "reported.passive", confidence: 0.35)
            }
        }

        // "X said A and added B": a cue after "and"/"but" with no subject of its own shares the previous one's,
        // or the sentence's subject ("Cruz exhorted Republicans to vote and said ...").
        let j = skipBackModifiers(from: a - 1, floor: s.tokens.lowerBound)
        let coordinated = j > s.tokens.lowerBound && (lower[j] == "and" || lower[j] == "but")
        // "criticised for saying that ...": an -ing cue after a preposition reports its sentence's subject.
        let gerund = lower[a].hasSuffix("ing") && a - 1 > s.tokens.lowerBound
            && (has(a - 1, .venueprep) || lower[a - 1] == "for" || lower[a - 1] == "by")
        if c.isParticiple || coordinated || gerund {
            // ", adding (that) ...": the speaker of the clause this hangs on.
            let sp = previous.flatMap { sentenceOf[$0.cue.lowerBound] == sentenceOf[a] ? $0.speaker : nil }
                ?? (coordinated ? relativeSubject(before: j, floor: s.tokens.lowerBound, lastSpeaker: lastSpeaker)
                    : nil)
                ?? sentenceSubject(s.tokens.lowerBound..<a, lastSpeaker: lastSpeaker)
            let infinitive = c.infinitive ? forward(from: b, frame: .infinitive, end: sEnd) : nil
            guard let sp, let target = infinitive ?? forward(from: b, frame: c.frame, end: sEnd) else { return nil }
            return CueAttribution(cue: c.tokens, speaker: sp, target: target,
                                  rule: rule(coordinated ? "coordinated" : gerund ? "gerund" : "participle", target),
                                  confidence: 0.7)
        }

        if c.frame == .noun {
            // "Trump's claim that ...", "his promise to ...": the owner of the noun said it.
            guard let sp = owner(before: a, lastSpeaker: lastSpeaker), b < sEnd, lower[b] == "that" || lower[b] == "to"
            else { return nil }
            let that = lower[b] == "that"
            guard let target = forward(from: b, frame: that ? .speech : .infinitive, end: sEnd) else {
                return nil
            }
            return CueAttribution(cue: c.tokens, speaker: sp, target: target, rule: rule("noun", target),
                                  confidence: 0.6)
        }
        if c.frame.readsForwardOnly || c.infinitive, let sp = speakerBefore(c.tokens, lastSpeaker: lastSpeaker) {
            let left = leftEdge(of: sp, cue: a)
            if left - 1 >= s.tokens.lowerBound, ["what", "how", "whatever"].contains(lower[left - 1]) { return nil }
            if let target = forward(from: b, frame: c.frame.readsForwardOnly ? c.frame : .infinitive, end: sEnd) {
                return CueAttribution(cue: c.tokens, speaker: sp, target: target, rule: rule("cue-then", target),
                                      confidence: c.frame == .object ? 0.55 : 0.6)
            }
        }
        if c.frame.readsForwardOnly { return speakerless(c, end: sEnd) }

        // "“...,” said X": the speaker follows the cue.
        if closingQuoteAttaches(before: a), let sp = speakerRight(from: b, lastSpeaker: lastSpeaker),
           endsAttribution(at: sp.mention.upperBound, end: sEnd), let target = backward(before: a) {
            return CueAttribution(cue: c.tokens, speaker: sp, target: target, rule: rule("then-cue", target),
                                  confidence: 0.9)
        }
        let base = c.frame == .belief ? 0.6 : 0.8
        if let sp = speakerBefore(c.tokens, lastSpeaker: lastSpeaker) {
            let left = leftEdge(of: sp, cue: a)
            // "what Trump says his plan would do", "which he said were accompanied by favours": the cue reports
            // the rest of a relative clause whose gap is the wh-word.
            if left - 1 >= s.tokens.lowerBound, has(left - 1, .whgap) {
                guard wordAt(b), cueAt[b] == nil, quoteOf[b] < 0, !Self.nonClauseStarts.contains(lower[b]) else {
                    return nil
                }
                let e = clauseEnd(from: b, sentenceEnd: sEnd, stopAtComma: true)
                guard wordCount(b..<e) >= 2 else { return nil }
                return CueAttribution(cue: c.tokens, speaker: sp, target: .clause(b..<e), rule: "reported.relative-gap",
                                      confidence: base - 0.2)
            }
            // "CLAUSE, as police have said." / "As a memo put it, CLAUSE": an as-clause attributes its host clause.
            if left - 1 >= s.tokens.lowerBound, lower[left - 1] == "as", c.frame == .speech || c.frame == .that {
                if left - 1 == trimLeading(s.tokens.lowerBound, end: left) {
                    var k = b
                    while k < sEnd, k - b < 8, !isPunct(k, ",") { k += 1 }
                    if k < sEnd, isPunct(k, ","), let target = forward(from: k + 1, frame: .speech, end: sEnd) {
                        return CueAttribution(cue: c.tokens, speaker: sp, target: target, rule: rule("as", target),
                                              confidence: base)
                    }
                } else if isPunct(left - 2, ",") || (isCloseMark(left - 2) && isPunct(left - 3, ",")) {
                    // "..., as The New Yorker put it in a lengthy expose, “the operator.”": a quote right after
                    // the aside is what was said.
                    var k = b
                    while k < sEnd, k - b < 8, !isPunct(k, ",") { k += 1 }
                    if k + 1 < sEnd, isPunct(k, ","), isOpenMark(k + 1),
                       let target = forward(from: k + 1, frame: .speech, end: sEnd) {
                        return CueAttribution(cue: c.tokens, speaker: sp, target: target, rule: rule("as", target),
                                              confidence: base)
                    }
                    // "CLAUSE, as police have said." / '... a "lawful source of income," as a memo put it.'
                    if endsAttribution(at: b, end: sEnd) || isPunct(b, ".") || lower[b] == "in",
                       let target = backward(before: left - 1) {
                        return CueAttribution(cue: c.tokens, speaker: sp, target: target, rule: rule("as", target),
                                              confidence: base)
                    }
                }
            }
            // "“...,” X said": a closing mark right before the speaker decides it. One or two lower-case words may
            // come before the name ("“...,” retired Air Force general Lloyd Newton said"): they join the speaker.
            let modified = (max(s.tokens.lowerBound, left - 2)..<left).first { k in
                (k..<left).allSatisfy { isWord[$0] && !isCap[$0] && quoteOf[$0] < 0 && cueAt[$0] == nil
                    && !has($0, .boundary) } && closingQuoteAttaches(before: k)
            }
            if closingQuoteAttaches(before: left) || modified != nil,
               let target = backward(before: modified ?? left) {
                var sp = sp
                if let m = modified, sp.mention.lowerBound == left { sp.mention = m..<sp.mention.upperBound }
                return CueAttribution(cue: c.tokens, speaker: sp, target: target, rule: rule("then-cue", target),
                                      confidence: 0.95)
            }
            // "The park, Tompkins said, is usually full": an attribution set inside its clause; the content runs
            // around it (from the sentence start to the clause end, the attribution included, as split quotes).
            // A tell cue's hearer and a time phrase may sit before the second comma ("The difference now, he told
            // me on Friday, is that ...").
            let p = skipTime(c.frame == .tell ? hearerEnd(from: b, end: sEnd) : b, end: sEnd)
            if isPunct(left - 1, ","), isPunct(p, ","), wordAt(p + 1), has(p + 1, .nostart),
               lower[p + 1] != "and", lower[p + 1] != "or", quoteOf[left - 1] < 0 {
                var start = trimLeading(s.tokens.lowerBound, end: left)
                // "..., which, Tompkins said, is usually full": a relative clause's content starts at its pronoun.
                if left - 2 >= start, isWord[left - 2], has(left - 2, .relative), isPunct(left - 3, ",") {
                    start = left - 2
                }
                let e = clauseEnd(from: p + 1, sentenceEnd: sEnd)
                if left - 1 - start >= 1, e > p + 2 {
                    return CueAttribution(cue: c.tokens, speaker: sp, target: .clause(start..<e),
                                          rule: "reported.parenthetical", confidence: base - 0.1)
                }
            }
            // "Lopez, who said the report was flawed, left early": the relative clause ends at its comma.
            // So does an opening subordinate clause ("Although Clinton noted that ..., Trump boasted ...").
            // So does a cue inside the sentence's opening phrase ("In a statement announcing the pick, the union
            // called ...").
            let lead = trimLeading(s.tokens.lowerBound, end: left)
            let relative = has(sp.mention.lowerBound, .relative)
                || (s.tokens.lowerBound < left && has(lead, .opener))
                || (lead < a && has(lead, .intro) && !(lead..<a).contains { isPunct($0, ",") })
            // A that-cue after a document-like source ("the poll shows", "the report found") needs no "that".
            let frame = c.frame == .that && isDocument(sp, cue: a) ? .speech : c.frame
            if let target = forward(from: b, frame: frame, end: sEnd, stopAtComma: relative) {
                return CueAttribution(cue: c.tokens, speaker: sp, target: target, rule: rule("cue-then", target),
                                      confidence: base)
            }
            // "CLAUSE, Graham told reporters on Thursday.": a tell cue's hearer sits between it and the end.
            // A sentence-final attribution reports the whole clause before it, a cue inside that clause included
            // ("Clinton had told police that ..., but the NYPD overruled that request, the source added"): it wins
            // the overlap with that cue's own content.
            let rest = c.frame == .tell ? hearerEnd(from: b, end: sEnd) : b
            if isPunct(left - 1, ","), endsAttribution(at: rest, end: sEnd), let target = backward(before: left) {
                return CueAttribution(cue: c.tokens, speaker: sp, target: target, rule: rule("then-cue", target),
                                      confidence: base + 0.05)
            }
            // "announced their support for ...", "reported her presence", "barely mentioned climate change": what
            // was said, named by its object. A cue whose object is often literal ("found", words.tsv literal)
            // reads so only after a person, organisation or document ("the poll shows Clinton ahead"), not "the
            // police found the keys".
            if c.frame == .speech || (c.frame == .that && (!has(a, .literal) || isPersonOrOrganization(sp)
                || isDocument(sp, cue: a))),
               let target = forward(from: b, frame: .object, end: sEnd, stopAtComma: relative) {
                return CueAttribution(cue: c.tokens, speaker: sp, target: target, rule: "reported.cue-object",
                                      confidence: 0.5)
            }
        }
        // "The bridge will reopen, said Hugh Hill.": a name after the cue, the clause before it.
        if isPunct(a - 1, ","), let sp = speakerRight(from: b, lastSpeaker: lastSpeaker),
           isCap[b] || has(b, .det) || has(b, .quantity) || has(b, .person) || has(b, .group),
           endsAttribution(at: sp.mention.upperBound, end: sEnd), let target = backward(before: a) {
            return CueAttribution(cue: c.tokens, speaker: sp, target: target, rule: rule("then-cue", target),
                                  confidence: base + 0.05)
        }
        return speakerless(c, end: sEnd)
    }

    /// An unlisted verb with a "that"-clause ("The group contends that ..."): an indirect quote only when the
    /// verb's subject sits right before it (adverbs and auxiliaries aside) and is a plausible source: a person or
    /// organisation, a pronoun resolved to one, or a source noun ("officials"). Low confidence, so any listed cue
    /// wins an overlap.
    func unlistedThatClause(_ c: CueMatch, lastSpeaker: SpeakerGuess?) -> CueAttribution? {
        guard let s = sentence(of: c.tokens.lowerBound),
              let sp = speakerLeft(of: c.tokens, lastSpeaker: lastSpeaker),
              plausibleSubject(sp, of: c.tokens.lowerBound),
              // A clause has a subject and a verb: "that" with one word before a comma is a determiner ("the NYPD
              // overruled that request, the source added").
              (c.tokens.upperBound + 1..<min(s.tokens.upperBound, c.tokens.upperBound + 3)).allSatisfy({ isWord[$0] }),
              let target = forward(from: c.tokens.upperBound, frame: .that, end: s.tokens.upperBound,
                                   stopAtComma: has(sp.mention.lowerBound, .relative))
        else { return nil }
        return CueAttribution(cue: c.tokens, speaker: sp, target: target, rule: rule("unlisted-that", target),
                              confidence: 0.45)
    }

    /// The phrase is the subject of the verb at `verb`: it ends right before it (only adverbs, auxiliaries and
    /// time words between, so "the environmental changes that" and "D.C. conduct standards that" are noun
    /// phrases, not a subject and its verb), and it names a source: a person or organisation mention, a pronoun
    /// (personal or relative) resolved to one, or a source noun ("officials", "a spokesman").
    private func plausibleSubject(_ sp: SpeakerGuess, of verb: Int) -> Bool {
        let m = sp.mention, lo = sentence(of: verb)?.tokens.lowerBound ?? 0
        // "Mark MacDougall, an attorney for Pagliano, stressed that": an aside before the verb, read by speakerLeft.
        let j = skipBackModifiers(from: verb - 1, floor: lo)
        guard let last = m.last, j == last || (isPunct(j, ",") && m.upperBound <= j) else { return false }
        // The object of a preposition is no subject: "(Unlike) many of the Patriot mines that Mr. Clarke acquired"
        // (the phrase read back may hold the preposition itself).
        if isPreposition(m.lowerBound) { return false }
        var k = m.lowerBound - 1
        while k >= lo, isWord[k], has(k, .det) || has(k, .quantity) { k -= 1 }
        if k >= lo, isWord[k], isPreposition(k) { return false }
        if has(last, .sourcehead) { return true }
        guard isPersonOrOrganization(sp) else { return false }
        return mentionOf[last] >= 0
            || (m.count == 1 && (has(last, .person) || has(last, .group) || has(last, .relative)))
    }

    /// A cue whose speaker is not written next to it ("questions about her health", "Stumpf, pressed, went on to
    /// admit that ...") still reports what follows it. The speaker is the sentence's subject when it has one
    /// (PolNeAR annotates such contents without a source otherwise). Lowest confidence, so any quote attributed
    /// by another rule wins an overlap.
    private func speakerless(_ c: CueMatch, end sEnd: Int) -> CueAttribution? {
        // Inside quoted text the speaker is the one quoted ("I said the war was over," she said).
        guard c.frame != .according, c.frame != .passive, c.frame != .noun,
              c.tokens.lowerBound < quotedText.count, !quotedText[c.tokens.lowerBound] else { return nil }
        // "CLAUSE, said one GOP source": a speech verb right after a comma reads backwards; what follows it is
        // the speaker, not what was said (the participle ", saying ..." is read as a participle before this).
        let a = c.tokens.lowerBound
        if c.frame == .speech || c.frame == .tell, isPunct(a - 1, ",") || isCloseMark(a - 1),
           !lower[a].hasSuffix("ing") { return nil }
        // A capitalised first word is a cue only as a participle or a speech verb ("Asked about ...", "Citing ...",
        // "Said Ellis: ..."); otherwise it is a noun or a name heading the subject ("Calls ...", "Support for NATO
        // has been ...", "Hope Hicks").
        if isCap[a], c.frame != .speech, c.frame != .tell, !lower[a].hasSuffix("ing"), !lower[a].hasSuffix("ed") {
            return nil
        }
        let frame: CueFrame = c.frame == .speech || c.frame == .tell || c.frame == .belief ? .speech
            : c.frame == .that ? .that : c.frame
        guard let target = forward(from: c.tokens.upperBound, frame: frame, end: sEnd), case .clause = target else {
            return nil
        }
        var sp: SpeakerGuess?
        if let s = sentence(of: c.tokens.lowerBound) {
            // The words right before the cue ("which now allows", "environmentalists worry"), else the subject.
            let lo = s.tokens.lowerBound
            let j = skipBackModifiers(from: c.tokens.lowerBound - 1, floor: lo)
            if j >= lo, isWord[j], quoteOf[j] < 0, !quotedText[j], has(j, .relative) || lower[j] == "that" {
                sp = SpeakerGuess(mention: j..<(j + 1), entity: nil, name: doc.tokens[j].text, how: .source)
            } else if j >= lo, isWord[j], quoteOf[j] < 0, cueAt[j] == nil, !has(j, .boundary),
                      let np = nounPhrase(endingAt: j, floor: lo), !isQuotedFirstPerson(np) {
                sp = resolve(np, lastSpeaker: nil)
            } else if lower[lo] != "there" {
                // "There are questions about ...": an expletive subject names no one.
                sp = sentenceSubject(lo..<c.tokens.lowerBound, lastSpeaker: nil)
            }
        }
        return CueAttribution(cue: c.tokens, speaker: sp, target: target, rule: QuoteExtractor.speakerlessRule,
                              confidence: 0.3)
    }

    /// A closing mark (or closing mark and comma) right before `t` that belongs to the same paragraph, and to the
    /// same sentence unless the quote ends in "?", "!" or "," (a splitter may cut after “Why?”).
    private func closingQuoteAttaches(before t: Int) -> Bool {
        var c = t - 1
        if isPunct(c, ",") && !isCloseMark(c) { c -= 1 }
        guard isCloseMark(c), t < lower.count, paragraph(ofToken: c) == paragraph(ofToken: t) else { return false }
        if sentenceOf[c] == sentenceOf[t] { return true }
        let last = directs[quoteOf[c]].inner.upperBound - 1
        return isPunct(last, "?!,")
    }

    /// The subject of a sentence up to `r.upperBound`: its first person or organisation mention outside quotes,
    /// else the phrase after an opening "In a statement," / "During the debate,".
    func sentenceSubject(_ r: Range<Int>, lastSpeaker: SpeakerGuess?) -> SpeakerGuess? {
        for t in r where mentionOf[t] >= 0 && quoteOf[t] < 0 {
            let m = doc.mentions[mentionOf[t]]
            if m.type == .person || m.type == .organization, m.tokens.upperBound <= r.upperBound {
                return resolve(m.tokens, lastSpeaker: lastSpeaker)
            }
        }
        var k = r.lowerBound
        if k < r.upperBound, isWord[k], has(k, .intro) {
            while k < r.upperBound, !isPunct(k, ",") { k += 1 }
            k += 1
        }
        guard k < r.upperBound, let np = nounPhrase(startingAt: k, ceiling: r.upperBound), !isQuotedFirstPerson(np)
        else { return nil }
        return resolve(np, lastSpeaker: lastSpeaker)
    }

    /// "demonstrators, who have taken to the streets and called for ...": the relative pronoun that opens the
    /// clause a coordinated cue belongs to (after the last comma before `t`), resolved to the phrase before it.
    private func relativeSubject(before t: Int, floor lo: Int, lastSpeaker: SpeakerGuess?) -> SpeakerGuess? {
        var k = t - 1
        while k > lo, !isPunct(k, ",;:"), quoteOf[k] < 0, cueAt[k] == nil { k -= 1 }
        guard k > lo, isPunct(k, ","), isWord[k + 1], has(k + 1, .relative),
              let np = nounPhrase(endingAt: k - 1, floor: lo) else { return nil }
        var g = resolve(np, lastSpeaker: lastSpeaker)
        g.mention = (k + 1)..<(k + 2)
        return g
    }

    /// "Trump's" / "the campaign's" / "his" right before a noun cue (an adjective may sit between).
    private func owner(before a: Int, lastSpeaker: SpeakerGuess?) -> SpeakerGuess? {
        guard let s = sentence(of: a) else { return nil }
        var k = a - 1
        if k > s.tokens.lowerBound, isWord[k], !has(k, .possessive), !isCap[k], quoteOf[k] < 0 { k -= 1 }
        guard k >= s.tokens.lowerBound, quoteOf[k] < 0 else { return nil }
        if has(k, .possessive) {
            var g = resolvePronoun(at: k, lastSpeaker: lastSpeaker)
            g.mention = k..<(k + 1)
            return g
        }
        guard lower[k] == "’s" || lower[k] == "'s", let np = nounPhrase(endingAt: k - 1, floor: s.tokens.lowerBound)
        else { return nil }
        return resolve(np.lowerBound..<(k + 1), lastSpeaker: lastSpeaker)
    }

    /// The speaker phrase before a cue; failing that, when the sentence up to the cue is one plain subject
    /// ("Experts on North Korea and nuclear nonproliferation said ..."), its head phrase.
    private func speakerBefore(_ cue: Range<Int>, lastSpeaker: SpeakerGuess?) -> SpeakerGuess? {
        if let sp = speakerLeft(of: cue, lastSpeaker: lastSpeaker) { return sp }
        guard let s = sentence(of: cue.lowerBound) else { return nil }
        let left = s.tokens.lowerBound..<cue.lowerBound
        // "Lopez was criticised": a passive cue's subject is no speaker.
        guard left.count >= 2, left.count <= 14, isCap[left.lowerBound],
              !has(cue.lowerBound - 1, .boundary),
              left.allSatisfy({ (isWord[$0] || isPunct($0, ".-’'")) && cueAt[$0] == nil && quoteOf[$0] < 0
                  && !has($0, .relative) && !has($0, .subject) && lower[$0] != "that" })
        else { return nil }
        return sentenceSubject(left, lastSpeaker: lastSpeaker)
    }

    private func isPersonOrOrganization(_ sp: SpeakerGuess) -> Bool {
        guard let e = sp.entity, e < doc.entities.count else { return false }
        return doc.entities[e].type == .person || doc.entities[e].type == .organization
    }

    /// A document-like word heads the speaker or sits between it and the cue ("an analysis of new filings shows").
    private func isDocument(_ sp: SpeakerGuess, cue: Int) -> Bool {
        (sp.mention.lowerBound..<max(sp.mention.upperBound, cue)).contains {
            isWord[$0] && quoteOf[$0] < 0 && has($0, .document)
        }
    }

    private func wordAt(_ t: Int) -> Bool { t >= 0 && t < isWord.count && isWord[t] }

    private func rule(_ pattern: String, _ target: CueAttribution.Target) -> String {
        switch target {
        case .direct: return "direct.\(pattern)"
        case .clause: return "reported.\(pattern)"
        }
    }

    /// Where the speaker phrase starts; for "Trump, who said", the comma before the relative pronoun, so the
    /// words before it are never read as reported content.
    private func leftEdge(of sp: SpeakerGuess, cue: Int) -> Int {
        let l = sp.mention.lowerBound
        return has(l, .relative) ? max(0, l - 1) : l
    }

    /// True when nothing but a time or place phrase follows before the sentence (or clause) ends.
    private func endsAttribution(at t: Int, end: Int) -> Bool {
        var k = t
        while k < end, isWord[k], has(k, .time) || has(k, .timeprep) || has(k, .skip) {
            k += 1
        }
        if k >= end || isPunct(k, ".!?;") { return true }
        if isPunct(k, ","), k + 1 < cueAt.count, cueAt[k + 1]?.isParticiple == true { return true }
        if isWord[k], has(k, .venueprep) { return true }
        if isPunct(k, ",") { return true }
        return false
    }

    /// What an object or infinitive cue reports: "called [Trump a liar]", "called for [new tariffs]", "urged
    /// [voters to stay home]", "wants [to cut taxes]": from the cue to the end of its clause. An infinitive cue
    /// needs "to" within a short object; an object cue needs two words that open no other phrase.
    private func forwardObject(from start: Int, frame: CueFrame, end sEnd: Int,
                               stopAtComma: Bool = false) -> CueAttribution.Target? {
        let k = skipTime(start, end: sEnd)
        guard k < sEnd, isWord[k] || isOpenMark(k) else { return nil }
        if frame == .infinitive {
            var j = k
            while j < sEnd, j - k < 7, lower[j] != "to", lower[j] != "that", isWord[j] || isJoiner(j),
                  cueAt[j] == nil { j += 1 }
            guard j + 1 < sEnd, lower[j] == "to", isWord[j + 1] || isOpenMark(j + 1) else { return nil }
        } else if !isOpenMark(k) {
            // "rejected that argument in a ruling": "that" as a determiner opens the object, not a clause. The noun
            // may itself be a noun cue ("denied that claim", "rejected that argument"): a statement named by its noun.
            let determiner = lower[k] == "that" && k + 2 < sEnd && isWord[k + 1] && !has(k + 1, .subject)
                && !isCap[k + 1] && (cueAt[k + 1] == nil || cueAt[k + 1]!.frame == .noun)
                && (!isWord[k + 2] || has(k + 2, .venueprep) || lower[k + 2] == "and" || has(k + 2, .time))
            if has(k, .nostart) || (lower[k] == "that" && !determiner) || cueAt[k] != nil {
                return nil
            }
            if Self.nonClauseStarts.contains(lower[k]) { return nil }
        }
        var e = clauseEnd(from: k, sentenceEnd: sEnd, stopAtComma: stopAtComma)
        // The content ends before a subordinate clause ("... when he ran in 2008"), outside quote marks.
        // So does an aside on the object (", who has not been charged") or a contrast ("but has been met with").
        if let stop = (k + 2..<max(k + 2, e)).first(where: { isWord[$0] && quoteOf[$0] < 0
            && (has($0, .clausestop) || lower[$0] == "but"
                || (isPunct($0 - 1, ",") && has($0, .relative))) }) {
            e = stop
            while e > k, isPunct(e - 1, ",;:—-―") { e -= 1 }
        }
        // The object of an object cue ends before a phrase that says where, when or how it was said ("attacked
        // Machado in early-morning tweets", "denounced the annexation in an on-air diatribe", "rejected the claim in
        // a statement": words.tsv medium) and before a comma
        // that opens the writer's next clause ("wrote his book, Mr. McKinley said ...").
        if frame == .object, let stop = (k + 1..<max(k + 1, e)).first(where: { quoteOf[$0] < 0 && (
            (isWord[$0] && has($0, .objectstop))
                || (isWord[$0] && (lower[$0] == "in" || lower[$0] == "on")
                    && ($0 + 1..<min(e, $0 + 4)).contains { isWord[$0] && has($0, .medium) })
                || (isPunct($0, ",") && $0 + 1 < e && isWord[$0 + 1] && (has($0 + 1, .subject)
                    || (isCap[$0 + 1] && ($0 + 2..<min(e, $0 + 8)).contains { cueAt[$0] != nil })))) }) {
            e = stop
        }
        // A second verb phrase joined by "and" is what the speaker did next, not more of the object ("championed
        // gay rights and extended benefits", "promised a veto and attempted to ..."); a participle with its agent
        // ("found the charges unsubstantiated and fabricated by ...") still describes the object.
        if let stop = (k + 2..<max(k + 2, e)).first(where: { lower[$0] == "and" && quoteOf[$0] < 0
            && wordAt($0 + 1) && quoteOf[$0 + 1] < 0 && lower[$0 + 1].hasSuffix("ed")
            && wordAt($0 + 2) && lower[$0 + 2] != "by" }) {
            e = stop
        }
        // Nor is a time phrase right after the object, nor what follows it: when or how it was said ("called
        // Clinton a “disgrace” Wednesday on a radio show", "offered advice to Clinton on Friday in the debates").
        // Only a capitalised time word (a weekday) or one after a time preposition counts, not "a year" ("cut taxes
        // by 2 percent a year"), nor one inside a noun phrase ("the moderator of Monday night's debate"); not in a
        // clause of the object's own ("make clear earlier Friday that"), nor before quoted words that complete the
        // object ("called his remarks on Saturday “a wake-up call”").
        if let stop = (k + 2..<max(k + 2, e)).first(where: { isWord[$0] && has($0, .time)
            && (isCap[$0] || has($0 - 1, .timeprep)) }) {
            var after = stop
            while after < e, isWord[after], has(after, .time) { after += 1 }
            // "her Sunday morning health crisis", "statements by Trump last week that ...": the time phrase
            // belongs to a noun.
            let nounTime = after < e && (lower[after] == "’s" || lower[after] == "'s" || lower[after] == "that")
                || has(stop - 1, .det) || has(stop - 1, .possessive)
            let clause = (k..<stop).contains { isPunct($0, ",;:") || lower[$0] == "that" || cueAt[$0] != nil }
            let quotedAfter = (stop..<e).contains { quoteOf[$0] >= 0 }
            if !nounTime, !clause, !quotedAfter {
                e = has(stop - 1, .timeprep) && stop - 1 > k ? stop - 1 : stop
            }
        }
        // A trailing time phrase is not what was said ("called the office on Monday").
        var t = e
        while t > k, isWord[t - 1], has(t - 1, .time) { t -= 1 }
        if t < e, t > k, has(t - 1, .timeprep) { t -= 1 }
        if t < e { e = t }
        // A bare determiner and noun is too little to tell "called the office" (a phone call) from "called Trump
        // a liar"; quoted words always count.
        let words = wordCount(k..<e)
        let quoted = (k..<e).contains { quoteOf[$0] >= 0 }
        let bare = words == 2 && has(k, .det)
        if (words >= 2 && !bare) || (quoted && words >= 1) { return .clause(k..<e) }
        // Other cues report a name or a bare noun too ("endorses Trump", "support the regulations"), unless what
        // they do is often literal (words.tsv thinobject: "called the office", "cited it").
        let cue = (max(0, start - 4)..<start).last { cueAt[$0] != nil && cueAt[$0]!.tokens.upperBound == start }
        guard let cue, !has(cue, .thinobject), frame == .object else { return nil }
        return bare || (words == 1 && isCap[k] && !has(k, .group)) ? .clause(k..<e) : nil
    }

    /// Possessive 's and hyphens inside an object phrase.
    private func isJoiner(_ t: Int) -> Bool {
        let w = lower[t]
        return w == "’s" || w == "'s" || w == "-"
    }

    /// The reported clause or direct quote after a cue, or nil when none starts there.
    func forward(from start: Int, frame: CueFrame, end sEnd: Int, stopAtComma: Bool = false) -> CueAttribution.Target? {
        if frame.readsForwardOnly {
            return forwardObject(from: start, frame: frame, end: sEnd, stopAtComma: stopAtComma)
        }
        let n = lower.count
        var k = start
        guard k < n else { return nil }
        if frame == .tell { k = skipHearer(k, end: sEnd) }
        k = skipTime(k, end: sEnd)
        // "learned again during the debate that ...": an adverb before a venue phrase or "that".
        if k + 1 < sEnd, isWord[k], has(k, .skip) || lower[k].hasSuffix("ly"), quoteOf[k] < 0, isWord[k + 1],
           lower[k + 1] == "that" || has(k + 1, .venueprep) || lower[k + 1] == "of" {
            k += 1
        }
        // "cautioned, as did the campaign itself, that ...": an aside between commas before "that".
        if isPunct(k, ","), k + 2 < sEnd,
           let c = (k + 2..<min(sEnd, k + 14)).first(where: { isPunct($0, ",;:") || isOpenMark($0) }),
           isPunct(c, ","), c + 1 < sEnd, lower[c + 1] == "that", !(k + 1..<c).contains(where: { cueAt[$0] != nil }) {
            k = c + 1
        }
        // "said of Clinton: “...”", "said of the plan that ...": what the speaker talked about, then what was said.
        if k < sEnd, isWord[k], has(k, .venueprep) || lower[k] == "of" {
            // "said in a statement that ..." / "said at a rally, “...”".
            var j = k + 1
            while j < sEnd, j - k < 12, !isPunct(j, ",:"), !isOpenMark(j), lower[j] != "that",
                  !has(j, .subject) { j += 1 }
            // "said after the convention he would ...": the clause opens with a subject pronoun.
            if j < sEnd, has(j, .subject) {
                k = j
            } else {
                guard j < sEnd, lower[j] == "that" || isPunct(j, ",:") else { return nil }
                k = lower[j] == "that" ? j : j + 1
            }
        }
        while k < n, isPunct(k, ",:") { k += 1 }
        guard k < n else { return nil }
        // "Mook said as much in an interview", "He doesn't think so.": what was said, named by a pro-form.
        if k + 1 < sEnd, lower[k] == "as", lower[k + 1] == "much" { return .clause(k..<(k + 2)) }
        if k < sEnd, lower[k] == "so", k + 1 >= sEnd || isPunct(k + 1, ".,;!?") { return .clause(k..<(k + 1)) }
        // "Trump responded by using the example of Chicago to prove ...": how he answered is what he said.
        if frame == .speech, k + 1 < sEnd, lower[k] == "by", isWord[k + 1], lower[k + 1].count > 4,
           lower[k + 1].hasSuffix("ing"), quoteOf[k + 1] < 0 {
            let e = clauseEnd(from: k + 1, sentenceEnd: sEnd)
            if wordCount(k..<e) >= 3 { return .clause(k..<e) }
        }
        // "said to reporters that ...": a hearer after "to" when "that" follows.
        // Not an infinitive ("asked to describe the device that caused it"): the hearer is a name or a noun phrase.
        if frame == .speech, lower[k] == "to", k + 1 < sEnd, isWord[k + 1],
           isCap[k + 1] || has(k + 1, .object) || has(k + 1, .det) {
            let h = skipHearer(k + 1, end: sEnd)
            if h < sEnd, lower[h] == "that" { k = h }
        }
        if frame == .that && lower[k] != "that" && !isOpenMark(k) { return nil }
        // "said no decision had been made" is a clause; "said no", "said no to" are not.
        let answer = (lower[k] == "no" || lower[k] == "yes") && wordAt(k + 1) && lower[k + 1] != "to"
        // The complementizer belongs to the content ("said [that the plan failed]"), as PolNeAR and PARC
        // annotate it; the clause itself is read after it.
        var first: Int?
        // "He said that would permit ...": "that" before a verb is the clause's subject, not a complementizer.
        let demonstrative = k + 1 < sEnd && isWord[k + 1] && has(k + 1, .nostart) && lower[k + 1] != "and"
            && lower[k + 1] != "or" && lower[k + 1] != "but"
        if lower[k] == "that", !isPunct(k + 1, ".,"), !demonstrative {
            first = k
            k += 1
        }
        guard k < n else { return nil }
        if isOpenMark(k) {
            let q = quoteOf[k]
            let close = directs[q].closeToken
            if clauseContinues(after: close) {
                let e = clauseEnd(from: k, sentenceEnd: max(sEnd, close + 1))
                return e - k >= 3 ? .clause((first ?? k)..<e) : nil
            }
            return .direct(q)
        }
        // "The governor added:" closing its paragraph, and the next paragraph set as a block quote without marks.
        if k >= sEnd, frame != .passive, let block = blockAfterColon(k) { return .clause(block) }
        // The clause must start in the cue's sentence (a colon may hand over to the next paragraph's quote).
        // A clause never opens with another cue ("the campaign-finance reports shows ...": "reports" is no cue).
        guard k < sEnd, isWord[k], cueAt[k] == nil, !has(k, .nostart),
              !Self.nonClauseStarts.contains(lower[k]) || answer || (k > start && lower[k - 1] == "that")
        else { return nil }
        // A time phrase right after the cue was skipped above: "this", "last" here open the clause ("said this
        // issue will be moot").
        if frame == .passive { return nil }
        let e = clauseEnd(from: k, sentenceEnd: sEnd, stopAtComma: stopAtComma)
        let words = wordCount(k..<e)
        return words >= 3 ? .clause((first ?? k)..<e) : nil
    }

    /// The subject of a passive ending right before the cue at `a`: "[The plan] has been (widely) endorsed".
    private func passiveSubject(before a: Int, floor lo: Int) -> Range<Int>? {
        var j = a - 1
        while j >= lo, isWord[j], !has(j, .copula), has(j, .skip) || lower[j].hasSuffix("ly") || lower[j] == "first" {
            j -= 1
        }
        guard j > lo, isWord[j], has(j, .copula), lower[j] != "’s", lower[j] != "'s" else { return nil }
        j -= 1
        while j >= lo, isWord[j], has(j, .skip) { j -= 1 }
        guard j >= lo, isWord[j], !has(j, .relative), lower[j] != "that", cueAt[j] == nil,
              let np = nounPhrase(endingAt: j, floor: lo) else { return nil }
        return np
    }

    /// The paragraph starting at token `k` when a colon ends the paragraph before it and `k` opens no quote: a block
    /// quotation, set off without marks ("Limbaugh added:" / "And from a supposed front-runner ...").
    private func blockAfterColon(_ k: Int) -> Range<Int>? {
        guard k > 0, k < lower.count, isPunct(k - 1, ":"), isWord[k], quoteOf[k] < 0, !isStrayOpener(k - 1),
              let s = sentence(of: k), s.tokens.lowerBound == k else { return nil }
        let p = paragraph(ofToken: k)
        guard p == paragraph(ofToken: k - 1) + 1, p < doc.paragraphs.count, !doc.paragraphs[p].isBoilerplate,
              !doc.paragraphs[p].isHeading, doc.sentences[doc.paragraphs[p].sentences.lowerBound].tokens.lowerBound == k
        else { return nil }
        var e = doc.sentences[doc.paragraphs[p].sentences.upperBound - 1].tokens.upperBound
        while e > k, isPunct(e - 1, ".,;:!?") { e -= 1 }
        return wordCount(k..<e) >= 3 ? k..<e : nil
    }

    /// The direct quote or clause that ends just before `left` (a comma or a closing mark).
    func backward(before left: Int) -> CueAttribution.Target? {
        var e = left - 1
        if isPunct(e, ",") && !isCloseMark(e) { e -= 1 }
        if isCloseMark(e) {
            let q = quoteOf[e]
            let open = directs[q].openToken
            let sStart = sentence(of: open)?.tokens.lowerBound ?? open
            // Words before the opener that belong to an earlier quote and its attribution (“A,” X said, “B,” she
            // added) do not make B partial.
            var from = sStart
            if let c = (sStart..<open).last(where: { isCloseMark($0) }),
               (c + 1..<open).contains(where: { cueAt[$0] != nil }) {
                from = open
            }
            let before = (from..<open).filter { isWord[$0] }
            // Words before the opener in its sentence: a partial quote inside a longer clause ("It is “reckless,”").
            if !before.isEmpty, !directs[q].inner.contains(where: { isPunct($0, ".?!") }) {
                let s = trimLeading(sStart, end: e + 1)
                // 'In an interview on “Face the Nation,” Ryan said ...': quoted words closing an opening phrase
                // (a title in a where/when phrase) are no content; the cue reads forward instead.
                if s < open, isWord[s], has(s, .intro), !(s..<open).contains(where: { isPunct($0, ",;:") }) {
                    return nil
                }
                return .clause(s..<(e + 1))
            }
            return .direct(q)
        }
        guard e >= 0, let s = sentence(of: e) else { return nil }
        var start = s.tokens.lowerBound
        // A quote that opened in an earlier sentence (a split inside the marks) pulls the start back.
        for t in start...e where quoteOf[t] >= 0 && directs[quoteOf[t]].openToken < start {
            start = directs[quoteOf[t]].openToken
            break
        }
        start = trimLeading(start, end: e + 1)
        let words = wordCount(start..<(e + 1))
        return words >= 3 ? .clause(start..<(e + 1)) : nil
    }

    private func trimLeading(_ s: Int, end: Int) -> Int {
        var k = s
        while k < end, (isWord[k] && has(k, .leading)) || isPunct(k, ",") || isStrayOpener(k) { k += 1 }
        return k
    }

    /// True when words follow a closing mark before the sentence ends ("said “both options” are considered").
    private func clauseContinues(after close: Int) -> Bool {
        let k = close + 1
        guard k < lower.count, sentenceOf[k] == sentenceOf[close] else { return false }
        return isWord[k] && cueAt[k] == nil
    }

    /// The end (exclusive) of a reported clause: the sentence end without its final punctuation, or an earlier
    /// ", adding ..." / ", according to ..." that starts another attribution. Quotes are never cut.
    func clauseEnd(from k: Int, sentenceEnd: Int, stopAtComma: Bool = false) -> Int {
        var t = k, end = sentenceEnd
        while t < end {
            if isOpenMark(t) {
                let close = directs[quoteOf[t]].closeToken
                if close >= end, let s = sentence(of: close) { end = s.tokens.upperBound }
                t = close + 1
                // American style puts the comma inside the marks ("promising “jobs, jobs, jobs,” but he has also
                // ..."): the writer's next clause after it ends the reported clause as after a bare comma.
                if isPunct(close - 1, ","), commaEndsClause(before: t, end: end)
                    || (t < end && cueAt[t].map { $0.isParticiple || $0.frame == .according } == true) { break }
                continue
            }
            if stopAtComma, isPunct(t, ",") { break }
            // A semicolon closes the reported clause.
            if isPunct(t, ";") { break }
            // The writer's aside after the reported clause is not what was said: a spaced dash ("... ― as was
            // true for ...", "... — a metaphor for ...") or a comma and an -ing phrase (", implicitly putting his
            // name on the line", ", contradicting the police").
            // Only punctuation is tested here: a word-class lookup for every word would slow every clause scan.
            if t > k + 2, !isWord[t], isWord[t - 1] || isCloseMark(t - 1) || isPunct(t - 1, ",") {
                // A dash before a quote introduces it, and a pair of dashes sets off a parenthesis inside the
                // clause ("flowed through -- and was sometimes set back by -- landmark rulings").
                if has(t, .asidedash), !isOpenMark(t + 1),
                   !(t + 1..<end).contains(where: { !isWord[$0] && has($0, .asidedash) }) { break }
                if isPunct(t, ","), asideParticiple(at: t + 1, end: end) { break }
                // ", and the downgrade is casting ...", ", although he again refused ...": the writer goes on.
                // Unless the next clause quotes the speaker's words with no cue of its own before them (", but she
                // knows that “LeBron will always be the king.”"): the marks show it is still what was said.
                if isPunct(t, ","), t + 1 < end, isWord[t + 1], quoteOf[t + 1] < 0, has(t + 1, .clausejoin),
                   !(t + 2 < end && lower[t + 2] == "that"), !quotedBeforeCue(from: t + 2, end: end) {
                    break
                }
            }
            if isPunct(t, ","), t + 1 < end, let next = cueAt[t + 1],
               next.isParticiple || next.frame == .according {
                break
            }
            // "... and said B": a coordinated cue starts the next attribution; so does "..., but he said B".
            if t > k, lower[t] == "and" || lower[t] == "but" || lower[t] == "or" {
                var c = t + 1
                while c < end, isWord[c], has(c, .skip) { c += 1 }
                if c < end, let cue = cueAt[c], cue.tokens.upperBound < end,
                   !Self.nonClauseStarts.contains(lower[cue.tokens.upperBound]) { break }
                if c + 1 < end, has(c, .person) || has(c, .group) {
                    var e2 = c + 1
                    while e2 < end, isWord[e2], has(e2, .skip) { e2 += 1 }
                    if e2 < end, cueAt[e2] != nil { break }
                }
            }

            t += 1
        }
        var e = min(t, end)
        while e > k, isPunct(e - 1, ".,;:!?—-") { e -= 1 }
        return e
    }

    /// A quote mark opens between `t` and `end` before any cue does.
    private func quotedBeforeCue(from t: Int, end: Int) -> Bool {
        var k = t
        while k < end {
            if isOpenMark(k) { return true }
            if cueAt[k] != nil { return false }
            k += 1
        }
        return false
    }

    /// True when the words from `t` on, right after a comma, start the writer's own next clause: a joining
    /// conjunction (", but he has also ...") or an aside participle (", contradicting the police").
    private func commaEndsClause(before t: Int, end: Int) -> Bool {
        guard t < end, isWord[t], quoteOf[t] < 0 else { return false }
        if has(t, .clausejoin) { return !(t + 1 < end && lower[t + 1] == "that") }
        return asideParticiple(at: t, end: end)
    }

    /// An -ing word (after an optional -ly adverb) that opens a participle phrase, not a cue ("adding" starts the
    /// next attribution anyway) nor a preposition-like word ("including", "regarding").
    private func asideParticiple(at t: Int, end: Int) -> Bool {
        var k = t
        if k + 1 < end, isWord[k], lower[k].hasSuffix("ly"), quoteOf[k] < 0 { k += 1 }
        guard k < end, isWord[k], quoteOf[k] < 0, lower[k].count > 4, lower[k].hasSuffix("ing"),
              !has(k, .notaside) else { return false }
        return true
    }

    private func skipTime(_ start: Int, end: Int) -> Int {
        var k = start
        while k < end, isWord[k] {
            // "called Friday's decision a win": a possessive time word opens the object.
            if k + 1 < end, lower[k + 1] == "’s" || lower[k + 1] == "'s" { break }
            if has(k, .time) { k += 1; continue }
            if has(k, .timeprep), k + 1 < end, has(k + 1, .time) { k += 2; continue }
            break
        }
        return k
    }

    /// The end of the hearer phrase after a tell cue that closes its sentence ("told [reporters]",
    /// "told [The Huffington Post] on Thursday"); `start` when no phrase opens there.
    private func hearerEnd(from start: Int, end: Int) -> Int {
        guard start < end, isWord[start] else { return start }
        if has(start, .object), !has(start, .det) { return start + 1 }
        return nounPhrase(startingAt: start, ceiling: end)?.upperBound ?? start
    }

    /// How far "that" may follow a tell cue and still open its clause: a hearer with a long modifier ("told one
    /// of his young aides at the city office on a regular basis that ...") runs to 14 tokens; further on, a
    /// "that" is more often another clause's.
    private static let maxHearerTokens = 14

    /// "told reporters that", "told CNN on Monday the plan": steps over the hearer of a tell-type cue.
    private func skipHearer(_ start: Int, end: Int) -> Int {
        var j = start
        while j < end, j - start < Self.maxHearerTokens, !isPunct(j, ".,;:!?"), lower[j] != "that" { j += 1 }
        if j < end, lower[j] == "that" { return j }
        guard start < end, isWord[start] else { return start }
        if has(start, .object) && !has(start, .det) { return start + 1 }
        if let np = nounPhrase(startingAt: start, ceiling: end), isCap[start] || has(start, .det) {
            return np.upperBound
        }
        return start
    }
}

