// A fixed-window limit on log lines, for events a remote peer can cause at will (failed TLS handshakes): at most
// `linesPerWindow` lines per window, and the first line of the next window says how many were dropped. One per
// event loop, so no locking.

struct LogBudget {
    let linesPerWindow: Int
    let windowMilliseconds: Int64
    private var windowStart: Int64 = .min
    private var used = 0
    private var dropped = 0

    init(linesPerWindow: Int, windowMilliseconds: Int64) {
        self.linesPerWindow = linesPerWindow
        self.windowMilliseconds = windowMilliseconds
    }

    /// nil: drop this line. Otherwise log it, noting the returned count of lines dropped since the last one logged.
    mutating func take(now: Int64) -> Int? {
        if windowStart == .min || now - windowStart >= windowMilliseconds {
            windowStart = now
            used = 0
        }
        guard used < linesPerWindow else {
            dropped += 1
            return nil
        }
        used += 1
        defer { dropped = 0 }
        return dropped
    }
}
