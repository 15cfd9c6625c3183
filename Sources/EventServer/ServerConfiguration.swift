// Everything the event server can be told: where to listen, how many loops and workers, parser limits, the
// timeouts that bound slow clients (RELIABILITY.md §1.4), connection limits and the shutdown grace period.
// Plain values with documented defaults; App fills it from its config file.
import Glibc
import HTTP1

public struct ServerConfiguration: Sendable {
    /// Address to bind: an IPv4 or IPv6 literal ("0.0.0.0", "127.0.0.1", "::").
    public var host: String = "127.0.0.1"
    /// TCP port; 0 asks the kernel for an ephemeral one (read it back from `HTTPServer.boundPort`).
    public var port: Int = 8080
    /// Event loops, one thread each, each with its own SO_REUSEPORT listener. Default: one per core.
    public var eventLoopCount: Int = ServerConfiguration.coreCount
    /// Threads that run handlers whose placement is `.workerPool`. Default: one per core.
    public var workerCount: Int = ServerConfiguration.coreCount
    /// Threads that run handlers whose placement is `.blockingPool` (they mostly wait). Default: four per core,
    /// at least 16.
    public var blockingWorkerCount: Int = max(16, 4 * ServerConfiguration.coreCount)
    /// Request size limits (one status per limit, chosen by the parser).
    public var limits: ParserLimits = ParserLimits()
    /// From the first byte of a request (or from accept) until its head is complete; then 408 and close.
    public var headerTimeout: Duration = .seconds(10)
    /// Longest silence between two reads of a body; then 408 and close.
    public var bodyTimeout: Duration = .seconds(10)
    /// Longest idle time between requests on a kept-alive connection; then a silent close.
    public var keepAliveTimeout: Duration = .seconds(5)
    /// Longest time without write progress while a response is going out (a client that does not read).
    public var writeTimeout: Duration = .seconds(30)
    /// After a 4xx that closes the connection, how long to drain the client's input so it can read the answer.
    public var lingerTimeout: Duration = .seconds(2)
    /// Open connections across all loops; at the limit a loop stops accepting until one closes.
    public var maxConnections: Int = 10_000
    /// Requests on one connection; the last one is answered with `Connection: close` (nginx `keepalive_requests`).
    public var maxRequestsPerConnection: Int = 1000
    /// On graceful shutdown, how long in-flight requests may take before their connections are dropped.
    public var shutdownGracePeriod: Duration = .seconds(10)
    /// Listen backlog per listener.
    public var backlog: Int32 = 1024
    /// Where the server reports what an operator should see (accept failures, EMFILE back-off, dropped clients).
    public var log: @Sendable (String) -> Void = ServerConfiguration.logToStandardError
    /// Where per-client notices go (a failed TLS handshake, with the peer and OpenSSL's reason; a request refused
    /// before routing). Peers can cause these at will, so each loop passes at most 10 lines of each kind per 10 s;
    /// App logs them at info. nil: handshake failures are not logged and refusals go to `log`.
    public var clientLog: (@Sendable (String) -> Void)? = nil

    public init() {}

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// The default `log`: one line to file descriptor 2.
    public static func logToStandardError(_ line: String) {
        var text = "eventserver: \(line)\n"
        text.withUTF8 { bytes in _ = Glibc.write(2, bytes.baseAddress, bytes.count) }
    }

    /// Online cores (at least 1).
    public static var coreCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

extension Duration {
    /// Whole milliseconds, the unit of every deadline in the loops.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
