// The tests' loopback client must own its socket alone. Regression: when connect failed, init closed the socket
// and then, the object being fully initialized, deinit closed the same number again. Under parallel tests another
// thread had often been given that number by then: a server test's fresh listening socket then failed bind with
// EBADF (a crash once in about four CI runs, through the durability tests' refused reconnects).
import Testing
import TestSupport

@Suite struct LoopbackClientTests {
    @Test func aRefusedConnectClosesNoOtherDescriptor() throws {
        let port = try LoopbackClient.unusedPort()
        var refused = 0
        let (stolen, opened) = DescriptorBystander.stolen {
            for _ in 0..<3_000 where (try? LoopbackClient(port: port)) == nil { refused += 1 }
        }
        #expect(refused == 3_000)
        #expect(stolen == 0, "\(stolen) of \(opened) bystander sockets closed by another")
    }
}
