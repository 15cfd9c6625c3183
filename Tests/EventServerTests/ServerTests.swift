// Live tests of the event server on 127.0.0.1: keep-alive, pipelining, chunked upload, Expect, HEAD, timeouts,
// limits, malformed input, the worker pool, graceful shutdown and the access log. Hostile cases check afterwards
// that the server still answers. Timeouts are set to a few hundred milliseconds so the file stays fast.
import Foundation
import HTTP1
import Testing
@testable import EventServer
import TestSupport

@Suite struct ServerTests {
    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        let live = try LiveServer()
        defer { live.stop() }
        let client = try live.client()
        for i in 1...5 {
            try client.send(get("/k\(i)"))
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.bodyText == "/k\(i)")
            #expect(!response.closesConnection)
            #expect(response.header("Date") != nil)
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        let live = try LiveServer()
        defer { live.stop() }
        let client = try live.client()
        try client.send(get("/one") + post("/echo", "two") + get("/three"))
        let responses = try (0..<3).map { _ in try client.readResponse() }
        #expect(responses.map(\.bodyText) == ["/one", "two", "/three"])
        #expect(responses.allSatisfy { $0.status == 200 })
    }

    @Test func pipelinedFloodIsServedInBoundedTurns() throws {
        // More requests in one write than one turn handles: the rest must be picked up on later turns.
        let live = try LiveServer()
        defer { live.stop() }
        let client = try live.client()
        let count = EventLoop.requestsPerTurn * 3 + 1
        try client.send((0..<count).map { get("/p\($0)") }.joined())
        for i in 0..<count {
            #expect(try client.readResponse().bodyText == "/p\(i)")
        }
    }

    @Test func chunkedUploadIsDecoded() throws {
        let live = try LiveServer()
        defer { live.stop() }
        let client = try live.client()
        try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n")
        try client.send("5\r\nhello\r\n")
        try client.send("7\r\n, world\r\n0\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.bodyText == "hello, world")
    }

    @Test func largeBodyArrivingInManyReadsIsAssembled() throws {
        let live = try LiveServer()
        defer { live.stop() }
        let client = try live.client()
        let body = String(repeating: "abcdefghij", count: 50_000)
        try client.send(post("/echo", body))
        let response = try client.readResponse()
        #expect(response.body.count == body.utf8.count)
        #expect(response.bodyText == body)
    }

    @Test func largeResponseIsFinishedThroughWritabilityThenThePipelineContinues() throws {
        let live = try LiveServer()
        defer { live.stop() }
        let client = try live.client()
        try client.send(get("/big") + get("/next"))
        let big = try client.readResponse()
        #expect(big.body.count == 8 << 20)
        #expect(big.body.first == 0x61 && big.body.last == 0x61)
        #expect(try client.readResponse().bodyText == "/next")
    }

    @Test func expectContinueSends100BeforeTheBody() throws {
        let live = try LiveServer()
        defer { live.stop() }
        let client = try live.client()
        try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
        let interim = try client.readResponse()
        #expect(interim.status == 100)
        try client.send("12345")
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.bodyText == "12345")
    }

    @Test func headAnswersWithoutABody() throws {
        let live = try LiveServer()
        defer { live.stop() }
        let client = try live.client()
        try client.send("HEAD /head-target HTTP/1.1\r\nHost: t\r\n\r\n")
        let head = try client.readResponse(forHEAD: true)
        #expect(head.status == 200)
        #expect(head.header("Content-Length") == "\("/head-target".utf8.count)")
        // If body bytes had been sent, they would be read here as the start of the next response.
        try client.send(get("/after"))
        #expect(try client.readResponse().bodyText == "/after")
    }

    @Test func halfClosedClientStillGetsItsResponse() throws {
        let live = try LiveServer()
        defer { live.stop() }
        let client = try live.client()
        try client.send(get("/half"))
        client.shutdownWrite()
        let response = try client.readResponse()
        #expect(response.bodyText == "/half")
        #expect(client.serverClosed())
    }

    @Test func slowHeadGets408AndClose() throws {
        let live = try LiveServer { $0.headerTimeout = .milliseconds(300) }
        defer { live.stop() }
        let client = try live.client()
        try client.send("GET /slow-head HTTP/1.1\r\nHost: t\r\n")
        let response = try client.readResponse()
        #expect(response.status == 408)
        #expect(response.closesConnection)
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(client.serverClosed())
        try live.expectStillServes()
    }

    @Test func slowBodyGets408AndClose() throws {
        let live = try LiveServer { $0.bodyTimeout = .milliseconds(300) }
        defer { live.stop() }
        let client = try live.client()
        try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\n12345")
        let response = try client.readResponse()
        #expect(response.status == 408)
        #expect(client.serverClosed())
        try live.expectStillServes()
    }

    @Test func silentConnectionIsClosedAfterTheHeaderTimeout() throws {
        let live = try LiveServer { $0.headerTimeout = .milliseconds(300) }
        defer { live.stop() }
        let client = try live.client()
        #expect(client.serverClosed())
        #expect(client.readUntilClose().isEmpty)
    }

    @Test func idleKeepAliveConnectionIsClosedSilently() throws {
        let live = try LiveServer { $0.keepAliveTimeout = .milliseconds(300) }
        defer { live.stop() }
        let client = try live.client()
        try client.send(get("/idle"))
        #expect(try client.readResponse().status == 200)
        let rest = client.readUntilClose()
        #expect(rest.isEmpty)
        #expect(client.serverClosed())
    }

    @Test func oversizeHeadGets431() throws {
        let live = try LiveServer { $0.limits = ParserLimits(maxHeadBytes: 1024) }
        defer { live.stop() }
        let client = try live.client()
        try client.send("GET / HTTP/1.1\r\nHost: t\r\nX-Big: \(String(repeating: "a", count: 2000))\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 431)
        #expect(response.closesConnection)
        #expect(client.serverClosed())
        try live.expectStillServes()
    }

    @Test(arguments: [false, true])
    func oversizeBodyGets413BeforeTheBodyIsSent(expectContinue: Bool) throws {
        let live = try LiveServer { $0.limits = ParserLimits(maxBodyBytes: 1000) }
        defer { live.stop() }
        let client = try live.client()
        let expect = expectContinue ? "Expect: 100-continue\r\n" : ""
        try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\(expect)\r\n")
        let response = try client.readResponse()
        #expect(response.status == 413)
        #expect(client.serverClosed())
        try live.expectStillServes()
    }

    @Test(arguments: [
        "GET / HTTP/1.1\r\nHost: t\r\nNo colon here\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: t\r\nContent-Length: nope\r\n\r\n",
        "NONSENSE\r\n\r\n",
    ])
    func malformedRequestGets400AndClose(raw: String) throws {
        let live = try LiveServer()
        defer { live.stop() }
        let client = try live.client()
        try client.send(raw + get("/never"))
        let response = try client.readResponse()
        #expect(response.status == 400)
        #expect(response.closesConnection)
        // The pipelined request after the bad one is never answered.
        #expect(client.readUntilClose().isEmpty)
        try live.expectStillServes()
    }

    @Test func lastRequestAllowedOnAConnectionSaysClose() throws {
        let live = try LiveServer { $0.maxRequestsPerConnection = 3 }
        defer { live.stop() }
        let client = try live.client()
        var closes: [Bool] = []
        for i in 1...3 {
            try client.send(get("/m\(i)"))
            closes.append(try client.readResponse().closesConnection)
        }
        #expect(closes == [false, false, true])
        #expect(client.serverClosed())
    }

    @Test func connectionCloseRequestIsHonoured() throws {
        let live = try LiveServer()
        defer { live.stop() }
        let client = try live.client()
        try client.send(get("/bye", "Connection: close\r\n"))
        #expect(try client.readResponse().closesConnection)
        #expect(client.serverClosed())
    }

    @Test func http10KeepAliveIsConfirmedAndPlainHTTP10Closes() throws {
        let live = try LiveServer()
        defer { live.stop() }
        let client = try live.client()
        try client.send("GET /ten HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        let kept = try client.readResponse()
        #expect(kept.header("Connection") == "keep-alive")
        try client.send("GET /ten-again HTTP/1.0\r\n\r\n")
        let last = try client.readResponse()
        #expect(last.bodyText == "/ten-again")
        #expect(last.closesConnection)
        #expect(client.serverClosed())
    }

    @Test func workerPoolHandlerDoesNotBlockTheLoop() throws {
        let live = try LiveServer()  // one event loop: a blocked loop would stall the second client
        defer { live.stop() }
        let slow = try live.client()
        try slow.send(get("/slow"))
        #expect(live.gate.entered.wait(timeout: .now() + 5) == .success)
        let fast = try live.client()
        try fast.send(get("/fast"))
        #expect(try fast.readResponse().bodyText == "/fast")
        live.gate.release.signal()
        #expect(try slow.readResponse().bodyText == "slow")
    }

    @Test func requestPipelinedBehindAWorkerRequestIsAnsweredAfterIt() throws {
        let live = try LiveServer()
        defer { live.stop() }
        let client = try live.client()
        try client.send(get("/slow") + get("/after-slow"))
        #expect(live.gate.entered.wait(timeout: .now() + 5) == .success)
        live.gate.release.signal()
        #expect(try client.readResponse().bodyText == "slow")
        #expect(try client.readResponse().bodyText == "/after-slow")
    }

    @Test func clientResetWhileAWorkerHandlesItsRequestIsDropped() throws {
        let live = try LiveServer()
        defer { live.stop() }
        let client = try live.client()
        try client.send(get("/slow"))
        #expect(live.gate.entered.wait(timeout: .now() + 5) == .success)
        client.reset()
        try live.expectStillServes()
        live.gate.release.signal()
        try live.expectStillServes()  // the late response found its connection gone
    }

    @Test func clientThatDoesNotReadIsDroppedAfterTheWriteTimeout() throws {
        let live = try LiveServer { $0.writeTimeout = .milliseconds(200) }
        defer { live.stop() }
        let client = try live.client()
        try client.send(get("/big"))
        Thread.sleep(forTimeInterval: 0.8)  // not reading: the server's writes stall
        let received = client.readUntilClose()
        #expect(received.count < 8 << 20)
        try live.expectStillServes()
    }

    @Test func gracefulShutdownDrainsAnInFlightRequest() throws {
        let live = try LiveServer()
        let idle = try live.client()
        try idle.send(get("/warm"))
        #expect(try idle.readResponse().status == 200)
        let busy = try live.client()
        try busy.send(get("/slow"))
        #expect(live.gate.entered.wait(timeout: .now() + 5) == .success)

        live.server.shutdown(graceful: true)
        #expect(idle.serverClosed())  // idle keep-alive connections close at once
        #expect(throws: LoopbackError.self) { _ = try LoopbackClient(port: live.port) }  // no longer accepting
        live.gate.release.signal()
        let response = try busy.readResponse()
        #expect(response.bodyText == "slow")
        #expect(response.closesConnection)
        #expect(live.waitStopped(seconds: 5))
    }

    @Test func gracePeriodBoundsShutdown() throws {
        let live = try LiveServer { $0.shutdownGracePeriod = .milliseconds(200) }
        let busy = try live.client()
        try busy.send(get("/slow"))
        #expect(live.gate.entered.wait(timeout: .now() + 5) == .success)
        live.server.shutdown(graceful: true)
        #expect(live.waitStopped(seconds: 5))
        #expect(busy.serverClosed())
        live.gate.release.signal()
    }

    @Test func accessLogSeesEveryAnsweredRequest() throws {
        let live = try LiveServer()
        defer { live.stop() }
        let client = try live.client()
        try client.send(get("/logged?x=1"))
        _ = try client.readResponse()
        let bad = try live.client()
        try bad.send("GET / HTTP/1.1\r\nbroken\r\n\r\n")
        _ = try bad.readResponse()
        let entries = live.log.all
        let ok = try #require(entries.first { $0.target == "/logged?x=1" })
        #expect(ok.method == "GET")
        #expect(ok.status == 200)
        #expect(ok.bytes == "/logged?x=1".utf8.count)
        #expect(ok.requestID == "req-11")
        #expect(ok.client.address == "127.0.0.1")
        #expect(entries.contains { $0.status == 400 && $0.method == "-" })
    }

    @Test func clientInfoCarriesTheSocketPeer() throws {
        let live = try LiveServer()
        defer { live.stop() }
        let client = try live.client()
        try client.send(get("/client"))
        #expect(try client.readResponse().bodyText == "127.0.0.1")
    }

    @Test func connectionLimitHoldsNewClientsUntilOneCloses() throws {
        let live = try LiveServer { $0.maxConnections = 1 }
        defer { live.stop() }
        let first = try live.client()
        try first.send(get("/first"))
        #expect(try first.readResponse().status == 200)
        // The second connection completes the TCP handshake (backlog) but is not served while the first is open.
        let second = try live.client(timeout: 0.3)
        try second.send(get("/second"))
        #expect(throws: LoopbackError.timedOut) { _ = try second.readResponse() }
        first.shutdownWrite()
        #expect(first.serverClosed())
        let answer = try second.readResponse()
        #expect(answer.bodyText == "/second")
    }

    /// Writers waiting on a commit (blocking pool) must not hold up CPU-bound handlers (worker pool).
    @Test func waitingHandlersDoNotStarveTheWorkerPool() throws {
        let live = try LiveServer { $0.workerCount = 1; $0.blockingWorkerCount = 2 }
        defer { live.stop() }
        var waiting: [LoopbackClient] = []
        for i in 0..<2 {
            let client = try live.client()
            try client.send(get("/wait?\(i)"))
            #expect(live.gate.entered.wait(timeout: .now() + 5) == .success)
            waiting.append(client)
        }
        let other = try live.client()
        try other.send(get("/work"))
        #expect(try other.readResponse().bodyText == "/work", "the worker pool answers while both writers wait")
        live.gate.release.signal()
        live.gate.release.signal()
        for client in waiting { #expect(try client.readResponse().bodyText == "slow") }
    }

    @Test func severalLoopsShareThePort() throws {
        let live = try LiveServer { $0.eventLoopCount = 2 }
        defer { live.stop() }
        for i in 0..<8 {
            let client = try live.client()
            try client.send(get("/l\(i)"))
            #expect(try client.readResponse().bodyText == "/l\(i)")
        }
    }
}
