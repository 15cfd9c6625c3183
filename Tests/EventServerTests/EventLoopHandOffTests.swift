// Regression (review): a loop could hand a new connection to a peer that had already made its last sweep of its
// inbox and exited; the socket was then neither served nor closed. A finished loop now refuses the hand-over
// (the sender serves the connection itself) and a draining loop is never chosen.
import Glibc
import Testing
@testable import EventServer

@Test func finishedLoopRefusesHandedOverConnections() throws {
    var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
    configuration.log = { _ in }
    let workers = WorkerPool(threadCount: 1)
    defer { workers.stop() }
    let loop = try EventLoop(index: 0, configuration: configuration, listeners: [],
                             handler: TestHandler(gate: Gate()), workers: workers, accessLog: nil)
    #expect(loop.post(.shutdown(graceful: true)))
    loop.run()  // no connections: returns after its last inbox sweep
    let draining = loop.isDrainingFlag.load(ordering: .relaxed)
    #expect(draining)

    var fds: [Int32] = [0, 0]
    try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
    defer { close(fds[0]); close(fds[1]) }
    let socket = AcceptedSocket(fd: fds[0], address: "127.0.0.1", port: 1)
    #expect(!loop.post(.adopt(socket, .plain(host: "127.0.0.1", port: 0))), "a finished loop must refuse")
    #expect(fcntl(fds[0], F_GETFD) != -1, "the refused socket stays open for the sender to serve")
}
