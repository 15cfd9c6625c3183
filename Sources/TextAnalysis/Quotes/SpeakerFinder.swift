// Finds who a cue belongs to: the phrase before it ("Hugh Hill, a doctor, said"), after it ("said O'Neill",
// "according to the report"), and what that phrase refers to (an entity by mention, pronoun or title, or a
// non-name source such as "officials" kept as text with no entity). A first-person pronoun outside quoted text
// is the text's own author ("I think the song should have won" in a column or a reader's comment): PolNeAR
// annotates such statements with the pronoun as source, so they stay quotes, named "the author" with no entity.
// A gendered pronoun never resolves to a person the text makes of the other gender (entities/gendered-words.tsv).
// Pronoun antecedents are found in PronounAntecedents.swift, a title's holder ("the minister") in TitleHolders.swift.

/// A speaker as written (its tokens) and what it resolves to.
struct SpeakerGuess: Sendable, Equatable {
    /// `unresolved`: a pronoun ("he", "they", a generic "you") with no antecedent found: no entity, and its
    /// `name` (the pronoun as written) is never shown as a name (Speaker.name is nil; the mention keeps it).
    enum How: Sendable { case named, pronoun, title, source, author, unresolved }
    /// The generic "you", unresolved wherever it speaks (the other pronouns are words.tsv's person and group
    /// classes). The store's migration 022 keeps its own copy of these words (Storage PronounSpeakers.pronouns).
    static let genericYou = "you"
    var mention: Range<Int>
    var entity: Int?
    var name: String
    var how: How
}

