// One accepted connection on its event loop: owns the descriptor, the transport, the parser and the buffers,
// and carries out the actions its ConnectionStateMachine returns. Only the owning loop's thread touches it.
//
// Input: bytes are read into the loop's shared scratch buffer and parsed from there when nothing is pending
// (the common case costs no copy); whatever is left unparsed is copied into `input`, which is released when the
// connection goes idle, so an idle keep-alive connection holds no buffer at all.
// Output: a response is serialized into the connection's buffer (kept when small, else borrowed from and given
// back to the loop) and written at once; the loop polls for writability only if bytes remain.
import Glibc
import HTTP1

final class Connection {
    let fd: Int32
    let id: UInt32
    let client: ClientInfo
    /// The counters of the listener that accepted it (open connections, handshakes).
    let counters: ListenerCounters
    private let transport: any ConnectionTransport
    /// The loop owns its connections and outlives them; `unowned(unsafe)` because the checked form cost a
    /// strong retain and release per access (swift_unownedRetainStrong showed in profiles, several per request).
    private unowned(unsafe) let loop: EventLoop
    private(set) var machine: ConnectionStateMachine
    private var parser: RequestParser

    /// Unparsed input kept across wakeups.
    private var input: [UInt8] = []
    /// Unparsed input still in the loop's scratch buffer: valid only during the current `handle…` call.
    private var freshStart = 0
    private var freshCount = 0
    /// Bytes not yet parsed since the last parse attempt.
    private var needsParse = false
    /// The peer shut its write side (or the transport failed reading): no more input will come.
    private var inputClosed = false

    private var output: [UInt8] = []
    private var outputSent = 0

    private var handshaking = true
    private var readWantsWrite = false
    private var writeWantsRead = false
    /// What is registered in epoll now.
    private(set) var interest: Interest = .read
    /// Position in the loop's list of live connections (for O(1) removal).
    var liveIndex = -1
    private(set) var isClosed = false

    /// The request in flight, for HEAD handling, HTTP/1.0 keep-alive and the access log.
    private var current: (method: HTTPMethod, target: String, version: HTTPVersion, start: Int64)?

    init(fd: Int32, id: UInt32, client: ClientInfo, counters: ListenerCounters, transport: any ConnectionTransport,
         loop: EventLoop, now: Int64) {
        self.fd = fd
        self.id = id
        self.client = client
        self.counters = counters
        self.transport = transport
        self.loop = loop
        machine = ConnectionStateMachine(now: now, timeouts: loop.timeouts,
                                         maxRequests: loop.configuration.maxRequestsPerConnection)
        parser = RequestParser(limits: loop.configuration.limits)
    }

    private var hasUnparsed: Bool { freshCount > 0 || !input.isEmpty }

    // MARK: entry points from the loop

    /// Called once after registration.
    func start(now: Int64) {
        advanceHandshake()
        finishTurn(now: now)
    }

    /// epoll reported `events` for this descriptor.
    func handleEvents(_ events: UInt32, now: Int64) {
        let failed = events & (EventLoop.errorEvents) != 0
        let readable = events & Interest.read.rawValue != 0 || failed
        let writable = events & Interest.write.rawValue != 0 || failed
        if failed && !machine.acceptsInput && output.isEmpty {
            // An error or hang-up while the handler runs: level-triggered epoll would report it forever, and
            // nobody can receive the answer. Drop the connection; the worker's response will find it gone.
            close()
            return
        }
        if handshaking {
            advanceHandshake()
            if handshaking || isClosed {
                finishTurn(now: now)
                return
            }
        }
        if !output.isEmpty && (writable || (writeWantsRead && readable)) {
            guard flush(now: now) else { return }
        }
        if machine.acceptsInput && !inputClosed && (readable || (readWantsWrite && writable)) {
            readInput(now: now)
            if isClosed { return }
        }
        drive(now: now)
    }

    /// The loop scheduled this connection again without an epoll event (work left over from a bounded turn,
    /// or input decrypted inside the transport).
    func handleRunnable(now: Int64) {
        if machine.acceptsInput && !inputClosed && transport.hasBufferedInput {
            readInput(now: now)
            if isClosed { return }
        }
        needsParse = needsParse || (hasUnparsed && machine.parsesInput)
        drive(now: now)
    }

    /// A worker finished the handler for the request in flight.
    func handleResponse(_ response: HTTPResponse, now: Int64) {
        respond(response, now: now)
        drive(now: now)
    }

    /// The loop's sweep found the deadline passed.
    func handleTimeout(now: Int64) {
        if handshaking { handshakeFailed(.timeout, detail: "no handshake within the header timeout") }
        perform(machine.timedOut(now: now), now: now)
        if !isClosed { drive(now: now) }
    }

    /// Graceful shutdown started.
    func beginDraining(now: Int64) {
        perform(machine.beginDraining(), now: now)
        if !isClosed { finishTurn(now: now) }
    }

    // MARK: the work loop

