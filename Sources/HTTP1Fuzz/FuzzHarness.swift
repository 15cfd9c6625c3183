// The checks HTTP1Fuzz runs on each input. The first byte picks the mode: which limits (defaults or tiny ones that
// make every limit reachable) and whether a chunked request head is prepended so the input lands in the chunk
// decoder. The second and third seed the read splits. Invariants, each a trap when broken:
//   1. feeding the bytes in one read and in pseudo-random reads gives the same transcript (requests and ending);
//   2. every `consumed` is within the buffer and positive, and a body never exceeds the body limit;
//   3. a request we accept, written back out with Content-Length framing, parses to the same request.
// The chunked target (HTTP1_FUZZ_TARGET=chunked, `scripts/fuzz --target chunked`) always prepends the chunked head,
// so every input exercises the chunk decoder, and adds a differential check:
//   4. a chunked body we accept decodes to the same bytes, ending at the same offset, under a plain reference
//      decoder written from RFC 9112 §7.1 (lenient where we are strict, so it must accept whatever we accept).
#if canImport(Glibc)
import Glibc
#endif
import HTTP1

enum FuzzHarness {
    static let tiny = ParserLimits(maxRequestLineBytes: 64, maxFieldLineBytes: 48, maxHeadBytes: 160, maxFieldCount: 4,
                                   maxBodyBytes: 40, maxChunkExtensionBytes: 12, maxChunkSizeDigits: 16)
    static let chunkedHead = Array("POST /f HTTP/1.1\r\nHost: f\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)

    static let chunkedOnly = getenv("HTTP1_FUZZ_TARGET").map { String(cString: $0) } == "chunked"

    static func run(_ data: [UInt8]) {
        guard data.count >= 3 else { return }
        let mode = data[0]
        let limits = mode & 1 == 0 ? ParserLimits() : tiny
        var input = Array(data[3...])
        if mode & 2 != 0 || chunkedOnly { input = chunkedHead + input }
        var seed = UInt64(data[1]) << 8 | UInt64(data[2]) | 1

        let whole = feed(input, pieces: [input.count], limits: limits)
        var pieces: [Int] = []
        var left = input.count
        while left > 0 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let piece = min(left, Int(seed >> 33) % 17 + 1)
            pieces.append(piece)
            left -= piece
        }
        let split = feed(input, pieces: pieces, limits: limits)
        if whole.lines != split.lines {
            fatalError("split feeding disagrees:\n whole: \(whole.lines)\n split: \(split.lines)\n pieces: \(pieces)")
        }
        for request in whole.requests { checkRoundTrip(request, limits: limits) }
        if chunkedOnly, let first = whole.requests.first, let end = whole.firstEnd {
            checkAgainstReference(input, body: first.body, end: end)
        }
    }

    struct Transcript {
        var lines: [String] = []
        var requests: [HTTPRequest] = []
        /// Where the first complete request ended in the input.
        var firstEnd: Int?
    }

    static func feed(_ input: [UInt8], pieces: [Int], limits: ParserLimits) -> Transcript {
        var parser = RequestParser(limits: limits)
        var buffer: [UInt8] = []
        var out = Transcript()
        var offset = 0
        for size in pieces {
            buffer += input[offset ..< offset + size]
            offset += size
            reading: while true {
                switch buffer.withUnsafeBytes({ parser.parse($0) }) {
                case .complete(let request, let consumed):
                    precondition(consumed > 0 && consumed <= buffer.count, "consumed \(consumed) of \(buffer.count)")
                    precondition(request.body.count <= limits.maxBodyBytes, "body over the limit")
                    out.lines.append(describe(request))
                    if out.requests.isEmpty { out.firstEnd = offset - buffer.count + consumed }
                    out.requests.append(request)
                    buffer.removeFirst(consumed)
                case .needMore(let head):
                    if offset == input.count {
                        out.lines.append(head.map { "body pending \($0.method) \($0.target)" } ?? "more")
                    }
                    break reading
                case .bad(let error):
                    out.lines.append("bad \(error.status.code) \(error.detail)")
                    return out
                }
            }
        }
        if pieces.isEmpty { out.lines.append("more") }
        return out
    }

