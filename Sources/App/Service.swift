// The service: the one place where HTTP, analysis and storage meet. It starts listening at once, loads the
// model and opens the database on a background thread (/ready says 503 until both are loaded), and runs until
// SIGTERM/SIGINT, when the event server drains in-flight requests within the grace period.
import EventServer
import Foundation
import HTTP1
import Storage
import Synchronization
import TextAnalysis

/// What the service needs loaded before it can analyze and store.
struct LoadedComponents: Sendable {
    let analyzer: Analyzer
    let store: ArticleStore
}

/// Loading state shared by every handler.
final class ServiceState: Sendable {
    enum Readiness: Sendable { case loading, ready, failed(String) }

    private let value = Mutex<(Readiness, LoadedComponents?)>((.loading, nil))

    var readiness: Readiness { value.withLock { $0.0 } }
    var loaded: LoadedComponents? { value.withLock { $0.1 } }

    func set(_ loaded: LoadedComponents) { value.withLock { $0 = (.ready, loaded) } }
    func fail(_ why: String) { value.withLock { $0 = (.failed(why), nil) } }

    /// The loaded components, or a 503 the handler passes on.
    func requireLoaded() throws -> LoadedComponents {
        switch readiness {
        case .ready: if let loaded { return loaded }
        case .failed(let why): throw HTTPError(.serviceUnavailable, detail: "the service failed to start: \(why)")
        case .loading: break
        }
        throw HTTPError(.serviceUnavailable, detail: "the service is still loading; try again shortly",
                        headers: ["Retry-After": "1"])
    }
}

/// `byline serve` stopped because the model or the database could not be loaded.
public struct ServiceStartError: Error, CustomStringConvertible {
    public let reason: String
    public var description: String { "cannot load: \(reason)" }
}

public final class Service: Sendable {
    public let config: Config
    let metrics = Metrics()
    let state = ServiceState()
    let apiKey: APIKeyCheck
    private let serverBox = Mutex<HTTPServer?>(nil)
    /// The TLS certificate and key in service (nil without a TLS listener); SIGHUP reloads them.
    let tlsContexts: TLSContextHolder?
    /// The bound TLS port, once started.
    private let tlsPortBox = Mutex<Int?>(nil)
    public var boundTLSPort: Int? { tlsPortBox.withLock { $0 } }
    /// Where log lines go (standard error; tests capture them).
    let logSink: @Sendable (String) -> Void
    /// Where access-log lines go: into `logWriter`'s buffers, or one by one to `logSink`.
    let accessLogSink: @Sendable (AccessLogLine) -> Void
    /// The buffered writer behind both sinks (nil when the caller gave a `logSink`); flushed once the server
    /// has drained.
    let logWriter: LineWriter?

    var server: HTTPServer? { serverBox.withLock { $0 } }
    /// Turns for the analysis inside POST /articles (one per worker): the writes run on the larger blocking pool,
    /// and without this as many analyses as writers would share the cores with the queries.
    let analysisSlots: DispatchSemaphore

    /// Runs `body` holding one of the `analysisSlots`, released however `body` ends.
    func withAnalysisSlot<T>(_ body: () -> T) -> T {
        analysisSlots.wait()
        defer { analysisSlots.signal() }
        return body()
    }

    /// - Parameters:
    ///   - logSink: receives every log line, one call per line; when nil, lines go to `logWriter`.
    ///   - logWriter: buffers access-log lines (other lines are written at once); when both are nil, a buffered
    ///     writer on standard error.
    public init(config: Config, logSink: (@Sendable (String) -> Void)? = nil, logWriter: LineWriter? = nil) throws {
        self.config = config
        analysisSlots = DispatchSemaphore(value: config.workers > 0 ? config.workers : ServerConfiguration.coreCount)
        if let logSink {
            self.logSink = logSink
            self.logWriter = nil
            accessLogSink = { line in logSink(line.json()) }
        } else {
            let writer = logWriter ?? LineWriter(fd: 2)
            self.logSink = { line in writer.writeNow(line) }
            self.logWriter = writer
            accessLogSink = { line in writer.appendLine { line.append(to: &$0) } }
        }
        self.apiKey = APIKeyCheck(key: config.apiKey, forReads: config.apiKeyForReads)
        if config.tlsPort != nil, let cert = config.tlsCert, let key = config.tlsKey {
            // Fails at startup on a missing, unreadable, expired or mismatched certificate and key.
            tlsContexts = try TLSContextHolder(configuration: TLSConfiguration(certificateChainPath: cert,
                                                                               privateKeyPath: key))
        } else {
            tlsContexts = nil
        }
    }

    /// Loads the analyzer (unless one is given) and opens the store; /ready turns true when this returns
    /// without error.
    public func load(analyzer given: Analyzer? = nil) {
        do {
            let started = ContinuousClock.now
            // The store first: it opens in milliseconds, so a bad database path fails before the model loads.
            // A read connection for every worker thread, so concurrent queries never wait to open one.
            let store = try Service.openStore(path: config.database, options: ArticleStore.Options(
                readers: max(4, workerCount + blockingWorkerCount), commitFillTarget: config.commitBatch,
                commitLinger: .milliseconds(Int((config.commitLinger * 1000).rounded()))))
            let analyzer = try given ?? Analyzer(resources: ResourceLoader.bundled())
            state.set(LoadedComponents(analyzer: analyzer, store: store))
            log(level: "info", "loaded the model and the database \(config.database) in "
                + String(format: "%.0f ms", (ContinuousClock.now - started).seconds * 1000))
        } catch {
            state.fail("\(error)")
            log(level: "error", "cannot load: \(error)")
        }
    }

