// Threads for handlers that must not run on an event loop (analysis, storage). A FIFO of jobs under one lock;
// each job runs the handler and posts the response back to the loop that owns the connection (see
// EventLoop.post), so a worker never touches a socket.
import Glibc

final class WorkerPool: @unchecked Sendable {
    // @unchecked: `jobs`, `head` and `stopping` are only touched under `lock`.
    private let lock = ConditionLock()
    private var jobs: [(@Sendable () -> Void)?] = []
    private var head = 0
    private var stopping = false

    init(threadCount: Int, name: String = "work") {
        // Nobody joins a worker (stop must not wait on a stuck handler), so they start detached.
        for i in 0..<max(1, threadCount) {
            startDetachedThread(name: "byline-\(name)-\(i)") { [self] in self.work() }
        }
    }

    func submit(_ job: @escaping @Sendable () -> Void) {
        lock.withLock {
            jobs.append(job)
            lock.signal()
        }
    }

    /// Lets every worker finish its current job and exit; queued jobs are dropped (their loops are gone).
    /// Does not wait: a handler stuck past the shutdown grace period must not hold the process.
    /// Safe to call more than once, from any thread.
    func stop() {
        lock.withLock {
            stopping = true
            lock.broadcast()
        }
    }

    private func work() {
        while true {
            let job: (@Sendable () -> Void)? = lock.withLock {
                while head == jobs.count && !stopping { lock.wait() }
                if stopping { return nil }
                let job = jobs[head]
                jobs[head] = nil
                head += 1
                // Compact once the consumed prefix dominates, so the array does not grow forever.
                if head > 64 && head * 2 > jobs.count {
                    jobs.removeFirst(head)
                    head = 0
                }
                return job
            }
            guard let job else { return }
            job()
        }
    }
}
