// Load over TLS with wrk, opt-in (BYLINE_TLS_LOAD=1; scripts/bench-https.sh sets it): many concurrent
// connections, keep-alive and one-handshake-per-request, must finish without a socket error or a non-2xx answer.
// The request rates are printed for the bench script to compare with nginx; nothing here is timed.
import Foundation
import Testing
@testable import EventServer
import TestSupport

private let loadEnabled = ProcessInfo.processInfo.environment["BYLINE_TLS_LOAD"] != nil
private let loadSeconds = ProcessInfo.processInfo.environment["BYLINE_TLS_LOAD_SECONDS"] ?? "5"

struct LoadMode: Sendable, CustomTestStringConvertible {
    let name: String
    let connections: Int
    let headers: [String]
    var testDescription: String { name }

    static let all = [
        LoadMode(name: "keepalive", connections: 50, headers: []),
        LoadMode(name: "handshakes", connections: 20, headers: ["-H", "Connection: close"]),
    ]
}

/// The numbers wrk reports that the test and the bench script read.
struct WrkSummary {
    var requestsPerSecond = 0.0
    var socketErrors = 0
    var non2xx = 0

    init(_ output: String) {
        for line in output.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.hasPrefix("Requests/sec:") {
                let value = line.dropFirst("Requests/sec:".count).trimmingCharacters(in: .whitespaces)
                requestsPerSecond = Double(value) ?? 0
            } else if line.hasPrefix("Socket errors:") {
                socketErrors = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }.reduce(0, +)
            } else if line.hasPrefix("Non-2xx or 3xx responses:") {
                non2xx = Int(line.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "") ?? 0
            }
        }
    }
}

@Suite(.enabled(if: loadEnabled, "set BYLINE_TLS_LOAD=1 (or run scripts/bench-https.sh) for the wrk load runs"),
       .serialized)
struct TLSLoadTests {
    @Test(arguments: LoadMode.all)
    func wrkLoadOverTLSCompletesWithoutErrors(_ mode: LoadMode) throws {
        try #require(FileManager.default.fileExists(atPath: "/usr/bin/wrk"), "apt install wrk")
        let certificates = try requireCertificates()
        let server = try TLSLiveServer(certificates) {
            $0.eventLoopCount = ServerConfiguration.coreCount
            $0.maxRequestsPerConnection = 100_000
        }
        defer { server.stop() }
        let result = try runTool("/usr/bin/wrk", ["-t2", "-c\(mode.connections)", "-d\(loadSeconds)s"] + mode.headers
                                 + ["https://127.0.0.1:\(server.tlsPort)/health"])
        let summary = WrkSummary(result.output)
        print("BENCH byline \(mode.name) \(summary.requestsPerSecond) req/s")
        #expect(result.status == 0, "\(result.output)")
        #expect(summary.requestsPerSecond > 0, "\(result.output)")
        #expect(summary.socketErrors == 0, "\(result.output)")
        #expect(summary.non2xx == 0, "\(result.output)")
    }
}
