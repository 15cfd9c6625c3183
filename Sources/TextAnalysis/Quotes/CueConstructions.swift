// The constructions around a cue that decide whether it attributes at all and where its parts lie: reduced
// relatives ("a penalty imposed by the bureau"), participles set off between subject and verb, passive agents,
// verbs of seeming (subject and experiencer), participles modifying a preposition's object, and parenthetical
// attributions inside a clause. CueAttribution.swift asks them while it attributes one cue.

extension QuoteContext {
    /// The noun phrase a past participle at `a` modifies as a reduced relative ("[a record $100 million penalty]
    /// imposed by ...", "[the plan] endorsed by ..."): read leftwards from the word before it over nouns,
    /// adjectives, numbers and possessives, through its determiner. Nil when that word is no noun: an auxiliary
    /// or a form of be (a passive, read by passiveSubject), a pronoun, a relative or clause word, a preposition or
    /// another cue ("he approved by ..."); nil too for a participle of words.tsv literal or naming.
    func reducedRelativeHead(before a: Int, floor lo: Int) -> Range<Int>? {
        // Participles that are often literal ("systems maintained by Sun", "a strike called by the union").
        guard wordClasses[a] & (QuoteWordClass.literal.bit | QuoteWordClass.naming.bit) == 0 else { return nil }
        let stop = QuoteWordClass.skip.bit | QuoteWordClass.copula.bit | QuoteWordClass.boundary.bit
            | QuoteWordClass.relative.bit | QuoteWordClass.person.bit | QuoteWordClass.group.bit
            | QuoteWordClass.subject.bit | QuoteWordClass.venueprep.bit | QuoteWordClass.preposition.bit
            | QuoteWordClass.clausestop.bit | QuoteWordClass.firstperson.bit | QuoteWordClass.time.bit
        // A cue noun is a noun like any other here ("the plan, announced by ...").
        func noCue(_ t: Int) -> Bool { cueAt[t].map { $0.frame == .noun } ?? true }
        let e = a - 1
        guard e >= lo, isWord[e], quoteOf[e] < 0, noCue(e), wordClasses[e] & stop == 0,
              !has(e, .det), !has(e, .possessive), lower[e] != "that", !lower[e].hasUTF8Suffix("ly") else { return nil }
        var k = e
        while k - 1 >= lo, e - k < 8, quoteOf[k - 1] < 0, noCue(k - 1) {
            let p = k - 1
            if isWord[p] {
                if has(p, .det) || has(p, .possessive) { k = p; break }
                if wordClasses[p] & stop != 0 || Self.nonClauseStarts.contains(lower[p]) || lower[p] == "and"
                    || lower[p] == "or" || lower[p] == "that" { break }
                k = p
                continue
            }
            // "$100 million", "the union's penalty", "a well-known view".
            if isPunct(p, "$-") || isPossessiveS(p) { k = p; continue }
            break
        }
        while k < e, !isWord[k], !isPunct(k, "$") { k += 1 }
        // Without a determiner the run may have begun at a verb ("to meet tough new corporate governance
        // regulations imposed by ...") or be an adverb ("as already announced by"): a short run whose head is
        // plural or a name only.
        if !(has(k, .det) || has(k, .possessive)) {
            let w = lower[e]
            guard e - k < 3,
                  isCap[e] || (w.hasUTF8Suffix("s") && !w.hasUTF8Suffix("ss") && w.hasMoreCharacters(than: 3))
            else { return nil }
        }
        return k..<(e + 1)
    }

    /// The -ing cue at `a` follows a comma (adverbs aside) right after the noun phrase that opens its sentence
    /// ("The senator, arguing that ..., voted"): it is set off inside the main clause.
    func insetAfterSubject(_ a: Int, sentence s: Sentence) -> Bool {
        let lo = s.tokens.lowerBound
        var k = a - 1
        while k > lo, isWord[k], has(k, .skip) { k -= 1 }
        guard k - 1 > lo, isPunct(k, ","), quoteOf[k] < 0, let np = nounPhrase(endingAt: k - 1, floor: lo) else {
            return false
        }
        return np.lowerBound == trimLeading(lo, end: k)
    }

