// The byte transport under a connection: plain TCP or TLS. The connection state machine only sees these
// results and picks what to wait for in epoll from them (a TLS read can want a write and a write a read).
import HTTP1

/// The outcome of one transport step on a non-blocking socket.
enum TransportResult: Equatable {
    /// The step moved this many bytes (for handshake/shutdown: 0 and complete).
    case done(Int)
    /// Nothing more until the socket is readable.
    case wantRead
    /// Nothing more until the socket is writable.
    case wantWrite
    /// The peer closed cleanly (EOF, TLS close_notify).
    case closed
    /// A fatal error; the connection must be dropped. The text is for the log.
    case failed(String)
}

/// One connection's transport. Owned by exactly one event loop; never shared across threads.
protocol ConnectionTransport: AnyObject {
    /// Advances the handshake; plain TCP is complete at once.
    func handshake() -> TransportResult
    /// Reads decrypted bytes into `buffer`.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> TransportResult
    /// Writes bytes from `bytes` (possibly fewer than all).
    func write(_ bytes: UnsafeRawBufferPointer) -> TransportResult
    /// Bytes already decrypted inside the transport that epoll cannot see (SSL_pending > 0).
    var hasBufferedInput: Bool { get }
    /// Starts a clean close (TLS close_notify); best effort, never blocks.
    func shutdown()
    /// Whether this is TLS (for the access log and ClientInfo).
    var isTLS: Bool { get }
    /// After `handshake()` returned .failed or .closed: why, for metrics (nil for plain TCP).
    var handshakeFailure: TLSHandshakeFailure? { get }
}
