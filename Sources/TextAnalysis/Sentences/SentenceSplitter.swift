// The sentence and paragraph component: one loop over the tokens (spaCy's sentencizer, plus line structure).
//
// A sentence ends after terminal punctuation (with closing quotes written right after it), unless the next word
// starts in lowercase; after an abbreviation only when a sentence starter follows ("U.S. He ..."), never after a
// title ("Mr.") or an initial ("J."). A line break ends a sentence (headlines have no final punctuation) unless
// a lowercase word follows it (hard-wrapped text); a blank line ends a paragraph. A boilerplate marker
// ("Follow us on ...") starts its own paragraph that runs to the end of its line and is flagged isBoilerplate (after
// a related-story marker, "READ |", the marker and the linked headline are two such paragraphs, the second flagged
// isLink); a one-line
// paragraph without final punctuation is a heading. Runs without punctuation are cut every maxSentenceTokens.
// Sentences partition the tokens and paragraphs partition the sentences; the date prefix has no tokens.

public struct SentenceSplitter: AnalysisComponent {
    public let name = "sentences"
    public let requires: Set<Annotation> = [.tokens]
    public let provides: Set<Annotation> = [.sentences, .paragraphs]

    /// A run without sentence punctuation is cut after this many tokens. Real sentences stay far below it; the cap
    /// keeps components that work per sentence linear on hostile input (one 10 MB line without a period).
    public static let maxSentenceTokens = 300

    /// A one-line paragraph longer than this is body text even without final punctuation.
    public static let maxHeadingTokens = 16

    public enum BoilerplatePosition: String, Sendable { case start, anywhere, line }

    struct BoilerplatePattern: Sendable {
        let tokens: [String]
        let position: BoilerplatePosition
        /// A related-story headline: its names still count as entities.
        let isLink: Bool
    }

    let terminal: ScalarSet
    let closing: ScalarSet
    let starters: Set<String>
    /// Abbreviation → where it may end a sentence.
    let abbreviations: [String: AbbreviationEnd]
    /// Patterns keyed by their first token.
    let boilerplate: [String: [BoilerplatePattern]]
    /// First scalars of the patterns: most tokens are rejected by this before any String is hashed.
    let boilerplateFirst: ScalarSet

    public init(resources: ResourceLoader) throws {
        var terminal = ScalarSet([]), closing = ScalarSet([])
        for (line, text) in try resources.lines("sentences/punctuation.txt") {
            let f = text.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 2, let ch = TokenizerRules.unescape(String(f[1])), ch.unicodeScalars.count == 1 else {
                throw ResourceError("sentences/punctuation.txt:\(line): expected kind<TAB>one character")
            }
            switch f[0] {
            case "terminal": terminal.insert(ch.unicodeScalars.first!.value)
            case "closing": closing.insert(ch.unicodeScalars.first!.value)
            default: throw ResourceError("sentences/punctuation.txt:\(line): unknown kind \(f[0])")
            }
        }
        var starters = Set<String>()
        for (_, text) in try resources.lines("sentences/starters.txt") {
            starters.insert(text.trimmingCharacters(in: .whitespaces))
        }
        var boilerplate: [String: [BoilerplatePattern]] = [:]
        for (line, text) in try resources.lines("sentences/boilerplate.txt") {
            let f = text.split(separator: "\t", omittingEmptySubsequences: false)
            let tokens = f.first.map { $0.split(separator: " ").map(String.init) } ?? []
            guard f.count == 2 || (f.count == 3 && f[2] == "link"), !tokens.isEmpty,
                  let pos = BoilerplatePosition(rawValue: String(f[1])) else {
                throw ResourceError(
                    "sentences/boilerplate.txt:\(line): expected tokens<TAB>start|anywhere|line[<TAB>link]")
            }
            boilerplate[tokens[0], default: []].append(BoilerplatePattern(tokens: tokens, position: pos,
                                                                          isLink: f.count == 3))
        }
        for key in boilerplate.keys { boilerplate[key]!.sort { $0.tokens.count > $1.tokens.count } }
        self.terminal = terminal
        self.closing = closing
        self.starters = starters
        self.boilerplate = boilerplate
        self.boilerplateFirst = ScalarSet(boilerplate.keys.compactMap { $0.unicodeScalars.first?.value })
        self.abbreviations = try TokenizerRules.loadAbbreviations(resources)
    }

