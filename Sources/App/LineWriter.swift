// Log lines to a file descriptor, the access log buffered: like nginx's `access_log ... buffer=64k flush=100ms`,
// lines gather in memory and go out in one write(2) when a buffer fills or at most `flushInterval` after they
// were added, instead of one write per request. Each thread appends to one of several buffers picked by its
// thread id, so the event loops rarely share a lock; a write lock keeps whole batches from interleaving.
// `flush()` (called when the server has drained) writes everything still buffered; no line is lost on a clean stop.
import Foundation
import Synchronization

public final class LineWriter: Sendable {
    private final class Shard: Sendable {
        let lines = Mutex<[UInt8]>([])
    }

    private let fd: Int32
    private let capacity: Int
    private let shards: [Shard]
    private let writeLock = Mutex<Void>(())
    private let stopped = Atomic<Bool>(false)
    /// Batches taken from a buffer and not yet written: `flush()` waits for them, so a line appended before a
    /// flush is out when the flush returns even if another thread took its buffer first.
    private let inFlight = Atomic<Int>(0)

    /// - Parameters:
    ///   - fd: where lines go (not closed by the writer).
    ///   - capacity: bytes a buffer holds before it is written at once.
    ///   - flushInterval: how long a buffered line may wait; nil: only when a buffer fills or on `flush()`.
    public init(fd: Int32 = 2, capacity: Int = 64 * 1024, flushInterval: Duration? = .milliseconds(100)) {
        self.fd = fd
        self.capacity = capacity
        shards = (0..<16).map { _ in Shard() }
        if let flushInterval {
            let micros = max(1000, Int(flushInterval.components.seconds * 1_000_000
                + flushInterval.components.attoseconds / 1_000_000_000_000))
            // The thread holds only a weak reference: a writer nobody uses any more stops its flusher.
            Thread.detachNewThread { [weak self] in
                while true {
                    usleep(useconds_t(micros))
                    guard let self, !self.stopped.load(ordering: .relaxed) else { return }
                    self.flush()
                }
            }
        }
    }

    deinit { flush() }

    /// Buffers one line (a newline is added).
    public func append(_ line: some Collection<UInt8>) {
        appendLine { $0.append(contentsOf: line) }
    }

    /// Buffers the line `format` appends to the buffer it is given (a newline is added): formatted in place,
    /// no array per line.
    func appendLine(_ format: (inout [UInt8]) -> Void) {
        let shard = shards[Self.shardIndex(count: shards.count)]
        let full: [UInt8]? = shard.lines.withLock { buffer in
            if buffer.capacity == 0 { buffer.reserveCapacity(capacity + 512) }
            format(&buffer)
            buffer.append(UInt8(ascii: "\n"))
            guard buffer.count >= capacity else { return nil }
            var taken: [UInt8] = []
            taken.reserveCapacity(capacity + 512)
            swap(&taken, &buffer)
            inFlight.add(1, ordering: .acquiringAndReleasing)
            return taken
        }
        if let full {
            write(full)
            inFlight.subtract(1, ordering: .acquiringAndReleasing)
        }
    }

    /// Writes one line now, after everything buffered before it (for log lines that should not wait).
    public func writeNow(_ line: String) {
        flush()
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        write(bytes)
    }

    /// Writes every buffered line, including batches other threads have taken and are about to write.
    public func flush() {
        for shard in shards {
            let taken: [UInt8] = shard.lines.withLock { buffer in
                guard !buffer.isEmpty else { return [] }
                var taken: [UInt8] = []
                swap(&taken, &buffer)
                inFlight.add(1, ordering: .acquiringAndReleasing)
                return taken
            }
            if !taken.isEmpty {
                write(taken)
                inFlight.subtract(1, ordering: .acquiringAndReleasing)
            }
        }
        // Another thread's batch is one write(2) away; it needs only the write lock, which nobody holds here.
        while inFlight.load(ordering: .acquiring) > 0 { usleep(50) }
    }

    /// Flushes and stops the periodic flusher (lines appended later wait for a full buffer or `flush()`).
    public func close() {
        stopped.store(true, ordering: .relaxed)
        flush()
    }

    private func write(_ bytes: [UInt8]) {
        writeLock.withLock { _ in Self.writeAll(fd: fd, bytes) }
    }

    /// write(2) until all is written, retrying on EINTR. A non-blocking descriptor (stderr shared with a parent
    /// that set O_NONBLOCK) answers EAGAIN when its pipe is full: wait for it to drain, but at most
    /// `maxWaitMilliseconds` in all, so a stuck log reader cannot hang the server; any other error gives up
    /// (a log must never block for long or crash the server).
    static func writeAll(fd: Int32, _ bytes: [UInt8], maxWaitMilliseconds: Int32 = 1000) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            var waitLeft = maxWaitMilliseconds
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n > 0 { offset += n; continue }
                if n < 0 && errno == EINTR { continue }
                guard n < 0, errno == EAGAIN || errno == EWOULDBLOCK, waitLeft > 0 else { return }
                var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                let slice = min(waitLeft, 100)
                if poll(&p, 1, slice) == 0 { waitLeft -= slice }
                if p.revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 { return }
            }
        }
    }

    /// A buffer per thread in the common case: the thread id, mixed so that ids a fixed stride apart spread.
    private static func shardIndex(count: Int) -> Int {
        let id = UInt64(UInt(bitPattern: Int(bitPattern: UInt(pthread_self()))))
        return Int(truncatingIfNeeded: (id &* 0x9E37_79B9_7F4A_7C15) >> 60) % count
    }
}
