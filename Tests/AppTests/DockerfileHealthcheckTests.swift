// The container's HEALTHCHECK asks the port the service listens on: it was fixed to 8080, so a deployment that set
// BYLINE_PORT (as the README says every key can be) had a healthy service reported unhealthy and restarted. The
// check's command is run here as Docker runs a shell-form CMD, against a live service.
import Foundation
import Testing
import TestSupport
@testable import App

/// The HEALTHCHECK's command (shell form: what follows CMD, continuation lines joined), or nil.
func healthcheckCommand(_ dockerfile: String) -> String? {
    let joined = dockerfile.replacingOccurrences(of: "\\\n", with: " ")
    guard let line = joined.split(separator: "\n").first(where: { $0.hasPrefix("HEALTHCHECK") }),
          let cmd = line.range(of: " CMD ") else { return nil }
    return line[cmd.upperBound...].trimmingCharacters(in: .whitespaces)
}

private func shell(_ command: String, environment: [String: String]) throws -> Int32 {
    try ChildProcess("/bin/sh", ["-c", command], environment: environment).wait()
}

@Suite struct DockerfileHealthcheckTests {
    @Test func healthcheckAsksThePortTheServiceListensOn() throws {
        let curl = ["/usr/bin/curl", "/usr/local/bin/curl"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard curl != nil else {
            print("skipped: no curl here")
            return
        }
        let dockerfile = try String(contentsOfFile: Fixtures_repo("Dockerfile"), encoding: .utf8)
        let command = try #require(healthcheckCommand(dockerfile))
        #expect(!command.hasPrefix("["), "exec form cannot read BYLINE_PORT: \(command)")
        let live = try LiveService()
        let path = ["PATH": "/usr/local/bin:/usr/bin:/bin"]
        // The service on a port of its own: the check follows BYLINE_PORT to it.
        #expect(try shell(command, environment: path.merging(["BYLINE_PORT": String(live.port)]) { $1 }) == 0)
        // Nothing listens on port 1: the check fails rather than reporting another port's health.
        #expect(try shell(command, environment: path.merging(["BYLINE_PORT": "1"]) { $1 }) != 0)
    }

    @Test func healthcheckCommandIsRead() {
        let text = "FROM x\nHEALTHCHECK --interval=30s \\\n    CMD curl -fsS \"http://h:${P:-1}/health\" || exit 1\nCMD [\"serve\"]\n"
        #expect(healthcheckCommand(text) == "curl -fsS \"http://h:${P:-1}/health\" || exit 1")
    }
}
