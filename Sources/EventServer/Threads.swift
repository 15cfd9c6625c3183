// The two threading primitives the server needs and nothing more: a pthread started with a Swift closure, and
// a mutex with a condition variable (the worker queue sleeps on it; loop inboxes only use the mutex).
import Glibc
import CLinux

/// Starts a joinable pthread running `body`; join it exactly once with `joinThread`.
func startThread(name: String, _ body: @escaping @Sendable () -> Void) -> pthread_t {
    spawnThread(name: name, detached: false, body)
}

/// Starts a pthread that nobody joins: it frees itself when `body` returns. Threads that are never joined are
/// made this way rather than detached later, so no code ever holds a handle to a thread that may have exited
/// (`pthread_detach` on such a handle crashed the test suite twice, in WorkerPool.stop).
func startDetachedThread(name: String, _ body: @escaping @Sendable () -> Void) {
    _ = spawnThread(name: name, detached: true, body)
}

private func spawnThread(name: String, detached: Bool, _ body: @escaping @Sendable () -> Void) -> pthread_t {
    final class Box {
        let name: String
        let body: @Sendable () -> Void
        init(_ name: String, _ body: @escaping @Sendable () -> Void) { self.name = name; self.body = body }
    }
    let box = Unmanaged.passRetained(Box(name, body)).toOpaque()
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setdetachstate(&attributes, detached ? Int32(PTHREAD_CREATE_DETACHED) : Int32(PTHREAD_CREATE_JOINABLE))
    var thread = pthread_t()
    let rc = pthread_create(&thread, &attributes, { arg in
        let box = Unmanaged<Box>.fromOpaque(arg!).takeRetainedValue()
        // Linux limits thread names to 15 bytes; the name is for `top -H` and debuggers only.
        CLinux_setThreadName(String(box.name.utf8.prefix(15))!)
        box.body()
        return nil
    }, box)
    precondition(rc == 0, "pthread_create failed: \(rc)")
    return thread
}

func joinThread(_ thread: pthread_t) {
    _ = pthread_join(thread, nil)
}

/// A pthread mutex plus condition variable. Heap-allocated because pthread objects must not move.
final class ConditionLock: @unchecked Sendable {
    // @unchecked: all access to shared state is under `mutex`.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// Waits on the condition; call only inside `withLock`.
    func wait() { pthread_cond_wait(condition, mutex) }
    func signal() { pthread_cond_signal(condition) }
    func broadcast() { pthread_cond_broadcast(condition) }
}