extension QuoteContext {
    /// The speaker phrase that ends just before a cue (skipping "also", "has", "on Thursday" ...), within the
    /// cue's sentence.
    func speakerLeft(of cue: Range<Int>, lastSpeaker: SpeakerGuess?) -> SpeakerGuess? {
        guard let s = sentence(of: cue.lowerBound) else { return nil }
        let lo = s.tokens.lowerBound
        // "Trump is telling voters ...", "He's claiming ...", "The Egyptian firm is reportedly planning to ...": a
        // progressive cue (up to two adverbs after "is"); the speaker is before "is".
        var from = cue.lowerBound - 1
        var copula = from
        if lower[cue.lowerBound].hasUTF8Suffix("ing") {
            while copula > lo, from - copula < 2, isWord[copula], !has(copula, .copula),
                  has(copula, .skip) || isMannerAdverb(copula) { copula -= 1 }
        }
        if lower[cue.lowerBound].hasUTF8Suffix("ing"), copula > lo, isWord[copula], has(copula, .copula) {
            from = copula - 1
        }
        // "he’s sought to ...", "she's argued that ...": 's after a pronoun is "has" (or "is"), not a possessive.
        else if from > lo, isPossessiveS(from), wordClasses[from - 1] & Self.notOwners != 0 { from -= 1 }
        // "Smith voiced support for ...", "The government postponed plans to ...": the verb whose object the cue
        // noun is belongs to neither.
        if from > lo, isWord[from], cueAt[from] == nil, has(from, .lightverb) { from -= 1 }
        else if let v = pastVerb(beforeNounCue: cue, floor: lo) { from = v - 1 }
        // "“...,” Williams said referring to her match": an -ing cue right after a verb cue has that cue's subject.
        if lower[cue.lowerBound].hasUTF8Suffix("ing"), from > lo, let c = cueAt[from], c.frame != .noun,
           c.tokens.count == 1 {
            from -= 1
        }
        var j = skipBackModifiers(from: from, floor: lo)
        guard j >= lo, quoteOf[j] < 0 else { return nil }
        // "Reuters quoted one trader as saying", "the agency reports a source as saying": the one quoted speaks.
        // (The phrase read before "as" may run over the verb to the outlet: "Reuters quoted a bank official".)
        if lower[j] == "as", let np = nounPhrase(endingAt: j - 1, floor: lo),
           let q = (max(lo, np.lowerBound - 1)..<(j - 1)).last(where: { Self.quotingVerbs.contains(lower[$0]) }) {
            return resolve((q + 1)..<j, lastSpeaker: lastSpeaker)
        }
        // "Mr Houston was quoted in the Herald newspaper saying", "Anelka was quoted in a French newspaper as
        // saying": the outlet and its passive trigger stand between the subject and the cue, like an auxiliary.
        let passiveOutlet = outlet(at: j) ?? (lower[j] == "as" ? outlet(at: j - 1) : nil)
        if let o = passiveOutlet, !o.quoting, o.outlet.upperBound - 1 >= j - 1,
           ["quoted", "interviewed"].contains(lower[o.trigger.lowerBound]) {
            var k = o.trigger.lowerBound - 1
            while k >= lo, isWord[k], has(k, .copula) || has(k, .skip) { k -= 1 }
            j = k
            guard j >= lo, quoteOf[j] < 0 else { return nil }
        }
        if has(j, .relative),
           let np = isPunct(j - 1, ",") ? nounPhrase(endingAt: j - 2, floor: lo) : nounPhrase(endingAt: j - 1, floor: lo) {
            // "Trump, who said ..." / "voters who said ...": the relative pronoun as written, resolved to the
            // phrase before it.
            var g = resolve(relativeHead(np), lastSpeaker: lastSpeaker)
            g.mention = j..<(j + 1)
            return g
        }
        // "Florian Hamm - Borussia Dortmund's largest investor - said", "B&B - which has a 22% share of the market -
        // said": an aside between spaced dashes is read past, as if the cue followed the phrase before it ("Paul
        // Myers, chief executive of Wippit - a peer to peer service ... - believes" is then the role's name). An
        // aside that is a name after a common noun is that noun's name ("one consumer group - Consumers Against
        // Supermarket Privacy Invasion and Numbering (Caspian) - has claimed").
        if let dashes = dashAside(closingAt: j, floor: lo) {
            let aside = (dashes.lowerBound + 1)..<(dashes.upperBound - 1)
            if isWord[dashes.lowerBound - 1], !isCap[dashes.lowerBound - 1], mentionOf[aside.lowerBound] >= 0,
               case let name = doc.mentions[mentionOf[aside.lowerBound]].tokens, name.lowerBound == aside.lowerBound,
               name.upperBound == aside.upperBound
                || (isPunct(name.upperBound, "(") && isPunct(aside.upperBound - 1, ")")) {
                let g = resolve(name, lastSpeaker: lastSpeaker)
                if g.entity != nil { return g }
            }
            j = dashes.lowerBound - 1
            if let c = (max(lo, j - 8)..<j).last(where: { isPunct($0, ",") }),
               let g = nameBeforeUnclosedRole((c + 1)..<(j + 1), floor: lo, lastSpeaker: lastSpeaker) {
                return g
            }
        }
        if isPunct(j, ",") {
            // "Hugh Hill, a doctor, said" / "Blinken, who is in Seoul, said": the phrase before the aside.
            var p = j - 1
            while p > lo, !isPunct(p, ","), quoteOf[p] < 0, j - p < 25 { p -= 1 }
            // An aside never opens with "and" / "but": ", and the meeting deteriorated from there, said one GOP
            // source" is a clause before a speaker after the cue.
            guard p > lo, isPunct(p, ","), !has(p + 1, .leading), let np = nounPhrase(endingAt: p - 1, floor: lo),
                  !isQuotedFirstPerson(np)
            else { return nil }
            // "Others, such as the middle of the road, Coalition of NGOs, have lauded": a phrase that is the object
            // of a preposition is no subject; the aside, when it names a person or organisation, is the speaker.
            var d = np.lowerBound - 1
            while d >= lo, isWord[d], has(d, .det) { d -= 1 }
            let preposition = d >= lo && isWord[d] && (lower[d] == "as" && d > lo && lower[d - 1] == "such"
                || wordClasses[d] & (QuoteWordClass.venueprep.bit | QuoteWordClass.preposition.bit) != 0)
            if preposition,
               let aside = nounPhrase(endingAt: j - 1, floor: p + 1), aside.lowerBound > p,
               mentionOf[j - 1] >= 0, doc.mentions[mentionOf[j - 1]].type == .person
                || doc.mentions[mentionOf[j - 1]].type == .organization {
                return resolve(aside, lastSpeaker: lastSpeaker)
            }
            // "The BBC's correspondent in Jakarta, Rachel Harvey, told", "the work's author, US playwright Eve
            // Ensler, says": a role phrase with a lower-case head and no person in it, then a person's name set
            // off as its appositive: the role is that person's, who speaks (the mention spans both). A capitalised
            // title that names no entity is such a role too ("The head of the NHTCU, Acting Detective Chief
            // Superintendent, Mick Deats, said"). So is a descriptive phrase before an organisation's name that is
            // the whole aside ("Net traffic monitor, OneStat.com, has reported").
            let head = np.upperBound - 1
            if !isCap[head] || mentionOf[head] < 0, !has(head, .person), !has(head, .group),
               !np.contains(where: { isPersonMention($0) }),
               let aside = nounPhrase(endingAt: j - 1, floor: p + 1), aside.lowerBound > p,
               isPersonMention(j - 1) || isOrganisationName(p + 1..<j),
               // A tagged name may span the comma ("Davis, Jr"): then it is no aside after it.
               doc.mentions[mentionOf[j - 1]].tokens.lowerBound > p,
               isAppositiveName(p + 1..<doc.mentions[mentionOf[j - 1]].tokens.lowerBound),
               // "a spokesman for the prosecutor, Alan Hevesi": the name is the prosecutor's.
               !np.contains(where: { isWord[$0] && has($0, .sourcehead) && $0 + 1 < head && isPreposition($0 + 1) }) {
                var g = resolve(aside, lastSpeaker: lastSpeaker)
                if g.entity != nil {
                    g.mention = np.lowerBound..<aside.upperBound
                    g.how = .title
                    return g
                }
            }
            // "Dr John E. Kelly, IBM senior vice president, Technology and Intellectual Property, said": a role of
            // two parts is two asides; a person's name before the first one is the speaker, not the role's firm.
            let before = np.lowerBound - 1
            if !isCap[head], !np.contains(where: { isPersonMention($0) }), before - 1 > lo, isPunct(before, ","),
               isPersonMention(before - 1), let name = nounPhrase(endingAt: before - 1, floor: lo),
               mentionOf[before - 1] >= 0, doc.mentions[mentionOf[before - 1]].tokens.lowerBound >= name.lowerBound {
                let g = resolve(name, lastSpeaker: lastSpeaker)
                if g.entity != nil { return g }
            }
            // "Mary Kayitesi Blewitt, founder of the Survivors Fund (SURF), one of the organisations through which
            // the funds are being channelled, said": the aside describes the role's organisation; the name before
            // the role speaks.
            var c = np.lowerBound - 1
            while c > lo, np.lowerBound - c <= 6, isWord[c], quoteOf[c] < 0, cueAt[c] == nil { c -= 1 }
            if c > lo, isPunct(c, ","),
               let g = nameBeforeUnclosedRole(c + 1..<np.upperBound, floor: lo, lastSpeaker: lastSpeaker) {
                return g
            }
            return resolve(subjectBeforeVerb(np), lastSpeaker: lastSpeaker)
        }
        guard let np = nounPhrase(endingAt: j, floor: lo), !isQuotedFirstPerson(np) else { return nil }
        if let g = nameBeforeUnclosedRole(np, floor: lo, lastSpeaker: lastSpeaker) { return g }
        // "Lawyers disputing the claims said": the object of a participle in the subject is no speaker; the
        // subject before the participle is.
        let participle = np.lowerBound - 1
        if participle > lo, isWord[participle], participleInOpeningSubject(participle, sentence: s),
           let subject = nounPhrase(endingAt: participle - 1, floor: lo) {
            return resolve(subjectBeforeVerb(subject), lastSpeaker: lastSpeaker)
        }
        return resolve(subjectBeforeVerb(np), lastSpeaker: lastSpeaker)
    }

