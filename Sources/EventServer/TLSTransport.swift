// ConnectionTransport over TLS: the event loop's view of one TLSSession. A read may answer .wantWrite and a write
// .wantRead; Connection keeps Redis's READ_WANT_WRITE / WRITE_WANT_READ flags from those answers and polls
// accordingly. Decrypted bytes left inside OpenSSL show up as `hasBufferedInput`, which the loop drains
// without waiting for epoll.

final class TLSTransport: ConnectionTransport {
    private let session: TLSSession
    private(set) var handshakeComplete = false

    let isTLS = true

    /// A server-side transport on the accepted non-blocking `fd`, using `context` for this connection's lifetime.
    /// The caller keeps owning (and eventually closes) `fd`.
    init(fd: Int32, context: TLSContext) throws(TLSConfigurationError) {
        session = try TLSSession(context: context, fd: fd, accepting: true)
    }

    /// A client-side transport, for tests and self-checks.
    init(clientFD fd: Int32, context: TLSContext, serverName: String) throws(TLSConfigurationError) {
        session = try TLSSession(context: context, fd: fd, accepting: false, serverName: serverName)
    }

    func handshake() -> TransportResult {
        if handshakeComplete { return .done(0) }
        let result = session.handshake()
        if case .done = result { handshakeComplete = true }
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

    var hasBufferedInput: Bool { session.pendingBytes > 0 }

    func shutdown() { _ = session.shutdown() }

    /// Protocol version, cipher and ALPN after the handshake, e.g. ("TLSv1.3", "TLS_AES_128_GCM_SHA256", "http/1.1").
    var negotiated: (version: String, cipher: String, alpn: String?) { session.negotiated }
}
