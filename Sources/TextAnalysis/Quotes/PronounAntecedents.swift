// What a third-person pronoun speaker refers to. he/she (and his/her) go to a person, "it" (its) to an
// organisation: by the mention's type and its entity's, so a firm the tagger once called a person ("Aston Martin
// ... he added") is no "he", and a person once tagged as a firm ("Eminem's Encore album ... It takes") no "it"; an
// entity with a known gender is a person. "they" (words.tsv plural) goes to the subject of the nearest clause
// before it when that is an organisation ("Labour says it wants ... They say"), and to no one when it is two
// people or a group that is no entity ("ScanSoft and Gracenote ...", "The tobacco companies deny ..."): never
// to one arbitrary organisation or person mentioned nearby.

extension QuoteContext {
    /// he/she: the first person mentioned (outside quotes) in the nearest sentence going back, or what the same
    /// pronoun was read as when it spoke there before any name ("he said ..."), else the last speaker; names inside
    /// what was said (clauses reported before, the words before ", he said") count only when no other will do. it:
    /// the nearest organisation, else the last speaker when it was no person; they: see `resolvePlural`. "she"
    /// passes over a person the text makes male ("Mr Brown", "Gordon Brown"), "he" over one it makes female
    /// (Entity.gender).
    func resolvePronoun(at t: Int, lastSpeaker: SpeakerGuess?) -> SpeakerGuess {
        if has(t, .plural) { return resolvePlural(at: t, lastSpeaker: lastSpeaker) }
        // "his claim": a possessive his is a person like he.
        let person = has(t, .person) || lower[t] == "his"
        // "she said" goes to the nearest person who may be a she (of no known gender, or a woman).
        let gender = lex.genders.pronouns[lower[t]]
        func fits(_ e: Int?) -> Bool {
            guard let gender, let e, e < doc.entities.count, let g = doc.entities[e].gender else { return true }
            return g == gender
        }
        let text = doc.tokens[t].text
        let si = sentenceOf[t]
        // "Mr Blair has the same passion as in 1997, he said.": the words before ", he said" are what was said, and
        // people seldom name themselves there; nor are the names inside a clause reported before. Each sentence
        // is read first without those names, then with them. Any comma before the pronoun counts, not only an
        // attribution that ends its sentence: "Responding to criticism from Alan Hansen, he insisted ...", "Pressed
        // on whether he would attack Mr Howard's beliefs, he replied: ..." open with a phrase about others too
        // (BBC: reading only those undid this change in 22 of the 54 articles it moved, nearly all corrections).
        // An "it" after a subordinate clause opening the sentence ("Although the IMF did not single out Trump's
        // proposals, it referenced ...") is that clause's subject; a he/she is not, so often, the subject of such a
        // clause: "While saying he admired Mr Blair's leadership, he criticised ...", "Despite glitches during Mr
        // Gates's speech, he announced ..." (BBC: read so for he/she too, four of five changes were for the worse).
        let inverted = t > 0 && isPunct(t - 1, ",") && (person || !opensWithSubordinateClause(si))
        func candidate(_ k: Int, _ s: Int, outsideReported: Bool) -> SpeakerGuess? {
            // ("Michael Ancram said that, if in government, he would refuse to approve Mr Boateng's appointment":
            // a name that speaks in the sentence is no part of what was said.)
            if outsideReported, s == si ? inverted && !speaksHere(k) : pronounSpeakers.isReported(k) { return nil }
            // "But he said Mr Blair had lost their trust. “...,” he said.": the same pronoun, already read as
            // a speaker, before any name in the sentence carries on its chain; the name is what it talked about.
            // Its own reading, not the last speaker: later passes read with the article's last speaker.
            if gender != nil, has(k, .person) || lower[k] == "his", let chain = pronounSpeakers.byToken[k],
               lex.genders.pronouns[lower[k]] == gender, let e = chain.entity, fits(e) {
                return SpeakerGuess(mention: t..<(t + 1), entity: e, name: chain.name, how: .pronoun)
            }
            let m = mentionOf[k]
            // An outlet ("Speaking on BBC One's Breakfast with Frost, he said") is no antecedent.
            guard m >= 0, quoteOf[k] < 0 || !(directs[quoteOf[k]].inner.contains(k)), outletOf[k] < 0 else {
                return nil
            }
            let mention = doc.mentions[m]
            guard mention.tokens.lowerBound == k, !(person && qualifiesTitledName(mention)) else { return nil }
            if person ? isPersonLike(mention) && fits(mention.entity) : isOrganisationLike(mention) {
                return guess(t, mention, how: .pronoun)
            }
            return nil
        }
        func scan(_ s: Int, outsideReported: Bool) -> SpeakerGuess? {
            let range = sentences[s].tokens
            let upTo = s == si ? min(t, range.upperBound) : range.upperBound
            for k in range.lowerBound..<max(range.lowerBound, upTo) {
                if let g = candidate(k, s, outsideReported: outsideReported) { return g }
            }
            return nil
        }
        // In a sentence before the pronoun's, the one who speaks there comes before the others it names: "After
        // losing the first set to Lleyton Hewitt, Safin said he began to doubt himself. “I am 25 ...,” he said."
        // is Safin's (a later "he" continues the speaker, not the first name of an opening phrase).
        // Who spoke there is what the cue sieve attributed (PronounSpeakerLog.spoke), not a name that merely sits
        // before a cue word ("e-mailed Mr McFadyen pointing out", "with whom Giuseppe planned to stay").
        func speaker(in s: Int) -> SpeakerGuess? {
            guard pronounSpeakers.anySpeaker(inSentence: s) else { return nil }
            for k in sentences[s].tokens {
                if let g = candidate(k, s, outsideReported: true), let e = g.entity,
                   pronounSpeakers.spoke(e, inSentence: s) { return g }
            }
            return nil
        }
        // "And, while we are on the subject of Mr Kilroy-Silk, Mr Morris despatches him ... . “Look, ...,” he
        // said.": in a sentence before the pronoun's that opens with a subordinate or introductory phrase, the
        // person right after that phrase's comma is its subject and comes before a name inside the phrase.
        func mainSubject(in s: Int) -> SpeakerGuess? {
            guard let k = subjectAfterOpeningPhrase(s) else { return nil }
            return candidate(k, s, outsideReported: true)
        }
        // "An NHTCU spokeswoman said ... . She said ...": the last speaker, no entity but named by a role noun of
        // the pronoun's gender (entities/gendered-words.tsv), who spoke in a sentence before.
        func roleSpeaker(in s: Int) -> SpeakerGuess? {
            guard let gender, let last = lastSpeaker, last.entity == nil, last.how != .unresolved,
                  let first = last.mention.first, sentenceOf[first] == s,
                  let head = last.mention.prefix(while: { !isPreposition($0) }).last(where: { isWord[$0] }),
                  lex.genders.roleWords[lower[head]] == gender else { return nil }
            return SpeakerGuess(mention: t..<(t + 1), entity: nil, name: last.name, how: .pronoun)
        }
        var s = si
        while s >= 0, si - s < 8 {
            // The clause before ", he said" is read last of all, after the sentences before it.
            if let g = (s < si ? speaker(in: s) ?? roleSpeaker(in: s) ?? mainSubject(in: s) : nil)
                ?? scan(s, outsideReported: true)
                ?? (s == si && inverted ? nil : scan(s, outsideReported: false)) {
                return g
            }
            s -= 1
        }
        if inverted, let g = scan(si, outsideReported: false) { return g }
        if let last = lastSpeaker, fits(last.entity),
           person ? mayBeAPerson(last) : last.entity.map({ !isPersonEntity($0) }) ?? true {
            return SpeakerGuess(mention: t..<(t + 1), entity: last.entity, name: last.name,
                                how: last.how == .unresolved ? .unresolved : .pronoun)
        }
        // No antecedent: the pronoun is kept as the mention, but it names no one.
        return SpeakerGuess(mention: t..<(t + 1), entity: nil, name: text, how: .unresolved)
    }