    /// The dashes around an aside whose closing dash is token `j` (spaced, the opening one within 25 tokens, no quote
    /// or other dash between, a word right before the opening one): their range.
    private func dashAside(closingAt j: Int, floor lo: Int) -> Range<Int>? {
        guard j > lo, !isWord[j], has(j, .dash), spacedDash(j) else { return nil }
        var p = j - 1
        while p > lo, j - p < 25, quoteOf[p] < 0, !(!isWord[p] && has(p, .dash)) { p -= 1 }
        guard p > lo, p < j - 1, !isWord[p], has(p, .dash), spacedDash(p), isWord[p - 1], quoteOf[p - 1] < 0 else {
            return nil
        }
        return p..<(j + 1)
    }

    /// A dash with space on both sides (not the hyphen of "Son-hui").
    private func spacedDash(_ t: Int) -> Bool {
        let toks = doc.tokens
        return t > 0 && t + 1 < toks.count && toks[t - 1].end < toks[t].start && toks[t].end < toks[t + 1].start
    }

    /// "Marc Ostwald, a strategist at Monument Securities told Reuters", "However, Matt Williams, a fund manager at
    /// Perpetual Trustees said": a role aside whose closing comma is missing. The phrase before the cue is a role
    /// of an organisation (lower-case, with no person in it, a preposition after its first word or two) right after
    /// a comma, and before that comma a person's name opens the sentence (after a leading or introductory word at
    /// most): the name speaks, not the role's organisation. A name inside the sentence is not its subject ("After
    /// meeting John Smith, a spokesman for the firm said" is the spokesman's).
    private func nameBeforeUnclosedRole(_ np: Range<Int>, floor lo: Int, lastSpeaker: SpeakerGuess?) -> SpeakerGuess? {
        let comma = np.lowerBound - 1
        guard comma - 1 > lo, isPunct(comma, ","), isWord[np.lowerBound], !isCap[np.lowerBound],
              !np.contains(where: { isPersonMention($0) }),
              (np.lowerBound + 1..<min(np.upperBound, np.lowerBound + 4)).contains(where: { isPreposition($0) })
                || (np.lowerBound + 1..<np.upperBound).contains(where: { isPossessiveS($0) }),
              isPersonMention(comma - 1), let name = nounPhrase(endingAt: comma - 1, floor: lo),
              mentionOf[comma - 1] >= 0, doc.mentions[mentionOf[comma - 1]].tokens.lowerBound >= name.lowerBound
        else { return nil }
        // ('“...,” Adam Hume, the BBC Broadcast's futurologist told': the name right after the quote it speaks.)
        let afterQuote = name.lowerBound - 2 >= lo && isPunct(name.lowerBound - 1, ",")
            ? isCloseMark(name.lowerBound - 2) : isCloseMark(name.lowerBound - 1) && isPunct(name.lowerBound - 2, ",")
        var k = lo
        while k < name.lowerBound, !isWord[k] || has(k, .leading) || has(k, .intro) { k += 1 }
        guard afterQuote || (k == name.lowerBound && name.lowerBound - lo <= 3) else { return nil }
        let g = resolve(name, lastSpeaker: lastSpeaker)
        return g.entity == nil ? nil : g
    }

    /// "The cardinal used a Christmas message to denounce", "Wales made the comments on", "The IAAF sent an
    /// official warning": the phrase read leftwards from a cue ran over the verb whose object holds the cue (a
    /// noun cue, or a participle after the object); the verb's subject speaks, and the phrase stops before the
    /// verb. The verb is a lower-case -ed form or a light verb (words.tsv lightverb: "made", "gave", "sent"),
    /// outside any name and no cue, after a word that is no determiner ("the unnamed woman", "A failed scheme"
    /// are adjectives) and right before a determiner, number or possessive opening its object ("named in the
    /// lawsuit", "released by the UK" are participles of the phrase). Relative antecedents are read apart
    /// (`relativeHead`: "the rap star sued [a woman] who claimed"). A subject read rightwards (`sentenceSubject`)
    /// also stops at an auxiliary or adverb (words.tsv skip) after its first word: "The chancellor has already
    /// [unveiled]", "The firm has neither [admitted]".
    func subjectBeforeVerb(_ np: Range<Int>) -> Range<Int> {
        guard np.count > 1 else { return np }
        for k in (np.lowerBound + 1)..<np.upperBound where isWord[k] && !isCap[k] && mentionOf[k] < 0 {
            if has(k, .skip), isWord[k - 1], !has(k - 1, .det) {
                return validPhrase(np.lowerBound..<k) ?? np
            }
            guard k + 1 < np.upperBound else { break }
            let w = lower[k]
            guard w.hasMoreCharacters(than: 3) && w.hasUTF8Suffix("ed") || has(k, .lightverb), cueAt[k] == nil,
                  isWord[k - 1], !has(k - 1, .det), !has(k - 1, .quantity),
                  isWord[k + 1], has(k + 1, .det) || has(k + 1, .quantity) || has(k + 1, .possessive)
            else { continue }
            return validPhrase(np.lowerBound..<k) ?? np
        }
        return np
    }

    /// The speaker phrase that starts at `t` ("said O'Neill, ...", "according to NYPD Commissioner James O'Neill").
    func speakerRight(from t: Int, lastSpeaker: SpeakerGuess?) -> SpeakerGuess? {
        guard let s = sentence(of: t) else { return nil }
        // "said Tuesday", "said on Monday Hugh Hill": time words are no speaker.
        var k = t
        while k < s.tokens.upperBound, isWord[k], has(k, .time) || has(k, .timeprep) { k += 1 }
        guard var np = nounPhrase(startingAt: k, ceiling: s.tokens.upperBound), !isQuotedFirstPerson(np) else {
            return nil
        }
        np = withRoleHead(np, ceiling: s.tokens.upperBound)
        // "..., shop owner Hayriye Evren, told Associated Press.": the outlet after a cue is told, it never speaks.
        guard let own = withoutOutlet(np) else { return nil }
        np = own
        // "by the mayor on Monday": a time phrase after the name is no part of it.
        if let cut = (np.lowerBound + 1..<np.upperBound).first(where: {
            isWord[$0] && has($0, .timeprep) && $0 + 1 < np.upperBound && has($0 + 1, .time)
        }) {
            np = np.lowerBound..<cut
        }
        return resolve(np, lastSpeaker: lastSpeaker)
    }

