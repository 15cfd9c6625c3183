// The llhttp request corpus (../shared/data/http_corpus, 162 cases from nodejs/llhttp test/request/*.md) replayed
// through RequestParser under every read split. llhttp does not require Host, which our HTTP/1.1 rule does; left
// alone, that one rule would mask every other check, so a `Host: h` field is added after the first request line
// of each case that has none (the Host rule itself is covered in RequestParserTests).
//
// The expected column is our outcome ("<complete requests> <tail>", see ParserHarness.swift), decided case by
// case; the note says why when it differs from llhttp's verdict. Two kinds of difference are by design:
// "stricter" (our profile, RELIABILITY.md §1.4, rejects what llhttp accepts, often only with a lenient flag), and
// fixtures that stop mid-request, where llhttp fails on the partial bytes but we wait for the line to end.
import Foundation
import Testing
import HTTP1
import TestSupport

struct CorpusExpectation: Sendable {
    let index: Int
    let title: String
    let expect: String
    let note: String
    init(_ index: Int, _ title: String, _ expect: String, _ note: String) {
        self.index = index
        self.title = title
        self.expect = expect
        self.note = note
    }
}

private struct CorpusCase {
    let title: String
    let llhttp: String
    let input: [UInt8]
}

private func loadCorpus() throws -> [CorpusCase]? {
    guard let url = Fixtures.sharedData("http_corpus/llhttp_requests.jsonl") else { return nil }
    return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { line in
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
        let bytes = Data(base64Encoded: object["input_b64"] as? String ?? "") ?? Data()
        return CorpusCase(title: object["title"] as? String ?? "", llhttp: object["expect"] as? String ?? "",
                          input: withHost([UInt8](bytes)))
    }
}

/// Adds `Host: h` after the first request line (past any leading empty lines) unless a Host field is present.
func withHost(_ bytes: [UInt8]) -> [UInt8] {
    if String(decoding: bytes, as: UTF8.self).lowercased().contains("\nhost:") { return bytes }
    var i = 0
    while i + 1 < bytes.count, bytes[i] == 0x0D, bytes[i + 1] == 0x0A { i += 2 }
    guard let lf = bytes[i...].firstIndex(of: 0x0A) else { return bytes }
    var out = bytes
    out.insert(contentsOf: Array("Host: h\r\n".utf8), at: lf + 1)
    return out
}

@Test func llhttpCorpusGivesTheDecidedOutcomeUnderEverySplit() throws {
    guard let corpus = try loadCorpus() else { return }
    #expect(corpus.count == corpusExpectations.count, "the corpus changed: review the table")
    for (case_, expected) in zip(corpus, corpusExpectations) {
        #expect(case_.title == expected.title, "corpus line \(expected.index) is no longer '\(expected.title)'")
        let (transcript, disagreements) = feedAllSplits(case_.input)
        #expect(transcript.short == expected.expect,
                "#\(expected.index) \(expected.title) (llhttp: \(case_.llhttp)): \(transcript)")
        #expect(disagreements.isEmpty, "#\(expected.index) \(expected.title): \(disagreements.prefix(2))")
    }
}

@Test func llhttpCorpusAsSentNeverCompletesMoreThanWithHost() throws {
    // The untouched bytes: adding Host can only help a request through, so no case may complete more requests
    // as sent than the table expects with Host added.
    guard let url = Fixtures.sharedData("http_corpus/llhttp_requests.jsonl") else { return }
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
    for (line, expected) in zip(lines, corpusExpectations) {
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
        let bytes = [UInt8](Data(base64Encoded: object["input_b64"] as? String ?? "") ?? Data())
        let asSent = feed(bytes, pieces: bytes.isEmpty ? [] : [bytes.count])
        let completedWithHost = Int(expected.expect.prefix { $0 != " " }) ?? 0
        #expect(asSent.requests.count <= completedWithHost, "#\(expected.index) \(expected.title): \(asSent)")
    }
}

