// Sentence splitter: abbreviations, initials, closing quotes, headlines, boilerplate, the data files' EXAMPLE
// lines, and a sanity check on the seed article.
import Foundation
import Testing
import TestSupport
@testable import TextAnalysis

struct SentenceSplitterTests {
    func sentences(_ text: String) -> [String] {
        let doc = TestResources.split(text)
        return doc.sentences.map { doc.text($0.chars) }
    }

    static let cases: [(String, String, [String])] = [
        ("no split after a title", "Mr. Smith left. He came back.", ["Mr. Smith left.", "He came back."]),
        ("no split after an initial", "J. R. R. Tolkien wrote it. Then he slept.",
         ["J. R. R. Tolkien wrote it.", "Then he slept."]),
        ("closing quote stays", "He said “we will go.” Then he left.",
         ["He said “we will go.”", "Then he left."]),
        ("straight closing quote stays", "He said \"no.\" Then he left.", ["He said \"no.\"", "Then he left."]),
        ("opening quote after a space starts the next", "He left. \"Why?\" she asked.",
         ["He left.", "\"Why?\" she asked."]),
        ("repeated punctuation", "What?! No... Yes.", ["What?!", "No...", "Yes."]),
        ("maybe-abbreviation before a starter", "He moved to the U.S. He liked it.",
         ["He moved to the U.S.", "He liked it."]),
        ("maybe-abbreviation mid-sentence", "The U.S. President spoke.", ["The U.S. President spoke."]),
        ("headline line without punctuation", "Ad sales boost profit\n\nProfits rose. Shares fell.",
         ["Ad sales boost profit", "Profits rose.", "Shares fell."]),
        ("single line break ends a sentence", "First line\nSecond line", ["First line", "Second line"]),
        ("crlf and unicode separators", "One\r\nTwo\u{2028}Three\u{2029}Four", ["One", "Two", "Three", "Four"]),
        ("hard-wrapped line continues", "The talks reached a\nroadblock in 2020.\nNext one.",
         ["The talks reached a\nroadblock in 2020.", "Next one."]),
        ("lowercase after period does not split", "It fell 3 p. c. and rose.", ["It fell 3 p. c. and rose."]),
        ("exclamation in a name", "Yahoo! said it would.", ["Yahoo! said it would."]),
        ("company abbreviation before any capital", "It became MCI Inc. Former boss Ebbers left.",
         ["It became MCI Inc.", "Former boss Ebbers left."]),
        ("stray punctuation joins the sentence before", "Supplies in the US. . Prices fell.",
         ["Supplies in the US. .", "Prices fell."]),
        ("The Sun is not an abbreviation", "He told The Sun. It printed.", ["He told The Sun.", "It printed."]),
    ]

    @Test(arguments: cases)
    func sentenceSplitterSplitsAsExpected(_ c: (String, String, [String])) {
        #expect(sentences(c.1) == c.2, "\(c.0)")
    }

    @Test(arguments: ["sentences/punctuation.txt", "sentences/starters.txt"])
    func sentenceSplitterReplaysDataFileExamples(_ file: String) throws {
        let examples = try TestResources.examples(file)
        #expect(!examples.isEmpty)
        for e in examples {
            #expect(sentences(e.input).joined(separator: " || ") == e.expected, "\(file): \(e.input)")
        }
    }

    @Test func sentenceSplitterReplaysBoilerplateExamples() throws {
        let examples = try TestResources.examples("sentences/boilerplate.txt")
        #expect(!examples.isEmpty)
        for e in examples {
            let doc = TestResources.split(e.input)
            // A related-story marker and its headline are two paragraphs on one line.
            let flagged = doc.paragraphs.filter(\.isBoilerplate).map { doc.text($0.chars) }
            #expect(flagged.joined(separator: " ") == e.expected, "\(e.input)")
        }
    }

    @Test func sentenceSplitterFlagsHeadingsAndParagraphs() {
        let doc = TestResources.split("Ad sales boost profit\n\nProfits rose. Shares fell.\n\nSecond paragraph here.")
        #expect(doc.paragraphs.count == 3)
        #expect(doc.paragraphs.map(\.isHeading) == [true, false, false])
        #expect(doc.paragraphs.map(\.sentences) == [0..<1, 1..<3, 3..<4])
    }

