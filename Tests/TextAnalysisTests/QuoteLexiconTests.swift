// The quote data files: every EXAMPLE line in quotes/cues.tsv is replayed through the extractor, and a bad
// line fails loading with its file and line number.
import Foundation
import Testing
@testable import TextAnalysis

@Suite struct QuoteLexiconTests {
    static let examples = QuoteTestDocuments.extractor.lexicon.examples

    @Test func dataFilesHaveExamples() {
        #expect(Self.examples.count >= 10)
    }

    @Test(arguments: examples)
    func exampleLineHolds(_ ex: QuoteExample) {
        let doc = QuoteTestDocuments.analyze(ex.text)
        let got = QuoteTestDocuments.summary(doc)
        guard let content = ex.content else {
            #expect(got.isEmpty, "\(ex.file):\(ex.line) expected no quote, got \(got)")
            return
        }
        let hit = got.first { $0.content == content }
        #expect(hit != nil, "\(ex.file):\(ex.line) expected content “\(content)”, got \(got.map(\.content))")
        #expect(hit?.mention == ex.speaker, "\(ex.file):\(ex.line)")
    }

    @Test func everyCueFrameIsUsed() {
        let lexicon = QuoteTestDocuments.extractor.lexicon
        let frames = Set((Array(lexicon.cues.values) + Array(lexicon.copulaCues.values)).flatMap { $0.map(\.frame) })
        #expect(frames == Set(CueFrame.allCases))
    }

    /// Every word that starts a copula cue has a key in the word table, whose phrases are the dictionary's: the
    /// quote finder takes an ASCII word without a key for one that starts none.
    @Test func copulaCuesAreFoundByKey() {
        let lexicon = QuoteTestDocuments.extractor.lexicon
        #expect(!lexicon.copulaCues.isEmpty)
        let keyOf = Dictionary(uniqueKeysWithValues: lexicon.masks.keys.enumerated().map { ($1, $0) })
        for (word, phrases) in lexicon.copulaCues {
            guard let key = keyOf[word] else {
                Issue.record("copula adjective \(word) has no key")
                continue
            }
            #expect(lexicon.copulaCuesByKey[key]?.map(\.words) == phrases.map(\.words), "\(word)")
        }
        #expect(lexicon.copulaCuesByKey.compactMap { $0 }.count == lexicon.copulaCues.count)
    }

    /// The copula frame gives every form of be (words.tsv copula) and stance adjective a cue, with the adjective
    /// class's frame; its phrases are found at the adjective.
    @Test(arguments: [
        (["is", "confident"], CueFrame.belief), (["been", "confident"], .belief), (["’s", "frustrated"], .that),
        (["were", "incensed"], .that), (["be", "eager"], .infinitive), (["am", "skeptical", "of"], .object),
        (["are", "opposed", "to"], .object),
    ])
    func copulaFrameBuildsEveryFormOfBe(_ words: [String], _ frame: CueFrame) {
        let lexicon = QuoteTestDocuments.extractor.lexicon
        #expect(lexicon.is(words[0], .copula))
        let phrase = lexicon.copulaCues[words[1]]?.first { $0.words == Array(words.dropFirst()) }
        #expect(phrase?.frame == frame)
        #expect(phrase?.copula == true)
    }

    /// Sentences the copula frame reads: any form of be, adverbs and degree words between be and the adjective;
    /// an adjective with another preposition than its listed one is no cue.
    @Test(arguments: [
        ("The mayor has been skeptical of the new bridge plan.", "the new bridge plan"),
        ("Lopez was not so sure that the plan would pass.", "that the plan would pass"),
        ("Voters are increasingly worried about the economy.", "the economy"),
        ("The senator will be happy that the bill passed.", "that the bill passed"),
        ("Lopez is deeply opposed to the new tariffs.", "the new tariffs"),
        ("The bridge is critical to the city's economy.", nil),
        ("The company's concerned investors sold their shares on Monday.", nil),
        ("The party's certain defeat worried its leaders.", nil),
        ("Lopez's confident that the plan will pass.", "that the plan will pass"),
        ("He's confident the plan will pass.", "the plan will pass"),
    ] as [(String, String?)])
    func copulaFrameReadsStanceAdjectives(_ text: String, _ content: String?) {
        let got = QuoteTestDocuments.summary(QuoteTestDocuments.analyze(text)).map(\.content)
        #expect(got == (content.map { [$0] } ?? []), "\(text)")
    }

    @Test(arguments: [
        ("quotes/cues.tsv", "is confident\tbelief\n", "quotes/cues.tsv"),
        ("quotes/words.tsv", "skeptical\tstanceobject\n", "quotes/words.tsv"),
        ("quotes/cues.tsv", "said\tshouting\n", "quotes/cues.tsv:1"),
        ("quotes/marks.tsv", "“\tdouble\n", "quotes/marks.tsv:1"),
        ("quotes/words.tsv", "also\tadverb\n", "quotes/words.tsv:1"),
    ])
    func badLineFailsWithFileAndLine(_ file: String, _ bad: String, _ expected: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quotes-lexicon-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("quotes"),
                                                withIntermediateDirectories: true)
        for f in [QuoteLexicon.cuesFile, QuoteLexicon.marksFile, QuoteLexicon.wordsFile] {
            let text = f == file ? bad : try TestResources.loader.string(f)
            try text.write(to: dir.appendingPathComponent(f), atomically: true, encoding: .utf8)
        }
        do {
            _ = try QuoteLexicon(resources: ResourceLoader(directory: dir))
            Issue.record("loading \(file) with a bad line should fail")
        } catch {
            #expect("\(error)".hasPrefix(expected))
        }
    }
}
