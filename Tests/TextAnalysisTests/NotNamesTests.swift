// entities/not-names.tsv: its EXAMPLE rows (the bracketed mention is or is not a name), and the pipeline
// dropping such mentions while `tag` (the CoNLL path) keeps what the tagger found.
import Foundation
import Testing
@testable import TextAnalysis

struct NotNamesTests {
    static let notNames = try! NotNames(resources: TestResources.loader)

    @Test func notNamesReplaysExamples() throws {
        let examples = try TestResources.examples("entities/not-names.tsv")
        #expect(examples.count >= 8)
        for e in examples {
            let open = try #require(e.input.firstIndex(of: "["), "\(e.input)")
            let close = try #require(e.input.firstIndex(of: "]"), "\(e.input)")
            let text = e.input.replacingOccurrences(of: "[", with: "").replacingOccurrences(of: "]", with: "")
            let start = e.input.unicodeScalars.distance(from: e.input.unicodeScalars.startIndex, to: open)
            let end = e.input.unicodeScalars.distance(from: e.input.unicodeScalars.startIndex, to: close) - 1
            let doc = TestResources.split(text)
            let first = try #require(doc.tokens.firstIndex { $0.start == start }, "\(e.input)")
            let last = try #require(doc.tokens.firstIndex { $0.end == end }, "\(e.input)")
            #expect(Self.notNames.excludes(first..<(last + 1), doc.tokens) == (e.expected == "no name"), "\(e.input)")
        }
    }

    @Test(arguments: [("21st", true), ("3rd", true), ("Nineteenth", true), ("twenty-first", true),
                      ("21", false), ("st", false), ("the", false), ("1990s", false)])
    func ordinalsAreNumeralsWithSuffixOrListedWords(word: String, ordinal: Bool) {
        #expect(Self.notNames.isOrdinal(word) == ordinal)
    }

    @Test func notNamesRejectsUnknownKinds() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("notnames-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("entities"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "PC\tsometimes\n".write(to: dir.appendingPathComponent("entities/not-names.tsv"), atomically: true, encoding: .utf8)
        #expect(throws: ResourceError.self) { try NotNames(resources: ResourceLoader(directory: dir)) }
    }

    /// The analysis shows no "PC" organization, while the tagger itself (what `byline ner --conll` prints) is
    /// left as trained.
    @Test func pipelineDropsMentionsThatNameNothing() throws {
        let text = "Microsoft has warned PC users to update their systems before Christmas. PC World agreed."
        let doc = TestResources.analyzer.analyze(text)
        let names = doc.mentions.map { doc.text($0.chars) }
        // The tagger marks both: the test would prove nothing otherwise.
        let tagger = try #require(TestResources.analyzer.pipeline.components.compactMap { $0 as? EntityTagger }.first)
        let unfiltered = EntityTagger(tagger: tagger.tagger).predict(TestResources.split(text))
            .map { doc.text($0.chars) }
        #expect(unfiltered.contains("PC") && unfiltered.contains("Christmas"), "\(unfiltered)")
        #expect(!names.contains("PC"))
        #expect(!names.contains("Christmas"))
        #expect(names.contains("Microsoft"))
    }
}
