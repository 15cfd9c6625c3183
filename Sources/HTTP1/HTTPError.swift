// The one error shape of the service: application/problem+json (RFC 9457). Errors that know their status conform
// to HTTPResponseError; the router turns anything else into a 500 without its text, so internals never leak.

/// An error that knows the response it should become.
public protocol HTTPResponseError: Error {
    var status: HTTPStatus { get }
    /// One human sentence, safe to show to the client.
    var detail: String { get }
    /// A URI naming the problem type; "about:blank" (the default) means the status says it all.
    var type: String { get }
    /// Extra problem members, e.g. ["field": "text"]; they cannot replace type, title, status or detail.
    var extra: [String: String] { get }
    /// Extra response fields, e.g. Allow on a 405 or Retry-After on a 503.
    var headers: HTTPHeaders { get }
}

extension HTTPResponseError {
    public var type: String { "about:blank" }
    public var extra: [String: String] { [:] }
    public var headers: HTTPHeaders { HTTPHeaders() }

    /// This error as a problem+json response.
    public var response: HTTPResponse {
        var response = HTTPError.problem(status, type: type, detail: detail, extra: extra)
        for field in headers { response.headers.add(field.name, field.value) }
        return response
    }
}

/// A ready-made HTTPResponseError for handlers: `throw HTTPError(.notFound, detail: "No article 42.")`.
public struct HTTPError: HTTPResponseError, Sendable, Equatable {
    public var status: HTTPStatus
    public var detail: String
    public var type: String
    public var extra: [String: String]
    public var headers: HTTPHeaders

    public init(_ status: HTTPStatus, detail: String, type: String = "about:blank", extra: [String: String] = [:],
                headers: HTTPHeaders = HTTPHeaders()) {
        self.status = status
        self.detail = detail
        self.type = type
        self.extra = extra
        self.headers = headers
    }

    /// A problem+json response: {"type","title","status","detail", extra members sorted by name}.
    public static func problem(_ status: HTTPStatus, detail: String, extra: [String: String] = [:]) -> HTTPResponse {
        problem(status, type: "about:blank", detail: detail, extra: extra)
    }

    /// As `problem(_:detail:extra:)` with a problem type URI. The title is the status reason phrase, which RFC 9457
    /// §4.2.1 asks for with "about:blank" and which stays a fair summary for our own types.
    public static func problem(_ status: HTTPStatus, type: String, detail: String,
                               extra: [String: String] = [:]) -> HTTPResponse {
        var json = "{\"type\":" + JSONText.quoted(type) + ",\"title\":" + JSONText.quoted(status.reason)
        json += ",\"status\":\(status.code),\"detail\":" + JSONText.quoted(detail)
        for key in extra.keys.sorted() where !reservedMembers.contains(key) {
            json += "," + JSONText.quoted(key) + ":" + JSONText.quoted(extra[key] ?? "")
        }
        json += "}"
        return HTTPResponse(status: status, contentType: "application/problem+json", body: Array(json.utf8))
    }

    private static let reservedMembers: Set<String> = ["type", "title", "status", "detail", "instance"]
}

extension HTTPParseError {
    /// The problem+json answer to a rejected request (the server then closes the connection).
    public var response: HTTPResponse { HTTPError.problem(status, detail: detail) }
}

/// Minimal JSON string writing for the problem documents (RFC 8259 §7).
enum JSONText {
    static func quoted(_ s: String) -> String {
        var out = "\""
        out.unicodeScalars.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x2028 ... 0x2029).contains(scalar.value):
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
