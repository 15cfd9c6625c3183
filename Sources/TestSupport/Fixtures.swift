// Paths to the shared data sets beside the repository (../shared), and a helper to skip data tests
// with a printed reason when a clone has none.
import Foundation

public enum Fixtures {
    /// The repository root (found from this source file's location).
    public static let repoRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// ../shared beside the repository, or BYLINE_SHARED.
    public static let shared: URL = {
        if let env = ProcessInfo.processInfo.environment["BYLINE_SHARED"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return repoRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    /// A file under ../shared/data, or nil (with the reason printed) when it is absent.
    public static func sharedData(_ relative: String) -> URL? {
        let url = shared.appendingPathComponent("data").appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: url.path) { return url }
        print("skipped: \(url.path) is absent (no ../shared beside this clone)")
        return nil
    }
}
