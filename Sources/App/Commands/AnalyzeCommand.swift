// `byline analyze FILE|-` prints the analysis of one article as JSON; with several files it prints NDJSON,
// one object per file with a "file" field, analysing on all cores unless --jobs says otherwise. A file that
// fails is reported on stderr and the others still run; the exit status is 1 if any failed.
import ArgumentParser
import Dispatch
import Foundation
import TextAnalysis

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Print the entities, quotes and timeline of articles as JSON.")

    @Option(help: "The article date (YYYY-MM-DD); it wins over a `date` line at the top of the text.")
    var date: String?

    @Option(help: "Files analysed at once (default: one per core).")
    var jobs: Int?

    @Option(help: ArgumentHelp("The files' character encoding: utf-8 (the default), iso-8859-1 / windows-1252 "
                               + "(read alike), or auto (UTF-8, else windows-1252, file by file)."))
    var charset: String?

    @Argument(help: "Text files, or - for standard input.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one file, or - for standard input") }
        if let date, CalendarDate(iso: date) == nil {
            throw ValidationError("--date '\(date)' is not a real date in YYYY-MM-DD form")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        _ = try textCharset(charset)
        // Standard input can be read once: a second - would silently analyse an empty article.
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("- (standard input) can be given once") }
    }

    func run() throws {
        let articleDate = date.flatMap { CalendarDate(iso: $0) }
        let encoding = try textCharset(charset)
        if files.count == 1 {
            // Read before loading the model, so a missing or bad file is reported at once.
            let text: String
            do { text = try readArticle(files[0], charset: encoding) } catch { throw CommandError("\(files[0]): \(error)") }
            let analyzer = try Analyzer(resources: ResourceLoader.bundled())
            var out = AnalysisJSON.encode(analyzer.analyze(text, date: articleDate))
            out.append(UInt8(ascii: "\n"))
            FileHandle.standardOutput.write(Data(out))
            return
        }
        let analyzer = try Analyzer(resources: ResourceLoader.bundled())
        let results = OrderedResults(count: files.count)
        let lanes = min(jobs ?? ProcessInfo.processInfo.activeProcessorCount, files.count)
        let next = Counter()
        let files = self.files
        DispatchQueue.concurrentPerform(iterations: lanes) { _ in
            while let i = next.take(below: files.count) {
                do {
                    let text = try readArticle(files[i], charset: encoding)
                    let json = AnalysisJSON.encode(analyzer.analyze(text, date: articleDate))
                    results.set(i, .success(Self.withFileField(json, file: files[i])))
                } catch {
                    results.set(i, .failure(error))
                }
            }
        }
        var failed = 0
        for (i, result) in results.all().enumerated() {
            switch result {
            case .success(let line): FileHandle.standardOutput.write(Data(line + [UInt8(ascii: "\n")]))
            case .failure(let error):
                failed += 1
                FileHandle.standardError.write(Data("byline analyze: \(files[i]): \(error)\n".utf8))
            case nil: break
            }
        }
        if failed > 0 { throw ExitCode(1) }
    }

    /// `{...}` → `{"file":"NAME",...}` without decoding the analysis again.
    static func withFileField(_ json: [UInt8], file: String) -> [UInt8] {
        let name = (try? JSONSerialization.data(withJSONObject: [file], options: [.withoutEscapingSlashes]))
            .map { Array($0.dropFirst().dropLast()) }
            ?? Array("\"?\"".utf8)
        var out = Array("{\"file\":".utf8) + name
        let rest = json.dropFirst()
        if rest.first != UInt8(ascii: "}") { out.append(UInt8(ascii: ",")) }
        out.append(contentsOf: rest)
        return out
    }
}

/// How the command line decodes text files: in one charset, or (`auto`) as UTF-8, falling back to windows-1252
/// for a file that is not valid UTF-8. Newsroom archives mix the two (one of the 2,225 BBC articles is
/// windows-1252): a folder import failed that file and it had to be imported again on its own with --charset.
/// Text that is not UTF-8 beyond ASCII is almost never valid UTF-8 by chance, so the fallback does not misread.
enum FileCharset: Equatable, Sendable {
    case fixed(TextCharset)
    case auto
}

/// The charset a `--charset` option names (UTF-8 when none), as a text/plain body's `charset=` is read, or auto:
/// legacy newsroom files in windows-1252 could be sent to the server but neither analysed nor imported from the
/// command line.
func textCharset(_ label: String?) throws -> FileCharset {
    guard let label else { return .fixed(.utf8) }
    if label.lowercased() == "auto" { return .auto }
    guard let charset = TextCharset.named(label.lowercased()) else {
        throw ValidationError("--charset '\(label)' is not supported: use utf-8, iso-8859-1, windows-1252 or auto")
    }
    return .fixed(charset)
}

/// Reads an article file (or standard input for "-") in `charset`; the error says why (without the path, which
/// the caller adds): a missing file, a folder, invalid UTF-8 with the byte offset, a `date` line that is not a
/// real date.
func readArticle(_ path: String, charset: FileCharset = .fixed(.utf8)) throws -> String {
    let data: Data
    if path == "-" {
        data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandError("no such file")
        }
        guard !isDirectory.boolValue else { throw CommandError("is a folder, not a file") }
        guard let d = FileManager.default.contents(atPath: path) else { throw CommandError("cannot read it") }
        data = d
    }
    let text: String
    switch charset {
    case .fixed(.windows1252):
        text = TextCharset.decodeWindows1252(Array(data))
    case .fixed(.utf8):
        do { text = try ArticleInput.decodeUTF8(Array(data)) } catch {
            throw CommandError("\(error) (for a Latin-1 or windows-1252 file, give --charset windows-1252, "
                               + "or auto for a mix)")
        }
    case .auto:
        text = (try? ArticleInput.decodeUTF8(Array(data))) ?? TextCharset.decodeWindows1252(Array(data))
    }
    if let problem = SubmissionDecoder.invalidDateLine(text) { throw CommandError(problem) }
    return text
}

/// Thread-safe slots for results that must print in input order.
final class OrderedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<[UInt8], Error>?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<[UInt8], Error>) { lock.lock(); slots[i] = r; lock.unlock() }
    func all() -> [Result<[UInt8], Error>?] { lock.lock(); defer { lock.unlock() }; return slots }
}

/// A shared work counter for lanes pulling the next index.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func take(below limit: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}
