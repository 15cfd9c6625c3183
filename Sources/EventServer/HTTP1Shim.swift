// TEMPORARY: a minimal stand-in for the http1 branch's parser and serializer (same API), so the server can be
// built and tested before that branch lands. Deleted when `http1` is merged. Not strict; not for production.
import HTTP1

public struct ParserLimits: Sendable, Equatable {
    public var maxRequestLineBytes = 8 * 1024
    public var maxHeadBytes = 32 * 1024
    public var maxBodyBytes = 10 * 1024 * 1024
    public init(maxHeadBytes: Int = 32 * 1024, maxBodyBytes: Int = 10 * 1024 * 1024) {
        self.maxHeadBytes = maxHeadBytes
        self.maxBodyBytes = maxBodyBytes
    }
}

struct HTTPParseError: Error {
    let status: HTTPStatus
    let detail: String
    init(_ status: HTTPStatus, _ detail: String) { self.status = status; self.detail = detail }
}

struct RequestHeadInfo {
    var method: HTTPMethod
    var target: String
    var version: HTTPVersion
    var headers: HTTPHeaders
    var expectsContinue: Bool
    var contentLength: Int?
    var isChunked: Bool
}

enum ParseOutcome {
    case complete(HTTPRequest, consumed: Int)
    case needMore(head: RequestHeadInfo?)
    case bad(HTTPParseError)
}

struct RequestParser {
    let limits: ParserLimits
    init(limits: ParserLimits = ParserLimits()) { self.limits = limits }
    mutating func reset() {}

    mutating func parse(_ bytes: UnsafeRawBufferPointer) -> ParseOutcome {
        let b = bytes.bindMemory(to: UInt8.self)
        var end = -1
        if b.count >= 4 {
            for i in 0...(b.count - 4) where b[i] == 13 && b[i + 1] == 10 && b[i + 2] == 13 && b[i + 3] == 10 {
                end = i
                break
            }
        }
        if end < 0 {
            return b.count > limits.maxHeadBytes ? .bad(HTTPParseError(.headersTooLarge, "head too large")) : .needMore(head: nil)
        }
        if end + 4 > limits.maxHeadBytes { return .bad(HTTPParseError(.headersTooLarge, "head too large")) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[0..<end]), as: UTF8.self)
        let lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
        let parts = lines[0].split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[1].first == "/",
              parts[2] == "HTTP/1.1" || parts[2] == "HTTP/1.0" else {
            return .bad(HTTPParseError(.badRequest, "bad request line"))
        }
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex,
                  !line[..<colon].contains(" ") else { return .bad(HTTPParseError(.badRequest, "bad field")) }
            headers.add(String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters())
        }
        let version: HTTPVersion = parts[2] == "HTTP/1.1" ? .http1_1 : .http1_0
        let chunked = headers["Transfer-Encoding"]?.lowercased() == "chunked"
        var length: Int?
        if let cl = headers["Content-Length"] {
            guard let n = Int(cl), n >= 0 else { return .bad(HTTPParseError(.badRequest, "bad content-length")) }
            length = n
        }
        if let n = length, n > limits.maxBodyBytes { return .bad(HTTPParseError(.payloadTooLarge, "body too large")) }
        let head = RequestHeadInfo(method: HTTPMethod(String(parts[0])), target: String(parts[1]), version: version,
                                   headers: headers,
                                   expectsContinue: headers["Expect"]?.lowercased() == "100-continue",
                                   contentLength: length, isChunked: chunked)
        var body: [UInt8] = []
        var at = end + 4
        if chunked {
            while true {
                var lineEnd = at
                while lineEnd + 1 < b.count, !(b[lineEnd] == 13 && b[lineEnd + 1] == 10) { lineEnd += 1 }
                guard lineEnd + 1 < b.count else { return .needMore(head: head) }
                let sizeText = String(decoding: UnsafeBufferPointer(rebasing: b[at..<lineEnd]), as: UTF8.self)
                guard let size = Int(sizeText.split(separator: ";").first.map(String.init) ?? "", radix: 16) else {
                    return .bad(HTTPParseError(.badRequest, "bad chunk size"))
                }
                if body.count + size > limits.maxBodyBytes { return .bad(HTTPParseError(.payloadTooLarge, "body")) }
                at = lineEnd + 2
                if size == 0 {
                    guard at + 1 < b.count else { return .needMore(head: head) }
                    guard b[at] == 13, b[at + 1] == 10 else { return .bad(HTTPParseError(.badRequest, "trailers")) }
                    at += 2
                    break
                }
                guard at + size + 2 <= b.count else { return .needMore(head: head) }
                body.append(contentsOf: UnsafeBufferPointer(rebasing: b[at..<(at + size)]))
                at += size + 2
            }
        } else if let n = length {
            guard b.count - at >= n else { return .needMore(head: head) }
            body = Array(UnsafeBufferPointer(rebasing: b[at..<(at + n)]))
            at += n
        }
        let request = HTTPRequest(method: head.method, target: head.target, version: version, headers: headers,
                                  body: body)
        return .complete(request, consumed: at)
    }
}

private extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

enum ResponseSerializer {
    static func serialize(_ r: HTTPResponse, headOnly: Bool, keepAlive: Bool, date: String) -> [UInt8] {
        var head = "HTTP/1.1 \(r.status.code) \(r.status.reason)\r\n"
        for (name, value) in r.headers { head += "\(name): \(value)\r\n" }
        head += "Date: \(date)\r\nContent-Length: \(r.body.count)\r\n"
        if !keepAlive { head += "Connection: close\r\n" }
        head += "\r\n"
        var out = Array(head.utf8)
        if !headOnly { out += r.body }
        return out
    }
    static func interim100Continue() -> [UInt8] { Array("HTTP/1.1 100 Continue\r\n\r\n".utf8) }
}

enum HTTPDate {
    static func format(epochSeconds: Int) -> String {
        let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        var z = epochSeconds / 86400
        let secs = epochSeconds % 86400
        let wd = days[z % 7]
        z += 719468
        let era = z / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(wd), \(two(d)) \(months[m - 1]) \(y) \(two(secs / 3600)):\(two(secs / 60 % 60)):\(two(secs % 60)) GMT"
    }
}

extension HTTPResponse {
    static func problem(_ status: HTTPStatus, detail: String) -> HTTPResponse {
        let body = "{\"type\":\"about:blank\",\"title\":\"\(status.reason)\",\"status\":\(status.code),\"detail\":\"\(detail)\"}"
        return HTTPResponse(status: status, contentType: "application/problem+json", body: Array(body.utf8))
    }
}
