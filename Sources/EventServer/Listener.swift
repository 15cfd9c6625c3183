// A listening socket owned by one event loop, with the factory that wraps each accepted descriptor in its
// transport (plain TCP here; the TLS listener passes a factory that makes a TLS session). Accepting is bounded
// per wakeup (Redis `max_new_conns_per_cycle`) and backs off when descriptors run out instead of spinning.
import Glibc

/// Wraps an accepted, non-blocking descriptor in its transport. Runs on the loop thread that accepted it.
typealias TransportFactory = @Sendable (Int32) throws -> any ConnectionTransport

/// Where and how to listen; one spec gives one Listener per event loop (all bound with SO_REUSEPORT).
struct ListenerSpec: Sendable {
    var host: String
    var port: Int
    var isTLS: Bool
    var makeTransport: TransportFactory
    /// Shared by the Listener of every loop made from this spec.
    let counters = ListenerCounters()

    static func plain(host: String, port: Int) -> ListenerSpec {
        ListenerSpec(host: host, port: port, isTLS: false) { fd in PlainTransport(fd: fd) }
    }
}

final class Listener {
    let fd: Int32
    let spec: ListenerSpec
    /// Whether epoll currently reports this listener.
    var isPolled = true
    /// When an EMFILE back-off ends (monotonic ms); 0 when not backing off.
    var backOffUntil: Int64 = 0

    init(fd: Int32, spec: ListenerSpec) {
        self.fd = fd
        self.spec = spec
    }

    deinit { closeDescriptor(fd) }

    enum AcceptOutcome {
        case accepted(AcceptedSocket)
        /// Nothing more to accept now.
        case drained
        /// Out of descriptors: stop polling for a while. The pending connection stays in the backlog, so with
        /// level-triggered epoll, polling on would spin (the comment above libuv's `uv__emfile_trick`).
        case outOfDescriptors(IOError)
        /// A connection that failed before we took it (ECONNABORTED and the like): skip it.
        case skipped(IOError)
    }

    func acceptOne() -> AcceptOutcome {
        do {
            switch try Socket.accept(fd) {
            case .processed(let socket): return .accepted(socket)
            case .wouldBlock: return .drained
            }
        } catch let error as IOError {
            return error.isOutOfDescriptors ? .outOfDescriptors(error) : .skipped(error)
        } catch {
            return .skipped(IOError(errnoCode: EIO, call: "accept4"))
        }
    }
}
