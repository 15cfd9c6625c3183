// The statistical entity tagger as a pipeline component: runs NERSequenceTagger over the document's sentences
// and adds its mentions (PER, ORG, LOC, MISC) with span probabilities as confidence, less those that name
// nothing (entities/not-names.tsv: "PC", "Christmas").
public struct EntityTagger: AnalysisComponent {
    public let name = "entity-tagger"
    public let requires: Set<Annotation> = [.tokens, .sentences]
    public let provides: Set<Annotation> = [.mentions]

    public let tagger: NERSequenceTagger
    let notNames: NotNames

    public init(tagger: NERSequenceTagger) {
        self.tagger = tagger
        self.notNames = .empty
    }

    /// Loads the bundled model, clusters and gazetteers; fails with the file and reason when one is wrong.
    public init(resources: ResourceLoader) throws {
        self.tagger = try NERSequenceTagger(resources: resources)
        self.notNames = try NotNames(resources: resources)
    }

    /// Mentions for the document, without writing them (spaCy's predict).
    public func predict(_ document: Document) -> [EntityMention] {
        var skip = [Bool](repeating: false, count: document.sentences.count)
        // Calls to action ("Follow us on Twitter") name nothing the article is about; related-story links do.
        for p in document.paragraphs where p.isBoilerplate && !p.isLink {
            for s in p.sentences where s < skip.count { skip[s] = true }
        }
        let used = document.sentences.indices.filter { !skip[$0] }
        let words = used.map { s in document.sentences[s].tokens.map { document.tokens[$0].text } }
        let result = tagger.tag(words)
        var out: [EntityMention] = []
        for (k, s) in used.enumerated() {
            let base = document.sentences[s].tokens.lowerBound
            for span in result.spans[k] {
                let whole = (base + span.tokens.lowerBound)..<(base + span.tokens.upperBound)
                for piece in Self.splitAtUnbalancedBrackets(whole, document.tokens) {
                    guard let r = Self.trimmingQuoteMarks(piece, document.tokens),
                          !notNames.excludes(r, document.tokens) else { continue }
                    out.append(EntityMention(tokens: r, chars: document.chars(ofTokens: r), type: span.type,
                                             confidence: span.confidence))
                }
            }
        }
        return out
    }

    /// A quotation mark at a name's edge is the quote's, not the name's (the closing mark of "'pay later' Budget"
    /// glued to Budget); a single mark at the end stays, as it may be a possessive ("Jones'"). Nil when nothing
    /// is left.
    static func trimmingQuoteMarks(_ r: Range<Int>, _ tokens: [Token]) -> Range<Int>? {
        func isMark(_ t: Int, singleToo: Bool) -> Bool {
            let text = tokens[t].text
            return !text.isEmpty && text.unicodeScalars.allSatisfy {
                doubleMarks.contains($0) || (singleToo && singleMarks.contains($0))
            }
        }
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi, isMark(lo, singleToo: true) { lo += 1 }
        // A single mark at the end goes too when one opened the span ("‘Harry Potter’").
        let openedBySingle = lo > r.lowerBound
        while hi > lo, isMark(hi - 1, singleToo: openedBySingle || tokens[hi - 1].text == "''") { hi -= 1 }
        return lo < hi ? lo..<hi : nil
    }
    // The quotation marks of quotes/marks.tsv (the tagger has no quote lexicon; QuoteMarkTests keep them in step).
    static let doubleMarks: Set<Unicode.Scalar> = ["\"", "“", "”", "„", "«", "»", "`", "「", "」"]
    static let singleMarks: Set<Unicode.Scalar> = ["'", "‘", "’", "‹", "›", "『", "』"]

    /// A name holds a bracket only with its partner ("Proleter ( Z )"); a span running over a lone one joins
    /// two names in a line-up ("Mills (Bradley Wright-Phillips 82)"), so it is cut there into the runs on either
    /// side that hold a letter or digit.
    static func splitAtUnbalancedBrackets(_ r: Range<Int>, _ tokens: [Token]) -> [Range<Int>] {
        var lone: [Int] = [], open: [(index: Int, closer: String)] = []
        for t in r {
            switch tokens[t].text {
            case "(": open.append((t, ")"))
            case "[": open.append((t, "]"))
            case "{": open.append((t, "}"))
            case ")", "]", "}":
                if let last = open.last, last.closer == tokens[t].text { open.removeLast() } else { lone.append(t) }
            default: break
            }
        }
        guard !lone.isEmpty || !open.isEmpty else { return [r] }
        var pieces: [Range<Int>] = [], start = r.lowerBound
        for cut in (lone + open.map(\.index)).sorted() + [r.upperBound] {
            if start < cut, tokens[start..<cut].contains(where: { $0.text.unicodeScalars.contains {
                $0.properties.isAlphabetic || $0.properties.numericType != nil } }) {
                pieces.append(start..<cut)
            }
            start = cut + 1
        }
        return pieces
    }

    /// Adds predicted mentions that overlap none already present (an earlier gazetteer or rule wins),
    /// keeping mentions in text order.
    public func process(_ document: inout Document) {
        let existing = document.mentions
        let fresh = predict(document).filter { m in !existing.contains { $0.chars.overlaps(m.chars) } }
        guard !fresh.isEmpty else { return }
        document.mentions = (existing + fresh).sorted {
            ($0.tokens.lowerBound, $0.tokens.upperBound) < ($1.tokens.lowerBound, $1.tokens.upperBound)
        }
    }
}
