// Live TLS on 127.0.0.1 against real clients (curl, openssl s_client) and hostile ones: TLS 1.2 and 1.3 requests,
// refused protocols and ciphers, keep-alive, a 1 MB POST, garbage and half handshakes, reload under load.
// The server is TLSTestServer (TLSTransport driven by poll) until the epoll EventServer is merged.
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

/// True when the peer closes within 3 s (whatever it sends first).
private func readsToEOF(_ fd: Int32) -> Bool {
    var sink = [UInt8](repeating: 0, count: 4096)
    while Loopback.wait(fd, POLLIN, timeoutMs: 3000) {
        if recv(fd, &sink, sink.count, 0) <= 0 { return true }
    }
    return false
}

struct CurlVersionCase: Sendable, CustomTestStringConvertible {
    let flags: [String]
    let sClientFlag: String
    let version: String
    var testDescription: String { version }

    static let all = [
        CurlVersionCase(flags: ["--tlsv1.2", "--tls-max", "1.2"], sClientFlag: "-tls1_2", version: "TLSv1.2"),
        CurlVersionCase(flags: ["--tlsv1.3"], sClientFlag: "-tls1_3", version: "TLSv1.3"),
    ]
}

@Test(arguments: CurlVersionCase.all)
func curlFetchesOverTLSWithVerifiedCertificate(_ row: CurlVersionCase) throws {
    let certificates = try requireCertificates()
    let server = try TLSTestServer(certificates)
    defer { server.stop() }
    let result = try curl(certificates, row.flags + ["https://127.0.0.1:\(server.port)/health"])
    #expect(result.status == 0, "\(result.output)")
    #expect(result.output.hasPrefix("ok 0 0 \(row.version) "), "\(result.output)")
    #expect(result.output.hasSuffix(" http/1.1\n"), "\(result.output)")
}

@Test(arguments: CurlVersionCase.all)
func opensslClientFetchesOverTLS(_ row: CurlVersionCase) throws {
    let certificates = try requireCertificates()
    let server = try TLSTestServer(certificates)
    defer { server.stop() }
    let result = try sClient(server.port, certificates, [row.sClientFlag, "-alpn", "http/1.1"],
                             request: "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
    #expect(result.status == 0, "\(result.output)")
    #expect(result.output.contains("New, \(row.version), Cipher is"), "\(result.output)")
    #expect(result.output.contains("ALPN protocol: http/1.1"))
    #expect(result.output.contains("Verify return code: 0 (ok)"))
    #expect(result.output.contains("HTTP/1.1 200 OK"))
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
    let server = try TLSTestServer(certificates)
    defer { server.stop() }
    let refused = try sClient(server.port, certificates, row.flags,
                              request: "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
    #expect(refused.status != 0, "\(refused.output)")
    #expect(!refused.output.contains("HTTP/1.1 200"))
    let stats = server.waitFor { !$0.failures.isEmpty }
    #expect(stats.failures.count == 1, "\(stats.failures)")
    let client = try TLSTestClient(port: server.port, trusting: certificates.caPath)
    #expect(client.request("/health")?.hasPrefix("ok") == true)
}

@Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
    let certificates = try requireCertificates()
    let server = try TLSTestServer(certificates)
    defer { server.stop() }
    let url = "https://127.0.0.1:\(server.port)/health"
    let result = try curl(certificates, [url, url, url])
    #expect(result.status == 0, "\(result.output)")
    #expect(result.output.components(separatedBy: "ok 0 0 TLSv1.3").count == 4, "\(result.output)")
    let stats = server.waitFor { $0.requests == 3 }
    #expect(stats.accepted == 1)
    #expect(stats.requests == 3)
}

@Test func megabytePostArrivesWholeOverTLS() throws {
    let certificates = try requireCertificates()
    let server = try TLSTestServer(certificates)
    defer { server.stop() }
    let body = (0..<(1 << 20)).map { _ in UInt8.random(in: 0...255) }
    let checksum = body.reduce(UInt32(0)) { $0 &* 31 &+ UInt32($1) }
    let file = certificates.directory.appendingPathComponent("post-\(UUID()).bin")
    try Data(body).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let result = try curl(certificates, ["-H", "Expect:", "--data-binary", "@\(file.path)",
                                         "https://127.0.0.1:\(server.port)/ingest"])
    #expect(result.output.hasPrefix("ok 1048576 \(checksum) "), "\(result.output)")
    // The same through the in-process client, whose writes hit partial writes and wantWrite.
    let client = try TLSTestClient(port: server.port, trusting: certificates.caPath, maxVersion: .tls12)
    #expect(client.request("/ingest", body: body)?.hasPrefix("ok 1048576 \(checksum) TLSv1.2") == true)
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
        HostileClient(name: "half a ClientHello, then close", payload: .halfClientHello),
        HostileClient(name: "ClientHello, then RST", payload: .clientHelloThenReset),
        HostileClient(name: "connect, then close", payload: .connectThenClose),
    ]
}

