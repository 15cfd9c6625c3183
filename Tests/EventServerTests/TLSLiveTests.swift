// Live TLS on 127.0.0.1: the real HTTPServer with a TLS listener beside the plain one, against real clients (curl,
// openssl s_client) and hostile ones: TLS 1.2 and 1.3, refused protocols and ciphers, keep-alive, a 1 MB POST,
// garbage and half handshakes, the handshake timeout, and certificate reload under load.
import Foundation
import Glibc
import Synchronization
import Testing
@testable import EventServer
import TestSupport

private func curl(_ certificates: TestCertificates, _ arguments: [String]) throws -> (status: Int32, output: String) {
    try runTool("/usr/bin/curl", ["-sS", "--max-time", "10", "--cacert", certificates.caPath] + arguments)
}

private func sClient(_ port: UInt16, _ certificates: TestCertificates, _ arguments: [String], request: String = "")
    throws -> (status: Int32, output: String) {
    try runTool("/usr/bin/openssl", ["s_client", "-connect", "127.0.0.1:\(port)", "-servername", "localhost",
                                     "-CAfile", certificates.caPath, "-verify_return_error", "-ign_eof"] + arguments,
                stdin: request)
}

/// The first ClientHello an OpenSSL client sends, captured over a socketpair.
private func clientHello(_ certificates: TestCertificates) throws -> [UInt8] {
    let (ours, theirs) = Loopback.socketPair()
    defer { close(ours); close(theirs) }
    let client = try TLSTransport(clientFD: ours, context: TLSContext(clientTrusting: certificates.caPath),
                                  serverName: "localhost")
    #expect(client.handshake() == .wantRead)
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = read(theirs, &buffer, buffer.count)
    return Array(buffer[..<max(count, 0)])
}

/// True when the peer closes within `timeoutMs` (whatever it sends first, e.g. an alert).
private func readsToEOF(_ fd: Int32, timeoutMs: Int32 = 3000) -> Bool {
    var sink = [UInt8](repeating: 0, count: 4096)
    while Loopback.wait(fd, POLLIN, timeoutMs: timeoutMs) {
        if recv(fd, &sink, sink.count, 0) <= 0 { return true }
    }
    return false
}

private let getClose = "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"

struct VersionFlags: Sendable, CustomTestStringConvertible {
    let curl: [String]
    let sClient: String
    let version: String
    var testDescription: String { version }

    static let all = [
        VersionFlags(curl: ["--tlsv1.2", "--tls-max", "1.2"], sClient: "-tls1_2", version: "TLSv1.2"),
        VersionFlags(curl: ["--tlsv1.3"], sClient: "-tls1_3", version: "TLSv1.3"),
    ]
}

@Test(arguments: VersionFlags.all)
func curlFetchesOverTLSWithVerifiedCertificate(_ row: VersionFlags) throws {
    let certificates = try requireCertificates()
    let server = try TLSLiveServer(certificates)
    defer { server.stop() }
    let result = try curl(certificates, row.curl + ["-v", "https://127.0.0.1:\(server.tlsPort)/health"])
    #expect(result.status == 0, "\(result.output)")
    #expect(result.output.contains("SSL connection using \(row.version) / "), "\(result.output)")
    #expect(result.output.contains("ALPN: server accepted http/1.1"))
    #expect(result.output.hasSuffix("ok tls=true"))
}

@Test(arguments: VersionFlags.all)
func opensslClientFetchesOverTLS(_ row: VersionFlags) throws {
    let certificates = try requireCertificates()
    let server = try TLSLiveServer(certificates)
    defer { server.stop() }
    let result = try sClient(server.tlsPort, certificates, [row.sClient, "-alpn", "http/1.1"], request: getClose)
    #expect(result.status == 0, "\(result.output)")
    #expect(result.output.contains("New, \(row.version), Cipher is"), "\(result.output)")
    #expect(result.output.contains("ALPN protocol: http/1.1"))
    #expect(result.output.contains("Verify return code: 0 (ok)"))
    #expect(result.output.contains("HTTP/1.1 200 OK"))
}

@Test func plainAndTLSListenersServeSideBySide() throws {
    let certificates = try requireCertificates()
    let server = try TLSLiveServer(certificates)
    defer { server.stop() }
    let plain = try LoopbackClient(port: server.plainPort)
    try plain.send(getClose)
    #expect(try plain.readResponse().bodyText == "ok tls=false")
    #expect(server.answersOverTLS(certificates))
}

struct OrderlyClose: Sendable, CustomTestStringConvertible {
    let name: String
    let request: String
    let status: String
    var testDescription: String { name }

