// `byline import PATH...`: analyses and stores text files, NDJSON files (*.ndjson, *.jsonl:
// {"text","date","title","url"} per line) and folders of either (recursively) on all cores. Resumable: a text already
// stored (same content hash) is skipped without analysis; one with no text fails, as with POST /articles.
// --default-date dates the articles that give no date (an archive of undated text files).
// Shows count, rate and ETA on a terminal, plain periodic lines otherwise, and a summary at the end; exits 1
// if any item failed.
import ArgumentParser
import Dispatch
import Foundation
import Storage
import TextAnalysis

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Analyse and store articles from files, folders or NDJSON.")

    @OptionGroup var store: StoreOptions

    @Option(help: "Articles analysed at once (default: one per core; more wait on their commit meanwhile).")
    var jobs: Int?

    @Option(help: ArgumentHelp("Text files' encoding: utf-8 (the default), iso-8859-1 / windows-1252, or auto "
                               + "(UTF-8, else windows-1252, file by file). NDJSON is UTF-8."))
    var charset: String?

    @Option(help: ArgumentHelp("The date (YYYY-MM-DD) of articles that give none: a text file without a `date` line, "
                               + "an NDJSON line without \"date\". Without it they resolve no relative dates and "
                               + "are filed under the day of the import.", valueName: "date"))
    var defaultDate: String?

    @Argument(help: "Text files, NDJSON files (*.ndjson, *.jsonl) or folders of them (recursively).")
    var paths: [String]

    /// One article to import and where it came from (for error messages).
    enum Item {
        case file(String)
        case line(path: String, number: Int, text: Substring)
    }

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let defaultDate, CalendarDate(iso: defaultDate) == nil {
            throw ValidationError("--default-date '\(defaultDate)' is not a real date in YYYY-MM-DD form")
        }
        _ = try textCharset(charset)
    }

    func run() throws {
        let items = try paths.flatMap(Self.items(at:))
        let encoding = try textCharset(charset)
        let fallbackDate = defaultDate.flatMap { CalendarDate(iso: $0) }
        let articleStore = try store.openStore(creating: true)
        let analyzer = try Analyzer(resources: ResourceLoader.bundled())
        let progress = ImportProgress(total: items.count)
        let next = Counter()
        let analyses = max(1, min(jobs ?? ProcessInfo.processInfo.activeProcessorCount, items.count))
        // An insert returns after the COMMIT (and fsync) that made its article durable. With one lane per analysis
        // each commit held one or two articles and the import ran at the disk's fsync rate (BBC, 2 cores: 70
        // articles/s at 41 % CPU); with more lanes than analyses, the inserts waiting on one commit form the next
        // group commit while the analysis slots stay busy.
        let lanes = min(items.count, analyses + min(analyses * (Self.lanesPerAnalysis - 1), Self.maxWaitingLanes))
        let analysisSlots = DispatchSemaphore(value: analyses)
        // Threads of our own: the global queue adds threads only slowly while its threads block.
        let group = DispatchGroup()
        for _ in 0..<lanes {
            group.enter()
            let lane = Thread {
                while let i = next.take(below: items.count) {
                    progress.record(Self.importOne(items[i], charset: encoding, defaultDate: fallbackDate,
                                                   analyzer: analyzer, store: articleStore,
                                                   analysisSlots: analysisSlots))
                }
                group.leave()
            }
            lane.stackSize = 8 << 20
            lane.start()
        }
        group.wait()
        progress.finish()
        if progress.failed > 0 { throw ExitCode(1) }
    }

    enum Outcome { case stored, skipped, failed(String) }

    /// Import lanes per analysis slot: lanes past the slots wait in inserts, filling group commits.
    static let lanesPerAnalysis = 8
    /// At most this many lanes beyond the analysis slots: a group commit takes 64 articles, and each lane may hold
    /// a reader connection (a file descriptor) and a thread.
    static let maxWaitingLanes = 56

    /// `defaultDate` dates an article that gives none (no `date` line, no "date" member); `analysisSlots`, when
    /// given, bounds how many lanes analyse at once (the rest read, check or wait on their commit).
    static func importOne(_ item: Item, charset: FileCharset = .fixed(.utf8), defaultDate: CalendarDate? = nil,
                          analyzer: Analyzer, store: ArticleStore, analysisSlots: DispatchSemaphore? = nil) -> Outcome {
        do {
            var submission: ArticleSubmission
            do {
                switch item {
                case .file(let path):
                    submission = ArticleSubmission(text: try readArticle(path, charset: charset), date: nil, title: nil,
                                                   url: nil)
                case .line(_, _, let text):
                    submission = try SubmissionDecoder.decodeJSON(Array(text.utf8), source: "line")
                }
                // As POST /articles does: an article with no text would be an empty row in every list.
                try SubmissionDecoder.requireText(submission, field: "text")
                if submission.date == nil, let defaultDate,
                   ArticleInput.datePrefix(in: Array(submission.text.unicodeScalars.prefix(256))) == .none {
                    submission.date = defaultDate
                }
            } catch let e as SubmissionError {
                switch item {
                case .file(let path): return .failed("\(path): \(e.detail)")
                case .line(let path, let number, _): return .failed("\(path):\(number): \(e.detail)")
                }
            }
            let hash = SHA256.hex(Array(submission.text.utf8))
            if let id = try store.articleId(contentHash: hash) {
                // Stored with another date: refused, as POST /articles refuses it (DateConflict).
                if let stored = try store.article(id: id)?.summary,
                   let problem = DateConflict.problem(submission, stored: stored) {
                    switch item {
                    case .file(let path): return .failed("\(path): \(problem)")
                    case .line(let path, let number, _): return .failed("\(path):\(number): \(problem)")
                    }
                }
                return .skipped
            }
            let article = { () -> NewArticle in
                analysisSlots?.wait()
                defer { analysisSlots?.signal() }
                let document = analyzer.analyze(submission.text, date: submission.date)
                let json = AnalysisJSON.encode(document)
                return ArticleMapping.newArticle(submission, document, contentHash: hash, analysisJSON: json)
            }()
            let result = try store.insert(article)
            if result.created { return .stored }
            // Stored meanwhile by another lane (the same text twice in one import): the same date check, so the
            // outcome does not depend on which lane won.
            if let stored = try store.article(id: result.id)?.summary,
               let problem = DateConflict.problem(submission, stored: stored) {
                switch item {
                case .file(let path): return .failed("\(path): \(problem)")
                case .line(let path, let number, _): return .failed("\(path):\(number): \(problem)")
                }
            }
            return .skipped
        } catch {
            switch item {
            case .file(let path): return .failed("\(path): \(error)")
            case .line(let path, let number, _): return .failed("\(path):\(number): \(error)")
            }
        }
    }

    /// The files a folder import reads.
    static let folderSuffixes = [".txt", ".ndjson", ".jsonl"]

    static func items(at path: String) throws -> [Item] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandError("\(path) does not exist")
        }
        if isDirectory.boolValue {
            // NDJSON exports sit in folders too: leaving them out imported nothing from such a folder, silently.
            let files = (FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? [])
                .filter { name in folderSuffixes.contains { name.hasSuffix($0) } }.sorted()
                .filter { name in
                    var isFolder: ObjCBool = false
                    let full = (path as NSString).appendingPathComponent(name)
                    return FileManager.default.fileExists(atPath: full, isDirectory: &isFolder) && !isFolder.boolValue
                }
            guard !files.isEmpty else {
                throw CommandError("\(path) holds no *.txt, *.ndjson or *.jsonl files")
            }
            return try files.flatMap { try items(at: (path as NSString).appendingPathComponent($0)) }
        }
        if path.hasSuffix(".ndjson") || path.hasSuffix(".jsonl") {
            guard let data = FileManager.default.contents(atPath: path) else { throw CommandError("cannot read \(path)") }
            let text = try ArticleInput.decodeUTF8(Array(data))
            var out: [Item] = []
            // A line ends at LF or CRLF, as a POST /articles/batch line does (a CRLF export read as one line
            // imported nothing, and the errors named the wrong lines).
            for (i, line) in text.textLines.enumerated()
            where !line.allSatisfy(\.isWhitespace) {
                out.append(.line(path: path, number: i + 1, text: line))
            }
            return out
        }
        return [.file(path)]
    }
}

/// Counts the outcomes, from any thread, and shows them (ProgressLine).
final class ImportProgress: @unchecked Sendable {
    private let output = ProgressLine(command: "byline import")
    private let total: Int
    // Written and read under the output's lock (its `update` runs the closure there).
    private(set) var stored = 0
    private(set) var skipped = 0
    private(set) var failed = 0

    init(total: Int) { self.total = total }

    func record(_ outcome: ImportCommand.Outcome) {
        var failure: String?
        if case .failed(let why) = outcome { failure = why }
        output.update(failure: failure, counting: {
            switch outcome {
            case .stored: stored += 1
            case .skipped: skipped += 1
            case .failed: failed += 1
            }
        }) { elapsed in
            ProgressLine.articles(done: stored + skipped + failed, total: total, elapsed: elapsed)
        }
    }

    func finish() {
        output.finish(String(format: "imported %d, skipped %d already stored, %d failed", stored, skipped, failed))
    }
}
