// Checkpointer: WAL checkpoints run on the background connection (the database file grows while the writer
// never checkpoints below the inline limit), every article stays readable, and stores close without hanging.
import Foundation
import Testing
@testable import Storage

@Suite struct CheckpointerTests {
    typealias F = StoreFixtures

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    /// ~8 MB of articles: well past the 1000-page request threshold, below the writer's inline limit.
    @Test(arguments: [true, false])
    func checkpointsRunInTheBackgroundOnlyWhenEnabled(_ background: Bool) throws {
        try F.withTempStore(options: ArticleStore.Options(backgroundCheckpoints: background)) { store, dir in
            let path = dir.appendingPathComponent("t.db").path
            let before = Self.fileSize(path)
            let text = String(repeating: "A sentence of news text. ", count: 1600)  // 40 KB
            for i in 0..<200 { _ = try store.insert(F.article("big\(i)", text: text + "\(i)")) }
            if background {
                let checkpointer = try #require(store.checkpointer)
                #expect(checkpointer.idle() > 0)
            } else {
                #expect(store.checkpointer == nil)
            }
            // Either way the pages reached the database file (SQLite's own checkpoint when not in the background).
            #expect(Self.fileSize(path) > before + 4_000_000)
            #expect(try store.articleCount() == 200)
            let last = try #require(try store.articleId(contentHash: "big199"))
            #expect(try store.article(id: last)?.text == text + "199")
        }
    }

    @Test func storesWithACheckpointerOpenAndCloseRepeatedly() throws {
        let dir = F.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("r.db").path
        for i in 0..<5 {
            let store = try ArticleStore(path: path)
            _ = try store.insert(F.article("r\(i)"))
            #expect(try store.articleCount() == i + 1)
        }
    }

    /// Regression: the checkpoint connection was closed whenever Foundation released its thread's closure, after
    /// the store was gone; its close (a last checkpoint, removing the -wal file) could then race a reopen or a
    /// backup of the same file. Now every connection is closed when the store is: the WAL is gone at once.
    @Test func droppingAStoreClosesTheCheckpointConnectionWithIt() throws {
        let dir = F.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("c.db").path
        for i in 0..<20 {
            do {
                let store = try ArticleStore(path: path)
                _ = try store.insert(F.article("c\(i)"))
                #expect(store.checkpointer != nil)
            }
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "round \(i): a connection outlived its store")
        }
    }
}
