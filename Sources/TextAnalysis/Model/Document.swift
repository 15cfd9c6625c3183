// The Document: the input text, the article date, and every annotation as ranges over one flat token array.
// Components fill it in pipeline order; nothing here copies text except the tokens' own strings.
public struct Document: Sendable {
    /// The exact input text.
    public let text: String
    /// The input as Unicode scalars: offsets everywhere index this array.
    public let scalars: [Unicode.Scalar]
    /// The article date, from the `date YYYY-MM-DD` prefix or the caller.
    public var date: CalendarDate?
    /// Where body text starts (after a `date YYYY-MM-DD` prefix, else 0).
    public var bodyStart: Int

    public var tokens: [Token] = []
    public var sentences: [Sentence] = []
    public var paragraphs: [Paragraph] = []
    public var mentions: [EntityMention] = []
    public var entities: [Entity] = []
    public var quotes: [Quote] = []
    public var timexes: [Timex] = []
    public var timeline: [TimelineEvent] = []

    /// The UTF-8 offset of each scalar (and of the end), so text(_:) copies a byte slice; empty when the text is
    /// ASCII, where the two offsets are the same.
    private let utf8Offsets: [Int32]

    public init(text: String, date: CalendarDate? = nil, bodyStart: Int = 0) {
        self.text = text
        self.scalars = Document.scalars(of: text)
        self.date = date
        self.bodyStart = bodyStart
        if text.utf8.count == scalars.count {
            utf8Offsets = []
        } else {
            var offsets: [Int32] = []
            offsets.reserveCapacity(scalars.count + 1)
            var at: Int32 = 0
            for s in scalars {
                offsets.append(at)
                at += Int32(UTF8.width(s))
            }
            offsets.append(at)
            utf8Offsets = offsets
        }
    }

    /// The scalars of `text`: an ASCII text (most articles) is widened byte by byte in one pass, where
    /// `Array(text.unicodeScalars)` walks the text twice (once to count).
    private static func scalars(of text: String) -> [Unicode.Scalar] {
        let widened = text.utf8.withContiguousStorageIfAvailable { bytes -> [Unicode.Scalar]? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { out, count in
                for i in 0..<bytes.count { (out.baseAddress! + i).initialize(to: Unicode.Scalar(bytes[i])) }
                count = bytes.count
            }
        }
        if case let ascii?? = widened { return ascii }
        return Array(text.unicodeScalars)
    }

    /// The text of a character range. Called for every mention, quote and timex by analysis and output, so it
    /// copies the range's UTF-8 bytes in one go rather than appending scalars one by one.
    public func text(_ r: CharRange) -> String {
        let lo = max(0, min(r.start, scalars.count)), hi = max(lo, min(r.end, scalars.count))
        let ascii = utf8Offsets.isEmpty
        let from = ascii ? lo : Int(utf8Offsets[lo]), to = ascii ? hi : Int(utf8Offsets[hi])
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes in
            String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
        }
        if let copied { return copied }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[lo..<hi])
        return String(s)
    }

    /// A quote's words as a reader would cite them: its pieces joined by a space when the attribution or a
    /// paragraph break interrupts it, else the text of its content range.
    public func text(of quote: Quote) -> String {
        quote.parts.isEmpty ? text(quote.content) : quote.parts.map { text($0) }.joined(separator: " ")
    }

    /// The character range covered by a run of tokens.
    public func chars(ofTokens r: Range<Int>) -> CharRange {
        guard !r.isEmpty else {
            let at = r.lowerBound < tokens.count ? tokens[r.lowerBound].start : scalars.count
            return CharRange(at, at)
        }
        return CharRange(tokens[r.lowerBound].start, tokens[r.upperBound - 1].end)
    }

    /// The index of the sentence holding token `t` (binary search).
    public func sentenceIndex(ofToken t: Int) -> Int? {
        let lo = sentences.partitioningIndex { $0.tokens.upperBound > t }
        return lo < sentences.count && sentences[lo].tokens.contains(t) ? lo : nil
    }
}