@Test(arguments: HostileClient.all)
func hostileClientIsDroppedAndTheServerStillAnswers(_ row: HostileClient) throws {
    let certificates = try requireCertificates()
    let server = try TLSTestServer(certificates)
    defer { server.stop() }
    let fd = Loopback.connect(server.port)
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
        // The server gives up on the connection by itself: at most an alert, then EOF or a reset, not a hang.
        #expect(readsToEOF(fd))
    }
    close(fd)
    let stats = server.waitFor { $0.failures.count == 1 }
    #expect(stats.failures.count == 1, "\(stats.failures)")
    if row.name.hasPrefix("plaintext") { #expect(stats.failures.first?.contains("http request") == true) }
    let client = try TLSTestClient(port: server.port, trusting: certificates.caPath)
    #expect(client.request("/health")?.hasPrefix("ok") == true)
}

private final class LoadCounters: Sendable {
    let stop = Atomic<Bool>(false)
    let succeeded = Atomic<Int>(0)
    let failed = Atomic<Int>(0)
    let finished = Atomic<Int>(0)
}

@Test func reloadUnderLoadServesTheNewCertificateWithoutDroppingAnyone() throws {
    let certificates = try requireCertificates()
    let server = try TLSTestServer(certificates)
    defer { server.stop() }
    let first = TLSConfiguration(certificateChainPath: certificates.serverCertificatePath,
                                 privateKeyPath: certificates.serverKeyPath)
    let second = TLSConfiguration(certificateChainPath: certificates.otherCertificatePath,
                                  privateKeyPath: certificates.otherKeyPath)
    let mismatched = TLSConfiguration(certificateChainPath: certificates.serverCertificatePath,
                                      privateKeyPath: certificates.otherKeyPath)
    let longLived = try TLSTestClient(port: server.port, trusting: certificates.caPath)
    #expect(longLived.request("/health")?.hasPrefix("ok") == true)

    let load = LoadCounters()
    let caPath = certificates.caPath
    let port = server.port
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
        #expect(server.holder.reload(configuration: round % 2 == 0 ? second : first) == nil)
        #expect(server.holder.reload(configuration: mismatched) != nil)
        usleep(30_000)
    }
    load.stop.store(true, ordering: .sequentiallyConsistent)
    while load.finished.load(ordering: .sequentiallyConsistent) < 2 { usleep(10_000) }
    #expect(load.failed.load(ordering: .sequentiallyConsistent) == 0)
    #expect(load.succeeded.load(ordering: .sequentiallyConsistent) > 10)

    // Ten swaps end on `first`; one more good one and a refused one leave `second` in service.
    #expect(server.holder.reload(configuration: second) == nil)
    #expect(server.holder.reload(configuration: mismatched) != nil)
    let served = try runTool("/bin/bash", ["-c", "openssl s_client -connect 127.0.0.1:\(port) -servername localhost "
                                           + "</dev/null 2>/dev/null | openssl x509 -noout -serial"])
    #expect(served.output.contains("serial=\(server.holder.certificate.serialHex)"), "\(served.output)")
    let expected = try runTool("/usr/bin/openssl", ["x509", "-noout", "-serial", "-in",
                                                    certificates.otherCertificatePath])
    #expect(served.output == expected.output)
    // The connection made before all the swaps still works on its original session.
    #expect(longLived.request("/health")?.hasPrefix("ok") == true)
}
