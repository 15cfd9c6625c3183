// Cue finding: the cue phrases of cues.tsv and the copula cues matched at each token, the tests that turn a match
// away (a noun or adjective reading, a compound head, a naming verb, a construal verb without "as"), and the verbs
// no list holds that a "that"-clause reveals. QuoteContext.init runs it once per document (`findCues`, then
// `pruneUnlistedThatCues` once the quoted text is known).

extension QuoteContext {
    /// Words that may sit between a form of be and its stance adjective in a copula cue.
    private static let copulaGap = QuoteWordClass.skip.bit | QuoteWordClass.degree.bit

    /// The first cue phrase of cues.tsv starting at `t` and where it ends. Its words are consecutive, except that
    /// an adverb or a time word may follow a word ("spoke emotionally of", "called Friday for", "spoke out
    /// Tuesday about"), two at most.
    private func listedCue(at t: Int) -> (CuePhrase, Int)? {
        guard wordClasses[t] & QuoteLexicon.cueStartBit != 0,
              let phrases = cuePhrases(at: t, byKey: lex.cuesByKey, byWord: lex.cues) else { return nil }
        let n = lower.count
        for p in phrases where t + p.count <= n {
            // Its second word is the next token or the one after an adverb or time word (see `matches`).
            if let w = p.second, !lowerIs(t + 1, w), t + 2 >= n || !lowerIs(t + 2, w) { continue }
            var at = t + 1, skipped = 0
            if matches(p.words.dropFirst(), at: &at, skipped: &skipped) { return (p, at) }
        }
        return nil
    }

    /// A copula cue at a form of be `t` ("were also incensed that", "is not so sure", "was skeptical of"): up to
    /// two adverbs or degree words, then a stance adjective whose phrase (quotes/words.tsv) follows.
    private func copulaCue(at t: Int, sentenceStart sStart: Int) -> (CuePhrase, Int)? {
        guard wordClasses[t] & QuoteWordClass.copula.bit != 0 else { return nil }
        let n = lower.count
        var a = t + 1, skipped = 0
        while a < n, skipped < 2, isWord[a], quoteOf[a] < 0, copulaPhrases(at: a) == nil,
              isAdverbOrTime(a) || wordClasses[a] & Self.copulaGap != 0 {
            a += 1
            skipped += 1
        }
        guard a < n, let phrases = copulaPhrases(at: a) else { return nil }
        // "To be sure, ...", "just to be sure you'll have ...": an infinitive "be" has no subject of its own to hold
        // the belief.
        let infinitiveBe = lower[t] == "be" && t > sStart && lower[t - 1] == "to"
        // "The company's concerned investors": 's after a noun is mostly a possessive; it is "is" there only when
        // the adjective's complement follows at once ("Trump's confident that", "Lopez's skeptical of").
        let possessive = isPossessiveS(t) && !(t > sStart && wordClasses[t - 1] & Self.notOwners != 0)
        for p in phrases where a + p.count <= n && !(infinitiveBe && p.frame == .belief) {
            var at = a + 1, gaps = skipped
            guard matches(p.words.dropFirst(), at: &at, skipped: &gaps, repeatGaps: true) else { continue }
            if possessive, p.count == 1, !(at < n && (lower[at] == "that" || lower[at] == "to")) { continue }
            return (p, at)
        }
        return nil
    }

    /// The phrases (listed or copula cues) whose first word is token `t`: by its key number in the word table, with
    /// no hashing of the word, except for a word the table was not asked about. The table holds every first word of
    /// both kinds, so an ASCII word without a key starts none.
    private func cuePhrases(at t: Int, byKey: [[CuePhrase]?], byWord: [String: [CuePhrase]]) -> [CuePhrase]? {
        let key = wordKey[t]
        if key >= 0 { return byKey[Int(key)] }
        return key == Self.notLookedUp ? byWord[lower[t]] : nil
    }

    /// Whether token `t` is a noun of words.tsv class compoundhead: by its key number, with no hashing of the word,
    /// except for a word the table was not asked about.
    private func isCompoundHead(_ t: Int) -> Bool {
        let key = wordKey[t]
        if key >= 0 { return lex.compoundHeadByKey[Int(key)] }
        return key == Self.notLookedUp && lex.is(lower[t], .compoundhead)
    }

    /// The copula cue phrases whose adjective is token `a`.
    private func copulaPhrases(at a: Int) -> [CuePhrase]? {
        cuePhrases(at: a, byKey: lex.copulaCuesByKey, byWord: lex.copulaCues)
    }

