// Byline behind real nginx (config/nginx.conf) on loopback: the API works through the proxy, the access log
// shows the real client only because nginx is a trusted proxy, and a spoofed X-Forwarded-For sent straight to
// Byline from an untrusted address is ignored. Client addresses differ by using 127.0.0.x source addresses.
import Foundation
import Testing
import TestSupport
@testable import App

@Suite(.serialized) struct ProxyTests {
    static let nginx = ["/usr/sbin/nginx", "/usr/bin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let curl = ["/usr/bin/curl"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs curl; returns (status, body).
    static func curl(_ args: [String]) throws -> (Int, String) {
        let text = try ChildProcess.run(curl!, ["-s", "-o", "-", "-w", "\n%{http_code}", "--max-time", "20"] + args)
            .stdoutText
        let cut = text.lastIndex(of: "\n") ?? text.endIndex
        return (Int(text[text.index(after: cut)...]) ?? 0, String(text[..<cut]))
    }

    @Test func apiWorksThroughNginxAndOnlyTrustedProxiesSetTheClient() throws {
        guard let nginx = Self.nginx, Self.curl != nil else {
            print("skipped: nginx or curl is not installed (.ci/run installs nginx-light and curl)")
            return
        }
        let live = try LiveService { $0.trustedProxies = ["127.0.0.1"]; $0.logLevel = "info" }
        let proxyPort = try LoopbackClient.unusedPort()
        let run = live.directory.appendingPathComponent("nginx")
        for sub in ["", "body", "proxy", "fastcgi", "uwsgi", "scgi"] {
            try FileManager.default.createDirectory(at: run.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let template = try String(contentsOfFile: Fixtures_repo("config/nginx.conf"), encoding: .utf8)
        let conf = template.replacingOccurrences(of: "@RUNDIR@", with: run.path)
            .replacingOccurrences(of: "@BYLINE_PORT@", with: String(live.port))
            .replacingOccurrences(of: "@PROXY_PORT@", with: String(proxyPort))
            .replacingOccurrences(of: "worker_processes auto;", with: "worker_processes 1;\nuser root;")
        let confPath = run.appendingPathComponent("nginx.conf").path
        try conf.write(toFile: confPath, atomically: true, encoding: .utf8)
        let process = try ChildProcess(nginx, ["-c", confPath, "-p", run.path, "-g", "daemon off;"],
                                       stdout: .inherit, stderr: .inherit)
        defer { process.signal(SIGTERM); process.wait() }

        // Wait for nginx to listen.
        var up = false
        for _ in 0..<50 where !up {
            up = (try? Self.curl(["http://127.0.0.1:\(proxyPort)/health"]))?.0 == 200
            if !up { usleep(100_000) }
        }
        try #require(up, "nginx did not come up: \((try? String(contentsOfFile: run.appendingPathComponent("error.log").path, encoding: .utf8)) ?? "")")

        // The API through the proxy, from client address 127.0.0.3.
        let base = "http://127.0.0.1:\(proxyPort)"
        let (created, body) = try Self.curl(["--interface", "127.0.0.3", "-H", "Content-Type: text/plain",
                                             "--data-binary", "date 2021-03-18\nAngela Merkel visited Paris on Monday.",
                                             "\(base)/articles"])
        #expect(created == 201, "\(body)")
        let id = ((try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any])?["id"] as? Int ?? 0
        #expect(try Self.curl(["--interface", "127.0.0.3", "\(base)/articles/\(id)"]).0 == 200)
        #expect(try Self.curl(["--interface", "127.0.0.3", "\(base)/entities"]).0 == 200)
        #expect(try Self.curl(["--interface", "127.0.0.3", "\(base)/nope"]).0 == 404)
        // Straight to Byline from an untrusted address with a spoofed header.
        #expect(try Self.curl(["--interface", "127.0.0.2", "-H", "X-Forwarded-For: 6.6.6.6",
                               "http://127.0.0.1:\(live.port)/health"]).0 == 200)
        // A spoofed header sent through the proxy is kept left of the real client, so it is ignored too.
        #expect(try Self.curl(["--interface", "127.0.0.3", "-H", "X-Forwarded-For: 6.6.6.6", "\(base)/version"]).0 == 200)

        usleep(200_000)
        let lines = live.logs.accessLines
        let clients = Dictionary(grouping: lines, by: { $0["path"] as? String ?? "" })
            .mapValues { $0.map { $0["client"] as? String ?? "" } }
        #expect(clients["/articles"]?.allSatisfy { $0 == "127.0.0.3" } == true, "\(clients)")
        #expect(clients["/entities"] == ["127.0.0.3"], "\(clients)")
        #expect(clients["/version"] == ["127.0.0.3"], "\(clients)")
        #expect(clients["/health"]?.contains("127.0.0.2") == true, "\(clients)")
        #expect(!lines.contains { ($0["client"] as? String) == "6.6.6.6" })
    }
}

/// The service's HTTPS listener beside the plain one, and startup refusing a bad certificate.
@Suite(.serialized) struct ServiceTLSTests {
    @Test func httpsListenerServesTheAPI() throws {
        guard ProxyTests.curl != nil else {
            print("skipped: curl is not installed")
            return
        }
        let certs = try TestCertificates.generate()
        defer { certs.remove() }
        let live = try LiveService.withTLS(certs)
        let port = try #require(live.service.boundTLSPort)
        let (status, body) = try ProxyTests.curl(["--cacert", certs.caPath, "https://localhost:\(port)/version"])
        #expect(status == 200, "\(body)")
        let (posted, _) = try ProxyTests.curl(["--cacert", certs.caPath, "-H", "Content-Type: text/plain",
                                               "--data-binary", "Angela Merkel visited Paris.",
                                               "https://localhost:\(port)/articles"])
        #expect(posted == 201)
        #expect(try live.request("GET", "/health").status == 200)
    }

    @Test func startupRefusesAnExpiredOrMismatchedCertificate() throws {
        let certs = try TestCertificates.generate()
        defer { certs.remove() }
        for (cert, key) in [(certs.expiredCertificatePath, certs.expiredKeyPath),
                            (certs.serverCertificatePath, certs.otherKeyPath),
                            (certs.path("missing.pem"), certs.serverKeyPath)] {
            var config = Config()
            config.port = 0
            config.tlsPort = 0
            config.tlsCert = cert
            config.tlsKey = key
            #expect(throws: (any Error).self) { _ = try Service(config: config, logSink: { _ in }) }
        }
    }
}
