// Transitions of ConnectionStateMachine without sockets: each case is a named script of events with the action
// and state expected after each step.
@testable import HTTP1
import Testing
@testable import EventServer

private let timeouts = ConnectionStateMachine.Timeouts(header: 100, body: 200, keepAlive: 300, write: 400, linger: 50)

private func request(_ connection: String = "", version: HTTPVersion = .http1_1) -> ParseOutcome {
    var headers: HTTPHeaders = ["Host": "t"]
    if !connection.isEmpty { headers.add("Connection", connection) }
    return .complete(HTTPRequest(method: .get, target: "/", version: version, headers: headers), consumed: 10)
}

private func head(expectsContinue: Bool) -> ParseOutcome {
    .needMore(head: RequestHeadInfo(method: .post, target: "/", version: .http1_1, headers: ["Host": "t"],
                                    expectsContinue: expectsContinue, contentLength: 5, isChunked: false))
}

/// One step of a script: feed an event at time `at`, expect an action (nil: do not check) and a state.
enum Event {
    case bytes
    case parsed(ParseOutcome)
    case response(handlerWantsClose: Bool)
    case written(unreadInput: Bool)
    case tick
    case eof
    case drain
}

struct Step {
    var at: Int64
    var event: Event
    var action: ConnectionStateMachine.Action?
    var state: ConnectionStateMachine.State
    init(_ at: Int64, _ event: Event, _ action: ConnectionStateMachine.Action?, _ state: ConnectionStateMachine.State) {
        (self.at, self.event, self.action, self.state) = (at, event, action, state)
    }
}

struct Script: CustomTestStringConvertible, Sendable {
    var name: String
    var maxRequests = 1000
    var steps: @Sendable () -> [Step]
    var testDescription: String { name }
}

let scripts: [Script] = [
    Script(name: "keep-alive request goes back to idle with the keep-alive deadline") {
        [Step(0, .bytes, nil, .readingHead),
         Step(1, .parsed(request()), nil, .handling(keepAlive: true)),
         Step(2, .response(handlerWantsClose: false), nil, .writing(then: .keepAlive)),
         Step(3, .written(unreadInput: false), .resume, .idle),
         Step(302, .tick, ConnectionStateMachine.Action.none, .idle),
         Step(303, .tick, .close, .closed)]
    },
    Script(name: "Connection: close request closes after its response") {
        [Step(0, .parsed(request("close")), nil, .handling(keepAlive: false)),
         Step(1, .response(handlerWantsClose: false), nil, .writing(then: .close)),
         Step(2, .written(unreadInput: false), .close, .closed)]
    },
    Script(name: "close with unread input lingers instead of resetting") {
        [Step(0, .parsed(request("close")), nil, .handling(keepAlive: false)),
         Step(1, .response(handlerWantsClose: false), nil, .writing(then: .close)),
         Step(2, .written(unreadInput: true), .startLingering, .lingering),
         Step(52, .tick, .close, .closed)]
    },
    Script(name: "HTTP/1.0 without keep-alive closes") {
        [Step(0, .parsed(request(version: .http1_0)), nil, .handling(keepAlive: false))]
    },
    Script(name: "handler asking to close wins over keep-alive") {
        [Step(0, .parsed(request()), nil, .handling(keepAlive: true)),
         Step(1, .response(handlerWantsClose: true), nil, .writing(then: .close))]
    },
    Script(name: "last allowed request is not kept alive", maxRequests: 2) {
        [Step(0, .parsed(request()), nil, .handling(keepAlive: true)),
         Step(1, .response(handlerWantsClose: false), nil, .writing(then: .keepAlive)),
         Step(2, .written(unreadInput: false), .resume, .idle),
         Step(3, .parsed(request()), nil, .handling(keepAlive: false))]
    },
    Script(name: "fresh silent connection times out at the header deadline without an answer") {
        [Step(99, .tick, ConnectionStateMachine.Action.none, .idle),
         Step(100, .tick, .close, .closed)]
    },
    Script(name: "partial head times out with 408 then lingers") {
        [Step(0, .bytes, nil, .readingHead),
         Step(10, .parsed(.needMore(head: nil)), .readMore, .readingHead),
         Step(100, .tick, .reject(.requestTimeout, detail: "The request head did not arrive in time."),
              .writing(then: .linger)),
         Step(101, .written(unreadInput: false), .startLingering, .lingering),
         Step(102, .eof, .close, .closed)]
    },
    Script(name: "body deadline restarts with each read") {
        [Step(0, .parsed(head(expectsContinue: false)), .readMore, .readingBody(continueSent: false)),
         Step(150, .bytes, nil, .readingBody(continueSent: false)),
         Step(300, .tick, ConnectionStateMachine.Action.none, .readingBody(continueSent: false)),
         Step(350, .tick, .reject(.requestTimeout, detail: "The request body did not arrive in time."),
              .writing(then: .linger))]
    },
    Script(name: "Expect: 100-continue is answered once") {
        [Step(0, .parsed(head(expectsContinue: true)), .sendContinue, .readingBody(continueSent: true)),
         Step(1, .parsed(head(expectsContinue: true)), .readMore, .readingBody(continueSent: true))]
    },
    Script(name: "bad request is rejected with its status") {
        [Step(0, .parsed(.bad(HTTPParseError(status: .headersTooLarge, detail: "big"))),
              .reject(.headersTooLarge, detail: "big"), .writing(then: .linger))]
    },
    Script(name: "EOF mid-head closes without an answer") {
        [Step(0, .bytes, nil, .readingHead),
         Step(1, .eof, .close, .closed)]
    },
    Script(name: "EOF while handling keeps the request") {
        [Step(0, .parsed(request()), nil, .handling(keepAlive: true)),
         Step(1, .eof, ConnectionStateMachine.Action.none, .handling(keepAlive: true))]
    },
    Script(name: "draining closes an idle connection") {
        [Step(0, .drain, .close, .closed)]
    },
    Script(name: "draining lets the request in flight finish, then closes") {
        [Step(0, .parsed(request()), nil, .handling(keepAlive: true)),
         Step(1, .drain, ConnectionStateMachine.Action.none, .handling(keepAlive: true)),
         Step(2, .response(handlerWantsClose: false), nil, .writing(then: .close)),
         Step(3, .written(unreadInput: false), .close, .closed)]
    },
    Script(name: "handling has no deadline") {
        [Step(0, .parsed(request()), nil, .handling(keepAlive: true)),
         Step(1_000_000, .tick, ConnectionStateMachine.Action.none, .handling(keepAlive: true))]
    },
]

@Test(arguments: scripts)
func connectionStateMachineFollowsScript(_ script: Script) {
    var machine = ConnectionStateMachine(now: 0, timeouts: timeouts, maxRequests: script.maxRequests)
    for (index, step) in script.steps().enumerated() {
        let action: ConnectionStateMachine.Action?
        switch step.event {
        case .bytes:
            machine.bytesArrived(now: step.at)
            action = nil
        case .parsed(let outcome):
            action = machine.parsed(outcome, now: step.at)
        case .response(let close):
            _ = machine.responseReady(now: step.at, handlerWantsClose: close)
            action = nil
        case .written(let unread):
            action = machine.writeCompleted(now: step.at, hasUnreadInput: unread)
        case .tick:
            action = machine.timedOut(now: step.at)
        case .eof:
            action = machine.inputEnded()
        case .drain:
            action = machine.beginDraining()
        }
        if let expected = step.action {
            #expect(action == expected, "step \(index)")
        }
        #expect(machine.state == step.state, "step \(index)")
    }
}