    /// True when the -ing cue at `a` follows, with nothing between, the noun phrase that opens its sentence
    /// ("Groups challenging the plans include ...", "Lawyers disputing the claims said ..."): the participle
    /// modifies that subject, and the sentence's own verb comes after the participle's object, so no clause read
    /// after the cue is what anyone said. A headline (no closing stop) drops its "is": "Tories opposing 24-hour
    /// drinking" is theirs.
    func participleInOpeningSubject(_ a: Int, sentence s: Sentence) -> Bool {
        let lo = s.tokens.lowerBound
        let verbal = QuoteWordClass.copula.bit | QuoteWordClass.auxiliary.bit | QuoteWordClass.skip.bit
        var last = s.tokens.upperBound - 1
        while last > a, isCloseMark(last) { last -= 1 }
        guard isPunct(last, ".!?"), lower[a].hasUTF8Suffix("ing"), a - 1 >= lo, isWord[a - 1], quoteOf[a - 1] < 0,
              wordClasses[a - 1] & verbal == 0, let np = nounPhrase(endingAt: a - 1, floor: lo),
              np.lowerBound == trimLeading(lo, end: a) else { return false }
        return !np.contains { wordClasses[$0] & verbal != 0 || cueAt[$0] != nil || quoteOf[$0] >= 0 }
    }

    /// The agent of a passive names someone ("by the bureau", "by Trump", "by fellow physicians"), not a time, a
    /// number or a means ("by 2020", "by phone").
    func plausibleAgent(at t: Int) -> Bool {
        guard t < lower.count, isWord[t], quoteOf[t] < 0, !has(t, .time) else { return false }
        func number(_ k: Int) -> Bool { doc.tokens[k].text.unicodeScalars.first?.properties.numericType != nil }
        // "ruled by an eight to one majority", "passed by a 5-4 vote": a margin, not an agent.
        if has(t, .det), t + 1 < lower.count, isWord[t + 1], has(t + 1, .quantity) || number(t + 1) { return false }
        let digit = number(t)
        return !digit && (isCap[t] || has(t, .det) || has(t, .quantity) || has(t, .sourcehead) || has(t, .group)
            || lower[t].hasUTF8Suffix("s"))
    }

    /// True when the token at `a` lies in its sentence's opening subordinate clause, before the comma that ends it
    /// ("While a curfew was announced from midnight, authorities did not enforce it", "Although the plan is
    /// intended to ..., it leaves ..."): what a cue there reports ends at that comma, not in the main clause.
    /// The same reading the speaker rules give a cue after an opener (words.tsv opener).
    func inOpeningClause(_ a: Int) -> Bool {
        guard let s = sentence(of: a) else { return false }
        let lead = trimLeading(s.tokens.lowerBound, end: a)
        guard lead < a, isWord[lead], has(lead, .opener) else { return false }
        return !(lead..<a).contains { isPunct($0, ",;:") }
    }

    /// Where the content of a verb of seeming starts (words.tsv seeming: "The Syrian conflict may once have seemed
    /// far away", "Melania seems to have vanished"): its subject is part of what seems so, and PolNeAR's content
    /// runs from it around the cue; no one is named as the source. The subject is the sentence's opening words
    /// when nothing (no comma, quote or cue) separates them from the cue, else the phrase read as speaker ("...,
    /// which seems to be ..."). Nil when that phrase is not right before the cue.
    func seemingSubject(_ sp: SpeakerGuess, cue a: Int, sentence s: Sentence) -> Int? {
        let m = sp.mention
        guard m.upperBound <= a, m.lowerBound >= s.tokens.lowerBound,
              skipBackModifiers(from: a - 1, floor: s.tokens.lowerBound) < m.upperBound else { return nil }
        let lead = trimLeading(s.tokens.lowerBound, end: a)
        let open = (lead..<a).allSatisfy { !isPunct($0, ",;:") && quoteOf[$0] < 0 && cueAt[$0] == nil }
        return open && lead <= m.lowerBound ? lead : m.lowerBound
    }

