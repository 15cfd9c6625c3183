// Test-only plumbing for the TLS tests: loopback sockets, a poll(2) driver for transport steps, a tiny HTTPS server
// (one thread per connection over TLSTransport) and an in-process TLS client. It stands in for the epoll
// EventServer until that is merged; it drives the transport exactly as a loop would: one step per readiness,
// OpenSSL's buffered bytes drained before sleeping.
import Foundation
import Glibc
import Synchronization
import Testing
@testable import EventServer
import TestSupport

enum Loopback {
    static func ignoreSIGPIPE() { signal(SIGPIPE, SIG_IGN) }

    static func setNonBlocking(_ fd: Int32) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    /// A listening socket on 127.0.0.1 with a kernel-chosen port.
    static func listen() -> (fd: Int32, port: UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        precondition(fd >= 0, "socket: \(errno)")
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                precondition(bind(fd, generic, length) == 0, "bind: \(errno)")
                precondition(getsockname(fd, generic, &length) == 0, "getsockname: \(errno)")
            }
        }
        precondition(Glibc.listen(fd, 128) == 0, "listen: \(errno)")
        setNonBlocking(fd)
        return (fd, UInt16(bigEndian: address.sin_port))
    }

    /// A blocking TCP connection to 127.0.0.1:port.
    static func connect(_ port: UInt16) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        precondition(rc == 0, "connect: \(errno)")
        return fd
    }

    static func socketPair() -> (Int32, Int32) {
        var fds: [Int32] = [0, 0]
        precondition(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
        setNonBlocking(fds[0])
        setNonBlocking(fds[1])
        return (fds[0], fds[1])
    }

    /// Waits until `fd` has one of `events`; false on timeout.
    static func wait(_ fd: Int32, _ events: Int32, timeoutMs: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(events), revents: 0)
        while true {
            let rc = poll(&entry, 1, timeoutMs)
            if rc < 0 && errno == EINTR { continue }
            return rc > 0
        }
    }

    /// Repeats a transport step, sleeping in poll for what it wants, until it completes or fails.
    static func drive(_ fd: Int32, timeoutMs: Int32 = 5000, _ step: () -> TransportResult) -> TransportResult {
        while true {
            let result = step()
            switch result {
            case .wantRead:
                if !wait(fd, POLLIN, timeoutMs: timeoutMs) { return .failed("timed out waiting to read") }
            case .wantWrite:
                if !wait(fd, POLLOUT, timeoutMs: timeoutMs) { return .failed("timed out waiting to write") }
            default:
                return result
            }
        }
    }

    /// Writes all of `bytes` through `transport`, retrying the same bytes after wantRead/wantWrite.
    static func writeAll(_ transport: ConnectionTransport, _ fd: Int32, _ bytes: [UInt8]) -> TransportResult {
        var offset = 0
        while offset < bytes.count {
            let result = drive(fd) { bytes.withUnsafeBytes { transport.write(UnsafeRawBufferPointer(rebasing: $0[offset...])) } }
            guard case .done(let count) = result else { return result }
            offset += count
        }
        return .done(offset)
    }
}

/// A minimal HTTP/1.1 exchange for the harness: head up to CRLFCRLF, then Content-Length bytes of body.
struct MiniHTTPMessage {
    var head: String
    var body: [UInt8]

    /// Takes one complete message off the front of `buffer`, or nil if it is not complete yet.
    static func take(from buffer: inout [UInt8]) -> MiniHTTPMessage? {
        let marker: [UInt8] = [13, 10, 13, 10]
        guard let end = buffer.indices.dropLast(3).first(where: { buffer[$0..<$0 + 4].elementsEqual(marker) })
        else { return nil }
        let head = String(decoding: buffer[..<end], as: UTF8.self)
        var length = 0
        for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
            length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        let total = end + 4 + length
        guard buffer.count >= total else { return nil }
        let message = MiniHTTPMessage(head: head, body: Array(buffer[(end + 4)..<total]))
        buffer.removeFirst(total)
        return message
    }
}

