// One thread, one epoll instance, its own listeners and the connections it accepted (shared-nothing, like one
// nginx worker). Each turn: wait (at most until the next timeout sweep), dispatch ready descriptors, run
// connections that have work left over from a bounded turn, drain the inbox of responses from workers, and
// sweep deadlines.
//
// Timeouts: every connection carries one deadline (from its state machine); the loop sweeps its live list every
// `sweepInterval` (at most 250 ms, a fifth of the shortest timeout) and fires the passed ones. That is Redis's
// `clientsCron` approach: a comparison per connection per sweep costs ~10 µs per 10,000 connections, with no
// allocation when a deadline moves (which happens on every request), unlike a heap or wheel with re-insertion.
//
// Tokens in epoll data: low 32 bits the descriptor, high 32 bits a registration id (0 for listeners and the
// doorbell). A connection closed and its descriptor reused within one batch gets a new id, so stale events for the
// old one are dropped.
import Glibc
import HTTP1
import CLinux
import Synchronization

final class EventLoop: @unchecked Sendable {
    // @unchecked: everything but `inbox` (under `inboxLock`) and `doorbell` is touched only by the loop thread.

    enum Message {
        case response(fd: Int32, id: UInt32, HTTPResponse)
        case shutdown(graceful: Bool)
        /// A connection another loop accepted and hands over (its count is already reserved here).
        case adopt(AcceptedSocket, ListenerSpec)
    }

    static let readsPerTurn = 16
    static let bytesPerTurn = 256 * 1024
    static let requestsPerTurn = 16
    static let acceptsPerTurn = 64
    static let scratchSize = 64 * 1024
    // Computed: as a stored global it was read through a lazy-initialisation check on every event.
    static var errorEvents: UInt32 { CLinux_EPOLLERR | CLinux_EPOLLHUP }
    /// How long to stop accepting after EMFILE/ENFILE.
    static let descriptorBackOff: Int64 = 100

    let index: Int
    let configuration: ServerConfiguration
    let timeouts: ConnectionStateMachine.Timeouts
    let handler: any RequestHandler
    let workers: WorkerPool
    let blockingWorkers: WorkerPool
    let accessLog: (@Sendable (AccessLogEntry) -> Void)?
    /// Shared read buffer: each connection reads here and keeps only what it cannot parse at once.
    let scratch: UnsafeMutableRawBufferPointer
    /// Largest unparsed input a connection may hold (parser limits plus one read).
    let inputCap: Int
    let maxConnections: Int

    private let epoll: Epoll
    private let doorbell: Doorbell
    private var listeners: [Listener]
    private var connections: [Connection?] = []
    private var live: [Connection] = []
    private var runnable: [Connection] = []
    private var nextID: UInt32 = 0
    private let sweepInterval: Int64
    private var nextSweep: Int64 = 0
    private var lastDescriptorWarning: Int64?
    /// TLS handshake failures are logged at most this often (a scanner can fail thousands per second).
    private var handshakeLogBudget = LogBudget(linesPerWindow: 10, windowMilliseconds: 10_000)
    /// Likewise for requests answered with a 4xx/5xx before routing (malformed, too large, too slow).
    private var rejectionLogBudget = LogBudget(linesPerWindow: 10, windowMilliseconds: 10_000)

    /// Connections open on this loop, plus those handed to it and not yet registered; read by other loops when
    /// they balance and by `HTTPServer.statistics`.
    let openConnections = Atomic<Int>(0)
    /// Every loop of the server (this one included), set before the threads start; empty means no balancing.
    var peers: [EventLoop] = []

    private(set) var now: Int64
    /// The IMF-fixdate for the Date header, recomputed when the second changes.
    private(set) var date: String = ""
    private var dateSecond = -1

    private(set) var isDraining = false
    /// `isDraining` for other loops: a draining loop gets no connections handed to it.
    let isDrainingFlag = Atomic<Bool>(false)
    private var drainDeadline: Int64 = .max
    private var stopped = false

    private let inboxLock = ConditionLock()
    private var inbox: [Message] = []
    /// Set (under `inboxLock`) by the loop's last sweep of the inbox: later messages are refused, not lost.
    private var inboxClosed = false

