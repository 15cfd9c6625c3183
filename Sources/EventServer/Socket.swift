// TCP socket plumbing: a non-blocking listening socket, accept4 with the peer address, socket options.
// Everything returns or throws through `syscall`; descriptors are plain Int32 owned by the caller.
import Glibc
import CLinux

/// A freshly accepted connection: its descriptor (non-blocking, close-on-exec) and the socket peer.
struct AcceptedSocket: Equatable {
    let fd: Int32
    let address: String
    let port: Int
}

enum Socket {
    /// Creates, binds and listens. `reusePort` lets each event loop own a listener on the same port (the
    /// kernel spreads new connections across them). The socket is non-blocking and close-on-exec.
    static func makeListener(host: String, port: Int, reusePort: Bool, backlog: Int32) throws -> Int32 {
        let isV6 = host.contains(":")
        let family = isV6 ? AF_INET6 : AF_INET
        let fd = try syscallBlocking("socket") {
            Glibc.socket(family, CLinux_SOCK_STREAM | CLinux_SOCK_NONBLOCK | CLinux_SOCK_CLOEXEC, 0)
        }
        do {
            try setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1, "setsockopt(SO_REUSEADDR)")
            if reusePort { try setOption(fd, SOL_SOCKET, SO_REUSEPORT, 1, "setsockopt(SO_REUSEPORT)") }
            if isV6 {
                var addr = sockaddr_in6()
                addr.sin6_family = sa_family_t(AF_INET6)
                addr.sin6_port = in_port_t(UInt16(port).bigEndian)
                guard inet_pton(AF_INET6, host, &addr.sin6_addr) == 1 else {
                    throw IOError(errnoCode: EINVAL, call: "inet_pton(\(host))")
                }
                try bind(fd, &addr)
            } else {
                var addr = sockaddr_in()
                addr.sin_family = sa_family_t(AF_INET)
                addr.sin_port = in_port_t(UInt16(port).bigEndian)
                guard inet_pton(AF_INET, host, &addr.sin_addr) == 1 else {
                    throw IOError(errnoCode: EINVAL, call: "inet_pton(\(host))")
                }
                try bind(fd, &addr)
            }
            try syscallBlocking("listen") { Glibc.listen(fd, backlog) }
        } catch {
            closeDescriptor(fd)
            throw error
        }
        return fd
    }

    /// The port the socket is bound to (the ephemeral one when 0 was asked for).
    static func localPort(_ fd: Int32) throws -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        try withUnsafeMutablePointer(to: &storage) { p in
            try p.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                _ = try syscallBlocking("getsockname") { Glibc.getsockname(fd, sa, &length) }
            }
        }
        return endpoint(of: storage).1
    }

    /// accept4 with SOCK_NONBLOCK | SOCK_CLOEXEC, so no accepted descriptor leaks into a child or blocks a loop.
    static func accept(_ listener: Int32) throws -> IOResult<AcceptedSocket> {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = try withUnsafeMutablePointer(to: &storage) { p in
            try p.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                try syscall("accept4") { CLinux_accept4(listener, sa, &length, CLinux_SOCK_NONBLOCK | CLinux_SOCK_CLOEXEC) }
            }
        }
        switch result {
        case .wouldBlock:
            return .wouldBlock
        case .processed(let fd):
            let (address, port) = endpoint(of: storage)
            return .processed(AcceptedSocket(fd: fd, address: address, port: port))
        }
    }

    /// Disables Nagle: responses are written whole, and waiting for an ACK only adds latency.
    static func setNoDelay(_ fd: Int32) {
        // A failure here (the peer already reset) shows up on the next read or write.
        _ = try? setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1, "setsockopt(TCP_NODELAY)")
    }

    /// Half-closes the write side so the peer sees EOF after our last response while we can still drain
    /// what it sends (a close with unread input would send RST and could destroy that response in flight).
    static func shutdownWrite(_ fd: Int32) {
        _ = try? syscallBlocking("shutdown") { Glibc.shutdown(fd, Int32(SHUT_WR)) }
    }

    private static func bind<Address>(_ fd: Int32, _ address: inout Address) throws {
        try withUnsafePointer(to: &address) { p in
            try p.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                _ = try syscallBlocking("bind") { Glibc.bind(fd, sa, socklen_t(MemoryLayout<Address>.size)) }
            }
        }
    }

    private static func setOption(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: Int32,
                                  _ call: StaticString) throws {
        var value = value
        try syscallBlocking(call) { Glibc.setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) }
    }

    private static func decodeCString(_ chars: [CChar]) -> String {
        let bytes = chars.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func endpoint(of storage: sockaddr_storage) -> (String, Int) {
        var storage = storage
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) { p in
                p.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { sin in
                    var addr = sin.pointee.sin_addr
                    inet_ntop(AF_INET, &addr, &text, socklen_t(text.count))
                    return (decodeCString(text), Int(UInt16(bigEndian: sin.pointee.sin_port)))
                }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) { p in
                p.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { sin6 in
                    var addr = sin6.pointee.sin6_addr
                    inet_ntop(AF_INET6, &addr, &text, socklen_t(text.count))
                    return (decodeCString(text), Int(UInt16(bigEndian: sin6.pointee.sin6_port)))
                }
            }
        default:
            return ("", 0)
        }
    }
}