    /// Threads for CPU-bound handlers (analysis, queries): --workers, else one per core. More only slices the
    /// cores between concurrent queries, which stretches every one of them (worse p99, same throughput).
    var workerCount: Int { config.workers > 0 ? config.workers : ServerConfiguration.coreCount }

    /// Threads for writes (POST/DELETE /articles), which hold their thread until the group commit that makes
    /// them durable: a commit can only gather as many articles as there are writers waiting on it (with one per
    /// core every batch had at most two articles and the cores idled through each fsync). Every commit writes each
    /// index page its articles touched, so bigger batches write fewer pages per article: at 64 connections, 16
    /// threads made batches of about 3 articles and 376 KiB of WAL and checkpoint writes per article, 64 threads
    /// about 12 and 191 KiB (and 25 % less CPU per article). Their analysis still takes turns on `workerCount`
    /// slots (`analysisSlots`), so the extra threads wait rather than slice the cores.
    var blockingWorkerCount: Int { max(64, 16 * ServerConfiguration.coreCount, workerCount) }

    /// Opens the store, making its folder first; the commands (import, query, backup) take the store's defaults.
    static func openStore(path: String, options: ArticleStore.Options = ArticleStore.Options()) throws
        -> ArticleStore {
        if path != ":memory:" {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        return try ArticleStore(path: path, options: options)
    }

    /// The request handler the event server runs (also used in-process by tests).
    public func makeResponder() throws -> AppResponder {
        let logRequests = config.logLevel == "info" || config.logLevel == "debug"
        return AppResponder(router: try makeRouter(), trustedProxies: config.trustedProxies,
                            accessLog: logRequests ? accessLogSink : nil)
    }

    /// Listens, loads in the background, and blocks until SIGTERM/SIGINT has drained the server.
    public func run() throws {
        Service.unblockControlSignals()
        let server = try start()
        try server.installSignalHandlers()
        let hangupWatcher = tlsContexts?.reloadOnHangup { [self] line in log(level: "warn", line) }
        defer { hangupWatcher?.cancel() }
        // A model or database that cannot be loaded will not load later: stopping (exit status 1) lets a
        // supervisor see it, where a process answering /health forever but never ready would hide it.
        Thread.detachNewThread { [self] in
            load()
            if case .failed = state.readiness { server.shutdown(graceful: false) }
        }
        waitUntilStopped()
        if case .failed(let why) = state.readiness { throw ServiceStartError(reason: why) }
        log(level: "info", "stopped")
    }

    /// Blocks until the server has stopped (after `server.shutdown`), then writes every buffered log line.
    public func waitUntilStopped() {
        server?.run()
        logWriter?.flush()
    }

    /// A parent may start us with these signals blocked (a test runner or dispatch worker thread blocks nearly
    /// all, and the mask survives fork and exec): SIGTERM would then stay pending forever. Unblocking them before
    /// any thread starts lets every thread inherit the unblocked mask.
    static func unblockControlSignals() {
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&signals, signal) }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    /// Binds and starts serving; returns at once with the server (whose `boundPort` tells the port).
    /// The caller loads (`load`) and later `stop`s and `run`s (joins) it.
    @discardableResult
    public func start() throws -> HTTPServer {
        var serverConfig = ServerConfiguration(host: config.host, port: config.port)
        if config.loops > 0 { serverConfig.eventLoopCount = config.loops }
        serverConfig.workerCount = workerCount
        serverConfig.blockingWorkerCount = blockingWorkerCount
        serverConfig.limits.maxBodyBytes = config.maxBodySize
        serverConfig.maxConnections = config.maxConnections
        serverConfig.headerTimeout = .milliseconds(Int(config.headerTimeout * 1000))
        serverConfig.bodyTimeout = .milliseconds(Int(config.bodyTimeout * 1000))
        serverConfig.keepAliveTimeout = .milliseconds(Int(config.idleTimeout * 1000))
        serverConfig.maxRequestsPerConnection = config.maxRequestsPerConnection
        serverConfig.shutdownGracePeriod = .milliseconds(Int(config.shutdownGrace * 1000))
        serverConfig.log = { [self] line in log(level: "warn", line) }
        serverConfig.clientLog = { [self] line in log(level: "info", line) }

        let server = HTTPServer(configuration: serverConfig)
        let tlsListener = tlsContexts.map { server.addTLSListener(port: config.tlsPort ?? 0, contexts: $0) }
        let responder = try makeResponder()
        let sink = accessLogSink
        // Routed requests are logged by AppResponder (it knows the client behind a trusted proxy); the server's
        // hook logs the ones rejected before routing, which carry no request id.
        let writeLine: @Sendable (AccessLogEntry) -> Void = { entry in
            if entry.requestID == nil { sink(AccessLogLine(entry: entry)) }
        }
        let logRequests = config.logLevel == "info" || config.logLevel == "debug"
        try server.start(handler: responder, accessLog: logRequests ? writeLine : nil)
        serverBox.withLock { $0 = server }
        var listening = "listening on http://\(config.host):\(server.boundPort)"
        if let tlsListener {
            let port = server.boundPort(ofTLSListener: tlsListener)
            tlsPortBox.withLock { $0 = port }
            listening += " and https://\(config.host):\(port)"
        }
        log(level: "info", "\(listening); database \(config.database)")
        return server
    }

    func log(level: String, _ message: String) {
        let order = ["error": 0, "warn": 1, "info": 2, "debug": 3]
        guard order[level, default: 2] <= order[config.logLevel, default: 2] else { return }
        let object: [String: Any] = ["time": AccessLogLine.iso8601(Date()), "level": level, "message": message]
        // Slashes as written: paths and URLs in log messages stay greppable.
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
        if let data = try? JSONSerialization.data(withJSONObject: object, options: options) {
            logSink(String(decoding: data, as: UTF8.self))
        }
    }
}
