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

    /// Paragraphs that open with a capitalised name (up to 6 tokens) and a colon: the rest of the paragraph is
    /// what that name said. Label words ("Update:", "Photo:") and cues are no names.
    func colonLabels(lastSpeaker: SpeakerGuess?) -> [(speaker: SpeakerGuess, colon: Int, content: Range<Int>)] {
        var out: [(speaker: SpeakerGuess, colon: Int, content: Range<Int>)] = []
        for p in doc.paragraphs where !p.isBoilerplate && !p.sentences.isEmpty {
            let first = doc.sentences[p.sentences.lowerBound].tokens
            let end = doc.sentences[p.sentences.upperBound - 1].tokens.upperBound
            guard let colon = first.prefix(7).first(where: { isPunct($0, ":") }), colon > first.lowerBound,
                  !skipSentence[p.sentences.lowerBound] else { continue }
            let name = first.lowerBound..<colon
            let isName = name.allSatisfy { t in
                (isWord[t] && (isCap[t] || has(t, .nameword)) && !has(t, .label) && cueAt[t] == nil
                    && quoteOf[t] < 0) || (!isWord[t] && t > name.lowerBound && (lower[t] == "." || lower[t] == "-"))
            }
            guard isName, isCap[name.lowerBound] else { continue }
            // With a tagger in the pipeline the name must be a person or organisation ("Stealth Over Health:" is not).
            if !doc.mentions.isEmpty, !name.contains(where: { t in
                mentionOf[t] >= 0 && doc.mentions[mentionOf[t]].type != .location
            }) { continue }
            var e = end
            while e > colon + 1, isPunct(e - 1, ".,;:!?") { e -= 1 }
            let words = (colon + 1..<e).reduce(0) { $0 + (isWord[$1] ? 1 : 0) }
            guard words >= 3 else { continue }
            out.append((resolve(name, lastSpeaker: lastSpeaker), colon, (colon + 1)..<e))
        }
        return out
    }

    /// “A,” he said, “B.” / “A,” said Hill, a doctor. “B.”: the quote that opens in the same paragraph within a
    /// few tokens after the attribution ending at `t`, with no cue and no other sentence in between.
    func resumedQuote(after t: Int) -> Int? {
        let para = paragraph(ofToken: t - 1)
        var k = t
        while k < lower.count, k - t <= 15, paragraph(ofToken: k) == para {
            if isOpenMark(k) { return ownsAttribution(quoteOf[k]) ? nil : quoteOf[k] }
            if cueAt[k] != nil || quoteOf[k] >= 0 { return nil }
            if isPunct(k, ".!?;"), !isOpenMark(k + 1) { return nil }
            k += 1
        }
        return nil
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