    init(index: Int, configuration: ServerConfiguration, listeners: [Listener], handler: any RequestHandler,
         workers: WorkerPool, blockingWorkers: WorkerPool? = nil,
         accessLog: (@Sendable (AccessLogEntry) -> Void)?) throws {
        self.index = index
        self.configuration = configuration
        timeouts = ConnectionStateMachine.Timeouts(
            header: configuration.headerTimeout.milliseconds, body: configuration.bodyTimeout.milliseconds,
            keepAlive: configuration.keepAliveTimeout.milliseconds, write: configuration.writeTimeout.milliseconds,
            linger: configuration.lingerTimeout.milliseconds)
        let shortest = [timeouts.header, timeouts.body, timeouts.keepAlive, timeouts.write, timeouts.linger].min()!
        sweepInterval = min(250, max(10, shortest / 5))
        self.handler = handler
        self.workers = workers
        self.blockingWorkers = blockingWorkers ?? workers
        self.accessLog = accessLog
        self.listeners = listeners
        let loops = max(1, configuration.eventLoopCount)
        maxConnections = max(1, (configuration.maxConnections + loops - 1) / loops)
        inputCap = configuration.limits.maxHeadBytes + configuration.limits.maxBodyBytes + 2 * Self.bytesPerTurn
        scratch = .allocate(byteCount: Self.scratchSize, alignment: 16)
        epoll = try Epoll(capacity: 512)
        doorbell = try Doorbell()
        now = monotonicMilliseconds()
        try epoll.add(doorbell.fd, interest: .read, token: UInt64(UInt32(bitPattern: doorbell.fd)))
        for listener in listeners {
            try epoll.add(listener.fd, interest: .read, token: UInt64(UInt32(bitPattern: listener.fd)))
        }
        refreshDate()
    }

    deinit {
        scratch.deallocate()
    }

    // MARK: cross-thread entry

    /// Hands a message to the loop from any thread; false when the loop has finished and will read no more
    /// (a connection handed over then must be served by the sender).
    @discardableResult
    func post(_ message: Message) -> Bool {
        let accepted = inboxLock.withLock { () -> Bool in
            guard !inboxClosed else { return false }
            inbox.append(message)
            return true
        }
        if accepted { doorbell.ring() }
        return accepted
    }

    // MARK: the loop

    func run() {
        nextSweep = now + sweepInterval
        while !stopped {
            let timeout = runnable.isEmpty ? Int32(clamping: max(0, nextSweep - now)) : 0
            do {
                try epoll.wait(timeoutMilliseconds: timeout) { token, events in
                    self.dispatch(token: token, events: events)
                }
            } catch {
                configuration.log("loop \(index): \(error)")
            }
            now = monotonicMilliseconds()
            refreshDate()
            runRunnable()
            if now >= nextSweep {
                sweep()
                nextSweep = now + sweepInterval
            }
            if isDraining && (live.isEmpty || now >= drainDeadline) {
                if !live.isEmpty {
                    configuration.log("loop \(index): grace period over, dropping \(live.count) connections")
                }
                stopped = true
            }
        }
        for connection in live { connection.close() }
        for listener in listeners { epoll.remove(listener.fd) }
        listeners = []
        // Break the loops' reference cycle, and close connections handed over too late to be served.
        peers = []
        let late = inboxLock.withLock { () -> [Message] in
            inboxClosed = true
            defer { inbox = [] }
            return inbox
        }
        for case .adopt(let socket, _) in late {
            closeDescriptor(socket.fd)
            openConnections.subtract(1, ordering: .relaxed)
        }
    }

    private func dispatch(token: UInt64, events: UInt32) {
        let fd = Int32(bitPattern: UInt32(truncatingIfNeeded: token))
        let id = UInt32(truncatingIfNeeded: token >> 32)
        if id == 0 {
            if fd == doorbell.fd {
                doorbell.drain()
                drainInbox()
            } else if let listener = listeners.first(where: { $0.fd == fd }) {
                acceptConnections(on: listener)
            }
            return
        }
        guard Int(fd) < connections.count, let connection = connections[Int(fd)], connection.id == id else {
            return  // stale: the connection closed earlier in this batch
        }
        connection.handleEvents(events, now: now)
    }

    private func drainInbox() {
        let messages = inboxLock.withLock { () -> [Message] in
            let taken = inbox
            inbox = []
            return taken
        }
        for message in messages {
            switch message {
            case .response(let fd, let id, let response):
                guard Int(fd) < connections.count, let connection = connections[Int(fd)], connection.id == id else {
                    continue  // the client went away while a worker handled its request
                }
                connection.handleResponse(response, now: now)
            case .shutdown(let graceful):
                beginShutdown(graceful: graceful)
            case .adopt(let socket, let spec):
                register(socket, spec: spec)
            }
        }
    }

    private func runRunnable() {
        guard !runnable.isEmpty else { return }
        let batch = runnable
        runnable = []
        for connection in batch where !connection.isClosed {
            connection.handleRunnable(now: now)
        }
    }

