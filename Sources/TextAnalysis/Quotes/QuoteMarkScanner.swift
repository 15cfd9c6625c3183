// Pairs quotation marks into direct-quote spans in one pass over the characters of each paragraph.
// Straight marks get their role from their neighbours; apostrophes are never marks; a stray or unbalanced mark
// is dropped at the end of its paragraph, so it spoils at most that paragraph; paragraphs of one quote run
// together on a line are told from a stray mark by the sentence end before the reopening mark (quotes/marks.tsv).

/// A matched pair of quotation marks: scalar offsets of the opening and the closing mark.
struct MarkedQuote: Sendable, Equatable {
    var open: Int
    var close: Int
    var level: QuoteMark.Level
    /// Characters in the opening mark (2 for '').
    var openLength = 1
    var closeLength = 1
    /// The content between the marks, without the space of spaced marks (French « oui », a typesetter's
    /// 'outreach,' "); when no mark closes it because the next run-on paragraph reopens ('"I know it. "It would
    /// ...'), it ends after the sentence's final punctuation, which `close` then points at.
    var content: CharRange
}

struct QuoteMarkScanner: Sendable {
    let marks: [Unicode.Scalar: QuoteMark]
    let pairMarks: [Unicode.Scalar: [Unicode.Scalar: QuoteMark]]
    let elisions: Set<String>

    /// Which ASCII characters start a mark, and the few other characters that do (checked without hashing,
    /// since every character of the text passes here).
    private let asciiStarts: [Bool]
    private let otherStarts: [Unicode.Scalar]
    /// `marks` of each ASCII character, and whether it starts a two-character mark: read for every mark candidate
    /// and its neighbours without hashing the character.
    private let asciiMarks: [QuoteMark?]
    private let asciiPairStarts: [Bool]

    init(marks: [Unicode.Scalar: QuoteMark], pairMarks: [Unicode.Scalar: [Unicode.Scalar: QuoteMark]],
         elisions: Set<String>) {
        self.marks = marks
        self.pairMarks = pairMarks
        self.elisions = elisions
        var ascii = [Bool](repeating: false, count: 128)
        var other: [Unicode.Scalar] = []
        for c in Array(marks.keys) + Array(pairMarks.keys) {
            if c.value < 128 { ascii[Int(c.value)] = true } else if !other.contains(c) { other.append(c) }
        }
        self.asciiStarts = ascii
        self.otherStarts = other
        asciiMarks = (0..<128).map { marks[Unicode.Scalar(UInt8($0))] }
        asciiPairStarts = (0..<128).map { pairMarks[Unicode.Scalar(UInt8($0))] != nil }
    }

    /// `marks[c]`.
    @inline(__always) private func mark(_ c: Unicode.Scalar) -> QuoteMark? {
        c.value < 128 ? asciiMarks[Int(c.value)] : marks[c]
    }

    /// `pairMarks[c]?[next]`.
    @inline(__always) private func pairMark(_ c: Unicode.Scalar, _ next: Unicode.Scalar) -> QuoteMark? {
        if c.value < 128, !asciiPairStarts[Int(c.value)] { return nil }
        return pairMarks[c]?[next]
    }

    /// Whether `c` is a quotation mark or the first character of one.
    func mayStartMark(_ c: Unicode.Scalar) -> Bool {
        c.value < 128 ? asciiStarts[Int(c.value)] : otherStarts.contains(c)
    }

    /// The first character in `from..<to` that may start a mark (`mayStartMark`, read through buffers), else `to`.
    /// Most characters start none: the scan's own loop checked bounds twice for each of them.
    private func nextMarkStart(_ s: [Unicode.Scalar], from: Int, to: Int) -> Int {
        let end = min(to, s.count)
        guard from < end else { return max(from, to) }
        return s.withUnsafeBufferPointer { chars in
            asciiStarts.withUnsafeBufferPointer { ascii in
                var i = from
                while i < end {
                    let v = chars[i].value
                    if v < 128 ? ascii[Int(v)] : otherStarts.contains(chars[i]) { return i }
                    i += 1
                }
                return to
            }
        }
    }

