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

/// The pass's progress (ProgressLine): counts, what changed, rate and ETA; failures as they come.
final class ReanalysisProgress: Sendable {
    private let output = ProgressLine(command: "byline reanalyze")
    private let dryRun: Bool

    init(dryRun: Bool) { self.dryRun = dryRun }

    /// Called one at a time (Reanalysis serializes its reports).
    @Sendable func report(_ counts: Reanalysis.Counts, _ failure: String?) {
        output.update(failure: failure) { elapsed in
            ProgressLine.articles(done: counts.done, total: counts.total, elapsed: elapsed,
                                  extra: "\(counts.replaced) \(dryRun ? "would change" : "replaced")")
        }
    }

    func clearLine() { output.clear() }

    func finish(_ c: Reanalysis.Counts) {
        let verb = dryRun ? "would replace" : "replaced"
        var summary = String(format: "reanalyzed %d articles: %@ %d, %d unchanged, %d failed", c.total, verb,
                             c.replaced, c.unchanged, c.failed)
        if c.gone > 0 { summary += ", \(c.gone) deleted meanwhile" }
        output.finish(summary)
    }
}
