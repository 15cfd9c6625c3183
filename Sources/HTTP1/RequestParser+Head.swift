// The head half of RequestParser: a resumable line scanner (shared with the trailer section), the request line,
// and field lines. Each line is validated as soon as its CRLF arrives; length limits are checked against the
// line's start offset, so an over-long line is rejected at the same byte whether it arrived whole or in pieces.


enum Byte {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let sp: UInt8 = 0x20
    static let htab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A

    /// tchar of RFC 9110 §5.6.2: the characters of methods and field names ("!#$%&'*+-.^_`|~", digits and
    /// letters), as a 128-bit mask. A stored lookup table was reached through a lazy-initialisation check on
    /// every byte, which showed in profiles; `tokenCharacters` spells the set out for the tests.
    @inline(__always) static func isToken(_ c: UInt8) -> Bool {
        inMask(c, low: 0x03FF_6CFA_0000_0000, high: 0x57FF_FFFF_C7FF_FFFE)
    }
    static let tokenCharacters = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

    /// Whether ASCII byte `c` is in the set given as bits 0-63 (`low`) and 64-127 (`high`); never for c >= 128.
    @inline(__always) static func inMask(_ c: UInt8, low: UInt64, high: UInt64) -> Bool {
        c < 64 ? (low >> UInt64(c)) & 1 != 0 : c < 128 ? (high >> UInt64(c &- 64)) & 1 != 0 : false
    }

    /// field-vchar, SP or HTAB (RFC 9110 §5.5): everything but CTLs and DEL; obs-text (0x80-0xFF) is allowed.
    @inline(__always) static func isFieldValue(_ c: UInt8) -> Bool {
        c == htab || (c >= 0x20 && c != 0x7F)
    }

    /// Visible ASCII, the only bytes allowed in a request target.
    @inline(__always) static func isVisible(_ c: UInt8) -> Bool { c > 0x20 && c < 0x7F }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    /// The characters of a Host reg-name (RFC 3986 §3.2.2): unreserved, sub-delims and "%" (`regNameCharacters`),
    /// as a mask like `isToken`.
    @inline(__always) static func isRegName(_ c: UInt8) -> Bool {
        inMask(c, low: 0x2BFF_7FF2_0000_0000, high: 0x47FF_FFFE_87FF_FFFE)
    }
    static let regNameCharacters = "-._~!$&'()*+,;=%0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

    /// What may appear between the brackets of an IP literal: hex digits, ":", "." and the "v" of IPvFuture.
    @inline(__always) static func isIPLiteral(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "0") ... UInt8(ascii: "9"), UInt8(ascii: "a") ... UInt8(ascii: "f"),
             UInt8(ascii: "A") ... UInt8(ascii: "F"), UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "v"),
             UInt8(ascii: "V"):
            return true
        default:
            return false
        }
    }
}

/// One step of the line scanner.
enum LineScan {
    /// A complete line: content is [start, end), the CRLF follows at end.
    case line(start: Int, end: Int)
    case needMore
    case bad(HTTPParseError)
}

/// Finds the CRLF-terminated line that begins at `lineStart`, resuming the search at `scanFrom` (updated on
/// `.needMore`, so a slowly growing line is scanned once). A line whose content exceeds `maxContent` bytes is
/// rejected with `overLimit` as soon as that many bytes are present. A lone LF or a CR not followed by LF is
/// rejected (RELIABILITY.md §1.4 rejects bare LF in the head too, beyond RFC 9112 §2.2's MAY).
func scanLine(_ b: UnsafeRawBufferPointer, lineStart: Int, scanFrom: inout Int, maxContent: Int,
              overLimit: @autoclosure () -> HTTPParseError) -> LineScan {
    let end = b.count
    let stop = min(end, lineStart + max(maxContent, -1) + 1)
    var i = max(scanFrom, lineStart)
    while i < stop {
        let c = b[i]
        if c == Byte.cr || c == Byte.lf { break }
        i += 1
    }
    if i - lineStart > maxContent { return .bad(overLimit()) }
    if i == end {
        scanFrom = i
        return .needMore
    }
    if b[i] == Byte.lf { return .bad(.bad("A line ends with a bare LF instead of CRLF.")) }
    if i + 1 == end {
        scanFrom = i
        return .needMore
    }
    if b[i + 1] != Byte.lf { return .bad(.bad("A bare CR appears without a following LF.")) }
    return .line(start: lineStart, end: i)
}

