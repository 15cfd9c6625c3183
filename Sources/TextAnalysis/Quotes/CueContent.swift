// What a cue reports: the reported clause or direct quote after it (object and infinitive readings included)
// or before it, and where a reported clause ends. The speaker side of a cue is in CueAttribution.swift.

extension QuoteContext {
    /// What an object or infinitive cue reports: "called [Trump a liar]", "called for [new tariffs]", "urged
    /// [voters to stay home]", "wants [to cut taxes]": from the cue to the end of its clause. An infinitive cue
    /// needs "to" within a short object; an object cue needs two words that open no other phrase.
    private func forwardObject(from start: Int, frame: CueFrame, end sEnd: Int,
                               stopAtComma: Bool = false) -> CueAttribution.Target? {
        // "chose to draw a contrast", "vied to block the law": a phrase that ends in "to" holds the infinitive's
        // "to", where its content starts (PolNeAR's infinitive contents open with "to").
        let cueTo = frame == .infinitive && start >= 1 && start < sEnd && lower[start - 1] == "to"
            && (cueEnding(at: start).map { cueAt[$0]!.tokens.count > 1 } ?? false)
        let k = cueTo ? start - 1 : skipTime(start, end: sEnd)
        guard k < sEnd, isWord[k] || isOpenMark(k) || isPunct(k, "$") else { return nil }
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
            // Nor does a subordinator ("were surprised when Trump ..."): what follows is no object.
            // A noun cue may be the object ("signaled willingness to change the law").
            // A cue word is no object, except right after a cue ending in a preposition ("respond to requests").
            let objectCue = cueEnding(at: start).map { endsInPreposition(cueAt[$0]!) } ?? false
            if has(k, .nostart) || has(k, .clausestop) || (lower[k] == "that" && !determiner)
                || (cueAt[k] != nil && cueAt[k]!.frame != .noun && !objectCue) {
                return nil
            }
            // "offered no proof", "has proposed nothing that ...": a negative or indefinite pronoun is an object.
            if Self.nonClauseStarts.contains(lower[k]), !has(k, .objectpronoun) { return nil }
            // "Skype routes calls via the net", "making calls across non-BT networks", "the research links between
            // ...": an object cue word that may be a noun (not an -ed form) with a preposition where its object
            // would be is that noun. An -ed verb keeps its readings: "ruled against the purges", "admitted under
            // questioning he had ...". ("called on", "calls for" are cue phrases of their own, read first.)
            if frame == .object, isPreposition(k), let cue = cueEnding(at: start), cueAt[cue]!.tokens.count == 1,
               !lower[cue].hasUTF8Suffix("ed") {
                return nil
            }
        }
        var e = clauseEnd(from: k, sentenceEnd: sEnd, stopAtComma: stopAtComma)
        // "see the program as an easier way", "painted Romney as a rich guy": a verb of construal (words.tsv
        // asobject) reports only with "as" after its object; without it the verb is literal ("saw the film").
        if frame == .object, let cue = cueEnding(at: start), has(cue, .asobject), !hasConstrualAs(from: k, end: e) {
            return nil
        }
        // The content ends before a subordinate clause ("... when he ran in 2008"), outside quote marks, also
        // right after a one-word object ("despise Trump because his speech is full of hate"); not a capitalised
        // one in a title-case headline ("Shows Bias When It Comes To ...") nor one whose clause quotes the speaker
        // ("fought on because to her, “nothing matters more ...”": the marks show it is said).
        // So does an aside on the object (", who has not been charged") or a contrast ("but has been met with").
        let clauseEndsAt = e
        if let stop = (k + 1..<max(k + 1, e)).first(where: { t in isWord[t] && quoteOf[t] < 0
            && ((has(t, .clausestop) && !isCap[t] && !(t..<clauseEndsAt).contains { quoteOf[$0] >= 0 })
                || (lowerIs(t, "as") && asOpensNamedClause(t, end: clauseEndsAt))
                || lower[t] == "but" || (isPunct(t - 1, ",") && has(t, .relative)
                    && !relativeAside(at: t, end: clauseEndsAt))) }) {
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
            && wordAt($0 + 1) && quoteOf[$0 + 1] < 0 && lower[$0 + 1].hasUTF8Suffix("ed")
            && wordAt($0 + 2) && lower[$0 + 2] != "by" }) {
            e = stop
        }
        // Nor is a second clause with its own subject and cue ("46 percent would choose Clinton and 44 percent
        // would back Trump", "Democrats want policies ..., and Republicans want ..."): that cue reports it.
        if let stop = (k + 1..<max(k + 1, e)).first(where: { lower[$0] == "and" && quoteOf[$0] < 0
            && opensAttributedClause(after: $0, end: e) }) {
            e = stop
            while e > k, isPunct(e - 1, ",;") { e -= 1 }
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
            let nounTime = after < e && (isPossessiveS(after) || lower[after] == "that")
                || has(stop - 1, .det) || has(stop - 1, .possessive)
            let clause = (k..<stop).contains { isPunct($0, ",;:") || lower[$0] == "that" || cueAt[$0] != nil }
            let quotedAfter = (stop..<e).contains { quoteOf[$0] >= 0 }
            if !nounTime, !clause, !quotedAfter {
                e = has(stop - 1, .timeprep) && stop - 1 > k ? stop - 1 : stop
            }
        }
        // A trailing time phrase is not what was said ("called the office on Monday"), unless an article or a
        // number makes it part of a noun phrase ("down from £9.28bn a year earlier").
        var t = e
        while t > k, isWord[t - 1], has(t - 1, .time) { t -= 1 }
        if t < e, t > k, has(t - 1, .timeprep) { t -= 1 }
        if t < e, !(t > k && isWord[t - 1] && (has(t - 1, .article) || isDigitWord(t - 1))) { e = t }
        // A bare determiner and noun is too little to tell "called the office" (a phone call) from "called Trump
        // a liar"; quoted words always count.
        let words = wordCount(k..<e)
        let quoted = (k..<e).contains { quoteOf[$0] >= 0 }
        let bare = words == 2 && has(k, .det)
        if (words >= 2 && !bare) || (quoted && words >= 1) { return .clause(k..<e) }
        // Other cues report a name or a bare noun too ("endorses Trump", "support the regulations"), unless what
        // they do is often literal (words.tsv thinobject: "called the office", "cited it").
        // A cue ending in its preposition is no literal act ("calling for his dismissal" is said, "called the
        // office" is a phone call).
        guard let cue = cueEnding(at: start), frame == .object,
              !has(cue, .thinobject) || endsInPreposition(cueAt[cue]!) else { return nil }
        return bare || (words == 1 && isCap[k] && !has(k, .group)) ? .clause(k..<e) : nil
    }

    /// "to form a task force, which would include the military, to crack down on hackers": a relative clause at
    /// `t` closed by a second comma after which the object's infinitive goes on ("to" and a word) is an aside
    /// inside the object, not its end. Only plain words sit between the commas (no quote, cue or other mark).
    private func relativeAside(at t: Int, end e: Int) -> Bool {
        var c = t + 1
        while c < e, isWord[c] || isPossessiveS(c), quoteOf[c] < 0, cueAt[c] == nil { c += 1 }
        return c > t + 1 && c + 2 < e && isPunct(c, ",") && lower[c + 1] == "to" && isWord[c + 2]
            && quoteOf[c + 1] < 0
    }

    /// After "and": a short subject (one to three words, no punctuation, not a cue) and then a cue that is a
    /// finite verb, not an -ing form ("and for saying", "and refrain from attacking"). The subject names someone:
    /// a name, a pronoun or a share of a poll ("44 percent"), not a noun phrase that may be the object's own
    /// ("mailers and phone calls", "and young models opposed to").
    private func opensAttributedClause(after and: Int, end e: Int) -> Bool {
        var m = and + 1
        while m < min(e, and + 4), isWord[m], quoteOf[m] < 0, cueAt[m] == nil,
              !Self.nonClauseStarts.contains(lower[m]) { m += 1 }
        guard m > and + 1, m < e, let c = cueAt[m], !c.isParticiple, c.frame != .noun,
              !lower[m].hasUTF8Suffix("ing") else { return false }
        return (and + 1..<m).contains { t in
            isCap[t] || has(t, .subject) || has(t, .group) || has(t, .quantity) || lower[t] == "percent"
                || lower[t].first?.isNumber == true
        }
    }

    /// The cue token whose phrase ends right at `start`, if any (a phrase may hold adverbs, so look a few back).
    private func cueEnding(at start: Int) -> Int? {
        (max(0, start - 4)..<start).last { cueAt[$0] != nil && cueAt[$0]!.tokens.upperBound == start }
    }

    /// "as" within the first words of an object, with something after it, and not "as well", "such as", "as
    /// much as" or a subordinator ("as if", "as they use it", "saw its majority cut as an amendment was
    /// rejected"): the object is construed as something.
    func hasConstrualAs(from k: Int, end e: Int) -> Bool {
        var j = k + 1
        while j < min(e, k + 10) {
            if quoteOf[j] < 0, !isWord[j], isPunct(j, ",;:.!?") { return false }
            if lower[j] == "as", j + 1 < e, isWord[j + 1] || isOpenMark(j + 1) {
                return !has(j + 1, .notconstrual) && lower[j - 1] != "such"
                    && !opensSubordinateClause(after: j, end: e)
            }
            j += 1
        }
        return false
    }

    /// "as" opens a clause of its own: a subject pronoun follows it, or a form of be or an auxiliary comes within
    /// a few words (before any relative pronoun, whose clause may have its own verb: "as a rich guy who was ...").
    private func opensSubordinateClause(after j: Int, end e: Int) -> Bool {
        if has(j + 1, .subject) { return true }
        var m = j + 1
        while m < min(e, j + 7), isWord[m], !has(m, .relative) {
            if has(m, .copula) || (has(m, .skip) && has(m, .auxiliary)) { return true }
            m += 1
        }
        return false
    }

    /// "as" at `t` opens a clause whose subject is a named entity: its mention, then a lower-case verb form in -s
    /// or -ed that a determiner, number or pronoun follows ("as Trump consolidates the support of ...", "as
    /// Pyongyang fired three missiles"); not "as EB-5 investments" (no mention), nor after "such" or "same".
    func asOpensNamedClause(_ t: Int, end: Int) -> Bool {
        guard t > 0, t + 3 < end, isWord[t + 1], isCap[t + 1], quoteOf[t + 1] < 0, mentionOf[t + 1] >= 0,
              lower[t - 1] != "such", lower[t - 1] != "same" else { return false }
        let m = doc.mentions[mentionOf[t + 1]].tokens.upperBound
        guard m + 1 < end, isWord[m], !isCap[m], quoteOf[m] < 0, lower[m].hasMoreCharacters(than: 3),
              wordClasses[m] & ~QuoteLexicon.cueStartBit == 0, isWord[m + 1] else { return false }
        let w = lower[m]
        guard w.hasUTF8Suffix("ed") || (w.hasUTF8Suffix("s") && !w.hasUTF8Suffix("ss")) else { return false }
        let digit = doc.tokens[m + 1].text.unicodeScalars.first?.properties.numericType != nil
        return digit || wordClasses[m + 1] & (QuoteWordClass.det.bit | QuoteWordClass.quantity.bit
            | QuoteWordClass.possessive.bit | QuoteWordClass.person.bit | QuoteWordClass.group.bit) != 0
    }

    /// Possessive 's and hyphens inside an object phrase.
    private func isJoiner(_ t: Int) -> Bool { isPossessiveS(t) || lower[t] == "-" }

    /// The reported clause or direct quote after a cue, or nil when none starts there.
    func forward(from start: Int, frame: CueFrame, end sEnd: Int, stopAtComma: Bool = false) -> CueAttribution.Target? {
        if frame != .passive, let (q, _) = quoteAfterColonPhrase(from: start, end: sEnd) { return .direct(q) }
        if frame.readsForwardOnly {
            return forwardObject(from: start, frame: frame, end: sEnd, stopAtComma: stopAtComma)
        }
        let n = lower.count
        var k = start
        guard k < n else { return nil }
        if frame == .tell { k = skipHearer(k, end: sEnd) }
        k = skipTime(k, end: sEnd)
        // "learned again during the debate that ...": an adverb before a venue phrase or "that".
        if k + 1 < sEnd, isWord[k], has(k, .skip) || lower[k].hasUTF8Suffix("ly"), quoteOf[k] < 0, isWord[k + 1],
           lower[k + 1] == "that" || has(k + 1, .venueprep) || lower[k + 1] == "of" {
            k += 1
        }
        // "cautioned, as did the campaign itself, that ...": an aside between commas before "that".
        if isPunct(k, ","), k + 2 < sEnd,
           let c = (k + 2..<min(sEnd, k + 14)).first(where: { isPunct($0, ",;:") || isOpenMark($0) }),
           isPunct(c, ","), c + 1 < sEnd, lower[c + 1] == "that", !(k + 1..<c).contains(where: { cueAt[$0] != nil }) {
            k = c + 1
        }
        // "said, in a statement, the government now ...", "said, on Friday, it would ...": a venue or time phrase
        // between commas, then the clause.
        if isPunct(k, ","), k + 2 < sEnd, isWord[k + 1], quoteOf[k + 1] < 0,
           has(k + 1, .venueprep) || has(k + 1, .timeprep) || has(k + 1, .time),
           let c = (k + 2..<min(sEnd, k + 12)).first(where: { isPunct($0, ",;:") || isOpenMark($0) }),
           isPunct(c, ","), c + 1 < sEnd, isWord[c + 1] || isOpenMark(c + 1),
           !(k + 1..<c).contains(where: { cueAt[$0].map { $0.frame != .noun } ?? false }) {
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
        // "was quoted as saying by the agency that ...": the agent who quoted the speaker, then what was said.
        if frame == .passive, k < sEnd, lower[k] == "by" {
            guard let j = (k + 1..<min(sEnd, k + 12)).first(where: { lower[$0] == "that" || isPunct($0, ",:")
                                                                     || isOpenMark($0) }) else { return nil }
            k = isPunct(j, ",:") ? j + 1 : j
        }
        while k < n, isPunct(k, ",:") { k += 1 }
        guard k < n else { return nil }
        // "Mook said as much in an interview", "He doesn't think so.": what was said, named by a pro-form.
        if k + 1 < sEnd, lower[k] == "as", lower[k + 1] == "much" { return .clause(k..<(k + 2)) }
        if k < sEnd, lower[k] == "so", k + 1 >= sEnd || isPunct(k + 1, ".,;!?") { return .clause(k..<(k + 1)) }
        // "Trump responded by using the example of Chicago to prove ...": how he answered is what he said.
        if frame == .speech, k + 1 < sEnd, lower[k] == "by", isWord[k + 1], lower[k + 1].hasMoreCharacters(than: 4),
           lower[k + 1].hasUTF8Suffix("ing"), quoteOf[k + 1] < 0 {
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
        // "Lynch notes they were appointed ...": a subject pronoun (not "it", also an object) right after the cue
        // opens a clause as "that" does (not after a phrase: "tweets in which he called ...").
        let nominative = k == skipTime(start, end: sEnd) && k < sEnd && isWord[k] && has(k, .subject)
            && lower[k] != "it" && wordAt(k + 1)
        if frame == .that && lower[k] != "that" && !isOpenMark(k) && !nominative { return nil }
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
            // After a cue and a colon the quote is the speaker's own words: an attribution repeated after it
            // ("Mr Johnson told Today: “It's true ...,” he said.") closes the sentence, it continues no clause.
            let repeated = k > 0 && isPunct(k - 1, ":")
                && finalAttribution(after: close, end: sentence(of: close)?.tokens.upperBound ?? sEnd)
            if clauseContinues(after: close), !repeated {
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
        let e = clauseEnd(from: k, sentenceEnd: sEnd, stopAtComma: stopAtComma,
                          reported: frame == .speech || frame == .that || frame == .tell)
        let words = wordCount(k..<e)
        return words >= 3 ? .clause((first ?? k)..<e) : nil
    }

    /// ", but would not be part of ...": after "and" or "but", a modal of reported speech (words.tsv reportmodal)
    /// right away still tells what the speaker said would happen; the writer's own next clause is in the past
    /// ("..., but did not recommend prosecution") or has a subject of its own (", but he could not stop ...").
    private func continuesReportedModal(join j: Int, end: Int) -> Bool {
        guard lower[j] == "and" || lower[j] == "but" else { return false }
        return j + 1 < end && isWord[j + 1] && has(j + 1, .reportmodal)
    }

    /// A subject phrase at `k` followed (adverbs and auxiliaries aside) by a cue of its own.
    func opensOwnAttribution(at k: Int, end sEnd: Int) -> Bool { ownAttributionCue(at: k, end: sEnd) != nil }

    /// The cue of a subject phrase at `k` that has one (adverbs and auxiliaries aside), else nil.
    func ownAttributionCue(at k: Int, end sEnd: Int) -> CueMatch? {
        guard let np = nounPhrase(startingAt: k, ceiling: sEnd) else { return nil }
        var c = np.upperBound
        while c < sEnd, c - np.upperBound < 3, isWord[c], cueAt[c] == nil,
              has(c, .skip) || lower[c].hasUTF8Suffix("ly") { c += 1 }
        guard c < sEnd, let cue = cueAt[c] else { return nil }
        return !cue.isParticiple && cue.frame != .according && cue.frame != .noun ? cue : nil
    }

    /// True when the word at `t` (a comma, a spaced dash, "and" or "but") starts a clause whose subject has a cue
    /// of its own: ", Bellamy insisted he ...", " - she has spoken about ...", " but critics fear ...". After a
    /// bare "and"/"but" the cue must be a speech or belief verb and the word before no name: "the security services
    /// and police backed his measures", "Exxon Mobil and British Petroleum would be happy" join two subjects.
    private func startsOwnAttribution(at t: Int, end: Int) -> Bool {
        let comma = isPunct(t, ",") || has(t, .asidedash)
        guard comma || lower[t] == "and" || lower[t] == "but" else { return false }
        return newAttribution(from: t + 1, afterComma: comma, end: end)
    }

    /// The clause from `n` on has a subject with a cue of its own (see startsOwnAttribution); after a comma a
    /// relative pronoun closing the sentence may be that subject (", which first reported the story."), not one
    /// set off inside the reported clause ("Deutsche Boerse, which has asked regulators to approve the plan, may
    /// offer ...": the clause goes on after it).
    private func newAttribution(from n: Int, afterComma comma: Bool, end: Int) -> Bool {
        guard n + 1 < end, n > 1, isWord[n], quoteOf[n] < 0, canStartSubject(n) else { return false }
        if comma, has(n, .relative) {
            guard !(n + 1..<end).contains(where: { isPunct($0, ",") && quoteOf[$0] < 0 }) else { return false }
            var c = n + 1
            while c < end, c - n <= 3, isWord[c], cueAt[c] == nil, has(c, .skip) || lower[c].hasUTF8Suffix("ly") {
                c += 1
            }
            guard c < end, let cue = cueAt[c] else { return false }
            return !cue.isParticiple && cue.frame != .according && cue.frame != .noun
        }
        guard let cue = ownAttributionCue(at: n, end: end) else { return false }
        if comma { return true }
        // A subject pronoun or a share ("and he called for ...", "and 1 percent support ...") never joins a second
        // subject to a name before "and": the clause it opens is its own, whatever the cue's frame.
        let clauseSubject = (has(n, .subject) && lower[n] != "it") || has(n, .quantity)
            || doc.tokens[n].text.unicodeScalars.first?.properties.numericType != nil
        switch cue.frame {
        case .speech, .tell, .that, .belief: return !isCap[n - 2] || clauseSubject
        case .object, .infinitive: return clauseSubject || (isCap[n] && !isCap[n - 2])
        default: return false
        }
    }

    /// The subject of a passive ending right before the cue at `a`: "[The plan] has been (widely) endorsed".
    func passiveSubject(before a: Int, floor lo: Int) -> Range<Int>? {
        var j = a - 1
        while j >= lo, isWord[j], !has(j, .copula),
              has(j, .skip) || lower[j].hasUTF8Suffix("ly") || lower[j] == "first" {
            j -= 1
        }
        guard j > lo, isWord[j], has(j, .copula), !isPossessiveS(j) else { return nil }
        j -= 1
        while j >= lo, isWord[j], has(j, .skip) { j -= 1 }
        guard j >= lo, isWord[j], !has(j, .relative), lower[j] != "that", cueAt[j] == nil,
              let np = nounPhrase(endingAt: j, floor: lo) else { return nil }
        // "Plans to abolish 162 quangos have been unveiled": the object of an infinitive that modifies a noun is
        // the tail of the subject; the subject is that noun's phrase with it.
        let v = np.lowerBound - 1
        if v - 1 > lo, isWord[v], !isCap[v], cueAt[v] == nil, lower[v - 1] == "to", isWord[v - 2],
           !isCap[v - 2] || v - 2 == lo, lower[v - 2].hasUTF8Suffix("s") || has(v - 2, .sourcehead) {
            // (The noun may be a noun cue itself, "Plans to", which the phrase reader stops at.)
            let head = nounPhrase(endingAt: v - 2, floor: lo).map(\.lowerBound) ?? v - 2
            return head..<np.upperBound
        }
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

    func trimLeading(_ s: Int, end: Int) -> Int {
        var k = s
        while k < end, (isWord[k] && has(k, .leading)) || isPunct(k, ",") || isStrayOpener(k) { k += 1 }
        return k
    }

    /// True when words follow a closing mark before the sentence ends ("said “both options” are considered"), but
    /// not a subordinator (words.tsv clausestop: 'saying “That makes me smart,” when Clinton blasted him'): the
    /// writer's clause then follows a complete quote.
    private func clauseContinues(after close: Int) -> Bool {
        let k = close + 1
        guard k < lower.count, sentenceOf[k] == sentenceOf[close] else { return false }
        return isWord[k] && cueAt[k] == nil && !has(k, .clausestop)
    }

    /// The end (exclusive) of a reported clause: the sentence end without its final punctuation, or an earlier
    /// ", adding ..." / ", according to ..." that starts another attribution. Quotes are never cut. A clause
    /// `reported` by a speech, that or tell cue also ends before ", who" (an aside on the person it names last).
    func clauseEnd(from k: Int, sentenceEnd: Int, stopAtComma: Bool = false, reported: Bool = false) -> Int {
        var t = k, end = sentenceEnd
        var first = k < end && lower[k] == "that" ? k + 1 : k
        while first < end, isPunct(first, ",") { first += 1 }
        let openingPhrase = first < end && isWord[first] && has(first, .intro)
        var parentheses = 0
        while t < end {
            if isOpenMark(t) {
                // "Asked whether she was nervous she said: “...”", "Responding to the claims Tory co-chairman Liam
                // Fox said: “...”": a subject, its cue and a colon before the quote are an attribution of their own;
                // the clause ends before that subject.
                if let subject = colonAttributionSubject(before: t, after: k) {
                    t = subject
                    break
                }
                let close = directs[quoteOf[t]].closeToken
                if close >= end, let s = sentence(of: close) { end = s.tokens.upperBound }
                t = close + 1
                // American style puts the comma inside the marks ("promising “jobs, jobs, jobs,” but he has also
                // ..."): the writer's next clause after it ends the reported clause as after a bare comma.
                // So does a clause with its own attribution ('in a box labeled “medical problem,” a doctor had
                // typed ...'), unless that only closes the sentence ('... because “most people don't know,” she
                // said.'), and, in an opening clause, the comma itself ('Bemoaning the “phony system,” Trump ...').
                if isPunct(close - 1, ","), stopAtComma || commaEndsClause(before: t, end: end)
                    || (t < end && cueAt[t].map { $0.isParticiple || $0.frame == .according } == true)
                    || (!openingPhrase && newAttribution(from: t, afterComma: true, end: end)
                        && !finalAttribution(after: close, end: end)) { break }
                continue
            }
            if stopAtComma, isPunct(t, ",") { break }
            // A semicolon closes the reported clause, but not inside parentheses ("a $2bn (1.53bn euros; £1.05bn)
            // settlement").
            if isPunct(t, "(") { parentheses += 1 } else if isPunct(t, ")") { parentheses = max(0, parentheses - 1) }
            if isPunct(t, ";"), parentheses == 0 { break }
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
                if isPunct(t, ","), withAside(at: t, from: k, end: end) { break }
                // ", and the downgrade is casting ...", ", although he again refused ...": the writer goes on.
                // Unless the next clause quotes the speaker's words with no cue of its own before them (", but she
                // knows that “LeBron will always be the king.”"): the marks show it is still what was said.
                // ", who has not been charged ...": the writer's aside on a person named at the end of a reported
                // clause (a relative "which" is as often part of what was said).
                if reported, isPunct(t, ","), t + 1 < end, lower[t + 1] == "who" { break }
                if isPunct(t, ","), t + 1 < end, isWord[t + 1], quoteOf[t + 1] < 0, has(t + 1, .clausejoin),
                   !(t + 2 < end && lower[t + 2] == "that"), !quotedBeforeCue(from: t + 2, end: end),
                   !endsSeries(comma: t, from: k), !continuesReportedModal(join: t + 1, end: end) {
                    break
                }
            }
            if isPunct(t, ","), t + 1 < end {
                // (", also saying", ", having previously indicated": the participle's auxiliary and adverbs.)
                var c = t + 1
                while c < end, isWord[c], cueAt[c] == nil, has(c, .skip) || lower[c] == "having" { c += 1 }
                if c < end, let next = cueAt[c], next.isParticiple || next.frame == .according { break }
            }
            if isPunct(t, ","), finalAttribution(after: t, end: end) { break }
            // ", Mr. Obama warned that ...", "... and 1 percent support ...", " - she has spoken about ...": a new
            // clause whose subject has a cue of its own is that cue's attribution, not more of this content
            // (PolNeAR never nests one attribution's content in another's). Not after an opening phrase ("that at
            // one of his first meetings, in 1972, he supported ..."): the clause's own subject follows it.
            if t > k + 1, !openingPhrase, startsOwnAttribution(at: t, end: end) { break }
            // "... a tightening race as Trump consolidates the support of ...": "as" before a name and its verb
            // opens the writer's clause of circumstance, not more of what was said.
            if t > k + 1, lowerIs(t, "as"), asOpensNamedClause(t, end: end) { break }
            // "... and said B": a coordinated cue starts the next attribution; so does "..., but he said B".
            if t > k, lowerIs(t, "and") || lowerIs(t, "but") || lowerIs(t, "or") {
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

    /// True when the comma at `t` opens the sentence's closing attribution (", Sen. Lindsey Graham (R-S.C.) told
    /// The Huffington Post on Thursday."): a short speaker phrase, a speech or tell cue, and nothing after it but
    /// a hearer, a time or a venue. That attribution reports the whole sentence, so a clause read forward from an
    /// earlier cue ends before it, leaving the attribution to be read.
    func finalAttribution(after t: Int, end: Int) -> Bool {
        // "..., said Jupiter Research.": an inverted attribution, the speaker after the cue. Looser than
        // `invertedAttribution`, which guards the cue's object reading: "..., says a panel of experts" ends the
        // clause here though a preposition inside a name-like object keeps that reading ("recalled the eulogy
        // delivered by Davis").
        if t + 2 < end, let cue = cueAt[t + 1], !cue.isParticiple, cue.frame == .speech, cue.tokens.upperBound < end,
           isCap[cue.tokens.upperBound] || has(cue.tokens.upperBound, .det),
           let sp = speakerRight(from: cue.tokens.upperBound, lastSpeaker: nil),
           endsAttribution(at: sp.mention.upperBound, end: end) {
            return true
        }
        var c = t + 1
        while c < end, c - t <= 10, cueAt[c] == nil, quoteOf[c] < 0,
              isWord[c] || isPunct(c, ".-()’'") { c += 1 }
        guard c > t + 1, c < end, c - t <= 10, let cue = cueAt[c], !cue.isParticiple,
              cue.frame == .speech || cue.frame == .tell, isWord[t + 1] else { return false }
        let rest = cue.frame == .tell ? hearerEnd(from: cue.tokens.upperBound, end: end) : cue.tokens.upperBound
        return endsAttribution(at: rest, end: end) && !(rest < end && isPunct(rest, ","))
    }

    /// True when the comma at `t` opens an absolute "with" phrase after a clause of four words or more read from
    /// `k` with no comma of its own: the writer's elaboration (", with one notable exception", ", with
    /// RealClearPolitics showing her ahead 3 points"), not what was said. Not after an apposition ("two developers,
    /// Quiros and Stenger, with defrauding ...") nor a short opening phrase ("In December 2009, with ...").
    private func withAside(at t: Int, from k: Int, end: Int) -> Bool {
        guard t + 2 < end, lower[t + 1] == "with", quoteOf[t + 1] < 0, isWord[t + 2] else { return false }
        return wordCount(k..<t) >= 4 && !(k..<t).contains { isPunct($0, ",;:") }
    }

    /// True when the comma at `t`, before "and"/"or", closes a series of short items ("a strong, effective, and
    /// coordinated policy"): the item since the previous comma of the clause read from `k` is one or two words,
    /// so the conjunction adds the series' last item, not the writer's next clause.
    private func endsSeries(comma t: Int, from k: Int) -> Bool {
        guard lower[t + 1] == "and" || lower[t + 1] == "or" else { return false }
        var p = t - 1
        while p > k, isWord[p], t - p <= 3 { p -= 1 }
        return p > k && isPunct(p, ",") && (1...2).contains(t - p - 1)
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
        if has(t, .clausejoin) { return !(t + 1 < end && lowerIs(t + 1, "that")) }
        return asideParticiple(at: t, end: end)
    }

    /// An -ing word (after an optional -ly adverb) that opens a participle phrase, not a cue ("adding" starts the
    /// next attribution anyway) nor a preposition-like word ("including", "regarding").
    private func asideParticiple(at t: Int, end: Int) -> Bool {
        var k = t
        if k + 1 < end, isWord[k], lower[k].hasUTF8Suffix("ly"), quoteOf[k] < 0 { k += 1 }
        guard k < end, isWord[k], quoteOf[k] < 0, lower[k].hasMoreCharacters(than: 4), lower[k].hasUTF8Suffix("ing"),
              !has(k, .notaside) else { return false }
        return true
    }

    func skipTime(_ start: Int, end: Int) -> Int {
        var k = start
        while k < end, isWord[k] {
            // "called Friday's decision a win": a possessive time word opens the object.
            if k + 1 < end, isPossessiveS(k + 1) { break }
            if has(k, .time) { k += 1; continue }
            if has(k, .timeprep), k + 1 < end, has(k + 1, .time) { k += 2; continue }
            break
        }
        return k
    }

    /// The end of the hearer phrase after a tell cue that closes its sentence ("told [reporters]",
    /// "told [The Huffington Post] on Thursday"); `start` when no phrase opens there.
    func hearerEnd(from start: Int, end: Int) -> Int {
        guard start < end, isWord[start] else { return start }
        if has(start, .object), !has(start, .det) { return start + 1 }
        guard let np = nounPhrase(startingAt: start, ceiling: end) else { return start }
        let e = afterOutletNouns(np.upperBound, end: end)
        return e > np.upperBound ? e : afterHearerHead(np, end: end)
    }

    /// "told a Los Angeles court the residue may have come ...": after a determiner and a name as modifier, the
    /// hearer's own lower-case head, when a clause opens right after it; the end after it (else the phrase's).
    private func afterHearerHead(_ np: Range<Int>, end: Int) -> Int {
        let s = np.lowerBound, e = np.upperBound
        guard has(s, .det), !isCap[s], isCap[e - 1], e + 1 < end, isWord[e], !isCap[e], quoteOf[e] < 0,
              cueAt[e] == nil, !has(e, .boundary), !has(e, .skip), !has(e, .det), isWord[e + 1],
              has(e + 1, .subject) || has(e + 1, .det) else { return e }
        return e + 1
    }

    /// "the BBC News website", "BBC Radio 4's Today programme": up to two outlet nouns (words.tsv outlet) after a
    /// hearer's name are part of the hearer; the end after them.
    private func afterOutletNouns(_ from: Int, end: Int) -> Int {
        var e = from
        while e < end, e - from < 2, isWord[e], quoteOf[e] < 0, has(e, .outlet) { e += 1 }
        return e
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
        // "told BBC Radio 4's Today programme: “...”", "told the Reuters news agency: “...”": a hearer runs to a
        // colon before a quote, however its words read as a phrase; what was said is the quote, not the hearer's
        // last words and the quote as one mixed clause.
        if j > start, j + 1 < lower.count, isPunct(j, ":"), isOpenMark(j + 1),
           !(start..<j).contains(where: { quoteOf[$0] >= 0 }) {
            return j + 1
        }
        guard start < end, isWord[start] else { return start }
        if has(start, .object) && !has(start, .det) { return start + 1 }
        if let np = nounPhrase(startingAt: start, ceiling: end), isCap[start] || has(start, .det),
           !np.contains(where: { isWord[$0] && lex.is(lower[$0], .nothearer) }) {
            // "told the BBC News website the party ...", "told the Financial Times newspaper": an outlet noun after
            // the name is part of the hearer.
            var e = afterOutletNouns(np.upperBound, end: end)
            if e == np.upperBound { e = afterHearerHead(np, end: end) }
            // "told the World Service programme Go Digital he hoped ...", "told the newspaper Clarin it would":
            // the outlet's name after its noun, when a clause opens right after it with a subject word.
            if e > np.upperBound {
                var k = e
                while k < end, k - e < 4, isWord[k], isCap[k], quoteOf[k] < 0, !isPersonMention(k) { k += 1 }
                if k > e, k < end, isWord[k], !isCap[k], has(k, .subject) || has(k, .det) || lower[k] == "there" {
                    e = k
                }
            }
            return e
        }
        return start
    }
}
