// One configured SSL_CTX: the server profile (Mozilla intermediate, guideline 6.0, see docs/TLS.md) plus a validated
// certificate/key pair. Built whole or not at all, so a bad pair never replaces a good one on reload.
import Glibc
internal import COpenSSL

/// What the served certificate is, for logs and the reload test.
public struct TLSCertificateInfo: Sendable, Equatable {
    /// The leaf's subject in OpenSSL's one-line form, e.g. "/CN=localhost".
    public let subject: String
    /// The leaf's serial number in upper-case hex.
    public let serialHex: String
    /// The leaf's notAfter, seconds since 1970 (UTC).
    public let notAfterEpochSeconds: Int
}

/// Owns one SSL_CTX. Immutable after `init`; SSL_new on it is thread-safe and every SSL keeps its own reference,
/// so connections made from an old context survive that context's release. That is why it may be Sendable.
final class TLSContext: @unchecked Sendable {
    /// Mozilla intermediate TLS 1.2 ciphers, in the guideline's order (RELIABILITY.md §3.1).
    static let tls12Ciphers = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
        + "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"
    static let tls13Suites = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256"
    /// X25519MLKEM768 needs OpenSSL 3.5; Debian 12 has 3.0.
    static let groups = "X25519:prime256v1:secp384r1"
    /// The only application protocol we speak.
    static let alpnHTTP11: [UInt8] = Array("http/1.1".utf8)

    let pointer: OpaquePointer
    /// The served leaf (nil for a client context).
    let certificate: TLSCertificateInfo?

    /// A server context for `configuration`; throws TLSConfigurationError naming the file and the reason.
    init(server configuration: TLSConfiguration) throws(TLSConfigurationError) {
        ERR_clear_error()
        let pair = try CertificateKeyPair(configuration)
        guard let ctx = SSL_CTX_new(TLS_server_method()) else {
            throw TLSConfigurationError(.openSSL, OpenSSLErrors.describe("SSL_CTX_new failed"))
        }
        pointer = ctx
        certificate = pair.info
        try applyServerProfile()
        guard SSL_CTX_use_certificate_chain_file(ctx, configuration.certificateChainPath) == 1 else {
            throw TLSConfigurationError(.invalidCertificate, OpenSSLErrors.describe(
                "cannot load certificate chain \(configuration.certificateChainPath)"))
        }
        guard SSL_CTX_use_PrivateKey(ctx, pair.key) == 1, SSL_CTX_check_private_key(ctx) == 1 else {
            throw TLSConfigurationError(.keyMismatch, OpenSSLErrors.describe(
                "private key \(configuration.privateKeyPath) does not match \(configuration.certificateChainPath)"))
        }
    }

    /// The protocol versions we speak, for the client context's upper bound.
    enum ProtocolVersion {
        case tls12, tls13

        var wireValue: Int32 { self == .tls12 ? TLS1_2_VERSION : TLS1_3_VERSION }
    }