    /// Parses, handles and writes until the connection has to wait for the network, a worker or its next turn.
    private func drive(now: Int64) {
        var requestBudget = EventLoop.requestsPerTurn
        while !isClosed {
            if !output.isEmpty {
                guard flush(now: now) else { return }
                if !output.isEmpty { break }
            }
            if machine.isWriting {
                // The response is out (flushed here or by an earlier writability event).
                perform(machine.writeCompleted(now: now, hasUnreadInput: hasUnparsed), now: now)
                continue
            }
            guard machine.parsesInput && needsParse else { break }
            if requestBudget == 0 {
                loop.scheduleRunnable(self)
                break
            }
            requestBudget -= 1
            needsParse = false
            perform(machine.parsed(parseBuffered(), now: now), now: now)
        }
        if inputClosed && !isClosed && machine.parsesInput && !needsParse {
            // The peer will send nothing more and what it sent is not a whole request.
            perform(machine.inputEnded(), now: now)
        }
        finishTurn(now: now)
    }

    private func perform(_ action: ConnectionStateMachine.Action, now: Int64) {
        switch action {
        case .readMore, .none:
            break
        case .sendContinue:
            enqueue(ResponseSerializer.interim100Continue())
        case .handle(let box):
            dispatch(box.request, now: now)
        case .reject(let status, let detail):
            current = current ?? (HTTPMethod("-"), "-", .http1_1, now)
            let response = HTTPError.problem(status, detail: detail)
            enqueue(ResponseSerializer.serialize(response, headOnly: false, keepAlive: false, date: loop.date))
            logAccess(response, now: now)
            loop.logRejection("\(client.address):\(client.port) answered \(status.code) and closed: \(detail)")
        case .resume:
            if !hasUnparsed {
                // Idle between requests: hold no buffer.
                input = []
                if inputClosed { perform(machine.inputEnded(), now: now) }
            } else {
                needsParse = true
            }
        case .startLingering:
            input = []
            freshCount = 0
            needsParse = false
            transport.shutdown()
            if inputClosed { close() }
        case .close:
            // An orderly close: TLS sends close_notify first, so strict clients see no truncation.
            transport.shutdown()
            close()
        }
    }

    private func dispatch(_ request: HTTPRequest, now: Int64) {
        current = (request.method, request.target, request.version, now)
        let handler = loop.handler
        let client = self.client
        let placement = handler.placement(for: request)
        switch placement {
        case .eventLoop:
            respond(handler.handle(request, client: client), now: now)
        case .workerPool, .blockingPool:
            let (fd, id, loop) = (self.fd, self.id, self.loop)
            let pool = placement == .workerPool ? loop.workers : loop.blockingWorkers
            pool.submit {
                let response = handler.handle(request, client: client)
                loop.post(.response(fd: fd, id: id, response))
            }
        }
    }

    private func respond(_ response: HTTPResponse, now: Int64) {
        // A loop over the fields: `values` built two arrays per response, and most responses have no such field.
        let wantsClose = response.headers.contains { field in
            field.name.utf8.count == 10 && field.name.lowercased() == "connection"
                && field.value.lowercased().contains("close")
        }
        let keepAlive = machine.responseReady(now: now, handlerWantsClose: wantsClose || inputClosed)
        let headOnly = current?.method == .head
        prepareOutput()
        if keepAlive && current?.version == .http1_0 {
            // HTTP/1.0 closes by default; say we keep it open since the client asked (RFC 9112 §9.3).
            var response = response
            response.headers.set("Connection", "keep-alive")
            ResponseSerializer.serialize(response, headOnly: headOnly, keepAlive: true, date: loop.date, into: &output)
        } else {
            ResponseSerializer.serialize(response, headOnly: headOnly, keepAlive: keepAlive, date: loop.date,
                                         into: &output)
        }
        logAccess(response, now: now)
    }

    private func logAccess(_ response: HTTPResponse, now: Int64) {
        guard let log = loop.accessLog, let current else { return }
        log(AccessLogEntry(method: current.method.rawValue, target: current.target, status: response.status.code,
                           bytes: response.body.count,
                           duration: .milliseconds(max(0, now - current.start)), client: client,
                           requestID: response.headers["X-Request-Id"]))
        self.current = nil
    }

    // MARK: input

    /// Reads what the socket has, bounded per turn so one busy client cannot starve the loop (libuv reads at most
    /// 32 times per event; level-triggered epoll reports the rest next turn).
    private func readInput(now: Int64) {
        readWantsWrite = false
        var total = 0
        for _ in 0..<EventLoop.readsPerTurn {
            stashFresh()
            let result = transport.read(into: loop.scratch)
            switch result {
            case .done(let n):
                total += n
                if machine.parsesInput {
                    machine.bytesArrived(now: now)
                    needsParse = true
                    // Parse straight from scratch when nothing is pending; otherwise append.
                    if input.isEmpty {
                        freshStart = 0
                        freshCount = n
                    } else {
                        input.append(contentsOf: UnsafeRawBufferPointer(rebasing: loop.scratch[0..<n]))
                    }
                }
                if input.count > loop.inputCap {
                    // The parser bounds head and body, so this means a bug or a limit set inconsistently.
                    let error = HTTPParseError(status: .payloadTooLarge, detail: "The request is too large.")
                    perform(machine.parsed(.bad(error), now: now), now: now)
                    return
                }
                if n < loop.scratch.count || total >= EventLoop.bytesPerTurn { return }
            case .wantRead:
                return
            case .wantWrite:
                readWantsWrite = true
                return
            case .closed:
                inputClosed = true
                if !machine.parsesInput || !hasUnparsed { perform(machine.inputEnded(), now: now) }
                return
            case .failed:
                // A reset peer: nothing can be answered.
                close()
                return
            }
        }
    }