    /// True when the past participle at `a` follows a lower-case noun whose phrase (back to its determiner) is the
    /// object of a preposition ("from a series of injections intended", "similar to the cash offered"), and "to", a
    /// preposition or a time word follows it, not an object: a finite verb's subject is never a preposition's
    /// object, so the participle modifies that noun. Not after "after", "before" or "while", which also open a
    /// clause with its own subject ("after the company agreed to pay"), nor when the prepositional phrase may end
    /// the sentence's subject ("A spokesman for the firm refused to comment"): a verb (a form of be, an auxiliary,
    /// a cue or an -ed word) comes before it, or it opens the sentence ("In a statement issued on Wednesday").
    /// The noun phrase is plain: no conjunction or -ly adverb in it ("for a takeover or merely wanted to").
    func modifiesPrepositionalObject(participle a: Int, floor lo: Int, end: Int) -> Bool {
        let notNoun = QuoteWordClass.det.bit | QuoteWordClass.skip.bit | QuoteWordClass.copula.bit
            | QuoteWordClass.person.bit | QuoteWordClass.group.bit | QuoteWordClass.subject.bit
            | QuoteWordClass.relative.bit | QuoteWordClass.boundary.bit
        let b = a + 1
        let plain = { (t: Int) in
            self.isWord[t] && self.quoteOf[t] < 0 && self.cueAt[t] == nil && !self.lower[t].hasUTF8Suffix("ly")
                && !["and", "or", "but"].contains(self.lower[t])
        }
        guard a - 1 > lo, plain(a - 1), !isCap[a - 1], wordClasses[a - 1] & notNoun == 0,
              b < end, isWord[b], quoteOf[b] < 0, lower[b] == "to" || isPreposition(b) || has(b, .time)
        else { return false }
        var d = a - 1
        while d > lo, a - d < 6, plain(d - 1), !has(d - 1, .det) { d -= 1 }
        guard d - 2 >= lo, has(d - 1, .det), isWord[d - 2], isPreposition(d - 2),
              !["after", "before", "while"].contains(lower[d - 2]) else { return false }
        let lead = trimLeading(lo, end: d - 2)
        return lead >= d - 2 || (lead..<(d - 2)).contains { t in
            isWord[t] && quoteOf[t] < 0 && (has(t, .copula) || has(t, .auxiliary) || cueAt[t] != nil
                || (!isCap[t] && lower[t].hasMoreCharacters(than: 3) && lower[t].hasUTF8Suffix("ed")))
        }
    }

    /// The experiencer of a verb of seeming ("Nothing about them seems [credible] to [me]", "The conflict may have
    /// seemed [far away] to [European citizens]"): after a short complement (one to three words, no cue), "to" and a
    /// noun phrase (an object pronoun, a determiner, a possessive or a name) of at most four tokens that ends the
    /// clause `r` read from `b`, the token after the cue. PolNeAR annotates that phrase as the source and leaves
    /// it and "to" out of the content. An infinitive ("seems to have vanished", "seemed eager to dish") is content.
    func seemingExperiencer(in r: Range<Int>, after b: Int) -> Range<Int>? {
        guard r.lowerBound == b, r.upperBound > b + 1,
              let to = (b + 1..<min(r.upperBound, b + 4)).first(where: { lower[$0] == "to" && quoteOf[$0] < 0 }),
              (b..<to).allSatisfy({ isWord[$0] && cueAt[$0] == nil && quoteOf[$0] < 0 }),
              to + 1 < r.upperBound, r.upperBound - (to + 1) <= 4,
              (to + 1..<r.upperBound).allSatisfy({ (isWord[$0] || isPossessiveS($0)) && quoteOf[$0] < 0 })
        else { return nil }
        let h = to + 1
        guard has(h, .object) || has(h, .det) || has(h, .possessive) || isCap[h] else { return nil }
        return h..<r.upperBound
    }

    /// True when the attribution ending at token `p` (after its cue, hearer and time phrase) is set between commas
    /// inside a clause that goes on after it: "To understand the real Dred Scott, Chief Justice Roberts said, one
    /// should visit this museum", "The middle fifth paid 8.9 percent, the agency said in a June report, ...".
    /// PolNeAR's content runs around such an attribution, whatever word follows it; a venue phrase before the
    /// second comma ("in a June report") is stepped over, moving `p` to that comma. Not an attribution inside an
    /// opening phrase ("In a statement, the firm said, ..."), nor one followed by another cue (", adding"), a
    /// relative clause, "according to" or "as" (", lawmakers said, as they bristled at ...": the circumstances of
    /// the saying, the writer's words).
    /// `minWords`: words the clause needs before the attribution (an inverted one, "This, says Smith, is ...",
    /// is clear with one).
    func parentheticalRest(at p: inout Int, before comma: Int, sentence start: Int, end: Int,
                           minWords: Int = 3) -> Bool {
        var k = p
        if k < end, isWord[k], has(k, .venueprep) {
            var j = k + 1
            while j < end, j - k < 8, isWord[j], cueAt[j] == nil, quoteOf[j] < 0, lower[j] != "that" { j += 1 }
            guard j < end, isPunct(j, ",") else { return false }
            k = j
        }
        guard k + 2 < end, isPunct(k, ","), isWord[k + 1], quoteOf[k + 1] < 0, cueAt[k + 1] == nil,
              !has(k + 1, .relative), lower[k + 1] != "according", lower[k + 1] != "as",
              !isCloseMark(comma - 1) else { return false }
        let lead = trimLeading(start, end: comma)
        guard lead < comma, !has(lead, .intro), wordCount(lead..<comma) >= minWords else { return false }
        p = k
        return true
    }
}