    static let all = [
        OrderlyClose(name: "Connection: close", request: getClose, status: "HTTP/1.1 200 "),
        OrderlyClose(name: "400 then linger",
                     request: "GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: x\r\n\r\n", status: "HTTP/1.1 400 "),
    ]
}

@Test(arguments: OrderlyClose.all)
func serverEndsTheSessionWithCloseNotify(_ row: OrderlyClose) throws {
    let certificates = try requireCertificates()
    let server = try TLSLiveServer(certificates)
    defer { server.stop() }
    let client = try TLSTestClient(port: server.tlsPort, trusting: certificates.caPath)
    let (received, end) = client.exchangeUntilClose(row.request)
    #expect(received.hasPrefix(row.status), "\(received)")
    #expect(end == .closed, "a TCP close without close_notify would read as a truncation to strict clients")
}

struct RefusedClient: Sendable, CustomTestStringConvertible {
    let name: String
    let flags: [String]
    var testDescription: String { name }

    static let all = [
        RefusedClient(name: "TLS 1.1 only", flags: ["-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0"]),
        RefusedClient(name: "TLS 1.0 only", flags: ["-tls1", "-cipher", "DEFAULT:@SECLEVEL=0"]),
        RefusedClient(name: "TLS 1.2 with a CBC cipher", flags: ["-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA"]),
        RefusedClient(name: "TLS 1.2 without forward secrecy", flags: ["-tls1_2", "-cipher", "AES128-GCM-SHA256"]),
        RefusedClient(name: "ALPN without http/1.1", flags: ["-alpn", "h2"]),
    ]
}

@Test(arguments: RefusedClient.all)
func clientsOutsideTheProfileAreRefusedAndTheServerStillAnswers(_ row: RefusedClient) throws {
    let certificates = try requireCertificates()
    let server = try TLSLiveServer(certificates)
    defer { server.stop() }
    let refused = try sClient(server.tlsPort, certificates, row.flags, request: getClose)
    #expect(refused.status != 0, "\(refused.output)")
    #expect(!refused.output.contains("HTTP/1.1 200"))
    #expect(server.requests.isEmpty)
    #expect(server.answersOverTLS(certificates))
}

@Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
    let certificates = try requireCertificates()
    let server = try TLSLiveServer(certificates)
    defer { server.stop() }
    let url = "https://127.0.0.1:\(server.tlsPort)/health"
    let result = try curl(certificates, [url, url, url])
    #expect(result.status == 0, "\(result.output)")
    #expect(result.output == "ok tls=true" + "ok tls=true" + "ok tls=true")
    let requests = server.waitForRequests(3)
    #expect(requests.count == 3)
    #expect(Set(requests.map(\.client.port)).count == 1, "one TCP connection for all three")
}

@Test func megabytePostArrivesWholeOverTLS() throws {
    let certificates = try requireCertificates()
    let server = try TLSLiveServer(certificates)
    defer { server.stop() }
    let body = (0..<(1 << 20)).map { _ in UInt8.random(in: 0...255) }
    let sent = certificates.directory.appendingPathComponent("post-\(UUID()).bin")
    let echoed = certificates.directory.appendingPathComponent("echo-\(UUID()).bin")
    try Data(body).write(to: sent)
    defer {
        try? FileManager.default.removeItem(at: sent)
        try? FileManager.default.removeItem(at: echoed)
    }
    let result = try curl(certificates, ["-H", "Expect:", "--data-binary", "@\(sent.path)", "-o", echoed.path,
                                         "https://127.0.0.1:\(server.tlsPort)/echo"])
    #expect(result.status == 0, "\(result.output)")
    let curlIntact = (try? Data(contentsOf: echoed)) == Data(body)
    #expect(curlIntact)
    // Again through the in-process client on TLS 1.2, whose writes hit partial writes and wantWrite.
    let client = try TLSTestClient(port: server.tlsPort, trusting: certificates.caPath, maxVersion: .tls12)
    let clientIntact = client.request("/echo", body: body) == body
    #expect(clientIntact)
}

struct HostileClient: Sendable, CustomTestStringConvertible {
    enum Payload: Sendable { case bytes([UInt8]), halfClientHello, clientHelloThenReset, connectThenClose }
    let name: String
    let payload: Payload
    var testDescription: String { name }