    /// Moves input that still lives in the shared scratch buffer into `input` (before scratch is reused).
    private func stashFresh() {
        guard freshCount > 0 else { return }
        input.append(contentsOf: UnsafeRawBufferPointer(rebasing: loop.scratch[freshStart..<(freshStart + freshCount)]))
        freshCount = 0
    }

    private func parseBuffered() -> ParseOutcome {
        if freshCount > 0 && input.isEmpty {
            let window = UnsafeRawBufferPointer(rebasing: loop.scratch[freshStart..<(freshStart + freshCount)])
            let outcome = parser.parse(window)
            if case .complete(_, let consumed) = outcome {
                // The parser has reset itself for the next request.
                freshStart += consumed
                freshCount -= consumed
            } else {
                stashFresh()
            }
            return outcome
        }
        stashFresh()
        let outcome = input.withUnsafeBytes { parser.parse($0) }
        if case .complete(_, let consumed) = outcome {
            input.removeFirst(consumed)
        }
        return outcome
    }

    // MARK: output

    private func enqueue(_ bytes: [UInt8]) {
        prepareOutput()
        output.append(contentsOf: bytes)
    }

    /// Makes `output` ready for appending: when nothing is pending the send position restarts, and a connection
    /// without a buffer borrows one of the loop's spares (so a response costs no allocation).
    static let keptOutputCapacity = 1024

    private func prepareOutput() {
        guard output.isEmpty else { return }
        outputSent = 0
        if output.capacity == 0 { output = loop.takeSpareOutput() }
    }

    /// Writes as much as the socket takes. Returns false when the connection was closed.
    private func flush(now: Int64) -> Bool {
        writeWantsRead = false
        while outputSent < output.count {
            let result = output.withUnsafeBytes { transport.write(UnsafeRawBufferPointer(rebasing: $0[outputSent...])) }
            switch result {
            case .done(let n):
                outputSent += n
                machine.writeProgressed(now: now)
            case .wantWrite:
                return true
            case .wantRead:
                writeWantsRead = true
                return true
            case .closed, .failed:
                close()
                return false
            }
        }
        // Everything is out. A small buffer stays for the next response (an idle connection may hold up to
        // `keptOutputCapacity`); a larger one goes back to the loop, so idle connections hold no big buffers.
        if output.capacity <= Self.keptOutputCapacity {
            output.removeAll(keepingCapacity: true)
        } else {
            loop.returnSpareOutput(&output)
        }
        outputSent = 0
        return true
    }

    // MARK: readiness and closing

    private func advanceHandshake() {
        let result = transport.handshake()
        switch result {
        case .done:
            handshaking = false
            if transport.isTLS { counters.handshakeCompleted() }
        case .wantRead:
            interestWanted = .read
        case .wantWrite:
            interestWanted = .write
        case .closed:
            handshakeFailed(transport.handshakeFailure ?? .closed, detail: "closed by the peer")
            close()
        case .failed(let detail):
            handshakeFailed(transport.handshakeFailure ?? .protocolError, detail: detail)
            close()
        }
    }

    private func handshakeFailed(_ reason: TLSHandshakeFailure, detail: String) {
        guard transport.isTLS else { return }
        counters.handshakeFailed(reason)
        // A peer that connects and leaves (a port check, a load balancer probe) is counted, not logged.
        if reason != .closed { loop.logHandshakeFailure(client: client, reason: reason, detail: detail) }
    }

    private var interestWanted: Interest = .read

    /// Stores what is left in scratch and registers the interest the current state needs.
    private func finishTurn(now: Int64) {
        guard !isClosed else { return }
        stashFresh()
        var wanted: Interest = []
        if handshaking {
            wanted = interestWanted
        } else {
            if !output.isEmpty { wanted.insert(writeWantsRead ? .read : .write) }
            if machine.acceptsInput && !inputClosed { wanted.insert(readWantsWrite ? .write : .read) }
            if machine.acceptsInput && !inputClosed && transport.hasBufferedInput { loop.scheduleRunnable(self) }
        }
        if wanted != interest {
            interest = wanted
            loop.updateInterest(self)
        }
    }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        machine.closed()
        input = []
        output = []
        freshCount = 0
        loop.connectionClosed(self)
    }
}
