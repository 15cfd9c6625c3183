// The chunked body decoder of RequestParser (RFC 9112 §7.1): a byte-level state machine that resumes where the
// last call stopped. Chunked framing is where mature parsers still get caught (RELIABILITY.md §1.2), so it is
// strict: hex digits only (no "0x", no whitespace), at most `maxChunkSizeDigits` of them, CRLF and never a bare
// LF, extensions syntax-checked and bounded in total, data followed by CRLF, and the running total of declared
// sizes checked against the body limit before a chunk's data is stored. Trailer fields are parsed with the head's
// field rules and limits, then dropped.

struct ChunkDecoder {
    enum Result {
        case needMore
        case bad(HTTPParseError)
        /// The body and trailer section are complete; the request ends at `end`.
        case done(end: Int)
    }

    private enum Step {
        case size
        /// Just read ";": an extension name must follow.
        case extNameStart
        case extName
        /// Just read "=": a token or a quoted string must follow.
        case extValueStart
        case extToken
        case extQuoted
        case extQuotedEscape
        case extAfterQuoted
        /// Read the CR that ends a chunk-size line.
        case sizeLF
        case data
        case dataCR
        case dataLF
        case trailers
    }

    private var pos = 0
    private var step = Step.size
    private var digits = 0
    private var size: UInt64 = 0
    private var extensionBytes = 0
    private var declared = 0
    private var remaining = 0
    private var body: [UInt8] = []
    private var trailerStart = 0
    private var trailerScanFrom = 0
    private var trailerCount = 0

    init(start: Int = 0) {
        pos = start
    }

    /// Hands over the decoded body (call once, after `.done`).
    mutating func takeBody() -> [UInt8] {
        defer { body = [] }
        return body
    }

    mutating func decode(_ b: UnsafeRawBufferPointer, limits: ParserLimits) -> Result {
        let end = b.count
        while pos < end {
            if case .trailers = step { return trailers(b, limits: limits) }
            if case .data = step {
                let n = min(remaining, end - pos)
                body.append(contentsOf: UnsafeRawBufferPointer(rebasing: b[pos ..< pos + n]))
                pos += n
                remaining -= n
                if remaining == 0 { step = .dataCR }
                continue
            }
            let c = b[pos]
            pos += 1
            if let error = advance(c, limits: limits) { return .bad(error) }
        }
        if case .trailers = step { return trailers(b, limits: limits) }
        return .needMore
    }

    /// Moves the chunk-line and data-delimiter states by one byte.
    private mutating func advance(_ c: UInt8, limits: ParserLimits) -> HTTPParseError? {
        switch step {
        case .size:
            if let v = Self.hexValue(c) {
                digits += 1
                if digits > limits.maxChunkSizeDigits { return limits.error(.chunkSizeDigits) }
                size = size << 4 | UInt64(v)
                return nil
            }
            if digits == 0 { return .bad("A chunk-size line must start with a hexadecimal size.") }
            if c == Byte.cr { step = .sizeLF; return nil }
            if c == UInt8(ascii: ";") { step = .extNameStart; return countExtension(limits) }
            return .bad("A chunk size is followed by an invalid character.")
        case .extNameStart, .extName:
            if Byte.isToken(c) { step = .extName; return countExtension(limits) }
            if case .extNameStart = step { return .bad("A chunk extension has an empty name.") }
            return endOfExtensionPart(c, allowEquals: true, limits: limits)
        case .extValueStart:
            if c == UInt8(ascii: "\"") { step = .extQuoted; return countExtension(limits) }
            if Byte.isToken(c) { step = .extToken; return countExtension(limits) }
            return .bad("A chunk extension has an empty or invalid value.")
        case .extToken:
            if Byte.isToken(c) { return countExtension(limits) }
            return endOfExtensionPart(c, allowEquals: false, limits: limits)
        case .extQuoted:
            if c == UInt8(ascii: "\"") { step = .extAfterQuoted; return countExtension(limits) }
            if c == UInt8(ascii: "\\") { step = .extQuotedEscape; return countExtension(limits) }
            // qdtext (RFC 9110 §5.6.4): HTAB, SP, visible ASCII but DQUOTE and backslash, obs-text.
            if c == Byte.htab || (c >= 0x20 && c != 0x7F) { return countExtension(limits) }
            return .bad("A quoted chunk extension value contains a control character.")
        case .extQuotedEscape:
            if c == Byte.htab || (c >= 0x20 && c != 0x7F) { step = .extQuoted; return countExtension(limits) }
            return .bad("A quoted chunk extension value escapes a control character.")
        case .extAfterQuoted:
            return endOfExtensionPart(c, allowEquals: false, limits: limits)
        case .sizeLF:
            guard c == Byte.lf else { return .bad("A chunk-size line does not end with CRLF.") }
            return endOfSizeLine(limits)
        case .dataCR:
            guard c == Byte.cr else { return .bad("Chunk data is not followed by CRLF.") }
            step = .dataLF
            return nil
        case .dataLF:
            guard c == Byte.lf else { return .bad("Chunk data is not followed by CRLF.") }
            step = .size
            digits = 0
            size = 0
            return nil
        case .data, .trailers:
            return .bad("Internal chunk decoder state error.")
        }
    }

    /// After an extension name, token value or quoted value: ";" starts another extension, CR ends the line.
    private mutating func endOfExtensionPart(_ c: UInt8, allowEquals: Bool, limits: ParserLimits) -> HTTPParseError? {
        if allowEquals && c == UInt8(ascii: "=") { step = .extValueStart; return countExtension(limits) }
        if c == UInt8(ascii: ";") { step = .extNameStart; return countExtension(limits) }
        if c == Byte.cr { step = .sizeLF; return nil }
        return .bad("A chunk extension contains an invalid character.")
    }

    private mutating func countExtension(_ limits: ParserLimits) -> HTTPParseError? {
        extensionBytes += 1
        return extensionBytes > limits.maxChunkExtensionBytes ? limits.error(.chunkExtensions) : nil
    }

    /// A whole chunk-size line has arrived: check the body budget before any of the chunk's data is stored.
    private mutating func endOfSizeLine(_ limits: ParserLimits) -> HTTPParseError? {
        if size == 0 {
            step = .trailers
            trailerStart = pos
            trailerScanFrom = pos
            return nil
        }
        guard size <= UInt64(limits.maxBodyBytes - declared) else { return limits.error(.body) }
        remaining = Int(size)
        declared += remaining
        step = .data
        return nil
    }

    /// The trailer section: field lines under the head's limits, ended by an empty line. Fields are dropped.
    private mutating func trailers(_ b: UnsafeRawBufferPointer, limits: ParserLimits) -> Result {
        while true {
            let (maxContent, overLimit) = lineBudget(
                lineStart: pos, sectionStart: trailerStart, lineLimit: limits.maxFieldLineBytes,
                sectionLimit: limits.maxHeadBytes, lineKind: .fieldLine)
            switch scanLine(b, lineStart: pos, scanFrom: &trailerScanFrom, maxContent: maxContent,
                            overLimit: limits.error(overLimit)) {
            case .needMore: return .needMore
            case .bad(let error): return .bad(error)
            case .line(let start, let end):
                pos = end + 2
                trailerScanFrom = pos
                if start == end { return .done(end: pos) }
                trailerCount += 1
                if trailerCount > limits.maxFieldCount { return .bad(limits.error(.fieldCount)) }
                if case .failure(let error) = parseFieldLine(b, start, end) { return .bad(error) }
            }
        }
    }

    @inline(__always) private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0") ... UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a") ... UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A") ... UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
