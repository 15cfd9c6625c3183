// A full disk: `byline serve` runs under a file-size limit (RLIMIT_FSIZE, so the kernel fails SQLite's writes with
// EFBIG, no root needed; scripts/crash-test diskfull does the same on a 2 MiB tmpfs for ENOSPC). POSTs fill the
// database until one fails: it and every later POST must be 503 problem+json with Retry-After, reads keep
// answering, and after a restart without the limit the store holds exactly the acknowledged articles and takes
// writes again.
import Foundation
import Testing
import TestSupport

@Suite(.serialized) struct DurabilityDiskFullTests {
    /// About 12 KB of text per article, so the limit is reached in a few dozen POSTs.
    static func bulkyText(_ n: Int) -> String {
        "Reference \(UUID().uuidString), number \(n).\n\n" + String(
            repeating: "The minister said on Monday that the council would meet again in London next week. ", count: 140)
    }

    @Test func fullDiskAnswers503KeepsReadsAndStoresNothingHalfWritten() throws {
        guard let binary = ServerProcess.binary() else { return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("byline-diskfull-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let database = dir.appendingPathComponent("full.db").path

        let server = try ServerProcess(binary: binary, database: database, fileSizeLimit: 1024 * 1024)
        var acked: [Int] = []
        var failure: LoopbackResponse?
        for n in 0..<400 {
            let response = try server.request("POST", "/articles", body: articleJSON(Self.bulkyText(n)))
            if response.status == 201, let id = Int(response.header("Location")?.split(separator: "/").last ?? "") {
                acked.append(id)
            } else {
                failure = response
                break
            }
        }
        let failed = try #require(failure, "400 bulky articles fitted under the file-size limit")
        #expect(failed.status == 503, "\(failed.bodyText)")
        #expect(failed.header("Content-Type") == "application/problem+json")
        #expect(failed.json["status"] as? Int == 503)
        #expect(failed.header("Retry-After") != nil)
        #expect(!acked.isEmpty, "the very first POST failed: the limit is too small to test anything")

        for n in 0..<3 {
            #expect(try server.request("POST", "/articles", body: articleJSON(Self.bulkyText(1000 + n))).status == 503)
        }
        for id in acked {
            #expect(try server.request("GET", "/articles/\(id)").status == 200, "article \(id) unreadable on a full disk")
        }
        #expect(try server.request("GET", "/entities?q=london").status == 200)
        #expect(try server.request("GET", "/timeline").status == 200)
        #expect(server.terminate() == 0)

        // Space is back: exactly the acknowledged articles are stored, and a new one is taken.
        let restarted = try ServerProcess(binary: binary, database: database)
        let listed = try restarted.request("GET", "/articles?limit=500").json["items"] as? [[String: Any]] ?? []
        #expect(listed.compactMap { $0["id"] as? Int }.sorted() == acked.sorted())
        #expect(try restarted.request("POST", "/articles", body: articleJSON(Self.bulkyText(2000))).status == 201)
        print("disk full: \(acked.count) articles stored before the limit, then \(failed.status): "
              + "\(failed.json["detail"] as? String ?? "")")
        #expect(restarted.terminate() == 0)
    }
}
