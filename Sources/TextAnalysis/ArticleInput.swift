// Turns raw input into a Document: strict UTF-8 decoding (for the CLI and HTTP, which receive bytes) and the
// optional `date YYYY-MM-DD` prefix that carries the article date (see the seed article's SOURCES.md).
//
// Offsets always count from the start of the input as given: the prefix stays in Document.text and
// Document.bodyStart says where the body begins, so every range the components report indexes the original.
//
// Decision on bad prefixes: `date 2021-02-30 ...` (the shape of a prefix, but not a real calendar date) is NOT
// taken as a prefix. The whole input stays body text and `datePrefix(in:)` reports `.invalid` so a caller that
// wants to reject it (HTTP 400) can; analysis itself never fails on it.

/// A byte sequence that is not valid UTF-8; `offset` is the index of the first byte of the bad sequence.
public struct UTF8DecodingError: Error, Equatable, CustomStringConvertible {
    public let offset: Int
    public init(offset: Int) { self.offset = offset }
    public var description: String { "invalid UTF-8 at byte offset \(offset)" }
}

public enum ArticleInput {
    /// What the start of an input holds.
    public enum DatePrefix: Equatable, Sendable {
        /// No `date ` prefix.
        case none
        /// A valid prefix; the body starts at scalar offset `bodyStart` (after the whitespace following the date).
        case valid(CalendarDate, bodyStart: Int)
        /// `date DDDD-DD-DD` that is not a real date (the text after `date `); treated as body text.
        case invalid(String)
    }

    /// Builds the Document for an input. An explicit `date` wins over the prefix (the caller knows better, e.g.
    /// an HTTP field); the prefix is skipped as body either way.
    public static func document(_ text: String, date: CalendarDate? = nil) -> Document {
        var doc = Document(text: text, date: date, bodyStart: 0)
        if case let .valid(found, bodyStart) = datePrefix(in: doc.scalars) {
            doc.bodyStart = bodyStart
            if doc.date == nil { doc.date = found }
        }
        return doc
    }

    /// Recognizes optional leading spaces, tabs or a BOM, `date`, one or more spaces or tabs, `YYYY-MM-DD`, then
    /// the end of input or whitespace (the body may follow on the same line or the next).
    public static func datePrefix(in s: [Unicode.Scalar]) -> DatePrefix {
        var i = 0
        let n = s.count
        // A byte order mark (U+FEFF) some editors write counts as leading space.
        while i < n, s[i] == " " || s[i] == "\t" || s[i] == "\u{FEFF}" { i += 1 }
        guard i + 4 <= n, s[i] == "d", s[i + 1] == "a", s[i + 2] == "t", s[i + 3] == "e" else { return .none }
        i += 4
        let spaceStart = i
        while i < n, s[i] == " " || s[i] == "\t" { i += 1 }
        guard i > spaceStart, i + 10 <= n else { return .none }
        var digits: [Int] = []
        for k in 0..<10 {
            let c = s[i + k].value
            if k == 4 || k == 7 {
                guard c == 0x2D else { return .none }
            } else {
                guard c >= 0x30, c <= 0x39 else { return .none }
                digits.append(Int(c - 0x30))
            }
        }
        let end = i + 10
        // "date 2021-03-180" or "date 2021-03-18x" is not a prefix: the date must stand alone.
        if end < n, !s[end].properties.isWhitespace { return .none }
        let year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
        let month = digits[4] * 10 + digits[5], day = digits[6] * 10 + digits[7]
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: s[i..<end])
            return .invalid(String(v))
        }
        var body = end
        while body < n, s[body].properties.isWhitespace { body += 1 }
        return .valid(date, bodyStart: body)
    }

    /// Decodes UTF-8, rejecting overlong forms, surrogates, code points above U+10FFFF and truncated sequences
    /// (what `String(decoding:)` would silently replace), with the byte offset of the first bad sequence.
    public static func decodeUTF8(_ bytes: [UInt8]) throws -> String {
        if let bad = firstInvalidUTF8Offset(bytes) { throw UTF8DecodingError(offset: bad) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The offset of the first byte that starts an invalid sequence, or nil when all of `bytes` is valid UTF-8.
    /// Follows the well-formed byte sequence table of Unicode (Table 3-7).
    public static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { b -> Int? in
            let n = b.count
            var i = 0
            while i < n {
                let c = b[i]
                if c < 0x80 { i += 1; continue }
                var need = 0
                var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
                switch c {
                case 0xC2...0xDF: need = 1
                case 0xE0: need = 2; lo = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: need = 2
                case 0xED: need = 2; hi = 0x9F
                case 0xF0: need = 3; lo = 0x90
                case 0xF1...0xF3: need = 3
                case 0xF4: need = 3; hi = 0x8F
                default: return i
                }
                guard i + need < n else { return i }
                let c1 = b[i + 1]
                guard c1 >= lo, c1 <= hi else { return i }
                for k in 2..<(need + 1) where b[i + k] & 0xC0 != 0x80 { return i }
                i += need + 1
            }
            return nil
        }
    }
}