    /// "said Moscow-based US lawyer Jamie Firestone", "declared Wallabies coach Eddie Jones", "wrote the influential
    /// Edge magazine", "added the two-time Academy Award winner": the phrase read rightwards stops at the first
    /// lower-case word after a capitalised one, but after a cue that word is the head of a role (up to three
    /// lower-case words, no preposition, relative, cue or verb form) that a name follows or that ends the
    /// attribution as a source noun: the phrase runs on through it, and the name after it, so that the cue keeps
    /// its speaker.
    func withRoleHead(_ np: Range<Int>, ceiling hi: Int) -> Range<Int> {
        var e = np.upperBound
        guard e < hi, isWord[e], !isCap[e], isCap[np.upperBound - 1], mentionOf[e] < 0 else { return np }
        let stops = QuoteWordClass.preposition.bit | QuoteWordClass.venueprep.bit | QuoteWordClass.relative.bit
            | QuoteWordClass.timeprep.bit | QuoteWordClass.time.bit | QuoteWordClass.skip.bit
            | QuoteWordClass.copula.bit | QuoteWordClass.auxiliary.bit | QuoteWordClass.boundary.bit
            | QuoteWordClass.det.bit | QuoteWordClass.leading.bit
        while e < hi, e - np.upperBound < 3, isWord[e], !isCap[e], mentionOf[e] < 0, cueAt[e] == nil,
              wordClasses[e] & stops == 0, isAppositiveName(e..<(e + 1)) {
            e += 1
        }
        guard e > np.upperBound else { return np }
        // A name after the role: "lawyer [Jamie Firestone]", "chief executive [Magnus McEwen-King]".
        if e < hi, isCap[e], mentionOf[e] >= 0, doc.mentions[mentionOf[e]].tokens.lowerBound == e {
            return np.lowerBound..<doc.mentions[mentionOf[e]].tokens.upperBound
        }
        // A role alone must be a source, document or outlet ("Labor Department figures", "the Reuters news
        // agency", "the influential Edge magazine"). An epithet ("said the Chelsea star", "the French coach")
        // names someone the paragraph has named: as no speaker the paragraph's sieves give its quote that person,
        // where as a speaker it would be a phrase with no entity.
        // After a person's name the lower-case words are no role but an adverb ("said Nadal afterwards").
        let sources = QuoteWordClass.sourcehead.bit | QuoteWordClass.document.bit | QuoteWordClass.outlet.bit
        // ("the Chelsea star": a name after a determiner modifies the role.)
        let named = isPersonMention(np.upperBound - 1) && !has(np.lowerBound, .det)
        return endsAttribution(at: e, end: hi) && (named || wordClasses[e - 1] & sources != 0) ? np.lowerBound..<e : np
    }

    /// The words of an aside before its name are modifiers of that name ("US playwright", "former WorldCom
    /// financial chief"), not a clause or phrase the name ends: no preposition ("the brainchild of Mr Mallya"),
    /// participle ("led by Bruce Cutler", "speaking to ... Paul Adams"), relative or cue.
    func isAppositiveName(_ r: Range<Int>) -> Bool {
        !r.contains { k in
            !isWord[k] || isPreposition(k) || has(k, .relative) || cueAt[k] != nil || has(k, .outletverb)
                || (!isCap[k] && lower[k].hasMoreCharacters(than: 3)
                    && (lower[k].hasUTF8Suffix("ed") || lower[k].hasUTF8Suffix("ing")))
        }
    }

    /// Tokens `r` are exactly one organisation mention.
    private func isOrganisationName(_ r: Range<Int>) -> Bool {
        guard !r.isEmpty, mentionOf[r.lowerBound] >= 0 else { return false }
        let m = doc.mentions[mentionOf[r.lowerBound]]
        return m.type == .organization && m.tokens == r
    }

    /// Token `t` lies in a person mention.
    func isPersonMention(_ t: Int) -> Bool {
        t >= 0 && t < mentionOf.count && mentionOf[t] >= 0 && doc.mentions[mentionOf[t]].type == .person
    }

    /// Steps left over adverbs, auxiliaries and time phrases between a speaker and the cue.
    func skipBackModifiers(from start: Int, floor lo: Int) -> Int {
        var j = start
        while j >= lo, isWord[j] {
            let w = lower[j]
            if has(j, .skip) { j -= 1; continue }
            // "Mr Blair directly denied", "he flatly refused": an -ly adverb right after a name or pronoun
            // ("family", "ally" are nouns: -ily words and short ones are left alone).
            if j == start, j - 1 >= lo, isMannerAdverb(j), isWord[j - 1],
               mentionOf[j - 1] >= 0 || has(j - 1, .person) || has(j - 1, .group) || has(j - 1, .firstperson) {
                j -= 1
                continue
            }
            // "continues to insist", "appeared to suggest": the verb before "to" passes the subject on.
            if w == "to", j - 1 >= lo, has(j - 1, .raising) { j -= 2; continue }
            if has(j, .time) {
                while j >= lo, has(j, .time) { j -= 1 }
                if j >= lo, has(j, .timeprep) { j -= 1 }
                continue
            }
            break
        }
        return j
    }

    /// A lower-case -ly word outside any mention that reads as a manner adverb ("directly", "flatly"); -ily words
    /// are mostly nouns in speaker phrases ("the Smith family said").
    private func isMannerAdverb(_ t: Int) -> Bool {
        let w = lower[t]
        return !isCap[t] && w.hasMoreCharacters(than: 5) && w.hasUTF8Suffix("ly") && !w.hasUTF8Suffix("ily")
            && mentionOf[t] < 0 && quoteOf[t] < 0 && !has(t, .sourcehead)
    }

