// `byline reanalyze`: brings a store up to the current analysis. Each release analyses better (entity types,
// names that are no names, quote speakers) but stored articles keep the analysis they were stored with; this
// analyses every stored article again (on all cores unless --jobs says otherwise) and replaces, in place, the
// derived rows of those whose analysis changed (Reanalysis). Progress on stderr (count, rate, ETA on a terminal,
// a line every 5 s otherwise) and a summary at the end; exits 1 if an article failed.
import ArgumentParser
import Foundation
import Storage
import TextAnalysis

struct ReanalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reanalyze",
        abstract: "Analyse the stored articles again and replace the results that changed, in place.",
        discussion: """
            Article ids, text, date, title, url and received time stay; entities, quotes, timeline events, their \
            search indexes and the stored analysis JSON become what storing the article now would write, and \
            entities left without articles disappear. Articles whose analysis JSON is unchanged are skipped, so an \
            interrupted run (each committed batch of articles is complete) continues where it stopped when run \
            again. Works on a store `byline serve` has open too (its writes wait for each short batch). Back up \
            first (`byline backup`).
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: "Articles analysed at once (default: one per core); the writes are one at a time.")
    var jobs: Int?

    @Flag(help: "Count the articles whose analysis would change; change nothing.")
    var dryRun = false

    @Flag(help: ArgumentHelp("Replace every article, also those whose analysis JSON is unchanged (after a release "
                             + "that changed how an analysis is stored rather than the analysis)."))
    var all = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let articleStore = try store.openStore(creating: false)
        let analyzer = try Analyzer(resources: ResourceLoader.bundled())
        let options = Reanalysis.Options(jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                         dryRun: dryRun, all: all)
        let progress = ReanalysisProgress(dryRun: dryRun)
        let counts: Reanalysis.Counts
        do {
            counts = try Reanalysis.run(store: articleStore, analyzer: analyzer, options: options,
                                        report: progress.report)
        } catch {
            progress.clearLine()
            throw CommandError("reanalyze stopped (the articles replaced so far are complete; run it again to "
                               + "continue): \(error)")
        }
        progress.finish(counts)
        if counts.failed > 0 { throw ExitCode(1) }
    }
}

/// Prints the pass's progress on stderr: on a terminal one line redrawn at most every 0.2 s, otherwise a line
/// every 5 s; failures as they come.
final class ReanalysisProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let dryRun: Bool
    private let started = Date()
    private let isTerminal = isatty(2) == 1
    private var lastPrint = Date.distantPast

    init(dryRun: Bool) { self.dryRun = dryRun }

    /// Called one at a time (Reanalysis serializes its reports).
    @Sendable func report(_ counts: Reanalysis.Counts, _ failure: String?) {
        lock.withLock {
            if let failure {
                if isTerminal { write("\r\u{1B}[K") }
                write("byline reanalyze: \(failure)\n")
            }
            let now = Date()
            guard now.timeIntervalSince(lastPrint) >= (isTerminal ? 0.2 : 5) else { return }
            lastPrint = now
            write((isTerminal ? "\r\u{1B}[K" : "") + line(counts, now) + (isTerminal ? "" : "\n"))
        }
    }

    private func line(_ c: Reanalysis.Counts, _ now: Date) -> String {
        let elapsed = max(now.timeIntervalSince(started), 0.001)
        let rate = Double(c.done) / elapsed
        let eta = rate > 0 ? Double(c.total - c.done) / rate : 0
        return String(format: "%d/%d articles (%.0f%%), %d %@, %.1f/s, ETA %.0fs", c.done, c.total,
                      c.total > 0 ? 100 * Double(c.done) / Double(c.total) : 100, c.replaced,
                      dryRun ? "would change" : "replaced", rate, eta)
    }

    func clearLine() {
        if isTerminal { lock.withLock { write("\r\u{1B}[K") } }
    }

    func finish(_ c: Reanalysis.Counts) {
        clearLine()
        let elapsed = Date().timeIntervalSince(started)
        let verb = dryRun ? "would replace" : "replaced"
        var summary = String(format: "reanalyzed %d articles: %@ %d, %d unchanged, %d failed", c.total, verb,
                             c.replaced, c.unchanged, c.failed)
        if c.gone > 0 { summary += ", \(c.gone) deleted meanwhile" }
        summary += String(format: ", in %.1fs\n", elapsed)
        lock.withLock { write(summary) }
    }

    private func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}
