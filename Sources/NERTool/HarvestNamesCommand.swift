// `ner-tool harvest-names DIR...`: tags every .txt file under the given folders (unlabeled news text) with the
// entity tagger and prints each mention as `type<TAB>confidence<TAB>tokens joined by spaces`, one per line.
// scripts/gen-auto-gazetteer.sh counts these into the self-trained gazetteer (names by the type the tagger
// gives them on text it never trained on).
import App
import ArgumentParser
import Foundation
import TextAnalysis

struct HarvestNamesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harvest-names", abstract: "Print the mentions the tagger finds in unlabeled .txt files.")

    /// Output is written in pieces of about this size: a corpus's mentions are tens of megabytes.
    static let flushBytes = 1 << 20

    @Argument(help: "Folders of .txt files (searched recursively, in sorted order).") var folders: [String]
    @Option(help: "Model file (default: bundled).") var model: String?
    @Option(help: "Resource directory (default: bundled).") var resources: String?
    @Flag(help: "Confidences with 17 significant digits (to check that a change leaves the tagger's output exact).")
    var exact = false

    func run() throws {
        let loader = try resources.map { ResourceLoader(directory: URL(fileURLWithPath: $0)) }
            ?? ResourceLoader.bundled()
        let tagger = EntityTagger(tagger: try NERSequenceTagger(resources: loader,
                                                                model: model.map { URL(fileURLWithPath: $0) }))
        let front = try Pipeline([try Tokenizer(resources: loader), try SentenceSplitter(resources: loader)])
        var out = ""
        for folder in folders {
            for path in TextFiles.paths(under: folder) {
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                var doc = Document(text: String(decoding: data, as: UTF8.self))
                front.run(&doc)
                for m in tagger.predict(doc) {
                    let words = m.tokens.map { doc.tokens[$0].text }.joined(separator: " ")
                    // One mention a line, three tab-separated fields: a phrase holding either would break both.
                    guard !words.contains("\t"), !words.contains("\n") else { continue }
                    let confidence = String(format: exact ? "%.17g" : "%.3f", m.confidence)
                    out += "\(m.type.rawValue)\t\(confidence)\t\(words)\n"
                }
                if out.utf8.count > Self.flushBytes {
                    FileHandle.standardOutput.write(Data(out.utf8))
                    out = ""
                }
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