    /// A name-like phrase read leftwards from `e`: words, abbreviations, possessives, hyphens and a bracketed
    /// aside, up to 10 tokens, stopping at clause words, cues, quote marks and other punctuation.
    func nounPhrase(endingAt e: Int, floor lo: Int) -> Range<Int>? {
        guard e >= lo, isWord[e] || isPunct(e, ")") else { return nil }
        // "It says ...", "they said": a pronoun right before the cue is the whole phrase.
        if quoteOf[e] < 0, has(e, .person) || has(e, .group) || (has(e, .firstperson) && has(e, .subject)) {
            return e..<(e + 1)
        }
        var i = e, count = 0
        while i >= lo, count < 10, quoteOf[i] < 0 {
            if isPunct(i, ")") {
                var k = i - 1
                while k >= lo, !isPunct(k, "("), i - k < 8 { k -= 1 }
                guard k > lo, isPunct(k, "(") else { break }
                i = k - 1; count += 1
                continue
            }
            if isWord[i] {
                if has(i, .boundary) || has(i, .skip) || cueAt[i] != nil { break }
                // A subject pronoun inside the run opens a clause of its own: "before he left for Africa on
                // Tuesday the chancellor told": the speaker is the name after it, else the pronoun ("they
                // bristled at the continued [questioning]").
                if i < e, has(i, .subject), !isCap[i] || i == lo {
                    if !(i + 1...e).contains(where: { isWord[$0] && isCap[$0] }) { return i..<(i + 1) }
                    break
                }
                i -= 1; count += 1
                continue
            }
            if isJoiner(i), i > lo, i < e, isWord[i - 1] { i -= 1; count += 1; continue }
            // "Only [42% of them] say", "[60% of voters] said": a percentage of a group heads a subject ("shed
            // 0.1% against the dollar" is an object's).
            if isPunct(i, "%"), i > lo, i < e, isDigitWord(i - 1), lower[i + 1] == "of" { i -= 1; count += 1; continue }
            break
        }
        // A subject starts with a name, a determiner or number, a pronoun or a source noun ("officials"); a phrase
        // such as "cited derogatory" (before the noun "comments") is no subject.
        // A too-long run ("meeting with the editorial board of the Washington Post Trump") shrinks from the left
        // to its first such start.
        if has(e, .sourcehead) {
            return withoutLeadingAdverbial((i + 1)..<(e + 1)).flatMap(validPhrase).map(withoutLeadingPreposition)
        }
        var first = i + 1
        while first <= e, !(isWord[first] && canStartSubject(first)) { first += 1 }
        // "..., independent analyses agree": a bare plural noun phrase that opens its clause (after punctuation, a
        // clause word or the sentence start, not after a cue) is a subject too; not before an -ed form or a
        // literal cue, which may be a participle ("chemicals found in air conditioners").
        if first > e, e - i <= 3, lower[e].hasMoreCharacters(than: 3), lower[e].hasUTF8Suffix("s"),
           !lower[e].hasUTF8Suffix("ss"),
           e + 1 < lower.count, !lower[e + 1].hasUTF8Suffix("ed"), !has(e + 1, .literal),
           i < lo || !isWord[i] || (has(i, .boundary) && cueAt[i] == nil) {
            return withoutLeadingAdverbial((i + 1)..<(e + 1)).flatMap(validPhrase)
        }
        guard first <= e else { return nil }
        return withoutLeadingAdverbial(first..<(e + 1)).flatMap(validPhrase).map(withoutLeadingPreposition)
    }

    /// "partly endorsed by [recent polls] suggesting", "Among [those] opposing": no subject opens with a
    /// preposition; the phrase is the words after it, when they open a noun phrase: a determiner, a lower-case
    /// word not followed by one ("By contrast a report" is an adverbial), or a person's or organisation's name.
    /// Not "about" before a number ("about 500 officials"); a capitalised one opens the sentence's adverbial,
    /// which `withoutLeadingAdverbial` and the relative and aside rules read ("In the autumn Symantec released").
    /// ("Among those opposing the plans are ..." keeps its preposition: the phrase is no subject either way.)
    private func withoutLeadingPreposition(_ r: Range<Int>) -> Range<Int> {
        var f = r.lowerBound
        while f + 1 < r.upperBound, isWord[f], !isCap[f], isPreposition(f), case let n = f + 1, isWord[n],
              !isDigitWord(n),
              has(n, .det) && !has(n, .quantity)
                || (!isCap[n] && !has(n, .time) && !(n + 1 < r.upperBound && has(n + 1, .det)))
                || (mentionOf[n] >= 0 && [.person, .organization].contains(doc.mentions[mentionOf[n]].type)) {
            f += 1
        }
        return f..<r.upperBound
    }

