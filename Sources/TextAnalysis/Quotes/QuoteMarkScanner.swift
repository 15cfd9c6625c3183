// Pairs quotation marks into direct-quote spans in one pass over the characters of each paragraph.
// Straight marks get their role from their neighbours; apostrophes are never marks; a stray or unbalanced mark
// is dropped at the end of its paragraph, so it spoils at most that paragraph (see quotes/marks.tsv).

/// A matched pair of quotation marks: scalar offsets of the opening and the closing mark.
struct MarkedQuote: Sendable, Equatable {
    var open: Int
    var close: Int
    var level: QuoteMark.Level
    /// The content between the marks.
    var content: CharRange { CharRange(open + 1, close) }
}

struct QuoteMarkScanner: Sendable {
    let marks: [Unicode.Scalar: QuoteMark]
    let elisions: Set<String>

    /// Scans the given paragraphs (in text order) and returns the top-level quotes, in order.
    func scan(_ s: [Unicode.Scalar], paragraphs: [CharRange]) -> [MarkedQuote] {
        var out: [MarkedQuote] = []
        // The open top-level quote: where it opened and at which level.
        var primary: (start: Int, level: QuoteMark.Level)?
        var nestedOpen = false
        for (pi, p) in paragraphs.enumerated() {
            var from = p.start
            if let open = primary {
                // Multi-paragraph quote: the next paragraph must reopen with a mark of the same level.
                var i = p.start
                while i < p.end, s[i].properties.isWhitespace { i += 1 }
                if i < p.end, let m = marks[s[i]], m.level == open.level, m.role != .close, leftFlank(s, i, p) {
                    from = i + 1
                } else {
                    primary = nil
                }
            }
            nestedOpen = false
            var i = from
            while i < p.end {
                defer { i += 1 }
                guard let m = marks[s[i]] else { continue }
                if m.level == .single && isApostrophe(s, i, p) { continue }
                let lf = leftFlank(s, i, p), rf = rightFlank(s, i, p)
                let canOpen = m.role != .close && (lf || (m.role == .open && !rf))
                let canClose = m.role != .open && (rf || (m.role == .close && !lf))
                guard let open = primary else {
                    if m.level == .double {
                        // A closing curly mark used as an opener (typo or regional style) still opens.
                        if canOpen || (m.role == .close && lf && !rf) { primary = (i, .double) }
                    } else if canOpen && !rf {
                        primary = (i, .single)
                    }
                    continue
                }
                if m.level == open.level {
                    if canClose && !(canOpen && !rf) {
                        if i > open.start + 1 { out.append(MarkedQuote(open: open.start, close: i, level: open.level)) }
                        primary = nil
                        nestedOpen = false
                    } else if canOpen {
                        // An opener while open: the earlier opener was stray; start again here.
                        primary = (i, open.level)
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
                if open.level == .single || next == nil { primary = nil }
            }
        }
        return out
    }

    private func isSpace(_ c: Unicode.Scalar) -> Bool { c.properties.isWhitespace }
    private func isWordChar(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic || c.properties.numericType != nil }

    /// Space (or paragraph start, an opening bracket or dash, another mark) before, a non-space after.
    private func leftFlank(_ s: [Unicode.Scalar], _ i: Int, _ p: CharRange) -> Bool {
        guard i + 1 < p.end, !isSpace(s[i + 1]) else { return false }
        if i == p.start { return true }
        let b = s[i - 1]
        return isSpace(b) || "([{—–-/".unicodeScalars.contains(b) || marks[b] != nil
    }

    /// A non-space before, and space (or paragraph end, punctuation, another mark) after.
    private func rightFlank(_ s: [Unicode.Scalar], _ i: Int, _ p: CharRange) -> Bool {
        guard i > p.start, !isSpace(s[i - 1]) else { return false }
        if i + 1 >= p.end { return true }
        let a = s[i + 1]
        return isSpace(a) || ".,;:!?)]}—–-…".unicodeScalars.contains(a) || marks[a] != nil
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
