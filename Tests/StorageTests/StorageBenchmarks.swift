// Insert throughput with group commit, run only by scripts/bench-storage.sh (BYLINE_BENCH=1): speed is measured
// in scripts, never asserted by the suite. It still checks that every article was stored.
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Storage

@Suite(.serialized) struct StorageBenchmarks {
    static let enabled = ProcessInfo.processInfo.environment["BYLINE_BENCH"] == "1"

    /// A news-sized article: ~3 KB text, 15 entities × 3 mentions, 5 quotes, 8 events, 8 KB analysis JSON.
    static func article(_ n: Int) -> NewArticle {
        let entities = (0..<15).map { e in
            StoreFixtures.entity(e, "Name\(n % 200 + e) Surname\(e)", ["PER", "ORG", "LOC"][e % 3],
                                 aliases: ["Surname\(e)"], role: e % 4 == 0 ? "Role \(e)" : nil, mentions: 3)
        }
        let quotes = (0..<5).map { q in
            NewQuote(text: "Quoted sentence number \(q) of article \(n) about policy and markets", start: q * 100,
                     end: q * 100 + 60, kind: q % 2 == 0 ? "direct" : "indirect", cue: "said",
                     speakerName: "Surname\(q)", speakerLocalEntityId: q, rule: "r", confidence: 0.7)
        }
        let events = (0..<8).map { v in
            NewEvent(date: "20\(10 + v)-0\(1 + v)-1\(v)", granularity: "day", start: v * 50, end: v * 50 + 40,
                     text: "Event sentence \(v) of article \(n).", localEntityIds: [v, v + 1])
        }
        return NewArticle(text: String(repeating: "Some news text. ", count: 190), date: "2024-05-0\(1 + n % 9)",
                          title: "Article \(n)", url: "https://example.com/\(n)", contentHash: "bench-\(n)",
                          analysisJSON: Array(repeating: UInt8(ascii: "x"), count: 8192), entities: entities,
                          quotes: quotes, events: events)
    }

    static func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    @Test(.enabled(if: enabled), arguments: [1, 8, 64])
    func insertThroughput(concurrency: Int) throws {
        try StoreFixtures.withTempStore { store, _ in
            let total = concurrency == 1 ? 200 : 1000
            let next = Locked(0)
            let start = Date(), cpuStart = Self.cpuSeconds()
            onThreads(concurrency) { _ in
                while true {
                    let n = next.withLock { v -> Int in v += 1; return v - 1 }
                    guard n < total else { return }
                    _ = try? store.insert(Self.article(n))
                }
            }
            let seconds = Date().timeIntervalSince(start), cpu = Self.cpuSeconds() - cpuStart
            let stored = try StoreFixtures.allPages(limit: 500) { c, l in
                try store.articles(ArticleQuery(cursor: c, limit: l))
            }.count
            #expect(stored == total)
            let batches = store.recentBatchSizes
            let mean = Double(batches.reduce(0, +)) / Double(max(1, batches.count))
            print(String(format: "bench-storage: concurrency %d: %d articles in %.2f s = %.0f articles/s, "
                         + "%d commits, mean batch %.1f, %.2f ms CPU per article (load: machine shared)", concurrency,
                         total, seconds, Double(total) / seconds, batches.count, mean, cpu * 1000 / Double(total)))
        }
    }
}
