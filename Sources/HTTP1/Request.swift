// A complete HTTP/1.x request as the parser hands it over: head fields decoded, body de-chunked.
public struct HTTPVersion: Hashable, Sendable, CustomStringConvertible {
    public let major: Int
    public let minor: Int
    public init(major: Int, minor: Int) { self.major = major; self.minor = minor }
    // Computed, like HTTPMethod's constants (no lazy-initialisation check per use).
    public static var http1_0: HTTPVersion { HTTPVersion(major: 1, minor: 0) }
    public static var http1_1: HTTPVersion { HTTPVersion(major: 1, minor: 1) }
    public var description: String { "HTTP/\(major).\(minor)" }
}

public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// The request target exactly as sent (origin form: path and optional query).
    public var target: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(method: HTTPMethod, target: String, version: HTTPVersion = .http1_1,
                headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// The path part of the target, without the query.
    public var path: String {
        if let q = queryMark { return String(target[..<q]) }
        return target
    }
    /// The raw query string after `?`, or nil.
    public var rawQuery: String? {
        guard let q = queryMark else { return nil }
        return String(target[target.utf8.index(after: q)...])
    }

    /// Where the `?` is. Searching the UTF-8 bytes: a Character search costs a grapheme-breaking pass per
    /// character, and even the UTF8View's iterator showed in profiles (the router asks twice per request).
    private var queryMark: String.Index? {
        let offset = target.utf8.withContiguousStorageIfAvailable { $0.firstIndex(of: UInt8(ascii: "?")) }
        switch offset {
        case .some(.some(let offset)): return target.utf8.index(target.utf8.startIndex, offsetBy: offset)
        case .some(.none): return nil
        case .none: return target.utf8.firstIndex(of: UInt8(ascii: "?"))
        }
    }

    /// Whether the connection stays open after this request (RFC 9112 §9.3).
    public var wantsKeepAlive: Bool {
        // Most requests have no Connection field: answer those without building the token arrays.
        guard headers.contains(where: { HTTPHeaders.same($0.name, "Connection") }) else {
            return version.major == 1 && version.minor >= 1
        }
        let tokens = headers.values("Connection").flatMap { $0.split(separator: ",") }
            .map { $0.trimmingSpaces().lowercased() }
        if tokens.contains("close") { return false }
        if version == .http1_0 { return tokens.contains("keep-alive") }
        return version.major == 1 && version.minor >= 1
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs (optional whitespace around HTTP field elements).
    public func trimmingSpaces() -> String {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