    /// The mention starting at `k` is right before a cue (adverbs and auxiliaries between): "Michael Ancram said".
    private func speaksHere(_ k: Int) -> Bool {
        guard k >= 0, k < mentionOf.count, mentionOf[k] >= 0 else { return false }
        var c = doc.mentions[mentionOf[k]].tokens.upperBound
        while c < cueAt.count, isWord[c], cueAt[c] == nil, has(c, .skip) { c += 1 }
        return c < cueAt.count && cueAt[c] != nil
    }

    /// The first token of the name right after the comma that closes sentence `s`'s opening phrase, when the
    /// sentence opens (after a leading "And"/"But") with a subordinator or an introductory word and a name is the
    /// first thing after that comma (capitalised words before it, such as "Mr", allowed); nil otherwise.
    private func subjectAfterOpeningPhrase(_ s: Int) -> Int? {
        guard s >= 0, s < sentences.count else { return nil }
        let r = sentences[s].tokens
        var k = r.lowerBound
        while k < r.upperBound, !isWord[k] || has(k, .leading) { k += 1 }
        guard k < r.upperBound, isWord[k], quoteOf[k] < 0, mentionOf[k] < 0, has(k, .opener) || has(k, .intro) else {
            return nil
        }
        guard let comma = (k..<r.upperBound).first(where: { quoteOf[$0] < 0 && isPunct($0, ",") }) else {
            return nil
        }
        var n = comma + 1
        while n < r.upperBound, n <= comma + 2, isWord[n], isCap[n], mentionOf[n] < 0 { n += 1 }
        guard n < r.upperBound, mentionOf[n] >= 0, doc.mentions[mentionOf[n]].tokens.lowerBound == n else {
            return nil
        }
        return n
    }