/// The maximum content of the next line and the error for exceeding it: the tighter of the line limit and what
/// is left of the section budget (both count the line's CRLF).
func lineBudget(lineStart: Int, sectionStart: Int, lineLimit: Int, sectionLimit: Int,
                lineKind: ParserLimits.Kind) -> (Int, ParserLimits.Kind) {
    let byLine = lineLimit - 2
    let bySection = sectionLimit - (lineStart - sectionStart) - 2
    return byLine <= bySection ? (byLine, lineKind) : (bySection, .headBytes)
}

/// A validated field line: name as sent, value without surrounding whitespace.
struct FieldLine {
    var name: String
    var value: String
}

/// Parses a field line (RFC 9112 §5): token name, colon, optional whitespace, value of field-vchars.
let obsFold = HTTPParseError.bad("Obsolete line folding (a line starting with whitespace) is not accepted.")
let noColon = HTTPParseError.bad("A header line has no colon (a field is name: value).")

func parseFieldLine(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Result<FieldLine, HTTPParseError> {
    let first = b[start]
    if first == Byte.sp || first == Byte.htab { return .failure(obsFold) }
    var i = start
    while i < end, b[i] != Byte.colon {
        let c = b[i]
        if c == Byte.sp || c == Byte.htab || !Byte.isToken(c) {
            // A line with no colon at all ("Bad Header") is not a name with a stray character: say what it lacks.
            var j = i + 1
            while j < end, b[j] != Byte.colon { j += 1 }
            if j == end { return .failure(noColon) }
            return .failure(c == Byte.sp || c == Byte.htab
                             ? .bad("Whitespace between a field name and its colon is not allowed.")
                             : .bad("A field name contains an invalid character."))
        }
        i += 1
    }
    if i == end { return .failure(noColon) }
    if i == start { return .failure(.bad("A header field has an empty name.")) }
    let name = asciiString(b, start, i)
    var valueStart = i + 1
    var valueEnd = end
    while valueStart < valueEnd, b[valueStart] == Byte.sp || b[valueStart] == Byte.htab { valueStart += 1 }
    while valueEnd > valueStart, b[valueEnd - 1] == Byte.sp || b[valueEnd - 1] == Byte.htab { valueEnd -= 1 }
    var ascii = true
    for j in valueStart ..< valueEnd {
        let c = b[j]
        if !Byte.isFieldValue(c) {
            return .failure(.bad("A header field value contains a control character."))
        }
        if c >= 0x80 { ascii = false }
    }
    let value = ascii ? asciiString(b, valueStart, valueEnd) : textString(b, valueStart, valueEnd)
    return .success(FieldLine(name: name, value: value))
}

@inline(__always) func asciiString(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> String {
    String(decoding: UnsafeRawBufferPointer(rebasing: b[start ..< end]), as: UTF8.self)
}

/// Field values are UTF-8 when they validate as such; otherwise each obs-text byte is read as Latin-1, so no
/// byte is silently replaced.
func textString(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> String {
    let slice = UnsafeRawBufferPointer(rebasing: b[start ..< end])
    if let utf8 = String(validating: slice, as: UTF8.self) { return utf8 }
    return String(String.UnicodeScalarView(slice.map { Unicode.Scalar($0) }))
}

/// The head as the scanner validated it, before framing decisions.
struct ParsedHead {
    var method = HTTPMethod.get
    var target = "/"
    var version = HTTPVersion.http1_1
    var headers = HTTPHeaders()
    var contentLength: Int?
    var transferEncoding: String?
    var hostCount = 0
    var expectsContinue = false
}

/// Resumable scanner for the request line and header fields.
struct HeadScanner {
    enum Result {
        case needMore
        case bad(HTTPParseError)
        /// The head is complete and valid; the body starts at `end`.
        case done(ParsedHead, end: Int)
    }

    /// RFC 9112 §2.2 asks servers to ignore at least one empty line before a request line; we ignore a few.
    static let maxLeadingEmptyLines = 8

    private var lineStart = 0
    private var scanFrom = 0
    /// Where the request line starts, once leading empty lines are behind us.
    private var headStart: Int?
    private var leadingEmptyLines = 0
    private var parsed = ParsedHead()
    private var fieldCount = 0

    mutating func scan(_ b: UnsafeRawBufferPointer, limits: ParserLimits) -> Result {
        while true {
            let sectionStart = headStart ?? lineStart
            let (maxContent, overLimit) = headStart == nil
                ? lineBudget(lineStart: lineStart, sectionStart: sectionStart, lineLimit: limits.maxRequestLineBytes,
                             sectionLimit: limits.maxHeadBytes, lineKind: .requestLine)
                : lineBudget(lineStart: lineStart, sectionStart: sectionStart, lineLimit: limits.maxFieldLineBytes,
                             sectionLimit: limits.maxHeadBytes, lineKind: .fieldLine)
            // A field line that starts with whitespace is obs-fold whatever follows: reject it at its first byte
            // rather than waiting for (or timing out on) the rest of the line.
            if headStart != nil, maxContent >= 1, lineStart < b.count,
               b[lineStart] == Byte.sp || b[lineStart] == Byte.htab {
                return .bad(obsFold)
            }
            switch scanLine(b, lineStart: lineStart, scanFrom: &scanFrom, maxContent: maxContent,
                            overLimit: limits.error(overLimit)) {
            case .needMore: return .needMore
            case .bad(let error): return .bad(error)
            case .line(let start, let end):
                lineStart = end + 2
                scanFrom = lineStart
                if headStart == nil {
                    if start == end {
                        leadingEmptyLines += 1
                        if leadingEmptyLines > Self.maxLeadingEmptyLines {
                            return .bad(.bad("Too many empty lines before the request line."))
                        }
                        continue
                    }
                    headStart = start
                    if let error = parseRequestLine(b, start, end) { return .bad(error) }
                } else if start == end {
                    return .done(parsed, end: lineStart)
                } else {
                    fieldCount += 1
                    if fieldCount > limits.maxFieldCount { return .bad(limits.error(.fieldCount)) }
                    switch parseFieldLine(b, start, end) {
                    case .failure(let error): return .bad(error)
                    case .success(let field):
                        if let error = note(field) { return .bad(error) }
                    }
                }
            }
        }
    }

    /// Records a field and the framing facts it carries; rejects duplicates that make framing ambiguous.
    private mutating func note(_ field: FieldLine) -> HTTPParseError? {
        parsed.headers.add(field.name, field.value)
        // Only four names matter for framing, and no two of them have the same length.
        // By length, then one ASCII comparison: `lowercased()` made a String per field.
        let length = field.name.utf8.count
        let candidate: String  // literals: immortal, no allocation
        switch length {
        case 4: candidate = "Host"
        case 6: candidate = "Expect"
        case 14: candidate = "Content-Length"
        case 17: candidate = "Transfer-Encoding"
        default: return nil
        }
        guard HTTPHeaders.same(field.name, candidate) else { return nil }
        if length == 14 {
            if parsed.contentLength != nil { return .bad("A request must not have more than one Content-Length.") }
            let digits = field.value.utf8
            guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let length = Int(field.value) else {
                return .bad("Content-Length must be 1 to 18 decimal digits.")
            }
            parsed.contentLength = length
        } else if length == 17 {
            if parsed.transferEncoding != nil {
                return .bad("A request must not have more than one Transfer-Encoding field.")
            }
            parsed.transferEncoding = field.value
        } else if length == 4 {
            parsed.hostCount += 1
            if parsed.hostCount > 1 { return .bad("A request must not have more than one Host field.") }
            // RFC 9112 §3.2: a Host field with an invalid value also gets 400.
            if !Self.isValidHost(field.value) { return .bad("The Host field is not a valid host[:port].") }
        } else if length == 6 {
            if field.value.lowercased() == "100-continue" { parsed.expectsContinue = true }
        }
        return nil
    }

    /// Host = uri-host [ ":" port ] (RFC 9110 §7.2, RFC 3986 §3.2.2): an IP literal in brackets or a reg-name
    /// (unreserved, sub-delims, percent-encoded); empty is allowed (RFC 9112 §3.2).
    /// Works on the UTF-8 bytes: every allowed character is ASCII, and Character properties (isHexDigit,
    /// isWholeNumber) cost a Unicode table lookup each, which showed up in profiles of every request.
    static func isValidHost(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { host in
            if host.first == UInt8(ascii: "[") {
                guard let close = host.firstIndex(of: UInt8(ascii: "]")) else { return false }
                let literal = host[1 ..< close]
                guard !literal.isEmpty, literal.allSatisfy(Byte.isIPLiteral) else { return false }
                let rest = host[(close + 1)...]
                return rest.isEmpty || (rest.first == UInt8(ascii: ":") && rest.dropFirst().allSatisfy(Byte.isDigit))
            }
            var end = host.count
            if let colon = host.lastIndex(of: UInt8(ascii: ":")) {
                guard host[(colon + 1)...].allSatisfy(Byte.isDigit) else { return false }
                end = colon
            }
            return host[..<end].allSatisfy(Byte.isRegName)
        }
    }

    /// request-line = method SP request-target SP HTTP-version (RFC 9112 §3), single spaces only.
    private mutating func parseRequestLine(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> HTTPParseError? {
        var i = start
        while i < end, b[i] != Byte.sp {
            if !Byte.isToken(b[i]) { return .bad("The method contains an invalid character.") }
            i += 1
        }
        if i == start { return .bad("The request line does not start with a method.") }
        if i == end { return .bad("The request line has no request target.") }
        let method = Self.knownMethod(b, start, i) ?? asciiString(b, start, i)
        let targetStart = i + 1
        i = targetStart
        while i < end, b[i] != Byte.sp {
            let c = b[i]
            if !Byte.isVisible(c) { return .bad("The request target contains a byte that is not visible ASCII.") }
            if c == UInt8(ascii: "#") { return .bad("The request target must not contain a fragment.") }
            i += 1
        }
        if i == targetStart { return .bad("The request target is empty.") }
        if i == end { return .bad("The request line has no HTTP version.") }
        let rawTarget = asciiString(b, targetStart, i)
        guard let version = parseVersion(b, i + 1, end) else {
            return .bad("The HTTP version is malformed.")
        }
        guard version == .http1_1 || version == .http1_0 else {
            return HTTPParseError(.versionNotSupported, "Only HTTP/1.0 and HTTP/1.1 are supported.")
        }
        // Origin form, the usual case, needs no String inspection.
        guard let target = b[targetStart] == UInt8(ascii: "/") ? rawTarget : Self.originForm(rawTarget, method: method)
        else {
            return .bad("The request target must be an absolute path, or * for OPTIONS.")
        }
        parsed.method = HTTPMethod(method)
        parsed.target = target
        parsed.version = version
        return nil
    }

    /// The common methods as string literals, which cost no allocation or UTF-8 validation; nil for others.
    static func knownMethod(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> String? {
        func matches(_ name: StaticString) -> Bool {
            guard end - start == name.utf8CodeUnitCount else { return false }
            for k in 0 ..< name.utf8CodeUnitCount where b[start + k] != name.utf8Start[k] { return false }
            return true
        }
        switch end - start {
        case 3: return matches("GET") ? "GET" : matches("PUT") ? "PUT" : nil
        case 4: return matches("POST") ? "POST" : matches("HEAD") ? "HEAD" : nil
        case 6: return matches("DELETE") ? "DELETE" : nil
        default: return nil
        }
    }

    /// "HTTP/" DIGIT "." DIGIT, exactly (RFC 9112 §2.3); nil when malformed.
    private func parseVersion(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> HTTPVersion? {
        guard end - start == 8 else { return nil }
        guard b[start] == UInt8(ascii: "H"), b[start + 1] == UInt8(ascii: "T"), b[start + 2] == UInt8(ascii: "T"),
              b[start + 3] == UInt8(ascii: "P"), b[start + 4] == UInt8(ascii: "/") else { return nil }
        let major = b[start + 5], dot = b[start + 6], minor = b[start + 7]
        func digit(_ c: UInt8) -> Int? { c >= 0x30 && c <= 0x39 ? Int(c - 0x30) : nil }
        guard let ma = digit(major), dot == UInt8(ascii: "."), let mi = digit(minor) else { return nil }
        return HTTPVersion(major: ma, minor: mi)
    }

    /// Reduces a request target to origin form: "/path?query" stays, "*" only for OPTIONS, and absolute-form
    /// "http(s)://authority/path?query" loses scheme and authority (RFC 9112 §3.2.2). Anything else is nil.
    static func originForm(_ target: String, method: String) -> String? {
        if target.hasPrefix("/") { return target }
        if target == "*" { return method == "OPTIONS" ? target : nil }
        let lower = target.lowercased()
        let scheme: String
        if lower.hasPrefix("http://") { scheme = "http://" } else if lower.hasPrefix("https://") {
            scheme = "https://"
        } else {
            return nil
        }
        let rest = target.dropFirst(scheme.count)
        let pathStart = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        // Userinfo in an http(s) URI is deprecated and a recipient SHOULD treat it as an error (RFC 9110 §4.2.4).
        if pathStart == rest.startIndex || rest[..<pathStart].contains("@") { return nil }
        let path = rest[pathStart...]
        if path.isEmpty { return "/" }
        return path.hasPrefix("?") ? "/" + path : String(path)
    }
}
