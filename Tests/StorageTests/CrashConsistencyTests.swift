// Crash consistency: a child process (this test binary, re-run on one hidden test) inserts from 8 threads and
// reports each acknowledged insert on stdout; the parent SIGKILLs it mid-stream, reopens the file and checks that
// every acknowledged article is there with its rows, the counts agree, and quick_check passes. kill -9 cannot
// tell synchronous=FULL from NORMAL (RELIABILITY.md §5.3); it does catch an acknowledgment before COMMIT and a
// half-applied transaction.
import Foundation
import Testing
import TestSupport
@testable import Storage

@Suite struct CrashConsistencyTests {
    static let childDatabase = ProcessInfo.processInfo.environment["BYLINE_CRASH_CHILD_DB"]

    /// The child side: runs only when the parent sets BYLINE_CRASH_CHILD_DB; writes until killed.
    @Test(.enabled(if: childDatabase != nil)) func crashChildInsertsUntilKilled() throws {
        let store = try ArticleStore(path: Self.childDatabase!)
        onThreads(8) { t in
            for i in 0..<100_000 {
                let hash = "c\(t)-\(i)"
                guard let r = try? store.insert(StoreFixtures.article(hash)) else { continue }
                FileHandle.standardOutput.write(Data("ack \(hash) \(r.id)\n".utf8))
            }
        }
    }

    @Test func killedWriterLosesNoAcknowledgedArticleAndLeavesNoHalfArticle() throws {
        guard let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
              exe.hasSuffix(".xctest") else {
            print("skipped: not running from the SwiftPM test binary, cannot re-run it as a child")
            return
        }
        let dir = StoreFixtures.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("crash.db").path
        var acked: [String: Int64] = [:]
        for round in 0..<3 {
            let child = try ChildProcess(
                exe, ["--filter", "crashChildInsertsUntilKilled", "--testing-library", "swift-testing"],
                environment: ProcessInfo.processInfo.environment.merging(["BYLINE_CRASH_CHILD_DB": path]) { $1 },
                stdout: .pipe)
            // Read acknowledgments until a random count (bounded by a deadline), then kill -9 mid-stream.
            let target = 30 + round * 40 + Int.random(in: 0..<40)
            var buffer: [UInt8] = [], seen = 0
            let deadline = Date().addingTimeInterval(60)
            while seen < target && Date() < deadline {
                let chunk = child.readSome()
                if chunk.isEmpty { break }
                buffer += chunk
                while let nl = buffer.firstIndex(of: 0x0A) {
                    let line = String(decoding: buffer[buffer.startIndex..<nl], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex...nl)
                    let parts = line.split(separator: " ")
                    if parts.count == 3, parts[0] == "ack", let id = Int64(parts[2]) {
                        acked[String(parts[1])] = id
                        seen += 1
                    }
                }
            }
            child.signal(SIGKILL)
            child.wait()
            #expect(seen >= target, "child acknowledged only \(seen) inserts in round \(round)")
        }
        let store = try ArticleStore(path: path)  // runs quick_check
        for (hash, id) in acked {
            #expect(try store.articleId(contentHash: hash) == id, "acknowledged \(hash) lost")
        }
        let articles = try StoreFixtures.allPages(limit: 500) { c, l in
            try store.articles(ArticleQuery(cursor: c, limit: l))
        }
        #expect(articles.count >= acked.count)
        print("crash consistency: \(acked.count) acknowledged over 3 kills, \(articles.count) stored")
        let biden = try #require(try store.entities(EntityQuery(q: "joe biden")).rows.first)
        #expect(biden.articleCount == articles.count)  // every stored article is whole
        #expect(biden.mentionCount == 2 * articles.count)
        #expect(try store.quotes(QuoteQuery(q: "economy", limit: 500)).rows.count == min(500, articles.count))
    }
}