    @Test(arguments: [
        ("title", "Ad sales boost profit\n\nBody text.", true),
        ("quoted subheading", "Body text.\n\n'Equal footing must be created'\n\nMore.", true),
        ("sentence", "Body text.\n\nA full sentence.\n\nMore.", false),
        ("lowercase fragment", "Body text.\n\nwas\n\nMore.", false),
        ("list lead-in", "Body text.\n\nThe tables below show:\n\nMore.", false),
        ("long line", "Body.\n\n" + Array(repeating: "Word", count: 17).joined(separator: " ") + "\n\nMore.", false),
    ])
    func sentenceSplitterFindsHeadings(_ c: (String, String, Bool)) {
        let doc = TestResources.split(c.1)
        let heading = doc.paragraphs.first { $0.isHeading }
        #expect((heading != nil) == c.2, "\(c.0)")
    }

    @Test func sentenceSplitterEndsParagraphsAtBlankLinesAndParagraphSeparators() {
        let doc = TestResources.split("A b.\r\n\r\nC d.\u{2029}E f.\n \t\nG h.\nI j.")
        #expect(doc.paragraphs.map { doc.text($0.chars) } == ["A b.", "C d.", "E f.", "G h.\nI j."])
    }

    @Test func sentenceSplitterCutsRunsWithoutPunctuation() {
        let max = SentenceSplitter.maxSentenceTokens
        let doc = TestResources.split(Array(repeating: "word", count: max * 2 + 5).joined(separator: " ") + ".")
        #expect(doc.sentences.map(\.tokens.count) == [max, max, 6])
    }

    @Test func sentenceSplitterPartitionsTokensAndSentences() {
        let doc = TestResources.split("A b. C d\n\ne f! READ | g h\n'i'\n\n")
        var next = 0
        for s in doc.sentences {
            #expect(s.tokens.lowerBound == next)
            next = s.tokens.upperBound
        }
        #expect(next == doc.tokens.count)
        var nextSentence = 0
        for p in doc.paragraphs {
            #expect(p.sentences.lowerBound == nextSentence)
            nextSentence = p.sentences.upperBound
        }
        #expect(nextSentence == doc.sentences.count)
    }

    @Test(arguments: ["", "   \n\n  ", "\u{0}", ".", "\n.\n.\n", "\u{200F}"])
    func sentenceSplitterSurvivesDegenerateInput(_ text: String) {
        let doc = TestResources.split(text)
        #expect(doc.sentences.allSatisfy { !$0.tokens.isEmpty })
        #expect(doc.paragraphs.allSatisfy { !$0.sentences.isEmpty })
    }

    @Test(arguments: [
        ("It rained. READ | Blinken urges China to act", ["READ |", "Blinken urges China to act"], [false, true]),
        ("It rained.\nRelated: Storms hit coast", ["Related:", "Storms hit coast"], [false, true]),
        ("It rained.\nREAD |\nIt stopped.", ["READ |"], [false]),
        ("It rained.\nFollow us on Twitter", ["Follow us on Twitter"], [false]),
        ("It rained.\n\nAdvertisement\n\nIt stopped.", ["Advertisement"], [false]),
    ])
    func sentenceSplitterMarksRelatedStoryLinks(_ text: String, _ lines: [String], _ isLink: [Bool]) {
        let doc = TestResources.split(text)
        let boiler = doc.paragraphs.filter(\.isBoilerplate)
        #expect(boiler.map { doc.text($0.chars) } == lines)
        #expect(boiler.map(\.isLink) == isLink)
        #expect(doc.paragraphs.filter { !$0.isBoilerplate }.allSatisfy { !$0.isLink })
    }

    @Test func sentenceSplitterOnSeedArticle() throws {
        guard let url = Fixtures.sharedData("news/seed/2021-03-18-blinken-north-korea.txt") else { return }
        let doc = TestResources.split(try String(contentsOf: url, encoding: .utf8))
        #expect(doc.date == CalendarDate(year: 2021, month: 3, day: 18))
        // The date prefix belongs to no sentence.
        #expect(doc.sentences.first.map { doc.text($0.chars).hasPrefix("The United States Secretary") } == true)
        // 15 sentences of prose, the READ marker, its linked headline and the subheading.
        #expect(doc.sentences.count == 18, "\(doc.sentences.count)")
        let boiler = doc.paragraphs.filter(\.isBoilerplate).map { doc.text($0.chars) }
        #expect(boiler == ["READ |", "Blinken urges China to convince North Korea to denuclearise"])
        let headings = doc.paragraphs.filter(\.isHeading).map { doc.text($0.chars) }
        #expect(headings == ["'Equal footing must be created'"])
        #expect(doc.sentences.contains { doc.text($0.chars) == "Son-hui said that North Korea will not engage in a "
                + "dialogue with the United States until Washington changes its policies." })
    }
}