    /// Scans the given paragraphs (in text order) and returns the top-level quotes, in order.
    func scan(_ s: [Unicode.Scalar], paragraphs: [CharRange]) -> [MarkedQuote] {
        var out: [MarkedQuote] = []
        // The open top-level quote: where it opened and at which level.
        var primary: (start: Int, level: QuoteMark.Level, length: Int, clause: Bool)?
        var nestedOpen = false
        for (pi, p) in paragraphs.enumerated() {
            var from = p.start
            if let open = primary {
                // Multi-paragraph quote: the next paragraph must reopen with a mark of the same level.
                var i = p.start
                while i < p.end, isSpace(s[i]) { i += 1 }
                let pm = i + 1 < p.end ? pairMark(s[i], s[i + 1]) : nil
                let len = pm == nil ? 1 : 2
                // It reopens with the same mark: a quote in straight marks is not continued by a paragraph
                // opening with a curly one (a block quote in straight marks with a curly quote inside it).
                if i < p.end, let m = pm ?? mark(s[i]), m.level == open.level, m.role != .close,
                   len == open.length, sameMark(s, open.start, i, len), leftFlank(s, i, p, len) {
                    from = i + len
                } else {
                    primary = nil
                }
            }
            nestedOpen = false
            var i = from
            while i < p.end {
                i = nextMarkStart(s, from: i, to: p.end)
                guard i < p.end else { break }
                var len = 1
                defer { i += len }
                let m: QuoteMark
                if i + 1 < p.end, let pm = pairMark(s[i], s[i + 1]) {
                    m = pm; len = 2
                } else if let sm = mark(s[i]) {
                    m = sm
                } else { continue }
                if len == 1 && m.level == .single && isApostrophe(s, i, p) { continue }
                let lf = leftFlank(s, i, p, len), rf = rightFlank(s, i, p, len)
                let canOpen = m.role != .close && (lf || (m.role == .open && !rf))
                // An opening-only mark with text before and space after closes („ja“, or a typo “yes“).
                let canClose = m.role == .open ? rf && !lf : (rf || (m.role == .close && !lf))
                guard let open = primary else {
                    if m.level == .double {
                        // A closing curly mark used as an opener (typo or regional style) still opens.
                        if canOpen || (m.role == .close && lf && !rf) {
                            primary = (i, .double, len, clauseInitial(s, i, p))
                        }
                    } else if canOpen && !rf {
                        primary = (i, .single, len, clauseInitial(s, i, p))
                    }
                    continue
                }
                if m.level == open.level {
                    if canClose && !(canOpen && !rf) {
                        if i > open.start + open.length {
                            out.append(quote(s, open: open.start, openLength: open.length, close: i,
                                             closeLength: len, level: open.level))
                        }
                        primary = nil
                        nestedOpen = false
                    } else if canOpen {
                        // An opener while open after a sentence's end, the earlier one having opened its clause:
                        // paragraphs of one quote run together on a line ('"I know it. "It would not worry me.'),
                        // each reopening as a new paragraph would; the quote so far ends at this mark. Elsewhere
                        // the earlier opener was stray; start again here.
                        if open.clause, let end = sentenceEnd(s, before: i, after: open.start + open.length) {
                            // The sentence's final punctuation stands for the closing mark, so the reopening
                            // mark belongs to the next quote only; it opens a paragraph as much as one after a
                            // line break would.
                            out.append(quote(s, open: open.start, openLength: open.length, close: end - 1,
                                             closeLength: 1, level: open.level, contentEnd: end))
                            primary = (i, open.level, len, true)
                        } else {
                            primary = (i, open.level, len, clauseInitial(s, i, p))
                        }
                    }
                } else if open.level == .single {
                    // Double marks nested in a single-quoted quote: track them so they do not close anything.
                    if nestedOpen { if canClose { nestedOpen = false } } else if canOpen { nestedOpen = true }
                }
                // Single marks inside a double quote are nested quotes or apostrophes: left alone.
            }
            if let open = primary {
                // Only a double quote may run on; it does when the next paragraph reopens (checked above).
                let next = pi + 1 < paragraphs.count ? paragraphs[pi + 1] : nil
                // Only a quote that opened its clause runs on (“yes to the plan. opened mid-sentence: a stray).
                if open.level == .single || next == nil || !open.clause { primary = nil }
            }
        }
        return out
    }

    /// When sentence-final punctuation and space come right before `i`, with text between it and `start`: the
    /// offset just after that punctuation. An abbreviation's period ends no sentence here: the word before a "."
    /// must end in a lower-case letter or a digit, be longer than one letter, and be no title written before a
    /// name ("U.S.", "J. Smith", "Mr. Big" end nothing).
    private func sentenceEnd(_ s: [Unicode.Scalar], before i: Int, after start: Int) -> Int? {
        var j = i - 1
        guard j > start, isSpace(s[j]) else { return nil }
        while j > start, isSpace(s[j]) { j -= 1 }
        return j > start && endsSentence(s, at: j, after: start) ? j + 1 : nil
    }

    /// `s[j]` is sentence-final punctuation, the word before a "." being no abbreviation (see `sentenceEnd`).
    private func endsSentence(_ s: [Unicode.Scalar], at j: Int, after start: Int) -> Bool {
        if s[j] == "!" || s[j] == "?" || s[j] == "…" { return true }
        guard s[j] == "." else { return false }
        // '"He said to me, 'go'. "It looks ...': a period right after a closing mark ends its sentence.
        if j - 2 > start, let m = mark(s[j - 1]), m.role != .open, !isSpace(s[j - 2]) { return true }
        var w = j
        while w > start, isWordChar(s[w - 1]) { w -= 1 }
        // Scalars, not a String: every opening mark after a sentence asks (clauseInitial).
        guard j - w > 1 else { return false }
        let last = s[j - 1]
        let lowerOrDigit = last.value < 128
            ? (last.value >= 97 && last.value <= 122) || Self.isASCIIDigit(last)
            : last.properties.isLowercase || last.properties.numericType != nil
        guard lowerOrDigit else { return false }
        guard j - w <= Self.longestTitle else { return true }
        return !Self.titleAbbreviations.contains(String(String.UnicodeScalarView(s[w..<j])))
    }

