// Regression: with SO_REUSEPORT a second server could bind a port another server already listens on and
// silently take part of its traffic; start must fail with EADDRINUSE instead.
import Testing
import Glibc
@testable import EventServer

@Test func startFailsWhenThePortIsAlreadyInUse() throws {
    let first = try LiveServer()
    defer { first.stop() }
    var configuration = ServerConfiguration(host: "127.0.0.1", port: first.port)
    configuration.eventLoopCount = 1
    configuration.log = { _ in }
    let second = HTTPServer(configuration: configuration)
    #expect(throws: IOError.self) { try second.start(handler: TestHandler(gate: Gate())) }
}
