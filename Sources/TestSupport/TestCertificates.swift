// Throw-away TLS certificates for tests, made by scripts/gen-test-certs.sh (openssl CLI) in a temporary directory
// so nothing generated ever lands in the repository.
import Foundation

public struct TestCertificates: Sendable {
    public let directory: URL

    public var caPath: String { path("ca.pem") }
    public var serverCertificatePath: String { path("server.pem") }
    public var serverKeyPath: String { path("server.key") }
    /// A second valid leaf with its own key and serial, for reload tests.
    public var otherCertificatePath: String { path("server2.pem") }
    public var otherKeyPath: String { path("server2.key") }
    /// A leaf that expired in 2020.
    public var expiredCertificatePath: String { path("expired.pem") }
    public var expiredKeyPath: String { path("expired.key") }

    public func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Deletes the directory; a test that made its own set with `generate()` calls this when done
    /// (`defer { certs.remove() }`), or each run would leave one behind in the temporary directory.
    public func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    public struct GenerationError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs the script into a fresh temporary directory.
    public static func generate() throws -> TestCertificates {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("byline-certs-\(UUID().uuidString)")
        let script = Fixtures.repoRoot.appendingPathComponent("scripts/gen-test-certs.sh")
        let finished = try ChildProcess.run("/bin/bash", [script.path, directory.path])
        guard finished.status == 0 else {
            throw GenerationError(description: "gen-test-certs.sh failed: " + finished.stderrText)
        }
        return TestCertificates(directory: directory)
    }

    /// One set per test process, made on first use; nil (with the reason printed) if the openssl CLI failed.
    /// The directory is removed when the process exits.
    public static let shared: TestCertificates? = {
        do {
            let certificates = try generate()
            atexit {
                TestCertificates.shared?.remove()
            }
            return certificates
        } catch {
            print("TLS test certificates unavailable: \(error)")
            return nil
        }
    }()
}
