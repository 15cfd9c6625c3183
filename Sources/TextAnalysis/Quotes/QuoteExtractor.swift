// The quote component: finds direct, mixed and reported quotes and who said them, as ordered sieves in the
// manner of CoreNLP's QuoteAttributionAnnotator. Each sieve touches only quotes still unattributed and records
// its rule id and a confidence on what it decides:
//   1. cue sieves ("direct.then-cue", "direct.cue-then", "reported.cue-then", "reported.then-cue",
//      "*.according-to", "*.participle"): one pass over the cues, each cue claiming a direct quote beside it or
//      the clause it reports (quote marks inside that clause make it a mixed quote). A quote split by its
//      attribution (“A,” he said, “B.” or “A,” he said. “B.”) is one quote ("+split" on the rule): its content
//      runs from the first piece to the last and its parts leave the attribution out, as PolNeAR annotates
//      it (one discontinuous content); so is a
//      quote resuming after a reported clause's attribution ('It did "too little," he said. "Europe risks ..."');
//      likewise a reported clause with its attribution inside ("The park, Lopez said, is full", inverted "The
//      park, says Lopez, is full": "parenthetical").
//      Besides speech cues, the cue list holds object, infinitive and noun frames ("called X a liar", "urged X to
//      ...", "Trump's claim that ...") and belief verbs: PolNeAR counts those as attributions too;
//   2. "reported.colon-label" / "direct.colon-label": a paragraph opening with a name and a colon (it replaces
//      "reported.no-speaker" quotes inside it: a cue whose speaker was not found, after every other cue rule;
//      "direct.no-speaker" for a quote after "CUE PHRASE:" whose cue took the sentence's subject);
//      "direct.transcript-turn": a transcript set in quote marks ("\"PENCE: Well, look ..."), one turn running
//      over the quoted paragraphs up to the next name, replacing any quote found inside it;
//   3. a few quoted words inside a sentence that no cue's content took are scare quotes or a title
//      (“threats”, “Morning Joe”) and dropped: a cue links quoted words to a speaker only through its content
//      (then they make it a mixed quote); on PolNeAR dev 12 of 14 such stand-alone fragments matched no gold;
//   4. "direct.dash-name": “...” ― Pamela Padilla;
//   5. "direct.colon-subject" / "direct.colon-nobody": a quote after a colon takes the subject of the clause
//      before it, or no speaker when that subject is no one ("The sign read: “...”"; ColonLeads.swift);
//      "direct.same-paragraph": a quote takes the speaker of the nearest attributed quote in its paragraph;
//   6. "direct.continuation": a paragraph that opens with a quote takes the last speaker of the paragraph before;
//   7. "direct.unattributed": a quote that stands alone but has no speaker is kept without one, except a line
//      that is only a quote without final punctuation: a (sub)heading quoting the story, dropped.
//   8. "reported.question": an indirect question after a preposition ("spar over whether ..."), with no speaker.
// Overlaps go to the higher confidence, then the longer, then the earlier quote.

public struct QuoteExtractor: AnalysisComponent {
    public let name = "quotes"
    public let requires: Set<Annotation> = [.tokens, .sentences, .paragraphs, .mentions, .entities]
    public let provides: Set<Annotation> = [.quotes]
    public let lexicon: QuoteLexicon
    /// Replace quotes already on the document (otherwise a document that has quotes is left alone).
    public var overwrite: Bool

    public init(resources: ResourceLoader, overwrite: Bool = false) throws {
        self.lexicon = try QuoteLexicon(resources: resources)
        self.overwrite = overwrite
    }

    public func process(_ document: inout Document) {
        guard overwrite || document.quotes.isEmpty else { return }
        document.quotes = extract(from: document)
    }

