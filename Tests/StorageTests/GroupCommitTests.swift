// GroupCommit: concurrent submissions share one write while another is in progress; every caller gets its own
// outcome, in order.
import Foundation
import Testing
@testable import Storage

/// Runs `body(i)` for i in 0..<count on `count` plain threads (not the cooperative pool, which blocking calls
/// would starve) and waits for all.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for i in 0..<count {
        group.enter()
        Thread.detachNewThread {
            body(i)
            group.leave()
        }
    }
    group.wait()
}

@Suite struct GroupCommitTests {
    final class Gate: @unchecked Sendable {  // semaphores are thread-safe
        let started = DispatchSemaphore(value: 0)
        let go = DispatchSemaphore(value: 0)
        let batches = Locked<[[String]]>([])
    }

    @Test func submissionsArrivingDuringAWriteShareTheNextBatchAndGetTheirOwnResults() throws {
        let gate = Gate()
        let commit = GroupCommit<NewArticle>(maxBatch: 64) { articles in
            let isFirst = gate.batches.withLock { b in b.append(articles.map(\.contentHash)); return b.count == 1 }
            if isFirst {
                gate.started.signal()
                gate.go.wait()
            }
            return articles.map { a in
                a.contentHash == "bad" ? .failure(.invalid("bad")) : .success(InsertResult(id: Int64(a.contentHash)!,
                                                                                          created: true))
            }
        }
        let results = Locked<[String: InsertOutcome]>([:])
        let first = Thread { results.withLock { $0["1"] = commit.submit(NewArticle(text: "", contentHash: "1")) } }
        first.start()
        gate.started.wait()
        let hashes = ["2", "3", "bad", "5", "6", "7", "8"]
        let group = DispatchGroup()
        for h in hashes {
            group.enter()
            Thread.detachNewThread {
                let r = commit.submit(NewArticle(text: "", contentHash: h))
                results.withLock { $0[h] = r }
                group.leave()
            }
        }
        // Wait (bounded) until all seven are queued behind the blocked first write.
        let deadline = Date().addingTimeInterval(10)
        while commit.queued < hashes.count && Date() < deadline { usleep(1000) }
        gate.go.signal()
        group.wait()
        while results.withLock({ $0.count }) < 8 && Date() < deadline { usleep(1000) }

        let batches = gate.batches.withLock { $0 }
        #expect(batches.count == 2)
        #expect(batches.first == ["1"])
        #expect(Set(batches.last ?? []) == Set(hashes))
        #expect(commit.recentBatchSizes == [1, 7])
        let final = results.withLock { $0 }
        for h in ["1", "2", "3", "5", "6", "7", "8"] { #expect((try? final[h]?.get())?.id == Int64(h)) }
        #expect((try? final["bad"]?.get()) == nil)
    }

    @Test func aBatchIsCappedAtMaxBatch() {
        let gate = Gate()
        let commit = GroupCommit<NewArticle>(maxBatch: 3) { articles in
            let isFirst = gate.batches.withLock { b in b.append(articles.map(\.contentHash)); return b.count == 1 }
            if isFirst {
                gate.started.signal()
                gate.go.wait()
            }
            return articles.map { _ in .success(InsertResult(id: 1, created: true)) }
        }
        let group = DispatchGroup()
        group.enter()
        Thread.detachNewThread { _ = commit.submit(NewArticle(text: "", contentHash: "first")); group.leave() }
        gate.started.wait()
        for i in 0..<9 {
            group.enter()
            Thread.detachNewThread { _ = commit.submit(NewArticle(text: "", contentHash: "\(i)")); group.leave() }
        }
        let deadline = Date().addingTimeInterval(10)
        while commit.queued < 9 && Date() < deadline { usleep(1000) }
        gate.go.signal()
        group.wait()
        #expect(commit.recentBatchSizes == [1, 3, 3, 3])
    }
}
