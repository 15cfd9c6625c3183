// Service metrics in the Prometheus text exposition format (version 0.0.4): request counts by route and
// status, request latency and analysis time histograms, plus gauges read at scrape time (articles stored,
// open connections, TLS handshakes, process RSS and open fds). Handlers on any thread record into it.
import EventServer
import Foundation
import Synchronization

final class Metrics: Sendable {
    /// Upper bounds in seconds shared by both histograms.
    static let buckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    struct Histogram {
        var counts = [Int](repeating: 0, count: Metrics.buckets.count)
        var sum = 0.0
        var count = 0
        mutating func observe(_ seconds: Double) {
            for (i, bound) in Metrics.buckets.enumerated() where seconds <= bound { counts[i] += 1 }
            sum += seconds
            count += 1
        }
    }

    private struct State {
        var requests: [String: Int] = [:]  // "route\u{0}status"
        var latency = Histogram()
        var analysis = Histogram()
    }

    private let state = Mutex(State())

    func recordRequest(route: String, status: Int, seconds: Double) {
        // The key is built before taking the lock: every loop and worker records here on every request.
        let key = route + "\u{0}" + String(status)
        state.withLock {
            $0.requests[key, default: 0] += 1
            $0.latency.observe(seconds)
        }
    }

    func recordAnalysis(seconds: Double) {
        state.withLock { $0.analysis.observe(seconds) }
    }

    /// Gauges the caller reads at scrape time.
    struct Gauges {
        var articlesStored: Int?
    }

    /// `server`: the event server's counters (connections and TLS handshakes, by listener); nil before it starts.
    func render(_ gauges: Gauges, server: ServerStatistics? = nil) -> String {
        let snapshot = state.withLock { $0 }
        var out = ""
        out += "# HELP byline_http_requests_total HTTP requests answered, by route pattern and status.\n"
        out += "# TYPE byline_http_requests_total counter\n"
        for key in snapshot.requests.keys.sorted() {
            let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false)
            out += "byline_http_requests_total{route=\"\(Metrics.escape(String(parts[0])))\",status=\"\(parts[1])\"} "
            out += "\(snapshot.requests[key]!)\n"
        }
        out += Metrics.histogram("byline_http_request_duration_seconds", "Time to answer a request.", snapshot.latency)
        out += Metrics.histogram("byline_analysis_duration_seconds", "Time to analyze one article.", snapshot.analysis)
        func gauge(_ name: String, _ help: String, _ value: Int?, type: String = "gauge") {
            guard let value else { return }
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n\(name) \(value)\n"
        }
        gauge("byline_articles_stored", "Articles in the store.", gauges.articlesStored)
        if let server { out += Metrics.server(server) }
        gauge("process_resident_memory_bytes", "Resident set size.", ProcessStats.residentBytes())
        gauge("process_open_fds", "Open file descriptors.", ProcessStats.openFileDescriptors())
        return out
    }

    /// Connection and TLS figures labelled by listener (`scheme` and `port`), failures also by `reason`.
    static func server(_ statistics: ServerStatistics) -> String {
        func labels(_ listener: ServerStatistics.Listener) -> String {
            "scheme=\"\(listener.isTLS ? "https" : "http")\",port=\"\(listener.port)\""
        }
        let tls = statistics.listeners.filter(\.isTLS)
        var out = "# HELP byline_open_connections Client connections open now.\n# TYPE byline_open_connections gauge\n"
        for listener in statistics.listeners {
            out += "byline_open_connections{\(labels(listener))} \(listener.openConnections)\n"
        }
        out += "# HELP byline_connections_accepted_total Client connections accepted.\n"
        out += "# TYPE byline_connections_accepted_total counter\n"
        for listener in statistics.listeners {
            out += "byline_connections_accepted_total{\(labels(listener))} \(listener.acceptedConnections)\n"
        }
        guard !tls.isEmpty else { return out }
        out += "# HELP byline_tls_handshakes_total TLS handshakes completed.\n"
        out += "# TYPE byline_tls_handshakes_total counter\n"
        for listener in tls {
            out += "byline_tls_handshakes_total{\(labels(listener))} \(listener.tlsHandshakes)\n"
        }
        out += "# HELP byline_tls_handshake_failures_total TLS handshakes that failed, by reason.\n"
        out += "# TYPE byline_tls_handshake_failures_total counter\n"
        for listener in tls {
            for reason in TLSHandshakeFailure.allCases {
                out += "byline_tls_handshake_failures_total{\(labels(listener)),reason=\"\(reason.rawValue)\"} "
                out += "\(listener.tlsHandshakeFailures[reason, default: 0])\n"
            }
        }
        return out
    }

    static func histogram(_ name: String, _ help: String, _ h: Histogram) -> String {
        var out = "# HELP \(name) \(help)\n# TYPE \(name) histogram\n"
        for (i, bound) in buckets.enumerated() {
            out += "\(name)_bucket{le=\"\(bound)\"} \(h.counts[i])\n"
        }
        out += "\(name)_bucket{le=\"+Inf\"} \(h.count)\n\(name)_sum \(h.sum)\n\(name)_count \(h.count)\n"
        return out
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}

/// Process figures from /proc (Linux).
enum ProcessStats {
    static func residentBytes() -> Int? {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    static func openFileDescriptors() -> Int? {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")).map(\.count)
    }
}
