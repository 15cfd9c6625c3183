// The contract between the event server and the application: the server parses and frames, the handler answers.
// Cheap handlers run on the event loop; heavy ones (analysis, storage) run on the worker pool so they never
// stall a loop, and their responses are handed back to the loop that owns the connection.

/// Where a request's handler should run.
public enum HandlerPlacement: Sendable {
    case eventLoop
    /// CPU-bound work (analysis, queries): a pool with one thread per core, first come first served, so
    /// concurrent requests queue instead of slicing the cores between them (which only stretches every one).
    case workerPool
    /// Work that mostly waits (a write waiting for the group commit that makes it durable): a larger pool, so
    /// waiting writers neither starve CPU-bound handlers nor cap how many articles one commit can gather.
    case blockingPool
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