    /// Whether `words` follow from `at` (moved past them), with adverbs or time words between (one before each
    /// word, or any number with `repeatGaps`; `skipped` counts them, two at most in all).
    private func matches(_ words: ArraySlice<String>, at: inout Int, skipped: inout Int, repeatGaps: Bool = false)
        -> Bool {
        let n = lower.count
        for w in words {
            while at < n, !lowerIs(at, w), skipped < 2, isWord[at], quoteOf[at] < 0, isAdverbOrTime(at) {
                at += 1
                skipped += 1
                if !repeatGaps { break }
            }
            guard at < n, lowerIs(at, w) else { return false }
            at += 1
        }
        return true
    }

    private func isAdverbOrTime(_ t: Int) -> Bool {
        (lower[t].hasUTF8Suffix("ly") && lower[t].hasMoreCharacters(than: 3)) || has(t, .time)
    }

    /// The cue starting at each token. Not a mutating method writing `self.cueAt`: from a mutating method each call
    /// of a helper copied the whole context (some 400 bytes) to pass it, three copies per candidate word. The
    /// helpers that read `self.cueAt` here (all nil until this returns) read it only after the word being tested,
    /// where no cue is set yet in either way.
    func findCues() -> [CueMatch?] {
        let n = lower.count
        var cueAt = [CueMatch?](repeating: nil, count: n)
        var t = 0
        while t < n {
            defer { t += 1 }
            guard wordClasses[t] & (QuoteLexicon.cueStartBit | QuoteWordClass.copula.bit) != 0,
                  quoteOf[t] < 0 || !directs[quoteOf[t]].inner.contains(t), !skipped(t) else { continue }
            let sStart = sentence(of: t)?.tokens.lowerBound ?? 0
            // Capitalised forms count only as a sentence's first word ("United States" holds no cue), or in a
            // title-case headline ("Obama Says Museum Will Tell ...").
            if isCap[t] && t != sStart && !(t - 1 >= 0 && quoteOf[t - 1] >= 0 && t - 1 == sStart)
                && !isTitleCase(sentenceOf[t]) { continue }
            // A capitalised cue word that opens a name of two words or more is that name's first word: "Ask
            // Jeeves said ...", "Ask Jeeves joins web log market" (the company, not the verb).
            if isCap[t], mentionOf[t] >= 0, case let m = doc.mentions[mentionOf[t]], m.tokens.lowerBound == t,
               m.tokens.count >= 2 { continue }
            // Not `??`: its autoclosure copied the whole context for every candidate word.
            var listed = listedCue(at: t)
            if listed == nil { listed = copulaCue(at: t, sentenceStart: sStart) }
            guard let (p, end) = listed else { continue }
            // "the think tank", "the answers", "no doubt", "the alleged bomber": after an article a one-word verb
            // cue is a noun or an adjective; it reports only with its complement at once ("the urge to ...").
            if p.frame != .noun, !p.copula, p.count == 1, t > 0, isWord[t - 1], has(t - 1, .article),
               !(end < n && (lower[end] == "to" || lower[end] == "that")) { continue }
            if p.frame != .noun, !p.copula, isNounOrAdjective(at: t, end: end, sentenceStart: sStart) { continue }
            // "the Paris-based economics think tank said": the cue word is the first half of a compound noun.
            if p.count == 1, end < n, isWord[end], isCompoundHead(end) { continue }
            // "It is worth noting that ...", "It goes without saying that ...": the writer's set phrase.
            if t > sStart, isWord[t - 1], has(t - 1, .remark) { continue }
            if has(t, .naming), namesNoun(at: t, end: end, sentenceStart: sStart) { continue }
            // A verb of construal is a cue only with "as" after its object ("saw the film" is none; nor is the
            // participle of "remarks viewed by some as ..."): otherwise it would end another cue's content or make
            // the word before it a noun.
            // In the agentless passive its object is the subject, so "as" follows at once ("The court was viewed as
            // favorable"): read by the passive rule (words.tsv passivecue).
            if wordClasses[t] & QuoteWordClass.asobject.bit != 0, end >= n || lower[end] == "by"
                || !(hasConstrualAs(from: end, end: sentence(of: t)?.tokens.upperBound ?? n)
                     || (lower[end] == "as" && afterCopula(t, floor: sStart))) { continue }
            // ", adding ...", ", even suggesting ...": an -ing cue after a comma (and adverbs), or after a
            // closing mark with the comma inside it ('... a decade ago," adding that ...').
            // ", having previously indicated ...": a perfect participle is one too.
            let perfect = lower[t].hasUTF8Suffix("ed")
            var before = t - 1, having = false
            while before > sStart, isWord[before], has(before, .skip) || (perfect && lower[before] == "having") {
                having = having || lower[before] == "having"
                before -= 1
            }
            let participle = (lower[t].hasUTF8Suffix("ing") || perfect && having) && !p.copula
                && (isPunct(before, ",") || (isCloseMark(before) && isPunct(before - 1, ",")))
            cueAt[t] = CueMatch(tokens: t..<end, frame: p.frame, isParticiple: participle, infinitive: p.infinitive)
            t = end - 1
        }
        // "in the latest Post/ABC poll", "in some polls": attributes its clause to the poll like "according to".
        var t2 = 0
        while t2 + 1 < n {
            defer { t2 += 1 }
            guard lowerIs(t2, "in"), cueAt[t2] == nil, quoteOf[t2] < 0, !skipped(t2) else { continue }
            var k = t2 + 1
            while k < n, k - t2 <= 10, quoteOf[k] < 0, isWord[k] || isPunct(k, "/-’'") {
                if isWord[k], has(k, .pollsource) {
                    cueAt[t2] = CueMatch(tokens: t2..<(t2 + 1), frame: .according, isParticiple: false)
                    break
                }
                k += 1
            }
        }
        // A cue word right before another cue is a noun heading the subject ("the reports shows", "his comments
        // said"): only the second is a cue. "according to" stays a cue ("according to show insiders"), and so does
        // a cue before a noun cue, its object ("signaled willingness to ...").
        // Nor is a cue ending in a preposition a noun: the cue word after it is its object ("did not respond to
        // requests for comment", "called for talks").
        // A verb of speech before an -ing cue keeps its reading when no determiner makes it a noun: "“...,”
        // Williams said referring to her match" (the participle hangs on "said"; "the reports showing" stays a noun).
        for t in 0..<max(0, n - 1) {
            if let c = cueAt[t], c.frame != .according, c.tokens.upperBound < n,
               let next = cueAt[c.tokens.upperBound], next.frame != .noun, !endsInPreposition(c),
               !(c.frame == .speech && lower[c.tokens.upperBound].hasUTF8Suffix("ing")
                 && !(t > 0 && isWord[t - 1] && (has(t - 1, .det) || has(t - 1, .possessive)))) {
                cueAt[t] = nil
            }
        }
        findUnlistedThatCues(&cueAt)
        return cueAt
    }
}

