// `ner-tool pseudo-label DIR...`: self-training data. Tags every .txt file under the given folders (unlabeled
// news text) and prints, in CoNLL-2003 format (one document per file, `word _ _ TAG`, IOB2), the sentences the
// tagger is sure of: every token's label has a marginal probability of at least --min-marginal, and the sentence
// holds at least one entity. `train-ner --extra FILE` trains on them beside the gold data
// (scripts/gen-ner-pseudo.sh makes the file).
import App
import ArgumentParser
import Foundation
import TextAnalysis

struct PseudoLabelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pseudo-label", abstract: "Print the confidently tagged sentences of unlabeled .txt files.")

    @Argument(help: "Folders of .txt files (searched recursively, in sorted order).") var folders: [String]
    @Option(help: "Model file (default: bundled).") var model: String?
    @Option(help: "Resource directory (default: bundled).") var resources: String?
    @Option(help: "Least marginal probability of every token's label in a kept sentence.")
    var minMarginal: Double = 0.9
    @Option(help: "Fewest tokens in a kept sentence.") var minTokens: Int = 4

    func run() throws {
        let loader = try resources.map { ResourceLoader(directory: URL(fileURLWithPath: $0)) }
            ?? ResourceLoader.bundled()
        let tagger = try NERSequenceTagger(resources: loader, model: model.map { URL(fileURLWithPath: $0) })
        let front = try Pipeline([try Tokenizer(resources: loader), try SentenceSplitter(resources: loader)])
        var kept = 0, seen = 0
        for folder in folders {
            for path in TextFiles.paths(under: folder) {
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                var doc = Document(text: String(decoding: data, as: UTF8.self))
                front.run(&doc)
                // boilerplate (calls to action, link lines) is no sentence of the story, as in EntityTagger
                var skip = [Bool](repeating: false, count: doc.sentences.count)
                for p in doc.paragraphs where p.isBoilerplate {
                    for s in p.sentences where s < skip.count { skip[s] = true }
                }
                let used = doc.sentences.indices.filter { !skip[$0] }
                let words = used.map { s in doc.sentences[s].tokens.map { doc.tokens[$0].text } }
                let result = tagger.tag(words, confidences: false, marginals: true, selection: .bestPath)
                var out = ""
                for k in words.indices {
                    seen += 1
                    let w = words[k]
                    guard w.count >= minTokens, result.leastMarginal[k] >= minMarginal,
                          !result.spans[k].isEmpty,
                          !w.contains(where: { $0.contains(where: \.isWhitespace) || $0.isEmpty }) else { continue }
                    var tags = [String](repeating: "O", count: w.count)
                    for span in result.spans[k] {
                        for t in span.tokens {
                            tags[t] = (t == span.tokens.lowerBound ? "B-" : "I-") + span.type.rawValue
                        }
                    }
                    for (word, tag) in zip(w, tags) { out += "\(word) _ _ \(tag)\n" }
                    out += "\n"
                    kept += 1
                }
                if !out.isEmpty { FileHandle.standardOutput.write(Data(("-DOCSTART- -X- -X- O\n\n" + out).utf8)) }
            }
        }
        FileHandle.standardError.write(Data("kept \(kept) of \(seen) sentences\n".utf8))
    }
}
