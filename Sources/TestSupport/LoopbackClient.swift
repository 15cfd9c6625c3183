// A small blocking HTTP/1.1 client over Glibc sockets for live tests against 127.0.0.1: send raw bytes (so tests
// can be hostile), read one response framed by Content-Length (or until close), see whether the server closed.
// Every read has a timeout so a server bug fails a test instead of hanging the suite.
import Glibc
import CLinux

public enum LoopbackError: Error, Equatable {
    case connectFailed(Int32)
    case timedOut
    /// The server closed before a whole response arrived; the bytes so far are attached.
    case closedEarly([UInt8])
    case malformed(String)
}

public struct LoopbackResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
    public var closesConnection: Bool { header("Connection")?.lowercased() == "close" }
}

public final class LoopbackClient {
    public let fd: Int32
    private var buffer: [UInt8] = []
    private var sawEOF = false

    /// A loopback port nothing listens on: one the kernel gave a socket bound to port 0, released again. A server
    /// may take it (a proxy under test), or a client find it refused.
    public static func unusedPort() throws -> Int {
        let fd = socket(AF_INET, CLinux_SOCK_STREAM | CLinux_SOCK_CLOEXEC, 0)
        guard fd >= 0 else { throw LoopbackError.connectFailed(errno) }
        defer { Glibc.close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw LoopbackError.connectFailed(errno) }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// Connects to 127.0.0.1:`port`; `timeout` (seconds) applies to every later read.
    public init(port: Int, timeout: Double = 5) throws {
        // The socket is this object's only once connected: a throw after `self.fd` is set would still run deinit,
        // which closed the number a second time (another thread's socket by then).
        let fd = socket(AF_INET, CLinux_SOCK_STREAM | CLinux_SOCK_CLOEXEC, 0)
        guard fd >= 0 else { throw LoopbackError.connectFailed(errno) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if rc != 0 {
            let code = errno
            Glibc.close(fd)
            throw LoopbackError.connectFailed(code)
        }
        self.fd = fd
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    private var isOpen = true

    deinit { close() }

    public func close() {
        guard isOpen else { return }
        isOpen = false
        Glibc.close(fd)
    }

    /// Closes with SO_LINGER 0, so the server sees a reset (RST) instead of an orderly FIN.
    public func reset() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close()
    }

    /// Sends all bytes (throws if the server reset the connection).
    public func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw LoopbackError.closedEarly([])
            }
            sent += n
        }
    }

    public func send(_ text: String) throws { try send(Array(text.utf8)) }

    /// Half-closes our side: the server sees EOF after what was sent.
    public func shutdownWrite() { Glibc.shutdown(fd, Int32(SHUT_WR)) }

    /// Reads one response. `forHEAD`: the response has no body whatever its Content-Length says.
    /// Interim (1xx) responses are returned on their own, like any other.
    public func readResponse(forHEAD: Bool = false) throws -> LoopbackResponse {
        let headEnd = try fill { buf in Self.find([13, 10, 13, 10], in: buf).map { $0 + 4 } }
        let head = String(decoding: buffer[0..<headEnd], as: UTF8.self)
        var lines = head.split(separator: "\r\n").map(String.init)
        guard !lines.isEmpty else { throw LoopbackError.malformed(head) }
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]) else {
            throw LoopbackError.malformed(head)
        }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw LoopbackError.malformed(line) }
            let value = line[line.index(after: colon)...].drop { $0 == " " }
            headers.append((String(line[..<colon]), String(value)))
        }
        var response = LoopbackResponse(status: status, headers: headers, body: [])
        buffer.removeFirst(headEnd)
        if forHEAD || status < 200 || status == 204 || status == 304 { return response }
        if let length = response.header("Content-Length").flatMap(Int.init) {
            _ = try fill { $0.count >= length ? length : nil }
            response.body = Array(buffer[0..<length])
            buffer.removeFirst(length)
        } else {
            response.body = readUntilClose()
        }
        return response
    }

    /// Everything until the server closes (or the timeout), including anything already buffered.
    public func readUntilClose() -> [UInt8] {
        while !sawEOF, readMore() {}
        let all = buffer
        buffer = []
        return all
    }

    /// Whether the server has closed the connection (waits up to the read timeout for EOF or a reset).
    /// Unread response bytes are discarded.
    public func serverClosed() -> Bool {
        _ = readUntilClose()
        return sawEOF
    }

    /// Calls `complete` on the buffer after each read until it returns a value.
    private func fill(_ complete: ([UInt8]) -> Int?) throws -> Int {
        while true {
            if let done = complete(buffer) { return done }
            if sawEOF { throw LoopbackError.closedEarly(buffer) }
            if !readMore() {
                if sawEOF { throw LoopbackError.closedEarly(buffer) }
                throw LoopbackError.timedOut
            }
        }
    }

    /// One recv; false on timeout or EOF (`sawEOF` tells which).
    private func readMore() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                buffer.append(contentsOf: chunk[0..<n])
                return true
            }
            if n == 0 { sawEOF = true; return false }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { return false }
            sawEOF = true  // ECONNRESET: closed, just less politely
            return false
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }
}
