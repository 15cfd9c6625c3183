// The typed service configuration with documented defaults. Sources apply in order — built-in defaults,
// the config file, BYLINE_* environment, command-line flags — and every value is validated when applied,
// so a bad key or value stops startup with a message naming both. Nothing reads the file or the
// environment after startup.
import Foundation

public struct Config: Equatable, Sendable {
    /// Address the plain HTTP listener binds.
    public var host = "127.0.0.1"
    /// Port of the plain HTTP listener (0 picks a free one).
    public var port = 8080
    /// Port of the TLS listener; nil means no TLS listener.
    public var tlsPort: Int? = nil
    /// PEM certificate chain and private key for TLS.
    public var tlsCert: String? = nil
    public var tlsKey: String? = nil
    /// SQLite database file.
    public var database = "./data/byline.db"
    /// Event loops (0 = one per core).
    public var loops = 0
    /// Worker threads for analysis and queries (0 = one per core: see Service.workerCount); writes have their own pool.
    public var workers = 0
    /// Largest request body accepted (413 beyond).
    public var maxBodySize = 10 * 1024 * 1024
    /// Open connections at most; more are refused.
    public var maxConnections = 10_000
    /// Time to receive a whole request head (408 after).
    public var headerTimeout = 10.0
    /// Longest pause between two reads of a body (408 after).
    public var bodyTimeout = 10.0
    /// Idle keep-alive connections are closed after this.
    public var idleTimeout = 5.0
    /// Requests served on one connection before it is closed.
    public var maxRequestsPerConnection = 1000
    /// How long SIGTERM waits for in-flight requests.
    public var shutdownGrace = 10.0
    /// Peers whose X-Forwarded-For is believed (exact addresses).
    public var trustedProxies: [String] = []
    /// API key for write endpoints; nil means open.
    public var apiKey: String? = nil
    /// Whether reads need the API key too.
    public var apiKeyForReads = false
    /// error, warn, info (access log), debug.
    public var logLevel = "info"
    /// How long a group commit waits for articles already being analysed before it writes (0 = never waits):
    /// a longer wait makes bigger batches and less fsync and index work per article, at the cost of latency.
    public var commitLinger = 0.040
    /// A group commit stops waiting once this many articles are queued (at most 64 are written per commit).
    public var commitBatch = 32

    public init() {}

    /// Every key the file, environment and flags accept.
    public static let keys = [
        "host", "port", "tls-port", "tls-cert", "tls-key", "database", "loops", "workers", "max-body-size",
        "max-connections", "header-timeout", "body-timeout", "idle-timeout", "max-requests-per-connection",
        "shutdown-grace", "trusted-proxies", "api-key", "api-key-for-reads", "log-level", "commit-linger",
        "commit-batch",
    ]

    public mutating func apply(_ entries: [ConfigFile.Entry]) throws {
        for e in entries { try apply(key: e.key, value: e.value, origin: e.origin) }
    }

