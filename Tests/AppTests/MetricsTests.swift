// GET /metrics on a live service with an HTTPS listener: open connections per listener while a client holds one,
// a completed TLS handshake after an HTTPS request, a plain_http failure after plain HTTP to the TLS port; the
// whole page checked against the text exposition format's line grammar; the failure logged at info.
import Foundation
import Testing
import TestSupport
@testable import App

@Suite(.serialized) struct MetricsTests {
    /// `name{labels} value` samples of one page, keyed by the text before the value.
    static func samples(_ page: String) -> [String: Double] {
        var out: [String: Double] = [:]
        for line in page.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                continue
            }
            out[String(line[..<space])] = value
        }
        return out
    }

    /// Problems with the page against the exposition format (0.0.4): each sample line is `name{labels} value`
    /// with a family declared by HELP and TYPE lines before its samples, and no family declared twice.
    static func formatProblems(_ page: String) -> [String] {
        let sample = #/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? [-+0-9.eEInfa]+$/#
        var problems: [String] = []
        var typed: [String: String] = [:]
        var helped: Set<String> = []
        for line in page.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            let text = String(line)
            if text.hasPrefix("# HELP ") {
                let name = String(text.dropFirst(7).prefix { $0 != " " })
                if !helped.insert(name).inserted { problems.append("HELP twice: \(text)") }
            } else if text.hasPrefix("# TYPE ") {
                let parts = text.split(separator: " ")
                guard parts.count == 4, ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3])
                else { problems.append("bad TYPE: \(text)"); continue }
                if typed.updateValue(String(parts[3]), forKey: String(parts[2])) != nil {
                    problems.append("TYPE twice: \(text)")
                }
            } else if let match = text.wholeMatch(of: sample) {
                // A histogram's samples carry its name plus _bucket, _sum or _count.
                let name = String(match.1)
                let family = ["_bucket", "_sum", "_count"].first { suffix in
                    name.hasSuffix(suffix) && typed[String(name.dropLast(suffix.count))] == "histogram"
                }.map { String(name.dropLast($0.count)) } ?? name
                if typed[family] == nil { problems.append("sample before its TYPE: \(text)") }
            } else {
                problems.append("not a sample: \(text)")
            }
        }
        if !page.hasSuffix("\n") { problems.append("no final newline") }
        return problems
    }

    @Test func metricsCountConnectionsAndTLSHandshakes() throws {
        guard ProxyTests.curl != nil else {
            print("skipped: curl is not installed")
            return
        }
        let certs = try TestCertificates.generate()
        defer { certs.remove() }
        let live = try LiveService.withTLS(certs) { $0.logLevel = "info" }
        let tlsPort = try #require(live.service.boundTLSPort)
        let (status, _) = try ProxyTests.curl(["--cacert", certs.caPath, "https://localhost:\(tlsPort)/health"])
        #expect(status == 200)
        let plain = try LoopbackClient(port: tlsPort)
        try plain.send("GET /health HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(plain.readUntilClose().starts(with: Array("HTTP/1.1 400".utf8)))

        let held = try LoopbackClient(port: live.port)
        try held.send("GET /health HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(try held.readResponse().status == 200)
        let page = try live.request("GET", "/metrics").bodyText
        let values = Self.samples(page)
        let http = "scheme=\"http\",port=\"\(live.port)\""
        let https = "scheme=\"https\",port=\"\(tlsPort)\""
        // The held connection and the one asking for /metrics.
        #expect(values["byline_open_connections{\(http)}"].map { $0 >= 2 } == true, "\(page)")
        #expect(values["byline_tls_handshakes_total{\(https)}"] == 1, "\(page)")
        #expect(values["byline_tls_handshake_failures_total{\(https),reason=\"plain_http\"}"] == 1, "\(page)")
        #expect(values["byline_connections_accepted_total{\(https)}"] == 2)
        #expect(Self.formatProblems(page).isEmpty, "\(Self.formatProblems(page))")
        let failureLines = live.logs.all.filter { $0.contains("TLS handshake failed from 127.0.0.1:") }
        #expect(failureLines.count == 1, "\(live.logs.all)")
        #expect(failureLines.first.map { $0.contains("plain_http") && $0.contains("\"level\":\"info\"") } == true)
        held.close()
    }

    @Test(arguments: [
        ("# TYPE byline_up gauge\nbyline_up 1\n", true),
        ("# HELP x_total X.\n# TYPE x_total counter\nx_total{a=\"b\",c=\"d\\\"e\"} 3\n", true),
        ("x 1\n", false),                                   // no TYPE line
        ("# TYPE x gauge\nx{a=b} 1\n", false),              // unquoted label value
        ("# TYPE x gauge\nx 1", false),                     // no final newline
        ("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_sum 0.5\nh_count 1\n", true),
    ])
    func formatCheckerCatchesMalformedPages(_ page: String, _ valid: Bool) {
        #expect(Self.formatProblems(page).isEmpty == valid, "\(Self.formatProblems(page))")
    }
}
