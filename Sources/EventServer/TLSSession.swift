// One SSL* on a non-blocking socket. Each call is one step that ends complete, incomplete (wants the socket
// readable or writable) or failed, mapped from SSL_get_error the way nginx's ngx_ssl_handle_recv and Redis's
// handleSSLReturnCode do. Nothing here blocks, loops on the socket, or touches epoll.
import Glibc
internal import COpenSSL

final class TLSSession {
    private let ssl: OpaquePointer
    /// After SSL_ERROR_SYSCALL or SSL_ERROR_SSL, OpenSSL forbids SSL_shutdown on this SSL.
    private var fatal = false
    /// The peer spoke plain HTTP (or a proxy CONNECT) instead of sending a ClientHello.
    var peerSentPlainHTTP: Bool { failure == .plainHTTP }
    /// Why the last step failed or ended (set with .failed and .closed), for metrics.
    private(set) var failure: TLSHandshakeFailure?

    /// A server (`accepting`) or client session over `fd`; the fd stays owned by the caller (the socket BIO is
    /// created with BIO_NOCLOSE).
    init(context: TLSContext, fd: Int32, accepting: Bool, serverName: String? = nil) throws(TLSConfigurationError) {
        ERR_clear_error()
        guard let ssl = SSL_new(context.pointer) else {
            throw TLSConfigurationError(.openSSL, OpenSSLErrors.describe("SSL_new failed"))
        }
        self.ssl = ssl
        guard SSL_set_fd(ssl, fd) == 1 else {
            throw TLSConfigurationError(.openSSL, OpenSSLErrors.describe("SSL_set_fd failed"))
        }
        if accepting {
            SSL_set_accept_state(ssl)
        } else {
            if let serverName {
                guard COpenSSL_SSL_set_tlsext_host_name(ssl, serverName) == 1, SSL_set1_host(ssl, serverName) == 1
                else { throw TLSConfigurationError(.openSSL, OpenSSLErrors.describe("SNI setup failed")) }
            }
            SSL_set_connect_state(ssl)
        }
    }

    deinit { SSL_free(ssl) }

    func handshake() -> TransportResult {
        prepare()
        let rc = SSL_do_handshake(ssl)
        return rc == 1 ? .done(0) : classify(rc)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> TransportResult {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return .done(0) }
        prepare()
        var count = 0
        let rc = SSL_read_ex(ssl, base, buffer.count, &count)
        return rc == 1 ? .done(count) : classify(rc)
    }

    /// With SSL_MODE_ENABLE_PARTIAL_WRITE this may write fewer bytes than given. After .wantRead/.wantWrite the
    /// caller must retry with at least the same bytes (OpenSSL has already encrypted some of them).
    func write(_ bytes: UnsafeRawBufferPointer) -> TransportResult {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return .done(0) }
        prepare()
        var count = 0
        let rc = SSL_write_ex(ssl, base, bytes.count, &count)
        return rc == 1 ? .done(count) : classify(rc)
    }

    /// Sends close_notify once, without waiting for the peer's (we close the socket right after, as nginx does).
    func shutdown() -> TransportResult {
        guard !fatal, SSL_is_init_finished(ssl) == 1 else { return .closed }
        prepare()
        let rc = SSL_shutdown(ssl)
        return rc >= 0 ? .done(0) : classify(rc)
    }

    /// Decrypted bytes held inside OpenSSL, invisible to epoll.
    var pendingBytes: Int { Int(SSL_pending(ssl)) }

    /// "TLSv1.3" etc., the cipher name and the ALPN protocol (nil if none), for logs and tests.
    var negotiated: (version: String, cipher: String, alpn: String?) {
        let version = String(cString: SSL_get_version(ssl))
        let cipher = SSL_CIPHER_get_name(SSL_get_current_cipher(ssl)).map { String(cString: $0) } ?? "none"
        var data: UnsafePointer<UInt8>?
        var length: UInt32 = 0
        SSL_get0_alpn_selected(ssl, &data, &length)
        let alpn = data.map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(length)), as: UTF8.self) }
        return (version, cipher, alpn)
    }

    /// The queue and errno are cleared so that what follows a failure describes this call only.
    private func prepare() {
        ERR_clear_error()
        errno = 0
    }

    private func classify(_ rc: Int32) -> TransportResult {
        let savedErrno = errno
        let error = SSL_get_error(ssl, rc)
        switch error {
        case SSL_ERROR_WANT_READ:
            return .wantRead
        case SSL_ERROR_WANT_WRITE:
            return .wantWrite
        case SSL_ERROR_ZERO_RETURN:
            // close_notify, or (with SSL_OP_IGNORE_UNEXPECTED_EOF) a TCP FIN without one.
            failure = .closed
            return .closed
        case SSL_ERROR_SYSCALL:
            fatal = true
            let detail = OpenSSLErrors.drain()
            if detail.isEmpty && savedErrno == 0 {
                failure = .closed
                return .closed
            }
            failure = .socketError
            let reason = savedErrno != 0 ? String(cString: strerror(savedErrno)) : detail
            return .failed("TLS I/O error: \(reason)")
        case SSL_ERROR_SSL:
            fatal = true
            failure = Self.category(ERR_GET_REASON(ERR_peek_error()))
            return .failed(OpenSSLErrors.describe("TLS protocol error"))
        default:
            fatal = true
            failure = .protocolError
            return .failed(OpenSSLErrors.describe("TLS error \(error)"))
        }
    }

    /// The metrics category of an OpenSSL reason code (ERR_GET_REASON). Codes from 1000 up are alerts the peer
    /// sent (SSL_AD_REASON_OFFSET + the alert number).
    static func category(_ reason: Int32) -> TLSHandshakeFailure {
        switch reason {
        case SSL_R_HTTP_REQUEST, SSL_R_HTTPS_PROXY_REQUEST:
            return .plainHTTP
        case SSL_R_UNSUPPORTED_PROTOCOL, SSL_R_VERSION_TOO_LOW, SSL_R_NO_PROTOCOLS_AVAILABLE, SSL_R_UNKNOWN_PROTOCOL,
             SSL_R_TLSV1_ALERT_PROTOCOL_VERSION:
            return .protocolVersion
        case SSL_R_NO_SHARED_CIPHER, SSL_R_NO_SHARED_GROUPS, SSL_R_NO_SUITABLE_KEY_SHARE:
            return .noSharedCipher
        case SSL_R_SSLV3_ALERT_BAD_CERTIFICATE, SSL_R_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE,
             SSL_R_SSLV3_ALERT_CERTIFICATE_REVOKED, SSL_R_SSLV3_ALERT_CERTIFICATE_EXPIRED,
             SSL_R_SSLV3_ALERT_CERTIFICATE_UNKNOWN, SSL_R_TLSV1_ALERT_UNKNOWN_CA:
            return .certificateRejected
        default:
            return .protocolError
        }
    }
}
