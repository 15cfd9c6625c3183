// Reads the text around one cue for its speaker: before the cue, after it, or inherited by an -ing form, with the
// rule that decided; what was said (the quote or reported clause beside the cue) is found in CueContent.swift, and
// a cue with no speaker written beside it is read in SpeakerlessCues.swift.

/// What one cue attributes, and the rule that decided it.
struct CueAttribution: Sendable, Equatable {
    enum Target: Sendable, Equatable {
        /// A direct quote (index into QuoteContext.directs).
        case direct(Int)
        /// A reported clause (tokens); quote marks inside make it a mixed quote.
        case clause(Range<Int>)

        var isDirect: Bool { if case .direct = self { return true } else { return false } }
    }
    var cue: Range<Int>
    var speaker: SpeakerGuess?
    var target: Target
    var rule: String
    var confidence: Double
    /// An attribution set inside the reported clause, its commas included ("The park[, Lopez said,] is full"):
    /// the quote's parts leave it out, as they do a split quote's.
    var inset: Range<Int>? = nil
}

extension QuoteContext {
    /// First words that show what follows a cue is no reported clause ("said to be", "told him about").
    static let nonClauseStarts: Set<String> = ["to", "of", "about", "for", "with", "by", "in", "on", "at",
                                                       "while", "during", "as", "after", "before", "so", "no", "yes",
                                                       "goodbye", "hello", "nothing", "something", "anything", "from", "into",
                                                       "up", "out", "like"]

    /// A preposition whose object is never the subject of the verb after it (plausibleSubject): words.tsv
    /// classes venueprep and preposition.
    func isPreposition(_ t: Int) -> Bool {
        wordClasses[t] & (QuoteWordClass.venueprep.bit | QuoteWordClass.preposition.bit) != 0
    }

    private func endsInPerson(_ phrase: Range<Int>) -> Bool {
        let m = mentionOf[phrase.upperBound - 1]
        return m >= 0 && doc.mentions[m].type == .person
    }

