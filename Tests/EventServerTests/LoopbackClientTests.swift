// The tests' loopback client must own its socket alone. Regression: when connect failed, init closed the socket
// and then, the object being fully initialized, deinit closed the same number again. Under parallel tests another
// thread had often been given that number by then: a server test's fresh listening socket then failed bind with
// EBADF (a crash once in about four CI runs, through the durability tests' refused reconnects).
import Glibc
import Testing
import TestSupport

@Suite struct LoopbackClientTests {
    /// A loopback port nothing listens on: bound, then released.
    static func deadPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        try #require(ok)
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    @Test func aRefusedConnectClosesNoOtherDescriptor() throws {
        let port = try Self.deadPort()
        var refused = 0
        let (stolen, opened) = DescriptorBystander.stolen {
            for _ in 0..<3_000 where (try? LoopbackClient(port: port)) == nil { refused += 1 }
        }
        #expect(refused == 3_000)
        #expect(stolen == 0, "\(stolen) of \(opened) bystander sockets closed by another")
    }
}
