// A Service on 127.0.0.1 with an ephemeral port and a temporary database, for live API tests.
import Foundation
import TestSupport
import TextAnalysis
@testable import App

final class LiveService {
    let service: Service
    let port: Int
    let directory: URL

    /// Log lines the service wrote (access log included when configured at info).
    let logs = LogCapture()

    init(configure: (inout Config) -> Void = { _ in }) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("byline-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var config = Config()
        config.port = 0
        config.loops = 1
        config.workers = 2
        config.logLevel = "error"
        config.database = directory.appendingPathComponent("byline.db").path
        configure(&config)
        let capture = logs
        service = try Service(config: config, logSink: { capture.append($0) })
        port = try service.start().boundPort
        service.load(analyzer: try LiveService.sharedAnalyzer())
    }

    /// A live service that also listens for HTTPS on an ephemeral port (`service.boundTLSPort`) with `certs`.
    static func withTLS(_ certs: TestCertificates, configure: (inout Config) -> Void = { _ in }) throws -> LiveService {
        try LiveService {
            $0.tlsPort = 0
            $0.tlsCert = certs.serverCertificatePath
            $0.tlsKey = certs.serverKeyPath
            configure(&$0)
        }
    }

    /// One analyzer for every live test: loading the model per test would dominate the suite's time.
    private static let analyzer = Result { try Analyzer(resources: ResourceLoader.bundled()) }
    static func sharedAnalyzer() throws -> Analyzer { try analyzer.get() }

    deinit {
        if let server = service.server {
            server.shutdown(graceful: false)
            server.run()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// One request on a new connection.
    func request(_ method: String, _ target: String, body: [UInt8] = [], headers: [String: String] = [:])
        throws -> LoopbackResponse {
        let client = try LoopbackClient(port: port, timeout: 30)
        var head = "\(method) \(target) HTTP/1.1\r\nHost: test\r\nContent-Length: \(body.count)\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        try client.send(Array((head + "\r\n").utf8) + body)
        return try client.readResponse(forHEAD: method == "HEAD")
    }

    func request(_ method: String, _ target: String, text: String, headers: [String: String] = [:])
        throws -> LoopbackResponse {
        try request(method, target, body: Array(text.utf8), headers: headers)
    }
}

extension LoopbackResponse {
    /// The body as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }
}

/// Log lines collected from any thread.
final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
    /// Access-log lines as objects.
    var accessLines: [[String: Any]] {
        all.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
            .filter { $0["status"] != nil }
    }
}
