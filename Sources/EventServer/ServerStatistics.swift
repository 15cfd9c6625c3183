// Connection and TLS handshake counters for /metrics: a snapshot type for readers (any thread), and the atomic
// counters the loops bump. Counters live per listener (all loops of one listener share them) and open connections
// also per loop, so an operator can see both "how busy is the TLS port" and "are the loops balanced".
//
// Cost on the hot path: one relaxed atomic add per accept, per close and per handshake outcome, nothing per
// request. Two loops bumping the same cache line once per connection is far below what a request costs.
import Synchronization

/// Why a TLS handshake did not complete. Few, fixed categories so a metrics label stays bounded whatever the
/// peers send; the log line carries OpenSSL's own text.
public enum TLSHandshakeFailure: String, Sendable, CaseIterable, Hashable {
    /// Plain HTTP (or a proxy CONNECT) sent to the TLS port.
    case plainHTTP = "plain_http"
    /// The client offered only protocol versions we refuse (SSLv3, TLS 1.0, 1.1) or a record we cannot parse.
    case protocolVersion = "protocol_version"
    /// No cipher suite (or group) in common.
    case noSharedCipher = "no_shared_cipher"
    /// The client rejected our certificate (an alert such as unknown CA or bad certificate).
    case certificateRejected = "certificate_rejected"
    /// Any other TLS protocol error (garbage, bad records, unexpected messages).
    case protocolError = "protocol_error"
    /// The peer closed the connection before the handshake finished (port scanners, health checks).
    case closed
    /// A socket error such as a reset.
    case socketError = "socket_error"
    /// The handshake did not finish within the header timeout.
    case timeout
}

/// A snapshot of the server's counters, read by `HTTPServer.statistics`.
public struct ServerStatistics: Sendable, Equatable {
    public struct Listener: Sendable, Equatable {
        public var host: String
        /// The bound port (the ephemeral one when the configuration asked for 0).
        public var port: Int
        public var isTLS: Bool
        /// Connections open now.
        public var openConnections: Int
        /// Connections accepted since start.
        public var acceptedConnections: Int
        /// TLS handshakes completed since start (always 0 on a plain listener).
        public var tlsHandshakes: Int
        /// TLS handshakes that failed since start, by reason (on a TLS listener every reason is present, 0 when
        /// none; empty on a plain listener).
        public var tlsHandshakeFailures: [TLSHandshakeFailure: Int]
    }

    /// One entry per listener, in the order they were added (the plain one first).
    public var listeners: [Listener]
    /// Open connections per event loop (SO_REUSEPORT decides which loop gets a connection).
    public var openConnectionsPerLoop: [Int]

    public var openConnections: Int { listeners.reduce(0) { $0 + $1.openConnections } }
    public var tlsHandshakes: Int { listeners.reduce(0) { $0 + $1.tlsHandshakes } }
    public var tlsHandshakeFailures: Int {
        listeners.reduce(0) { $0 + $1.tlsHandshakeFailures.values.reduce(0, +) }
    }
}

/// The live counters of one listener, shared by the loops that accept on it.
final class ListenerCounters: Sendable {
    let open = Atomic<Int>(0)
    let accepted = Atomic<Int>(0)
    let handshakes = Atomic<Int>(0)
    private let failures: [TLSHandshakeFailure: Int]
    private let failureCounts: Mutex<[Int]>

    init() {
        var index: [TLSHandshakeFailure: Int] = [:]
        for (i, reason) in TLSHandshakeFailure.allCases.enumerated() { index[reason] = i }
        failures = index
        failureCounts = Mutex([Int](repeating: 0, count: TLSHandshakeFailure.allCases.count))
    }

    func connectionOpened() {
        open.add(1, ordering: .relaxed)
        accepted.add(1, ordering: .relaxed)
    }

    func connectionClosed() { open.subtract(1, ordering: .relaxed) }

    func handshakeCompleted() { handshakes.add(1, ordering: .relaxed) }

    /// Failures are rare next to requests (and bounded by accepts), so a lock is cheap enough here.
    func handshakeFailed(_ reason: TLSHandshakeFailure) {
        let slot = failures[reason]!
        failureCounts.withLock { $0[slot] += 1 }
    }

    func snapshot(host: String, port: Int, isTLS: Bool) -> ServerStatistics.Listener {
        let counts = failureCounts.withLock { $0 }
        var byReason: [TLSHandshakeFailure: Int] = [:]
        for (reason, slot) in failures { byReason[reason] = counts[slot] }
        return ServerStatistics.Listener(
            host: host, port: port, isTLS: isTLS, openConnections: open.load(ordering: .relaxed),
            acceptedConnections: accepted.load(ordering: .relaxed), tlsHandshakes: handshakes.load(ordering: .relaxed),
            tlsHandshakeFailures: isTLS ? byReason : [:])
    }
}
