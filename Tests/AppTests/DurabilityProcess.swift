// A real `byline serve` child process for the durability tests: the binary SwiftPM built next to this test
// bundle, on an ephemeral port (read from its "listening on" log line), optionally under a file-size limit
// (RLIMIT_FSIZE through the shell's ulimit, SIGXFSZ ignored) so that SQLite's writes fail as on a full disk.
import Foundation
import Glibc
import TestSupport

final class ServerProcess {
    let process: ChildProcess
    private(set) var port = 0
    private let log = LogCapture()

    /// The `byline` executable beside the running test bundle (.build/<config>/byline), or nil with the reason
    /// printed: the tests skip when the product was not built.
    static func binary() -> String? {
        guard let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
            print("skipped: cannot read /proc/self/exe to find the byline binary")
            return nil
        }
        let path = URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("byline").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            print("skipped: no built byline binary at \(path) (swift build first)")
            return nil
        }
        return path
    }

    /// Starts `byline serve` on `database` and waits until /ready answers 200.
    /// `fileSizeLimit`: largest file the server may write, in bytes (rounded down to 512-byte blocks).
    init(binary: String, database: String, fileSizeLimit: Int? = nil, readyWithin seconds: Double = 60) throws {
        let serve = [binary, "serve", "--port", "0", "--database", database, "--log-level", "info",
                     "--loops", "1", "--workers", "2"]
        // byline refuses BYLINE_* variables it does not know (BYLINE_SHARED is ours, for the tests).
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BYLINE_") }
        environment["BYLINE_SHUTDOWN_GRACE"] = "5s"
        if let fileSizeLimit {
            let limited = ["-c", "trap '' XFSZ; ulimit -f \(fileSizeLimit / 512); exec \"$0\" \"$@\""] + serve
            process = try ChildProcess("/bin/sh", limited, environment: environment, stderr: .pipe)
        } else {
            process = try ChildProcess(binary, Array(serve.dropFirst()), environment: environment, stderr: .pipe)
        }
        let capture = log, child = process
        // Drains stderr for the life of the process (the access log would otherwise fill the pipe). The thread
        // holds the child, so its pipe stays open until the read that sees end of file.
        Thread.detachNewThread {
            var pending: [UInt8] = []
            while true {
                let chunk = child.readSome(.error)
                if chunk.isEmpty { break }
                pending += chunk
                while let nl = pending.firstIndex(of: 0x0A) {
                    capture.append(String(decoding: pending[pending.startIndex..<nl], as: UTF8.self))
                    pending.removeSubrange(pending.startIndex...nl)
                }
            }
        }
        let deadline = Date().addingTimeInterval(seconds)
        while port == 0 && Date() < deadline && process.isRunning {
            port = capture.all.lazy.compactMap(Self.listeningPort).first ?? 0
            if port == 0 { usleep(20_000) }
        }
        while Date() < deadline && process.isRunning {
            if (try? request("GET", "/ready").status) == 200 { return }
            usleep(50_000)
        }
        let lines = capture.all.suffix(5).joined(separator: "\n")
        process.signal(SIGKILL)
        process.wait()
        throw ServerProcessError.notReady(lines)
    }

    deinit {
        process.signal(SIGKILL)
        process.wait()
    }

    /// The port in a JSON log line whose message is "listening on http://127.0.0.1:40123; database ...".
    static func listeningPort(_ line: String) -> Int? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let message = object["message"] as? String,
              let range = message.range(of: "listening on http://127.0.0.1:") else { return nil }
        return Int(message[range.upperBound...].prefix { $0.isNumber })
    }

    var logLines: [String] { log.all }

    /// One request on a new connection.
    func request(_ method: String, _ target: String, body: [UInt8] = [], contentType: String = "application/json",
                 timeout: Double = 30) throws -> LoopbackResponse {
        let client = try LoopbackClient(port: port, timeout: timeout)
        let head = "\(method) \(target) HTTP/1.1\r\nHost: test\r\nContent-Type: \(contentType)\r\n"
            + "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        try client.send(Array(head.utf8) + body)
        return try client.readResponse()
    }

    /// SIGTERM, then waits (at most `seconds`) for the exit; returns the exit status, nil if it had to be killed.
    func terminate(within seconds: Double = 15) -> Int32? {
        process.signal(SIGTERM)
        if let status = process.wait(seconds: seconds) { return status }
        let status = (try? String(contentsOfFile: "/proc/\(process.pid)/status", encoding: .utf8)) ?? ""
        print("byline serve still running \(seconds) s after SIGTERM: "
              + status.split(separator: "\n").filter { $0.hasPrefix("Sig") }.joined(separator: " ")
              + "; last log lines: " + logLines.suffix(3).joined(separator: " | "))
        process.signal(SIGKILL)
        process.wait()
        return nil
    }
}

enum ServerProcessError: Error {
    case notReady(String)
}

/// A JSON body {"text": ...}.
func articleJSON(_ text: String) -> [UInt8] {
    Array((try? JSONSerialization.data(withJSONObject: ["text": text])) ?? Data())
}