    /// Sentence `s` opens (after a leading "And"/"But") with a subordinator (words.tsv opener: "Although", "If").
    private func opensWithSubordinateClause(_ s: Int) -> Bool {
        guard s >= 0, s < sentences.count else { return false }
        var k = sentences[s].tokens.lowerBound
        while k < sentences[s].tokens.upperBound, isWord[k], has(k, .leading) { k += 1 }
        return k < sentences[s].tokens.upperBound && isWord[k] && has(k, .opener)
    }

    /// they/their/them: the subject of the nearest clause before the pronoun (in its own sentence, else in up to
    /// two sentences before; a subject that is itself "they" passes on to the one before it). An organisation
    /// subject is the antecedent; the last speaker is, when the subject is its phrase ("Analysts said ... They
    /// added"); any other subject (people, a coordination, a person) leaves the pronoun unresolved. With no
    /// subject found the last speaker is, when it was a group (`isGroup`).
    private func resolvePlural(at t: Int, lastSpeaker: SpeakerGuess?) -> SpeakerGuess {
        let unresolved = SpeakerGuess(mention: t..<(t + 1), entity: nil, name: doc.tokens[t].text, how: .unresolved)
        let si = sentenceOf[t]
        // "Analysts said ... . They added", "top black lawmakers said Friday, as they bristled": a group that spoke
        // in this sentence or the one before is who "they" are.
        if let last = lastSpeaker, isGroup(last), last.mention.lowerBound < t,
           si - sentenceOf[last.mention.lowerBound] <= 1 {
            return SpeakerGuess(mention: t..<(t + 1), entity: last.entity, name: last.name, how: .pronoun)
        }
        var s = si
        while s >= 0, si - s < 3 {
            defer { s -= 1 }
            guard let np = subjectPhrase(s, before: s == si ? t : sentences[s].tokens.upperBound) else { continue }
            var k = np.lowerBound
            var owned = false
            while k < np.upperBound, isWord[k], has(k, .det) || has(k, .quantity) {
                owned = owned || has(k, .possessive)
                k += 1
            }
            guard k < np.upperBound else { continue }
            if np.count == 1, has(k, .plural) { continue }
            // "Following Monday's debate Politifact did ...": a capitalised opening that names nothing is no
            // subject this reading can tell.
            if mentionOf[k] < 0, isCap[k], !has(k, .sourcehead) { continue }
            if let last = lastSpeaker, isGroup(last), last.mention.overlaps(np) {
                return SpeakerGuess(mention: t..<(t + 1), entity: last.entity, name: last.name, how: .pronoun)
            }
            // "ScanSoft and Gracenote are developing ...": two of them, not one; "Their Orwellian fantasy": the
            // name is owned, not the subject.
            let coordinated = np.contains { isWord[$0] && lower[$0] == "and" && mentionOf[$0] < 0 }
            guard !coordinated, !owned, mentionOf[k] >= 0 else { return unresolved }
            let mention = doc.mentions[mentionOf[k]]
            // "Nortel's head Frank Dunn ...": the owner is not the subject.
            let after = mention.tokens.upperBound
            guard !isPossessiveS(after), mention.type != .misc || !modifiesANoun(after),
                  isOrganisationLike(mention, misc: true) else {
                return unresolved
            }
            return guess(t, mention, how: .pronoun)
        }
        if let last = lastSpeaker, isGroup(last) {
            return SpeakerGuess(mention: t..<(t + 1), entity: last.entity, name: last.name, how: .pronoun)
        }
        return unresolved
    }

