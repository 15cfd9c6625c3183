// A route pattern such as "/articles/{id}/quotes", parsed once into typed segments (literal or capture) and
// matched against the percent-decoded segments of a request path. Matching is exact: same number of segments,
// no wildcards, and a trailing slash is a different path ("/articles/" does not match "/articles").

public struct RoutePattern: Sendable, Hashable, CustomStringConvertible {
    public enum Segment: Sendable, Hashable {
        case literal(String)
        /// `{name}`: matches any one non-empty segment and binds it to `name`.
        case capture(String)
    }

    public let segments: [Segment]
    /// The pattern as written.
    public let text: String
    public var description: String { text }

    /// Parses `text`: "/" or "/" followed by segments separated by "/", each a literal of path characters or a
    /// `{name}` capture (name: letters, digits and "_", not starting with a digit; unique within the pattern).
    public init(_ text: String) throws(RouterError) {
        guard text.hasPrefix("/") else { throw RouterError("Pattern \"\(text)\" must start with \"/\".") }
        self.text = text
        if text == "/" {
            segments = []
            return
        }
        var segments: [Segment] = []
        var names: Set<String> = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            if raw.isEmpty { throw RouterError("Pattern \"\(text)\" has an empty segment.") }
            if raw.first == "{" || raw.last == "}" {
                let name = String(raw.dropFirst().dropLast())
                guard raw.first == "{", raw.last == "}", Self.isCaptureName(name) else {
                    throw RouterError("Pattern \"\(text)\" has a malformed capture \"\(raw)\".")
                }
                guard names.insert(name).inserted else {
                    throw RouterError("Pattern \"\(text)\" captures \"\(name)\" twice.")
                }
                segments.append(.capture(name))
            } else {
                guard raw.unicodeScalars.allSatisfy(Self.isLiteralCharacter) else {
                    throw RouterError("Pattern \"\(text)\" has a character not allowed in a literal segment.")
                }
                segments.append(.literal(String(raw)))
            }
        }
        self.segments = segments
    }

    /// The pattern with capture names erased: two patterns with the same shape match exactly the same paths.
    var shape: String {
        "/" + segments.map { segment in
            switch segment {
            case .literal(let s): return s
            case .capture: return "{}"
            }
        }.joined(separator: "/")
    }

    /// The captures when `path` (already split and percent-decoded) matches, else nil.
    func match(_ path: [String]) -> [String: String]? {
        guard path.count == segments.count else { return nil }
        var captures: [String: String] = [:]
        for (segment, part) in zip(segments, path) {
            switch segment {
            case .literal(let literal):
                if literal != part { return nil }
            case .capture(let name):
                if part.isEmpty { return nil }
                captures[name] = part
            }
        }
        return captures
    }

    /// Orders patterns so that, at the first segment where they differ in kind, a literal comes before a capture
    /// ("/articles/latest" is tried before "/articles/{id}").
    static func moreSpecific(_ a: RoutePattern, _ b: RoutePattern) -> Bool {
        for (x, y) in zip(a.segments, b.segments) {
            switch (x, y) {
            case (.literal, .capture): return true
            case (.capture, .literal): return false
            default: continue
            }
        }
        return a.segments.count < b.segments.count
    }

    private static func isCaptureName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0" ... "9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic ||
            ("0" ... "9").contains($0)) }
    }

    /// pchar of RFC 3986 without "%": patterns hold decoded text, so a literal "%" would be ambiguous.
    private static func isLiteralCharacter(_ c: Unicode.Scalar) -> Bool {
        guard c.isASCII else { return false }
        if ("a" ... "z").contains(c) || ("A" ... "Z").contains(c) || ("0" ... "9").contains(c) { return true }
        return "-._~!$&'()*+,;=:@".unicodeScalars.contains(c)
    }
}

/// A problem found while registering routes; `Router.build()` fails with all of them at startup.
public struct RouterError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Percent-decoding for path segments and query components (RFC 3986 §2.1); nil when malformed or not UTF-8.
enum PercentDecoding {
    static func decode<S: StringProtocol>(_ text: S, plusAsSpace: Bool) -> String? {
        if !text.utf8.contains(UInt8(ascii: "%")) && !(plusAsSpace && text.utf8.contains(UInt8(ascii: "+"))) {
            return String(text)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var it = text.utf8.makeIterator()
        while let c = it.next() {
            if c == UInt8(ascii: "%") {
                guard let h = it.next().flatMap(hex), let l = it.next().flatMap(hex) else { return nil }
                bytes.append(h << 4 | l)
            } else if plusAsSpace && c == UInt8(ascii: "+") {
                bytes.append(Byte.sp)
            } else {
                bytes.append(c)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0") ... UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a") ... UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A") ... UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
