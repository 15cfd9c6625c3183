// The size limits of RequestParser, one value with documented defaults. Each limit maps to exactly one status,
// chosen here (in `ParserLimits.Kind.status`) and nowhere else. The defaults follow nginx (8 KiB lines, 4 x 8 KiB
// head) and h2o (100 fields); see RELIABILITY.md §1.2 and §1.4.

/// Limits applied while parsing one request. Exceeding any of them ends the request with `.bad`.
public struct ParserLimits: Sendable, Equatable {
    /// Longest request line in bytes, counting its CRLF. Beyond it: 414 URI Too Long.
    public var maxRequestLineBytes: Int
    /// Longest single field line (header or trailer) in bytes, counting its CRLF. Beyond it: 431.
    public var maxFieldLineBytes: Int
    /// Largest head in bytes (request line, fields and the blank line); also bounds the trailer section. Beyond: 431.
    public var maxHeadBytes: Int
    /// Most field lines in the head (and, separately, in the trailer section). Beyond it: 431.
    public var maxFieldCount: Int
    /// Largest body in bytes, checked against Content-Length before reading the body, and against the running
    /// total of declared chunk sizes before each chunk's data is stored. Beyond it: 413 Content Too Large.
    public var maxBodyBytes: Int
    /// Total bytes of chunk extensions (from each `;` to the end of its chunk-size line) per request. Beyond: 400.
    public var maxChunkExtensionBytes: Int
    /// Most hexadecimal digits in one chunk size (16 fits 64 bits; leading zeros count). Beyond it: 400.
    public var maxChunkSizeDigits: Int

    public init(maxRequestLineBytes: Int = 8 * 1024,
                maxFieldLineBytes: Int = 8 * 1024,
                maxHeadBytes: Int = 32 * 1024,
                maxFieldCount: Int = 100,
                maxBodyBytes: Int = 10 * 1024 * 1024,
                maxChunkExtensionBytes: Int = 1024,
                maxChunkSizeDigits: Int = 16) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxFieldLineBytes = maxFieldLineBytes
        self.maxHeadBytes = maxHeadBytes
        self.maxFieldCount = maxFieldCount
        self.maxBodyBytes = maxBodyBytes
        self.maxChunkExtensionBytes = maxChunkExtensionBytes
        // The decoder accumulates sizes in a UInt64, which holds 16 hex digits; more could overflow (RFC 9112 §7.1).
        self.maxChunkSizeDigits = max(1, min(maxChunkSizeDigits, 16))
    }

    /// Which limit was exceeded; `status` is the one place a limit becomes a status code.
    public enum Kind: Sendable, Equatable {
        case requestLine, fieldLine, headBytes, fieldCount, body, chunkExtensions, chunkSizeDigits

        public var status: HTTPStatus {
            switch self {
            case .requestLine: return .uriTooLong
            case .fieldLine, .headBytes, .fieldCount: return .headersTooLarge
            case .body: return .payloadTooLarge
            case .chunkExtensions, .chunkSizeDigits: return .badRequest
            }
        }
    }

    /// The error for exceeding the limit of `kind`, with a sentence naming the limit.
    func error(_ kind: Kind) -> HTTPParseError {
        let detail: String
        switch kind {
        case .requestLine: detail = "The request line is longer than \(maxRequestLineBytes) bytes."
        case .fieldLine: detail = "A header field line is longer than \(maxFieldLineBytes) bytes."
        case .headBytes: detail = "The header section is larger than \(maxHeadBytes) bytes."
        case .fieldCount: detail = "The header section has more than \(maxFieldCount) fields."
        case .body: detail = "The request body is larger than \(maxBodyBytes) bytes."
        case .chunkExtensions: detail = "The chunk extensions are longer than \(maxChunkExtensionBytes) bytes in total."
        case .chunkSizeDigits: detail = "A chunk size has more than \(maxChunkSizeDigits) hexadecimal digits."
        }
        return HTTPParseError(kind.status, detail)
    }
}
