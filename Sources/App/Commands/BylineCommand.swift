// The `byline` command line: serve the API, analyze files, and the tools around the model and the store.
import ArgumentParser

public enum BylineVersion {
    public static let current = "0.1.0"
}

public struct BylineCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "byline",
        abstract: "Who is in the news, who said what, and when.",
        version: BylineVersion.current,
        subcommands: [ServeCommand.self, AnalyzeCommand.self, ImportCommand.self, QueryCommand.self,
                      BackupCommand.self, ReanalyzeCommand.self, MergeSurnamesCommand.self, TrainNERCommand.self, NERCommand.self, ScoreNERCommand.self,
                      ScoreQuotesCommand.self, ScoreTimeCommand.self]
    )

    public init() {}
}