    /// A client context trusting only the PEM CA at `trustedCAPath`; used by tests and self-checks, never served.
    init(clientTrusting trustedCAPath: String, maxVersion: ProtocolVersion = .tls13) throws(TLSConfigurationError) {
        ERR_clear_error()
        guard let ctx = SSL_CTX_new(TLS_client_method()) else {
            throw TLSConfigurationError(.openSSL, OpenSSLErrors.describe("SSL_CTX_new failed"))
        }
        pointer = ctx
        certificate = nil
        guard COpenSSL_SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) == 1,
              COpenSSL_SSL_CTX_set_max_proto_version(ctx, maxVersion.wireValue) == 1,
              SSL_CTX_load_verify_locations(ctx, trustedCAPath, nil) == 1 else {
            throw TLSConfigurationError(.openSSL, OpenSSLErrors.describe("client context setup failed"))
        }
        SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nil)
        _ = COpenSSL_SSL_CTX_set_mode(ctx, Int(SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER))
        let protos = [UInt8(Self.alpnHTTP11.count)] + Self.alpnHTTP11
        // Unlike most of OpenSSL, SSL_CTX_set_alpn_protos returns 0 on success.
        guard SSL_CTX_set_alpn_protos(ctx, protos, UInt32(protos.count)) == 0 else {
            throw TLSConfigurationError(.openSSL, OpenSSLErrors.describe("SSL_CTX_set_alpn_protos failed"))
        }
    }

    deinit { SSL_CTX_free(pointer) }

    /// Protocols, ciphers, groups, options and modes of the server profile; docs/TLS.md says why each.
    private func applyServerProfile() throws(TLSConfigurationError) {
        let ctx = pointer
        func check(_ ok: Bool, _ what: String) throws(TLSConfigurationError) {
            if !ok { throw TLSConfigurationError(.openSSL, OpenSSLErrors.describe("\(what) failed")) }
        }
        try check(COpenSSL_SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) == 1, "set_min_proto_version")
        try check(COpenSSL_SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION) == 1, "set_max_proto_version")
        try check(SSL_CTX_set_cipher_list(ctx, Self.tls12Ciphers) == 1, "SSL_CTX_set_cipher_list")
        try check(SSL_CTX_set_ciphersuites(ctx, Self.tls13Suites) == 1, "SSL_CTX_set_ciphersuites")
        try check(COpenSSL_SSL_CTX_set1_groups_list(ctx, Self.groups) == 1, "SSL_CTX_set1_groups_list")

        // Client cipher order (Mozilla: server_preferred_order false); no renegotiation, no compression.
        // IGNORE_UNEXPECTED_EOF: a peer closing TCP without close_notify reads as a clean EOF. HTTP framing
        // (Content-Length, chunked) already detects a truncated request, and most clients close this way.
        _ = SSL_CTX_clear_options(ctx, COpenSSL_SSL_OP_CIPHER_SERVER_PREFERENCE)
        _ = SSL_CTX_set_options(ctx, COpenSSL_SSL_OP_NO_RENEGOTIATION | COpenSSL_SSL_OP_NO_COMPRESSION
            | COpenSSL_SSL_OP_IGNORE_UNEXPECTED_EOF | COpenSSL_SSL_OP_NO_TICKET)
        // Session resumption off: no TLS 1.2 tickets, no TLS 1.3 tickets, no server-side cache. OpenSSL's ticket
        // key is random per SSL_CTX and never rotated while the process lives, which would weaken forward
        // secrecy; keep-alive makes full handshakes rare enough not to matter.
        try check(SSL_CTX_set_num_tickets(ctx, 0) == 1, "SSL_CTX_set_num_tickets")
        _ = COpenSSL_SSL_CTX_set_session_cache_mode(ctx, Int(SSL_SESS_CACHE_OFF))

        // Partial writes return after each record instead of holding the whole buffer; the connection's output
        // buffer may move between a WANT_WRITE and its retry; idle keep-alive connections give their buffers back.
        _ = COpenSSL_SSL_CTX_set_mode(ctx, Int(SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER
            | SSL_MODE_RELEASE_BUFFERS))
        SSL_CTX_set_default_passwd_cb(ctx, refusePassword)
        SSL_CTX_set_alpn_select_cb(ctx, selectHTTP11, nil)
    }

    /// The byte range of `wanted` inside an ALPN wire list (length-prefixed names), or nil when it is not offered
    /// or the list is malformed.
    static func findProtocol(_ wanted: [UInt8], in list: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var index = 0
        while index < list.count {
            let length = Int(list[index])
            let start = index + 1
            guard length > 0, start + length <= list.count else { return nil }
            if length == wanted.count && list[start..<start + length].elementsEqual(wanted) {
                return start..<start + length
            }
            index = start + length
        }
        return nil
    }
}

/// ALPN: pick http/1.1 or refuse the handshake (no_application_protocol alert, as nginx does since 1.21.4) when a
/// client offers ALPN without it. `out` may point into the client's list; OpenSSL copies it before returning.
private let selectHTTP11: @convention(c) (
    OpaquePointer?, UnsafeMutablePointer<UnsafePointer<UInt8>?>?, UnsafeMutablePointer<UInt8>?,
    UnsafePointer<UInt8>?, UInt32, UnsafeMutableRawPointer?
) -> Int32 = { _, out, outLength, offered, offeredLength, _ in
    guard let out, let outLength, let offered else { return SSL_TLSEXT_ERR_ALERT_FATAL }
    let list = UnsafeBufferPointer(start: offered, count: Int(offeredLength))
    guard let range = TLSContext.findProtocol(TLSContext.alpnHTTP11, in: list) else {
        return SSL_TLSEXT_ERR_ALERT_FATAL
    }
    out.pointee = offered + range.lowerBound
    outLength.pointee = UInt8(range.count)
    return SSL_TLSEXT_ERR_OK
}

