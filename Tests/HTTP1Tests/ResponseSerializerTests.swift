// ResponseSerializer and HTTPDate: exact bytes for the framing rules (Date and Content-Length always, no body for
// HEAD, 1xx, 204 and 304), Connection: close, and no way for header text to split a response.
import Foundation
import Testing
import HTTP1

private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
private let date = "Sun, 06 Nov 1994 08:49:37 GMT"
private let hello = HTTPResponse(status: .ok, contentType: "text/plain", body: Array("hello".utf8))

@Test func serializerWritesDateLengthAndBody() {
    let out = ResponseSerializer.serialize(hello, headOnly: false, keepAlive: true, date: date)
    #expect(text(out) ==
        "HTTP/1.1 200 OK\r\nDate: \(date)\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello")
}

@Test func serializerSendsFullLengthButNoBodyForHead() {
    let out = ResponseSerializer.serialize(hello, headOnly: true, keepAlive: true, date: date)
    #expect(text(out) == "HTTP/1.1 200 OK\r\nDate: \(date)\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\n")
}

@Test func serializerAddsConnectionCloseWhenNotKeepingAlive() {
    var response = hello
    response.headers.add("Connection", "keep-alive")
    let closing = text(ResponseSerializer.serialize(response, headOnly: false, keepAlive: false, date: date))
    #expect(closing.contains("\r\nConnection: close\r\n"))
    #expect(!closing.contains("keep-alive"))
    let open = text(ResponseSerializer.serialize(response, headOnly: false, keepAlive: true, date: date))
    #expect(!open.contains("close"))
    #expect(open.contains("\r\nConnection: keep-alive\r\n"))
}

@Test(arguments: [(204, false), (304, false), (100, false), (200, true), (404, true)])
func serializerOmitsBodyAndLengthWhereTheStatusForbidsThem(code: Int, hasBody: Bool) {
    let response = HTTPResponse(status: HTTPStatus(code), headers: [:], body: code == 304 ? [] : Array("xyz".utf8))
    let out = text(ResponseSerializer.serialize(response, headOnly: false, keepAlive: true, date: date))
    #expect(out.hasSuffix("xyz") == hasBody, "\(out)")
    #expect(out.contains("Content-Length") == hasBody, "\(out)")
    #expect(out.contains("\r\nDate: \(date)\r\n"))
}

@Test func serializerOwnsTheFramingFields() {
    let response = HTTPResponse(status: .ok, headers: [
        "Content-Length": "999", "Transfer-Encoding": "chunked", "Date": "yesterday", "X-Ok": "1",
    ], body: Array("ab".utf8))
    let out = text(ResponseSerializer.serialize(response, headOnly: false, keepAlive: true, date: date))
    #expect(out == "HTTP/1.1 200 OK\r\nDate: \(date)\r\nContent-Length: 2\r\nX-Ok: 1\r\n\r\nab")
}

@Test func serializerCannotBeSplitByHeaderText() {
    let response = HTTPResponse(status: HTTPStatus(200, "OK\r\nX-Evil: 1"), headers: [
        "X-Value": "a\r\nSet-Cookie: evil=1\u{0}", "Bad\r\nName": "v", "": "empty", "X Space": "v",
    ], body: [])
    let out = text(ResponseSerializer.serialize(response, headOnly: false, keepAlive: true, date: "d\r\ne"))
    let lines = out.components(separatedBy: "\r\n")
    #expect(lines == ["HTTP/1.1 200 OK  X-Evil: 1", "Date: d  e", "Content-Length: 0",
                      "X-Value: a  Set-Cookie: evil=1 ", "", ""])
    #expect(!out.utf8.contains(0), "no NUL")
}

@Test func serializerReplacesAnImpossibleStatusWith500() {
    let out = text(ResponseSerializer.serialize(HTTPResponse(status: HTTPStatus(42)), headOnly: false,
                                                keepAlive: true, date: date))
    #expect(out.hasPrefix("HTTP/1.1 500 Internal Server Error\r\n"))
}

@Test func serializerInterim100Continue() {
    #expect(text(ResponseSerializer.interim100Continue()) == "HTTP/1.1 100 Continue\r\n\r\n")
}

@Test(arguments: [
    (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
    (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"),
    (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
    (4_133_980_799, "Fri, 31 Dec 2100 23:59:59 GMT"),
    (-1, "Wed, 31 Dec 1969 23:59:59 GMT"),
])
func httpDateFormatsIMFFixdate(seconds: Int, expected: String) {
    #expect(HTTPDate.format(epochSeconds: seconds) == expected)
}

@Test func httpDateAgreesWithFoundationAcrossCenturies() {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
    var generator = SystemRandomNumberGenerator()
    for _ in 0 ..< 2000 {
        let seconds = Int.random(in: 0 ... 7_258_118_400, using: &generator)   // 1970 ... 2200
        let expected = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        #expect(HTTPDate.format(epochSeconds: seconds) == expected, "\(seconds)")
    }
}

@Test func httpDateCacheReformatsOnlyWhenTheSecondChanges() {
    var cache = HTTPDateCache()
    #expect(cache.string(epochSeconds: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
    #expect(cache.string(epochSeconds: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
    #expect(cache.string(epochSeconds: 784_111_778) == "Sun, 06 Nov 1994 08:49:38 GMT")
}

/// Serializing into a buffer appends exactly the bytes of the one-shot form (the event loop reuses one buffer),
/// lengths of any size included.
@Test(arguments: [0, 7, 10, 999, 100_000])
func serializerIntoAppendsTheOneShotBytes(bodyLength: Int) {
    let response = HTTPResponse(status: HTTPStatus(201), contentType: "application/json",
                                body: [UInt8](repeating: 0x61, count: bodyLength))
    var out = Array("earlier".utf8)
    ResponseSerializer.serialize(response, headOnly: false, keepAlive: false, date: date, into: &out)
    let alone = ResponseSerializer.serialize(response, headOnly: false, keepAlive: false, date: date)
    #expect(out == Array("earlier".utf8) + alone)
    #expect(text(alone).hasPrefix("HTTP/1.1 201 Created\r\nDate: \(date)\r\nContent-Length: \(bodyLength)\r\n"))
}
