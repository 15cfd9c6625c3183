// `byline score-ner FILE`: entity-level precision, recall and F1 per type and overall, with conlleval
// semantics, for a CoNLL file whose last two columns are the gold and the predicted tags.
import ArgumentParser
import Foundation
import TextAnalysis

public struct ScoreNERCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "score-ner",
        abstract: "Score a tagged CoNLL file (gold = second to last column, predicted = last).")

    @Argument(help: "Tagged file, e.g. the output of `byline ner --conll`.") var file: String

    public init() {}

    public func run() throws {
        var score = NERScore()
        var gold: [String] = [], pred: [String] = []
        func flush() {
            if !gold.isEmpty { score.add(goldTags: gold, predictedTags: pred) }
            gold.removeAll()
            pred.removeAll()
        }
        for (n, line) in try readText(file).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let cols = line.split(separator: " ")
            if cols.isEmpty || cols[0] == "-DOCSTART-" { flush(); continue }
            guard cols.count >= 3 else { throw ValidationError("\(file):\(n + 1): need gold and predicted columns") }
            gold.append(String(cols[cols.count - 2]))
            pred.append(String(cols[cols.count - 1]))
        }
        flush()
        print(score.report)
    }
}
