// The contract between the event server and the application: the server parses and frames, the handler answers.
// Cheap handlers run on the event loop; heavy ones (analysis, storage) run on the worker pool so they never
// stall a loop, and their responses are handed back to the loop that owns the connection.

/// Where a request's handler should run.
public enum HandlerPlacement: Sendable {
    case eventLoop
    case workerPool
}

/// What the server knows about the peer of a connection.
public struct ClientInfo: Sendable {
    /// The socket peer address ("127.0.0.1" or "::1"), without port.
    public var address: String
    public var port: Int
    public var isTLS: Bool
    public init(address: String, port: Int, isTLS: Bool) {
        self.address = address
        self.port = port
        self.isTLS = isTLS
    }
}

public protocol RequestHandler: Sendable {
    /// Decides, on the event loop and cheaply, where `handle` runs for this request.
    func placement(for request: HTTPRequest) -> HandlerPlacement
    /// Answers one request. Must not throw: errors become problem+json responses.
    func handle(_ request: HTTPRequest, client: ClientInfo) -> HTTPResponse
}