    /// "The two Japanese companies will collaborate": a lower-case word right after a name that is no cue,
    /// adverb ("also", "repeatedly"), auxiliary or clause word makes the name a modifier of its noun (asked of
    /// MISC names, nationalities and the like: after an organisation the word is as often a verb, "Labour met").
    private func modifiesANoun(_ k: Int) -> Bool {
        guard k < lower.count, isWord[k], !isCap[k], cueAt[k] == nil, quoteOf[k] < 0 else { return false }
        let verbal = QuoteWordClass.skip.bit | QuoteWordClass.boundary.bit | QuoteWordClass.copula.bit
            | QuoteWordClass.relative.bit | QuoteWordClass.leading.bit | QuoteWordClass.auxiliary.bit
        let w = lower[k]
        return wordClasses[k] & verbal == 0 && !w.hasUTF8Suffix("ly") && !w.hasUTF8Suffix("ed")
    }

    /// The first noun phrase of sentence `s` before `limit`, after quoted text, a leading "But" (words.tsv
    /// leading), an introductory phrase up to its comma ("In February, ...") and a cue that opens the clause
    /// ("... ," said Mr Smith).
    private func subjectPhrase(_ s: Int, before limit: Int) -> Range<Int>? {
        let r = sentences[s].tokens
        let hi = min(limit, r.upperBound)
        var k = r.lowerBound
        func skip() { while k < hi, quoteOf[k] >= 0 || !isWord[k] || has(k, .leading) { k += 1 } }
        skip()
        // An introductory phrase without its comma ("On September 27 they published") hides the subject.
        if k < hi, has(k, .intro) {
            guard let comma = (k..<hi).first(where: { isPunct($0, ",") }) else { return nil }
            k = comma + 1
            skip()
        }
        if k < hi, let c = cueAt[k] {
            k = c.tokens.upperBound
            skip()
        }
        guard k < hi else { return nil }
        return nounPhrase(startingAt: k, ceiling: hi)
    }

    /// A speaker "they" may refer to: an organisation, or a source with no entity whose head is plural
    /// ("Analysts", "top black lawmakers"; not "a spokesman", "the statement"): a word of no name ending in one s.
    private func isGroup(_ g: SpeakerGuess) -> Bool {
        guard g.how != .unresolved, g.how != .author else { return false }
        // A "they" already resolved (to an organisation or a group).
        if g.how == .pronoun, g.mention.count == 1, has(g.mention.lowerBound, .plural) { return true }
        if let e = g.entity { return e < doc.entities.count && doc.entities[e].type == .organization }
        let head = g.mention.upperBound - 1
        guard head >= 0, head < lower.count, isWord[head], mentionOf[head] < 0 else { return false }
        let w = lower[head]
        return w.hasMoreCharacters(than: 3) && w.hasUTF8Suffix("s") && !w.hasUTF8Suffix("ss") && !has(head, .plural)
    }

