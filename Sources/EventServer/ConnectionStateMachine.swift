// The life of one HTTP/1.1 connection as a value: an enum of states with the data each needs, and methods that
// take an event (bytes arrived, parse outcome, response ready, write finished, timeout, EOF, drain) and return
// the action the Connection must carry out (after swift-nio's typed state machines, e.g.
// `NIOTypedHTTPServerUpgraderStateMachine.swift`). No I/O here, so every transition can be unit-tested.
//
//   idle ──bytes──▶ readingHead ──head──▶ readingBody ──complete──▶ handling ──response──▶ writing
//     ▲                 │  (100 Continue when expected)                                        │
//     └──────── keep-alive ◀────────────────────────────────────────────────────────────────────┘
//   any reading state ──bad / timeout──▶ writing(then: .linger) ──▶ lingering ──EOF/timeout──▶ closed
//
// One request is in flight at a time: in `handling` and `writing` the connection does not read, so pipelined
// requests wait in the kernel or in the input buffer and are parsed only after the previous response is out.
import HTTP1

struct ConnectionStateMachine {
    /// Timeouts in milliseconds (see ServerConfiguration for their meaning).
    struct Timeouts {
        var header: Int64
        var body: Int64
        var keepAlive: Int64
        var write: Int64
        var linger: Int64
    }

    /// What happens once the response in `writing` has been sent.
    enum AfterWrite: Equatable {
        case keepAlive
        case close
        /// Half-close, then drain input briefly, so the client reads our error instead of a reset.
        case linger
    }

    enum State: Equatable {
        /// Between requests (or fresh): nothing of the next request has arrived.
        case idle
        /// Part of a request head has arrived.
        case readingHead
        /// The head is complete and the body is arriving.
        case readingBody(continueSent: Bool)
        /// The handler runs; input is paused. `keepAlive` is what the request allowed.
        case handling(keepAlive: Bool)
        /// A response is being written.
        case writing(then: AfterWrite)
        /// The write side is shut after a final error; input is read and discarded until EOF or the linger timeout.
        case lingering
        case closed
    }

    enum Action: Equatable {
        /// Nothing to do until more input arrives.
        case readMore
        /// Send the interim `100 Continue`, then keep reading the body.
        case sendContinue
        /// Run the handler for this request.
        case handle(HTTPRequestBox)
        /// Answer with this problem status and close (after lingering).
        case reject(HTTPStatus, detail: String)
        /// The response is out and the connection stays: parse buffered input or wait for the next request.
        case resume
        /// Half-close the write side and discard input until EOF.
        case startLingering
        /// Close the connection now, without a response.
        case close
        /// Nothing changes.
        case none
    }

    private(set) var state: State = .idle
    /// Requests taken from this connection so far.
    private(set) var served = 0
    /// Monotonic milliseconds when the current state times out; `Int64.max` when it cannot.
    private(set) var deadline: Int64
    /// Set on graceful shutdown: idle connections close, responses carry `Connection: close`.
    private(set) var draining = false

    let timeouts: Timeouts
    let maxRequests: Int

    init(now: Int64, timeouts: Timeouts, maxRequests: Int) {
        self.timeouts = timeouts
        self.maxRequests = max(1, maxRequests)
        // A fresh connection gets the header timeout from accept: a client that connects and says nothing is
        // a slowloris too.
        deadline = now + timeouts.header
    }

    /// Whether the connection wants input now.
    var acceptsInput: Bool {
        switch state {
        case .idle, .readingHead, .readingBody, .lingering: return true
        case .handling, .writing, .closed: return false
        }
    }

    /// Whether received bytes are to be parsed (not discarded).
    var parsesInput: Bool {
        switch state {
        case .idle, .readingHead, .readingBody: return true
        default: return false
        }
    }

    var isWriting: Bool {
        if case .writing = state { return true }
        return false
    }

    // MARK: events

