// RequestParser against a table of named one-line requests (pico test.c style). Every case is fed whole, byte by
// byte, and cut in two at every offset, and must give the same transcript each time; the expected value is the
// compact "<complete requests> <tail>" form of ParserHarness.swift.
import Testing
import HTTP1

struct ParserCase: CustomStringConvertible, Sendable {
    let name: String
    let input: [UInt8]
    let expect: String
    var limits = ParserLimits()
    var description: String { name }

    init(_ name: String, _ input: String, _ expect: String, limits: ParserLimits = ParserLimits()) {
        self.init(name, Array(input.utf8), expect, limits: limits)
    }
    init(_ name: String, _ input: [UInt8], _ expect: String, limits: ParserLimits = ParserLimits()) {
        self.name = name
        self.input = input
        self.expect = expect
        self.limits = limits
    }
}

private let te = "Transfer-Encoding: chunked\r\n"
private let post = "POST /p HTTP/1.1\r\nHost: a\r\n"
private let chunked = post + te + "\r\n"

let validCases: [ParserCase] = [
    ParserCase("simple GET", "GET / HTTP/1.1\r\nHost: a\r\n\r\n", "1 done"),
    ParserCase("HTTP/1.0 without Host", "GET / HTTP/1.0\r\n\r\n", "1 done"),
    ParserCase("Content-Length body", post + "Content-Length: 5\r\n\r\nhello", "1 done"),
    ParserCase("Content-Length zero", post + "Content-Length: 0\r\n\r\n", "1 done"),
    ParserCase("Content-Length with leading zeros", post + "Content-Length: 003\r\n\r\nabc", "1 done"),
    ParserCase("Content-Length with surrounding whitespace", post + "Content-Length: \t3 \r\n\r\nabc", "1 done"),
    ParserCase("chunked body", chunked + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", "1 done"),
    ParserCase("chunked case-insensitive", post + "Transfer-Encoding: ChUnKeD\r\n\r\n0\r\n\r\n", "1 done"),
    ParserCase("chunk size upper and lower hex", chunked + "A\r\n0123456789\r\na\r\n0123456789\r\n0\r\n\r\n",
               "1 done"),
    ParserCase("chunk size 16 hex digits", chunked + "0000000000000005\r\nhello\r\n0\r\n\r\n", "1 done"),
    ParserCase("chunk extensions", chunked + "5;a=b;c;d=\"q \\\"x\\\" ;\"\r\nhello\r\n0;z\r\n\r\n", "1 done"),
    ParserCase("trailers are parsed and dropped", chunked + "1\r\nx\r\n0\r\nX-T: 1\r\nVary: *\r\n\r\n", "1 done"),
    ParserCase("one leading empty line", "\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", "1 done"),
    ParserCase("absolute-form target", "GET http://a.example:8080/x?y=1 HTTP/1.1\r\nHost: a\r\n\r\n", "1 done"),
    ParserCase("absolute-form without path", "GET https://a.example HTTP/1.1\r\nHost: a\r\n\r\n", "1 done"),
    ParserCase("OPTIONS asterisk", "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n", "1 done"),
    ParserCase("obs-text in value", "GET / HTTP/1.1\r\nHost: a\r\nX: D\u{fc}sseldorf\r\n\r\n", "1 done"),
    ParserCase("Host with port", "GET / HTTP/1.1\r\nHost: a.example:8080\r\n\r\n", "1 done"),
    ParserCase("Host IPv6 literal with port", "GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n", "1 done"),
    ParserCase("Host empty", "GET / HTTP/1.1\r\nHost:\r\n\r\n", "1 done"),
    ParserCase("empty field value", "GET / HTTP/1.1\r\nHost: a\r\nX:\r\n\r\n", "1 done"),
    ParserCase("unknown token method", "BREW /pot HTTP/1.1\r\nHost: a\r\n\r\n", "1 done"),
    ParserCase("lowercase method is a token", "get / HTTP/1.1\r\nHost: a\r\n\r\n", "1 done"),
    ParserCase("three pipelined requests",
               "GET /1 HTTP/1.1\r\nHost: a\r\n\r\n" + post + "Content-Length: 2\r\n\r\nhi" + chunked + "0\r\n\r\n",
               "3 done"),
    ParserCase("CRLF after a body before the next request",
               post + "Content-Length: 2\r\n\r\nhi\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", "2 done"),
    ParserCase("incomplete head", "GET / HTTP/1.1\r\nHost: a\r\n", "0 more"),
    ParserCase("incomplete request line CR", "GET / HTTP/1.1\r", "0 more"),
    ParserCase("incomplete Content-Length body", post + "Content-Length: 5\r\n\r\nhel", "0 body"),
    ParserCase("incomplete chunked body", chunked + "5\r\nhel", "0 body"),
    ParserCase("last chunk without the empty line", chunked + "0\r\n", "0 body"),
    ParserCase("Expect 100-continue waits for the body", post + "Expect: 100-continue\r\nContent-Length: 5\r\n\r\n",
               "0 body"),
]

let strictCases: [ParserCase] = [
    // Framing (RFC 9112 §6): ambiguity is a smuggling vector, so every conflict is fatal.
    ParserCase("Content-Length with Transfer-Encoding", post + "Content-Length: 5\r\n" + te + "\r\n", "0 bad 400"),
    ParserCase("Transfer-Encoding with Content-Length", post + te + "Content-Length: 5\r\n\r\n", "0 bad 400"),
    ParserCase("duplicate Content-Length equal", post + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello",
               "0 bad 400"),
    ParserCase("duplicate Content-Length differing", post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n",
               "0 bad 400"),
    ParserCase("Content-Length list", post + "Content-Length: 5, 5\r\n\r\nhello", "0 bad 400"),
    ParserCase("Content-Length plus sign", post + "Content-Length: +5\r\n\r\nhello", "0 bad 400"),
    ParserCase("Content-Length negative", post + "Content-Length: -1\r\n\r\n", "0 bad 400"),
    ParserCase("Content-Length hex", post + "Content-Length: 0x5\r\n\r\nhello", "0 bad 400"),
    ParserCase("Content-Length empty", post + "Content-Length:\r\n\r\n", "0 bad 400"),
    ParserCase("Content-Length inner space", post + "Content-Length: 4 2\r\n\r\n", "0 bad 400"),
    ParserCase("Content-Length 19 digits", post + "Content-Length: 0000000000000000005\r\n\r\nhello", "0 bad 400"),
    ParserCase("Content-Length 18 digits is fine", post + "Content-Length: 000000000000000005\r\n\r\nhello", "1 done"),
    ParserCase("Transfer-Encoding gzip, chunked", post + "Transfer-Encoding: gzip, chunked\r\n\r\n", "0 bad 501"),
    ParserCase("Transfer-Encoding chunked, gzip", post + "Transfer-Encoding: chunked, gzip\r\n\r\n", "0 bad 501"),
    ParserCase("Transfer-Encoding identity", post + "Transfer-Encoding: identity\r\n\r\n", "0 bad 501"),
    ParserCase("Transfer-Encoding xchunked", post + "Transfer-Encoding: xchunked\r\n\r\n", "0 bad 501"),
    ParserCase("Transfer-Encoding empty", post + "Transfer-Encoding:\r\n\r\n", "0 bad 400"),
    ParserCase("Transfer-Encoding twice", post + te + te + "\r\n0\r\n\r\n", "0 bad 400"),
    ParserCase("Transfer-Encoding on HTTP/1.0", "POST /p HTTP/1.0\r\n" + te + "\r\n0\r\n\r\n", "0 bad 400"),
    // Field syntax (RFC 9112 §5, §2.2).
    ParserCase("obs-fold", "GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n", "0 bad 400"),
    ParserCase("Transfer-Encoding via obs-fold", post + "X: a\r\n" + " " + te + "\r\n", "0 bad 400"),
    ParserCase("obs-fold rejected at its first byte", "GET / HTTP/1.1\r\nHost: a\r\n\tX", "0 bad 400"),
    ParserCase("whitespace after request line", "GET / HTTP/1.1\r\n Host: a\r\n\r\n", "0 bad 400"),
    ParserCase("bare CR in value", "GET / HTTP/1.1\r\nHost: a\r\nX: a\rb\r\n\r\n", "0 bad 400"),
    ParserCase("bare CR in request line", "GET /\r HTTP/1.1\r\nHost: a\r\n\r\n", "0 bad 400"),
    ParserCase("bare CR before the body", post + "Content-Length: 3\r\n\rabc", "0 bad 400"),
    ParserCase("bare LF ends the request line", "GET / HTTP/1.1\nHost: a\r\n\r\n", "0 bad 400"),
    ParserCase("bare LF ends a field line", "GET / HTTP/1.1\r\nHost: a\nX: 1\r\n\r\n", "0 bad 400"),
    ParserCase("bare LF ends the head", "GET / HTTP/1.1\r\nHost: a\r\n\n", "0 bad 400"),
    ParserCase("bare LF as leading empty line", "\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", "0 bad 400"),
    ParserCase("NUL in value", "GET / HTTP/1.1\r\nHost: a\r\nX: a\u{0}b\r\n\r\n", "0 bad 400"),
    ParserCase("form feed in value", "GET / HTTP/1.1\r\nHost: a\r\nX: \u{0c}\r\n\r\n", "0 bad 400"),
    ParserCase("DEL in value", "GET / HTTP/1.1\r\nHost: a\r\nX: a\u{7f}\r\n\r\n", "0 bad 400"),
    ParserCase("NUL in name", "GET / HTTP/1.1\r\nHost: a\r\nX\u{0}Y: 1\r\n\r\n", "0 bad 400"),
    ParserCase("DEL in name", "GET / HTTP/1.1\r\nHost: a\r\nX\u{7f}: 1\r\n\r\n", "0 bad 400"),
    ParserCase("space inside name", "GET / HTTP/1.1\r\nHost: a\r\nX Y: 1\r\n\r\n", "0 bad 400"),
    ParserCase("space before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", "0 bad 400"),
    ParserCase("tab before colon", "GET / HTTP/1.1\r\nHost\t: a\r\n\r\n", "0 bad 400"),
    ParserCase("empty field name", "GET / HTTP/1.1\r\nHost: a\r\n: v\r\n\r\n", "0 bad 400"),
    ParserCase("field without colon", "GET / HTTP/1.1\r\nHost: a\r\nnocolon\r\n\r\n", "0 bad 400"),
    ParserCase("invalid name character", "GET / HTTP/1.1\r\nHost: a\r\nFo@: x\r\n\r\n", "0 bad 400"),
    ParserCase("non-ASCII in name", "GET / HTTP/1.1\r\nHost: a\r\nX\u{e9}: x\r\n\r\n", "0 bad 400"),
    ParserCase("Host missing on HTTP/1.1", "GET / HTTP/1.1\r\n\r\n", "0 bad 400"),
    ParserCase("Host twice", "GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", "0 bad 400"),
    ParserCase("Host with a space", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", "0 bad 400"),
    ParserCase("Host with a path", "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", "0 bad 400"),
    ParserCase("Host with userinfo", "GET / HTTP/1.1\r\nHost: u@a\r\n\r\n", "0 bad 400"),
    ParserCase("Host with a bad port", "GET / HTTP/1.1\r\nHost: a:8x\r\n\r\n", "0 bad 400"),
    ParserCase("Host with an unclosed IP literal", "GET / HTTP/1.1\r\nHost: [::1\r\n\r\n", "0 bad 400"),
    // Request line (RFC 9112 §3).
    ParserCase("invalid method character", "GE(T / HTTP/1.1\r\nHost: a\r\n\r\n", "0 bad 400"),
    ParserCase("empty method", " / HTTP/1.1\r\nHost: a\r\n\r\n", "0 bad 400"),
    ParserCase("double space after method", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n", "0 bad 400"),
    ParserCase("space inside target", "GET /a b HTTP/1.1\r\nHost: a\r\n\r\n", "0 bad 400"),
    ParserCase("trailing space after version", "GET / HTTP/1.1 \r\nHost: a\r\n\r\n", "0 bad 400"),
    ParserCase("no version (HTTP/0.9)", "GET /\r\n\r\n", "0 bad 400"),
    ParserCase("HTTP/2.0 version", "GET / HTTP/2.0\r\nHost: a\r\n\r\n", "0 bad 505"),
    ParserCase("HTTP/1.2 version", "GET / HTTP/1.2\r\nHost: a\r\n\r\n", "0 bad 505"),
    ParserCase("HTTP/0.9 version", "GET / HTTP/0.9\r\nHost: a\r\n\r\n", "0 bad 505"),
    ParserCase("lowercase version", "GET / http/1.1\r\nHost: a\r\n\r\n", "0 bad 400"),
    ParserCase("two-digit minor version", "GET / HTTP/1.10\r\nHost: a\r\n\r\n", "0 bad 400"),
    ParserCase("other protocol", "GET / RTSP/1.0\r\nHost: a\r\n\r\n", "0 bad 400"),
    ParserCase("relative target", "GET a/b HTTP/1.1\r\nHost: a\r\n\r\n", "0 bad 400"),
    ParserCase("asterisk for GET", "GET * HTTP/1.1\r\nHost: a\r\n\r\n", "0 bad 400"),
    ParserCase("authority-form CONNECT", "CONNECT a.example:443 HTTP/1.1\r\nHost: a\r\n\r\n", "0 bad 400"),
    ParserCase("userinfo in absolute-form", "GET http://u:p@a.example/ HTTP/1.1\r\nHost: a\r\n\r\n", "0 bad 400"),
    ParserCase("raw UTF-8 in target", "GET /\u{e9} HTTP/1.1\r\nHost: a\r\n\r\n", "0 bad 400"),
    ParserCase("fragment in target", "GET /a#b HTTP/1.1\r\nHost: a\r\n\r\n", "0 bad 400"),
    ParserCase("too many leading empty lines",
               String(repeating: "\r\n", count: 9) + "GET / HTTP/1.1\r\nHost: a\r\n\r\n", "0 bad 400"),
    // Chunked framing (RFC 9112 §7.1).
    ParserCase("chunk size 17 hex digits", chunked + "00000000000000005\r\nhello\r\n0\r\n\r\n", "0 bad 400"),
    ParserCase("chunk size 2^64", chunked + "10000000000000000\r\n", "0 bad 400"),
    ParserCase("chunk size 0x prefix", chunked + "0x5\r\nhello\r\n0\r\n\r\n", "0 bad 400"),
    ParserCase("chunk size missing", chunked + "\r\nhello\r\n0\r\n\r\n", "0 bad 400"),
    ParserCase("chunk size negative", chunked + "-5\r\nhello\r\n0\r\n\r\n", "0 bad 400"),
    ParserCase("space after chunk size", chunked + "5 \r\nhello\r\n0\r\n\r\n", "0 bad 400"),
    ParserCase("chunk-size line ends in bare LF", chunked + "5\nhello\r\n0\r\n\r\n", "0 bad 400"),
    ParserCase("chunk-size line CR without LF", chunked + "5\r;x\r\nhello\r\n0\r\n\r\n", "0 bad 400"),
    ParserCase("chunk extension with bare LF", chunked + "5;a\nhello\r\n0\r\n\r\n", "0 bad 400"),
    ParserCase("chunk extension without name", chunked + "5;\r\nhello\r\n0\r\n\r\n", "0 bad 400"),
    ParserCase("chunk extension empty value", chunked + "5;a=\r\nhello\r\n0\r\n\r\n", "0 bad 400"),
    ParserCase("chunk extension unbalanced quote", chunked + "5;a=\"b\r\nhello\r\n0\r\n\r\n", "0 bad 400"),
    ParserCase("chunk extension control character", chunked + "5;a=\"\u{1}\"\r\nhello\r\n0\r\n\r\n", "0 bad 400"),
    ParserCase("chunk data too long", chunked + "5\r\nhelloX\r\n0\r\n\r\n", "0 bad 400"),
    ParserCase("chunk data then bare LF", chunked + "5\r\nhello\n0\r\n\r\n", "0 bad 400"),
    ParserCase("last chunk missing", chunked + "3\r\nfoo\r\n\r\n", "0 bad 400"),
    ParserCase("trailer obs-fold", chunked + "0\r\nX: a\r\n b\r\n\r\n", "0 bad 400"),
    ParserCase("trailer bare LF", chunked + "0\r\nX: a\n\r\n", "0 bad 400"),
    ParserCase("trailer control character", chunked + "0\r\nX: \u{1}\r\n\r\n", "0 bad 400"),
    ParserCase("bad request after a good one", "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\n\r\n", "1 bad 400"),
]

@Test(arguments: validCases + strictCases)
func parserCaseAgreesAcrossSplits(_ c: ParserCase) {
    let (transcript, disagreements) = feedAllSplits(c.input, limits: c.limits)
    #expect(transcript.short == c.expect, "\(c.name): \(transcript)")
    #expect(disagreements.isEmpty, "\(c.name): whole gave \(transcript); \(disagreements.prefix(3))")
}

/// A bad field line (in the head or a chunked trailer) is answered with what is wrong with it, the same under every
/// split of the input.
@Test(arguments: [
    ("Bad Header", "has no colon"),
    ("nocolon", "has no colon"),
    ("Bad(Header", "has no colon"),
    ("Bad Header\t", "has no colon"),
    ("Host : a", "Whitespace between a field name and its colon"),
    ("X\tY: 1", "Whitespace between a field name and its colon"),
    ("Fo@: x", "invalid character"),
    ("Fo@ x: y", "invalid character"),
    (": v", "empty name"),
    (" folded", "Obsolete line folding"),
])
func parserNamesWhatIsWrongWithAFieldLine(line: String, detail: String) {
    let inputs = ["GET / HTTP/1.1\r\nHost: a\r\n\(line)\r\n\r\n", chunked + "0\r\n\(line)\r\n\r\n"]
    for input in inputs {
        let (transcript, disagreements) = feedAllSplits(Array(input.utf8))
        #expect(transcript.tail.hasPrefix("bad 400: ") && transcript.tail.contains(detail), "\(line): \(transcript)")
        #expect(disagreements.isEmpty, "\(line): whole gave \(transcript); \(disagreements.prefix(3))")
    }
}

// MARK: - What a complete request and a pending head carry

private func only(_ text: String) -> Transcript { feed(Array(text.utf8), pieces: [text.utf8.count]) }

@Test func parserReducesAbsoluteFormToOriginForm() {
    #expect(only("GET http://a.example:8080/x?y=1 HTTP/1.1\r\nHost: a\r\n\r\n").requests.first?
        .hasPrefix("GET /x?y=1 HTTP/1.1") == true)
    #expect(only("GET HTTPS://a.example?q HTTP/1.1\r\nHost: a\r\n\r\n").requests.first?
        .hasPrefix("GET /?q HTTP/1.1") == true)
}

@Test func parserDecodesChunkedBodyAndDropsTrailers() {
    let t = only(chunked + "5;x=y\r\nhello\r\n6\r\n world\r\n0\r\nX-T: 1\r\n\r\n")
    #expect(t.requests == ["POST /p HTTP/1.1 [Host=a,Transfer-Encoding=chunked] body=hello world"])
}

@Test func parserKeepsFieldOrderAndTrimsValues() {
    let t = only("GET / HTTP/1.1\r\nHost: a\r\nX-B:\t two \r\nx-a: 1\r\n\r\n")
    #expect(t.requests == ["GET / HTTP/1.1 [Host=a,X-B=two,x-a=1] body="])
}

@Test func parserReadsNonUTF8ObsTextAsLatin1() {
    var bytes = Array("GET / HTTP/1.1\r\nHost: a\r\nX: D".utf8)
    bytes += [0xFC] + Array("sseldorf\r\n\r\n".utf8)
    let t = feed(bytes, pieces: [bytes.count])
    #expect(t.requests == ["GET / HTTP/1.1 [Host=a,X=Düsseldorf] body="])
}

@Test func parserReportsHeadBeforeBodyForContinue() {
    let t = only(post + "Expect: 100-continue\r\nContent-Length: 5\r\n\r\n")
    #expect(t.pendingHead == "POST /p cl=5 chunked=false continue=true")
    let chunkedHead = only(chunked + "3\r\nab")
    #expect(chunkedHead.pendingHead == "POST /p cl=nil chunked=true continue=false")
    let http10 = only("POST /p HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
    #expect(http10.pendingHead == "POST /p cl=5 chunked=false continue=false")
}

@Test func parserErrorIsStickyUntilReset() {
    var parser = RequestParser()
    let bad = Array("GET / HTTP/1.1\r\nHost : a\r\n\r\n".utf8)
    let good = Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8)
    guard case .bad(let first) = bad.withUnsafeBytes({ parser.parse($0) }) else {
        Issue.record("expected .bad")
        return
    }
    #expect(first.status == .badRequest)
    guard case .bad(let again) = good.withUnsafeBytes({ parser.parse($0) }) else {
        Issue.record("expected the error to stick")
        return
    }
    #expect(again == first)
    parser.reset()
    guard case .complete(_, let consumed) = good.withUnsafeBytes({ parser.parse($0) }) else {
        Issue.record("expected a complete request after reset")
        return
    }
    #expect(consumed == good.count)
}

@Test func parserStartsOverWhenTheBufferShrinks() {
    var parser = RequestParser()
    let partial = Array("POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\na".utf8)
    _ = partial.withUnsafeBytes { parser.parse($0) }
    let other = Array("GET /x HTTP/1.1\r\nHost: a\r\n\r\n".utf8)
    guard case .complete(let request, _) = other.withUnsafeBytes({ parser.parse($0) }) else {
        Issue.record("expected a complete request")
        return
    }
    #expect(request.target == "/x")
}

@Test func parserDecodesLargeChunkedBodyFedInPieces() {
    var input = Array(chunked.utf8)
    var expected: [UInt8] = []
    for i in 0 ..< 256 {
        let data = [UInt8](repeating: UInt8(i), count: 4000)
        input += Array((String(data.count, radix: 16) + "\r\n").utf8) + data + Array("\r\n".utf8)
        expected += data
    }
    input += Array("0\r\n\r\n".utf8)
    var parser = RequestParser()
    var buffer: [UInt8] = []
    var body: [UInt8]?
    var offset = 0
    while offset < input.count, body == nil {
        let next = min(input.count, offset + 1500)
        buffer += input[offset ..< next]
        offset = next
        if case .complete(let request, let consumed) = buffer.withUnsafeBytes({ parser.parse($0) }) {
            #expect(consumed == input.count)
            body = request.body
        }
    }
    #expect(body == expected)
}
