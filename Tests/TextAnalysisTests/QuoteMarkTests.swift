// Quotation marks: every style pairs, apostrophes are no marks, and odd, stray, nested or multi-paragraph marks
// degrade locally (one bad mark never spoils the rest of the article).
import Testing
@testable import TextAnalysis

@Suite struct QuoteMarkTests {
    /// The contents of the direct quotes the scanner pairs in `text`.
    static func contents(_ text: String) -> [String] {
        let doc = TestResources.split(text)
        let ctx = QuoteContext(doc: doc, lex: QuoteTestDocuments.extractor.lexicon)
        return ctx.directs.map { doc.text($0.marks.content) }
    }

    static let rows: [(String, [String])] = [
        ("He said “yes” and ‘no’ and \"maybe\" and «oui» and „ja“.", ["yes", "no", "maybe", "oui", "ja"]),
        ("Don’t say Korea’s ’90s were O'Neill's rock 'n' roll years.", []),
        ("“Outer ‘inner’ outer,” she said.", ["Outer ‘inner’ outer,"]),
        ("‘Outer “inner” outer,’ she said.", ["Outer “inner” outer,"]),
        ("''We will win,'' he said.", ["We will win,"]),
        // An odd mark: the stray opener is dropped at the paragraph end; the next paragraph is unharmed.
        ("He said “yes and left.\n\nShe said “no” firmly.", ["no"]),
        // A stray closer is ignored.
        ("It was over” and then “done” today.", ["done"]),
        // An opener while a quote is open restarts it there.
        ("“One “two” three.", ["two"]),
        // Multi-paragraph: each paragraph reopens and only the last one closes.
        ("“First part.\n\n“Second part.\n\n“Last part,” he said.", ["First part.\n\n“Second part.\n\n“Last part,"]),
        // A closing curly mark used as an opener still opens.
        ("”Fear. I am afraid.” ― Edwin Monroy", ["Fear. I am afraid."]),
    ]

    @Test(arguments: rows)
    func marksPair(_ row: (String, [String])) {
        #expect(Self.contents(row.0) == row.1)
    }

    @Test func unbalancedParagraphDoesNotSpoilLaterQuotes() {
        let doc = QuoteTestDocuments.analyze("Lopez said “yes to the plan.\n\n“We are ready,” Smith said.")
        #expect(QuoteTestDocuments.summary(doc).map(\.content) == ["We are ready,"])
        #expect(doc.quotes.first?.speaker?.name == "Smith")
    }
}