    static func describe(_ r: HTTPRequest) -> String {
        let fields = r.headers.map { "\($0.name)=\($0.value)" }.joined(separator: "\u{1}")
        return "\(r.method) \(r.target) \(r.version) [\(fields)] \(r.body)"
    }

    /// Invariant 4: `input` is chunkedHead followed by a chunked body the parser accepted as `body`, ending at `end`.
    static func checkAgainstReference(_ input: [UInt8], body: [UInt8], end: Int) {
        guard let reference = referenceChunked(input, from: chunkedHead.count) else {
            fatalError("the reference decoder rejects a body we accepted: \(Array(input[chunkedHead.count...]))")
        }
        precondition(reference.body == body, "bodies differ: ours \(body), reference \(reference.body)")
        precondition(reference.end == end, "ends differ: ours \(end), reference \(reference.end)")
    }

    /// chunked-body = *chunk last-chunk trailer-section CRLF; chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF.
    /// Whole-buffer and lenient: anything may follow the hex digits up to the line's CRLF (extensions unchecked),
    /// trailer lines are skipped unchecked, and there are no limits. nil when the framing itself is broken.
    static func referenceChunked(_ b: [UInt8], from start: Int) -> (body: [UInt8], end: Int)? {
        func lineEnd(from i: Int) -> Int? {
            var j = i
            while j + 1 < b.count {
                if b[j] == 0x0D && b[j + 1] == 0x0A { return j }
                j += 1
            }
            return nil
        }
        func hex(_ c: UInt8) -> Int? {
            switch c {
            case 0x30...0x39: return Int(c - 0x30)
            case 0x41...0x46: return Int(c - 0x41 + 10)
            case 0x61...0x66: return Int(c - 0x61 + 10)
            default: return nil
            }
        }
        var i = start
        var body: [UInt8] = []
        while true {
            guard let eol = lineEnd(from: i) else { return nil }
            var size = 0
            var digits = 0
            while i + digits < eol, let v = hex(b[i + digits]) {
                guard size < (Int.max - 15) / 16 else { return nil }
                size = size * 16 + v
                digits += 1
            }
            guard digits > 0 else { return nil }
            i = eol + 2
            if size == 0 {
                while let next = lineEnd(from: i) {
                    if next == i { return (body, i + 2) }
                    i = next + 2
                }
                return nil
            }
            guard size <= b.count - i - 2, b[i + size] == 0x0D, b[i + size + 1] == 0x0A else { return nil }
            body += b[i ..< i + size]
            i += size + 2
        }
    }

    /// Writes `request` back with Content-Length framing and parses it again; the result must match.
    static func checkRoundTrip(_ request: HTTPRequest, limits: ParserLimits) {
        var text = "\(request.method) \(request.target) \(request.version)\r\n"
        var expected = HTTPHeaders()
        for field in request.headers {
            let name = field.name.lowercased()
            if name == "transfer-encoding" || name == "content-length" { continue }
            text += "\(field.name): \(field.value)\r\n"
            expected.add(field.name, field.value)
        }
        if request.body.count > 0 || request.headers.contains("Content-Length") {
            text += "Content-Length: \(request.body.count)\r\n"
            expected.add("Content-Length", String(request.body.count))
        }
        let bytes = Array((text + "\r\n").utf8) + request.body
        var generous = limits
        generous.maxHeadBytes *= 4
        generous.maxFieldLineBytes *= 4
        generous.maxRequestLineBytes *= 4
        var parser = RequestParser(limits: generous)
        guard case .complete(let again, let consumed) = bytes.withUnsafeBytes({ parser.parse($0) }) else {
            fatalError("round trip failed to parse: \(text)")
        }
        precondition(consumed == bytes.count, "round trip consumed \(consumed) of \(bytes.count)")
        precondition(again.method == request.method && again.target == request.target &&
                      again.version == request.version && again.body == request.body && again.headers == expected,
                      "round trip changed the request: \(describe(request)) -> \(describe(again))")
    }
}
