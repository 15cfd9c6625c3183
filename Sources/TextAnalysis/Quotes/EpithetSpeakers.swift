// A speaker named only by an epithet: a nationality ("the American said:", "the Spaniard said"), an age ("the
// 24-year-old said") or a person's sport or stage role (words.tsv personrole: "the midfielder said", "the
// sprinter added"), also after a team's, band's or country's name ("the Chelsea midfielder", "the Black Sabbath
// singer", "the New York businessman"). News writes one for the person just written about, instead of the name.
// Before this the nationality's MISC entity spoke ("American") and the others were a source with no entity. A
// nationality is a one-word miscellaneous name that is a demonym (QuoteLexicon.nationalities, words.tsv
// nationnoun), so "the Championship" or "The Paris-based exchange" is none.
// When no office holder (TitleHolders.swift) or written description (DescribedPersons.swift) names the person,
// the epithet goes to the nearest person before it that the text wrote that way ("American Andy Roddick",
// "Roddick, 22,"), else, as "he" would (PronounAntecedents.swift), to the first person mentioned in the nearest
// sentence going back, else to the last speaker when a person. A person written with another nationality
// ("Swiss Roger Federer" for "the American") or another age is passed over.

extension QuoteContext {
    /// The person an epithet phrase ("the" + lower-case words or numbers + a nationality, an age or a personrole
    /// noun; no other name) refers to; nil when `np` is no such phrase or no person fits.
    func epithetSpeaker(_ np: Range<Int>, lastSpeaker: SpeakerGuess?) -> SpeakerGuess? {
        guard np.count >= 2, np.upperBound <= lower.count, lower[np.lowerBound] == "the" else { return nil }
        let h = np.upperBound - 1
        guard isWord[h] else { return nil }
        var nation: String?
        var age: String?
        var headStart = h
        if isCap[h] {
            // A nationality: a one-word miscellaneous name ("American", "Spaniard"), not a party or a show.
            let m = mentionOf[h]
            guard m >= 0, doc.mentions[m].tokens == h..<(h + 1), doc.mentions[m].type == .misc,
                  doc.mentions[m].entity.map({ $0 < doc.entities.count && doc.entities[$0].type == .misc }) ?? true,
                  isNationality(lower[h]), let key = nameKey(h) else { return nil }
            nation = key
        } else if let (n, start) = ageEpithet(endingAt: h, from: np.lowerBound + 1) {
            age = n
            headStart = start
        } else if !lex.is(lower[h], .personrole) {
            return nil
        }
        // Between "the" and the head only lower-case words, numbers and joining hyphens ("the 22-year-old
        // American", "the young striker"): a name or a possessive there makes another phrase.
        // A function word there ("the legal team for two Algerian", "the film - an Angolan") means the phrase
        // reader ran over a noun phrase's end.
        let function = QuoteWordClass.det.bit | QuoteWordClass.preposition.bit | QuoteWordClass.venueprep.bit
            | QuoteWordClass.timeprep.bit | QuoteWordClass.nounprep.bit | QuoteWordClass.boundary.bit
            | QuoteWordClass.leading.bit | QuoteWordClass.clausejoin.bit | QuoteWordClass.relative.bit
        let role = nation == nil && age == nil
        for k in (np.lowerBound + 1)..<headStart {
            guard !isPossessiveS(k), cueAt[k] == nil, quoteOf[k] < 0 else { return nil }
            if mentionOf[k] >= 0 || isCap[k] {
                // Before a role, a team, band or country says whose it is ("the Chelsea midfielder", "the Black
                // Sabbath singer", "the British actor"); a person's name ("the Ferguson era") or a capital the
                // tagger left untagged makes another phrase.
                guard role, isOtherThanPerson(mentionOf[k]) else { return nil }
                if nation == nil, isNationality(lower[k], alone: false), let key = nameKey(k) { nation = key }
                continue
            }
            if isWord[k] {
                guard wordClasses[k] & function == 0 else { return nil }
            } else {
                let toks = doc.tokens
                guard lower[k] == "-", k > 0, k + 1 < toks.count, toks[k - 1].end == toks[k].start,
                      toks[k].end == toks[k + 1].start else { return nil }
            }
        }
        // "the 22-year-old American": an age before a nationality must agree too.
        if age == nil, let n = (np.lowerBound + 1..<headStart).lazy
            .compactMap({ self.ageEpithet(endingAt: $0, from: np.lowerBound + 1)?.0 }).first {
            age = n
        }
        // Nearest person written with the epithet's nationality or age before the phrase, read back token by
        // token within the epithet's reach: a text of many stories (10 MB) must not have every epithet read all
        // the persons of all of them.
        let reach = (np.lowerBound - Self.epithetReach)..<(np.lowerBound + Self.epithetReach)
        var k = np.lowerBound - 1
        while k >= max(0, reach.lowerBound) {
            let m = mentionOf[k]
            if m >= 0, doc.mentions[m].tokens.lowerBound == k, let e = doc.mentions[m].entity,
               e < doc.entities.count, doc.entities[e].type == .person {
                let w = writtenWith(m)
                if let nation, w.nations.contains(nation) {
                    return SpeakerGuess(mention: np, entity: e, name: doc.entities[e].name, how: .title)
                }
                if let age, w.ages.contains(age) {
                    return SpeakerGuess(mention: np, entity: e, name: doc.entities[e].name, how: .title)
                }
            }
            k -= 1
        }
        // Else the person in focus, as for "he": a person written with another nationality or age is not it.
        func contradicts(_ e: Int) -> Bool {
            guard e < doc.entities.count else { return false }
            for mi in doc.entities[e].mentions where mi < doc.mentions.count
                && reach.contains(doc.mentions[mi].tokens.lowerBound) {
                let w = writtenWith(mi)
                if nation != nil, w.nations.contains(where: { $0 != nation }) { return true }
                if age != nil, w.ages.contains(where: { $0 != age }) { return true }
            }
            return false
        }
        /// The person mention starting at `k` outside quoted words and outlets, if any.
        func person(at k: Int) -> EntityMention? {
            let m = mentionOf[k]
            guard m >= 0, quoteOf[k] < 0 || !(directs[quoteOf[k]].inner.contains(k)), outletOf[k] < 0 else {
                return nil
            }
            let mention = doc.mentions[m]
            return mention.tokens.lowerBound == k && isPersonLike(mention) ? mention : nil
        }
        let si = sentenceOf[np.lowerBound]
        var s = si
        while s >= 0, si - s < 8 {
            // In a sentence before, the one who spoke there first ("..., Greer said. The feminist writer and
            // broadcaster said ...": not Nielsen, named before her), as for "he".
            if s < si, pronounSpeakers.anySpeaker(inSentence: s) {
                for k in sentences[s].tokens where !pronounSpeakers.isReported(k) {
                    if let mention = person(at: k), let e = mention.entity, pronounSpeakers.spoke(e, inSentence: s),
                       !contradicts(e) {
                        return SpeakerGuess(mention: np, entity: e, name: doc.entities[e].name, how: .pronoun)
                    }
                }
            }
            for k in sentences[s].tokens where k < np.lowerBound {
                guard let mention = person(at: k) else { continue }
                if let e = mention.entity {
                    if contradicts(e) { continue }
                    return SpeakerGuess(mention: np, entity: e, name: doc.entities[e].name, how: .pronoun)
                }
                return SpeakerGuess(mention: np, entity: nil, name: doc.text(mention.chars), how: .pronoun)
            }
            s -= 1
        }
        if let last = lastSpeaker, let e = last.entity, e < doc.entities.count, doc.entities[e].type == .person,
           !contradicts(e) {
            return SpeakerGuess(mention: np, entity: e, name: last.name, how: .pronoun)
        }
        return nil
    }

