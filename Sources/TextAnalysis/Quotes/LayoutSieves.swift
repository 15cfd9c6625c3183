// Sieves that read the layout rather than a cue: a speaker after a dash (“...” ― Pamela Padilla), a name
// with a colon opening a paragraph (transcripts "PENCE: Well, look ...", headlines "Sanders: Clinton needs ..."),
// and a quote resuming after its attribution (“A,” he said, “B.”).

extension QuoteContext {
    /// “...” ― Pamela Padilla: a dash and a capitalised name right after the closing mark, in the same paragraph.
    func dashSpeaker(after q: DirectSpan, lastSpeaker: SpeakerGuess?) -> SpeakerGuess? {
        var k = q.closeToken + 1
        while k < lower.count, isPunct(k, ",.") { k += 1 }
        guard k + 1 < lower.count, has(k, .dash), isCap[k + 1],
              paragraph(ofToken: k + 1) == paragraph(ofToken: q.closeToken), let s = sentence(of: k + 1),
              let np = nounPhrase(startingAt: k + 1, ceiling: s.tokens.upperBound) else { return nil }
        return resolve(np, lastSpeaker: lastSpeaker)
    }

    /// A "Name: text" paragraph: the name, its colon and what the name said.
    struct ColonLabel {
        var speaker: SpeakerGuess
        var colon: Int
        var content: Range<Int>
        /// A transcript turn set in quote marks ("PENCE: Well, look ... with each paragraph reopening the quote):
        /// its content runs on through the following quoted paragraphs up to the next label, and quotes found
        /// inside it are part of the turn.
        var turn: Bool
    }

    /// Paragraphs that open with a capitalised name (up to 6 tokens) and a colon: the rest of the paragraph is
    /// what that name said. Label words ("Update:", "Photo:") and cues are no names. A transcript set in quote
    /// marks opens each paragraph with a mark ("\"WALLACE: Let’s start ..."): the name follows the mark, and a
    /// turn goes on through the quoted paragraphs after it until the next name, a stage direction ("(CROSSTALK.)")
    /// or a paragraph not opened by a mark.
    func colonLabels(lastSpeaker: SpeakerGuess?) -> [ColonLabel] {
        var out: [ColonLabel] = []
        let paras = doc.paragraphs
        for (pi, p) in paras.enumerated() {
            guard let (name, colon, opened) = labelName(p) else { continue }
            var e = doc.sentences[p.sentences.upperBound - 1].tokens.upperBound
            if opened {
                var q = pi + 1
                while q < paras.count, !paras[q].isBoilerplate, !paras[q].sentences.isEmpty {
                    let f = doc.sentences[paras[q].sentences.lowerBound].tokens.lowerBound
                    guard opensWithMark(f), f + 1 < isWord.count, isWord[f + 1], labelName(paras[q]) == nil else {
                        break
                    }
                    e = doc.sentences[paras[q].sentences.upperBound - 1].tokens.upperBound
                    q += 1
                }
            }
            while e > colon + 1, isPunct(e - 1, ".,;:!?") || isCloseMark(e - 1) { e -= 1 }
            let words = wordCount(colon + 1..<e)
            guard words >= 3 else { continue }
            out.append(ColonLabel(speaker: resolve(name, lastSpeaker: lastSpeaker), colon: colon,
                                  content: (colon + 1)..<e, turn: opened))
        }
        return out
    }

    /// A mark that opens a quote or a quoted paragraph at token `t`.
    private func opensWithMark(_ t: Int) -> Bool {
        guard t >= 0, t < single.count, !isWord[t], single[t] != 0, let scalar = Unicode.Scalar(single[t]),
              lex.marks[scalar] != nil else { return false }
        return !isCloseMark(t)
    }