    /// "During his time on the witness stand Mr Sullivan said", "However, during the case on Tuesday Mr Ebbers
    /// said": a phrase that opens with an introductory word ("During", "However", words.tsv `intro`) and ends in
    /// a name is an adverbial before the subject, which is the capitalised run that ends it (time words left out).
    /// A preposition after a head noun modifies it ("Officials at Homeland Security Investigations") and stays.
    /// Ending in a common noun (BBC style puts no comma after the adverbial):
    /// - an introductory adverb ("However a spokesman", "Meanwhile Michael Jackson's mother") or the "with" of an
    ///   absolute construction ("..., with analysts saying that ...") is dropped;
    /// - a leading time phrase too ("Last month Australia's competition watchdog said");
    /// - after an introductory preposition the subject is the last determiner, possessive, number or source noun
    ///   that follows a word ending the prepositional phrase ("In 1998 [the party] said", "In its report on the
    ///   council's work [the committee] said", "In Washington [officials] said"); with none, the whole phrase is
    ///   the adverbial and there is no speaker ("In a statement announcing the measure", "In a book published").
    /// - a capitalised word before a lower-case article is dropped ("last [July] the cross-party committee").
    /// A name that merely opens with such a word ("Under Armour", "In-Stat") is a mention or hyphenated: left alone.
    private func withoutLeadingAdverbial(_ r: Range<Int>) -> Range<Int>? {
        let f = r.lowerBound, last = r.upperBound - 1
        guard r.count >= 2, isWord[f], isWord[f + 1] else { return r }
        // "In a report published last [July the cross-party committee] stated": a capitalised word right before a
        // lower-case article ends a phrase of its own.
        if isCap[f], !isCap[last], wordClasses[f] & Self.notPhraseEnds == 0, has(f + 1, .det), !isCap[f + 1],
           !isDigitWord(f) {
            return (f + 1)..<r.upperBound
        }
        if has(f, .intro), isCap[last] {
            guard r.count > 2 else { return r }
            var k = last
            while k - 1 > f, isWord[k - 1] ? isCap[k - 1] && !has(k - 1, .time) : isJoiner(k - 1) { k -= 1 }
            return k..<r.upperBound
        }
        guard mentionOf[f] < 0 else { return r }
        if has(f, .timeprep), has(f + 1, .time) {
            var k = f + 1
            while k < last, has(k, .time) { k += 1 }
            return k > f + 1 && k <= last && isWord[k] && canStartSubject(k) ? k..<r.upperBound : r
        }
        guard has(f, .intro) else { return r }
        let phraseOpener = isPreposition(f) && lower[f] != "with" || Self.phraseIntros.contains(lower[f])
        if !phraseOpener { return (f + 1)..<r.upperBound }
        guard r.count > 2 else { return nil }
        // A verb inside ("In September Symantec released statistics which showed") is left to subjectBeforeVerb
        // when no subject starts before it.
        let verb = ((f + 1)...last).first { isVerbForm($0) }
        if let start = ((f + 2)..<max(f + 2, verb ?? r.upperBound)).last(where: isSubjectAfterPhrase) {
            return start..<r.upperBound
        }
        return verb == nil ? nil : r
    }

    /// Token `k` can open the subject after an introductory prepositional phrase that the word before it ends.
    private func isSubjectAfterPhrase(_ k: Int) -> Bool {
        isWord[k] && (canStartSubject(k) && !isCap[k] || has(k, .sourcehead) || isDigitWord(k))
            && isWord[k - 1] && !isPreposition(k - 1) && !has(k - 1, .det) && !has(k - 1, .intro)
            && !has(k - 1, .quantity)
    }

    /// A lower-case -ed form or light verb ("released", "made") outside any name, after a word that is no
    /// determiner ("the revamped chart") or hyphen ("short-lived"): the phrase read leftwards ran over a verb.
    private func isVerbForm(_ t: Int) -> Bool {
        let w = lower[t]
        return isWord[t] && !isCap[t] && mentionOf[t] < 0
            && (w.hasMoreCharacters(than: 3) && w.hasUTF8Suffix("ed") || has(t, .lightverb))
            && isWord[t - 1] && wordClasses[t - 1] & (QuoteWordClass.det.bit | QuoteWordClass.possessive.bit) == 0
    }

    /// Introductory words that open a phrase, not a clause, though no preposition ("Following the vote ...",
    /// "Speaking to reporters ..."); the other non-prepositions of words.tsv `intro` are adverbs ("However") or
    /// open a clause whose subject follows them ("as analysts expected").
    private static let phraseIntros: Set<String> = ["following", "speaking", "asked"]

    /// Words that do not end a phrase before an article: determiners, quantities ("All the sporting people",
    /// "Three other executives") and introductory words (read above).
    private static let notPhraseEnds = QuoteWordClass.det.bit | QuoteWordClass.quantity.bit | QuoteWordClass.intro.bit
        | QuoteWordClass.preposition.bit | QuoteWordClass.venueprep.bit

    func isDigitWord(_ t: Int) -> Bool {
        doc.tokens[t].text.unicodeScalars.first?.properties.numericType != nil
    }

    /// A name-like phrase read rightwards from `s`; a lower-case word right after a capitalised one ends it
    /// ("O'Neill on what was ...") unless it joins names ("Secretary of State").
    func nounPhrase(startingAt s: Int, ceiling hi: Int) -> Range<Int>? {
        var i = s, count = 0
        while i < hi, count < 12, quoteOf[i] < 0 {
            if isPunct(i, "(") {
                var k = i + 1
                while k < hi, !isPunct(k, ")"), k - i < 8 { k += 1 }
                guard k < hi, isPunct(k, ")") else { break }
                i = k + 1; count += 1
                continue
            }
            if isWord[i] {
                if has(i, .boundary) || cueAt[i] != nil { break }
                // A capitalised determiner opening a sentence is no name ("His ex-wife agreed").
                // ("BBC Radio 4's Today programme", "Channel 4": a number inside a name goes on with it.)
                if i > s, !isCap[i], isCap[i - 1], !has(i, .nameword), isWord[i - 1], !has(i - 1, .det),
                   !(isDigitWord(i) && i + 1 < hi && (isCap[i + 1] || isPossessiveS(i + 1))) {
                    // A source noun after a capitalised modifier ends the phrase with it ("said one GOP source in
                    // the room", "a White House official"); another lower-case word ends it before ("Graham told").
                    if i - 1 > s, has(i, .sourcehead), !isCap[s] { i += 1 }
                    break
                }
                i += 1; count += 1
                continue
            }
            // Read rightwards a spaced dash may still join ("BRUSSELS - European leaders" reads on to the subject).
            if isJoiner(i, spacedDash: true), i > s, i + 1 < hi, isWord[i + 1] { i += 1; count += 1; continue }
            break
        }
        return validPhrase(s..<i)
    }

    func canStartSubject(_ t: Int) -> Bool {
        isCap[t] || isDigitWord(t) || has(t, .det) || has(t, .quantity) || has(t, .person) || has(t, .group)
            || has(t, .sourcehead) || has(t, .relative)
    }