extension QuoteContext {
    /// A verb cue read where the word is a noun or an adjective, so it reports nothing:
    /// - an -ed form after a preposition ("in reported donations", "with suspected offences"; a plural noun cue
    ///   there still reports: "a flurry of tweets shaming ...", "in hopes of ...");
    /// - an -ed form after a possessive ("his declared interests", "his alleged rival");
    /// - after a quantifier that cannot stand alone as the subject there: "any", "every", "each" ("any attacks
    ///   exploiting the flaw"), or a determiner after a preposition ("in some respects", "of those asked"); not
    ///   an -ing form ("each touting their own experience");
    /// - a present or base form right before a past verb and that verb's object or complement ("Disappointing
    ///   economic reports dented the currency", "The Fox show proved a ratings flop", "jobless claims jumped to
    ///   367,000"): the cue heads the subject. A subject pronoun before it makes it a verb with a gap ("who it says
    ///   headed CFD's sales operations"), and an -ed word before a noun is an adjective ("offers rented music").
    /// A complement that only a verb or a noun cue takes ("with claims that ...", "any plans to ...") keeps it.
    fileprivate func isNounOrAdjective(at t: Int, end: Int, sentenceStart lo: Int) -> Bool {
        let n = lower.count
        let w = lower[t]
        let complement = end < n && (lower[end] == "to" || lower[end] == "that")
        let prep = QuoteWordClass.venueprep.bit | QuoteWordClass.preposition.bit
        if t > lo, isWord[t - 1], quoteOf[t - 1] < 0, !isCap[t - 1] {
            let before = t - 1
            if wordClasses[before] & prep != 0, w.hasUTF8Suffix("ed"), !complement {
                return true
            }
            if has(before, .possessive), w.hasUTF8Suffix("ed"), !complement { return true }
            // "the supporting cast", "(the) best supporting actress": an -ing form after an article or a
            // superlative is an adjective ("the protest calling for ..." is a participle: no superlative).
            if w.hasUTF8Suffix("ing"), !complement, has(before, .article) || lex.is(lower[before], .superlative) {
                return true
            }
            if has(before, .det), !has(before, .article), !has(before, .possessive), !complement,
               !w.hasUTF8Suffix("ing"),
               ["any", "every", "each"].contains(lower[before])
                || (before > lo && isWord[before - 1] && wordClasses[before - 1] & prep != 0
                    && lower[before - 1] != "to") {
                return true
            }
        }
        // "There is also no built-in support for ...": a word of the phrase an existential "there is" introduces
        // is a noun (not "there are those who say": a relative between, nor "there was reason to think": an
        // infinitive); with its complement at once it reports as a noun cue does ("There were also fears that").
        if !complement, t > lo, lower[t - 1] != "to" {
            var k = t - 1
            while k > lo, t - k <= 4, isWord[k], quoteOf[k] < 0, !isCap[k], !has(k, .relative), !has(k, .copula) {
                k -= 1
            }
            if k > lo, k < t - 1, isWord[k], has(k, .copula), lower[k - 1] == "there" { return true }
        }
        // A cue before a past verb and its object.
        guard !w.hasUTF8Suffix("ed"), !w.hasUTF8Suffix("ing"), end + 1 < n, isWord[end], !isCap[end], quoteOf[end] < 0,
              cueAt[end] == nil, lower[end].hasMoreCharacters(than: 4), lower[end].hasUTF8Suffix("ed"),
              !has(end, .copula),
              isWord[end + 1] || doc.tokens[end + 1].text.unicodeScalars.first?.properties.numericType != nil
        else { return false }
        let next = end + 1
        let digit = doc.tokens[next].text.unicodeScalars.first?.properties.numericType != nil
        guard digit || wordClasses[next] & (QuoteWordClass.det.bit | QuoteWordClass.quantity.bit
            | QuoteWordClass.possessive.bit | prep) != 0 else { return false }
        if t > lo, isWord[t - 1], wordClasses[t - 1] & (QuoteWordClass.subject.bit | QuoteWordClass.person.bit
            | QuoteWordClass.group.bit | QuoteWordClass.relative.bit) != 0 || lower[t - 1] == "that" {
            return false
        }
        return true
    }