    /// An IPv4 or IPv6 address literal, as the listener's bind takes it.
    static func isIPAddress(_ s: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, s, &v4) == 1 || inet_pton(AF_INET6, s, &v6) == 1
    }

    public mutating func apply(key: String, value: String, origin: String) throws {
        func bad(_ why: String) -> ConfigError { ConfigError("\(origin): \(key) '\(value)': \(why)") }
        func portNumber() throws -> Int {
            guard let p = Int(value), 0...65535 ~= p else { throw bad("not a port number") }
            return p
        }
        func count(_ range: ClosedRange<Int>) throws -> Int {
            guard let n = Int(value), range.contains(n) else {
                throw bad("expected a whole number in \(range.lowerBound)...\(range.upperBound)")
            }
            return n
        }
        func seconds() throws -> Double {
            guard let s = Config.parseDuration(value), s > 0, s <= 86_400 else {
                throw bad("expected a duration such as 10s, 500ms or 2m")
            }
            return s
        }
        switch key {
        case "host":
            // The listener binds an address literal; a name failed later at bind with "inet_pton(...) failed".
            // localhost is the one name taken (as 127.0.0.1, the loopback every resolver gives it first); others
            // would need DNS at startup, which a service that binds once should not depend on.
            if value.lowercased() == "localhost" {
                host = "127.0.0.1"
            } else {
                guard Config.isIPAddress(value) else {
                    throw bad("not an IPv4 or IPv6 address or localhost (e.g. 127.0.0.1, ::1, 0.0.0.0, localhost; "
                              + "other names are not resolved)")
                }
                host = value
            }
        case "port": port = try portNumber()
        case "tls-port": tlsPort = try portNumber()
        case "tls-cert": tlsCert = value
        case "tls-key": tlsKey = value
        case "database":
            guard !value.isEmpty else { throw bad("empty path") }
            database = value
        case "loops": loops = try count(0...256)
        case "workers": workers = try count(0...1024)
        case "max-body-size":
            guard let n = Config.parseSize(value), n > 0, n <= 1 << 30 else {
                throw bad("expected a size such as 10mb, 512kb or 1048576 (at most 1gb)")
            }
            maxBodySize = n
        case "max-connections": maxConnections = try count(1...1_000_000)
        case "header-timeout": headerTimeout = try seconds()
        case "body-timeout": bodyTimeout = try seconds()
        case "idle-timeout": idleTimeout = try seconds()
        case "max-requests-per-connection": maxRequestsPerConnection = try count(1...1_000_000)
        case "shutdown-grace": shutdownGrace = try seconds()
        case "trusted-proxies":
            let proxies = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            // Peers are compared as address literals: a network (172.17.0.0/16) or a name would never match, and
            // X-Forwarded-For would be ignored without a word.
            if let wrong = proxies.first(where: { !Config.isIPAddress($0) }) {
                throw bad("'\(wrong)' is not an IPv4 or IPv6 address (list each proxy's address; networks and names "
                          + "are not supported)")
            }
            trustedProxies = proxies
        case "api-key":
            guard value.count >= 16, value.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw bad("an API key needs at least 16 visible ASCII characters")
            }
            apiKey = value
        case "api-key-for-reads":
            guard let b = Config.parseBool(value) else { throw bad("expected yes or no") }
            apiKeyForReads = b
        case "log-level":
            guard ["error", "warn", "info", "debug"].contains(value) else {
                throw bad("expected error, warn, info or debug")
            }
            logLevel = value
        case "commit-linger":
            // Zero is allowed here (no waiting), unlike the timeouts; a second is already far past useful.
            guard let s = Config.parseDuration(value), s >= 0, s <= 1 else {
                throw bad("expected a duration from 0 to 1s, such as 40ms")
            }
            commitLinger = s
        case "commit-batch": commitBatch = try count(1...64)
        default:
            throw ConfigError("\(origin): unknown key '\(key)' (known: \(Config.keys.joined(separator: ", ")))")
        }
    }

    /// The layered configuration: defaults, then the file (if any), then BYLINE_* environment, then `flags`
    /// (command-line options as entries). Every command that reads settings goes through here.
    public static func layered(file: String?, environment: [String: String],
                               flags: [ConfigFile.Entry]) throws -> Config {
        var c = Config()
        if let file { try c.apply(ConfigFile.load(path: file)) }
        try c.apply(ConfigFile.environment(environment))
        try c.apply(flags)
        return c
    }

    /// Checks that settings agree with each other.
    public func validate() throws {
        if tlsPort != nil, tlsCert == nil || tlsKey == nil {
            throw ConfigError("tls-port is set but tls-cert and tls-key are not both given")
        }
        if let t = tlsPort, t == port, t != 0 {
            throw ConfigError("tls-port \(t) is the same as port")
        }
    }

    /// "10mb", "512kb", "1g", "1048576" → bytes.
    static func parseSize(_ s: String) -> Int? {
        let lower = s.lowercased()
        let units: [(String, Int)] = [("gb", 1 << 30), ("g", 1 << 30), ("mb", 1 << 20), ("m", 1 << 20),
                                      ("kb", 1 << 10), ("k", 1 << 10), ("b", 1)]
        for (suffix, factor) in units where lower.hasSuffix(suffix) {
            guard let n = Int(lower.dropLast(suffix.count)), n >= 0 else { return nil }
            return n.multipliedReportingOverflow(by: factor).overflow ? nil : n * factor
        }
        return Int(lower)
    }

    /// "10s", "500ms", "2m", "1h", "1.5" (seconds) → seconds.
    static func parseDuration(_ s: String) -> Double? {
        let lower = s.lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, factor) in units where lower.hasSuffix(suffix) {
            guard let n = Double(lower.dropLast(suffix.count)), n.isFinite else { return nil }
            return n * factor
        }
        guard let n = Double(lower), n.isFinite else { return nil }
        return n
    }

    static func parseBool(_ s: String) -> Bool? {
        switch s.lowercased() {
        case "yes", "true", "on", "1": return true
        case "no", "false", "off", "0": return false
        default: return nil
        }
    }
}
