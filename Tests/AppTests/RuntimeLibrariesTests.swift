// The container's runtime stage must provide every shared library the binary loads. The Dockerfile links the
// Swift runtime statically (--static-swift-stdlib), so libraries from the Swift toolchain are left out; every
// other library ldd names must belong (dpkg -S) to a package the runtime stage installs or the slim base
// image already has.
import Foundation
import Testing
import TestSupport
@testable import App

/// Packages debian:bookworm-slim ships that our libraries come from (the C runtime and its support libraries).
private let basePackages: Set<String> = ["libc6", "libgcc-s1", "libstdc++6", "zlib1g"]

private func run(_ tool: String, _ args: [String]) -> String? {
    guard let finished = try? ChildProcess.run(tool, args) else { return nil }
    return finished.status == 0 ? finished.stdoutText : nil
}

/// The packages the Dockerfile's runtime stage installs with apt-get.
func runtimeStagePackages(_ dockerfile: String) -> Set<String> {
    guard let stage = dockerfile.range(of: "AS runtime") else { return [] }
    let joined = dockerfile[stage.upperBound...].replacingOccurrences(of: "\\\n", with: " ")
    guard let install = joined.range(of: "apt-get install") else { return [] }
    let command = joined[install.upperBound...].prefix { $0 != "\n" }.components(separatedBy: "&&")[0]
    return Set(command.split(separator: " ").filter { !$0.hasPrefix("-") }.map(String.init))
}

@Test func runtimeStageProvidesEveryLibraryTheBinaryNeeds() throws {
    let binary = Fixtures_repo(".build/debug/byline")
    guard FileManager.default.fileExists(atPath: binary), FileManager.default.fileExists(atPath: "/usr/bin/dpkg") else {
        print("skipped: no built byline binary or no dpkg here")
        return
    }
    let dockerfile = try String(contentsOfFile: Fixtures_repo("Dockerfile"), encoding: .utf8)
    let installed = runtimeStagePackages(dockerfile)
    #expect(installed.contains("libssl3"))
    let ldd = try #require(run("/usr/bin/ldd", [binary]))
    var missing: [String] = []
    for line in ldd.split(separator: "\n") {
        guard let arrow = line.range(of: "=> ") else { continue }
        let path = line[arrow.upperBound...].split(separator: " ").first.map(String.init) ?? ""
        if path.hasPrefix("/opt/swift") || path.contains("/usr/lib/swift/") { continue }  // static in the image
        // Debian 12 merged /lib into /usr/lib; dpkg knows the /usr path of the real file.
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let candidates = [real, path, "/usr" + path, "/usr" + real]
        let owner = candidates.lazy.compactMap { run("/usr/bin/dpkg", ["-S", $0]) }.first ?? ""
        let package = owner.split(separator: ":").first.map(String.init) ?? "?"
        if !installed.contains(package) && !basePackages.contains(package) { missing.append("\(path) (\(package))") }
    }
    #expect(missing.isEmpty, "the runtime stage lacks: \(missing)")
}

@Test func dockerfileRuntimePackagesAreRead() {
    let text = """
    FROM x AS build
    RUN apt-get install -y libssl-dev
    FROM y AS runtime
    RUN apt-get update \\
        && apt-get install -y --no-install-recommends libssl3 libsqlite3-0 \\
        && rm -rf /var/lib/apt/lists/*
    """
    #expect(runtimeStagePackages(text) == ["libssl3", "libsqlite3-0"])
}
