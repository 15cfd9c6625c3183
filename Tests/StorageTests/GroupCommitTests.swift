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
        #expect(commit.commitTotals.commits == 2 && commit.commitTotals.items == 7)  // "bad" was not stored
        let final = results.withLock { $0 }
        for h in ["1", "2", "3", "5", "6", "7", "8"] { #expect((try? final[h]?.get())?.id == Int64(h)) }
        #expect((try? final["bad"]?.get()) == nil)
    }

    /// The totals behind /metrics count a commit when its transaction committed and an item when it was stored
    /// anew: a text stored already commits nothing new, a batch that failed whole is no commit.
    @Test func commitTotalsCountCommittedBatchesAndNewInserts() {
        let commit = GroupCommit<NewArticle>(maxBatch: 64) { articles in
            articles.map { a in
                switch a.contentHash {
                case "bad": return .failure(.invalid("bad"))
                case "dup": return .success(InsertResult(id: 1, created: false))
                default: return .success(InsertResult(id: 2, created: true))
                }
            }
        }
        let steps: [(hash: String, commits: Int, items: Int)] = [("new", 1, 1), ("dup", 2, 1), ("bad", 2, 1),
                                                                 ("new2", 3, 2)]
        for step in steps {
            _ = commit.submit(NewArticle(text: "", contentHash: step.hash))
            let totals = commit.commitTotals
            #expect(totals.commits == step.commits && totals.items == step.items, "after \(step.hash): \(totals)")
        }
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

    /// A commit that records its batches and answers every article with id 1.
    static func recording(_ batches: Locked<[[String]]>, maxBatch: Int = 64, fillTarget: Int,
                          linger: Duration) -> GroupCommit<NewArticle> {
        GroupCommit<NewArticle>(maxBatch: maxBatch, fillTarget: fillTarget, linger: linger) { articles in
            batches.withLock { $0.append(articles.map(\.contentHash)) }
            return articles.map { _ in .success(InsertResult(id: 1, created: true)) }
        }
    }

    @Test func aLeaderWaitsForAnnouncedArticlesAndCommitsThemTogether() {
        let batches = Locked<[[String]]>([])
        let commit = Self.recording(batches, fillTarget: 3, linger: .seconds(60))
        for _ in 0..<3 { commit.announce() }
        let group = DispatchGroup()
        for (i, h) in ["a", "b", "c"].enumerated() {
            group.enter()
            Thread.detachNewThread {
                _ = commit.submit(NewArticle(text: "", contentHash: h), announced: true)
                group.leave()
            }
            // Each one has arrived (the first leads and waits) before the next is sent.
            let deadline = Date().addingTimeInterval(10)
            while commit.announcedCount > 2 - i && Date() < deadline { usleep(1000) }
        }
        group.wait()
        #expect(batches.withLock { $0.map { Set($0) } } == [["a", "b", "c"]])
        #expect(commit.announcedCount == 0)
    }

    @Test func anAnnouncementCountsOnceHoweverItEnds() {
        let commit = GroupCommit<PreparedArticle>(maxBatch: 1) { articles in
            articles.map { _ in .success(InsertResult(id: 1, created: true)) }
        }
        let withdrawn = InsertAnnouncement(commit)
        #expect(commit.announcedCount == 1)
        withdrawn.withdraw()
        withdrawn.withdraw()
        #expect(commit.announcedCount == 0)
        #expect(!withdrawn.take())  // nor can a withdrawn one be handed to a submit
        let used = InsertAnnouncement(commit)
        #expect(used.take())
        used.withdraw()  // used up: its submit, not a withdrawal, ends it
        #expect(commit.announcedCount == 1)
        do { _ = InsertAnnouncement(commit) }  // released unused: withdrawn
        #expect(commit.announcedCount == 1)
    }

    @Test(arguments: [false, true])
    func aLeaderStopsWaitingWhenNothingAnnouncedIsLeft(_ withdrawn: Bool) {
        let batches = Locked<[[String]]>([])
        // A linger this long would stop the test if nothing ended it.
        let commit = Self.recording(batches, fillTarget: 10, linger: .seconds(600))
        commit.announce()
        if withdrawn { commit.announce() }
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            _ = commit.submit(NewArticle(text: "", contentHash: "a"), announced: true)
            done.signal()
        }
        if withdrawn {
            let deadline = Date().addingTimeInterval(10)
            while commit.announcedCount > 1 && Date() < deadline { usleep(1000) }
            commit.withdraw()
        }
        #expect(done.wait(timeout: .now() + 30) == .success)
        #expect(batches.withLock { $0 } == [["a"]])
    }

    @Test func withoutAnnouncementsNothingWaits() {
        let batches = Locked<[[String]]>([])
        let commit = Self.recording(batches, fillTarget: 10, linger: .seconds(600))
        #expect((try? commit.submit(NewArticle(text: "", contentHash: "a")).get())?.id == 1)
        #expect(batches.withLock { $0 } == [["a"]])
    }
}
