// Test-only plumbing for the TLS tests: loopback sockets, a poll(2) driver for transport steps, the real HTTPServer
// with a TLS listener, and an in-process TLS client built on the transport's client mode.
import Foundation
import Glibc
import HTTP1
import Synchronization
import Testing
@testable import EventServer
import TestSupport

enum Loopback {
    static func ignoreSIGPIPE() { signal(SIGPIPE, SIG_IGN) }

    static func setNonBlocking(_ fd: Int32) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
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
            let result = drive(fd) {
                bytes.withUnsafeBytes { transport.write(UnsafeRawBufferPointer(rebasing: $0[offset...])) }
            }
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

/// Answers what the TLS tests ask: /echo returns the body, anything else "ok tls=<isTLS>".
struct TLSProbeHandler: RequestHandler {
    func placement(for request: HTTPRequest) -> HandlerPlacement { .eventLoop }

    func handle(_ request: HTTPRequest, client: ClientInfo) -> HTTPResponse {
        if request.path == "/echo" {
            return HTTPResponse(status: .ok, contentType: "application/octet-stream", body: request.body)
        }
        return HTTPResponse(status: .ok, contentType: "text/plain", body: Array("ok tls=\(client.isTLS)".utf8))
    }
}

final class AccessRecorder: Sendable {
    let entries = Mutex<[AccessLogEntry]>([])
}

/// The real HTTPServer (one event loop) with its plain listener and a TLS listener, both on ephemeral ports.
final class TLSLiveServer: Sendable {
    let server: HTTPServer
    let contexts: TLSContextHolder
    let tlsPort: UInt16
    private let accessLog = AccessRecorder()
    private let stopped = DispatchSemaphore(value: 0)

    init(_ certificates: TestCertificates, configure: (inout ServerConfiguration) -> Void = { _ in }) throws {
        Loopback.ignoreSIGPIPE()
        contexts = try TLSContextHolder(configuration: TLSConfiguration(
            certificateChainPath: certificates.serverCertificatePath, privateKeyPath: certificates.serverKeyPath))
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.eventLoopCount = 1
        configuration.workerCount = 1
        configuration.log = { _ in }
        configure(&configuration)
        server = HTTPServer(configuration: configuration)
        let index = server.addTLSListener(port: 0, contexts: contexts)
        let accessLog = self.accessLog
        try server.start(handler: TLSProbeHandler()) { entry in accessLog.entries.withLock { $0.append(entry) } }
        tlsPort = UInt16(server.boundPort(ofTLSListener: index))
        let (server, stopped) = (self.server, self.stopped)
        Thread.detachNewThread {
            server.run()
            stopped.signal()
        }
    }

    var plainPort: Int { server.boundPort }

    var requests: [AccessLogEntry] { accessLog.entries.withLock { $0 } }

    /// Waits (bounded) until the access log has `count` entries; the loop writes it asynchronously.
    func waitForRequests(_ count: Int) -> [AccessLogEntry] {
        for _ in 0..<300 where requests.count < count { usleep(10_000) }
        return requests
    }

    func stop() {
        server.shutdown(graceful: false)
        _ = stopped.wait(timeout: .now() + 5)
    }

    /// A fresh TLS connection still gets a normal answer.
    func answersOverTLS(_ certificates: TestCertificates) -> Bool {
        guard let client = try? TLSTestClient(port: tlsPort, trusting: certificates.caPath) else { return false }
        return client.request("/alive").map { String(decoding: $0, as: UTF8.self) } == "ok tls=true"
    }
}

/// A blocking-style TLS client over the transport's client mode, for requests made from inside the test process.
final class TLSTestClient {
    let fd: Int32
    let transport: TLSTransport
    private var input: [UInt8] = []

    init(port: UInt16, trusting caPath: String, maxVersion: TLSContext.ProtocolVersion = .tls13) throws {
        let context = try TLSContext(clientTrusting: caPath, maxVersion: maxVersion)
        let fd = Loopback.connect(port)
        Loopback.setNonBlocking(fd)
        // deinit (the closer) runs only once every property is set: a failed transport leaves the close to here.
        do {
            transport = try TLSTransport(clientFD: fd, context: context, serverName: "localhost")
        } catch {
            close(fd)
            throw error
        }
        self.fd = fd
    }

    deinit { close(fd) }

    func handshake() -> TransportResult { Loopback.drive(fd) { transport.handshake() } }

    /// Sends raw bytes, then reads until the server ends the session; returns what arrived and how it ended.
    func exchangeUntilClose(_ raw: String) -> (received: String, end: TransportResult) {
        guard case .done = Loopback.writeAll(transport, fd, Array(raw.utf8)) else { return ("", .failed("write")) }
        var received = input
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let result = Loopback.drive(fd) { chunk.withUnsafeMutableBytes { transport.read(into: $0) } }
            guard case .done(let count) = result else {
                return (String(decoding: received, as: UTF8.self), result)
            }
            received += chunk[..<count]
        }
    }

    /// Sends one request and returns the response body (nil on any failure).
    func request(_ path: String = "/", body: [UInt8] = [], keepAlive: Bool = true) -> [UInt8]? {
        var head = "\(body.isEmpty ? "GET" : "POST") \(path) HTTP/1.1\r\nHost: localhost\r\n"
        head += "Content-Length: \(body.count)\r\n"
        if !keepAlive { head += "Connection: close\r\n" }
        head += "\r\n"
        guard case .done = Loopback.writeAll(transport, fd, Array(head.utf8) + body) else { return nil }
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            if let response = MiniHTTPMessage.take(from: &input) {
                return response.body
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
    // A client the server refuses may exit before reading its input; the write then fails with EPIPE, which
    // `run` tolerates. Its exit status and output are what the test checks.
    let finished = try ChildProcess.run(path, arguments, input: Array(stdin.utf8), mergeStderr: true)
    return (finished.status, finished.stdoutText)
}

/// The shared test certificates, or a recorded issue when the openssl CLI could not make them.
func requireCertificates() throws -> TestCertificates {
    try #require(TestCertificates.shared, "scripts/gen-test-certs.sh failed; see the printed reason")
}