    /// "Green MEP Caroline Lucas", "Blair aide Alastair Campbell": the mention is a name inside the title written
    /// before the person it describes (the next person mention, with only words of its role between the two: not
    /// "Mr Brown accused shadow chancellor Oliver Letwin"), not who acts.
    private func qualifiesTitledName(_ m: EntityMention) -> Bool {
        let end = m.tokens.upperBound
        var j = end
        while j < end + 3, j < mentionOf.count, isWord[j], mentionOf[j] < 0 { j += 1 }
        guard j > end, j < mentionOf.count, mentionOf[j] >= 0 else { return false }
        let next = doc.mentions[mentionOf[j]]
        guard next.tokens.lowerBound == j, next.type == .person, let e = next.entity, e < doc.entities.count,
              let role = doc.entities[e].role else {
            return false
        }
        let words = Set(Self.roleHeadWords(role).map { $0.lowercased() })
        return (end..<j).allSatisfy { words.contains(lower[$0]) }
    }

    /// The pronoun's guess for an antecedent mention: its entity, else the mention's words.
    private func guess(_ t: Int, _ mention: EntityMention, how: SpeakerGuess.How) -> SpeakerGuess {
        if let e = mention.entity, e < doc.entities.count {
            return SpeakerGuess(mention: t..<(t + 1), entity: e, name: doc.entities[e].name, how: how)
        }
        return SpeakerGuess(mention: t..<(t + 1), entity: nil, name: doc.text(mention.chars), how: how)
    }

    /// An entity is a person by its type or by a gender the text gives it ("Victoria, a lobbyist, ... she").
    private func isPersonEntity(_ e: Int) -> Bool {
        e < doc.entities.count && (doc.entities[e].type == .person || doc.entities[e].gender != nil)
    }

    /// A person mention of an entity that is a person (one mention tagged PER of a firm the rest call ORG is no
    /// "he").
    func isPersonLike(_ m: EntityMention) -> Bool {
        m.type == .person && m.entity.map { isPersonEntity($0) || hasGivenName($0) } ?? true
    }

    /// An entity whose name opens with a given name (entities/given-names.tsv: "Bill Ford", "Victoria") is a
    /// person to he/she even when the tagger called it a firm or a place.
    private func hasGivenName(_ e: Int) -> Bool {
        guard e < doc.entities.count, let first = doc.entities[e].name.split(separator: " ").first else { return false }
        return lex.genders.givenNames[first.lowercased()] != nil
    }

    /// An organisation mention of an entity that is no person; with `misc`, a MISC mention too ("the Tories" may
    /// be tagged so).
    private func isOrganisationLike(_ m: EntityMention, misc: Bool = false) -> Bool {
        (m.type == .organization || (misc && m.type == .misc)) && !(m.entity.map(isPersonEntity) ?? false)
            && (m.entity.map { $0 < doc.entities.count && doc.entities[$0].type != .location } ?? true)
    }

    /// Whether he/she may continue the last speaker: a person, a source with no entity, or a phrase that speaks
    /// for an organisation ("A spokesman for the Oxford University Press said ... he said") but not the
    /// organisation's own name ("Aston Martin said ... he added").
    private func mayBeAPerson(_ last: SpeakerGuess) -> Bool {
        guard let e = last.entity else { return true }
        if isPersonEntity(e) || hasGivenName(e) { return true }
        // "the company said ... he added": the organisation itself spoke, as by its name.
        let head = last.mention.upperBound - 1
        if head >= 0, head < lower.count, !isCap[head], mentionOf[head] < 0,
           lex.is(lower[head], .orgnoun) || lex.is(lower[head], .orgkind) {
            return false
        }
        var first = last.mention.lowerBound
        while first + 1 < last.mention.upperBound, isWord[first], has(first, .det) { first += 1 }
        guard first >= 0, first < mentionOf.count else { return false }
        return mentionOf[first] < 0 || doc.mentions[mentionOf[first]].entity != e
    }
}