    public func process(_ document: inout Document) {
        let (sentences, paragraphs) = split(document)
        document.sentences = sentences
        document.paragraphs = paragraphs
    }

    /// Sentences and paragraphs of a tokenized document.
    public func split(_ doc: Document) -> ([Sentence], [Paragraph]) {
        let tokens = doc.tokens
        let n = tokens.count
        var sentences: [Sentence] = []
        var paragraphs: [Paragraph] = []
        guard n > 0 else { return ([], []) }
        sentences.reserveCapacity(n / 15 + 1)

        var sentStart = 0
        var paraStart = 0          // index into sentences
        var inBoilerplate = false
        var paraBoilerplate = false, paraLink = false

        func endSentence(_ end: Int) {
            guard end > sentStart else { return }
            // Stray punctuation ("in the US. .") joins the sentence before it in the same paragraph.
            if sentences.count > paraStart,
               (sentStart..<end).allSatisfy({ isTerminal(tokens[$0].text) || isClosing(tokens[$0].text) }) {
                sentences[sentences.count - 1].tokens = sentences[sentences.count - 1].tokens.lowerBound..<end
                sentences[sentences.count - 1].chars.end = tokens[end - 1].end
                sentStart = end
                return
            }
            sentences.append(Sentence(tokens: sentStart..<end,
                                      chars: CharRange(tokens[sentStart].start, tokens[end - 1].end)))
            sentStart = end
        }
        func endParagraph() {
            guard sentences.count > paraStart else {
                paraBoilerplate = false
                paraLink = false
                return
            }
            let first = sentences[paraStart], last = sentences[sentences.count - 1]
            var p = Paragraph(sentences: paraStart..<sentences.count,
                              chars: CharRange(first.chars.start, last.chars.end), isBoilerplate: paraBoilerplate)
            p.isLink = paraBoilerplate && paraLink
            if !paraBoilerplate { p.isHeading = isHeading(p, sentences: sentences, doc: doc) }
            paragraphs.append(p)
            paraStart = sentences.count
            paraBoilerplate = false
            paraLink = false
        }

        var i = 0
        while i < n {
            if i - sentStart >= SentenceSplitter.maxSentenceTokens { endSentence(i) }
            if i > 0 {
                let breaks = lineBreaks(doc.scalars, tokens[i - 1].end, tokens[i].start)
                // One line break before a lowercase word is hard-wrapped text, not the end of a headline.
                let wrapped = breaks == 1 && !inBoilerplate && startsLowercase(tokens[i].text)
                if breaks > 0 && !wrapped {
                    endSentence(i)
                    if breaks > 1 || inBoilerplate { endParagraph() }
                    inBoilerplate = false
                }
            }
            if !inBoilerplate, boilerplateFirst.contains(doc.scalars[tokens[i].start].value),
               let pattern = boilerplateMatch(at: i, tokens: tokens, doc: doc, atSentenceStart: i == sentStart) {
                endSentence(i)
                endParagraph()
                inBoilerplate = true
                paraBoilerplate = true
                i += pattern.tokens.count
                if pattern.isLink {
                    // The marker ("READ |") is a boilerplate paragraph of its own and the linked headline another,
                    // so the tagger, which reads the headline's names, never takes the marker for a name.
                    endSentence(i)
                    endParagraph()
                    paraBoilerplate = true
                    paraLink = true
                }
                continue
            }
            // Tokens ending in a letter or digit (most of them) cannot end a sentence: skip the string checks.
            let lastScalar = doc.scalars[tokens[i].end - 1].value
            if !inBoilerplate, !CharClass.isASCIIAlphanumeric(lastScalar),
               let end = sentenceEnd(at: i, tokens: tokens) {
                endSentence(end)
                i = end
                continue
            }
            i += 1
        }
        endSentence(n)
        endParagraph()
        return (sentences, paragraphs)
    }

    // MARK: Decisions

