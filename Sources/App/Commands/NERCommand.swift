// `byline ner --conll FILE`: tags a CoNLL file with the entity tagger and prints it back with one column
// appended (IOB2 PER/ORG/LOC/MISC). -DOCSTART- lines get O and blank lines stay blank, so the output feeds
// `byline score-ner` (conlleval layout: gold second to last, prediction last).
import ArgumentParser
import Foundation
import TextAnalysis

public struct NERCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ner", abstract: "Tag a CoNLL-2003 file with the entity tagger (appends an IOB2 column).")

    @Option(help: "CoNLL file to tag (one token per line, first column the word).") var conll: String
    @Option(help: "Model file (default: the bundled ner/model.bin).") var model: String?
    @Option(help: "Resource directory (default: bundled).") var resources: String?

    public init() {}

    public func run() throws {
        let loader = try resources.map { ResourceLoader(directory: URL(fileURLWithPath: $0)) }
            ?? ResourceLoader.bundled()
        let tagger = try NERSequenceTagger(resources: loader, model: model.map { URL(fileURLWithPath: $0) })
        let (docs, lines) = try CoNLL.parse(try readText(conll), name: conll)
        var tags = [String?](repeating: nil, count: lines.count)
        for doc in docs {
            let result = tagger.tag(doc.sentences.map(\.tokens), confidences: false)
            for (s, sent) in doc.sentences.enumerated() {
                let spans = NERLabels.spans(bilou: result.labels[s])
                for (i, tag) in NERLabels.iob2(spans: spans, count: sent.tokens.count).enumerated() {
                    tags[sent.lines[i]] = tag
                }
            }
        }
        var out = ""
        out.reserveCapacity(lines.count * 24)
        for (i, line) in lines.enumerated() {
            if i == lines.count - 1 && line.isEmpty { break }
            if let t = tags[i] {
                out += line + " " + t
            } else if line.hasPrefix("-DOCSTART-") {
                out += line + " O"
            } else {
                out += line
            }
            out += "\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
