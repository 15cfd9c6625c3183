// Shared test helpers: the bundled resources, loaded once, and the EXAMPLE lines of a data file.
import Foundation
import Testing
@testable import TextAnalysis

enum TestResources {
    static let loader: ResourceLoader = {
        // The source tree's Resources folder, so tests read the files being edited.
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/TextAnalysis/Resources")
        return ResourceLoader(directory: url)
    }()

    static let tokenizer: Tokenizer = try! Tokenizer(resources: loader)
    static let splitter: SentenceSplitter = try! SentenceSplitter(resources: loader)
    /// The standard pipeline, built once: loading the tagger's model takes seconds in a debug build.
    static let analyzer: Analyzer = try! Analyzer(resources: loader)

    /// `# EXAMPLE: input => expected` lines of a resource file, with `\n` in the input read as a line break.
    static func examples(_ relativePath: String) throws -> [(input: String, expected: String)] {
        try loader.string(relativePath).split(separator: "\n").compactMap { line in
            guard line.hasPrefix("# EXAMPLE: "), let arrow = line.range(of: " => ") else { return nil }
            let input = line[line.index(line.startIndex, offsetBy: 11)..<arrow.lowerBound]
                .replacingOccurrences(of: "\\n", with: "\n")
            return (input, String(line[arrow.upperBound...]))
        }
    }

    /// Tokenized and sentence-split document.
    static func split(_ text: String) -> Document {
        var doc = ArticleInput.document(text)
        tokenizer.process(&doc)
        splitter.process(&doc)
        return doc
    }
}
