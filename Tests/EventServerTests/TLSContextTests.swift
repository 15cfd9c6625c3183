// TLSContext and TLSContextHolder: which certificate/key pairs are refused at startup and on reload, that reload
// swaps the pair for new connections only, and the ALPN list parsing behind the http/1.1 selection.
import Foundation
import Glibc
import Synchronization
import Testing
@testable import EventServer
import TestSupport

/// Broken variants of the test pair, written once per process beside the generated certificates.
private let brokenFiles: URL? = {
    guard let certificates = TestCertificates.shared else { return nil }
    let directory = certificates.directory.appendingPathComponent("broken")
    do {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let pem = try String(contentsOfFile: certificates.serverCertificatePath, encoding: .utf8)
        try Data().write(to: directory.appendingPathComponent("empty.pem"))
        try Data(pem.utf8.prefix(pem.utf8.count / 2)).write(to: directory.appendingPathComponent("truncated.pem"))
        let encryptedKey = directory.appendingPathComponent("encrypted.key").path
        let encrypted = try runTool("/usr/bin/openssl", ["pkey", "-in", certificates.serverKeyPath, "-aes256",
                                                         "-passout", "pass:secret", "-out", encryptedKey])
        if encrypted.status != 0 { print("openssl pkey failed: \(encrypted.output)") }
    } catch {
        print("could not write broken certificate files: \(error)")
        return nil
    }
    return directory
}()

struct RefusedPair: Sendable, CustomTestStringConvertible {
    let name: String
    /// File names: "server.pem" etc. in the certificate directory, "broken/..." for the broken variants.
    let certificate: String
    let key: String
    let reason: TLSConfigurationError.Reason
    let mentions: String

    var testDescription: String { name }

    func configuration(_ certificates: TestCertificates) -> TLSConfiguration {
        TLSConfiguration(certificateChainPath: certificates.path(certificate), privateKeyPath: certificates.path(key))
    }

    static let all: [RefusedPair] = [
        RefusedPair(name: "missing certificate", certificate: "nope.pem", key: "server.key",
                    reason: .unreadableFile, mentions: "No such file"),
        RefusedPair(name: "missing key", certificate: "server.pem", key: "nope.key",
                    reason: .unreadableFile, mentions: "No such file"),
        RefusedPair(name: "empty certificate file", certificate: "broken/empty.pem", key: "server.key",
                    reason: .invalidCertificate, mentions: "no PEM certificate"),
        RefusedPair(name: "truncated certificate PEM", certificate: "broken/truncated.pem", key: "server.key",
                    reason: .invalidCertificate, mentions: "no PEM certificate"),
        RefusedPair(name: "key given as certificate", certificate: "server.key", key: "server.key",
                    reason: .invalidCertificate, mentions: "no PEM certificate"),
        RefusedPair(name: "certificate given as key", certificate: "server.pem", key: "server.pem",
                    reason: .invalidKey, mentions: "no usable PEM private key"),
        RefusedPair(name: "passphrase-protected key", certificate: "server.pem", key: "broken/encrypted.key",
                    reason: .invalidKey, mentions: "encrypted keys are not supported"),
        RefusedPair(name: "expired certificate", certificate: "expired.pem", key: "expired.key",
                    reason: .expired, mentions: "has expired"),
        RefusedPair(name: "key of another certificate", certificate: "server.pem", key: "server2.key",
                    reason: .keyMismatch, mentions: "does not match"),
    ]
}

private func serial(of path: String) throws -> String {
    let result = try runTool("/usr/bin/openssl", ["x509", "-noout", "-serial", "-in", path])
    return result.output.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "serial=", with: "")
}

private func configuration(_ certificates: TestCertificates, other: Bool = false) -> TLSConfiguration {
    other
        ? TLSConfiguration(certificateChainPath: certificates.otherCertificatePath,
                           privateKeyPath: certificates.otherKeyPath)
        : TLSConfiguration(certificateChainPath: certificates.serverCertificatePath,
                           privateKeyPath: certificates.serverKeyPath)
}

@Test func validPairLoadsAndDescribesItsLeaf() throws {
    let certificates = try requireCertificates()
    let holder = try TLSContextHolder(configuration: configuration(certificates))
    #expect(holder.certificate.subject == "/CN=localhost")
    #expect(holder.certificate.serialHex == (try serial(of: certificates.serverCertificatePath)))
    #expect(holder.certificate.notAfterEpochSeconds > Int(Date().timeIntervalSince1970) + 89 * 86_400)
}

@Test(arguments: RefusedPair.all)
func startupRefusesBadPair(_ pair: RefusedPair) throws {
    let certificates = try requireCertificates()
    try #require(brokenFiles != nil)
    let error = #expect(throws: TLSConfigurationError.self) {
        _ = try TLSContextHolder(configuration: pair.configuration(certificates))
    }
    #expect(error?.reason == pair.reason)
    #expect(error?.description.contains(pair.mentions) == true, "\(error?.description ?? "no error")")
}