    /// Possessive 's, hyphens and ampersands inside names. A hyphen joins only words it touches ("Son-hui"): a
    /// spaced dash ends a clause ("nostalgic about the past - we must be optimistic") and never joins a speaker.
    private func isJoiner(_ t: Int, spacedDash: Bool = false) -> Bool {
        let w = lower[t]
        if w == "-", !spacedDash {
            let toks = doc.tokens
            return t > 0 && t + 1 < toks.count && toks[t - 1].end == toks[t].start && toks[t].end == toks[t + 1].start
        }
        return isPossessiveS(t) || w == "-" || w == "&" || w == "’" || w == "'"
    }

    /// A phrase must end in a word and hold something besides determiners and skip words (an imperative's "Do" in
    /// "Don't blame Bush" is no speaker).
    func validPhrase(_ r: Range<Int>) -> Range<Int>? {
        guard !r.isEmpty, isWord[r.upperBound - 1] || isPunct(r.upperBound - 1, ")") else { return nil }
        guard r.contains(where: { isWord[$0] && !has($0, .det) && !has($0, .skip) }) else { return nil }
        return r
    }

    /// What a speaker phrase refers to: the entity of its last person or organisation mention, a pronoun's
    /// antecedent, an entity whose role matches ("the minister"), or the phrase itself.
    func resolve(_ np: Range<Int>, lastSpeaker: SpeakerGuess?) -> SpeakerGuess {
        // "one analyst quoted by the AFP news agency", "Speaking to the BBC News website Mr Molyneux": the outlet
        // is no part of the speaker.
        let np = withoutOutlet(np) ?? np
        let text = doc.text(doc.chars(ofTokens: np))
        if np.count == 1, has(np.lowerBound, .person) || has(np.lowerBound, .group) {
            return resolvePronoun(at: np.lowerBound, lastSpeaker: lastSpeaker)
        }
        // A generic "you" ("You want to be able to take your bow") refers to no one in the text.
        if np.count == 1, lower[np.lowerBound] == SpeakerGuess.genericYou {
            return SpeakerGuess(mention: np, entity: nil, name: text, how: .unresolved)
        }
        // "I think ...", "We asked whether ..." in the text's own voice (quoted first persons never get here).
        if np.count == 1, has(np.lowerBound, .firstperson) {
            let plural = ["we", "us", "our"].contains(lower[np.lowerBound])
            return SpeakerGuess(mention: np, entity: nil, name: plural ? Self.authors : Self.author, how: .author)
        }
        var best = -1
        for t in np.reversed() {
            let m = mentionOf[t]
            guard m >= 0, outletOf[t] < 0 else { continue }
            let ty = doc.mentions[m].type
            if best < 0 { best = m } else if doc.mentions[best].type != .person, ty == .person { best = m }
            if ty == .person { break }
        }
        // "Laura Brownlees of Save the Children": a person's name followed by a preposition heads the phrase, even
        // when the tagger took a name after it for a person too; not a title the tagger took for a name, which
        // links to no person ("UK Chancellor of the Exchequer Gordon Brown"), nor one right before that name.
        let beforeBest = best >= 0 ? doc.mentions[best].tokens.lowerBound - 1 : -1
        let titled = beforeBest >= np.lowerBound && isCap[beforeBest] && mentionOf[beforeBest] < 0
        if best >= 0, doc.mentions[best].type == .person, !titled,
           let head = np.first(where: { t in
               let m = mentionOf[t]
               guard m >= 0, m != best, outletOf[t] < 0, doc.mentions[m].type == .person,
                     let e = doc.mentions[m].entity, e < doc.entities.count, doc.entities[e].type == .person,
                     doc.mentions[m].tokens.lowerBound == t, case let e = doc.mentions[m].tokens.upperBound,
                     e < np.upperBound, e < doc.mentions[best].tokens.lowerBound else { return false }
               return isWord[e] && isPreposition(e)
           }) {
            best = mentionOf[head]
        }
        // "A close associate of former Yukos boss Mikhail Khodorkovsky has told": a noun of a tie to a person
        // (words.tsv relation) before "of" heads the phrase; the one it names does not speak.
        if best >= 0, case let start = doc.mentions[best].tokens.lowerBound, start > np.lowerBound,
           let of = (np.lowerBound..<start).last(where: { lower[$0] == "of" }),
           of > np.lowerBound, isWord[of - 1], mentionOf[of - 1] < 0, lex.is(lower[of - 1], .relation) {
            return SpeakerGuess(mention: np, entity: nil, name: text, how: .source)
        }
        if best >= 0 {
            let m = doc.mentions[best]
            // "the American said": a nationality standing for a person, not the nationality's own entity.
            if m.type == .misc, m.tokens.upperBound == np.upperBound,
               let g = epithetSpeaker(np, lastSpeaker: lastSpeaker) {
                return g
            }
            // "Chancellor Gordon Brown's closest ally", "a Brown ally", "a White House official": the name owns or
            // modifies the phrase's head, which is the speaker: a source that is not the named entity.
            let after = m.tokens.upperBound, head = np.upperBound - 1
            let owned = after <= head
                && (isPossessiveS(after) || (after < head && (lower[after] == "’" || lower[after] == "'")))
            if owned || (after <= head && !isCap[head] && has(head, .sourcehead)) {
                // "the Tory finance spokesman", "the Lib Dem spokesman": a definite office whose holder the text
                // names with the same names ("Lib Dem Treasury spokesman Vince Cable") is that holder.
                if !owned, lower[np.lowerBound] == "the",
                   let e = entityByTitle(np, namesMustAgree: true) {
                    return SpeakerGuess(mention: np, entity: e, name: doc.entities[e].name, how: .title)
                }
                return SpeakerGuess(mention: np, entity: nil, name: text, how: .source)
            }
            // "The Tory leader said": a name modifying a lower-case title is not the speaker; the title's holder is.
            if after == head, !isCap[head], mentionOf[head] < 0, has(np.lowerBound, .det), let e = entityByTitle(np) {
                return SpeakerGuess(mention: np, entity: e, name: doc.entities[e].name, how: .title)
            }
            if nameIsNotTheHead(m, of: np) {
                if has(np.lowerBound, .det), let e = entityByTitle(np) {
                    return SpeakerGuess(mention: np, entity: e, name: doc.entities[e].name, how: .title)
                }
                // "The Chelsea midfielder said" with no office holder: the person the role refers back to.
                if let g = epithetSpeaker(np, lastSpeaker: lastSpeaker) { return g }
                return SpeakerGuess(mention: np, entity: nil, name: text, how: .source)
            }
            if let e = m.entity, e < doc.entities.count {
                return SpeakerGuess(mention: np, entity: e, name: doc.entities[e].name, how: .named)
            }
            return SpeakerGuess(mention: np, entity: nil, name: doc.text(m.chars), how: .named)
        }
        if let e = entityByTitle(np) {
            return SpeakerGuess(mention: np, entity: e, name: doc.entities[e].name, how: .title)
        }
        // "the 24-year-old said", "the midfielder said": no office holder; the person the epithet refers back to.
        if let g = epithetSpeaker(np, lastSpeaker: lastSpeaker) { return g }
        // "the company said": the organisation it refers back to.
        if let g = organisationNounSpeaker(np) { return g }
        return SpeakerGuess(mention: np, entity: nil, name: text, how: .source)
    }