    /// The quotes of a document (computing only; `process` writes them).
    public func extract(from doc: Document) -> [Quote] {
        guard !doc.tokens.isEmpty, !doc.sentences.isEmpty else { return [] }
        let doc = doc.droppingSymbolTokens().addingSurnameRepeats(lexicon)
        let ctx = QuoteContext(doc: doc, lex: lexicon)
        var found: [Found] = []
        var claimed = [Bool](repeating: false, count: ctx.directs.count)
        var lastSpeaker: SpeakerGuess?
        var previous: CueAttribution?
        var coveredUpTo = -1

        // Sieve 1: cues.
        // Only the tokens where a cue starts: a loop over every token copied the loop's state (the previous
        // attribution, some 140 bytes) per token, a tenth of the quote finder's time.
        let cueStarts = ctx.cueAt.indices.filter { ctx.cueAt[$0] != nil }
        for t in cueStarts {
            guard let cue = ctx.cueAt[t], t >= coveredUpTo || cue.isParticiple else { continue }
            guard var att = ctx.attribute(cue, previous: previous, lastSpeaker: lastSpeaker) else { continue }
            // "It is clear that ...", "it was apparent that ...": "it" before an adjective of evidence (words.tsv
            // impersonal, a copula cue's last word; not "made clear") stands for the clause, not for anyone: no
            // speaker is written.
            if ctx.has(att.cue.lowerBound, .copula), ctx.has(att.cue.upperBound - 1, .impersonal) {
                if let sp = att.speaker, sp.mention.count == 1, ctx.lower[sp.mention.lowerBound] == "it" {
                    att.speaker = nil
                }
                // Without "that" such an adjective reports only a clause with its own subject ("it was clear
                // Clinton is attempting ..."), not a noun phrase ("is clear favourite") nor a clause before it.
                if att.rule != "reported.cue-then" {
                    guard case .clause(let r) = att.target, !r.isEmpty, r.upperBound > att.cue.upperBound,
                          ctx.isCap[r.lowerBound] || ctx.has(r.lowerBound, .subject) else { continue }
                }
            }
            switch att.target {
            case .direct(let q):
                guard !claimed[q] else { continue }
                claimed[q] = true
                let a = ctx.directs[q]
                let first = Found(content: a.marks.content, tokens: a.inner, kind: .direct, cue: att.cue,
                                  speaker: att.speaker, rule: att.rule, confidence: att.confidence)
                // “A,” he said, “B.”: a quote resuming right after the attribution is the same quote, split.
                let resumed = att.cue.lowerBound > a.closeToken
                    ? ctx.resumption(of: att, claimed: &claimed) : nil
                Self.append(first, resumed: resumed, ctx, to: &found)
                // "Ms Williams added: “...,” she said.": the attribution repeated after the quote is this one's, not
                // a cue of its own that would report the sentence before it.
                if att.cue.upperBound <= a.openToken, ctx.isPunct(a.openToken - 1, ":"),
                   let s = ctx.sentence(of: a.closeToken), ctx.finalAttribution(after: a.closeToken, end: s.tokens.upperBound) {
                    coveredUpTo = max(coveredUpTo, s.tokens.upperBound)
                }
            case .clause(let r):
                // Quote marks inside the reported clause make it one mixed quote.
                for k in r where ctx.quoteOf[k] >= 0 { claimed[ctx.quoteOf[k]] = true }
                var first = Found(content: doc.chars(ofTokens: r), tokens: r,
                                  kind: r.contains { ctx.quoteOf[$0] >= 0 } ? .mixed : .indirect, cue: att.cue,
                                  speaker: att.speaker, rule: att.rule, confidence: att.confidence)
                if let g = att.inset, g.lowerBound > r.lowerBound, g.upperBound < r.upperBound {
                    first.pieces = [doc.chars(ofTokens: r.lowerBound..<g.lowerBound),
                                    doc.chars(ofTokens: g.upperBound..<r.upperBound)]
                }
                // 'The summit did "too little," he added. "Without changing ..."': a quote resuming after the
                // attribution of a clause before it continues that clause, as for a split direct quote.
                let resumed = r.upperBound <= att.cue.lowerBound
                    ? ctx.resumption(of: att, claimed: &claimed) : nil
                Self.append(first, resumed: resumed, ctx, to: &found)
                ctx.pronounSpeakers.markReported(r, tokenCount: doc.tokens.count)
                if r.lowerBound > t { coveredUpTo = r.upperBound }
            }
            previous = att
            // The author is never the antecedent of a later "he" or a continued quote.
            if let sp = att.speaker, sp.how != .author { lastSpeaker = sp }
            if let sp = att.speaker, sp.how == .pronoun, sp.entity != nil, sp.mention.count == 1 {
                ctx.pronounSpeakers.byToken[sp.mention.lowerBound] = sp
            }
            // Only a finite verb of saying or belief makes its subject the one who spoke there ("Before her meeting
            // with Martinez, Davenport believes ... “...,” she said."): not an intention ("with whom Giuseppe planned
            // to stay"), an object reading or an -ing form ("e-mailed Mr McFadyen pointing out"); nor a verb no
            // list holds ("Nielsen had panicked that ..., Greer said.").
            if let sp = att.speaker, sp.how != .author, let e = sp.entity, cue.frame.namesWhoSpoke,
               !cue.unlisted, att.rule != "reported.cue-object", !ctx.lower[cue.tokens.lowerBound].hasUTF8Suffix("ing"),
               case let k = sp.mention.lowerBound, k >= 0, k < ctx.sentenceOf.count,
               case let si = ctx.sentenceOf[k], si >= 0 {
                ctx.pronounSpeakers.logSpeaker(e, sentence: si)
            }
        }

        // Sieve 2: "Name: text" paragraphs (transcripts, headlines) not already taken. Tokens already in a quote
        // are marked, so the overlap test costs the label's length, not the number of quotes found.
        // A label's paragraph wins over a quote found without a written speaker inside it ("LOPEZ: ... we never
        // said that about the plan"): those tokens are only weakly taken, and such quotes under a label are dropped.
        var taken = [Bool](repeating: false, count: doc.tokens.count)
        var weak = [Bool](repeating: false, count: doc.tokens.count)
        var labelled = weak
        func markTaken(_ r: Range<Int>, in marks: inout [Bool]) {
            for k in r where k >= 0 && k < marks.count { marks[k] = true }
        }
        // By index: `for f in found` copied each quote (retaining its arrays) to read one range.
        for i in found.indices { markTaken(found[i].tokens, in: &weak) }
        // So are quotes whose speaker is a first person: under a label it is the labelled speaker talking.
        func isWeak(_ f: Found) -> Bool {
            f.rule == Self.speakerlessRule || f.rule == Self.speakerlessDirectRule || f.speaker?.how == .author
        }
        for i in found.indices where !isWeak(found[i]) { markTaken(found[i].tokens, in: &taken) }
        for label in ctx.colonLabels(lastSpeaker: lastSpeaker) {
            let r = label.content
            // A transcript turn is what its speaker said, quotes and cues inside it included.
            if label.turn {
                found.removeAll { $0.tokens.overlaps(r) }
                for t in r where ctx.quoteOf[t] >= 0 { claimed[ctx.quoteOf[t]] = true }
                found.append(Found(content: doc.chars(ofTokens: r), tokens: r, kind: .direct,
                                   cue: label.colon..<(label.colon + 1), speaker: label.speaker,
                                   rule: "direct.transcript-turn", confidence: 0.7))
                markTaken(r, in: &taken)
                continue
            }
            guard !r.contains(where: { $0 >= 0 && $0 < taken.count && taken[$0] }) else { continue }
            if r.contains(where: { $0 >= 0 && $0 < weak.count && weak[$0] }) { markTaken(r, in: &labelled) }
            defer { if let last = found.last { markTaken(last.tokens, in: &taken) } }
            let k = r.lowerBound
            if ctx.isOpenMark(k), ctx.directs[ctx.quoteOf[k]].closeToken + 1 >= r.upperBound, !claimed[ctx.quoteOf[k]] {
                let q = ctx.quoteOf[k]
                claimed[q] = true
                found.append(Found(content: ctx.directs[q].marks.content, tokens: ctx.directs[q].inner, kind: .direct,
                                   cue: label.colon..<(label.colon + 1), speaker: label.speaker,
                                   rule: "direct.colon-label", confidence: 0.7))
                continue
            }
            var mixed = false
            for t in r where ctx.quoteOf[t] >= 0 && !claimed[ctx.quoteOf[t]] {
                claimed[ctx.quoteOf[t]] = true
                mixed = true
            }
            found.append(Found(content: doc.chars(ofTokens: r), tokens: r, kind: mixed ? .mixed : .indirect,
                               cue: label.colon..<(label.colon + 1), speaker: label.speaker,
                               rule: "reported.colon-label", confidence: 0.6))
        }

        found.removeAll { f in isWeak(f) && f.tokens.contains { $0 < labelled.count && labelled[$0] } }

        // Sieves 3-7 over the direct quotes no cue claimed, in text order so continuations chain. Quotes with a
        // speaker are also kept by paragraph, in text order, so each sieve looks at one paragraph's quotes.
        found = Self.sorted(found) { $0.tokens.lowerBound < $1.tokens.lowerBound }
        var spokenIn: [Int: [Found]] = [:]
        for f in found where f.speaker != nil { spokenIn[ctx.paragraph(ofToken: f.tokens.lowerBound), default: []].append(f) }
        func record(_ f: Found) {
            guard f.speaker != nil else { return }
            let p = ctx.paragraph(ofToken: f.tokens.lowerBound)
            var list = spokenIn[p] ?? []
            // Same order as `found`: after every quote starting at or before it.
            let at = list.lastIndex { $0.tokens.lowerBound <= f.tokens.lowerBound }.map { $0 + 1 } ?? 0
            list.insert(f, at: at)
            spokenIn[p] = list
        }
        var unattributed: [Found] = []
        for (qi, q) in ctx.directs.enumerated() where !claimed[qi] {
            let para = ctx.paragraph(ofToken: q.openToken)
            // A few quoted words inside a sentence that no cue's content took are scare quotes or a title
            // (“Morning Joe”), not a quote of their own.
            if !q.standsAlone { continue }
            // A line that is nothing but quoted words without final punctuation is a (sub)heading quoting the
            // story ('Equal footing must be created'), not a quote: no cue names a speaker for it.
            if isQuotedHeadline(q, ctx) { continue }
            var speakerFrom: Found?
            var rule = "direct.unattributed", confidence = 0.4
            if let sp = ctx.dashSpeaker(after: q, lastSpeaker: lastSpeaker) {
                let f = Found(content: q.marks.content, tokens: q.inner, kind: .direct, cue: nil, speaker: sp,
                              rule: "direct.dash-name", confidence: 0.8)
                record(f)
                unattributed.append(f)
                continue
            }
            // "Mr Blair was blunt: “...”" / "The sign read: “...”": the clause before a colon names the speaker,
            // or tells that no one is (ColonLeads.swift); either way the paragraph's speaker is not guessed.
            if let lead = ctx.colonLead(of: q, lastSpeaker: lastSpeaker) {
                var f = Found(content: q.marks.content, tokens: q.inner, kind: .direct, cue: nil, speaker: nil,
                              rule: "direct.colon-nobody", confidence: 0.4)
                if case .speaker(let sp) = lead {
                    f.speaker = sp; f.rule = "direct.colon-subject"; f.confidence = 0.7
                }
                record(f)
                unattributed.append(f)
                continue
            }
            // A noun cue's owner ("to defend his party's plans") speaks for a quote only when no one else in the
            // paragraph does.
            let spoken = spokenIn[para] ?? []
            let speakers = spoken.filter { !$0.rule.hasUTF8Suffix(".noun") }
            let samePara = speakers.isEmpty ? spoken : speakers
            let continued = startsParagraph(q, ctx) && para > 0 && para < doc.paragraphs.count
                && !doc.paragraphs[para].isHeading ? spokenIn[previousParagraph(para, doc)]?.last : nil
            if let nearest = samePara.min(by: { distance($0, q) < distance($1, q) }),
               !continuesOverNarrative(q, previous: continued, next: nearest, ctx) {
                speakerFrom = nearest; rule = "direct.same-paragraph"; confidence = 0.75
            } else if let prev = continued {
                speakerFrom = prev; rule = "direct.continuation"; confidence = 0.65
            }
            let f = Found(content: q.marks.content, tokens: q.inner, kind: .direct, cue: nil,
                          speaker: speakerFrom?.speaker, rule: rule, confidence: confidence)
            record(f)
            unattributed.append(f)
        }
        found += unattributed

        // Sieve 8: indirect questions after a preposition ("spar over whether ..."), at the lowest confidence so
        // that any other quote over the same words wins (IndirectQuestions.swift).
        for q in ctx.indirectQuestions() {
            found.append(Found(content: doc.chars(ofTokens: q.content), tokens: q.content, kind: .indirect,
                               cue: q.cue, speaker: nil, rule: "reported.question", confidence: 0.25))
        }

        // "violated takeover rules five years ago": a date alone is no one's words (BareTimeContent.swift).
        found.removeAll { $0.kind == .indirect && ctx.isBareTimePhrase($0.tokens) }

        return resolveOverlaps(found, textLength: doc.scalars.count).map { f in
            let sp = f.speaker.map {
                // A pronoun with no antecedent keeps its mention but is no name ("He" is nobody's name).
                Speaker(name: $0.how == .unresolved ? nil : $0.name, entity: $0.entity,
                        mention: doc.chars(ofTokens: $0.mention))
            }
            var conf = f.confidence
            switch f.speaker?.how {
            case .pronoun?, .title?, .unresolved?: conf *= 0.9
            case .source?: conf *= 0.95
            case .author?: conf *= 0.8
            default: break
            }
            return Quote(content: f.content, kind: f.kind, cue: f.cue.map { doc.chars(ofTokens: $0) }, speaker: sp,
                         rule: f.rule, confidence: (conf * 100).rounded() / 100,
                         parts: Self.parts(content: f.content, pieces: f.pieces, doc: doc, marks: lexicon.scanner))
        }
    }

