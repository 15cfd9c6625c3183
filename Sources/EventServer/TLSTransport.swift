// ConnectionTransport over TLS: the event loop's view of one TLSSession. A read may answer .wantWrite and a write
// .wantRead; Connection keeps Redis's READ_WANT_WRITE / WRITE_WANT_READ flags from those answers and polls
// accordingly. Decrypted bytes left inside OpenSSL show up as `hasBufferedInput`, which the loop drains
// without waiting for epoll. A client that sends plain HTTP to the TLS port gets a plain 400 before the close.
import Glibc

final class TLSTransport: ConnectionTransport {
    /// What a client that sent plain HTTP to the TLS port reads (nginx answers 400 there too) before the close.
    static let plainHTTPAnswer: [UInt8] = {
        let body = "This port speaks HTTPS: use an https:// URL.\n"
        return Array(("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: \(body.utf8.count)\r\n"
            + "Connection: close\r\n\r\n" + body).utf8)
    }()

    private let session: TLSSession
    private let fd: Int32
    private(set) var handshakeComplete = false

    let isTLS = true

    /// A server-side transport on the accepted non-blocking `fd`, using `context` for this connection's lifetime.
    /// The caller keeps owning (and eventually closes) `fd`.
    init(fd: Int32, context: TLSContext) throws(TLSConfigurationError) {
        self.fd = fd
        session = try TLSSession(context: context, fd: fd, accepting: true)
    }

    /// A client-side transport, for tests and self-checks.
    init(clientFD fd: Int32, context: TLSContext, serverName: String) throws(TLSConfigurationError) {
        self.fd = fd
        session = try TLSSession(context: context, fd: fd, accepting: false, serverName: serverName)
    }

    func handshake() -> TransportResult {
        if handshakeComplete { return .done(0) }
        let result = session.handshake()
        if case .done = result { handshakeComplete = true }
        if case .failed = result, session.peerSentPlainHTTP { answerPlainHTTP() }
        return result
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> TransportResult {
        let result = session.read(into: buffer)
        if case .done = result { handshakeComplete = true }
        return result
    }

    func write(_ bytes: UnsafeRawBufferPointer) -> TransportResult {
        let result = session.write(bytes)
        if case .done = result { handshakeComplete = true }
        return result
    }

    /// Best effort, never blocking: one send (the answer fits any socket buffer), then the rest of the request is
    /// read away, since closing a socket with unread input sends RST, which can destroy the answer in flight.
    private func answerPlainHTTP() {
        _ = Self.plainHTTPAnswer.withUnsafeBytes {
            send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
        }
        var sink = [UInt8](repeating: 0, count: 4096)
        for _ in 0..<4 where recv(fd, &sink, sink.count, Int32(MSG_DONTWAIT)) > 0 {}
    }

    var hasBufferedInput: Bool { session.pendingBytes > 0 }

    func shutdown() { _ = session.shutdown() }

    var handshakeFailure: TLSHandshakeFailure? { session.failure ?? .protocolError }

    /// Protocol version, cipher and ALPN after the handshake, e.g. ("TLSv1.3", "TLS_AES_128_GCM_SHA256", "http/1.1").
    var negotiated: (version: String, cipher: String, alpn: String?) { session.negotiated }
}