    /// The name and colon that open paragraph `p`, and whether a quote mark comes before the name.
    private func labelName(_ p: Paragraph) -> (Range<Int>, Int, Bool)? {
        guard !p.isBoilerplate, !p.sentences.isEmpty, !skipSentence[p.sentences.lowerBound] else { return nil }
        let first = doc.sentences[p.sentences.lowerBound].tokens
        guard !first.isEmpty else { return nil }
        let opened = opensWithMark(first.lowerBound) && first.count > 2
        let from = opened ? first.lowerBound + 1 : first.lowerBound
        guard let colon = (from..<first.upperBound).prefix(7).first(where: { isPunct($0, ":") }), colon > from
        else { return nil }
        let name = from..<colon
        let isName = name.allSatisfy { t in
            (isWord[t] && (isCap[t] || has(t, .nameword)) && !has(t, .label) && cueAt[t] == nil
                && (opened || quoteOf[t] < 0))
                || (!isWord[t] && t > name.lowerBound && (lower[t] == "." || lower[t] == "-"))
        }
        guard isName, isCap[name.lowerBound] else { return nil }
        // With a tagger in the pipeline the name must be a person or organisation ("Stealth Over Health:" is not);
        // a transcript's speaker in capitals ("WALLACE:") is one by the convention.
        let capitals = name.allSatisfy { !isWord[$0] || doc.tokens[$0].text.allSatisfy { !$0.isLowercase } }
        // So is a document-like source ("Poll: Clinton and Trump in dead heat").
        let document = name.contains { isWord[$0] && has($0, .document) }
        if !doc.mentions.isEmpty, !(opened && capitals), !document, !name.contains(where: { t in
            mentionOf[t] >= 0 && doc.mentions[mentionOf[t]].type != .location
        }) { return nil }
        return (name, colon, opened)
    }

    /// How far after an attribution a quote may resume: “A,” he said on Monday at the summit, “B.”
    static let resumeReach = 15
    /// The second try, for a long attribution with an aside (“A,” said Hill, a doctor who ... . “B.”); the
    /// quote's parts leave the attribution out.
    static let longAttributionReach = 40
    /// The most words a quoted title inside an attribution has ("on “Meet the Press”").
    static let maxTitleWords = 5

    /// “A,” he said, “B.” / “A,” said Hill, a doctor. “B.”: the quote that opens in the same paragraph within
    /// `reach` tokens after the attribution ending at `t`, with no other sentence in between. A cue in between
    /// introduces the quote itself (“A,” he said, adding, “B.”) unless the attribution's sentence ends before the
    /// quote: then the cue belongs to an aside on the speaker or the occasion (“A,” said Fowler, who has backed
    /// Clinton since 2008. “B.” / “A,” he said, insisting that it works. “B.”); that cue's own quote then sits
    /// between the two parts.
    func resumedQuote(after t: Int, reach: Int = resumeReach) -> Int? {
        let para = paragraph(ofToken: t - 1)
        var k = t
        var cueBetween = false
        while k < lower.count, k - t <= reach, paragraph(ofToken: k) == para {
            if isOpenMark(k) {
                // 'said on the network’s “Morning Show.” “I mean ...”': a short title after a word, where the
                // attribution says it was said, is part of the attribution; the quote resumes after it.
                let q = directs[quoteOf[k]]
                if k > t, isWord[k - 1] || isPossessiveS(k - 1),
                   wordCount(q.inner) <= Self.maxTitleWords {
                    k = q.closeToken + 1
                    continue
                }
                if cueBetween, !isPunct(k - 1, ".!?") { return nil }
                return ownsAttribution(quoteOf[k]) || isPartial(quoteOf[k]) ? nil : quoteOf[k]
            }
            if quoteOf[k] >= 0 { return nil }
            if cueAt[k] != nil { cueBetween = true }
            if isPunct(k, ".!?;"), !isOpenMark(k + 1) { return nil }
            k += 1
        }
        return nil
    }

    /// “B” to drive up the stock price, she said: quoted words without final punctuation that the sentence goes on
    /// after (a lower-case word, not a cue) are part of a new sentence of their own, not a quote resuming an earlier
    /// one. PolNeAR annotates that sentence (“B” and the words after it) as a content of its own.
    func isPartial(_ q: Int) -> Bool {
        let inner = directs[q].inner, close = directs[q].closeToken, k = close + 1
        guard !inner.isEmpty, !isPunct(inner.upperBound - 1, ".,;:!?…—-"), k < lower.count,
              sentenceOf[k] == sentenceOf[close] else { return false }
        return isWord[k] && !isCap[k] && cueAt[k] == nil && quoteOf[k] < 0
    }

    /// “B,” Hill said: a cue within a few words after the closing mark, in the same sentence, attributes the quote
    /// itself (so it resumes no one's earlier quote).
    func ownsAttribution(_ q: Int) -> Bool {
        let close = directs[q].closeToken
        var k = close + 1
        while k < lower.count, k - close <= 6, sentenceOf[k] == sentenceOf[close] || isPunct(k - 1, ",?!") {
            if cueAt[k] != nil { return true }
            if isPunct(k, ".;") || isOpenMark(k) { return false }
            k += 1
        }
        return false
    }
}