    /// "a leader of a Pakistan-based group called Lashkar-e-Taiba", "near a mountain stream called Miracle Run": a
    /// naming participle (words.tsv naming) at `t` right after a lower-case noun whose phrase is indefinite or the
    /// object of a preposition, and before a capitalised name, names that noun. A subject before it calls ("The
    /// campaign called Trump a liar"); a noun set off by a comma is named (below).
    fileprivate func namesNoun(at t: Int, end: Int, sentenceStart lo: Int) -> Bool {
        // "a drama project for HBO, called The Rise And Fall Of Taylor Kennedy", "a service, dubbed Skype Out,":
        // a naming participle set off by a comma, right before a name, names the phrase before the comma. Also
        // after the sentence's subject ("The program, called EB-5, allows ..."): PolNeAR's attribution there is of
        // "allows", no cue here, whose content the naming's reading ("EB-5, allows foreign investors ...") only
        // overlapped by chance (one PolNeAR quote).
        if t - 1 > lo, isPunct(t - 1, ","), quoteOf[t - 1] < 0, end == t + 1, end < lower.count, isWord[end],
           isCap[end], quoteOf[end] < 0 {
            return true
        }
        let notNoun = QuoteWordClass.det.bit | QuoteWordClass.skip.bit | QuoteWordClass.copula.bit
            | QuoteWordClass.person.bit | QuoteWordClass.group.bit | QuoteWordClass.subject.bit
            | QuoteWordClass.relative.bit | QuoteWordClass.boundary.bit
        // ("An umbrella organisation called the Disasters Emergency Committee": "the" may open the name.)
        guard t - 1 > lo, isWord[t - 1], !isCap[t - 1], wordClasses[t - 1] & notNoun == 0, end < lower.count,
              isWord[end], isCap[end] || (lower[end] == "the" && end + 1 < lower.count && isCap[end + 1])
        else { return false }
        var d = t - 1
        while d > lo, t - d < 6, isWord[d - 1] || isPunct(d - 1, "-"), !has(d - 1, .det) { d -= 1 }
        let prep = QuoteWordClass.venueprep.bit | QuoteWordClass.preposition.bit
        guard d - 1 >= lo, has(d - 1, .det) else { return false }
        // "Other features include a messaging application called Pictochat", "a song called Judge Y'Self": an
        // indefinite noun is named wherever its phrase stands; one that calls is a definite source ("The
        // campaign called Trump a liar"). Not past a preposition ("A report by two committees called on Thursday
        // for ...": the report called) nor for a longer cue.
        if lower[d - 1] == "a" || lower[d - 1] == "an", end == t + 1,
           !(d..<t).contains(where: { wordClasses[$0] & prep != 0 || Self.nonClauseStarts.contains(lower[$0]) }) {
            return true
        }
        guard d - 2 >= lo, isWord[d - 2] else { return false }
        return wordClasses[d - 2] & prep != 0 || Self.nonClauseStarts.contains(lower[d - 2])
    }