    /// The rule of a cue's content found with no speaker written next to the cue (CueAttribution.speakerless).
    static let speakerlessRule = "reported.no-speaker"
    /// The same for a direct quote after "CUE PHRASE:" whose cue found no speaker of its own.
    static let speakerlessDirectRule = "direct.no-speaker"

    /// Appends a cue's quote: its first piece alone, or with the quote that resumes after the attribution
    /// (“A,” he said, “B.”) one quote from the first piece to the last (mixed when the first is a reported
    /// clause) whose pieces leave the attribution out, however long it is (“A,” said Hill, a doctor who ... .
    /// “B.”): PolNeAR annotates such a pair as one discontinuous content 152 times in dev, as two 10 times.
    private static func append(_ first: Found, resumed: Int?, _ ctx: QuoteContext, to found: inout [Found]) {
        guard let resumed else { found.append(first); return }
        let b = ctx.directs[resumed]
        var whole = first
        whole.pieces = (first.pieces.isEmpty ? [first.content] : first.pieces) + [b.marks.content]
        whole.content = CharRange(first.content.start, b.marks.content.end)
        whole.tokens = first.tokens.lowerBound..<b.inner.upperBound
        if first.kind != .direct { whole.kind = .mixed }
        whole.rule += "+split"
        // Should the whole lose an overlap, each piece may still stand alone: the resumed quote was claimed for
        // this one and no other sieve will read it.
        var alone = first
        alone.content = b.marks.content
        alone.pieces = []
        alone.tokens = b.inner
        alone.kind = .direct
        alone.rule += "+split-resumed"
        whole.fallback = [first, alone]
        found.append(whole)
    }

