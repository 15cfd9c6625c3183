// ArticleStore under concurrent use: writers on many threads (group commit) and readers beside them on a
// file-backed WAL store; every insert is acknowledged once, counts stay exact, and readers see whole articles.
import Foundation
import Testing
@testable import Storage

@Suite struct ArticleStoreConcurrencyTests {
    typealias F = StoreFixtures

    @Test func concurrentWritersAndReadersKeepEveryArticleAndExactCounts() throws {
        try F.withTempStore { store, _ in
            let writers = 8, perWriter = 15
            let failures = Locked<[String]>([])
            let ids = Locked<Set<Int64>>([])
            onThreads(writers + 3) { t in
                if t < writers {
                    for i in 0..<perWriter {
                        do {
                            // Every 5th is a duplicate of the writer's previous article: must not count twice.
                            let hash = "w\(t)-\(i % 5 == 4 ? i - 1 : i)"
                            let r = try store.insert(F.article(hash))
                            if r.created { ids.withLock { _ = $0.insert(r.id) } }
                        } catch {
                            failures.withLock { $0.append("insert: \(error)") }
                        }
                    }
                } else {
                    for _ in 0..<20 {
                        do {
                            // A reader sees each article whole: one quote and one event per article, never less.
                            let page = try store.articles(ArticleQuery(limit: 500))
                            for a in page.rows.prefix(5) {
                                let q = try store.quotes(QuoteQuery(articleId: a.id)).rows.count
                                let e = try store.timeline(TimelineQuery(articleId: a.id)).rows.count
                                if q != 1 || e != 1 { failures.withLock { $0.append("partial article \(a.id)") } }
                            }
                        } catch {
                            failures.withLock { $0.append("read: \(error)") }
                        }
                    }
                }
            }
            #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 }.prefix(3))")
            let expected = writers * (perWriter - perWriter / 5)
            #expect(ids.withLock { $0.count } == expected)
            let all = try F.allPages(limit: 500) { c, l in try store.articles(ArticleQuery(cursor: c, limit: l)) }
            #expect(all.count == expected)
            let biden = try #require(try store.entities(EntityQuery(q: "joe biden")).rows.first)
            #expect(biden.articleCount == expected)
            #expect(biden.mentionCount == 2 * expected)
            #expect(try store.quotes(QuoteQuery(limit: 500)).rows.count == expected)
        }
    }

    @Test func readersRunBesideAnOpenWriteTransactionAndSeeOnlyCommittedData() throws {
        try F.withTempStore { store, _ in
            _ = try store.insert(F.article("committed"))
            try store.withWriter { db throws(StorageError) in
                try db.execute("BEGIN IMMEDIATE")
                defer { db.rollback() }
                _ = try ArticleWriter.insert(F.article("pending"), into: db)
                // Runs on a pooled read connection while the writer holds its lock and an open transaction.
                let seen = try store.articles().rows.map(\.contentHash)
                #expect(seen == ["committed"])
            }
            #expect(try store.articleId(contentHash: "pending") == nil)
        }
    }

    @Test func anAnnouncementOfAnArticleThatIsRefusedOrNeverComesKeepsNoCommitWaiting() throws {
        // A commit would wait ten minutes for an announced article that never came.
        let options = ArticleStore.Options(commitFillTarget: 8, commitLinger: .seconds(600))
        try StoreFixtures.withTempStore(options: options) { store, _ in
            let refused = store.announceInsert()
            #expect(throws: StorageError.self) {
                try store.insert(StoreFixtures.article("bad", date: "not a date"), announced: refused)
            }
            do { _ = store.announceInsert() }  // released unused
            let done = DispatchSemaphore(value: 0)
            let result = Locked<Int64?>(nil)
            Thread.detachNewThread {
                let id = try? store.insert(StoreFixtures.article("good"), announced: store.announceInsert()).id
                result.withLock { $0 = id }
                done.signal()
            }
            #expect(done.wait(timeout: .now() + 30) == .success)
            #expect(result.withLock { $0 } != nil)
        }
    }
}