    /// A form of be (words.tsv copula) ends right before `t`, adverbs and auxiliaries aside: "was (widely) viewed",
    /// "is being considered" (a passive participle).
    fileprivate func afterCopula(_ t: Int, floor lo: Int) -> Bool {
        var j = t - 1
        while j >= lo, isWord[j], !has(j, .copula),
              has(j, .skip) || lower[j].hasUTF8Suffix("ly") || lower[j] == "being" {
            j -= 1
        }
        return j >= lo && isWord[j] && has(j, .copula)
    }

    /// An object cue phrase of more than one word whose last word is a preposition ("respond to", "called for").
    func endsInPreposition(_ c: CueMatch) -> Bool {
        c.frame == .object && c.tokens.count > 1 && has(c.tokens.upperBound - 1, .cueprep)
    }

    /// "Clinton has pooh-poohed that ...", "the group contends that ...": a verb no cue lists, inflected (-s or
    /// -ed) and followed right away by "that", is a candidate cue of frame that. Only a verb form can stand there
    /// with a subject before it; CueAttribution keeps it only when that subject is a plausible source, so relative
    /// "that" after a plural noun ("the problems that ...") never reports; nor does a word of any words.tsv class
    /// (auxiliaries, copulas: "is that", "does that").
    fileprivate func findUnlistedThatCues(_ cueAt: inout [CueMatch?]) {
        let n = lower.count
        var covered = [Bool](repeating: false, count: n)
        for case let c? in cueAt { for k in c.tokens { covered[k] = true } }
        // A word right after a cue is that cue's object ("attacked loopholes that ..."), not a verb.
        // The string comparison comes after the table tests: it was most of this loop's time.
        for t in 1..<max(1, n - 1) where !covered[t] && !covered[t - 1] && isWord[t] && !isCap[t]
            && quoteOf[t] < 0 && wordClasses[t] == 0 && lowerIs(t + 1, "that") && !skipped(t) {
            let w = lower[t]
            let inflected = (w.hasUTF8Suffix("ed") && w.hasMoreCharacters(than: 4))
                || (w.hasUTF8Suffix("s") && !w.hasUTF8Suffix("ss") && !w.hasUTF8Suffix("us") && !w.hasUTF8Suffix("is")
                    && w.hasMoreCharacters(than: 3))
            guard inflected, w.allSatisfy({ $0.isLetter || $0 == "-" }) else { continue }
            cueAt[t] = CueMatch(tokens: t..<(t + 1), frame: .that, isParticiple: false, unlisted: true)
        }
    }

    /// A candidate the attribution would reject leaves no cue behind: listed cues end their content at the next
    /// cue, and a noun before a relative "that" ("the reasons that ...") must not cut another quote short. A
    /// pronoun subject is kept: it resolves only in reading order (the extractor's last speaker).
    /// Right to left: a candidate's content runs rightwards and ends at the next cue, so a later candidate that is
    /// no cue ("countries that stand ...") must be gone before an earlier one is read ("Trump charges that
    /// countries that stand to benefit ...").
    mutating func pruneUnlistedThatCues() {
        for t in cueAt.indices.reversed() {
            guard let c = cueAt[t], c.unlisted else { continue }
            let lo = sentence(of: t)?.tokens.lowerBound ?? 0
            let j = skipBackModifiers(from: t - 1, floor: lo)
            let pronoun = j >= lo && (has(j, .person) || has(j, .group) || has(j, .relative))
            if !pronoun && unlistedThatClause(c, lastSpeaker: nil) == nil { cueAt[t] = nil }
        }
    }
}
