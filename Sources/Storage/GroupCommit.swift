// GroupCommit: batches concurrent inserts into one transaction with one fsync. The first caller to find no
// commit in progress becomes the leader: it takes everything queued (up to maxBatch), writes and commits it,
// hands every waiter its own result, and steps down; a waiter whose article is still queued then leads the next
// batch. While one batch fsyncs, the next one fills, so throughput grows with concurrency while each caller
// still returns only after the COMMIT that made its article durable.
//
// Callers may announce an article before they have it (App: before its analysis). While announced articles are
// on their way, a leader lingers (up to `linger`, until `fillTarget` are queued): every commit writes each index
// and counter page its articles touched, so a commit of 30 articles writes far fewer pages per article than one of
// 10, and under load the cores stay busy with those analyses while it waits. Without announcements nothing waits.
import Foundation

/// The result of one insert in a batch.
typealias InsertOutcome = Result<InsertResult, StorageError>

/// `Item` is what one caller submits (ArticleStore: a PreparedArticle).
final class GroupCommit<Item: Sendable>: @unchecked Sendable {  // all mutable state is guarded by `condition`
    typealias Outcome = InsertOutcome

    private final class Ticket {
        let article: Item
        var outcome: Outcome?
        /// Signalled when the outcome is set or this ticket may lead: each waiter sleeps on its own, so the end of a
        /// batch wakes its articles' callers and the next leader, not every caller queued (64 under load).
        let wake = DispatchSemaphore(value: 0)
        init(_ article: Item) { self.article = article }
    }

    private let condition = NSCondition()
    private var queue: [Ticket] = []
    private var leading = false
    /// Sizes of the batches written so far (the last 1024), for tests and benchmarks.
    private var batchSizes: [Int] = []
    /// Batches committed and the new inserts they made durable since the start: their ratio is the mean batch
    /// (App's /metrics).
    private var totals = (commits: 0, items: 0)
    private let maxBatch: Int
    /// Queued articles after which a leader stops waiting for announced ones.
    private let fillTarget: Int
    /// Longest a leader waits for announced articles.
    private let linger: TimeInterval
    /// Articles announced and not yet submitted or withdrawn.
    private var announced = 0
    /// A leader is waiting for announced articles (only then do arrivals signal).
    private var lingering = false
    /// Writes one batch in one transaction; returns one outcome per article, in order.
    private let write: @Sendable ([Item]) -> [Outcome]

    init(maxBatch: Int, fillTarget: Int? = nil, linger: Duration = .zero,
         write: @escaping @Sendable ([Item]) -> [Outcome]) {
        self.maxBatch = max(1, maxBatch)
        self.fillTarget = min(self.maxBatch, max(1, fillTarget ?? maxBatch))
        let parts = linger.components
        self.linger = Double(parts.seconds) + Double(parts.attoseconds) / 1e18
        self.write = write
    }

    /// Announces an article that `submit(_:announced: true)` or `withdraw()` will follow.
    func announce() {
        condition.lock()
        announced += 1
        condition.unlock()
    }

    /// An announced article that will not be submitted after all.
    func withdraw() {
        condition.lock()
        announced -= 1
        if lingering && announced == 0 { condition.broadcast() }
        condition.unlock()
    }

    /// Articles announced and not yet submitted or withdrawn.
    var announcedCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return announced
    }

    /// Articles waiting for a batch.
    var queued: Int {
        condition.lock()
        defer { condition.unlock() }
        return queue.count
    }

    /// Sizes of the recent batches, oldest first.
    var recentBatchSizes: [Int] {
        condition.lock()
        defer { condition.unlock() }
        return batchSizes
    }

    /// Commits (batches whose transaction committed) and the new inserts they made durable, since the start.
    var commitTotals: (commits: Int, items: Int) {
        condition.lock()
        defer { condition.unlock() }
        return totals
    }

    /// `announced`: this article was announced (`announce()`), and now arrives.
    func submit(_ article: Item, announced wasAnnounced: Bool = false) -> Outcome {
        let ticket = Ticket(article)
        condition.lock()
        defer { condition.unlock() }
        queue.append(ticket)
        if wasAnnounced { announced -= 1 }
        // Wake a lingering leader (the only one waiting on `condition`) only when its wait is over.
        if lingering && (queue.count >= fillTarget || announced == 0) { condition.broadcast() }
        while ticket.outcome == nil {
            if leading {
                condition.unlock()
                ticket.wake.wait()
                condition.lock()
                continue
            }
            leading = true
            if announced > 0 && queue.count < fillTarget && linger > 0 {
                let deadline = Date(timeIntervalSinceNow: linger)
                lingering = true
                while announced > 0 && queue.count < fillTarget && condition.wait(until: deadline) {}
                lingering = false
            }
            let batch = Array(queue.prefix(maxBatch))
            queue.removeFirst(batch.count)
            condition.unlock()
            let outcomes = write(batch.map(\.article))
            condition.lock()
            if batchSizes.count == 1024 { batchSizes.removeFirst(512) }
            batchSizes.append(batch.count)
            // Counted when the transaction committed (some outcome succeeded); items are the new inserts only (a
            // text stored already, which a racing duplicate can bring here, is not made durable again).
            let created = outcomes.reduce(0) { $0 + ((try? $1.get())?.created == true ? 1 : 0) }
            if outcomes.contains(where: { (try? $0.get()) != nil }) { totals.commits += 1 }
            totals.items += created
            for (i, t) in batch.enumerated() {
                t.outcome = i < outcomes.count
                    ? outcomes[i] : .failure(StorageError(kind: .other, message: "batch returned too few results"))
                if t !== ticket { t.wake.signal() }
            }
            leading = false
            // The oldest article still queued leads the next batch (should a new arrival take the lead first, the
            // woken caller finds it taken and sleeps again until its batch is done).
            queue.first?.wake.signal()
        }
        return ticket.outcome!
    }
}
