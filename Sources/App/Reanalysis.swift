// Reanalysis: the pass `byline reanalyze` makes over a store. Every stored article is analysed again with the
// current analysis (its stored text and date, as it was first analysed), on several cores; one whose new analysis
// JSON equals the stored one is left alone, the others are handed to one writer that replaces them in place
// (ArticleStore.replaceAnalyses), a batch per transaction. Each committed batch is complete, so an interrupted
// pass leaves a consistent store, and the next pass skips what was done (its JSON now equals the analysis) and
// carries on.
import Dispatch
import Foundation
import Storage
import TextAnalysis

enum Reanalysis {
    struct Options: Sendable {
        /// Articles analysed at once.
        var jobs = 1
        /// Count what would change; write nothing.
        var dryRun = false
        /// Replace every article, also those whose analysis JSON is unchanged (after a change to how an analysis
        /// is stored rather than to the analysis).
        var all = false
        /// Articles per transaction: short enough that a server writing to the same file waits well under its
        /// 5 s busy timeout (a changed article's delete and insert took 35 ms on the BBC store, more where its
        /// entities have thousands of articles), long enough to share the COMMIT's fsync.
        var batchSize = 16
        /// The writer's rest after each batch, so that a server writing to the same file gets the lock: SQLite's
        /// busy handler retries at most 100 ms apart, and a writer that begins its next transaction as soon as it
        /// commits can starve it. Measured with `byline serve` on the BBC store and no rest: 7 of 25 POSTs waited
        /// the whole 5 s busy timeout and failed with 503.
        var restBetweenBatches = 0.11
    }

    struct Counts: Sendable, Equatable {
        var total = 0
        /// Replaced (or, in a dry run, that would be).
        var replaced = 0
        var unchanged = 0
        var failed = 0
        /// Deleted while the pass ran.
        var gone = 0
        var done: Int { replaced + unchanged + failed + gone }
    }

    enum Outcome: Sendable {
        case replaced(Int), unchanged, gone(Int), failed(String)
    }

    /// The article as the current analysis would store it: the stored text, date, title, url and content hash,
    /// analysed as when it was stored (the stored date is the one given, else the text's `date` line).
    static func currentArticle(_ stored: ArticleDetail, analyzer: Analyzer) -> NewArticle {
        let summary = stored.summary
        let submission = ArticleSubmission(text: stored.text, date: summary.date.flatMap { CalendarDate(iso: $0) },
                                           title: summary.title, url: summary.url)
        let document = analyzer.analyze(submission.text, date: submission.date)
        return ArticleMapping.newArticle(submission, document, contentHash: summary.contentHash,
                                         analysisJSON: AnalysisJSON.encode(document))
    }

    /// Runs the pass and returns its counts. `report` hears the counts after every outcome and, for an article
    /// that failed alone (it keeps its old analysis), why; it is called from any thread, one call at a time. A
    /// failure of the store itself stops the pass and is thrown once the batches in flight are done (the failed
    /// batch is rolled back).
    static func run(store: ArticleStore, analyzer: Analyzer, options: Options,
                    report: @escaping @Sendable (Counts, String?) -> Void = { _, _ in }) throws -> Counts {
        let ids = try store.articleIDs()
        let tally = Tally(total: ids.count, report: report)
        let record: @Sendable (Outcome) -> Void = { tally.add($0) }
        let writer = BatchWriter(store: store, batchSize: options.batchSize, rest: options.restBetweenBatches,
                                 record: record)
        let next = Counter()
        let lanes = max(1, min(options.jobs, ids.count))
        DispatchQueue.concurrentPerform(iterations: lanes) { _ in
            while !writer.stopped, let i = next.take(below: ids.count) {
                let id = ids[i]
                do {
                    guard let stored = try store.article(id: id) else {
                        record(.gone(1))
                        continue
                    }
                    let article = currentArticle(stored, analyzer: analyzer)
                    if !options.all && article.analysisJSON == stored.analysisJSON {
                        record(.unchanged)
                    } else if options.dryRun {
                        record(.replaced(1))
                    } else {
                        writer.add(id, article)
                    }
                } catch {
                    writer.stop(error)
                }
            }
        }
        try writer.finish()
        let counts = tally.counts
        if !options.dryRun && counts.replaced > 0 { try store.optimizeNameSearch() }
        return counts
    }
}

/// The pass's counts, added to from any thread.
private final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Reanalysis.Counts
    private let report: @Sendable (Reanalysis.Counts, String?) -> Void

    init(total: Int, report: @escaping @Sendable (Reanalysis.Counts, String?) -> Void) {
        current = Reanalysis.Counts(total: total)
        self.report = report
    }

    var counts: Reanalysis.Counts { lock.withLock { current } }

    func add(_ outcome: Reanalysis.Outcome) {
        lock.withLock {
            var why: String?
            switch outcome {
            case .replaced(let n): current.replaced += n
            case .unchanged: current.unchanged += 1
            case .gone(let n): current.gone += n
            case .failed(let message):
                current.failed += 1
                why = message
            }
            report(current, why)
        }
    }
}

/// Collects replacements from the analysis lanes and writes them a batch at a time on one serial queue, so the
/// lanes go on analysing while a batch commits (and while the writer rests after it, Options.restBetweenBatches).
/// At most two batches wait for the queue: a lane that fills a third waits (the writer is then the slower side).
private final class BatchWriter: @unchecked Sendable {
    private let store: ArticleStore
    private let batchSize: Int
    private let rest: Double
    private let record: @Sendable (Reanalysis.Outcome) -> Void
    private let queue = DispatchQueue(label: "byline.reanalyze.writer")
    private let slots = DispatchSemaphore(value: 2)
    private let lock = NSLock()
    private var pending: [(articleID: Int64, article: NewArticle)] = []
    private var failure: Error?

    init(store: ArticleStore, batchSize: Int, rest: Double,
         record: @escaping @Sendable (Reanalysis.Outcome) -> Void) {
        self.store = store
        self.batchSize = max(1, batchSize)
        self.rest = rest
        self.record = record
    }

    /// Whether a write failed: the lanes stop taking articles.
    var stopped: Bool { lock.withLock { failure != nil } }

    func stop(_ error: Error) {
        lock.withLock { if failure == nil { failure = error } }
    }

    func add(_ id: Int64, _ article: NewArticle) {
        let full: [(articleID: Int64, article: NewArticle)]? = lock.withLock {
            pending.append((id, article))
            guard pending.count >= batchSize else { return nil }
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
        if let full { submit(full) }
    }

    /// Writes what is left, waits for every batch and throws the first failure.
    func finish() throws {
        let left = lock.withLock {
            defer { pending.removeAll() }
            return pending
        }
        if !left.isEmpty { submit(left) }
        queue.sync {}
        if let failure = lock.withLock({ failure }) { throw failure }
    }

    private func submit(_ batch: [(articleID: Int64, article: NewArticle)]) {
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard !stopped else { return }
            do {
                let outcomes = try store.replaceAnalyses(batch)
                var replaced = 0, gone = 0
                for (item, outcome) in zip(batch, outcomes) {
                    switch outcome {
                    case .success(true): replaced += 1
                    case .success(false): gone += 1
                    case .failure(let error): record(.failed("article \(item.articleID): \(error)"))
                    }
                }
                if replaced > 0 { record(.replaced(replaced)) }
                if gone > 0 { record(.gone(gone)) }
                if rest > 0 { Thread.sleep(forTimeInterval: rest) }
            } catch {
                stop(error)
            }
        }
    }
}
