// `byline score-time DIR`: scores the time tagger against the TimeML files under DIR (TempEval-3 measures)
// and prints the first value errors, misses and false alarms.
import ArgumentParser
import Foundation
import TextAnalysis

public struct ScoreTimeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "score-time", abstract: "Score time expressions against TimeML (.tml) files.")

    @Argument(help: "Directory with .tml files (searched recursively).")
    public var directory: String

    @Option(name: .long, help: "How many errors of each kind to print.")
    public var errors: Int = 20

    public init() {}

    public func run() throws {
        let resources = try ResourceLoader.bundled()
        let tagger = try TimexTagger(resources: resources)
        let started = Date()
        let score = try TimeScore.score(directory: URL(fileURLWithPath: directory), tagger: tagger,
                                        sentences: try TimeScore.sentenceFinder(resources: resources))
        for kind in ["VALUE", "MISS ", "FALSE"] {
            for line in score.errors.filter({ $0.hasPrefix(kind) }).prefix(errors) { print(line) }
        }
        print(score.summary)
        print(String(format: "time %.2f s", Date().timeIntervalSince(started)))
    }
}
