// ConnectionTransport over TLS: the event loop's view of one TLSSession. It also remembers, as Redis's tls.c does
// with READ_WANT_WRITE / WRITE_WANT_READ, when a read is blocked on writability or a write on readability, so the
// connection can compute its epoll mask from `interest` after every call.

/// What the connection should wait for before calling the transport again.
struct TransportInterest: Equatable {
    var readable: Bool
    var writable: Bool
}

final class TLSTransport: ConnectionTransport {
    private let session: TLSSession
    private(set) var handshakeComplete = false
    /// The last read() stopped on SSL_ERROR_WANT_WRITE: call read() again when the socket is writable.
    private(set) var readWantsWrite = false
    /// The last write() stopped on SSL_ERROR_WANT_READ: call write() again when the socket is readable.
    private(set) var writeWantsRead = false

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
        readWantsWrite = result == .wantWrite
        if case .done = result { handshakeComplete = true }
        return result
    }

    func write(_ bytes: UnsafeRawBufferPointer) -> TransportResult {
        let result = session.write(bytes)
        writeWantsRead = result == .wantRead
        if case .done = result { handshakeComplete = true }
        return result
    }

    var hasBufferedInput: Bool { false }

    func shutdown() { _ = session.shutdown() }

    /// For a connection that wants to read (and maybe has output queued): which socket events unblock it.
    func interest(wantsRead: Bool, hasOutput: Bool) -> TransportInterest {
        Self.interest(wantsRead: wantsRead, hasOutput: hasOutput, readWantsWrite: readWantsWrite,
                      writeWantsRead: writeWantsRead)
    }

    /// Redis's rule: a blocked read waits for what SSL_read asked for, and so does a pending write.
    static func interest(wantsRead: Bool, hasOutput: Bool, readWantsWrite: Bool, writeWantsRead: Bool)
        -> TransportInterest {
        TransportInterest(readable: (wantsRead && !readWantsWrite) || (hasOutput && writeWantsRead),
                          writable: (hasOutput && !writeWantsRead) || (wantsRead && readWantsWrite))
    }

    /// Protocol version, cipher and ALPN after the handshake, e.g. ("TLSv1.3", "TLS_AES_128_GCM_SHA256", "http/1.1").
    var negotiated: (version: String, cipher: String, alpn: String?) { session.negotiated }
}
