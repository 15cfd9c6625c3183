// Catches a double close: while `body` runs, a bystander thread keeps opening sockets and checks that each is still
// open before closing it itself. Code that closes a descriptor number twice (or one it does not own) sooner or
// later closes one of the bystander's, which then counts as stolen.
import Foundation
import Glibc
import Synchronization

public enum DescriptorBystander {
    /// Runs `body` with the bystander beside it; returns how many of its sockets someone else closed, and how many
    /// it opened.
    public static func stolen(during body: () -> Void) -> (stolen: Int, opened: Int) {
        let stop = Atomic(false), stolen = Atomic(0), opened = Atomic(0)
        let finished = DispatchSemaphore(value: 0)
        let bystander = Thread {
            while !stop.load(ordering: .relaxed) {
                let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                guard fd >= 0 else { continue }
                opened.add(1, ordering: .relaxed)
                for _ in 0..<50 { sched_yield() }
                if fcntl(fd, F_GETFD) == -1 { stolen.add(1, ordering: .relaxed) } else { close(fd) }
            }
            finished.signal()
        }
        bystander.start()
        body()
        stop.store(true, ordering: .relaxed)
        finished.wait()
        return (stolen.load(ordering: .relaxed), opened.load(ordering: .relaxed))
    }
}