@Test(arguments: RefusedPair.all)
func reloadRefusesBadPairAndKeepsServingTheOld(_ pair: RefusedPair) throws {
    let certificates = try requireCertificates()
    try #require(brokenFiles != nil)
    let holder = try TLSContextHolder(configuration: configuration(certificates))
    let before = holder.certificate
    let message = holder.reload(configuration: pair.configuration(certificates))
    #expect(message?.contains(pair.mentions) == true)
    #expect(message?.contains("still serving the previous certificate") == true)
    #expect(holder.certificate == before)
    #expect(holder.configuration == configuration(certificates))
}

@Test func reloadSwapsTheContextForNewConnectionsOnly() throws {
    let certificates = try requireCertificates()
    let holder = try TLSContextHolder(configuration: configuration(certificates))
    let old = holder.currentContext()
    #expect(holder.reload(configuration: configuration(certificates, other: true)) == nil)
    #expect(holder.certificate.serialHex == (try serial(of: certificates.otherCertificatePath)))
    #expect(holder.currentContext() !== old)
    // A connection made before the swap keeps the context (and certificate) it started with.
    #expect(old.certificate?.serialHex == (try serial(of: certificates.serverCertificatePath)))
}

@Test func reloadRereadsRenewedFilesAtTheSamePaths() throws {
    let certificates = try requireCertificates()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("byline-reload-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let certPath = directory.appendingPathComponent("cert.pem").path
    let keyPath = directory.appendingPathComponent("key.pem").path
    try FileManager.default.copyItem(atPath: certificates.serverCertificatePath, toPath: certPath)
    try FileManager.default.copyItem(atPath: certificates.serverKeyPath, toPath: keyPath)
    let holder = try TLSContextHolder(configuration: TLSConfiguration(certificateChainPath: certPath,
                                                                      privateKeyPath: keyPath))
    for (source, target) in [(certificates.otherCertificatePath, certPath), (certificates.otherKeyPath, keyPath)] {
        try FileManager.default.removeItem(atPath: target)
        try FileManager.default.copyItem(atPath: source, toPath: target)
    }
    #expect(holder.reload() == nil)
    #expect(holder.certificate.serialHex == (try serial(of: certificates.otherCertificatePath)))
}

private final class LogLines: Sendable {
    let lines = Mutex<[String]>([])

    /// Waits (bounded) for the `count`th line.
    func waitFor(_ count: Int) -> [String] {
        for _ in 0..<300 where lines.withLock({ $0.count }) < count { usleep(10_000) }
        return lines.withLock { $0 }
    }
}

@Test func hangupReloadsRenewedFilesAndRefusesABrokenKey() throws {
    let certificates = try requireCertificates()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("byline-hup-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let certPath = directory.appendingPathComponent("cert.pem").path
    let keyPath = directory.appendingPathComponent("key.pem").path
    func install(_ cert: String, _ key: String) throws {
        for (source, target) in [(cert, certPath), (key, keyPath)] {
            try? FileManager.default.removeItem(atPath: target)
            try FileManager.default.copyItem(atPath: source, toPath: target)
        }
    }
    try install(certificates.serverCertificatePath, certificates.serverKeyPath)
    let holder = try TLSContextHolder(configuration: TLSConfiguration(certificateChainPath: certPath,
                                                                      privateKeyPath: keyPath))
    let log = LogLines()
    let watcher = holder.reloadOnHangup { line in log.lines.withLock { $0.append(line) } }
    defer { watcher.cancel() }

    try install(certificates.otherCertificatePath, certificates.otherKeyPath)
    kill(getpid(), SIGHUP)
    let first = log.waitFor(1)
    #expect(first.first?.contains("reloaded") == true, "\(first)")
    let renewed = try serial(of: certificates.otherCertificatePath)
    #expect(holder.certificate.serialHex == renewed)

    try Data("not a key".utf8).write(to: URL(fileURLWithPath: keyPath))
    kill(getpid(), SIGHUP)
    let second = log.waitFor(2)
    #expect(second.count == 2 && second[1].contains("still serving the previous certificate"), "\(second)")
    #expect(holder.certificate.serialHex == renewed)
}

struct ALPNCase: Sendable, CustomTestStringConvertible {
    let name: String
    let wire: [UInt8]
    let expected: Range<Int>?
    var testDescription: String { name }

    static func list(_ names: [String]) -> [UInt8] { names.flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) } }

    static let all: [ALPNCase] = [
        ALPNCase(name: "only http/1.1", wire: list(["http/1.1"]), expected: 1..<9),
        ALPNCase(name: "h2 then http/1.1", wire: list(["h2", "http/1.1"]), expected: 4..<12),
        ALPNCase(name: "h2 only", wire: list(["h2"]), expected: nil),
        ALPNCase(name: "longer name with same prefix", wire: list(["http/1.10"]), expected: nil),
        ALPNCase(name: "length runs past the end", wire: [20] + Array("http/1.1".utf8), expected: nil),
        ALPNCase(name: "zero-length entry", wire: [0] + list(["http/1.1"]), expected: nil),
        ALPNCase(name: "empty list", wire: [], expected: nil),
    ]
}

@Test(arguments: ALPNCase.all)
func alpnFindsHTTP11OnlyInAWellFormedList(_ alpn: ALPNCase) {
    let found = alpn.wire.withUnsafeBufferPointer { TLSContext.findProtocol(TLSContext.alpnHTTP11, in: $0) }
    #expect(found == alpn.expected)
}
