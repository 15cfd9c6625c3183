// `byline reanalyze` (Reanalysis): a store whose articles were stored by an older analysis (organizations typed
// MISC, a place typed as a person, pronouns as speaker names, in the rows and the JSON) answers /entities, /quotes
// and /timeline as a fresh store of the same texts under the current analysis does, with its article ids; a
// second pass changes nothing; a dry run counts and writes nothing; the command reports its counts.
import Foundation
import Testing
@testable import App
@testable import Storage
@testable import TextAnalysis

@Suite(.serialized) struct ReanalysisTests {
    static let texts = [
        "date 2005-03-01\nThe Conservative Party said on Monday it would cut taxes. \"We will win,\" Michael Howard "
            + "said in London.\n\nHe said the plan would work. US bank Wells Fargo reported record profits.",
        "date 2005-03-02\nTony Blair met Gordon Brown in London on Tuesday. \"The economy is strong,\" Mr Brown said. "
            + "The Labour Party will meet in Brighton next week.",
        "Angela Merkel visited Paris. \"It was a good day,\" she said.",
    ]

    static func submission(_ text: String) -> ArticleSubmission {
        ArticleSubmission(text: text, date: nil, title: "T", url: "https://example.com/\(text.count)")
    }

    /// What an older analysis made of `text`: organizations MISC, places people, unresolved pronoun speakers
    /// named by the pronoun; nil when none of that applies to it.
    static func oldAnalysis(_ text: String, _ analyzer: Analyzer) -> NewArticle? {
        let document = analyzer.analyze(text)
        var old = document
        for i in old.entities.indices {
            switch old.entities[i].type {
            case .organization: old.entities[i].type = .misc
            case .location: old.entities[i].type = .person
            default: break
            }
        }
        for i in old.quotes.indices where old.quotes[i].speaker != nil && old.quotes[i].speaker?.name == nil {
            old.quotes[i].speaker!.name = document.text(old.quotes[i].speaker!.mention)
        }
        let json = AnalysisJSON.encode(old)
        guard json != AnalysisJSON.encode(document) else { return nil }
        return ArticleMapping.newArticle(submission(text), old, contentHash: SHA256.hex(Array(text.utf8)),
                                         analysisJSON: json)
    }

    static func currentAnalysis(_ text: String, _ analyzer: Analyzer) -> NewArticle {
        let document = analyzer.analyze(text)
        return ArticleMapping.newArticle(submission(text), document, contentHash: SHA256.hex(Array(text.utf8)),
                                         analysisJSON: AnalysisJSON.encode(document))
    }

    /// The lists the API serves, with row ids replaced by what they name (a fresh store numbers its own way).
    static func lists(_ store: ArticleStore) throws -> [String] {
        var names: [Int64: String] = [:]
        var out: [String] = []
        for e in try store.entities(EntityQuery(limit: 500)).rows {
            names[e.id] = e.name
            out.append("entity \(e.name) \(e.type) \(e.aliases) \(e.roles) \(e.articleCount) \(e.mentionCount) "
                       + "\(e.firstSeen ?? "-") \(e.lastSeen ?? "-")")
        }
        let hashes = try Dictionary(uniqueKeysWithValues: store.articles(ArticleQuery(limit: 500)).rows.map {
            ($0.id, $0.contentHash.prefix(8))
        })
        for q in try store.quotes(QuoteQuery(limit: 500)).rows {
            let speaker = q.speakerEntityId.flatMap { names[$0] } ?? "-"
            out.append("quote \(hashes[q.articleId] ?? "?") \(q.articleDate) \(speaker) "
                       + "\(q.speakerName ?? "-") \(q.text) \(q.kind) \(q.start) \(q.end) \(q.cue ?? "-") \(q.rule)")
        }
        for e in try store.timeline(TimelineQuery(limit: 500)).rows {
            out.append("event \(hashes[e.articleId] ?? "?") \(e.date) \(e.granularity) \(e.start) \(e.text) "
                       + "\(e.entityIds.compactMap { names[$0] }.sorted())")
        }
        return out.sorted()
    }

