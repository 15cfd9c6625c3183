// Test harness for RequestParser: feeds bytes the way the event server does (whole unconsumed buffer each time,
// drop `consumed` after a complete request) under different read splits, and summarises what came out, so a
// test can require that every split gives the same transcript (NIO's ByteToMessageDecoderVerifier idea).
import HTTP1

struct Transcript: Equatable, CustomStringConvertible {
    /// One line per complete request: method, target, version, fields and body.
    var requests: [String] = []
    /// How feeding ended: "done" (buffer empty), "more" (head incomplete), "body" (head done, body pending) or
    /// "bad NNN: detail".
    var tail = "done"
    /// The head info of the last `.needMore(head:)`, summarised, when the tail is "body".
    var pendingHead: String?

    var description: String { (requests + [tail]).joined(separator: " | ") }
    /// "N tail" with the status only, the compact form the case tables use.
    var short: String {
        let t = tail.hasPrefix("bad ") ? String(tail.prefix(7)) : tail
        return "\(requests.count) \(t)"
    }
}

func summary(_ r: HTTPRequest) -> String {
    let fields = r.headers.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
    return "\(r.method) \(r.target) \(r.version) [\(fields)] body=\(String(decoding: r.body, as: UTF8.self))"
}

/// Feeds `input` in pieces of the given sizes (their sum must be input.count).
func feed(_ input: [UInt8], pieces: [Int], limits: ParserLimits = ParserLimits()) -> Transcript {
    var parser = RequestParser(limits: limits)
    var buffer: [UInt8] = []
    var out = Transcript()
    var offset = 0
    for size in pieces {
        buffer.append(contentsOf: input[offset ..< offset + size])
        offset += size
        feeding: while true {
            let outcome = buffer.withUnsafeBytes { parser.parse($0) }
            switch outcome {
            case .complete(let request, let consumed):
                out.requests.append(summary(request))
                buffer.removeFirst(consumed)
            case .needMore(let head):
                out.tail = head == nil ? (buffer.isEmpty ? "done" : "more") : "body"
                out.pendingHead = head.map {
                    "\($0.method) \($0.target) cl=\($0.contentLength.map(String.init) ?? "nil") " +
                        "chunked=\($0.isChunked) continue=\($0.expectsContinue)"
                }
                break feeding
            case .bad(let error):
                out.tail = "bad \(error.status.code): \(error.detail)"
                out.pendingHead = nil
                return out
            }
        }
    }
    return out
}

/// The split patterns every case goes through: whole, byte by byte, and two pieces cut at every offset (sampled
/// for inputs over 2,000 bytes to keep the suite fast).
func splits(_ n: Int) -> [(String, [Int])] {
    guard n > 0 else { return [("whole", [])] }
    var result: [(String, [Int])] = [("whole", [n]), ("bytewise", Array(repeating: 1, count: n))]
    let stride = n > 2000 ? n / 200 : 1
    var cut = 1
    while cut < n {
        result.append(("cut \(cut)", [cut, n - cut]))
        cut += stride
    }
    if stride > 1 { result.append(("cut \(n - 1)", [n - 1, 1])) }
    return result
}

/// Feeds `input` under every split and returns the whole-buffer transcript plus any split that disagreed.
func feedAllSplits(_ input: [UInt8], limits: ParserLimits = ParserLimits()) -> (Transcript, [String]) {
    let reference = feed(input, pieces: input.isEmpty ? [] : [input.count], limits: limits)
    var disagreements: [String] = []
    for (name, pieces) in splits(input.count).dropFirst() {
        let t = feed(input, pieces: pieces, limits: limits)
        if t != reference { disagreements.append("\(name): \(t)") }
    }
    return (reference, disagreements)
}

extension Array where Element == UInt8 {
    init(http text: String) { self = Array(text.utf8) }
}
