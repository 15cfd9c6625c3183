// Odd characters between words (emoji, control characters such as NUL, stray pictographs) take part in no quote
// pattern: the quote sieves read a copy of the document without those tokens, so "John Smith 😀 said" reads as
// "John Smith said" and a NUL before a quote mark leaves the quote whole. Character offsets are untouched, so the
// quotes found point into the original text; a sentence or mention made only of such tokens keeps them.

extension Document {
    /// Token `i` is nothing but symbols, marks, format or control characters (no letter, digit or punctuation).
    func isSymbolToken(_ i: Int) -> Bool {
        // Nearly every token opens with a printable ASCII character that is no symbol: no property lookups then.
        guard let first = firstScalar(ofToken: i) else { return false }
        if first.value >= 0x20, first.value < 0x7F, first != "^", first != "`" { return false }
        return tokens[i].text.unicodeScalars.allSatisfy { s in
            switch s.properties.generalCategory {
            case .otherSymbol, .modifierSymbol, .control, .format, .nonspacingMark, .enclosingMark, .privateUse,
                 .unassigned, .surrogate:
                return true
            default:
                return false
            }
        }
    }

    /// This document with its symbol tokens dropped and token ranges renumbered; itself when it has none.
    func droppingSymbolTokens() -> Document {
        // Most documents have none: no table is built for them.
        guard tokens.indices.contains(where: isSymbolToken) else { return self }
        var drop = tokens.indices.map(isSymbolToken)
        // Ranges from other components are trusted only after clamping to the token array.
        func clamped(_ r: Range<Int>) -> Range<Int> {
            let lo = max(0, min(r.lowerBound, tokens.count))
            return lo..<max(lo, min(r.upperBound, tokens.count))
        }
        for r in sentences.map({ clamped($0.tokens) }) + mentions.map({ clamped($0.tokens) })
            where r.allSatisfy({ drop[$0] }) {
            for t in r { drop[t] = false }
        }
        // index[i]: how many kept tokens come before token i.
        var index = [Int](repeating: 0, count: tokens.count + 1)
        for i in tokens.indices { index[i + 1] = index[i] + (drop[i] ? 0 : 1) }
        func remap(_ r: Range<Int>) -> Range<Int> {
            let c = clamped(r)
            return index[c.lowerBound]..<index[c.upperBound]
        }
        var copy = self
        copy.tokens = tokens.indices.filter { !drop[$0] }.map { tokens[$0] }
        for i in copy.sentences.indices { copy.sentences[i].tokens = remap(sentences[i].tokens) }
        for i in copy.mentions.indices { copy.mentions[i].tokens = remap(mentions[i].tokens) }
        return copy
    }
}