    func withStores(_ body: (ArticleStore, ArticleStore, URL, Analyzer) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("byline-reanalyze-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let analyzer = try LiveService.sharedAnalyzer()
        let old = try ArticleStore(path: dir.appendingPathComponent("old.db").path)
        for text in Self.texts {
            _ = try old.insert(Self.oldAnalysis(text, analyzer) ?? Self.currentAnalysis(text, analyzer))
        }
        let fresh = try ArticleStore(path: dir.appendingPathComponent("fresh.db").path)
        for text in Self.texts { _ = try fresh.insert(Self.currentAnalysis(text, analyzer)) }
        try body(old, fresh, dir, analyzer)
    }

    @Test func aStoreOfAnOlderAnalysisAnswersAsAFreshStoreOnceReanalyzed() throws {
        try withStores { old, fresh, _, analyzer in
            let changed = Self.texts.filter { Self.oldAnalysis($0, analyzer) != nil }.count
            try #require(changed >= 2, "the texts have organizations, places and a pronoun speaker")
            #expect(try Self.lists(old) != Self.lists(fresh))
            let before = try old.articles(ArticleQuery(limit: 500)).rows

            let counts = try Reanalysis.run(store: old, analyzer: analyzer, options: .init(jobs: 2, batchSize: 2))
            #expect(counts == Reanalysis.Counts(total: 3, replaced: changed, unchanged: 3 - changed))
            #expect(try Self.lists(old) == Self.lists(fresh))
            #expect(try old.articles(ArticleQuery(limit: 500)).rows == before, "ids, dates, received times stay")
            for summary in before {
                let stored = try #require(try old.article(id: summary.id))
                let id = try #require(try fresh.articleId(contentHash: summary.contentHash))
                #expect(stored.analysisJSON == (try fresh.article(id: id)?.analysisJSON))
            }
            #expect(try old.quotes(QuoteQuery(speaker: "he")).rows.isEmpty)
            #expect(try old.entities(EntityQuery(type: "MISC")).rows.allSatisfy { !$0.name.contains("Party") })

            // Idempotent: the stored analyses are the current ones now.
            let again = try Reanalysis.run(store: old, analyzer: analyzer, options: .init(jobs: 1))
            #expect(again == Reanalysis.Counts(total: 3, replaced: 0, unchanged: 3))
            // --all replaces them anyway, to the same rows.
            let all = try Reanalysis.run(store: old, analyzer: analyzer, options: .init(jobs: 2, all: true))
            #expect(all.replaced == 3)
            #expect(try Self.lists(old) == Self.lists(fresh))
        }
    }

    @Test func aDryRunCountsTheChangedArticlesAndWritesNothing() throws {
        try withStores { old, _, _, analyzer in
            let lists = try Self.lists(old)
            let analyses = try old.articles(ArticleQuery(limit: 500)).rows.map { try old.article(id: $0.id) }
            // Rows a connection wrote: a dry run's writes would go through the store's one writer connection.
            let writes = { () throws -> Int64? in
                try old.withWriter { db throws(StorageError) in try db.scalarInt("SELECT total_changes()") }
            }
            let writesBefore = try writes()
            let counts = try Reanalysis.run(store: old, analyzer: analyzer, options: .init(jobs: 2, dryRun: true))
            #expect(counts.replaced >= 2 && counts.replaced + counts.unchanged == 3)
            #expect(try Self.lists(old) == lists)
            #expect(try old.articles(ArticleQuery(limit: 500)).rows.map { try old.article(id: $0.id) } == analyses)
            #expect(try writes() == writesBefore)
        }
    }

    /// The command: progress and counts on stderr, the same store as the in-process pass, a second run replaces
    /// nothing, a missing store is an error.
    @Test func theCommandReanalyzesAStoreAndASecondRunReplacesNothing() throws {
        try withStores { old, fresh, dir, analyzer in
            let path = dir.appendingPathComponent("old.db").path
            let changed = Self.texts.filter { Self.oldAnalysis($0, analyzer) != nil }.count
            guard let dry = try byline(["reanalyze", "--database", path, "--dry-run"]) else { return }
            #expect(dry.status == 0, "\(dry.stderr)")
            #expect(dry.stderr.contains("reanalyzed 3 articles: would replace \(changed), \(3 - changed) unchanged"),
                    "\(dry.stderr)")
            let real = try #require(try byline(["reanalyze", "--database", path, "--jobs", "2"]))
            #expect(real.status == 0)
            #expect(real.stderr.contains(
                "reanalyzed 3 articles: replaced \(changed), \(3 - changed) unchanged, 0 failed"),
                    "\(real.stderr)")
            #expect(try Self.lists(old) == Self.lists(fresh))
            let again = try #require(try byline(["reanalyze", "--database", path]))
            #expect(again.stderr.contains("replaced 0, 3 unchanged"), "\(again.stderr)")
            let missing = dir.appendingPathComponent("none.db").path
            #expect(try byline(["reanalyze", "--database", missing])?.status == 1)
            #expect(try byline(["reanalyze", "--database", path, "--jobs", "0"])?.status == 64)
        }
    }
}
