// The /metrics page of a live service read by the reference parser, prometheus-client's
// text_string_to_metric_families (PyPI), after requests that fill every family: what a Prometheus scraper accepts.
// .ci/run installs prometheus-client into .venv-ci; elsewhere set BYLINE_PROMETHEUS_PYTHON to a Python that has it.
import Foundation
import Testing
import TestSupport
@testable import App

@Suite struct PrometheusParserTests {
    /// A Python that can import prometheus_client, or nil (with the reason printed by the caller).
    static let python: String? = {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["BYLINE_PROMETHEUS_PYTHON"] { candidates.append(env) }
        candidates.append(Fixtures.repoRoot.appendingPathComponent(".venv-ci/bin/python").path)
        return candidates.first { path in
            guard FileManager.default.isExecutableFile(atPath: path) else { return false }
            return (try? run(path, ["-c", "import prometheus_client"], input: "").status) == 0
        }
    }()

    static func run(_ executable: String, _ args: [String], input: String) throws -> (status: Int32, output: String) {
        let finished = try ChildProcess.run(executable, args, input: Array(input.utf8), mergeStderr: true)
        return (finished.status, finished.stdoutText)
    }

    /// Parses stdin strictly and prints one `family type samples` line per family.
    static let parser = """
        import sys
        from prometheus_client.parser import text_string_to_metric_families
        for f in text_string_to_metric_families(sys.stdin.read()):
            print(f.name, f.type, len(f.samples))
        """

    @Test func metricsPageParsesWithPrometheusClient() throws {
        guard let python = Self.python else {
            print("skipped: no Python with prometheus_client (.ci/run installs it into .venv-ci)")
            return
        }
        let live = try LiveService()
        #expect(try live.request("GET", "/health").status == 200)
        #expect(try live.request("GET", "/no-such-route").status == 404)
        #expect(try live.request("POST", "/articles", text: "date 2021-03-18 Antony Blinken said on Thursday "
                                 + "that talks would resume.").status == 201)
        let page = try live.request("GET", "/metrics").bodyText
        let (status, output) = try Self.run(python, ["-c", Self.parser], input: page)
        #expect(status == 0, "prometheus_client refused the page: \(output)\n\(page)")
        let families = Dictionary(output.split(separator: "\n").compactMap { line -> (String, String)? in
            let parts = line.split(separator: " ")
            return parts.count == 3 ? (String(parts[0]), String(parts[1])) : nil
        }, uniquingKeysWith: { a, _ in a })
        // The families the issue names, each parsed with its declared type.
        // prometheus_client names a counter's family without its _total suffix.
        for (name, type) in [("byline_articles_stored", "gauge"), ("byline_open_connections", "gauge"),
                             ("process_resident_memory_bytes", "gauge"), ("byline_store_commits", "counter"),
                             ("byline_store_committed_articles", "counter")] {
            #expect(families[name] == type, "\(name): \(output)")
        }
        #expect(families.values.contains("histogram"), "\(output)")
        #expect(families.values.contains("counter"), "\(output)")
    }
}