    /// A quote decided by a sieve, before it becomes a `Quote`.
    struct Found {
        var content: CharRange
        var tokens: Range<Int>
        var kind: QuoteKind
        var cue: Range<Int>?
        var speaker: SpeakerGuess?
        var rule: String
        var confidence: Double
        /// The quoted ranges joined into `content` ("+split"), for `QuoteExtractor.parts`.
        var pieces: [CharRange] = []
        /// Quotes to keep instead when this one loses an overlap (a split quote's pieces alone).
        var fallback: [Found] = []
    }

    private func distance(_ f: Found, _ q: DirectSpan) -> Int {
        // A quote before the unattributed one is preferred over one after it at the same distance.
        f.tokens.upperBound <= q.openToken ? 2 * (q.openToken - f.tokens.upperBound)
            : 2 * max(0, f.tokens.lowerBound - q.closeToken) + 1
    }

    /// “...,” he said. / “I have no desire ...” Mr Clarke's amendment will be debated. David Davies said ...: a
    /// quote opening its paragraph after a paragraph that ends with a quote continues that quote's speaker when
    /// the paragraph's only other speakers come after a sentence of narrative that quotes no one.
    private func continuesOverNarrative(_ q: DirectSpan, previous: Found?, next: Found, _ ctx: QuoteContext) -> Bool {
        guard let previous, previous.kind != .indirect, next.tokens.lowerBound > q.closeToken,
              let prevSentence = ctx.sentenceOf[safeIndex: previous.tokens.upperBound - 1], prevSentence >= 0,
              let qs = ctx.sentenceOf[safeIndex: q.closeToken],
              let ns = ctx.sentenceOf[safeIndex: next.tokens.lowerBound],
              qs >= 0, ns > qs + 1 else { return false }
        // The earlier quote closes its paragraph: nothing but its attribution after it.
        let para = ctx.paragraphOfSentence[prevSentence]
        guard para < ctx.doc.paragraphs.count,
              prevSentence + 1 == ctx.doc.paragraphs[para].sentences.upperBound else { return false }
        return (qs + 1..<ns).contains { s in !ctx.doc.sentences[s].tokens.contains { ctx.quoteOf[$0] >= 0 } }
    }

