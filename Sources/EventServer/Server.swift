// The public face of the event server: binds one SO_REUSEPORT listener per event loop, starts the loops and the
// worker pool, and stops them gracefully. App owns the process: it constructs, starts, installs signal handling,
// runs (blocks) and exits.
//
// Why one listener per loop (SO_REUSEPORT) rather than one shared listener: the kernel spreads new connections
// across the loops' accept queues with no thundering herd (a shared level-triggered listener wakes every loop for
// each connection). The kernel's spread is a hash, even only on average, so a loop that accepts a connection while
// it holds clearly more than another hands it over (EventLoop.lessLoadedPeer); after that a connection stays on
// its loop. A loop busy with inline handlers delays its own accepts; heavy handlers belong on the worker pool.
//
// Code map (EventServer):
//   Server                  HTTPServer: bind, start loops and workers, run, shutdown, signal handling
//   ServerConfiguration     every knob with its default; AccessLogEntry: what the access-log hook receives
//   ServerStatistics        open connections and TLS handshake counters (atomics), read for /metrics
//   EventLoop               one thread + epoll: accept, dispatch events, inbox from workers, deadline sweep, drain
//   Listener                a loop's listening socket + transport factory (plain or TLS), bounded accept, EMFILE
//   Connection              one socket: buffers, parser, carries out the state machine's actions, read/write
//   ConnectionStateMachine  the per-connection states and transitions (pure, unit-tested)
//   Transport / PlainTransport   the byte-moving contract and its plain TCP implementation (TLS* files: OpenSSL)
//   WorkerPool, Threads     handler threads; pthread and mutex/condition helpers
//   Epoll, Socket, Syscall  epoll/eventfd owners, socket calls, the single errno-handling wrapper
import Glibc
import CLinux
import HTTP1

public final class HTTPServer: @unchecked Sendable {
    // @unchecked: `loops`, `threads`, `workers`, `boundPorts` are written by `start` before any loop thread
    // exists and only read afterwards (`run` takes `threads` under `state`); `state` guards the lifecycle flags.

    public let configuration: ServerConfiguration
    private var specs: [ListenerSpec]
    private var loops: [EventLoop] = []
    private var threads: [pthread_t] = []
    private var workers: WorkerPool?
    private var blockingWorkers: WorkerPool?
    private var boundPorts: [Int] = []
    private let state = ConditionLock()
    private var started = false
    private var shutdownRequests = 0

    public init(configuration: ServerConfiguration) {
        self.configuration = configuration
        specs = [.plain(host: configuration.host, port: configuration.port)]
    }

    /// The port of the plain listener (the ephemeral one when the configuration asked for port 0).
    /// Valid after `start`.
    public var boundPort: Int { boundPorts.first ?? 0 }

    /// Adds another listener (the TLS one) before `start`; returns its index for `boundPort(ofListener:)`.
    func addListener(_ spec: ListenerSpec) -> Int {
        precondition(!started, "listeners must be added before start")
        specs.append(spec)
        return specs.count - 1
    }

    func boundPort(ofListener index: Int) -> Int { boundPorts[index] }

    /// Open connections, accepts and TLS handshake outcomes, per listener and per loop; cheap enough to read on
    /// every scrape. Before `start` every count is 0 and there are no loops.
    public var statistics: ServerStatistics {
        let listeners = specs.enumerated().map { index, spec in
            spec.counters.snapshot(host: spec.host, port: index < boundPorts.count ? boundPorts[index] : spec.port,
                                   isTLS: spec.isTLS)
        }
        return ServerStatistics(listeners: listeners,
                                openConnectionsPerLoop: loops.map { $0.openConnections.load(ordering: .relaxed) })
    }

