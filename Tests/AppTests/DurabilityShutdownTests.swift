// Graceful shutdown under load loses no acknowledged article: writers POST concurrently to a real `byline serve`
// process, it gets SIGTERM mid-stream, drains and exits 0; restarted on the same database, every article that got
// a 201 reads back with the exact text sent. Answers seen while draining are 201 or 503, never a 500.
// (kill -9 under load is scripts/crash-test: it needs more rounds than a unit test should take.)
import Foundation
import Glibc
import Testing
import TestSupport

/// What the concurrent writers saw.
final class WriterLedger: @unchecked Sendable {
    private let lock = NSLock()
    private var acked: [Int: String] = [:]
    private var statuses: [Int: Int] = [:]
    private var failures = 0
    private var stopping = false
    func ack(_ id: Int, _ text: String) { lock.lock(); acked[id] = text; lock.unlock() }
    func saw(_ status: Int) { lock.lock(); statuses[status, default: 0] += 1; lock.unlock() }
    func failed() { lock.lock(); failures += 1; lock.unlock() }
    var acknowledged: [Int: String] { lock.lock(); defer { lock.unlock() }; return acked }
    var statusCounts: [Int: Int] { lock.lock(); defer { lock.unlock() }; return statuses }
    var connectionFailures: Int { lock.lock(); defer { lock.unlock() }; return failures }
    /// Set when SIGTERM has been sent: from then on refused connections end the writers.
    var isStopping: Bool {
        get { lock.lock(); defer { lock.unlock() }; return stopping }
        set { lock.lock(); stopping = newValue; lock.unlock() }
    }
}

@Suite(.serialized) struct DurabilityShutdownTests {
    static func text(_ writer: Int, _ n: Int) -> String {
        "Reference \(UUID().uuidString) from writer \(writer), number \(n). Prime Minister Tony Blair said in London "
            + "on Monday that taxes would fall next year. \"We will cut taxes,\" Blair said."
    }

    @Test func sigtermUnderLoadLosesNoAcknowledgedArticle() throws {
        guard let binary = ServerProcess.binary() else { return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("byline-durability-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let database = dir.appendingPathComponent("shutdown.db").path

        let server = try ServerProcess(binary: binary, database: database)
        let ledger = WriterLedger()
        let writers = 6
        let group = DispatchGroup()
        for w in 0..<writers {
            group.enter()
            Thread.detachNewThread { [port = server.port] in
                defer { group.leave() }
                var n = 0, refused = 0
                // Writes until the server has stopped accepting (three refused connections in a row after SIGTERM).
                while refused < 3 {
                    n += 1
                    let text = Self.text(w, n)
                    do {
                        let client = try LoopbackClient(port: port, timeout: 30)
                        let body = articleJSON(text)
                        try client.send(Array(("POST /articles HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                            + "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n").utf8) + body)
                        let response = try client.readResponse()
                        ledger.saw(response.status)
                        refused = 0
                        if response.status == 201, let location = response.header("Location"),
                           let id = Int(location.split(separator: "/").last ?? "") {
                            ledger.ack(id, text)
                        }
                    } catch {
                        ledger.failed()
                        if ledger.isStopping { refused += 1 } else { usleep(5_000) }
                    }
                }
            }
        }
        // SIGTERM once the writers are well under way.
        let loadDeadline = Date().addingTimeInterval(10)
        while ledger.acknowledged.count < 30 && Date() < loadDeadline { usleep(10_000) }
        let ackedBeforeSignal = ledger.acknowledged.count
        ledger.isStopping = true
        let exitStatus = server.terminate()
        #expect(group.wait(timeout: .now() + 20) == .success, "writers did not notice the shutdown")

        #expect(exitStatus == 0, "byline serve did not drain and exit cleanly after SIGTERM")
        #expect(ackedBeforeSignal >= 30, "the load never got going")
        let statuses = ledger.statusCounts
        #expect(Set(statuses.keys).isSubset(of: [201, 503]), "answers under load and while draining: \(statuses)")

        let restarted = try ServerProcess(binary: binary, database: database)
        let acked = ledger.acknowledged
        var lost: [Int] = []
        for (id, text) in acked {
            let read = try restarted.request("GET", "/articles/\(id)")
            if read.status != 200 || read.json["text"] as? String != text { lost.append(id) }
        }
        #expect(lost.isEmpty, "acknowledged but lost or altered after a graceful shutdown: \(lost.sorted())")
        print("durability: \(acked.count) articles acknowledged (\(ackedBeforeSignal) before SIGTERM), "
              + "\(ledger.connectionFailures) refused connections, statuses \(statuses), \(lost.count) lost")
        #expect(restarted.terminate() == 0)
    }
}
