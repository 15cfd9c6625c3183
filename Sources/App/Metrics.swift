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
        /// Observations per bucket (not cumulative; `cumulative` sums them at scrape time), the last for +Inf.
        var counts = [Int](repeating: 0, count: Metrics.buckets.count + 1)
        var sum = 0.0
        var count = 0
        mutating func observe(_ seconds: Double) {
            var i = 0
            while i < Metrics.buckets.count && seconds > Metrics.buckets[i] { i += 1 }
            counts[i] += 1
            sum += seconds
            count += 1
        }
        mutating func merge(_ other: Histogram) {
            for i in counts.indices { counts[i] += other.counts[i] }
            sum += other.sum
            count += other.count
        }
        /// The count of observations at or under each bound, as Prometheus wants them.
        var cumulative: [Int] {
            var total = 0
            return Metrics.buckets.indices.map { total += counts[$0]; return total }
        }
    }

    /// A route (its index in `routeNames`) and a status, as one integer: cheaper to hash than the pattern.
    private struct RouteStatus: Equatable {
        var key: Int
        init(route: Int, status: Int) { key = route << 16 | (status & 0xFFFF) }
        var route: Int { key >> 16 }
        var status: Int { key & 0xFFFF }
    }

    private let routeNames = Mutex<[String]>([])

    /// The number `recordRequest` takes for a route pattern (registered once, when the routes are built).
    func routeID(_ pattern: String) -> Int {
        routeNames.withLock { names in
            if let index = names.firstIndex(of: pattern) { return index }
            names.append(pattern)
            return names.count - 1
        }
    }

    /// Request counts by route and status: a short list searched from the front, the key just counted moved one
    /// place forward, so the busiest pairs sit first. A dictionary hashed the key (SipHash) on every request.
    private struct RequestCounts {
        private(set) var entries: [(key: RouteStatus, count: Int)] = []

        mutating func add(_ key: RouteStatus, _ count: Int = 1) {
            guard let index = entries.firstIndex(where: { $0.key == key }) else {
                entries.append((key: key, count: count))
                return
            }
            entries[index].count += count
            if index > 0 { entries.swapAt(index, index - 1) }
        }

        mutating func merge(_ other: RequestCounts) {
            for entry in other.entries { add(entry.key, entry.count) }
        }
    }

    private struct State {
        var requests = RequestCounts()
        var latency = Histogram()
        var analysis = Histogram()
        mutating func merge(_ other: State) {
            requests.merge(other.requests)
            latency.merge(other.latency)
            analysis.merge(other.analysis)
        }
    }

    private final class Shard: Sendable {
        let state = Mutex(State())
    }

    /// Every loop and worker records on every request: each thread records into one of these (picked by its
    /// thread id), so two loops rarely contend for a lock or a cache line; a scrape merges them.
    private let shards: [Shard] = (0..<16).map { _ in Shard() }

    private var shard: Shard {
        let id = UInt64(UInt(bitPattern: Int(bitPattern: UInt(pthread_self()))))
        return shards[Int(truncatingIfNeeded: (id &* 0x9E37_79B9_7F4A_7C15) >> 60) % shards.count]
    }

    /// Monotonic nanoseconds for timing a request: clock_gettime directly, since `ContinuousClock.now` and the
    /// Duration arithmetic after it were ~3% of a GET /health in perf.
    static func clock() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }

    static func seconds(since start: UInt64) -> Double {
        Double(clock() &- start) / 1e9
    }

    func recordRequest(route: Int, status: Int, seconds: Double) {
        shard.state.withLock {
            $0.requests.add(RouteStatus(route: route, status: status))
            $0.latency.observe(seconds)
        }
    }

    func recordAnalysis(seconds: Double) {
        shard.state.withLock { $0.analysis.observe(seconds) }
    }

    private var snapshot: State {
        var total = State()
        for shard in shards { total.merge(shard.state.withLock { $0 }) }
        return total
    }

    /// Gauges the caller reads at scrape time.
    struct Gauges {
        var articlesStored: Int?
        /// Group commits since the store opened, and the articles they made durable: their rates' ratio is the
        /// mean batch, which sets the index and fsync work per article.
        var commits: Int?
        var committedArticles: Int?
    }

    /// `server`: the event server's counters (connections and TLS handshakes, by listener); nil before it starts.
    func render(_ gauges: Gauges, server: ServerStatistics? = nil) -> String {
        let snapshot = self.snapshot
        var out = ""
        out += "# HELP byline_http_requests_total HTTP requests answered, by route pattern and status.\n"
        out += "# TYPE byline_http_requests_total counter\n"
        let names = routeNames.withLock { $0 }
        let counts = snapshot.requests.entries.map {
            (route: names[$0.key.route], status: String($0.key.status), count: $0.count)
        }
        for item in counts.sorted(by: { ($0.route, $0.status) < ($1.route, $1.status) }) {
            out += "byline_http_requests_total{route=\"\(Metrics.escape(item.route))\",status=\"\(item.status)\"} "
            out += "\(item.count)\n"
        }
        out += Metrics.histogram("byline_http_request_duration_seconds", "Time to answer a request.", snapshot.latency)
        out += Metrics.histogram("byline_analysis_duration_seconds", "Time to analyze one article.", snapshot.analysis)
        func gauge(_ name: String, _ help: String, _ value: Int?, type: String = "gauge") {
            guard let value else { return }
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n\(name) \(value)\n"
        }
        gauge("byline_articles_stored", "Articles in the store.", gauges.articlesStored)
        gauge("byline_store_commits_total", "Group commits (one transaction and fsync each) since the start.",
              gauges.commits, type: "counter")
        gauge("byline_store_committed_articles_total", "Articles made durable by group commits since the start.",
              gauges.committedArticles, type: "counter")
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
        for (bound, count) in zip(buckets, h.cumulative) {
            out += "\(name)_bucket{le=\"\(bound)\"} \(count)\n"
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
