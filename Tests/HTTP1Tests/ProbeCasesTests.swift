// The 52 hostile requests of ../shared/tools/probe.py (RELIABILITY.md §1.3, where seven reference servers answer
// them) fed to RequestParser under every read split. The expected column is our strict profile (§1.4); notes mark
// rows where the parser accepts and a later layer decides.
import Testing
import HTTP1

private let h = "Host: a\r\n"
private let p = "POST / HTTP/1.1\r\n" + h
private let g = "GET / HTTP/1.1\r\n" + h
private let c = p + "Transfer-Encoding: chunked\r\n\r\n"

let probeCases: [ParserCase] = [
    ParserCase("baseline GET", g + "\r\n", "1 done"),
    ParserCase("POST CL=5", p + "Content-Length: 5\r\n\r\nhello", "1 done"),
    ParserCase("POST chunked ok", c + "5\r\nhello\r\n0\r\n\r\n", "1 done"),
    ParserCase("CL+TE (CL.TE smuggle)", p + "Content-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG",
               "0 bad 400"),
    ParserCase("TE+CL (TE first)",
               p + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n5\r\nhello\r\n0\r\n\r\n", "0 bad 400"),
    ParserCase("dup CL equal 5,5", p + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello", "0 bad 400"),
    ParserCase("dup CL differ 5,6", p + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", "0 bad 400"),
    ParserCase("CL list '5, 5'", p + "Content-Length: 5, 5\r\n\r\nhello", "0 bad 400"),
    ParserCase("CL '+5'", p + "Content-Length: +5\r\n\r\nhello", "0 bad 400"),
    ParserCase("CL '-1'", p + "Content-Length: -1\r\n\r\n", "0 bad 400"),
    ParserCase("CL 20 digits overflow", p + "Content-Length: 99999999999999999999\r\n\r\nhello", "0 bad 400"),
    ParserCase("CL '0x5'", p + "Content-Length: 0x5\r\n\r\nhello", "0 bad 400"),
    ParserCase("TE 'identity'", p + "Transfer-Encoding: identity\r\nContent-Length: 5\r\n\r\nhello", "0 bad 400"),
    ParserCase("TE 'gzip, chunked'", p + "Transfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
               "0 bad 501"),
    ParserCase("TE 'chunked, gzip'", p + "Transfer-Encoding: chunked, gzip\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
               "0 bad 501"),
    ParserCase("TE 'xchunked'", p + "Transfer-Encoding: xchunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", "0 bad 501"),
    ParserCase("TE twice chunked",
               p + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
               "0 bad 400"),
    ParserCase("'Transfer-Encoding :' space", p + "Transfer-Encoding : chunked\r\nContent-Length: 5\r\n\r\nhello",
               "0 bad 400"),
    ParserCase("TE via obs-fold", p + "Transfer-Encoding:\r\n chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", "0 bad 400"),
    ParserCase("TE on HTTP/1.0",
               "POST / HTTP/1.0\r\n" + h + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", "0 bad 400"),
    ParserCase("obs-fold X-Foo", g + "X-Foo: a\r\n b\r\n\r\n", "0 bad 400"),
    ParserCase("bare LF head", "GET / HTTP/1.1\nHost: a\n\n", "0 bad 400"),
    ParserCase("bare CR in value", g + "X-Foo: a\rb\r\n\r\n", "0 bad 400"),
    ParserCase("NUL in value", g + "X-Foo: a\u{0}b\r\n\r\n", "0 bad 400"),
    ParserCase("space in header name", g + "X Foo: a\r\n\r\n", "0 bad 400"),
    ParserCase("no Host (1.1)", "GET / HTTP/1.1\r\n\r\n", "0 bad 400"),
    ParserCase("two Host", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "0 bad 400"),
    ParserCase("chunk size 2^64+ overflow", c + "10000000000000005\r\nhello\r\n0\r\n\r\n", "0 bad 400"),
    ParserCase("chunk size '0x5'", c + "0x5\r\nhello\r\n0\r\n\r\n", "0 bad 400"),
    ParserCase("chunk size ' 5' lead SP", c + " 5\r\nhello\r\n0\r\n\r\n", "0 bad 400"),
    ParserCase("chunk size '-5'", c + "-5\r\nhello\r\n0\r\n\r\n", "0 bad 400"),
    ParserCase("chunk ext ok ';a=b'", c + "5;a=b\r\nhello\r\n0\r\n\r\n", "1 done"),
    ParserCase("chunk ext w/ bare LF", c + "5;a\nb\r\nhello\r\n0\r\n\r\n", "0 bad 400"),
    ParserCase("chunk-size line bare LF", c + "5\nhello\r\n0\r\n\r\n", "0 bad 400"),
    ParserCase("last-chunk bare LF '0\\n\\r\\n'", c + "0\n\r\n", "0 bad 400"),
    ParserCase("chunk data w/o CRLF", c + "5\r\nhelloXX0\r\n\r\n", "0 bad 400"),
    ParserCase("chunked trailer field", c + "5\r\nhello\r\n0\r\nX-T: 1\r\n\r\n", "1 done"),
    ParserCase("double space req line", "GET  / HTTP/1.1\r\n" + h + "\r\n", "0 bad 400"),
    ParserCase("HTTP/1.2", "GET / HTTP/1.2\r\n" + h + "\r\n", "0 bad 505"),
    ParserCase("HTTP/2.0 text", "GET / HTTP/2.0\r\n" + h + "\r\n", "0 bad 505"),
    // Methods are case-sensitive tokens: the parser carries "get" and the router answers 501.
    ParserCase("lowercase method 'get'", "get / HTTP/1.1\r\n" + h + "\r\n", "1 done"),
    ParserCase("raw UTF-8 in URI", "GET /\u{e9} HTTP/1.1\r\n" + h + "\r\n", "0 bad 400"),
    ParserCase("absolute-form URI", "GET http://a/ HTTP/1.1\r\n" + h + "\r\n", "1 done"),
    ParserCase("URI 70 KB", "GET /" + String(repeating: "a", count: 70000) + " HTTP/1.1\r\n" + h + "\r\n",
               "0 bad 414"),
    ParserCase("one header 20 KB", g + "X-Big: " + String(repeating: "a", count: 20000) + "\r\n\r\n", "0 bad 431"),
    ParserCase("head 70 KB in 10x7KB",
               g + (0 ..< 10).map { "X-\($0): " + String(repeating: "a", count: 7000) + "\r\n" }.joined() + "\r\n",
               "0 bad 431"),
    ParserCase("200 headers", g + (0 ..< 200).map { "X-\($0): v\r\n" }.joined() + "\r\n", "0 bad 431"),
    ParserCase("3000 headers", g + (0 ..< 3000).map { "X-\($0): v\r\n" }.joined() + "\r\n", "0 bad 431"),
    ParserCase("GET with CL body", g + "Content-Length: 5\r\n\r\nhello", "1 done"),
    ParserCase("pipelined 3 GETs", String(repeating: g + "\r\n", count: 3), "3 done"),
    // The head is complete and the body pending: the server sends 100 Continue (CL is within the limit).
    ParserCase("Expect 100-continue", p + "Expect: 100-continue\r\nContent-Length: 5\r\n\r\n", "0 body"),
    ParserCase("HEAD", "HEAD / HTTP/1.1\r\n" + h + "\r\n", "1 done"),
]

@Test(arguments: probeCases)
func parserAnswersProbeCase(_ c: ParserCase) {
    let (transcript, disagreements) = feedAllSplits(c.input, limits: c.limits)
    #expect(transcript.short == c.expect, "\(c.name): \(transcript)")
    #expect(disagreements.isEmpty, "\(c.name): whole gave \(transcript); \(disagreements.prefix(3))")
}
