// What the server knows about each answered request, handed to App's access-log callback (App formats the line).
import HTTP1

public struct AccessLogEntry: Sendable {
    /// The request method, or "-" when the request was rejected before its head was parsed.
    public var method: String
    /// The request target as sent, or "-".
    public var target: String
    public var status: Int
    /// Response body bytes (0 for HEAD is still the would-be length: the handler's body size).
    public var bytes: Int
    /// From the complete request (or the rejection) to the serialized response.
    public var duration: Duration
    /// The socket peer (App decides whether to trust X-Forwarded-For).
    public var client: ClientInfo
    /// The response's X-Request-Id header, when the handler set one.
    public var requestID: String?
}