    /// Binds, then starts the event loops and workers; returns at once. Throws `IOError` if a bind fails
    /// (address in use, permission) before any thread is started.
    public func start(handler: any RequestHandler, accessLog: (@Sendable (AccessLogEntry) -> Void)? = nil) throws {
        state.withLock {
            precondition(!started, "HTTPServer.start called twice")
            started = true
        }
        // A write to a reset socket must fail with EPIPE instead of killing the process (Redis, swift-nio).
        CLinux_ignoreSIGPIPE()
        let loopCount = max(1, configuration.eventLoopCount)
        var perLoop: [[Listener]] = Array(repeating: [], count: loopCount)
        for spec in specs {
            var port = spec.port
            if port != 0 {
                // SO_REUSEPORT would let a second server share a port already in use and silently split its
                // traffic; a plain bind first fails with EADDRINUSE when anyone is listening there.
                let probe = try Socket.makeListener(host: spec.host, port: port, reusePort: false, backlog: 1)
                closeDescriptor(probe)
            }
            for loop in 0..<loopCount {
                let fd = try Socket.makeListener(host: spec.host, port: port, reusePort: true,
                                                 backlog: configuration.backlog)
                let listener = Listener(fd: fd, spec: spec)
                if loop == 0 {
                    port = try Socket.localPort(fd)
                    boundPorts.append(port)
                }
                perLoop[loop].append(listener)
            }
        }
        let workers = WorkerPool(threadCount: configuration.workerCount, name: "work")
        let blockingWorkers = WorkerPool(threadCount: configuration.blockingWorkerCount, name: "wait")
        self.workers = workers
        self.blockingWorkers = blockingWorkers
        for index in 0..<loopCount {
            loops.append(try EventLoop(index: index, configuration: configuration, listeners: perLoop[index],
                                       handler: handler, workers: workers, blockingWorkers: blockingWorkers,
                                       accessLog: accessLog))
        }
        for loop in loops { loop.peers = loops }
        for loop in loops {
            threads.append(startThread(name: "byline-loop-\(loop.index)") { loop.run() })
        }
    }

    /// Blocks until every loop has stopped (after `shutdown`), then stops the worker pool.
    public func run() {
        precondition(state.withLock { started }, "HTTPServer.run before start")
        // Each loop thread is joined once, even if run is called twice (a second join of a handle reads freed
        // memory); a second caller finds none left and goes straight on.
        let joining: [pthread_t] = state.withLock { defer { threads = [] }; return threads }
        for thread in joining { joinThread(thread) }
        workers?.stop()
        blockingWorkers?.stop()
    }

    /// Stops accepting and closes idle keep-alive connections. Graceful: in-flight requests finish (their
    /// responses carry `Connection: close`) within the grace period, then the rest are dropped. Not graceful:
    /// every connection is dropped now. Safe from any thread, any number of times; returns at once.
    public func shutdown(graceful: Bool = true) {
        for loop in loops { loop.post(.shutdown(graceful: graceful)) }
    }

    /// Makes SIGTERM and SIGINT call `shutdown(graceful: true)`, and a second one `shutdown(graceful: false)`.
    /// A small thread waits on an eventfd the C signal handler writes to, so no Swift code runs in signal context.
    /// Call after `start`.
    public func installSignalHandlers() throws {
        let bell = try Doorbell()
        guard CLinux_notifyOnTermination(bell.fd) == 0 else {
            throw IOError(errnoCode: errno, call: "sigaction")
        }
        startDetachedThread(name: "byline-signals") { [self] in
            var pollfd = Glibc.pollfd(fd: bell.fd, events: Int16(POLLIN), revents: 0)
            while true {
                let ready = Glibc.poll(&pollfd, 1, -1)
                if ready <= 0 { continue }
                guard bell.drain() > 0 else { continue }
                let first = state.withLock { () -> Bool in
                    shutdownRequests += 1
                    return shutdownRequests == 1
                }
                configuration.log(first ? "termination signal: draining (grace \(configuration.shutdownGracePeriod))"
                                        : "second termination signal: dropping all connections")
                shutdown(graceful: first)
                if !first { return }
            }
        }
    }
}
