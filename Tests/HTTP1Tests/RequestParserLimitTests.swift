// RequestParser limits: each limit maps to its status at exactly one byte past the limit, the same under every
// read split, and body limits are enforced before the body is read or stored.
import Testing
import HTTP1

private let l = ParserLimits()
private let requestLine = "GET / HTTP/1.1\r\n"

/// A request line of exactly `bytes` bytes including its CRLF.
private func requestLineOf(_ bytes: Int) -> String {
    "GET /" + String(repeating: "a", count: bytes - requestLine.utf8.count) + " HTTP/1.1\r\n"
}

/// A field line of exactly `bytes` bytes including its CRLF.
private func fieldLineOf(_ bytes: Int, name: String = "X") -> String {
    name + ": " + String(repeating: "v", count: bytes - name.utf8.count - 4) + "\r\n"
}

/// Field lines that, with "GET / HTTP/1.1", Host and the blank line, make a head of exactly `bytes` bytes.
private func headOf(_ bytes: Int) -> String {
    var remaining = bytes - requestLine.utf8.count - "Host: a\r\n".utf8.count - 2
    var fields = ""
    var n = 0
    while remaining > 0 {
        let size = min(remaining, 8000)
        fields += fieldLineOf(size, name: "X\(n)")
        remaining -= size
        n += 1
    }
    return requestLine + "Host: a\r\n" + fields + "\r\n"
}

private func fields(_ count: Int) -> String {
    (0 ..< count).map { "X\($0): \($0)\r\n" }.joined()
}

private let small = ParserLimits(maxBodyBytes: 10, maxChunkExtensionBytes: 8, maxChunkSizeDigits: 4)
private let chunkedHead = "POST /p HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"

let limitCases: [ParserCase] = [
    ParserCase("request line at the limit", requestLineOf(l.maxRequestLineBytes) + "Host: a\r\n\r\n", "1 done"),
    ParserCase("request line one byte over", requestLineOf(l.maxRequestLineBytes + 1) + "Host: a\r\n\r\n",
               "0 bad 414"),
    ParserCase("request line over the limit before its CRLF", "GET /" + String(repeating: "a", count: 9000),
               "0 bad 414"),
    ParserCase("field line at the limit", requestLine + "Host: a\r\n" + fieldLineOf(l.maxFieldLineBytes) + "\r\n",
               "1 done"),
    ParserCase("field line one byte over", requestLine + "Host: a\r\n" + fieldLineOf(l.maxFieldLineBytes + 1) + "\r\n",
               "0 bad 431"),
    ParserCase("head at the limit", headOf(l.maxHeadBytes), "1 done"),
    ParserCase("head one byte over", headOf(l.maxHeadBytes + 1), "0 bad 431"),
    ParserCase("field count at the limit", requestLine + "Host: a\r\n" + fields(l.maxFieldCount - 1) + "\r\n",
               "1 done"),
    ParserCase("field count one over", requestLine + "Host: a\r\n" + fields(l.maxFieldCount) + "\r\n", "0 bad 431"),
    ParserCase("Content-Length over the body limit, head only",
               "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: \(l.maxBodyBytes + 1)\r\n\r\n", "0 bad 413"),
    ParserCase("Content-Length at a small body limit", "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n" +
               "0123456789", "1 done", limits: small),
    ParserCase("Content-Length over a small body limit", "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n",
               "0 bad 413", limits: small),
    ParserCase("chunked total at the body limit", chunkedHead + "6\r\nabcdef\r\n4\r\nghij\r\n0\r\n\r\n", "1 done",
               limits: small),
    ParserCase("chunked declared total over the limit before its data", chunkedHead + "6\r\nabcdef\r\n5\r\n",
               "0 bad 413", limits: small),
    ParserCase("one huge declared chunk", chunkedHead + "ffffffffffffffff\r\n", "0 bad 413"),
    ParserCase("chunk extensions at the limit", chunkedHead + "1;abcdefg\r\nx\r\n0\r\n\r\n", "1 done",
               limits: small),
    ParserCase("chunk extensions over the limit in one line", chunkedHead + "1;abcdefgh\r\nx\r\n0\r\n\r\n",
               "0 bad 400", limits: small),
    ParserCase("chunk extensions over the limit across chunks", chunkedHead + "1;abcd\r\nx\r\n0;efgh\r\n\r\n",
               "0 bad 400", limits: small),
    ParserCase("chunk size digits at a small limit", chunkedHead + "000a\r\n0123456789\r\n0\r\n\r\n", "1 done",
               limits: small),
    ParserCase("chunk size digits over a small limit", chunkedHead + "0000a\r\n", "0 bad 400", limits: small),
    ParserCase("trailer field count over the limit", chunkedHead + "0\r\n" + fields(l.maxFieldCount + 1) + "\r\n",
               "0 bad 431"),
    ParserCase("trailer line over the limit", chunkedHead + "0\r\n" + fieldLineOf(l.maxFieldLineBytes + 1) + "\r\n",
               "0 bad 431"),
]

@Test(arguments: limitCases)
func parserLimitMapsToItsStatus(_ c: ParserCase) {
    let (transcript, disagreements) = feedAllSplits(c.input, limits: c.limits)
    #expect(transcript.short == c.expect, "\(c.name): \(transcript)")
    #expect(disagreements.isEmpty, "\(c.name): whole gave \(transcript); \(disagreements.prefix(3))")
}

@Test func parserLimitStatusesAreChosenInOnePlace() {
    let expected: [(ParserLimits.Kind, Int)] = [
        (.requestLine, 414), (.fieldLine, 431), (.headBytes, 431), (.fieldCount, 431), (.body, 413),
        (.chunkExtensions, 400), (.chunkSizeDigits, 400),
    ]
    for (kind, code) in expected { #expect(kind.status.code == code, "\(kind)") }
}

@Test func parserLimitDefaultsAreDocumentedValues() {
    #expect(l.maxRequestLineBytes == 8192)
    #expect(l.maxFieldLineBytes == 8192)
    #expect(l.maxHeadBytes == 32768)
    #expect(l.maxFieldCount == 100)
    #expect(l.maxBodyBytes == 10 * 1024 * 1024)
    #expect(l.maxChunkExtensionBytes == 1024)
    #expect(l.maxChunkSizeDigits == 16)
}
