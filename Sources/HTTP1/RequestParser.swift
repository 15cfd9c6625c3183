// Strict, incremental HTTP/1.1 request parser (RFC 9112) over the caller's bytes: no sockets, no syscalls, and
// the strict profile of RELIABILITY.md §1.4. Three outcomes, as in picohttpparser: complete (with the bytes
// consumed), need more, or bad (with the status to answer before closing).
//
// Contract. `bytes` is always the whole unconsumed buffer, starting at the first byte of the current request
// (leading empty lines included). After `.complete(_, consumed: n)` the caller drops n bytes and calls `parse`
// again with the rest, which may already hold the next pipelined request. After `.bad` the connection is done:
// the parser keeps answering the same error until `reset()`.
//
// State. The parser is resumable (nginx style), not a re-parse from the start (pico style): it remembers how far
// it has scanned the head, the fields it has already validated, and where the chunk decoder stands, so feeding
// a growing buffer n times costs O(total bytes), not O(n^2). Every check is made at a fixed byte position in the
// order the bytes arrive, so the outcome never depends on how the bytes were split into reads (the tests and
// the HTTP1Fuzz target check exactly that). If the caller ever passes a shorter buffer than last time, the
// contract was broken and the parser starts over from the first byte rather than trusting stale offsets.

/// The head of a request whose body has not fully arrived; enough to send `100 Continue` or to reject early.
public struct RequestHeadInfo: Sendable {
    public var method: HTTPMethod
    /// The request target, reduced to origin form (absolute-form targets lose scheme and authority).
    public var target: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    /// The client sent `Expect: 100-continue` on HTTP/1.1 and waits for a `100 Continue` before the body.
    public var expectsContinue: Bool
    /// The declared body length (already checked against the body limit), or nil when chunked or absent.
    public var contentLength: Int?
    public var isChunked: Bool

    public init(method: HTTPMethod, target: String, version: HTTPVersion, headers: HTTPHeaders,
                expectsContinue: Bool, contentLength: Int?, isChunked: Bool) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.expectsContinue = expectsContinue
        self.contentLength = contentLength
        self.isChunked = isChunked
    }
}

/// Why a request was rejected; the server answers `status` (400, 413, 414, 431, 501 or 505) and closes.
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let status: HTTPStatus
    /// One short sentence for humans (safe to echo in a problem+json `detail`).
    public let detail: String

    public init(status: HTTPStatus, detail: String) {
        self.status = status
        self.detail = detail
    }
    init(_ status: HTTPStatus, _ detail: String) { self.init(status: status, detail: detail) }
    static func bad(_ detail: String) -> HTTPParseError { HTTPParseError(.badRequest, detail) }

    public var description: String { "\(status.code) \(detail)" }
}

public enum ParseOutcome: Sendable {
    /// A whole request; the first `consumed` bytes of the buffer belong to it.
    case complete(HTTPRequest, consumed: Int)
    /// More bytes are needed. `head` is non-nil on every call once the head is complete and the body is not.
    case needMore(head: RequestHeadInfo?)
    /// The request is malformed or over a limit: answer `status` and close the connection.
    case bad(HTTPParseError)
}

public struct RequestParser: Sendable {
    public let limits: ParserLimits

    private enum Phase { case head, body, failed(HTTPParseError) }
    private enum Framing { case none, length(Int), chunked }

    private var phase = Phase.head
    private var head = HeadScanner()
    private var info: RequestHeadInfo?
    private var framing = Framing.none
    private var bodyStart = 0
    private var chunks = ChunkDecoder()
    /// The buffer length at the last call, to notice a caller that shrank the buffer.
    private var seen = 0

    public init(limits: ParserLimits = ParserLimits()) {
        self.limits = limits
    }

    /// Forgets everything about the current request; the next `parse` starts at a request's first byte.
    public mutating func reset() {
        phase = .head
        head = HeadScanner()
        info = nil
        framing = .none
        bodyStart = 0
        chunks = ChunkDecoder()
        seen = 0
    }

    public mutating func parse(_ bytes: UnsafeRawBufferPointer) -> ParseOutcome {
        if case .failed(let error) = phase { return .bad(error) }
        if bytes.count < seen { reset() }
        seen = bytes.count
        let outcome = step(bytes)
        switch outcome {
        case .complete: reset()
        case .bad(let error): phase = .failed(error)
        case .needMore: break
        }
        return outcome
    }

    private mutating func step(_ bytes: UnsafeRawBufferPointer) -> ParseOutcome {
        if case .head = phase {
            switch head.scan(bytes, limits: limits) {
            case .needMore: return .needMore(head: nil)
            case .bad(let error): return .bad(error)
            case .done(let parsed, let end):
                switch frame(parsed) {
                case .failure(let error): return .bad(error)
                case .success(let headInfo):
                    info = headInfo
                    bodyStart = end
                    chunks = ChunkDecoder(start: end)
                    phase = .body
                }
            }
        }
        guard let info else { return .bad(.bad("Internal parser state lost its head.")) }
        switch framing {
        case .none:
            return .complete(request(info, body: []), consumed: bodyStart)
        case .length(let length):
            guard bytes.count - bodyStart >= length else { return .needMore(head: info) }
            let body = Array(UnsafeRawBufferPointer(rebasing: bytes[bodyStart ..< bodyStart + length]))
            return .complete(request(info, body: body), consumed: bodyStart + length)
        case .chunked:
            switch chunks.decode(bytes, limits: limits) {
            case .needMore: return .needMore(head: info)
            case .bad(let error): return .bad(error)
            case .done(let end):
                let body = chunks.takeBody()
                return .complete(request(info, body: body), consumed: end)
            }
        }
    }

    private func request(_ info: RequestHeadInfo, body: [UInt8]) -> HTTPRequest {
        HTTPRequest(method: info.method, target: info.target, version: info.version, headers: info.headers, body: body)
    }

    /// Decides the body framing from the validated head (RFC 9112 §6), in a fixed order: smuggling-relevant
    /// conflicts first, then unsupported codings, then Host, then the body limit (413 before any body is read).
    private mutating func frame(_ parsed: ParsedHead) -> Result<RequestHeadInfo, HTTPParseError> {
        var isChunked = false
        if let coding = parsed.transferEncoding {
            if parsed.contentLength != nil {
                return .failure(.bad("Content-Length and Transfer-Encoding must not be sent together."))
            }
            if parsed.version == .http1_0 {
                return .failure(.bad("Transfer-Encoding is not allowed on an HTTP/1.0 request."))
            }
            if coding.isEmpty { return .failure(.bad("The Transfer-Encoding field is empty.")) }
            guard coding.lowercased() == "chunked" else {
                return .failure(HTTPParseError(.notImplemented, "Only the chunked transfer coding is supported."))
            }
            isChunked = true
        }
        if parsed.version == .http1_1 && parsed.hostCount == 0 {
            return .failure(.bad("An HTTP/1.1 request must have a Host field."))
        }
        if let length = parsed.contentLength, length > limits.maxBodyBytes {
            return .failure(limits.error(.body))
        }
        if isChunked {
            framing = .chunked
        } else if let length = parsed.contentLength, length > 0 {
            framing = .length(length)
        } else {
            framing = .none
        }
        return .success(RequestHeadInfo(
            method: parsed.method, target: parsed.target, version: parsed.version, headers: parsed.headers,
            expectsContinue: parsed.expectsContinue && parsed.version == .http1_1,
            contentLength: isChunked ? nil : parsed.contentLength, isChunked: isChunked))
    }
}