let corpusExpectations: [CorpusExpectation] = [
    CorpusExpectation(0, "Setting flag", "0 more", ""),
    CorpusExpectation(1, "Restarting when keep-alive is explicitly", "1 more", ""),
    CorpusExpectation(2, "No restart when keep-alive is off (1.0)", "1 more",
                      "data after an HTTP/1.0 request without keep-alive: the server closes after answering; the " +
                          "parser just waits"),
    CorpusExpectation(3, "Resetting flags when keep-alive is off (1.0, lenient)", "1 more", ""),
    CorpusExpectation(4, "CRLF between requests, implicit `keep-alive`", "1 bad 400",
                      "the fixture carries markdown text after its requests (conversion artefact); that text is " +
                          "rejected"),
    CorpusExpectation(5, "Setting flag on `close`", "0 more", ""),
    CorpusExpectation(6, "Setting flag on `close` followed by tab", "0 more", ""),
    CorpusExpectation(7, "CRLF between requests, explicit `close`", "1 bad 400",
                      "the fixture carries markdown text after its requests (conversion artefact); that text is " +
                          "rejected"),
    CorpusExpectation(8, "Multiple tokens with folding", "0 bad 400", "stricter: obs-fold rejected (RFC 9112 §5.2)"),
    CorpusExpectation(9, "Multiple tokens with folding and LWS", "1 more", ""),
    CorpusExpectation(10, "Multiple tokens with folding, LWS, and CRLF", "0 bad 400",
                      "stricter: obs-fold rejected (RFC 9112 §5.2)"),
    CorpusExpectation(11, "Invalid whitespace token with `Connection` header field", "0 bad 400", ""),
    CorpusExpectation(12, "Invalid whitespace token with `Connection` header field (lenient)", "0 bad 400",
                      "stricter: whitespace before the colon (RFC 9112 §5.1)"),
    CorpusExpectation(13, "Setting a flag and pausing", "0 more", ""),
    CorpusExpectation(14, "Emitting part of body and pausing", "1 more", ""),
    CorpusExpectation(15, "Upgrade GET request", "1 more", ""),
    CorpusExpectation(16, "Upgrade POST request", "1 more", ""),
    CorpusExpectation(17, "`Content-Length` with zeroes", "1 done", ""),
    CorpusExpectation(18, "`Content-Length` with follow-up headers", "1 done", ""),
    CorpusExpectation(19, "Error on `Content-Length` overflow", "0 more",
                      "fixture ends mid-request; llhttp fails on the partial bytes, we wait"),
    CorpusExpectation(20, "Error on duplicate `Content-Length`", "0 more",
                      "fixture ends mid-request; llhttp fails on the partial bytes, we wait"),
    CorpusExpectation(21, "Error on simultaneous `Content-Length` and `Transfer-Encoding: identity`", "0 more",
                      "fixture ends mid-request; llhttp fails on the partial bytes, we wait"),
    CorpusExpectation(22, "Invalid whitespace token with `Content-Length` header field", "0 bad 400", ""),
    CorpusExpectation(23, "Invalid whitespace token with `Content-Length` header field (lenient)", "0 bad 400",
                      "stricter: whitespace before the colon (RFC 9112 §5.1)"),
    CorpusExpectation(24, "No error on simultaneous `Content-Length` and `Transfer-Encoding: identity` (lenient)",
                      "0 more",
                      ""),
    CorpusExpectation(25, "Funky `Content-Length` with body", "1 done", ""),
    CorpusExpectation(26, "Spaces in `Content-Length` (surrounding)", "0 more", ""),
    CorpusExpectation(27, "Tabs in `Content-Length` (surrounding)", "0 more", ""),
    CorpusExpectation(28, "Spaces in `Content-Length` #2", "0 bad 400", ""),
    CorpusExpectation(29, "Spaces in `Content-Length` #3", "0 bad 400", ""),
    CorpusExpectation(30, "Empty `Content-Length`", "0 bad 400", ""),
    CorpusExpectation(31, "`Content-Length` with CR instead of dash", "0 bad 400", ""),
    CorpusExpectation(32, "Content-Length reset when no body is received", "0 body", ""),
    CorpusExpectation(33, "Missing CRLF-CRLF before body", "0 bad 400", ""),
    CorpusExpectation(34, "Missing CRLF-CRLF before body (lenient)", "0 bad 400", "stricter: bare CR/LF rejected"),
    CorpusExpectation(35, "It should be safe to finish after GET request", "0 more", ""),
    CorpusExpectation(36, "It should be unsafe to finish after incomplete PUT request", "0 more", ""),
    CorpusExpectation(37, "It should be unsafe to finish inside of the header", "0 more", ""),
    CorpusExpectation(38, "ICE protocol and GET method", "0 bad 400", ""),
    CorpusExpectation(39, "ICE protocol, but not really", "0 bad 400", ""),
    CorpusExpectation(40, "RTSP protocol and PUT method", "0 bad 400", ""),
    CorpusExpectation(41, "HTTP protocol and ANNOUNCE method", "0 more",
                      "any token is a method to the parser (the router answers 501); the fixture also stops before " +
                          "the blank line"),
    CorpusExpectation(42, "Headers separated by CR", "0 bad 400", ""),
    CorpusExpectation(43, "Headers separated by LF", "0 bad 400", ""),
    CorpusExpectation(44, "Headers separated by dummy characters", "0 bad 400", ""),
    CorpusExpectation(45, "Headers separated by dummy characters (lenient)", "0 bad 400", ""),
    CorpusExpectation(46, "Empty headers separated by CR", "0 bad 400", ""),
    CorpusExpectation(47, "Empty headers separated by LF", "0 bad 400", ""),
    CorpusExpectation(48, "Invalid header token #1", "0 bad 400", ""),
    CorpusExpectation(49, "Invalid header token #2", "0 bad 400", ""),
    CorpusExpectation(50, "Invalid header token #3", "0 bad 400", ""),
    CorpusExpectation(51, "Invalid method", "0 more",
                      "any token is a method to the parser (the router answers 501); the fixture also stops before " +
                          "the blank line"),
    CorpusExpectation(52, "Illegal header field name line folding", "0 bad 400", ""),
    CorpusExpectation(53, "Corrupted Connection header", "0 bad 400", ""),
    CorpusExpectation(54, "Corrupted header name", "0 bad 400", ""),
    CorpusExpectation(55, "Missing CR between headers", "0 bad 400", ""),
    CorpusExpectation(56, "Invalid HTTP version", "0 more",
                      "fixture ends mid-request; llhttp fails on the partial bytes, we wait"),
    CorpusExpectation(57, "Invalid space after start line", "0 more",
                      "fixture ends mid-request; llhttp fails on the partial bytes, we wait"),
    CorpusExpectation(58, "Only LFs present", "0 bad 400", ""),
    CorpusExpectation(59, "Only LFs present (lenient)", "0 bad 400", "stricter: bare CR/LF rejected"),
    CorpusExpectation(60, "Spaces before headers", "0 bad 400", ""),
    CorpusExpectation(61, "Spaces before headers (lenient)", "0 bad 400",
                      "stricter: obs-fold rejected (RFC 9112 §5.2)"),
    CorpusExpectation(62, "Control char in header value (relaxed)", "0 bad 400", "stricter: CTL in a field value"),
    CorpusExpectation(63, "Control char in header value (strict)", "0 bad 400", ""),
    CorpusExpectation(64, "LF in header value should be rejected even with relaxed flag", "0 bad 400", ""),
    CorpusExpectation(65, "CR without LF in header value should be rejected even with relaxed flag", "0 bad 400", ""),
    CorpusExpectation(66, "Space after start line must still fail", "0 more",
                      "fixture ends mid-request; llhttp fails on the partial bytes, we wait"),
    CorpusExpectation(67, "Header value (lenient)", "0 bad 400", "stricter: CTL in a field value"),
    CorpusExpectation(68, "Second request header value (lenient)", "1 bad 400", "stricter: CTL in a field value"),
    CorpusExpectation(69, "Header value", "0 bad 400", ""),
    CorpusExpectation(70, "Empty headers separated by CR (lenient)", "0 bad 400", "stricter: bare CR/LF rejected"),
    CorpusExpectation(71, "Invalid HTTP version (lenient)", "0 bad 505", "stricter: HTTP/1.0 and HTTP/1.1 only"),
    CorpusExpectation(72, "REPORT request", "0 more", ""),
    CorpusExpectation(73, "CONNECT request", "0 bad 400",
                      "stricter: only origin-form, absolute-form or OPTIONS *; no CONNECT/PRI"),
    CorpusExpectation(74, "CONNECT request with CAPS", "0 bad 400",
                      "stricter: only origin-form, absolute-form or OPTIONS *; no CONNECT/PRI"),
    CorpusExpectation(75, "CONNECT with body", "0 bad 400",
                      "stricter: only origin-form, absolute-form or OPTIONS *; no CONNECT/PRI"),
    CorpusExpectation(76, "M-SEARCH request", "0 bad 400", "stricter: * is only for OPTIONS"),
    CorpusExpectation(77, "PATCH request", "1 done", ""),
    CorpusExpectation(78, "PURGE request", "0 more", ""),
    CorpusExpectation(79, "SEARCH request", "0 more", ""),
    CorpusExpectation(80, "LINK request", "0 more", ""),
    CorpusExpectation(81, "LINK request", "0 more", ""),
    CorpusExpectation(82, "SOURCE request", "0 more", ""),
    CorpusExpectation(83, "SOURCE request with ICE", "0 bad 400", "stricter: HTTP/1.0 and HTTP/1.1 only"),
    CorpusExpectation(84, "OPTIONS request with RTSP", "0 bad 400", "stricter: HTTP/1.0 and HTTP/1.1 only"),
    CorpusExpectation(85, "ANNOUNCE request with RTSP", "0 bad 400", "stricter: HTTP/1.0 and HTTP/1.1 only"),
    CorpusExpectation(86, "PRI request HTTP2", "0 bad 400",
                      "stricter: * is only for OPTIONS (no HTTP/2 preface over HTTP/1)"),
    CorpusExpectation(87, "QUERY request", "1 done", ""),
    CorpusExpectation(88, "on_message_begin", "1 done", ""),
    CorpusExpectation(89, "on_message_complete", "1 done", ""),
    CorpusExpectation(90, "on_protocol_complete", "1 done", ""),
    CorpusExpectation(91, "on_method_complete", "1 done", ""),
    CorpusExpectation(92, "on_url_complete", "1 done", ""),
    CorpusExpectation(93, "on_version_complete", "1 done", ""),
    CorpusExpectation(94, "on_header_field_complete", "1 done", ""),
    CorpusExpectation(95, "on_header_value_complete", "1 done", ""),
    CorpusExpectation(96, "on_headers_complete", "1 done", ""),
    CorpusExpectation(97, "on_chunk_header", "0 body", ""),
    CorpusExpectation(98, "on_chunk_extension_name", "0 body", ""),
    CorpusExpectation(99, "on_chunk_extension_value", "0 body", ""),
    CorpusExpectation(100, "on_chunk_complete", "0 body", ""),
    CorpusExpectation(101, "Should parse multiple events", "1 bad 400",
                      "Host was added to the first request only; the second lacks it"),
    CorpusExpectation(102, "Simple request", "0 more", ""),
    CorpusExpectation(103, "Request with method starting with `H`", "0 more", ""),
    CorpusExpectation(104, "curl GET", "0 more", ""),
    CorpusExpectation(105, "Firefox GET", "0 more", ""),
    CorpusExpectation(106, "DUMBPACK", "0 more", ""),
    CorpusExpectation(107, "No headers and no body", "0 more", ""),
    CorpusExpectation(108, "One header and no body", "0 more", ""),
    CorpusExpectation(109, "Apache bench GET", "0 more", ""),
    CorpusExpectation(110, "Prefix newline", "0 more", ""),
    CorpusExpectation(111, "No HTTP version", "0 bad 400", "stricter: HTTP/1.0 and HTTP/1.1 only"),
    CorpusExpectation(112, "Line folding in header value with CRLF", "0 bad 400",
                      "stricter: obs-fold rejected (RFC 9112 §5.2)"),
    CorpusExpectation(113, "Line folding in header value with LF", "0 bad 400", ""),
    CorpusExpectation(114, "No LF after CR", "0 bad 400", ""),
    CorpusExpectation(115, "No LF after CR (lenient)", "0 bad 400", "stricter: bare CR/LF rejected"),
    CorpusExpectation(116, "Request starting with CRLF", "0 more", ""),
    CorpusExpectation(117, "Extended Characters", "0 more", ""),
    CorpusExpectation(118, "255 ASCII in header value", "0 more", ""),
    CorpusExpectation(119, "X-SSL-Nonsense", "0 bad 400", "stricter: obs-fold rejected (RFC 9112 §5.2)"),
    CorpusExpectation(120, "Parsing and setting flag", "0 more", ""),
    CorpusExpectation(121, "Parse chunks with lowercase size", "0 body", ""),
    CorpusExpectation(122, "Parse chunks with uppercase size", "0 body", ""),
    CorpusExpectation(123, "POST with `Transfer-Encoding: chunked`", "0 body", ""),
    CorpusExpectation(124, "Two chunks and triple zero prefixed end chunk", "0 body", ""),
    CorpusExpectation(125, "Trailing headers", "0 body", ""),
    CorpusExpectation(126, "Chunk extensions", "0 body", ""),
    CorpusExpectation(127, "No semicolon before chunk extensions", "0 bad 400", ""),
    CorpusExpectation(128, "No extension after semicolon", "0 bad 400", ""),
    CorpusExpectation(129, "Chunk extensions quoting", "0 body", ""),
    CorpusExpectation(130, "Unbalanced chunk extensions quoting", "0 bad 400", ""),
    CorpusExpectation(131, "Ignoring `pigeons`", "0 more",
                      "fixture ends mid-request; llhttp fails on the partial bytes, we wait"),
    CorpusExpectation(132, "POST with `Transfer-Encoding` and `Content-Length`", "0 bad 400", ""),
    CorpusExpectation(133, "POST with `Transfer-Encoding` and `Content-Length` (lenient)", "0 bad 400",
                      "stricter: a fragment is not part of a request-target (RFC 9112 §3.2)"),
    CorpusExpectation(134, "POST with empty `Transfer-Encoding` and `Content-Length` (lenient)", "0 bad 400", ""),
    CorpusExpectation(135, "POST with `chunked` before other transfer coding names", "0 bad 400", ""),
    CorpusExpectation(136, "POST with `chunked` and duplicate transfer-encoding", "0 bad 400", ""),
    CorpusExpectation(137, "POST with `chunked` before other transfer-coding (lenient)", "0 bad 400",
                      "stricter: a fragment is not part of a request-target (RFC 9112 §3.2)"),
    CorpusExpectation(138, "POST with `chunked` and duplicate transfer-encoding (lenient)", "0 bad 400",
                      "stricter: a fragment is not part of a request-target (RFC 9112 §3.2)"),
    CorpusExpectation(139, "POST with `chunked` as last transfer-encoding", "0 bad 400",
                      "stricter: a fragment is not part of a request-target (RFC 9112 §3.2)"),
    CorpusExpectation(140, "POST with `chunked` as last transfer-encoding (multiple headers)", "0 bad 400",
                      "stricter: a fragment is not part of a request-target (RFC 9112 §3.2)"),
    CorpusExpectation(141, "POST with `chunkedchunked` as transfer-encoding", "0 bad 400", ""),
    CorpusExpectation(142, "Missing last-chunk", "0 body",
                      "fixture ends mid-request; llhttp fails on the partial bytes, we wait"),
    CorpusExpectation(143, "Validate chunk parameters", "0 bad 400", ""),
    CorpusExpectation(144, "Invalid OBS fold after chunked value", "0 bad 400", ""),
    CorpusExpectation(145, "Chunk header not terminated by CRLF", "0 bad 400", ""),
    CorpusExpectation(146, "Chunk header not terminated by CRLF (lenient)", "0 bad 400",
                      "stricter: CR without LF in chunked framing"),
    CorpusExpectation(147, "Chunk data not terminated by CRLF", "0 bad 400", ""),
    CorpusExpectation(148, "Chunk data not terminated by CRLF (lenient)", "0 bad 400",
                      "stricter: chunk data must end with CRLF"),
    CorpusExpectation(149, "Space after chunk header", "0 bad 400", ""),
    CorpusExpectation(150, "Space after chunk header (lenient)", "0 bad 400",
                      "stricter: no whitespace after a chunk size"),
    CorpusExpectation(151, "Quotes in URI", "0 more", ""),
    CorpusExpectation(152, "Query URL with question mark", "0 more", ""),
    CorpusExpectation(153, "Host terminated by a query string", "1 done", ""),
    CorpusExpectation(154, "`host:port` terminated by a query string", "0 more", ""),
    CorpusExpectation(155, "Query URL with vertical bar character", "0 more", ""),
    CorpusExpectation(156, "`host:port` terminated by a space", "0 more", ""),
    CorpusExpectation(157, "Disallow UTF-8 in URI path in strict mode", "0 bad 400", ""),
    CorpusExpectation(158, "Fragment in URI", "0 bad 400",
                      "stricter: a fragment is not part of a request-target (RFC 9112 §3.2)"),
    CorpusExpectation(159, "Underscore in hostname", "0 bad 400",
                      "stricter: only origin-form, absolute-form or OPTIONS *; no CONNECT/PRI"),
    CorpusExpectation(160, "`host:port` and basic auth", "0 bad 400",
                      "stricter: userinfo in an absolute-form target (RFC 9110 §4.2.4)"),
    CorpusExpectation(161, "Space in URI", "0 bad 400", ""),
]
