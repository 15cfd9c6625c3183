// A speaker named by a definite organisation noun: "the company said", "The firm added", "the airline said".
// News writes one for the organisation just written about instead of repeating its name ("Qantas made savings of
// A$245m ... Last month, the company warned ..."). Before this the phrase was a source with no entity, so
// /quotes?speaker=Qantas missed what the company said.
// Two kinds of noun (words.tsv): an `orgnoun` ("company", "firm", "group") may stand for any organisation, so it
// goes to the organisation in focus; an `orgkind` ("bank", "airline", "club") says what kind of organisation it
// is, so it goes only to one the text wrote with that noun ("US bank Wells Fargo", "Qantas, the Australian
// airline") or whose name holds it ("Deutsche Bank"). Either way an organisation written with the noun comes
// first. The organisation in focus is the most mentioned organisation of the nearest sentence going back that has
// one (the subject of the story more than a rival named beside it), read outside quotes and outlets; none within
// `organisationReach` sentences leaves the phrase a source, as before. A phrase right after a name and a comma is
// that name's appositive ("Anglo-American, the mining company, which ..."): that organisation or none.

extension QuoteContext {
    /// The organisation a phrase "the" + lower-case modifiers + an organisation noun refers to (see the file
    /// header); nil when `np` is no such phrase or no organisation fits.
    func organisationNounSpeaker(_ np: Range<Int>) -> SpeakerGuess? {
        guard np.count >= 2, np.upperBound <= lower.count, lower[np.lowerBound] == "the" else { return nil }
        let h = np.upperBound - 1
        guard isWord[h], !isCap[h], mentionOf[h] < 0 else { return nil }
        let noun = lower[h]
        let generic = lex.is(noun, .orgnoun)
        guard generic || lex.is(noun, .orgkind) else { return nil }
        // Between "the" and the noun only lower-case words ("the Australian airline" names a nation: that phrase
        // goes through the name path; "the company's" is an owner, never here).
        for k in (np.lowerBound + 1)..<h {
            guard isWord[k], !isCap[k], mentionOf[k] < 0, cueAt[k] == nil, !has(k, .det), !has(k, .preposition)
            else { return nil }
        }
        let before = np.lowerBound
        func answer(_ e: Int) -> SpeakerGuess {
            SpeakerGuess(mention: np, entity: e, name: doc.entities[e].name, how: .title)
        }
        // An appositive ("Anglo-American, the international mining company, which estimates") describes the name
        // before its comma, whatever organisation is in focus, when closed (closesAppositive), so "After talks with
        // Microsoft, the company said" is no appositive of Microsoft. Only a name before the comma makes one:
        // "Last year, the firm, which ..." reads on.
        if before >= 2, isPunct(before - 1, ","), mentionOf[before - 2] >= 0, closesAppositive(np.upperBound) {
            guard let e = organisationEntity(doc.mentions[mentionOf[before - 2]]) else { return nil }
            return answer(e)
        }
        // An organisation written with the noun, nearest first (its name may be far back: "US bank Wells Fargo"
        // in the first line, "the bank said" in the tenth).
        let reach = max(0, before - Self.epithetReach)
        var k = before - 1
        while k >= reach {
            let m = mentionOf[k]
            if m >= 0, doc.mentions[m].tokens.lowerBound == k, let e = organisationEntity(doc.mentions[m]),
               isWrittenWith(noun, m) {
                return answer(e)
            }
            k -= 1
        }
        // Else the organisation in focus: the most mentioned one of the nearest sentence that has one, unless that
        // one is named once in the whole text and another of the sentences read is named more ("said Hannes
        // Wittig, analyst at Dresdner Kleinwort Wasserstein. The company also said ..." is the story's firm).
        let si = sentenceOf[before]
        var nearest = -1, windowBest = -1, windowCount = 0
        var s = si
        while s >= 0, si - s < Self.organisationReach {
            var best = -1, bestCount = 0
            for k in sentences[s].tokens where k < before {
                let m = mentionOf[k]
                guard m >= 0, doc.mentions[m].tokens.lowerBound == k, outletOf[k] < 0,
                      quoteOf[k] < 0 || !(directs[quoteOf[k]].inner.contains(k)),
                      let e = organisationEntity(doc.mentions[m]) else { continue }
                // A kind noun needs the kind in the name ("Deutsche Bank" for "the bank").
                if !generic, !doc.entities[e].name.lowercased().split(separator: " ").contains(Substring(noun)) {
                    continue
                }
                let count = doc.entities[e].mentions.count
                if count > bestCount { best = e; bestCount = count }
            }
            if best >= 0 {
                if nearest < 0 { nearest = best }
                if bestCount > windowCount { windowBest = best; windowCount = bestCount }
            }
            s -= 1
        }
        guard nearest >= 0 else { return nil }
        if doc.entities[nearest].mentions.count == 1, windowCount > 1 { return answer(windowBest) }
        return answer(nearest)
    }

    /// How many sentences back, counting the phrase's own, the organisation in focus is looked for.
    static let organisationReach = 4

    /// The entity of a mention that the linker made an organisation (its type is the vote of all its mentions:
    /// "drinks firm Diageo" makes a name tagged as a person a firm) and no gender makes a person.
    private func organisationEntity(_ m: EntityMention) -> Int? {
        guard m.type != .location, let e = m.entity, e < doc.entities.count,
              doc.entities[e].type == .organization, doc.entities[e].gender == nil else { return nil }
        return e
    }

    /// Whether token `t` closes an appositive: a comma, a full stop or a relative pronoun ("Qantas, the Australian
    /// airline, said", "..., the firm, which said"); without one the phrase is a subject after an introductory
    /// phrase ("After talks with Microsoft, the company said").
    private func closesAppositive(_ t: Int) -> Bool {
        t < lower.count && (isPunct(t, ",.") || has(t, .relative))
    }

    /// Whether the text writes mention `mi` with `noun`: right before it ("drinks firm Diageo", "the airline
    /// Qantas") or in an appositive right after it ("Qantas, the Australian airline,", "Fiat, an Italian
    /// carmaker").
    private func isWrittenWith(_ noun: String, _ mi: Int) -> Bool {
        let r = doc.mentions[mi].tokens
        if r.lowerBound > 0, lower[r.lowerBound - 1] == noun { return true }
        var k = r.upperBound
        guard k + 1 < lower.count, isPunct(k, ","), has(k + 1, .det) else { return false }
        k += 2
        // Up to four modifiers: "Fiat, the loss-making Italian carmaker".
        let end = min(lower.count, k + 5)
        while k < end, isWord[k] {
            // An appositive is closed ("Qantas, the Australian airline, said"); "After talks with Microsoft, the
            // company said" is a subject after an introductory phrase.
            if lower[k] == noun { return closesAppositive(k + 1) }
            if has(k, .det) || has(k, .preposition) || cueAt[k] != nil { return false }
            k += 1
        }
        return false
    }
}
