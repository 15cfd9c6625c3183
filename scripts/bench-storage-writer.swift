// The writer side of POST /articles without analysis or HTTP: compiled by scripts/bench-storage-writer together
// with Sources/Storage (one optimised module), it reads pre-analysed articles (the NDJSON `byline analyze` prints),
// maps them to NewArticle as App does, and inserts them through ArticleStore from many threads (group commit,
// WAL, synchronous=FULL). Process CPU during the inserts is the writer's: nothing else runs.
// usage: bench-storage-writer ANALYSIS.ndjson [--rounds N] [--threads N] [--db PATH]
import CSQLite
import Foundation
#if canImport(Glibc)
import Glibc
#endif

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("bench-storage-writer: \(message)\n".utf8))
    exit(2)
}

var args = Array(CommandLine.arguments.dropFirst())
var rounds = 2, threads = 64, dbPath: String?, profile = false, direct = false
var input: String?
while !args.isEmpty {
    let a = args.removeFirst()
    switch a {
    case "--rounds": rounds = Int(args.removeFirst()) ?? rounds
    case "--threads": threads = Int(args.removeFirst()) ?? threads
    case "--db": dbPath = args.removeFirst()
    case "--profile": profile = true
    case "--direct": direct = true
    default: input = a
    }
}
guard let input, let data = FileManager.default.contents(atPath: input) else { fail("give the analysis NDJSON") }

/// One analysed article in the shape ArticleMapping gives Storage; `round` varies the text and hash.
func newArticle(_ json: [String: Any], line: [UInt8], round: Int, index: Int) -> NewArticle {
    func int(_ v: Any?) -> Int { (v as? NSNumber)?.intValue ?? 0 }
    let rawEntities = json["entities"] as? [[String: Any]] ?? []
    let ids = rawEntities.map { int($0["id"]) }
    func localId(_ index: Any?) -> Int? {
        guard let i = (index as? NSNumber)?.intValue, ids.indices.contains(i) else { return nil }
        return ids[i]
    }
    let entities = rawEntities.map { e in
        NewEntity(localId: int(e["id"]), name: e["name"] as? String ?? "", type: e["type"] as? String ?? "",
                  aliases: e["aliases"] as? [String] ?? [], role: e["role"] as? String,
                  mentionCount: (e["mentions"] as? [Any] ?? []).count)
    }
    let quotes = (json["quotes"] as? [[String: Any]] ?? []).map { q in
        let speaker = q["speaker"] as? [String: Any]
        return NewQuote(text: q["text"] as? String ?? "", start: int(q["start"]), end: int(q["end"]),
                        kind: q["kind"] as? String ?? "direct", cue: (q["cue"] as? [String: Any])?["text"] as? String,
                        speakerName: speaker?["name"] as? String, speakerLocalEntityId: localId(speaker?["entity"]),
                        rule: q["rule"] as? String ?? "", confidence: (q["confidence"] as? NSNumber)?.doubleValue ?? 0)
    }
    let events = (json["timeline"] as? [[String: Any]] ?? []).map { ev in
        NewEvent(date: ev["date"] as? String ?? "", granularity: ev["granularity"] as? String ?? "",
                 start: int(ev["start"]), end: int(ev["end"]), text: ev["text"] as? String ?? "",
                 localEntityIds: (ev["entities"] as? [Any] ?? []).compactMap(localId))
    }
    let file = json["file"] as? String ?? "\(index)"
    let text = "Round \(round) copy.\n" + ((try? String(contentsOfFile: file, encoding: .utf8)) ?? file)
    return NewArticle(text: text, date: String(format: "20%02d-%02d-%02d", 10 + round % 10, 1 + index % 12,
                                               1 + index % 28),
                      title: "Article \(index)", url: "https://example.com/\(round)/\(index)",
                      contentHash: "\(round)-\(file)", analysisJSON: line, entities: entities, quotes: quotes,
                      events: events)
}

var articles: [NewArticle] = []
let lines = data.split(separator: UInt8(ascii: "\n"))
for round in 0..<rounds {
    for (i, line) in lines.enumerated() {
        guard let json = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { continue }
        articles.append(newArticle(json, line: Array(line), round: round, index: i))
    }
}
let mentions = articles.reduce(0) { $0 + $1.entities.reduce(0) { $0 + $1.mentionCount } }
print(String(format: "bench-storage-writer: %d articles (%d rounds), per article %.1f entities, %.1f mentions, "
             + "%.1f quotes, %.1f events", articles.count, rounds,
             Double(articles.reduce(0) { $0 + $1.entities.count }) / Double(articles.count),
             Double(mentions) / Double(articles.count),
             Double(articles.reduce(0) { $0 + $1.quotes.count }) / Double(articles.count),
             Double(articles.reduce(0) { $0 + $1.events.count }) / Double(articles.count)))

func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bench-writer-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: dir) }
let store: ArticleStore
do {
    store = try ArticleStore(path: dbPath ?? dir.appendingPathComponent("bench.db").path)
} catch {
    fail("open: \(error)")
}