    /// When token i can end a sentence, the index just past the sentence (after closing punctuation); else nil.
    func sentenceEnd(at i: Int, tokens: [Token]) -> Int? {
        let t = tokens[i].text
        let n = tokens.count
        var end: Int
        if isTerminal(t) {
            end = i + 1
            // Absorb more terminals and closing quotes written without a space before them.
            while end < n, !tokens[end - 1].spaceAfter, isTerminal(tokens[end].text) || isClosing(tokens[end].text) {
                end += 1
            }
            if end < n, startsLowercase(tokens[end].text) { return nil }
            return end
        }
        guard t.utf8.count >= 2, t.utf8.last == UInt8(ascii: "."), i + 1 < n else { return nil }
        switch abbreviations[t] {
        case .never: return nil
        case .maybe: return starters.contains(tokens[i + 1].text) ? i + 1 : nil
        case .capital:
            let next = tokens[i + 1].text.unicodeScalars.first!.value
            return CharClass.isUpper(next) || starters.contains(tokens[i + 1].text) ? i + 1 : nil
        case nil: break
        }
        // Letter-period runs (U.K.) behave like `maybe` abbreviations; lone initials (J.) never end a sentence.
        if t.unicodeScalars.count > 2 && isLetterPeriodRun(t) {
            return starters.contains(tokens[i + 1].text) ? i + 1 : nil
        }
        return nil
    }

    func boilerplateMatch(at i: Int, tokens: [Token], doc: Document, atSentenceStart: Bool) -> BoilerplatePattern? {
        guard let list = boilerplate[tokens[i].text] else { return nil }
        for pattern in list where i + pattern.tokens.count <= tokens.count {
            var same = true
            for (k, text) in pattern.tokens.enumerated() where tokens[i + k].text != text { same = false; break }
            guard same else { continue }
            switch pattern.position {
            case .anywhere: return pattern
            case .start: if atSentenceStart { return pattern }
            case .line:
                let end = i + pattern.tokens.count
                let lineStart = i == 0 || lineBreaks(doc.scalars, tokens[i - 1].end, tokens[i].start) > 0
                let lineEnd = end == tokens.count || lineBreaks(doc.scalars, tokens[end - 1].end, tokens[end].start) > 0
                if lineStart && lineEnd { return pattern }
            }
        }
        return nil
    }

    /// A single-line paragraph of one short sentence without final punctuation.
    func isHeading(_ p: Paragraph, sentences: [Sentence], doc: Document) -> Bool {
        guard p.sentences.count == 1 else { return false }
        let s = sentences[p.sentences.lowerBound]
        guard s.tokens.count <= SentenceSplitter.maxHeadingTokens else { return false }
        var last = s.tokens.upperBound - 1
        while last > s.tokens.lowerBound, isClosing(doc.tokens[last].text) { last -= 1 }
        if isTerminal(doc.tokens[last].text) || doc.tokens[last].text == ":" { return false }
        // A line starting in lowercase is a fragment of broken-up text, not a title.
        if startsLowercase(doc.tokens[s.tokens.lowerBound].text) { return false }
        return lineBreaks(doc.scalars, s.chars.start, s.chars.end) == 0
    }

    // MARK: Helpers

    /// Line breaks in scalars[a..<b]; CRLF counts once, the paragraph separator U+2029 twice (a blank line).
    func lineBreaks(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> Int {
        var count = 0
        var k = a
        while k < b {
            let v = s[k].value
            if CharClass.isLineBreak(v) {
                count += v == 0x2029 ? 2 : 1
                if v == 0x0D, k + 1 < b, s[k + 1].value == 0x0A { k += 1 }
            }
            k += 1
        }
        return count
    }

    func isTerminal(_ t: String) -> Bool {
        !t.isEmpty && t.unicodeScalars.allSatisfy { terminal.contains($0.value) }
    }

    func isClosing(_ t: String) -> Bool {
        var it = t.unicodeScalars.makeIterator()
        guard let first = it.next(), it.next() == nil else { return false }
        return closing.contains(first.value)
    }

    func startsLowercase(_ t: String) -> Bool {
        guard let first = t.unicodeScalars.first else { return false }
        return CharClass.isLower(first.value)
    }

    func isLetterPeriodRun(_ t: String) -> Bool {
        let u = Array(t.unicodeScalars)
        guard u.count % 2 == 0 else { return false }
        return stride(from: 0, to: u.count, by: 2).allSatisfy { CharClass.isLetter(u[$0].value) && u[$0 + 1] == "." }
    }
}