    /// A tagged name that is no person's, nor linked to a person.
    private func isOtherThanPerson(_ m: Int) -> Bool {
        guard m >= 0, doc.mentions[m].type != .person else { return false }
        return doc.mentions[m].entity.map { $0 < doc.entities.count && doc.entities[$0].type != .person } ?? true
    }

    /// How many tokens around an epithet its person is looked for: more than the longest article (BBC's is
    /// about 5,500 tokens), so one story reads as a whole and a text of many stories costs linear time.
    static let epithetReach = 10_000

    /// A word for a person of a nation: a demonym or language name of the tagger's gazetteer ("American",
    /// "German"), a noun of words.tsv class nationnoun ("Spaniard", "Scot"), or a compound in -man or -woman
    /// ("Frenchman", "Irishman", "Corkman"); not a hyphened word ("Paris-based") nor an event ("Championship").
    /// `alone`: the word stands for a person on its own ("the American"); "the Chinese", "the French", "the
    /// British", "the Swiss" name a people as often as one person (no plural form tells them apart), so they are
    /// left as they were. Before a name ("Swiss star Roger Federer") any demonym says the nationality.
    private func isNationality(_ w: String, alone: Bool = true) -> Bool {
        guard !w.contains("-") else { return false }
        if alone, ["ese", "sh", "ch", "ss"].contains(where: { w.hasSuffix($0) }) { return false }
        return lex.nationalities.contains(w) || lex.is(w, .nationnoun)
            || (w.hasMoreCharacters(than: 5) && (w.hasUTF8Suffix("man") || w.hasUTF8Suffix("woman"))
                && !w.hasUTF8Suffix("sman"))
    }