/// An HTTPS server on 127.0.0.1 built on TLSContextHolder + TLSTransport, one thread per connection. Each response
/// body says what the server saw: "ok <body bytes> <body checksum> <TLS version> <cipher> <ALPN>".
final class TLSTestServer: Sendable {
    struct Stats: Sendable {
        var accepted = 0
        var requests = 0
        var failures: [String] = []
    }

    let holder: TLSContextHolder
    let port: UInt16
    private let listenFD: Int32
    private let stopped = Atomic<Bool>(false)
    private let stats = Mutex(Stats())
    private let running = Atomic<Int>(0)

    init(holder: TLSContextHolder) {
        Loopback.ignoreSIGPIPE()
        self.holder = holder
        (listenFD, port) = Loopback.listen()
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    convenience init(_ certificates: TestCertificates) throws {
        try self.init(holder: TLSContextHolder(configuration: TLSConfiguration(
            certificateChainPath: certificates.serverCertificatePath, privateKeyPath: certificates.serverKeyPath)))
    }

    var snapshot: Stats { stats.withLock { $0 } }

    func stop() {
        stopped.store(true, ordering: .sequentiallyConsistent)
        // Let connection threads see the flag (they poll at most 100 ms at a time) before the fd goes away.
        while running.load(ordering: .sequentiallyConsistent) > 0 { usleep(10_000) }
        close(listenFD)
    }

    /// Waits (bounded) until `condition` holds on the stats; server threads update them asynchronously.
    func waitFor(_ condition: (Stats) -> Bool) -> Stats {
        for _ in 0..<300 {
            let current = snapshot
            if condition(current) { return current }
            usleep(10_000)
        }
        return snapshot
    }

    private func acceptLoop() {
        running.add(1, ordering: .sequentiallyConsistent)
        defer { running.subtract(1, ordering: .sequentiallyConsistent) }
        while !stopped.load(ordering: .sequentiallyConsistent) {
            guard Loopback.wait(listenFD, POLLIN, timeoutMs: 100) else { continue }
            let fd = accept(listenFD, nil, nil)
            if fd < 0 { continue }
            Loopback.setNonBlocking(fd)
            stats.withLock { $0.accepted += 1 }
            running.add(1, ordering: .sequentiallyConsistent)
            Thread { [self] in
                defer { running.subtract(1, ordering: .sequentiallyConsistent) }
                serve(fd)
                close(fd)
            }.start()
        }
    }

    private func fail(_ reason: String) { stats.withLock { $0.failures.append(reason) } }

    /// Waits like an epoll loop would, but wakes every 100 ms to honour stop(); false after `timeoutMs`.
    private func sleepUntil(_ fd: Int32, _ events: Int32, timeoutMs: Int32) -> Bool {
        var waited: Int32 = 0
        while waited < timeoutMs {
            if stopped.load(ordering: .sequentiallyConsistent) { return false }
            if Loopback.wait(fd, events, timeoutMs: 100) { return true }
            waited += 100
        }
        return false
    }

    private func serve(_ fd: Int32) {
        let transport: TLSTransport
        switch holder.makeTransport(fd: fd) {
        case .success(let made): transport = made
        case .failure(let error): return fail(error.description)
        }
        // Handshake timeout: 5 s, the role the event server's header timeout plays.
        while true {
            let result = transport.handshake()
            switch result {
            case .done: break
            case .wantRead: if sleepUntil(fd, POLLIN, timeoutMs: 5000) { continue } else { return fail("handshake timeout") }
            case .wantWrite: if sleepUntil(fd, POLLOUT, timeoutMs: 5000) { continue } else { return fail("handshake timeout") }
            case .closed: return fail("closed during handshake")
            case .failed(let reason): return fail(reason)
            }
            break
        }
        var input: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)  // smaller than a TLS record on purpose
        while true {
            // One read per wakeup; before sleeping, drain what OpenSSL already decrypted (epoll cannot see it).
            let result = chunk.withUnsafeMutableBytes { transport.read(into: $0) }
            switch result {
            case .done(let count):
                input += chunk[..<count]
            case .wantRead:
                if transport.hasBufferedInput { continue }
                if !sleepUntil(fd, POLLIN, timeoutMs: 5000) { return }
                continue
            case .wantWrite:
                if !sleepUntil(fd, POLLOUT, timeoutMs: 5000) { return }
                continue
            case .closed:
                return transport.shutdown()
            case .failed(let reason):
                return fail(reason)
            }
            while let request = MiniHTTPMessage.take(from: &input) {
                if !respond(to: request, over: transport, fd: fd) { return }
                if request.head.lowercased().contains("connection: close") { return transport.shutdown() }
            }
            if !transport.hasBufferedInput && !sleepUntil(fd, POLLIN, timeoutMs: 5000) { return }
        }
    }