    func scheduleRunnable(_ connection: Connection) {
        runnable.append(connection)
    }

    private func sweep() {
        var index = 0
        while index < live.count {
            let connection = live[index]
            if connection.machine.deadline <= now {
                connection.handleTimeout(now: now)
            }
            // A closed connection was swapped out of `index`; look at the one that took its place.
            if index < live.count && live[index] === connection { index += 1 }
        }
        for listener in listeners where listener.backOffUntil != 0 && now >= listener.backOffUntil {
            listener.backOffUntil = 0
            setPolled(listener, hasRoom)
        }
    }

    // MARK: accepting

    private func acceptConnections(on listener: Listener) {
        for _ in 0..<Self.acceptsPerTurn {
            guard hasRoom else {
                // Stop polling until a connection closes; new clients wait in the backlog (connectionClosed).
                setPolled(listener, false)
                return
            }
            switch listener.acceptOne() {
            case .accepted(let socket):
                if let peer = lessLoadedPeer() {
                    guard !peer.post(.adopt(socket, listener.spec)) else { break }
                    // The peer has stopped (shutdown reached it first): serve the connection here.
                    peer.openConnections.subtract(1, ordering: .relaxed)
                }
                if reserveSlot() {
                    register(socket, spec: listener.spec)
                } else {
                    // A peer's hand-off took the last slot since the check above: the limit holds exactly,
                    // as with nginx when worker_connections run out.
                    closeDescriptor(socket.fd)
                }
            case .drained:
                return
            case .outOfDescriptors(let error):
                if lastDescriptorWarning.map({ now - $0 > 10_000 }) ?? true {
                    configuration.log("loop \(index): \(error); not accepting for \(Self.descriptorBackOff) ms")
                    lastDescriptorWarning = now
                }
                listener.backOffUntil = now + Self.descriptorBackOff
                setPolled(listener, false)
                return
            case .skipped:
                continue
            }
        }
    }

    /// The loop to hand a new connection to, when this one has clearly more: the kernel's SO_REUSEPORT hash
    /// spreads connections only on average (64 wrk connections arrived 48/16 on two loops), and the loop with
    /// three times the connections gave its clients three times the latency, which made the p99. Reserves the
    /// slot on the peer at once, so a burst of accepts does not overshoot. The slack keeps short-lived
    /// connections (Connection: close) from bouncing between loops for a difference of one or two.
    private func lessLoadedPeer() -> EventLoop? {
        guard peers.count > 1 else { return nil }
        let mine = openConnections.load(ordering: .relaxed)
        var best: EventLoop?
        var bestLoad = Int.max
        for peer in peers where peer !== self && !peer.isDrainingFlag.load(ordering: .relaxed) {
            let load = peer.openConnections.load(ordering: .relaxed)
            if load < bestLoad {
                best = peer
                bestLoad = load
            }
        }
        guard let best, mine >= bestLoad + 2 + mine / 16, best.reserveSlot() else { return nil }
        return best
    }

    /// Whether this loop is under its share of max-connections, counting hand-offs reserved but not yet adopted.
    private var hasRoom: Bool { openConnections.load(ordering: .relaxed) < maxConnections }

