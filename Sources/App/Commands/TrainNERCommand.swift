// `byline train-ner`: trains the entity tagger on a CoNLL-2003 file, choosing epochs on a dev file, and writes
// the model file. Progress (epoch, dev F1, time) goes to standard error.
import ArgumentParser
import Foundation
import TextAnalysis

public struct TrainNERCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "train-ner",
        abstract: "Train the entity tagger (averaged perceptron, BILOU, two stages) on CoNLL-2003 data.")

    @Option(help: "Training file in CoNLL-2003 format.") var train: String
    @Option(help: "Development file: picks each stage's epoch count and the confidence temperature.") var dev: String
    @Option(help: "Where to write the model.") var out: String
    @Option(help: "Epochs per stage (the best one on dev is kept).") var epochs: Int = 10
    @Option(help: "Seed of the shuffling PRNG.") var seed: UInt64 = 1
    @Option(help: "1: local features only; 2: add document-level features from stage 1.") var stages: Int = 2
    @Option(help: "Word dropout: share of training tokens whose word identity features are hidden per epoch.")
    var dropout: Double = 0
    @Option(help: "Pseudo-labelled CoNLL file (self-training: unlabeled text tagged by an earlier model).")
    var extra: String?
    @Option(help: "Scale of the perceptron updates of the --extra sentences.") var extraWeight: Double = 1
    @Option(name: .customLong("pa-c"),
            help: "Passive-aggressive (PA-I) updates with this cap C on the step instead of the perceptron's step 1.")
    var paC: Double?
    @Flag(help: "With --pa-c: decode training sentences with each wrong label's score raised by its Hamming cost.")
    var lossAugmented = false
    @Option(help: "With --pa-c: extra cost of a wrong token at an entity's edge (gold or predicted B, L, U).")
    var boundaryCost: Double = 0
    @Option(help: "With --pa-c: AROW steps with this regularizer r (per-weight confidences; the cap is not used).")
    var arow: Double?
    @Option(help: "Resource directory with ner/clusters.tsv and ner/gazetteers (default: bundled).")
    var resources: String?

    public init() {}

    public func run() throws {
        let loader = try resources.map { ResourceLoader(directory: URL(fileURLWithPath: $0)) }
            ?? ResourceLoader.bundled()
        let extractor = try NERFeatureExtractor(resources: loader)
        let trainDocs = try CoNLL.parse(try readText(train), name: train).documents
        let devDocs = try CoNLL.parse(try readText(dev), name: dev).documents
        var options = NERTrainer.Options()
        options.epochs = epochs
        options.seed = seed
        options.stages = stages
        options.dropout = dropout
        if let extra { options.extra = try CoNLL.parse(try readText(extra), name: extra).documents }
        options.extraWeight = extraWeight
        if (lossAugmented || boundaryCost != 0 || arow != nil) && paC == nil {
            throw ValidationError("--loss-augmented, --boundary-cost and --arow need --pa-c")
        }
        options.update = NERUpdateRule(aggressiveness: paC, lossAugmented: lossAugmented, boundaryCost: boundaryCost,
                                       arow: arow)
        options.command = "byline train-ner --train \((train as NSString).lastPathComponent) --dev "
            + "\((dev as NSString).lastPathComponent) --epochs \(epochs) --seed \(seed) --stages \(stages)"
            + (dropout > 0 ? " --dropout \(dropout)" : "")
            + options.update.commandFlags
            + (extra.map { " --extra \(($0 as NSString).lastPathComponent) --extra-weight \(extraWeight)" } ?? "")
        let model = try NERTrainer(extractor: extractor).train(train: trainDocs, dev: devDocs, options: options) {
            FileHandle.standardError.write(Data(($0 + "\n").utf8))
        }
        try model.write(to: URL(fileURLWithPath: out))
        let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
        let f1 = model.info.devF1.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        print("wrote \(out) (\(size) bytes); dev F1 \(f1.joined(separator: ", "))")
    }
}

func readText(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path), let s = String(data: data, encoding: .utf8) else {
        throw ValidationError("cannot read \(path) as UTF-8")
    }
    return s
}
