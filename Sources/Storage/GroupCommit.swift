// GroupCommit: batches concurrent inserts into one transaction with one fsync. The first caller to find no
// commit in progress becomes the leader: it takes everything queued (up to maxBatch), writes and commits it,
// hands every waiter its own result, and steps down; a waiter whose article is still queued then leads the next
// batch. While one batch fsyncs, the next one fills, so throughput grows with concurrency while each caller
// still returns only after the COMMIT that made its article durable.
import Foundation

/// The result of one insert in a batch.
typealias InsertOutcome = Result<InsertResult, StorageError>

/// `Item` is what one caller submits (ArticleStore: a PreparedArticle).
final class GroupCommit<Item: Sendable>: @unchecked Sendable {  // all mutable state is guarded by `condition`
    typealias Outcome = InsertOutcome

    private final class Ticket {
        let article: Item
        var outcome: Outcome?
        init(_ article: Item) { self.article = article }
    }

    private let condition = NSCondition()
    private var queue: [Ticket] = []
    private var leading = false
    /// Sizes of the batches written so far (the last 1024), for tests and benchmarks.
    private var batchSizes: [Int] = []
    private let maxBatch: Int
    /// Writes one batch in one transaction; returns one outcome per article, in order.
    private let write: @Sendable ([Item]) -> [Outcome]

    init(maxBatch: Int, write: @escaping @Sendable ([Item]) -> [Outcome]) {
        self.maxBatch = max(1, maxBatch)
        self.write = write
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

    func submit(_ article: Item) -> Outcome {
        let ticket = Ticket(article)
        condition.lock()
        defer { condition.unlock() }
        queue.append(ticket)
        while ticket.outcome == nil {
            if leading {
                condition.wait()
                continue
            }
            leading = true
            let batch = Array(queue.prefix(maxBatch))
            queue.removeFirst(batch.count)
            condition.unlock()
            let outcomes = write(batch.map(\.article))
            condition.lock()
            if batchSizes.count == 1024 { batchSizes.removeFirst(512) }
            batchSizes.append(batch.count)
            for (i, t) in batch.enumerated() {
                t.outcome = i < outcomes.count
                    ? outcomes[i] : .failure(StorageError(kind: .other, message: "batch returned too few results"))
            }
            leading = false
            condition.broadcast()
        }
        return ticket.outcome!
    }
}
