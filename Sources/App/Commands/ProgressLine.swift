// The progress line of long commands (`byline import`, `byline reanalyze`) on stderr: on a terminal one line
// redrawn in place at most every 0.2 s, otherwise a line every 5 s (logs are not flooded); failures printed as
// they come, above the line; a summary at the end. Safe from any thread.
import Foundation

final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let command: String
    private let started = Date()
    private let isTerminal = isatty(2) == 1
    private var lastPrint = Date.distantPast

    /// `command` prefixes failure lines ("byline import").
    init(command: String) { self.command = command }

    /// Runs `counting` (always), prints `failure` at once, then the line `text` gives (from the seconds since the
    /// start) when one is due; both closures run under the lock, so callers keep their counts there.
    func update(failure: String? = nil, counting: () -> Void = {}, _ text: (_ elapsed: TimeInterval) -> String) {
        lock.withLock {
            counting()
            if let failure {
                if isTerminal { write("\r\u{1B}[K") }
                write("\(command): \(failure)\n")
            }
            let now = Date()
            guard now.timeIntervalSince(lastPrint) >= (isTerminal ? 0.2 : 5) else { return }
            lastPrint = now
            let elapsed = max(now.timeIntervalSince(started), 0.001)
            write((isTerminal ? "\r\u{1B}[K" : "") + text(elapsed) + (isTerminal ? "" : "\n"))
        }
    }

    /// Clears the line on a terminal (before an error message).
    func clear() {
        if isTerminal { lock.withLock { write("\r\u{1B}[K") } }
    }

    /// Clears the line and prints `summary` with the seconds taken ("..., in 1.2s").
    func finish(_ summary: String) {
        lock.withLock {
            let elapsed = Date().timeIntervalSince(started)
            write((isTerminal ? "\r\u{1B}[K" : "") + summary + String(format: ", in %.1fs\n", elapsed))
        }
    }

    /// "120/400 articles (30%), [extra, ]12.5/s, ETA 22s".
    static func articles(done: Int, total: Int, elapsed: TimeInterval, extra: String? = nil) -> String {
        let rate = Double(done) / elapsed
        let eta = rate > 0 ? Double(total - done) / rate : 0
        return String(format: "%d/%d articles (%.0f%%), ", done, total,
                      total > 0 ? 100 * Double(done) / Double(total) : 100)
            + (extra.map { $0 + ", " } ?? "") + String(format: "%.1f/s, ETA %.0fs", rate, eta)
    }

    private func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}