    /// Counts one more connection here unless that would pass the limit. A compare-and-swap, because the owning
    /// loop and its peers (handing over) reserve concurrently; a load-then-add let each of them overshoot by one.
    func reserveSlot() -> Bool {
        var current = openConnections.load(ordering: .relaxed)
        while current < maxConnections {
            let (exchanged, original) = openConnections.compareExchange(
                expected: current, desired: current + 1, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
        return false
    }

    /// Takes a connection into this loop; its slot is already reserved here (reserveSlot), by this loop or the
    /// one that handed it over.
    private func register(_ socket: AcceptedSocket, spec: ListenerSpec) {
        Socket.setNoDelay(socket.fd)
        let transport: any ConnectionTransport
        do {
            transport = try spec.makeTransport(socket.fd)
        } catch {
            configuration.log("loop \(index): cannot set up transport for \(socket.address): \(error)")
            closeDescriptor(socket.fd)
            openConnections.subtract(1, ordering: .relaxed)
            return
        }
        nextID = nextID == .max ? 1 : nextID + 1
        let client = ClientInfo(address: socket.address, port: socket.port, isTLS: transport.isTLS)
        let connection = Connection(fd: socket.fd, id: nextID, client: client, counters: spec.counters,
                                    transport: transport, loop: self, now: now)
        do {
            try epoll.add(socket.fd, interest: connection.interest, token: token(connection))
        } catch {
            configuration.log("loop \(index): \(error)")
            closeDescriptor(socket.fd)
            openConnections.subtract(1, ordering: .relaxed)
            return
        }
        let slot = Int(socket.fd)
        if slot >= connections.count {
            connections.append(contentsOf: repeatElement(nil, count: max(slot + 1 - connections.count, 64)))
        }
        connections[slot] = connection
        connection.liveIndex = live.count
        live.append(connection)
        spec.counters.connectionOpened()
        if isDraining {
            connection.beginDraining(now: now)
        } else {
            connection.start(now: now)
        }
    }

    private func setPolled(_ listener: Listener, _ polled: Bool) {
        guard listener.isPolled != polled, !isDraining else { return }
        listener.isPolled = polled
        do {
            try epoll.modify(listener.fd, interest: polled ? .read : .none,
                             token: UInt64(UInt32(bitPattern: listener.fd)))
        } catch {
            configuration.log("loop \(index): \(error)")
        }
    }

    // MARK: output buffers

    /// Spare output buffers, lent to a connection while it has a response to write (nginx likewise reuses
    /// freed output buffers rather than allocating one per response).
    private var spareOutputs: [[UInt8]] = []
    static let spareOutputCapacity = 16 * 1024
    static let maxSpareOutputs = 64

    func takeSpareOutput() -> [UInt8] {
        spareOutputs.popLast() ?? []
    }

    /// Takes back a connection's sent buffer, emptied; one that grew large (a big body) is released instead.
    func returnSpareOutput(_ buffer: inout [UInt8]) {
        let capacity = buffer.capacity
        if capacity > 0 && capacity <= Self.spareOutputCapacity && spareOutputs.count < Self.maxSpareOutputs {
            buffer.removeAll(keepingCapacity: true)
            spareOutputs.append(buffer)
        }
        buffer = []
    }

    // MARK: connection bookkeeping

    private func token(_ connection: Connection) -> UInt64 {
        UInt64(connection.id) << 32 | UInt64(UInt32(bitPattern: connection.fd))
    }

    func updateInterest(_ connection: Connection) {
        do {
            try epoll.modify(connection.fd, interest: connection.interest, token: token(connection))
        } catch {
            configuration.log("loop \(index): \(error)")
            connection.close()
        }
    }

    /// Called by `Connection.close()`: forget it and release the descriptor (which also leaves epoll).
    func connectionClosed(_ connection: Connection) {
        connections[Int(connection.fd)] = nil
        let index = connection.liveIndex
        let last = live.removeLast()
        if last !== connection {
            live[index] = last
            last.liveIndex = index
        }
        connection.liveIndex = -1
        closeDescriptor(connection.fd)
        connection.counters.connectionClosed()
        openConnections.subtract(1, ordering: .relaxed)
        if hasRoom {
            for listener in listeners where !listener.isPolled && listener.backOffUntil == 0 {
                setPolled(listener, true)
            }
        }
    }

    /// One line per failed TLS handshake, within this loop's budget; the suppressed ones are counted into the
    /// next line that gets through. The counters in /metrics see every failure either way.
    func logHandshakeFailure(client: ClientInfo, reason: TLSHandshakeFailure, detail: String) {
        guard let log = configuration.clientLog else { return }
        guard let suppressed = handshakeLogBudget.take(now: now) else { return }
        let note = suppressed > 0 ? " (\(suppressed) more not logged)" : ""
        log("TLS handshake failed from \(client.address):\(client.port): \(reason.rawValue): \(detail)\(note)")
    }

    /// A request refused before routing, within this loop's budget: to `clientLog`, or `log` when there is none.
    func logRejection(_ line: String) {
        guard let suppressed = rejectionLogBudget.take(now: now) else { return }
        let note = suppressed > 0 ? " (\(suppressed) more not logged)" : ""
        (configuration.clientLog ?? configuration.log)(line + note)
    }

    // MARK: shutdown

    private func beginShutdown(graceful: Bool) {
        if !isDraining {
            isDraining = true
            isDrainingFlag.store(true, ordering: .relaxed)
            drainDeadline = now + configuration.shutdownGracePeriod.milliseconds
            for listener in listeners { epoll.remove(listener.fd) }
            listeners = []
            for connection in live { connection.beginDraining(now: now) }
        }
        if !graceful { drainDeadline = now }
    }

    // MARK: clocks

    private func refreshDate() {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME_COARSE, &spec)
        let second = spec.tv_sec
        if second != dateSecond {
            dateSecond = second
            date = HTTPDate.format(epochSeconds: second)
        }
    }
}

/// Monotonic milliseconds (never jumps with the wall clock).
func monotonicMilliseconds() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
}
