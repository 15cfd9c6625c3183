// Test scaffolding: a live HTTPServer on 127.0.0.1 with an ephemeral port and a small handler whose routes cover
// what the tests need (echo, a worker-pool route that waits on a gate the test opens, HEAD), plus helpers.
import Foundation
import HTTP1
import Testing
@testable import EventServer
import TestSupport

/// Lets a test hold a worker-pool handler until it chooses, and know when the handler has started.
final class Gate: @unchecked Sendable {
    // @unchecked: DispatchSemaphore is thread-safe.
    let entered = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
}

struct TestHandler: RequestHandler {
    let gate: Gate

    func placement(for request: HTTPRequest) -> HandlerPlacement {
        switch request.path {
        case "/slow", "/work": .workerPool
        case "/wait": .blockingPool
        default: .eventLoop
        }
    }

    func handle(_ request: HTTPRequest, client: ClientInfo) -> HTTPResponse {
        switch request.path {
        case "/echo":
            var response = HTTPResponse(status: .ok, contentType: "application/octet-stream", body: request.body)
            response.headers.add("X-Method", request.method.rawValue)
            return response
        case "/slow", "/wait":
            gate.entered.signal()
            _ = gate.release.wait(timeout: .now() + 10)
            return HTTPResponse(status: .ok, contentType: "text/plain", body: Array("slow".utf8))
        case "/big":
            // Larger than any socket buffer, so the write completes only through EPOLLOUT.
            return HTTPResponse(status: .ok, contentType: "application/octet-stream",
                                body: [UInt8](repeating: 0x61, count: 8 << 20))
        case "/client":
            return HTTPResponse(status: .ok, contentType: "text/plain", body: Array(client.address.utf8))
        default:
            var response = HTTPResponse(status: .ok, contentType: "text/plain", body: Array(request.target.utf8))
            response.headers.add("X-Request-Id", "req-\(request.target.utf8.count)")
            return response
        }
    }
}

final class AccessLogRecorder: @unchecked Sendable {
    // @unchecked: `entries` is only touched under `lock`.
    private let lock = NSLock()
    private var entries: [AccessLogEntry] = []
    func record(_ entry: AccessLogEntry) { lock.withLock { entries.append(entry) } }
    var all: [AccessLogEntry] { lock.withLock { entries } }
}

/// A running server for one test; `stop()` shuts it down and waits for `run()` to return.
final class LiveServer: @unchecked Sendable {
    // @unchecked: every stored property is immutable and thread-safe.
    let server: HTTPServer
    let gate = Gate()
    let log = AccessLogRecorder()
    private let stopped = DispatchSemaphore(value: 0)

    init(_ configure: (inout ServerConfiguration) -> Void = { _ in }) throws {
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.eventLoopCount = 1
        configuration.workerCount = 2
        configuration.log = { _ in }
        configure(&configuration)
        server = HTTPServer(configuration: configuration)
        let log = self.log
        try server.start(handler: TestHandler(gate: gate)) { log.record($0) }
        let server = self.server
        let stopped = self.stopped
        Thread.detachNewThread {
            server.run()
            stopped.signal()
        }
    }

    var port: Int { server.boundPort }

    func client(timeout: Double = 5) throws -> LoopbackClient { try LoopbackClient(port: port, timeout: timeout) }

    /// Whether `run()` returned within `seconds`.
    func waitStopped(seconds: Double) -> Bool { stopped.wait(timeout: .now() + seconds) == .success }

    func stop() {
        server.shutdown(graceful: false)
        _ = waitStopped(seconds: 5)
    }

    /// A fresh connection still gets a normal answer (after a hostile case).
    func expectStillServes(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let client = try self.client()
        try client.send("GET /alive HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 200, sourceLocation: sourceLocation)
        #expect(response.bodyText == "/alive", sourceLocation: sourceLocation)
    }
}

func get(_ target: String, _ extra: String = "") -> String {
    "GET \(target) HTTP/1.1\r\nHost: t\r\n\(extra)\r\n"
}

func post(_ target: String, _ body: String, _ extra: String = "") -> String {
    "POST \(target) HTTP/1.1\r\nHost: t\r\nContent-Length: \(body.utf8.count)\r\n\(extra)\r\n\(body)"
}