    /// Whether the name in a speaker phrase only modifies the phrase's head, which is the speaker: a name before
    /// a head of one or two lower-case words in a phrase opened by a determiner ("The Australian government", "the
    /// Herald newspaper"), or a place or nationality before one or two words ("UK firms", "the East Midlands MEP",
    /// "Tory leader"); a place or nationality after a preposition that follows the head ("The unnamed woman from
    /// Georgia", "a report by UK"). Words that may open a cue are no head ("The Tories say"), nor are more words
    /// than two ("Doug Smith quit last autumn" is a clause the phrase reader ran into). An organisation or person
    /// after a preposition stays the speaker ("a spokesman for Dell" speaks for Dell).
    private func nameIsNotTheHead(_ m: EntityMention, of np: Range<Int>) -> Bool {
        let placeLike = m.type == .location || m.type == .misc
        let after = m.tokens.upperBound, head = np.upperBound - 1
        if after <= head, head - after < 2, (after...head).allSatisfy({ isWord[$0] && mentionOf[$0] < 0 }),
           doc.tokens[head].text.unicodeScalars.first?.properties.isAlphabetic == true, lex.cues[lower[head]] == nil,
           placeLike || (!isCap[head] && has(np.lowerBound, .det)) {
            return true
        }
        guard placeLike else { return false }
        var p = m.tokens.lowerBound - 1
        while p > np.lowerBound, isWord[p], has(p, .det) { p -= 1 }
        let prepositions = QuoteWordClass.preposition.bit | QuoteWordClass.venueprep.bit
        return p - 1 >= np.lowerBound && isWord[p] && !isCap[p] && wordClasses[p] & prepositions != 0
            && isWord[p - 1] && mentionOf[p - 1] < 0
    }

    /// The speaker name of a first-person pronoun in the text's own voice, singular and plural.
    static let author = "the author", authors = "the authors"

    /// The antecedent of a relative pronoun can speak for it: a person or organisation mention, a pronoun, a
    /// source noun ("officials"), a document ("a report which says") or a title held by an entity ("the minister
    /// who said"). "a campaign over the hurdles - which could explain ..." has none: "which" is no speaker.
    func canSpeak(_ np: Range<Int>) -> Bool {
        guard let head = np.last else { return false }
        if has(head, .sourcehead) || has(head, .person) || has(head, .group) || has(head, .document) { return true }
        // The head itself is a person or organisation ("Trump, who"; not "Lopez trained over the hurdles").
        if mentionOf[head] >= 0, doc.mentions[mentionOf[head]].type == .person
            || doc.mentions[mentionOf[head]].type == .organization { return true }
        return entityByTitle(np) != nil
    }

    /// The nearest noun phrase at the end of a phrase read before a relative pronoun: "$25m (£13m) by [a make-up
    /// artist] who claimed", "the rap star sued [a woman] who claimed", "the cynicism of [experts] who wonder".
    /// The phrase read leftwards runs over prepositions and verbs a subject never holds; the relative clause
    /// belongs to the noun phrase after the last of them: a preposition of words.tsv class preposition (not inside
    /// a name, "Bank of England", nor after a source noun, "a spokesman for Dell" speaks for Dell; place and time
    /// prepositions, class venueprep, modify the noun before them: "shop stewards from the shipyard, who", "the
    /// ruling in 1984, which") or a lower-case -ed verb before a determiner, a number or a name.
    func relativeHead(_ np: Range<Int>) -> Range<Int> {
        var start = np.lowerBound
        for k in np where k + 1 < np.upperBound && isWord[k] {
            let inName = mentionOf[k] >= 0 && mentionOf[k] == mentionOf[k + 1]
                || (has(k, .nameword) && k > np.lowerBound && isCap[k - 1] && isCap[k + 1])
            if has(k, .preposition), !inName, !(k - 1 >= start && isWord[k - 1] && has(k - 1, .sourcehead)) {
                start = k + 1
            } else if k > start, !isCap[k], lower[k].hasMoreCharacters(than: 3), lower[k].hasUTF8Suffix("ed"),
                      mentionOf[k] < 0,
                      has(k + 1, .det) || has(k + 1, .quantity) || isCap[k + 1] {
                start = k + 1
            }
        }
        while start < np.upperBound, !isWord[start] { start += 1 }
        guard start < np.upperBound, let r = validPhrase(start..<np.upperBound) else { return np }
        return r
    }

    /// The phrase a relative pronoun at `j` refers to: the noun phrase right before it, or before the comma or
    /// dash that sets the clause off.
    func relativeAntecedent(of j: Int, floor lo: Int) -> Range<Int>? {
        var e = j - 1
        while e >= lo, isPunct(e, ",-–—") || lower[e] == "--" { e -= 1 }
        return e >= lo ? nounPhrase(endingAt: e, floor: lo) : nil
    }
}