/// Encrypted keys are refused instead of OpenSSL prompting on the terminal for a passphrase.
private let refusePassword: @convention(c) (UnsafeMutablePointer<CChar>?, Int32, Int32, UnsafeMutableRawPointer?)
    -> Int32 = { _, _, _, _ in 0 }

/// The leaf certificate and private key read from their files and checked before any SSL_CTX sees them: readable,
/// parseable, within validity, and matching. Owns the X509 and EVP_PKEY handles.
private final class CertificateKeyPair {
    let leaf: OpaquePointer
    let key: OpaquePointer
    let info: TLSCertificateInfo

    init(_ configuration: TLSConfiguration) throws(TLSConfigurationError) {
        let certPath = configuration.certificateChainPath
        let keyPath = configuration.privateKeyPath
        try Self.checkReadable(certPath, "certificate chain")
        try Self.checkReadable(keyPath, "private key")
        guard let leaf = Self.readPEM(certPath, { PEM_read_bio_X509($0, nil, nil, nil) }) else {
            throw TLSConfigurationError(.invalidCertificate,
                                        OpenSSLErrors.describe("no PEM certificate in \(certPath)"))
        }
        self.leaf = leaf
        guard let key = Self.readPEM(keyPath, { PEM_read_bio_PrivateKey($0, nil, refusePassword, nil) }) else {
            X509_free(leaf)
            throw TLSConfigurationError(.invalidKey, OpenSSLErrors.describe(
                "no usable PEM private key in \(keyPath) (encrypted keys are not supported)"))
        }
        self.key = key
        info = Self.describe(leaf)
        if X509_cmp_current_time(X509_get0_notAfter(leaf)) <= 0 {
            throw TLSConfigurationError(.expired, "certificate \(certPath) (serial \(info.serialHex)) has expired")
        }
        if X509_cmp_current_time(X509_get0_notBefore(leaf)) >= 0 {
            throw TLSConfigurationError(.notYetValid, "certificate \(certPath) is not valid yet")
        }
        guard X509_check_private_key(leaf, key) == 1 else {
            ERR_clear_error()
            throw TLSConfigurationError(.keyMismatch, "private key \(keyPath) does not match certificate \(certPath)")
        }
    }

    deinit {
        X509_free(leaf)
        EVP_PKEY_free(key)
    }

    /// open(2) gives the real reason (missing, permission denied) where OpenSSL would say "system lib".
    private static func checkReadable(_ path: String, _ what: String) throws(TLSConfigurationError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw TLSConfigurationError(.unreadableFile, "cannot read \(what) \(path): \(reason)")
        }
        close(fd)
    }

    private static func readPEM(_ path: String, _ read: (OpaquePointer) -> OpaquePointer?) -> OpaquePointer? {
        guard let bio = BIO_new_file(path, "r") else { return nil }
        defer { BIO_free(bio) }
        return read(bio)
    }

    private static func describe(_ leaf: OpaquePointer) -> TLSCertificateInfo {
        var subject = "?"
        if let line = X509_NAME_oneline(X509_get_subject_name(leaf), nil, 0) {
            subject = String(cString: line)
            COpenSSL_OPENSSL_free(line)
        }
        var serial = "?"
        if let number = ASN1_INTEGER_to_BN(X509_get_serialNumber(leaf), nil) {
            if let hex = BN_bn2hex(number) {
                serial = String(cString: hex)
                COpenSSL_OPENSSL_free(hex)
            }
            BN_free(number)
        }
        var parts = tm()
        var notAfter = 0
        if ASN1_TIME_to_tm(X509_get0_notAfter(leaf), &parts) == 1 { notAfter = timegm(&parts) }
        return TLSCertificateInfo(subject: subject, serialHex: serial, notAfterEpochSeconds: notAfter)
    }
}
