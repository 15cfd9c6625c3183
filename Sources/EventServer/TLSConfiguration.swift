// What the App tells the TLS layer: where the certificate chain and key live. The protocol profile (TLS 1.2/1.3,
// Mozilla intermediate ciphers, ALPN http/1.1, no tickets) is fixed in TLSContext, not configurable, on purpose.

/// Paths of a PEM certificate chain (leaf first, then intermediates) and its PEM private key.
public struct TLSConfiguration: Sendable, Equatable {
    public var certificateChainPath: String
    public var privateKeyPath: String

    public init(certificateChainPath: String, privateKeyPath: String) {
        self.certificateChainPath = certificateChainPath
        self.privateKeyPath = privateKeyPath
    }
}

/// Why a certificate/key pair was refused, with OpenSSL's detail when it has one. `description` is a log line.
public struct TLSConfigurationError: Error, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case unreadableFile
        case invalidCertificate
        case invalidKey
        case expired
        case notYetValid
        case keyMismatch
        case openSSL
    }

    public let reason: Reason
    public let message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { "TLS: \(message)" }
}
