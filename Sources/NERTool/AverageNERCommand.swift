// `ner-tool average-ner`: one model from several trained with different seeds (NERModel.average), written
// like a trained one; scripts/train-ner.sh --average uses it.
import ArgumentParser
import Foundation
import TextAnalysis

struct AverageNERCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "average-ner", abstract: "Average entity tagger models trained with different seeds.")

    @Option(name: .customLong("model"), help: "A model file (repeat: two or more).") var models: [String]
    @Option(help: "Where to write the averaged model.") var out: String
    @Option(help: "The command recorded in the model's info.") var command: String?

    func run() throws {
        guard models.count >= 2 else { throw ValidationError("give two or more --model files") }
        let loaded = try models.map { try NERModel(contentsOf: URL(fileURLWithPath: $0)) }
        let average = try NERModel.average(loaded, command: command ?? "ner-tool average-ner of \(models.count)")
        try average.write(to: URL(fileURLWithPath: out))
        let rows = average.stages.map { String($0.keys.count) }.joined(separator: " + ")
        print("wrote \(out): average of \(models.count) models, \(rows) rows")
    }
}