    func attribute(_ c: CueMatch, previous: CueAttribution?, lastSpeaker: SpeakerGuess?) -> CueAttribution? {
        guard let s = sentence(of: c.tokens.lowerBound) else { return nil }
        let a = c.tokens.lowerBound, b = c.tokens.upperBound
        let sEnd = s.tokens.upperBound

        if c.frame == .according { return accordingTo(c, sentence: s, lastSpeaker: lastSpeaker) }

        if c.unlisted { return unlistedThatClause(c, lastSpeaker: lastSpeaker) }

        // "The minister denied claims that ...", "Shares fell amid reports that ...": the cue is a plural noun
        // whose speakers are not written; the verb's subject is not one of them.
        // Such a noun reports only a that-clause ("over comments he made" is a relative clause) and, as an object
        // or infinitive cue, what it takes ("rejected calls for an inquiry"); "claims from Michael Howard that
        // ..." writes who made them.
        if isPluralNounCue(c, sentenceStart: s.tokens.lowerBound) {
            var from = b, sp: SpeakerGuess?
            let target: CueAttribution.Target?
            if c.frame == .that || c.frame == .belief {
                if b + 2 < sEnd, lower[b] == "from" || lower[b] == "by", canStartSubject(b + 1),
                   let that = (b + 2..<min(sEnd, b + 12)).first(where: { !isWord[$0] || lower[$0] == "that" }),
                   lower[that] == "that", let np = validPhrase((b + 1)..<that) {
                    sp = resolve(np, lastSpeaker: lastSpeaker)
                    from = that
                }
                target = from < sEnd && lower[from] == "that" ? forward(from: from, frame: .that, end: sEnd) : nil
            } else {
                target = (c.infinitive ? forward(from: b, frame: .infinitive, end: sEnd) : nil)
                    ?? forward(from: b, frame: c.frame, end: sEnd)
            }
            guard let target, !target.isDirect else { return nil }
            return CueAttribution(cue: c.tokens, speaker: sp, target: target,
                                  rule: sp == nil ? QuoteExtractor.speakerlessRule : rule("noun-from", target),
                                  confidence: sp == nil ? 0.3 : 0.6)
        }

        // "Said Wales assistant coach Scott Johnson: “...”", "Said the Pew report: “...”": a speech verb opening its
        // sentence, then who spoke and a colon: an inverted attribution of the quote.
        if c.frame == .speech, a == trimLeading(s.tokens.lowerBound, end: a),
           let (q, phrase) = quoteAfterColonPhrase(from: b, end: sEnd),
           let sp = speakerRight(from: b, lastSpeaker: lastSpeaker), sp.mention.upperBound == phrase.upperBound,
           sp.entity != nil || canSpeak(sp.mention) {
            return CueAttribution(cue: c.tokens, speaker: sp, target: .direct(q),
                                  rule: "direct.cue-then", confidence: 0.8)
        }

        // "Reuters news agency reports a union source as saying": the cue after "as" reports, for the one quoted.
        if Self.quotingVerbs.contains(lower[b - 1]), quotedSpeaker(after: b - 1, end: sEnd) != nil { return nil }

        // "The plan was endorsed by the mayor", "The story was first reported by the Post": a passive cue with its
        // agent; the passive's subject is what was said, the agent who said it. A person as the subject with an
        // infinitive after the agent was spoken to: what was said is the infinitive ("IMF boss Rodrigo Rato was
        // asked by G7 ministers to carry out a study").
        if c.frame != .belief, c.frame != .noun, c.frame != .passive, c.frame != .infinitive, b + 1 < sEnd,
           lower[b] == "by", let subject = passiveSubject(before: a, floor: s.tokens.lowerBound),
           // "The question to be asked in the referendum ... has been unveiled by": a phrase after a preposition
           // is the tail of a longer subject this reading cannot bound.
           subject.lowerBound == s.tokens.lowerBound || !isPreposition(subject.lowerBound - 1),
           !(subject.count == 1 && (has(subject.lowerBound, .person) || has(subject.lowerBound, .group))),
           let sp = speakerRight(from: b + 1, lastSpeaker: lastSpeaker) {
            // "..., Mr Blake's murder trial was told by criminalist Steven Dowell.": the subject of a passive tell
            // is who heard it; what was said is the clause before it.
            if c.frame == .tell, !endsInPerson(subject) {
                guard subject.lowerBound > s.tokens.lowerBound, isPunct(subject.lowerBound - 1, ","),
                      let target = backward(before: subject.lowerBound) else { return nil }
                return CueAttribution(cue: c.tokens, speaker: sp, target: target, rule: rule("passive-by", target),
                                      confidence: 0.55)
            }
            // The agent's phrase may run on past the name the speaker resolved to ("by G7 ministers to").
            var to = sp.mention.upperBound
            while to < sEnd, to - sp.mention.upperBound < 3, isWord[to], lower[to] != "to", cueAt[to] == nil {
                to += 1
            }
            guard endsInPerson(subject), to + 1 < sEnd, lower[to] == "to", isWord[to + 1] else {
                return CueAttribution(cue: c.tokens, speaker: sp, target: .clause(subject),
                                      rule: "reported.passive-by", confidence: 0.55)
            }
            let e = clauseEnd(from: to, sentenceEnd: sEnd)
            return e > to + 1 ? CueAttribution(cue: c.tokens, speaker: sp, target: .clause(to..<e),
                                               rule: "reported.passive-by", confidence: 0.55) : nil
        }
        // "a record penalty imposed by the bureau", "a view echoed by everyone I interviewed": a past participle
        // right after its noun, with its agent, is a passive without "be" (a reduced relative); the noun phrase
        // is what was said, the agent who said it.
        if c.frame != .belief, c.frame != .noun, c.frame != .passive, c.frame != .infinitive, c.tokens.count == 1,
           b + 1 < sEnd, lower[b] == "by", lower[a].hasUTF8Suffix("ed"),
           let head = reducedRelativeHead(before: a, floor: s.tokens.lowerBound), plausibleAgent(at: b + 1),
           let sp = speakerRight(from: b + 1, lastSpeaker: lastSpeaker) {
            return CueAttribution(cue: c.tokens, speaker: sp, target: .clause(head), rule: "reported.reduced-by",
                                  confidence: 0.5)
        }
        // "The plan, announced by the mayor on Monday, would cut taxes": a reduced relative set off by commas after
        // the noun phrase that opens the sentence.
        if c.frame != .belief, c.frame != .noun, c.frame != .passive, c.frame != .infinitive, c.tokens.count == 1,
           b + 1 < sEnd, lower[b] == "by", lower[a].hasUTF8Suffix("ed"), a - 2 > s.tokens.lowerBound,
           isPunct(a - 1, ","),
           quoteOf[a - 1] < 0, let head = reducedRelativeHead(before: a - 1, floor: s.tokens.lowerBound),
           head.lowerBound == trimLeading(s.tokens.lowerBound, end: a), plausibleAgent(at: b + 1),
           let sp = speakerRight(from: b + 1, lastSpeaker: lastSpeaker) {
            return CueAttribution(cue: c.tokens, speaker: sp, target: .clause(head), rule: "reported.reduced-by",
                                  confidence: 0.5)
        }

        // "a series of injections intended to calm her", "the cash offered to Central America": a past participle
        // after the object of a preposition, with no object of its own, is a reduced relative without an agent: it
        // says what was done to that noun, and no one is reported.
        if c.frame != .noun, c.frame != .passive, c.tokens.count == 1, lower[a].hasUTF8Suffix("ed"),
           modifiesPrepositionalObject(participle: a, floor: s.tokens.lowerBound, end: sEnd) {
            return nil
        }
        // "Peacekeepers have been blamed for introducing cholera", "Turnout is expected to rise": a passive without
        // its agent says what someone (unnamed) said of the subject; the content runs from the subject to the end
        // of the clause.
        if c.frame != .noun, c.frame != .passive, c.frame != .according, has(a, .passivecue), b < sEnd,
           lower[b] != "by", isWord[b], let subject = passiveSubject(before: a, floor: s.tokens.lowerBound) {
            let e = clauseEnd(from: b, sentenceEnd: sEnd, stopAtComma: inOpeningClause(a))
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
        let afterPreposition = lower[a].hasUTF8Suffix("ing") && a - 1 >= s.tokens.lowerBound
            && (has(a - 1, .venueprep) || lower[a - 1] == "for" || lower[a - 1] == "by")
        let gerund = afterPreposition && a - 1 > s.tokens.lowerBound
        // "In offering an analysis of the race, a pollster told ...": a gerund opening the sentence after a
        // preposition reports up to its comma, and its speaker is the subject after that comma.
        if afterPreposition, a - 1 == s.tokens.lowerBound,
           let comma = (b..<sEnd).first(where: { isPunct($0, ",") && quoteOf[$0] < 0 }) {
            guard let sp = speakerRight(from: comma + 1, lastSpeaker: lastSpeaker),
                  let target = (c.infinitive ? forward(from: b, frame: .infinitive, end: comma) : nil)
                    ?? forward(from: b, frame: c.frame, end: comma) else { return nil }
            return CueAttribution(cue: c.tokens, speaker: sp, target: target, rule: rule("gerund", target),
                                  confidence: 0.7)
        }
        if c.isParticiple || coordinated || gerund {
            // ", adding (that) ...": the speaker of the clause this hangs on.
            let sp = previous.flatMap { sentenceOf[$0.cue.lowerBound] == sentenceOf[a] ? $0.speaker : nil }
                ?? (coordinated ? relativeSubject(before: j, floor: s.tokens.lowerBound, lastSpeaker: lastSpeaker)
                    : nil)
                ?? sentenceSubject(s.tokens.lowerBound..<a, lastSpeaker: lastSpeaker)
            // "The senator, arguing that the bill was flawed, voted against it": a participle set off between the
            // sentence's subject and its verb reports up to its closing comma.
            let inset = c.isParticiple && insetAfterSubject(a, sentence: s)
            let infinitive = c.infinitive ? forward(from: b, frame: .infinitive, end: sEnd, stopAtComma: inset) : nil
            guard let sp, let target = infinitive ?? forward(from: b, frame: c.frame, end: sEnd, stopAtComma: inset)
            else { return nil }
            return CueAttribution(cue: c.tokens, speaker: sp, target: target,
                                  rule: rule(coordinated ? "coordinated" : gerund ? "gerund" : "participle", target),
                                  confidence: 0.7)
        }

        // "Trump's claim that ...", "his promise to ...", "his admiration of the general": the owner of the noun said
        // it (NounCueContent.swift). A verb cue right after a possessive ("His promises to ...") is read so too when
        // it can be; otherwise as the verb it is listed as.
        let isNoun = c.frame == .noun
        if isNoun || ownedVerbCue(c, sentence: s) {
            if let sp = owner(before: a, lastSpeaker: lastSpeaker), let target = nounCueContent(c, end: sEnd) {
                return CueAttribution(cue: c.tokens, speaker: sp, target: target, rule: rule("noun", target),
                                      confidence: 0.6)
            }
            if isNoun { return nil }
        }
        // "Groups challenging the plans include ...": the participle's object is no clause, and it reports nothing.
        if c.frame == .object, participleInOpeningSubject(a, sentence: s) { return nil }
        // "The four were held for three years, accused of al-Qaeda links": no one before the comma speaks.
        if isCommaParticiple(c, end: sEnd) { return speakerless(c, end: sEnd) }
        if c.frame.readsForwardOnly || c.infinitive, let sp = speakerBefore(c.tokens, lastSpeaker: lastSpeaker) {
            let left = leftEdge(of: sp, cue: a)
            if let gap = gapAttribution(c, speaker: sp, left: left, sentence: s) { return gap }
            if left - 1 >= s.tokens.lowerBound, ["what", "how", "whatever"].contains(lower[left - 1]) {
                // "what she called a “rant,”", "what analysts described as age-old tactics": what an object cue
                // names the thing "what" stands for is its content.
                guard lower[left - 1] == "what", c.frame == .object, b < sEnd,
                      let name = namedAs(from: lower[b] == "as" ? b + 1 : b, end: sEnd) else { return nil }
                return CueAttribution(cue: c.tokens, speaker: sp, target: .clause(name), rule: "reported.what-named",
                                      confidence: 0.5)
            }
            // "an explosion that de Blasio described as “an intentional act.”", "is describing as “unhinged” a
            // tweet": an object cue right before "as" names its (fronted or postponed) object; the name is the
            // content.
            if c.frame == .object, b + 1 < sEnd, lower[b] == "as", let name = namedAs(from: b + 1, end: sEnd) {
                return CueAttribution(cue: c.tokens, speaker: sp, target: .clause(name), rule: "reported.named-as",
                                      confidence: 0.5)
            }
            // "The tax, which seems to be a polarizing question, was dropped": a relative clause ends at its comma.
            // (Only for verbs of seeming: for other cues the longer reading often holds the clause a later
            // attribution reports, "who had pressed police to ..., watched it, attorneys said".)
            // A cue that also takes an infinitive reads it first ("sought [to protect ...]"); "to" opens no object.
            let stop = has(a, .seeming) && has(sp.mention.lowerBound, .relative)
            if let target = (c.infinitive && c.frame.readsForwardOnly
                                ? forward(from: b, frame: .infinitive, end: sEnd, stopAtComma: stop) : nil)
                ?? forward(from: b, frame: c.frame.readsForwardOnly ? c.frame : .infinitive, end: sEnd,
                           stopAtComma: stop) {
                if has(a, .seeming), case .clause(let r) = target, let from = seemingSubject(sp, cue: a, sentence: s) {
                    // "seems credible to me": whom it seems so to is the source, not part of the content.
                    if let who = seemingExperiencer(in: r, after: b) {
                        var e = who.lowerBound - 1
                        while e > from, !isWord[e - 1], !isCloseMark(e - 1) { e -= 1 }
                        return CueAttribution(cue: c.tokens, speaker: resolve(who, lastSpeaker: lastSpeaker),
                                              target: .clause(from..<e), rule: "reported.seeming", confidence: 0.6)
                    }
                    return CueAttribution(cue: c.tokens, speaker: nil, target: .clause(from..<r.upperBound),
                                          rule: "reported.seeming", confidence: 0.6)
                }
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
        if let inverted = invertedParenthetical(c, sentence: s, lastSpeaker: lastSpeaker, confidence: base - 0.1) {
            return inverted
        }
        if let sp = speakerBefore(c.tokens, lastSpeaker: lastSpeaker) {
            let left = leftEdge(of: sp, cue: a)
            if let gap = gapAttribution(c, speaker: sp, left: left, sentence: s) { return gap }
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
            if closingQuoteAttaches(before: left) || modified != nil, !quoteModifiesNoun(before: modified ?? left),
               let target = backward(before: modified ?? left) {
                var sp = sp
                if let m = modified, sp.mention.lowerBound == left { sp.mention = m..<sp.mention.upperBound }
                return CueAttribution(cue: c.tokens, speaker: sp, target: target, rule: rule("then-cue", target),
                                      confidence: 0.95)
            }
            // "The park, Tompkins said, is usually full": an attribution set inside its clause; the content runs
            // around it (from the sentence start to the clause end) and, as a split quote's, its parts leave the
            // attribution out.
            // A tell cue's hearer and a time phrase may sit before the second comma ("The difference now, he told
            // me on Friday, is that ...").
            var p = skipTime(c.frame == .tell ? hearerEnd(from: b, end: sEnd) : b, end: sEnd)
            let inset = isPunct(left - 1, ",") && quoteOf[left - 1] < 0
                && parentheticalRest(at: &p, before: left - 1, sentence: s.tokens.lowerBound, end: sEnd)
            if isPunct(left - 1, ","), isPunct(p, ","), wordAt(p + 1), has(p + 1, .nostart) || inset,
               lower[p + 1] != "and", lower[p + 1] != "or", quoteOf[left - 1] < 0 {
                var start = trimLeading(s.tokens.lowerBound, end: left)
                // "..., which, Tompkins said, is usually full": a relative clause's content starts at its pronoun.
                if left - 2 >= start, isWord[left - 2], has(left - 2, .relative), isPunct(left - 3, ",") {
                    start = left - 2
                }
                let e = clauseEnd(from: p + 1, sentenceEnd: sEnd)
                if left - 1 - start >= 1, e > p + 2 {
                    return CueAttribution(cue: c.tokens, speaker: sp, target: .clause(start..<e),
                                          rule: "reported.parenthetical", confidence: base - 0.1,
                                          inset: (left - 1)..<(p + 1))
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
            // ("..., said Andrew Pearson, European boss of Workshare.": a cue after a comma with a name closing the
            // sentence is inverted; the phrase before the comma is no subject of it. Read below.)
            if !invertedAttribution(c, lastSpeaker: lastSpeaker, end: sEnd),
               let target = forward(from: b, frame: frame, end: sEnd, stopAtComma: relative) {
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
            // police found the keys"; after a person or organisation "find" and "discover" (words.tsv
            // clauseobject) need a clause there too ("Federer found a way of winning" is no finding).
            // Not "..., 180 on Friday, 140 on Saturday, said industry officials.": a speech cue after a comma whose
            // name-like phrase ends the sentence is an inverted attribution, read below; the name is the speaker.
            if c.frame == .speech || (c.frame == .that && !lex.is(lower[a], .noobject)
                && (!has(a, .literal) || isPersonOrOrganization(sp) || isDocument(sp, cue: a))),
               !invertedAttribution(c, lastSpeaker: lastSpeaker, end: sEnd),
               let target = forward(from: b, frame: .object, end: sEnd, stopAtComma: relative),
               !lex.is(lower[a], .clauseobject) || isDocument(sp, cue: a) || holdsClause(target) {
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

    /// "His promises to stick it to the rich", "Her calls for a recount", "the mayor's warnings about ...": a verb
    /// cue right after a possessive is a noun, owned like a noun cue (a plural or base form: "-ed" and "-ing" forms
    /// are verbs after "Trump's" = "Trump has/is").
    private func ownedVerbCue(_ c: CueMatch, sentence s: Sentence) -> Bool {
        let a = c.tokens.lowerBound
        guard c.frame != .according, c.frame != .passive, !c.unlisted, !c.isParticiple,
              a - 1 >= s.tokens.lowerBound, quoteOf[a - 1] < 0, !lower[a].hasUTF8Suffix("ed"),
              !lower[a].hasUTF8Suffix("ing"),
              has(a - 1, .possessive) || isPossessiveS(a - 1) else { return false }
        // "he’s sought", "Let's say", "that's what": 's after a pronoun or "let" is "is", "has" or "us".
        if isPossessiveS(a - 1) {
            let w = a - 2
            guard w >= s.tokens.lowerBound, isWord[w], lower[w] != "let",
                  wordClasses[w] & Self.notOwners == 0 else { return false }
        }
        return true
    }

    /// The name given after "what X called": a quote ("what he calls “hell”"), or words up to a comma, colon,
    /// dash or subordinator outside quote marks, or to a quote that closes on a comma ("a “rant,” a series of
    /// ..."). Nil when no word follows.
    private func namedAs(from k: Int, end sEnd: Int) -> Range<Int>? {
        guard k < sEnd, wordAt(k) || isOpenMark(k) else { return nil }
        if isOpenMark(k) { return k..<min(sEnd, directs[quoteOf[k]].closeToken + 1) }
        var e = k
        while e < sEnd, !(quoteOf[e] < 0 && !isWord[e] && isPunct(e, ",;:.!?—―-")), cueAt[e] == nil,
              !(isWord[e] && has(e, .clausestop)) {
            if isOpenMark(e) {
                let close = directs[quoteOf[e]].closeToken
                e = close + 1
                if isPunct(close - 1, ",;:") { break }
                continue
            }
            e += 1
        }
        return wordCount(k..<e) >= 1 ? k..<e : nil
    }

    /// Words after which 's is "is", "has" or "us", never a possessive.
    static let notOwners = QuoteWordClass.person.bit | QuoteWordClass.group.bit | QuoteWordClass.subject.bit
        | QuoteWordClass.relative.bit | QuoteWordClass.whgap.bit | QuoteWordClass.firstperson.bit

    /// "what Graham had in mind.", "what Wahl said when she resigned": a free relative "what" right before the
    /// speaker is the cue's object when nothing the cue could report follows it (its clause ends at a stop or
    /// comma, or a subordinate clause follows). That word is the content, as PolNeAR annotates these gaps.
    /// ("which" and "that" are left out: they stand for a noun before them, "the image that Mr. Trump admires",
    /// and "that" may as well open a clause.)
    private func gapAttribution(_ c: CueMatch, speaker sp: SpeakerGuess, left: Int, sentence s: Sentence)
        -> CueAttribution? {
        let w = left - 1, sEnd = s.tokens.upperBound
        guard w >= s.tokens.lowerBound, isWord[w], quoteOf[w] < 0, sp.mention.lowerBound == left,
              lower[w] == "what" || lower[w] == "whatever" else {
            return nil
        }
        var b = c.frame == .tell ? hearerEnd(from: c.tokens.upperBound, end: sEnd) : c.tokens.upperBound
        b = skipTime(b, end: sEnd)
        let gap = b >= sEnd || isPunct(b, ".,;!?") || has(b, .clausestop)
        guard gap else { return nil }
        return CueAttribution(cue: c.tokens, speaker: sp, target: .clause(w..<(w + 1)), rule: "reported.gap",
                              confidence: 0.5)
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

    /// 'will play "diverse, unpredictable and non-commercial" songs under the banner of the OneMusic show': a quote
    /// that ends in no comma or stop, right before a word that starts no subject (a bare lower-case noun), is a
    /// modifier of that noun, not words spoken before their speaker is named.
    private func quoteModifiesNoun(before t: Int) -> Bool {
        let c = t - 1
        guard t < lower.count, isCloseMark(c), quoteOf[c] >= 0, isWord[t] else { return false }
        let inner = directs[quoteOf[c]].inner
        // After a determiner the quoted words are an adjective even before a name: 'The head of the "failing"
        // Child Support Agency widely reported to have resigned' (not before a pronoun: 'an "instant decision"
        // she said').
        let open = directs[quoteOf[c]].openToken
        let afterDeterminer = open > 0 && isWord[open - 1] && has(open - 1, .det) && isCap[t] && !has(t, .person)
        return !inner.isEmpty && !isPunct(inner.upperBound - 1, ".?!,") && (afterDeterminer || !canStartSubject(t))
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

    /// The subject of a sentence up to `r.upperBound`: its first person or organisation mention outside quotes
    /// and outlets ("fans wrote in to the BBC website"), else the phrase after an opening "In a statement," /
    /// "During the debate,".
    func sentenceSubject(_ r: Range<Int>, lastSpeaker: SpeakerGuess?) -> SpeakerGuess? {
        for t in r where mentionOf[t] >= 0 && quoteOf[t] < 0 && outletOf[t] < 0 {
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
        // Read rightwards, the phrase may run on over the verb ("The cardinal used a Christmas [message to ...]").
        return resolve(subjectBeforeVerb(np), lastSpeaker: lastSpeaker)
    }

    /// "demonstrators, who have taken to the streets and called for ...": the relative pronoun that opens the
    /// clause a coordinated cue belongs to (after the last comma before `t`), resolved to the phrase before it.
    private func relativeSubject(before t: Int, floor lo: Int, lastSpeaker: SpeakerGuess?) -> SpeakerGuess? {
        var k = t - 1
        while k > lo, !isPunct(k, ",;:"), quoteOf[k] < 0, cueAt[k] == nil { k -= 1 }
        guard k > lo, isPunct(k, ","), isWord[k + 1], has(k + 1, .relative),
              let np = nounPhrase(endingAt: k - 1, floor: lo) else { return nil }
        var g = resolve(relativeHead(np), lastSpeaker: lastSpeaker)
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
        guard isPossessiveS(k), var np = nounPhrase(endingAt: k - 1, floor: s.tokens.lowerBound)
        else { return nil }
        // "Nobody shared Smith's conclusion": a name's owner is its mention; "The speech reflected the president's
        // eagerness": another owner starts at its own determiner.
        if mentionOf[k - 1] >= 0, doc.mentions[mentionOf[k - 1]].tokens.lowerBound >= np.lowerBound {
            np = doc.mentions[mentionOf[k - 1]].tokens.lowerBound..<np.upperBound
        } else if let d = np.dropFirst().last(where: { isWord[$0] && has($0, .det) }) {
            np = d..<np.upperBound
        }
        // Resolved without the "'s" (so "Henman's" is the entity Henman, "the campaign's" named "the campaign"); the
        // mention keeps it.
        var g = resolve(np.lowerBound..<k, lastSpeaker: lastSpeaker)
        g.mention = np.lowerBound..<(k + 1)
        return g
    }

    /// The speaker phrase before a cue; failing that, when the sentence up to the cue is one plain subject
    /// ("Experts on North Korea and nuclear nonproliferation said ..."), its head phrase.
    private func speakerBefore(_ cue: Range<Int>, lastSpeaker: SpeakerGuess?) -> SpeakerGuess? {
        let near = speakerLeft(of: cue, lastSpeaker: lastSpeaker)
        // "A USA TODAY analysis of super PACs that have raised $1 million or more since Jan. 1, 2015, shows ...": a
        // long subject headed by a document (words.tsv document) is the source, not the words right before the cue.
        if let d = documentSubject(before: cue.lowerBound),
           near.map({ !isPersonOrOrganization($0) && $0.how != .pronoun && $0.how != .unresolved
                      && $0.mention.lowerBound >= d.upperBound })
            ?? true {
            return resolve(d, lastSpeaker: lastSpeaker)
        }
        if let sp = near { return sp }
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

    /// The head of a sentence-opening subject that a document names ("[A slide] from a presentation that the
    /// minister carries with him shows ...", "[An exhaustive study] being released on Tuesday by researchers shows
    /// ..."): a determiner and up to five words holding a document word, then more of the subject (a modifier, a
    /// relative clause) up to the speech or that cue at `a`. Nil when anything between could open a clause of its
    /// own: a quote, a colon or semicolon, a comma before a conjunction, another speech cue.
    private func documentSubject(before a: Int) -> Range<Int>? {
        guard let s = sentence(of: a), let c = cueAt[a], c.frame == .speech || c.frame == .that else { return nil }
        let lo = trimLeading(s.tokens.lowerBound, end: a)
        guard a - lo >= 6, a - lo <= 40, isWord[lo], quoteOf[lo] < 0, has(lo, .det) || has(lo, .quantity)
        else { return nil }
        var j = lo + 1, head = -1
        while j < a, j - lo <= 6, isWord[j] || isPossessiveS(j) || isPunct(j, "-/"), quoteOf[j] < 0, cueAt[j] == nil,
              !Self.nonClauseStarts.contains(lower[j]), !isPreposition(j), lower[j] != "that",
              wordClasses[j] & (QuoteWordClass.relative.bit | QuoteWordClass.skip.bit | QuoteWordClass.copula.bit) == 0 {
            if isWord[j], has(j, .document) { head = j }
            j += 1
        }
        guard head > lo, a - head > 3 else { return nil }
        for t in (head + 1)..<a {
            if quoteOf[t] >= 0 || isPunct(t, ";:") { return nil }
            if isPunct(t, ","), t + 1 < a, has(t + 1, .clausejoin) { return nil }
            if let o = cueAt[t], o.frame != .object, o.frame != .infinitive { return nil }
        }
        return lo..<(head + 1)
    }

    func isPersonOrOrganization(_ sp: SpeakerGuess) -> Bool {
        guard let e = sp.entity, e < doc.entities.count else { return false }
        return doc.entities[e].type == .person || doc.entities[e].type == .organization
    }

    /// Whether a cue's object reads as a clause: it holds a form of be or have, an auxiliary, a negation or an -ed
    /// word after its first ("found the leaflet was true", "found her husband had ..."), not only a thing ("found
    /// his form", "found the bottom corner").
    private func holdsClause(_ target: CueAttribution.Target) -> Bool {
        guard case let .clause(r) = target else { return true }
        // "Scott found fame in the TV series and has since starred": an auxiliary after "and" opens the
        // subject's next predicate, not a clause in the object.
        return r.contains { t in
            isWord[t] && !(t > r.lowerBound && ["and", "but", "or"].contains(lower[t - 1]))
                && (has(t, .auxiliary) || has(t, .copula) || lower[t].hasUTF8Suffix("n't")
                    || (lower[t].hasUTF8Suffix("ed") && !isCap[t] && t > r.lowerBound))
        }
    }

    /// A document-like word heads the speaker or sits between it and the cue ("an analysis of new filings shows").
    private func isDocument(_ sp: SpeakerGuess, cue: Int) -> Bool {
        (sp.mention.lowerBound..<max(sp.mention.upperBound, cue)).contains {
            isWord[$0] && quoteOf[$0] < 0 && has($0, .document)
        }
    }

    func wordAt(_ t: Int) -> Bool { t >= 0 && t < isWord.count && isWord[t] }

    func rule(_ pattern: String, _ target: CueAttribution.Target) -> String {
        switch target {
        case .direct: return "direct.\(pattern)"
        case .clause: return "reported.\(pattern)"
        }
    }

    /// Where the speaker phrase starts; for "Trump, who said", the comma before the relative pronoun, so the
    /// words before it are never read as reported content.
    private func leftEdge(of sp: SpeakerGuess, cue: Int) -> Int {
        let l = sp.mention.lowerBound
        // "“...,” Reuters quoted a central bank official as saying.": the attribution starts at the outlet.
        if let o = outlet(at: l - 1), o.quoting, o.trigger.lowerBound == l - 1 { return o.outlet.lowerBound }
        if l - 1 >= 0, Self.quotingVerbs.contains(lower[l - 1]), let s = sentence(of: l),
           let np = nounPhrase(endingAt: l - 2, floor: s.tokens.lowerBound) { return np.lowerBound }
        return has(l, .relative) ? max(0, l - 1) : l
    }

    /// True when nothing but a time or place phrase follows before the sentence (or clause) ends.
    func endsAttribution(at t: Int, end: Int) -> Bool {
        var k = t
        while k < end, isWord[k], has(k, .time) || has(k, .timeprep) || has(k, .skip) {
            k += 1
        }
        // "said one analyst quoted by the AFP news agency.": an outlet construction ends the attribution too.
        if k < end, let o = outlet(at: k), !o.quoting, o.trigger.lowerBound == k {
            return endsAttribution(at: o.outlet.upperBound, end: end)
        }
        if k >= end || isPunct(k, ".!?;") { return true }
        if isPunct(k, ","), k + 1 < cueAt.count, cueAt[k + 1]?.isParticiple == true { return true }
        if isWord[k], has(k, .venueprep) { return true }
        if isPunct(k, ",") { return true }
        return false
    }
}
