// Indirect questions governed by a preposition ("India and Pakistan spar over whether a leader of ... belongs on the
// list", "the national debate about how the police treat minorities", "when pressed on why the plan leaves out
// dads"): what is debated, asked, decided or speculated about. PARC and PolNeAR annotate such a question as the
// content of an attribution whose cue is the word before the preposition (a verb or a noun of speech, doubt or
// decision), often with no source written. On PolNeAR dev 12 such questions were missed by every cue rule and 3
// were not annotated.
// The preposition is a words.tsv questionprep word (or "as to"), the question word right after it a words.tsv
// question word; the content runs from the question word to the end of its clause. No speaker is read: the holder
// is the subject of a verb ("India and Pakistan spar over"), the owner of a noun, or not written at all, and a
// wrong guess would be worse than none. These quotes have the lowest confidence, so any cue's quote over the same
// words wins the overlap (PolNeAR nests them inside a reported clause; Byline keeps quotes apart).

extension QuoteContext {
    /// The indirect questions after a preposition: the question's tokens and the preposition (as the cue).
    func indirectQuestions() -> [(content: Range<Int>, cue: Range<Int>)] {
        var out: [(content: Range<Int>, cue: Range<Int>)] = []
        let n = lower.count
        var t = 1
        while t + 2 < n {
            defer { t += 1 }
            guard isWord[t + 1], has(t + 1, .question), quoteOf[t] < 0, quoteOf[t + 1] < 0, !skipped(t),
                  let s = sentence(of: t), s.tokens.upperBound > t + 2 else { continue }
            // "spar over whether", "debate as to whether": the preposition and the word it hangs on.
            let asTo = lower[t] == "to" && t - 1 > s.tokens.lowerBound && lower[t - 1] == "as"
            guard isWord[t], has(t, .questionprep) || asTo else { continue }
            let head = asTo ? t - 2 : t - 1
            // The preposition hangs on a word of the sentence, no determiner ("the about page"); a sentence-initial
            // "On how ..." hangs on nothing. A cue there ("pressed on why ...") may have read the question itself:
            // its quote then wins the overlap.
            // A head of dependence or control ("depending on how much they borrow", "no control over how it is
            // spent": words.tsv notquestion) relates a thing to the question; nobody asks or debates it.
            guard head >= s.tokens.lowerBound, isWord[head], !has(head, .det), !has(head, .notquestion),
                  quoteOf[head] < 0 else { continue }
            // The question ends at its clause's first comma (", even as footage ... circulated"): what follows is
            // the writer's.
            var e = clauseEnd(from: t + 1, sentenceEnd: s.tokens.upperBound, stopAtComma: true, reported: true)
            // A question inside the sentence's subject ends before the main clause's verb: a second auxiliary or
            // form of be after the question's own verb and a word that is neither ("A decision on whether to
            // allow it [is set to be made]", "predictions about how the divide will affect us [has been less
            // discussed]").
            var verb = false, gap = false
            for k in t + 2..<max(t + 2, e) where isWord[k] {
                let aux = has(k, .copula) || has(k, .auxiliary)
                if aux || lower[k] == "to" {
                    if aux, verb, gap { e = k; break }
                    verb = true; gap = false
                } else if verb {
                    gap = true
                }
            }
            guard wordCount(t + 1..<max(t + 1, e)) >= 3 else { continue }
            out.append((content: t + 1..<e, cue: (asTo ? t - 1 : t)..<(t + 1)))
            t = e - 1
        }
        return out
    }
}
