// `ner-tool`: the entity tagger's commands before the lead registers them under `byline`, plus developer
// tools (word clusters, calibration, speed). A dev tool; the service never runs it.
import App
import ArgumentParser

struct NERTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner-tool",
        abstract: "Entity tagger: train, tag, score, and developer tools.",
        subcommands: [TrainNERCommand.self, NERCommand.self, ScoreNERCommand.self, ClustersCommand.self,
                      CalibrationCommand.self, BenchNERCommand.self, BenchAnalysisCommand.self,
                      AverageNERCommand.self, HarvestNamesCommand.self, PseudoLabelCommand.self])
}

NERTool.main()
