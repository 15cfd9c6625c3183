// The `byline` command line, run as a process: analyze (one file, several as NDJSON, stdin, bad UTF-8),
// import (resumable), query and backup, and config errors at startup.
import Foundation
import Testing
import Storage
import TestSupport
@testable import App

struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the built `byline` binary; nil (with a printed reason) when it has not been built.
/// A process still running after `timeout` seconds is terminated (its status then tells the test it hung).
func byline(_ args: [String], stdin: Data? = nil, environment: [String: String] = [:],
            timeout: Double = 300) throws -> CLIResult? {
    let path = Fixtures_repo(".build/debug/byline")
    guard FileManager.default.isExecutableFile(atPath: path) else {
        print("skipped: \(path) is not built (scripts/test.sh builds it)")
        return nil
    }
    let finished = try ChildProcess.run(path, args,
                                        environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
                                        input: Array(stdin ?? Data()), timeout: timeout)
    return CLIResult(status: finished.status, stdout: finished.stdoutText, stderr: finished.stderrText)
}

@Suite(.serialized) final class CLITests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("byline-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func analyzePrintsOneObjectForOneFileAndNDJSONForSeveral() throws {
        let a = try write("a.txt", Array("date 2021-03-18\nAngela Merkel met Emmanuel Macron in Paris on Monday.".utf8))
        let b = try write("b.txt", Array("Boris Johnson spoke in London.".utf8))
        let bad = try write("bad.txt", [0x41, 0xC3, 0x28])
        guard let one = try byline(["analyze", a]) else { return }
        #expect(one.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any]
        #expect(object?["date"] as? String == "2021-03-18")
        #expect(object?["file"] == nil)

        let many = try #require(try byline(["analyze", "--jobs", "2", a, bad, b]))
        #expect(many.status == 1)
        let lines = many.stdout.split(separator: "\n").map {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:]
        }
        #expect(lines.map { $0["file"] as? String } == [a, b])
        #expect(many.stdout.contains("\"file\":\"\(a)\""), "paths as written, without \\/")
        #expect(many.stderr.contains("bad.txt"))
        #expect(many.stderr.contains("invalid UTF-8 at byte offset 1"))
    }

    /// A windows-1252 (or Latin-1) file is read as such with --charset, as the server reads a body declaring it;
    /// without it the UTF-8 error says how. Import reads text files so too (NDJSON stays UTF-8).
    @Test func analyzeAndImportReadWindows1252FilesWithCharset() throws {
        let latin = try write("latin.txt", Array("date 2005-03-01\nJos".utf8) + [0xE9]
                              + Array(" Mourinho said ".utf8) + [0x93] + Array("we will win".utf8) + [0x94]
                              + Array(" on Monday.".utf8))
        guard let plain = try byline(["analyze", latin]) else { return }
        #expect(plain.status == 1)
        #expect(plain.stderr.contains("--charset windows-1252"), "\(plain.stderr)")
        let read = try #require(try byline(["analyze", "--charset", "ISO-8859-1", latin]))
        #expect(read.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [String: Any]
        let names = (object?["entities"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
        #expect(names.contains("Jos\u{E9} Mourinho"), "\(names)")
        let quotes = (object?["quotes"] as? [[String: Any]])?.compactMap { $0["text"] as? String } ?? []
        // 0x93 and 0x94 are windows-1252's curly quotation marks.
        #expect(quotes.count == 1 && quotes[0].contains("\u{201C}we will win\u{201D}"), "\(quotes)")
        #expect(try byline(["analyze", "--charset", "koi8-r", latin])?.status == 64)

        let database = directory.appendingPathComponent("latin.db").path
        let imported = try #require(try byline(["import", "--database", database, "--charset", "windows-1252", latin]))
        #expect(imported.status == 0, "\(imported.stderr)")
        let found = try #require(try byline(["query", "--database", database, "entities", "q=jos\u{E9}"]))
        #expect(found.stdout.contains("Jos\u{E9} Mourinho"), "\(found.stdout)")
    }

    /// A folder of UTF-8 and windows-1252 files (the BBC set has one of the latter) failed the odd file whatever
    /// --charset said; auto reads each as UTF-8 when it is, else as windows-1252. Rows: --charset, imported, failed.
    @Test(arguments: [(nil, 1, 1), ("windows-1252", 2, 0), ("auto", 2, 0)] as [(String?, Int, Int)])
    func importAutoCharsetReadsAFolderOfMixedEncodings(charset: String?, imported: Int, failed: Int) throws {
        let folder = directory.appendingPathComponent("mixed-\(charset ?? "none")")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(Array("Jos".utf8) + [0xE9] + Array(" Mourinho said ".utf8) + [0x93] + Array("we will win".utf8)
                 + [0x94] + Array(".".utf8)).write(to: folder.appendingPathComponent("latin.txt"))
        try Data("Arsène Wenger said “we will see”.".utf8).write(to: folder.appendingPathComponent("utf8.txt"))
        let database = directory.appendingPathComponent("mixed-\(charset ?? "none").db").path
        guard let result = try byline(["import", "--database", database] + (charset.map { ["--charset", $0] } ?? [])
                                      + [folder.path]) else { return }
        #expect(result.stderr.contains("imported \(imported), skipped 0 already stored, \(failed) failed"),
                "\(result.stderr)")
        let entities = try #require(try byline(["query", "--database", database, "entities"])).stdout
        // windows-1252 reads the UTF-8 file's bytes one by one (Ã¨ for è); auto reads each file as written.
        #expect(entities.contains("Ars\u{E8}ne Wenger") == (charset != "windows-1252"), "\(entities)")
        #expect(entities.contains("Jos\u{E9} Mourinho") == (charset != nil), "\(entities)")
    }

    /// --date wins over the text's own `date` line, as an HTTP date field or parameter does.
    @Test func analyzeReadsStandardInputAndItsDateWinsOverTheDateLine() throws {
        guard let result = try byline(["analyze", "--date", "2020-02-29", "-"],
                                      stdin: Data("date 2021-03-18\nTalks resumed on Friday in Geneva.".utf8))
        else { return }
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["date"] as? String == "2020-02-29")
        // Relative dates resolve against it too (the Friday before Saturday 2020-02-29).
        #expect((object?["timexes"] as? [[String: Any]])?.first?["value"] as? String == "2020-02-28")
        #expect(try byline(["analyze", "--date", "2020-02-30", "-"], stdin: Data())?.status != 0)
    }

    /// As POST /articles does, import refuses an article with no text (empty, whitespace, only a `date` line)
    /// rather than storing an empty row; the others still go in.
    @Test func importRefusesArticlesWithoutText() throws {
        let folder = directory.appendingPathComponent("blank")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in [("empty", ""), ("spaces", " \n\t "), ("dateonly", "date 2021-03-18\n"),
                             ("good", "Angela Merkel visited Paris.")] {
            try Data(text.utf8).write(to: folder.appendingPathComponent("\(name).txt"))
        }
        let ndjson = try write("blank.ndjson", Array(#"{"text": "  ", "date": "2022-01-05"}"#.utf8) + [10])
        let database = directory.appendingPathComponent("blank.db").path
        guard let result = try byline(["import", "--database", database, folder.path, ndjson]) else { return }
        #expect(result.status == 1)
        #expect(result.stderr.contains("imported 1, skipped 0 already stored, 4 failed"), "\(result.stderr)")
        #expect(result.stderr.contains("empty.txt: the article has no text to store"), "\(result.stderr)")
        #expect(result.stderr.contains("blank.ndjson:1: the article has no text to store"), "\(result.stderr)")
        let query = try #require(try byline(["query", "--database", database, "articles"]))
        let items = (try JSONSerialization.jsonObject(with: Data(query.stdout.utf8)) as? [String: Any])?["items"] as? [Any]
        #expect(items?.count == 1)
    }

    /// A folder holds NDJSON exports as well as text files (they were left out, and such a folder imported
    /// nothing without a word); a folder with neither is an error, not an empty import.
    @Test func importReadsTextAndNDJSONFilesInFolders() throws {
        let folder = directory.appendingPathComponent("mixed")
        let sub = folder.appendingPathComponent("sub.txt")  // a folder named like a file is walked, not read
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try Data("Angela Merkel visited Paris.".utf8).write(to: folder.appendingPathComponent("a.txt"))
        try Data("{\"text\": \"One.\"}\n\n{\"text\": \"Two.\"}\n".utf8)
            .write(to: sub.appendingPathComponent("b.ndjson"))
        try Data("{\"text\": \"Three.\"}".utf8).write(to: folder.appendingPathComponent("c.jsonl"))
        try Data("notes".utf8).write(to: folder.appendingPathComponent("d.md"))
        let items = try ImportCommand.items(at: folder.path).map { item -> String in
            switch item {
            case .file(let path): return (path as NSString).lastPathComponent
            case .line(let path, let number, let text):
                return "\((path as NSString).lastPathComponent):\(number) \(text)"
            }
        }
        #expect(items == ["a.txt", "c.jsonl:1 {\"text\": \"Three.\"}", "b.ndjson:1 {\"text\": \"One.\"}",
                          "b.ndjson:3 {\"text\": \"Two.\"}"])
        let empty = directory.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect(throws: CommandError.self) { try ImportCommand.items(at: empty.path) }
    }

    /// An NDJSON export with CRLF line ends has one item per line, numbered as the file's lines (it was read as one
    /// line: nothing imported, and errors named line 1); a U+2028 inside a JSON string ends no line.
    @Test func importReadsNDJSONLinesEndingInCRLF() throws {
        let path = try write("windows.ndjson", Array("{\"text\": \"One.\"}\r\n\r\n{\"text\": \"Two\u{2028}lines.\"}\r\n{\"text\": \"Three.\"}\n".utf8))
        let items = try ImportCommand.items(at: path).map { item -> String in
            guard case .line(_, let number, let text) = item else { return "file" }
            return "\(number) \(text)"
        }
        #expect(items == ["1 {\"text\": \"One.\"}", "3 {\"text\": \"Two\u{2028}lines.\"}", "4 {\"text\": \"Three.\"}"])
        for case .line(_, _, let text) in try ImportCommand.items(at: path) {
            #expect(throws: Never.self) { try SubmissionDecoder.decodeJSON(Array(text.utf8), source: "line") }
        }
    }

    /// An archive of undated text files was filed under the day of the import, its relative dates unresolved,
    /// with no way to say when it was written short of editing every file. --default-date dates each article
    /// that gives no date; a `date` line or an NDJSON "date" still wins. Rows: file name, content, stored date.
    @Test func importDefaultDateDatesOnlyArticlesWithoutOne() throws {
        let folder = directory.appendingPathComponent("undated")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let rows: [(String, String, String)] = [
            ("a.txt", "Angela Merkel said on Monday that Germany would act.", "2005-03-01"),
            ("b.txt", "date 2004-11-02\nJohn Kerry said on Tuesday that he would win.", "2004-11-02"),
            ("c.ndjson", #"{"text": "Tony Blair said on Friday that the vote would be close."}"#, "2005-03-01"),
            ("d.ndjson", #"{"text": "Gordon Brown spoke on Friday.", "date": "2005-02-18"}"#, "2005-02-18"),
        ]
        for (name, text, _) in rows { try Data((text + "\n").utf8).write(to: folder.appendingPathComponent(name)) }
        let database = directory.appendingPathComponent("dated.db").path
        guard let result = try byline(["import", "--database", database, "--default-date", "2005-03-01",
                                       folder.path]) else { return }
        #expect(result.status == 0, "\(result.stderr)")
        let query = try #require(try byline(["query", "--database", database, "articles"]))
        let items = (try JSONSerialization.jsonObject(with: Data(query.stdout.utf8)) as? [String: Any])?["items"]
            as? [[String: Any]] ?? []
        #expect(Set(items.compactMap { $0["date"] as? String }) == Set(rows.map(\.2)))
        // The default date is what "on Monday" resolves against, as a date line would be.
        let monday = try #require(try byline(["query", "--database", database, "timeline", "q=Merkel"]))
        #expect(monday.stdout.contains("\"date\":\"2005-02-28\""), "\(monday.stdout)")
        let bad = try #require(try byline(["import", "--database", database, "--default-date", "2005-02-30",
                                           folder.path]))
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--default-date '2005-02-30'"), "\(bad.stderr)")
    }

    @Test func importIsResumableAndQueryAndBackupReadTheStore() throws {
        let folder = directory.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (i, text) in ["Angela Merkel visited Paris.", "Joe Biden spoke in Washington.", "Angela Merkel left Berlin."]
            .enumerated() {
            try Data(text.utf8).write(to: folder.appendingPathComponent("\(i).txt"))
        }
        let ndjson = try write("more.ndjson", Array(#"{"text": "Emmanuel Macron met Olaf Scholz.", "date": "2022-01-05"}"#.utf8)
                                              + [10] + Array("not json\n".utf8))
        let database = directory.appendingPathComponent("store.db").path
        guard let first = try byline(["import", "--database", database, folder.path, ndjson]) else { return }
        #expect(first.status == 1)  // the bad NDJSON line
        #expect(first.stderr.contains("imported 4, skipped 0 already stored, 1 failed"))
        #expect(first.stderr.contains("more.ndjson:2"))
        let again = try #require(try byline(["import", "--database", database, folder.path]))
        #expect(again.status == 0)
        #expect(again.stderr.contains("imported 0, skipped 3 already stored, 0 failed"))

        let query = try #require(try byline(["query", "--database", database, "articles", "limit=10"]))
        #expect(query.status == 0)
        let items = (try JSONSerialization.jsonObject(with: Data(query.stdout.utf8)) as? [String: Any])?["items"] as? [Any]
        #expect(items?.count == 4)
        #expect(try byline(["query", "--database", database, "entities", "limit=900"])?.status != 0)
        #expect(try byline(["query", "--database", database, "people"])?.status != 0)

        let copy = directory.appendingPathComponent("copy.db").path
        #expect(try byline(["backup", "--database", database, copy])?.status == 0)
        let fromCopy = try #require(try byline(["query", "--database", copy, "articles"]))
        #expect(fromCopy.stdout == query.stdout)
        #expect(try byline(["backup", "--database", database, copy])?.status != 0)  // will not overwrite
    }

    /// Import lanes outnumber analyses (inserts wait on group commits meanwhile): with one analysis slot and many
    /// articles every article is stored once, each answered "imported", and the store holds them all.
    @Test func importWithMoreLanesThanAnalysesStoresEveryArticleOnce() throws {
        let lines = (0..<40).map { #"{"text": "Angela Merkel met minister \#($0) in Berlin.", "date": "2021-03-18"}"# }
        let ndjson = try write("many.ndjson", Array((lines.joined(separator: "\n") + "\n").utf8))
        let database = directory.appendingPathComponent("many.db").path
        guard let run = try byline(["import", "--jobs", "1", "--database", database, ndjson]) else { return }
        #expect(run.status == 0)
        #expect(run.stderr.contains("imported 40, skipped 0 already stored, 0 failed"), "\(run.stderr)")
        let query = try #require(try byline(["query", "--database", database, "articles", "limit=100"]))
        let items = (try JSONSerialization.jsonObject(with: Data(query.stdout.utf8)) as? [String: Any])?["items"] as? [Any]
        #expect(items?.count == 40)
    }

    /// `byline merge-surnames` on a store whose surname-only person waits for a full-name article: one JSON line
    /// per merge, `--dry-run` changes nothing, a second run merges nothing; a missing store is an error.
    @Test func mergeSurnamesHealsAStoreOnceAndDryRunChangesNothing() throws {
        let database = directory.appendingPathComponent("split.db").path
        do {
            let store = try ArticleStore(path: database)
            // "Bush" came while Kate Bush was stored too (the alias named two people); her article has gone.
            for (i, name) in ["George W Bush", "Kate Bush", "Bush"].enumerated() {
                _ = try store.insert(NewArticle(text: "Article \(i).", date: "2005-03-01", contentHash: "h\(i)",
                                                entities: [NewEntity(localId: 1, name: name, type: "PER",
                                                                     aliases: ["Bush"])]))
            }
            _ = try store.deleteArticle(id: try #require(try store.articleId(contentHash: "h1")))
        }
        guard let dry = try byline(["merge-surnames", "--database", database, "--dry-run"]) else { return }
        #expect(dry.status == 0)
        #expect(dry.stdout == #"{"articles":1,"into":"George W Bush","into_id":1,"surname":"Bush","surname_id":3}"#
                + "\n")
        #expect(dry.stderr.contains("would merge 1 surname-only people"))
        let real = try #require(try byline(["merge-surnames", "--database", database]))
        #expect(real.status == 0 && real.stdout == dry.stdout)
        let again = try #require(try byline(["merge-surnames", "--database", database]))
        #expect(again.status == 0 && again.stdout.isEmpty && again.stderr.contains("merged 0"))
        let people = try #require(try byline(["query", "--database", database, "entities", "type=PER"]))
        #expect(people.stdout.contains("\"George W Bush\"") && !people.stdout.contains("\"name\":\"Bush\""))
        let missing = directory.appendingPathComponent("none.db").path
        #expect(try byline(["merge-surnames", "--database", missing])?.status == 1)
    }

    @Test(arguments: [
        (["serve", "--port", "http"], "--port: port 'http'"),
        (["serve", "--config", "/nonexistent.conf"], "cannot read config file"),
        (["serve", "--tls-port", "8443"], "tls-cert and tls-key"),
    ])
    func serveStopsOnBadConfigurationNamingIt(args: [String], message: String) throws {
        guard let result = try byline(args) else { return }
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    /// A failure while running (not a bad argument) is one line naming the path and the reason, status 1, without
    /// the usage text that would suggest the arguments were wrong; query and backup create no database.
    @Test(arguments: [
        (["analyze", "MISSING/a.txt"], "missing/a.txt: no such file"),
        (["analyze", "DIR"], "is a folder, not a file"),
        (["analyze", "DIR/baddate.txt"], "not a real YYYY-MM-DD date"),
        (["query", "--database", "MISSING/store.db", "articles"], "there is no database at"),
        (["backup", "--database", "MISSING/store.db", "DIR/copy.db"], "there is no database at"),
        (["query", "--database", "DIR/store.db", "entities", "limit=900"], "query parameter 'limit' must be"),
    ])
    func commandFailuresSayWhatIsWrongWithoutUsage(args: [String], message: String) throws {
        _ = try write("baddate.txt", Array("date 2021-02-30 Talks resumed on Monday.".utf8))
        _ = try Service.openStore(path: directory.appendingPathComponent("store.db").path)
        let missing = directory.appendingPathComponent("missing").path
        let args = args.map {
            $0.replacingOccurrences(of: "MISSING", with: missing).replacingOccurrences(of: "DIR", with: directory.path)
        }
        guard let result = try byline(args) else { return }
        #expect(result.status == 1)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!result.stderr.contains("Usage:"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    /// A database that cannot be opened will never open: serve stops (status 1, the reason on stderr) instead of
    /// answering /health forever while never ready.
    @Test func serveStopsWhenTheDatabaseCannotBeOpened() throws {
        let file = try write("not-a-folder", Array("x".utf8))
        guard let result = try byline(["serve", "--port", "0", "--database", file + "/byline.db"], timeout: 60)
        else { return }
        #expect(result.status == 1)
        #expect(result.stderr.contains("byline serve: cannot load"), "\(result.stderr)")
    }

    /// Bad arguments exit with status 64 and the usage of the command at fault (not of `byline`).
    @Test(arguments: [["query", "people"], ["query", "entities", "limit"], ["analyze", "--jobs", "0", "x.txt"],
                      ["analyze", "-", "x.txt", "-"], ["backup", "/"]])
    func badArgumentsShowTheCommandsUsage(args: [String]) throws {
        guard let result = try byline(args) else { return }
        #expect(result.status == 64)
        #expect(result.stderr.contains("Usage: byline \(args[0])"), "\(result.stderr)")
    }

    @Test func serveStopsOnBadEnvironmentValue() throws {
        guard let result = try byline(["serve"], environment: ["BYLINE_MAX_BODY_SIZE": "huge"]) else { return }
        #expect(result.status == 2)
        #expect(result.stderr.contains("BYLINE_MAX_BODY_SIZE"))
    }
}