    private static let titleAbbreviations: Set<String> = ["Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Prof", "Gen",
                                                          "Sen", "Rep", "Gov", "Lt", "Col", "Capt", "Sgt", "Rev"]
    private static let longestTitle = titleAbbreviations.map { $0.unicodeScalars.count }.max() ?? 0

    private func quote(_ s: [Unicode.Scalar], open: Int, openLength: Int, close: Int, closeLength: Int,
                       level: QuoteMark.Level, contentEnd: Int? = nil) -> MarkedQuote {
        var start = open + openLength, end = contentEnd ?? close
        while start < end, isSpace(s[start]) { start += 1 }
        while end > start, isSpace(s[end - 1]) { end -= 1 }
        return MarkedQuote(open: open, close: close, level: level, openLength: openLength, closeLength: closeLength,
                           content: CharRange(start, end))
    }

    /// The marks at `a` and `b` (each `len` characters) are the same characters: one typographic style.
    private func sameMark(_ s: [Unicode.Scalar], _ a: Int, _ b: Int, _ len: Int) -> Bool {
        (0..<len).allSatisfy { a + $0 < s.count && b + $0 < s.count && s[a + $0] == s[b + $0] }
    }

    /// Whitespace, or a control or invisible format character (NUL, BOM) the tokenizer also reads as a separator.
    private func isSpace(_ c: Unicode.Scalar) -> Bool { CharClass.isSeparator(c.value) }

    /// The mark opens a paragraph, follows a colon or comma, or opens a sentence after space (the quotes that may
    /// run over paragraphs): 'Smith said the law was clear. "It is. "But ...' runs on as much as 'Smith said: "It
    /// is. "But ...'. A sentence ends at its final punctuation, or at a closing mark right after it ('"Yes." "But').
    private func clauseInitial(_ s: [Unicode.Scalar], _ i: Int, _ p: CharRange) -> Bool {
        var j = i - 1
        while j >= p.start, isSpace(s[j]) { j -= 1 }
        if j < p.start || s[j] == ":" || s[j] == "," { return true }
        guard j < i - 1 else { return false }
        if j > p.start, mark(s[j]).map({ $0.role != .open }) == true { j -= 1 }
        return j > p.start && endsSentence(s, at: j, after: p.start)
    }
    private func isWordChar(_ c: Unicode.Scalar) -> Bool {
        // ASCII first: Unicode properties are table look-ups, and most words before a mark are ASCII.
        if c.value < 128 { return EntityTitleIndex.isASCIILetter(UInt8(c.value)) || Self.isASCIIDigit(c) }
        return c.properties.isAlphabetic || c.properties.numericType != nil
    }
    private static func isASCIIDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }

    /// Space (or paragraph start, an opening bracket or dash, another mark) before, a non-space after.
    private func leftFlank(_ s: [Unicode.Scalar], _ i: Int, _ p: CharRange, _ len: Int = 1) -> Bool {
        guard i + len < p.end, !isSpace(s[i + len]) else { return false }
        if i == p.start { return true }
        let b = s[i - 1]
        return isSpace(b) || "([{—–-/".unicodeScalars.contains(b) || mark(b) != nil
    }

    /// A non-space before, and space (or paragraph end, punctuation, another mark) after. A space between a
    /// nested closing mark and this one counts as none (“... the term 'outreach,' " he told ...”).
    private func rightFlank(_ s: [Unicode.Scalar], _ i: Int, _ p: CharRange, _ len: Int = 1) -> Bool {
        guard i > p.start else { return false }
        let spacedAfterMark = i - 2 >= p.start && s[i - 1] == " " && mark(s[i - 2]) != nil
            && !isSpace(s[max(p.start, i - 3)])
        guard !isSpace(s[i - 1]) || spacedAfterMark else { return false }
        if i + len >= p.end { return true }
        let a = s[i + len]
        return isSpace(a) || ".,;:!?)]}—–-…".unicodeScalars.contains(a) || mark(a) != nil
    }

    /// don’t, O'Neill, Korea’s, ’90s, 'em: a single mark inside a word or starting a short form.
    private func isApostrophe(_ s: [Unicode.Scalar], _ i: Int, _ p: CharRange) -> Bool {
        let before: Unicode.Scalar? = i > p.start ? s[i - 1] : nil
        let after: Unicode.Scalar? = i + 1 < p.end ? s[i + 1] : nil
        if let b = before, let a = after, isWordChar(b), isWordChar(a) { return true }
        guard let a = after, before == nil || isSpace(before!) else { return false }
        if a.properties.numericType != nil { return true }
        var j = i + 1, word = ""
        while j < p.end, s[j].properties.isAlphabetic, word.count < 8 { word.unicodeScalars.append(s[j]); j += 1 }
        return elisions.contains(word.lowercased()) && (j >= p.end || !s[j].properties.isAlphabetic)
    }
}