    private func respond(to request: MiniHTTPMessage, over transport: TLSTransport, fd: Int32) -> Bool {
        stats.withLock { $0.requests += 1 }
        let negotiated = transport.negotiated
        let checksum = request.body.reduce(UInt32(0)) { $0 &* 31 &+ UInt32($1) }
        let body = "ok \(request.body.count) \(checksum) \(negotiated.version) \(negotiated.cipher) "
            + "\(negotiated.alpn ?? "none")\n"
        let response = "HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\nContent-Type: text/plain\r\n\r\n\(body)"
        if case .failed(let reason) = Loopback.writeAll(transport, fd, Array(response.utf8)) {
            fail(reason)
            return false
        }
        return true
    }
}

/// A blocking-style TLS client over the transport's client mode, for requests made from inside the test process.
final class TLSTestClient {
    let fd: Int32
    let transport: TLSTransport
    private var input: [UInt8] = []

    init(port: UInt16, trusting caPath: String, maxVersion: TLSContext.ProtocolVersion = .tls13) throws {
        let context = try TLSContext(clientTrusting: caPath, maxVersion: maxVersion)
        fd = Loopback.connect(port)
        Loopback.setNonBlocking(fd)
        transport = try TLSTransport(clientFD: fd, context: context, serverName: "localhost")
    }

    deinit { close(fd) }

    func handshake() -> TransportResult { Loopback.drive(fd) { transport.handshake() } }

    /// Sends one request and returns the response body (nil with the reason recorded on failure).
    func request(_ path: String = "/", body: [UInt8] = [], keepAlive: Bool = true) -> String? {
        var head = "\(body.isEmpty ? "GET" : "POST") \(path) HTTP/1.1\r\nHost: localhost\r\n"
        head += "Content-Length: \(body.count)\r\n"
        if !keepAlive { head += "Connection: close\r\n" }
        head += "\r\n"
        guard case .done = Loopback.writeAll(transport, fd, Array(head.utf8) + body) else { return nil }
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            if let response = MiniHTTPMessage.take(from: &input) {
                return String(decoding: response.body, as: UTF8.self)
            }
            let result = Loopback.drive(fd) { chunk.withUnsafeMutableBytes { transport.read(into: $0) } }
            guard case .done(let count) = result else { return nil }
            input += chunk[..<count]
        }
    }
}

/// Runs a command line tool and returns its exit status and combined output.
@discardableResult
func runTool(_ path: String, _ arguments: [String], stdin: String = "") throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let output = Pipe()
    let input = Pipe()
    process.standardOutput = output
    process.standardError = output
    process.standardInput = input
    try process.run()
    input.fileHandleForWriting.write(Data(stdin.utf8))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// The shared test certificates, or a recorded issue when the openssl CLI could not make them.
func requireCertificates() throws -> TestCertificates {
    try #require(TestCertificates.shared, "scripts/gen-test-certs.sh failed; see the printed reason")
}
