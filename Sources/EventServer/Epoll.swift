// Thin owners of the epoll instance and of the eventfd that wakes a loop from other threads.
// Level-triggered throughout (as redis `ae_epoll.c`): a connection we do not drain fully this wakeup is
// simply reported again, which is what lets the loop bound the work it does per connection per tick.
import Glibc
import CLinux

/// Readiness interest for one descriptor.
struct Interest: OptionSet, Equatable {
    let rawValue: UInt32
    // Computed rather than stored: stored globals are read through a lazy-initialisation check (swift_once),
    // and these are read several times per event.
    static var read: Interest { Interest(rawValue: CLinux_EPOLLIN) }
    static var write: Interest { Interest(rawValue: CLinux_EPOLLOUT) }
    static var none: Interest { [] }
}

/// One epoll instance. Each registration carries a 64-bit token chosen by the caller (fd and a registration
/// id, so an event for a descriptor that was closed and reused within the same wakeup can be recognised).
final class Epoll {
    let fd: Int32
    private var events: UnsafeMutablePointer<epoll_event>
    let capacity: Int

    init(capacity: Int = 256) throws {
        fd = try syscallBlocking("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }
        self.capacity = capacity
        events = .allocate(capacity: capacity)
    }

    deinit {
        events.deallocate()
        closeDescriptor(fd)
    }

    func add(_ target: Int32, interest: Interest, token: UInt64) throws {
        try control(EPOLL_CTL_ADD, target, interest, token)
    }

    func modify(_ target: Int32, interest: Interest, token: UInt64) throws {
        try control(EPOLL_CTL_MOD, target, interest, token)
    }

    /// Deregisters `target`. Closing a descriptor also removes it, so callers that close need not call this.
    func remove(_ target: Int32) {
        _ = try? syscallBlocking("epoll_ctl(DEL)") { epoll_ctl(fd, EPOLL_CTL_DEL, target, nil) }
    }

    /// Waits up to `timeoutMilliseconds` and calls `body(token, events)` for each ready descriptor.
    func wait(timeoutMilliseconds: Int32, _ body: (UInt64, UInt32) -> Void) throws {
        let count: Int32
        switch try syscall("epoll_wait", { epoll_wait(fd, events, Int32(capacity), timeoutMilliseconds) }) {
        case .processed(let n): count = n
        case .wouldBlock: count = 0
        }
        for i in 0..<Int(count) {
            body(events[i].data.u64, events[i].events)
        }
    }

    private func control(_ op: Int32, _ target: Int32, _ interest: Interest, _ token: UInt64) throws {
        var event = epoll_event()
        event.events = interest.rawValue
        event.data.u64 = token
        try syscallBlocking("epoll_ctl") { epoll_ctl(fd, op, target, &event) }
    }
}

/// An eventfd used as a doorbell: any thread rings it, the owning loop drains it when epoll reports it.
final class Doorbell: @unchecked Sendable {
    // @unchecked: the descriptor is immutable and eventfd reads/writes are thread-safe in the kernel.
    let fd: Int32

    init() throws {
        fd = try syscallBlocking("eventfd") { eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC)) }
    }

    deinit { closeDescriptor(fd) }

    func ring() {
        var one: UInt64 = 1
        // EAGAIN means the counter is saturated, so the loop is already due to wake: nothing to do.
        _ = try? syscall("write(eventfd)") { Glibc.write(fd, &one, 8) }
    }

    /// Resets the counter; returns how many rings there were (0 when none).
    @discardableResult
    func drain() -> UInt64 {
        var value: UInt64 = 0
        guard case .processed = (try? syscall("read(eventfd)") { Glibc.read(fd, &value, 8) }) ?? .wouldBlock else {
            return 0
        }
        return value
    }
}