final class Counter: @unchecked Sendable {  // guarded by lock
    private let lock = NSLock()
    private var value = 0
    private(set) var failures = 0
    func next() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value - 1 }
    func failed() { lock.lock(); failures += 1; lock.unlock() }
}

/// Inserts `slice` from `threads` threads; returns (wall seconds, CPU seconds).
func run(_ slice: ArraySlice<NewArticle>, label: String, threads: Int) {
    let counter = Counter()
    let all = Array(slice)
    let batchesBefore = store.recentBatchSizes.count
    let start = Date(), cpu0 = cpuSeconds()
    let group = DispatchGroup()
    for _ in 0..<threads {
        group.enter()
        Thread.detachNewThread {
            while true {
                let n = counter.next()
                guard n < all.count else { break }
                do { _ = try store.insert(all[n]) } catch {
                    counter.failed()
                    if counter.failures == 1 { FileHandle.standardError.write(Data("insert: \(error)\n".utf8)) }
                }
            }
            group.leave()
        }
    }
    group.wait()
    let wall = Date().timeIntervalSince(start), cpu = cpuSeconds() - cpu0
    let batches = Array(store.recentBatchSizes.dropFirst(batchesBefore))
    print(String(format: "bench-storage-writer: %@: %d articles in %.2f s = %.0f articles/s, %.2f ms CPU per article, "
                 + "mean batch %.1f, %d failed", label, all.count, wall, Double(all.count) / wall,
                 cpu * 1000 / Double(all.count), Double(batches.reduce(0, +)) / Double(max(1, batches.count)),
                 counter.failures))
}

/// Time per SQL statement (SQLITE_TRACE_PROFILE: wall time of each top-level statement, triggers included).
final class Profile: @unchecked Sendable {  // written only by the writer connection's callback, read after
    nonisolated(unsafe) static var totals: [String: (count: Int, ns: Int64)] = [:]
    static func attach() {
        _ = try? store.withWriter { db in
            sqlite3_trace_v2(db.handle, UInt32(SQLITE_TRACE_PROFILE), { _, _, stmt, ns in
                guard let stmt, let ns, let sql = sqlite3_sql(OpaquePointer(stmt)) else { return 0 }
                let key = String(cString: sql)
                let t = ns.load(as: Int64.self)
                Profile.totals[key, default: (0, 0)].count += 1
                Profile.totals[key, default: (0, 0)].ns += t
                return 0
            }, nil)
        }
    }
    static func report(articles: Int) {
        // Multi-row INSERTs are prepared once per row count: fold them into one line per statement.
        var folded: [String: (count: Int, ns: Int64)] = [:]
        for (sql, v) in totals {
            let key = sql.range(of: " VALUES").map { String(sql[..<$0.lowerBound]) + " VALUES ..." } ?? sql
            folded[key, default: (0, 0)].count += v.count
            folded[key, default: (0, 0)].ns += v.ns
        }
        totals = folded
        let all = totals.values.reduce(Int64(0)) { $0 + $1.ns }
        print(String(format: "profile: %.3f ms per article in statements", Double(all) / 1e6 / Double(articles)))
        for (sql, v) in totals.sorted(by: { $0.value.ns > $1.value.ns }).prefix(25) {
            let flat = sql.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            print(String(format: "  %7.3f ms/article %6.1f/article  %@", Double(v.ns) / 1e6 / Double(articles),
                         Double(v.count) / Double(articles), String(flat.prefix(110))))
        }
    }
}

// The first half fills the store (entities exist, indexes have depth); the second half is the figure to compare.
let half = articles.count / 2
run(articles[..<half], label: "fill", threads: threads)
/// The writer thread alone: batches of 32 written one after the other on this thread (as GroupCommit's leader
/// does), timed by this thread's CPU clock; articles are prepared (checked, folded) first, as callers do.
func runDirect(_ slice: ArraySlice<NewArticle>) {
    func threadCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
    let batches = stride(from: slice.startIndex, to: slice.endIndex, by: 32).map {
        Array(slice[$0..<min($0 + 32, slice.endIndex)])
    }
#if PREPARED
    let ready = batches.map { $0.map { try! PreparedArticle($0) } }
#else
    let ready = batches
#endif
    let start = Date(), cpu0 = threadCPU()
    var failed = 0
    for batch in ready {
        let outcomes = try! store.withWriter { db in ArticleWriter.insertBatch(batch, into: db) }
        failed += outcomes.filter { (try? $0.get()) == nil }.count
    }
    let wall = Date().timeIntervalSince(start), cpu = threadCPU() - cpu0
    print(String(format: "bench-storage-writer: writer thread: %d articles in %.2f s, %.3f ms CPU per article "
                 + "(batches of 32, fsync each), %d failed", slice.count, wall, cpu * 1000 / Double(slice.count),
                 failed))
}

if profile { Profile.attach() }
if direct { runDirect(articles[half...]) } else { run(articles[half...], label: "measure", threads: threads) }
if profile { Profile.report(articles: articles.count - half) }
var loadavg = [Double](repeating: 0, count: 3)
_ = getloadavg(&loadavg, 3)
print(String(format: "bench-storage-writer: load average %.2f %.2f %.2f (machine shared)",
             loadavg[0], loadavg[1], loadavg[2]))