    /// Some bytes arrived from the peer.
    mutating func bytesArrived(now: Int64) {
        switch state {
        case .idle:
            state = .readingHead
            // The header clock starts with the first byte of each kept-alive request; for the first request it
            // has run since accept.
            if served > 0 { deadline = now + timeouts.header }
        case .readingBody:
            deadline = now + timeouts.body
        default:
            break
        }
    }

    /// The parser's verdict on the buffered input.
    mutating func parsed(_ outcome: ParseOutcome, now: Int64) -> Action {
        switch outcome {
        case .complete(let request, _):
            served += 1
            let keepAlive = request.wantsKeepAlive && served < maxRequests && !draining
            state = .handling(keepAlive: keepAlive)
            deadline = .max
            return .handle(HTTPRequestBox(request))
        case .needMore(head: nil):
            if state == .idle { bytesArrived(now: now) }
            return .readMore
        case .needMore(head: let head?):
            switch state {
            case .readingBody(let sent):
                if head.expectsContinue && !sent {
                    state = .readingBody(continueSent: true)
                    return .sendContinue
                }
                return .readMore
            default:
                state = .readingBody(continueSent: head.expectsContinue)
                deadline = now + timeouts.body
                return head.expectsContinue ? .sendContinue : .readMore
            }
        case .bad(let error):
            state = .writing(then: .linger)
            deadline = now + timeouts.write
            return .reject(error.status, detail: error.detail)
        }
    }

    /// The handler's response is ready. Returns whether it may keep the connection alive.
    mutating func responseReady(now: Int64, handlerWantsClose: Bool) -> Bool {
        guard case .handling(let keepAlive) = state else {
            preconditionFailure("response ready in state \(state)")
        }
        let keep = keepAlive && !handlerWantsClose && !draining
        state = .writing(then: keep ? .keepAlive : .close)
        deadline = now + timeouts.write
        return keep
    }

    /// Some response bytes went out (a slow reader gets the write timeout between two progresses).
    mutating func writeProgressed(now: Int64) {
        if case .writing = state { deadline = now + timeouts.write }
    }

    /// The whole response is out. `hasUnreadInput`: the client sent bytes we will not parse, so closing now could
    /// reset the connection before it reads our answer.
    mutating func writeCompleted(now: Int64, hasUnreadInput: Bool) -> Action {
        guard case .writing(let then) = state else { return .none }
        switch then {
        case .keepAlive:
            state = .idle
            deadline = now + timeouts.keepAlive
            return .resume
        case .close where !hasUnreadInput:
            state = .closed
            return .close
        case .close, .linger:
            state = .lingering
            deadline = now + timeouts.linger
            return .startLingering
        }
    }

    /// The current deadline has passed.
    mutating func timedOut(now: Int64) -> Action {
        guard now >= deadline else { return .none }
        switch state {
        case .idle, .writing, .lingering:
            state = .closed
            return .close
        case .readingHead, .readingBody:
            let what = state == .readingHead ? "request head" : "request body"
            state = .writing(then: .linger)
            deadline = now + timeouts.write
            return .reject(.requestTimeout, detail: "The \(what) did not arrive in time.")
        case .handling, .closed:
            return .none
        }
    }

    /// The peer closed its side (or the transport failed): nothing more can be read.
    mutating func inputEnded() -> Action {
        switch state {
        case .idle, .readingHead, .readingBody, .lingering:
            state = .closed
            return .close
        case .handling, .writing, .closed:
            // Half-close: the request in flight still gets its response; the connection closes after it.
            return .none
        }
    }

    /// Graceful shutdown has begun.
    mutating func beginDraining() -> Action {
        draining = true
        if state == .idle {
            state = .closed
            return .close
        }
        return .none
    }

    mutating func closed() {
        state = .closed
        deadline = .max
    }
}

/// Wraps a request so `Action` can be Equatable (requests are compared by identity of the box in tests).
struct HTTPRequestBox: Equatable {
    let request: HTTPRequest
    init(_ request: HTTPRequest) { self.request = request }
    static func == (a: HTTPRequestBox, b: HTTPRequestBox) -> Bool {
        a.request.method == b.request.method && a.request.target == b.request.target && a.request.body == b.request.body
    }
}