    private func startsParagraph(_ q: DirectSpan, _ ctx: QuoteContext) -> Bool {
        guard let si = ctx.sentenceOf[safeIndex: q.openToken], si >= 0 else { return false }
        let p = ctx.paragraphOfSentence[si]
        guard p < ctx.doc.paragraphs.count else { return false }
        let first = ctx.doc.paragraphs[p].sentences.lowerBound
        return first < ctx.doc.sentences.count && ctx.doc.sentences[first].tokens.lowerBound == q.openToken
    }

    /// The quote is its paragraph's one sentence, with nothing after the closing mark and no . ? ! , or … before it.
    private func isQuotedHeadline(_ q: DirectSpan, _ ctx: QuoteContext) -> Bool {
        let p = ctx.paragraph(ofToken: q.openToken)
        guard p < ctx.doc.paragraphs.count, ctx.doc.paragraphs[p].sentences.count == 1,
              let s = ctx.sentence(of: q.openToken) else { return false }
        guard s.tokens.lowerBound == q.openToken, s.tokens.upperBound == q.closeToken + 1 else { return false }
        return !ctx.isPunct(q.inner.upperBound - 1, ".!?,…") || isTitleCase(q.inner, ctx)
    }

    /// A short run of words whose longer words are all capitalised ('All Bets Are Off.', 'Coal Isn't the
    /// Villain.'): a subheading's style, even with a full stop after it.
    private func isTitleCase(_ r: Range<Int>, _ ctx: QuoteContext) -> Bool {
        let words = r.filter { ctx.isWord[$0] }
        return words.count <= 10 && words.filter { ctx.isCap[$0] }.count >= 2
            && words.allSatisfy { ctx.isCap[$0] || !ctx.lower[$0].hasMoreCharacters(than: 3) }
    }