    /// "24-year-old" (one token, or "24 - year - old"): the age as written and the token it starts at.
    private func ageEpithet(endingAt h: Int, from lo: Int) -> (String, Int)? {
        let w = lower[h]
        if w.hasUTF8Suffix("-year-old"), let n = w.split(separator: "-").first, n.allSatisfy(\.isNumber) {
            return (String(n), h)
        }
        guard w == "old", h - 4 >= lo, lower[h - 1] == "-", lower[h - 2] == "year" || lower[h - 2] == "years",
              lower[h - 3] == "-", lower[h - 4].allSatisfy(\.isNumber) else { return nil }
        return (lower[h - 4], h - 4)
    }

    /// The nationalities written right before a person's mention ("American Andy Roddick", "the Swiss world
    /// number one Roger Federer": a one-word miscellaneous demonym among up to six words of its sentence) and the
    /// ages written with it ("22-year-old Roddick", "Roddick, 22,", "Roddick (22)").
    private func writtenWith(_ mi: Int) -> (nations: [String], ages: [String]) {
        let r = doc.mentions[mi].tokens
        guard r.lowerBound < lower.count, let s = sentence(of: r.lowerBound) else { return ([], []) }
        var nations: [String] = [], ages: [String] = []
        var k = r.lowerBound - 1
        while k >= s.tokens.lowerBound, r.lowerBound - k <= 6, quoteOf[k] < 0, isWord[k] || lower[k] == "-" {
            // A determiner, preposition or cue ends the words written with this name, as another person's or
            // organisation's name does ("Swiss star Roger Federer lost to Andy Roddick": Roddick is no Swiss).
            if isWord[k], has(k, .det) || cueAt[k] != nil || wordClasses[k] & Self.rolePrepositions != 0 { break }
            if mentionOf[k] >= 0, doc.mentions[mentionOf[k]].type != .misc { break }
            if isCap[k], let key = nameKey(k), key.hasPrefix(Self.nameKinds[0]), mentionOf[k] >= 0,
               doc.mentions[mentionOf[k]].type == .misc, isNationality(lower[k], alone: false) {
                nations.append(key)
            }
            if let (n, start) = ageEpithet(endingAt: k, from: s.tokens.lowerBound) {
                ages.append(n)
                k = start
            }
            k -= 1
        }
        let a = r.upperBound
        if a + 2 < s.tokens.upperBound, isPunct(a, ",") || isPunct(a, "("), lower[a + 1].allSatisfy(\.isNumber),
           !lower[a + 1].isEmpty, !lower[a + 1].hasMoreCharacters(than: 3), isPunct(a + 2, ",") || isPunct(a + 2, ")") {
            ages.append(lower[a + 1])
        }
        return (nations, ages)
    }
}
