// The pieces a reader cites a quote by. A quote's content range runs from its first word to its last, so a
// quote split by its attribution (“A,” he said, “B.”) holds the attribution, and one running over paragraphs
// holds each paragraph's reopening mark; the pieces leave both out, and `Document.text(of:)` joins them.

extension QuoteExtractor {
    /// `pieces` are the quoted ranges a sieve joined (empty: the content is one piece); each is cut at paragraph
    /// ends, and a piece opening a paragraph loses the separators (spaces, NUL, BOM) and reopening marks before
    /// its first word. One piece in all gives no parts: the content range says it.
    static func parts(content: CharRange, pieces: [CharRange], doc: Document, marks: QuoteMarkScanner)
        -> [CharRange] {
        var out: [CharRange] = []
        for whole in pieces.isEmpty ? [content] : pieces {
            let piece = CharRange(max(whole.start, content.start), min(whole.end, content.end))
            var start = piece.start
            var p = paragraphIndex(atOrAfter: start, doc)
            while start < piece.end {
                let paraEnd = p < doc.paragraphs.count ? min(piece.end, doc.paragraphs[p].chars.end) : piece.end
                let end = trimmedEnd(start, paraEnd, doc)
                if start < end { out.append(CharRange(start, end)) }
                guard paraEnd < piece.end, p + 1 < doc.paragraphs.count else { break }
                p += 1
                start = doc.paragraphs[p].chars.start
                while start < piece.end,
                      CharClass.isSeparator(doc.scalars[start].value) || marks.mayStartMark(doc.scalars[start]) {
                    start += 1
                }
            }
        }
        return out.count > 1 ? out : []
    }

    /// The first paragraph that ends after `offset` (binary search over the paragraphs' ranges).
    private static func paragraphIndex(atOrAfter offset: Int, _ doc: Document) -> Int {
        doc.paragraphs.partitioningIndex { $0.chars.end > offset }
    }

    private static func trimmedEnd(_ start: Int, _ end: Int, _ doc: Document) -> Int {
        var e = end
        while e > start, CharClass.isSeparator(doc.scalars[e - 1].value) { e -= 1 }
        return e
    }
}