    /// The paragraph before `p` that is not boilerplate or a heading.
    private func previousParagraph(_ p: Int, _ doc: Document) -> Int {
        var k = p - 1
        while k > 0, doc.paragraphs[k].isBoilerplate || doc.paragraphs[k].isHeading { k -= 1 }
        return k
    }

    /// One named policy: higher confidence, then longer, then earlier wins an overlap. A split quote covers its
    /// pieces, not the attribution between them, so a quote inside that attribution (“A,” he said, insisting that
    /// it works. “B.”) is kept too.
    private func resolveOverlaps(_ found: [Found], textLength: Int) -> [Found] {
        // Sorted by keys taken out once: copying two quotes (with their arrays) per comparison cost more than the
        // comparison.
        let keys = found.map { (confidence: $0.confidence, length: $0.content.length, start: $0.content.start) }
        let order = found.indices.sorted { a, b in
            let x = keys[a], y = keys[b]
            if x.confidence != y.confidence { return x.confidence > y.confidence }
            if x.length != y.length { return x.length > y.length }
            return x.start < y.start
        }
        // Characters of kept quotes are marked: kept quotes never overlap, so this costs the text's length once.
        var covered = [Bool](repeating: false, count: textLength)
        var kept: [Found] = []
        func clamped(_ r: CharRange) -> Range<Int> {
            let lo = min(max(0, r.start), textLength)
            return lo..<max(lo, min(textLength, r.end))
        }
        func keep(_ f: Found) -> Bool {
            // Read and written through a buffer: an ArraySlice checked and stepped its index per character, a
            // visible share of this pass over the many candidate quotes of a text. The content or its pieces are
            // read in place (arrays of spans built per candidate cost more than the test).
            let free = covered.withUnsafeBufferPointer { c in
                f.pieces.isEmpty ? !UnsafeBufferPointer(rebasing: c[clamped(f.content)]).contains(true)
                    : !f.pieces.contains { UnsafeBufferPointer(rebasing: c[clamped($0)]).contains(true) }
            }
            guard free else { return false }
            covered.withUnsafeMutableBufferPointer { c in
                if f.pieces.isEmpty {
                    UnsafeMutableBufferPointer(rebasing: c[clamped(f.content)]).update(repeating: true)
                }
                for r in f.pieces { UnsafeMutableBufferPointer(rebasing: c[clamped(r)]).update(repeating: true) }
            }
            kept.append(f)
            return true
        }
        for i in order where !keep(found[i]) {
            for f in found[i].fallback { _ = keep(f) }
        }
        return Self.sorted(kept) { $0.content.start < $1.content.start }
    }

    /// `quotes.sorted(by: before)` by sorting indices: sorting the quotes themselves moved each (some 150 bytes)
    /// with a memory copy at every step. The same comparisons give the same order.
    private static func sorted(_ quotes: [Found], by before: (Found, Found) -> Bool) -> [Found] {
        quotes.indices.sorted { before(quotes[$0], quotes[$1]) }.map { quotes[$0] }
    }
}

extension QuoteContext {
    /// The quote resuming after `att` (within `resumeReach` tokens, else `longAttributionReach`) that nothing has
    /// claimed yet, claimed now. One rule for split direct quotes and for quotes resuming a reported clause.
    fileprivate func resumption(of att: CueAttribution, claimed: inout [Bool]) -> Int? {
        let after = max(att.cue.upperBound, att.speaker?.mention.upperBound ?? 0)
        guard let q2 = resumedQuote(after: after) ?? resumedQuote(after: after, reach: Self.longAttributionReach),
              !claimed[q2] else { return nil }
        claimed[q2] = true
        return q2
    }
}

extension Array {
    fileprivate subscript(safeIndex i: Int) -> Element? { i >= 0 && i < count ? self[i] : nil }
}