    static let all = [
        HostileClient(name: "plaintext HTTP to the TLS port",
                      payload: .bytes(Array("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8))),
        HostileClient(name: "64 KiB of random bytes", payload: .bytes((0..<65536).map { _ in .random(in: 0...255) })),
        HostileClient(name: "record header claiming 64 KiB", payload: .bytes([0x16, 0x03, 0x01, 0xff, 0xff]
            + [UInt8](repeating: 1, count: 100))),
        HostileClient(name: "half a ClientHello, then close", payload: .halfClientHello),
        HostileClient(name: "ClientHello, then RST", payload: .clientHelloThenReset),
        HostileClient(name: "connect, then close", payload: .connectThenClose),
    ]
}

@Test(arguments: HostileClient.all)
func hostileClientIsDroppedAndTheServerStillAnswers(_ row: HostileClient) throws {
    let certificates = try requireCertificates()
    let server = try TLSLiveServer(certificates)
    defer { server.stop() }
    let fd = Loopback.connect(server.tlsPort)
    var bytes: [UInt8] = []
    switch row.payload {
    case .bytes(let payload): bytes = payload
    case .halfClientHello: bytes = Array(try clientHello(certificates).prefix(40))
    case .clientHelloThenReset:
        bytes = try clientHello(certificates)
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
    case .connectThenClose: break
    }
    _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    if case .bytes = row.payload {
        // The server drops the connection by itself: at most an alert, then EOF or a reset, not a hang.
        #expect(readsToEOF(fd))
    }
    close(fd)
    #expect(server.answersOverTLS(certificates))
    #expect(server.requests.count == 1, "only the health check reached the handler")
}

@Test func stalledHandshakeIsClosedByTheHeaderTimeout() throws {
    let certificates = try requireCertificates()
    let server = try TLSLiveServer(certificates) { $0.headerTimeout = .milliseconds(300) }
    defer { server.stop() }
    let fd = Loopback.connect(server.tlsPort)
    defer { close(fd) }
    let half = Array(try clientHello(certificates).prefix(40))
    _ = half.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    let started = Date()
    #expect(readsToEOF(fd, timeoutMs: 5000))
    #expect(Date().timeIntervalSince(started) < 4)
    #expect(server.answersOverTLS(certificates))
}

private final class LoadCounters: Sendable {
    let stop = Atomic<Bool>(false)
    let succeeded = Atomic<Int>(0)
    let failed = Atomic<Int>(0)
    let finished = Atomic<Int>(0)
}

@Test func reloadUnderLoadServesTheNewCertificateWithoutDroppingAnyone() throws {
    let certificates = try requireCertificates()
    let server = try TLSLiveServer(certificates)
    defer { server.stop() }
    let first = TLSConfiguration(certificateChainPath: certificates.serverCertificatePath,
                                 privateKeyPath: certificates.serverKeyPath)
    let second = TLSConfiguration(certificateChainPath: certificates.otherCertificatePath,
                                  privateKeyPath: certificates.otherKeyPath)
    let mismatched = TLSConfiguration(certificateChainPath: certificates.serverCertificatePath,
                                      privateKeyPath: certificates.otherKeyPath)
    let longLived = try TLSTestClient(port: server.tlsPort, trusting: certificates.caPath)
    #expect(longLived.request("/before") != nil)

    let load = LoadCounters()
    let caPath = certificates.caPath
    let port = server.tlsPort
    for _ in 0..<2 {
        Thread {
            while !load.stop.load(ordering: .sequentiallyConsistent) {
                let ok = (try? TLSTestClient(port: port, trusting: caPath).request("/", keepAlive: false)) != nil
                if ok {
                    load.succeeded.add(1, ordering: .sequentiallyConsistent)
                } else {
                    load.failed.add(1, ordering: .sequentiallyConsistent)
                }
            }
            load.finished.add(1, ordering: .sequentiallyConsistent)
        }.start()
    }
    for round in 0..<10 {
        #expect(server.contexts.reload(configuration: round % 2 == 0 ? second : first) == nil)
        #expect(server.contexts.reload(configuration: mismatched) != nil)
        usleep(30_000)
    }
    load.stop.store(true, ordering: .sequentiallyConsistent)
    while load.finished.load(ordering: .sequentiallyConsistent) < 2 { usleep(10_000) }
    #expect(load.failed.load(ordering: .sequentiallyConsistent) == 0)
    #expect(load.succeeded.load(ordering: .sequentiallyConsistent) > 10)

    // Ten swaps end on `first`; one more good one and a refused one leave `second` in service.
    #expect(server.contexts.reload(configuration: second) == nil)
    #expect(server.contexts.reload(configuration: mismatched) != nil)
    let served = try runTool("/bin/bash", ["-c", "openssl s_client -connect 127.0.0.1:\(port) -servername localhost "
                                           + "</dev/null 2>/dev/null | openssl x509 -noout -serial"])
    let expected = try runTool("/usr/bin/openssl", ["x509", "-noout", "-serial", "-in",
                                                    certificates.otherCertificatePath])
    #expect(served.output == expected.output)
    #expect(served.output.contains(server.contexts.certificate.serialHex))
    // The connection made before all the swaps still works on its original session.
    #expect(longLived.request("/after") != nil)
}
