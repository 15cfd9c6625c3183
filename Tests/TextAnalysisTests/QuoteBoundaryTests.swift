// Where a quote's content starts and ends, and which words are no quote at all: regression rows for constructions
// found in PolNeAR dev and BBC output (split quotes past an aside in their attribution, verb cues read as nouns).
import Testing
@testable import TextAnalysis

@Suite struct QuoteBoundaryTests {
    /// “A,” X said <aside with a cue of its own>. “B.”: the aside's cue (a relative clause, a noun cue) is about the
    /// speaker or the occasion, so B still resumes A: one quote whose parts are the two pieces (a quote of the
    /// aside's own may sit between them).
    @Test(arguments: [
        "“We are ready,” said Tom Fowler, who has backed the mayor since 2008. “The plan has been tested.”",
        "“We are ready,” Lopez said at a briefing after the mayor's comments. “The plan has been tested.”",
        "“We are ready,” said Ana Lopez, who has criticized the plan for years. “The plan has been tested.”"])
    func splitQuoteResumesPastAnAsideWithACue(_ text: String) {
        let doc = QuoteTestDocuments.analyze(text)
        let split = doc.quotes.filter { $0.rule.hasSuffix("+split") }
        #expect(split.count == 1, "\(QuoteTestDocuments.summary(doc))")
        guard let q = split.first else { return }
        #expect(q.parts.map { doc.text($0) } == ["We are ready,", "The plan has been tested."])
    }

    /// “A,” X said. “B” to ..., she said: quoted words that the sentence goes on after without final punctuation
    /// are a partial quote in a new sentence, not A resuming; that sentence is a (mixed) quote of its own (read
    /// back from "she said", it starts after the opening mark, as backward clauses do).
    @Test func partialQuoteInANewSentenceDoesNotResume() {
        let doc = QuoteTestDocuments.analyze(
            "“This just isn’t right,” Warren said. “You squeezed employees” to drive up the stock price, she said.")
        let texts = doc.quotes.map { $0.parts.isEmpty ? [doc.text($0.content)] : $0.parts.map { doc.text($0) } }
        #expect(texts == [["This just isn’t right,"], ["You squeezed employees” to drive up the stock price"]],
                "\(QuoteTestDocuments.summary(doc))")
    }

    /// A participle cue in the attribution reports a clause of its own: the split quote's parts leave it out, so
    /// both quotes are kept (PolNeAR annotates both).
    @Test func participleInsideASplitQuoteKeepsItsOwnQuote() {
        let doc = QuoteTestDocuments.analyze(
            "“We are ready,” Lopez says, insisting that the plan works. “It has been tested for a year.”")
        let texts = doc.quotes.map { $0.parts.isEmpty ? [doc.text($0.content)] : $0.parts.map { doc.text($0) } }
        #expect(texts == [["We are ready,", "It has been tested for a year."], ["that the plan works"]])
    }

    /// A cue that introduces the next quote in the same sentence ends the first quote: the next one is not its
    /// continuation.
    @Test(arguments: ["“We are ready,” Lopez said, adding: “The plan has been tested.”"])
    func cueIntroducingTheNextQuoteKeepsItApart(_ text: String) {
        let doc = QuoteTestDocuments.analyze(text)
        #expect(!doc.quotes.contains { $0.parts.count == 2 }, "\(QuoteTestDocuments.summary(doc))")
        #expect(doc.quotes.contains { doc.text($0.content) == "We are ready," })
    }

    /// After an article a one-word verb cue is a noun or an adjective ("the think tank", "the answers", "no
    /// doubt", "the alleged bomber"): no quote. With its complement right after it, it still reports ("the urge
    /// to ...", "a claim that ...").
    @Test(arguments: [
        ("Tanden ran the think tank that published the paper.", nil),
        ("You'll probably get the answers some spring day in the future.", nil),
        ("No doubt, companies in the United States will have to pay more.", nil),
        ("Two officers were shot by the alleged bomber in the station on Monday.", nil),
        ("The budget holds a planned end to the loans for farmers.", nil),
        ("The minister resisted the urge to criticize the court.", "to criticize the court"),
    ] as [(String, String?)])
    func verbCueAfterAnArticleIsANoun(_ text: String, _ content: String?) {
        let doc = QuoteTestDocuments.analyze(text)
        #expect(doc.quotes.map { doc.text($0.content) } == (content.map { [$0] } ?? []),
                "\(QuoteTestDocuments.summary(doc))")
    }
}

extension QuoteBoundaryTests {
    /// A reported clause ends where a new clause opens whose subject has a cue of its own (PolNeAR never nests one
    /// attribution's content in another's): after a comma or a spaced dash any cue, after a bare "and"/"but" a
    /// speech or belief cue; that cue then reports the rest. Two subjects joined by "and" ("the police and the
    /// army backed ...", "Exxon and British Petroleum would be happy") and a clause after an opening phrase ("that,
    /// when he left, his new masters decided ...") stay whole.
    @Test(arguments: [
        ("Newcastle insisted the player would not be sold, Bellamy insisted he had no intention of leaving.",
         ["the player would not be sold", "he had no intention of leaving"]),
        ("Ministers say the treaty would make the union work better but critics fear it creates a super state.",
         ["the treaty would make the union work better", "it creates a super state"]),
        ("Lopez said the security services and police backed his measures.",
         ["the security services and police backed his measures"]),
        ("Analysts said oil companies like Exxon Mobil and British Petroleum would be happy to find new routes.",
         ["oil companies like Exxon Mobil and British Petroleum would be happy to find new routes"]),
        ("Lopez said that, when Jackson finally left the party, his new masters decided to time the news.",
         ["that, when Jackson finally left the party, his new masters decided to time the news"]),
        // An opening clause ends at a comma inside quote marks; the main clause has its own cue.
        ("Bemoaning the “phony system,” Trump accused Holt of being a Democrat.",
         ["the “phony system,”", "Holt of being a Democrat"]),
        // A relative pronoun with a cue closes the sentence; one set off inside the clause does not end it.
        ("Officials said the leak came from aides who gave the files to the AP, which first reported the story.",
         ["the leak came from aides who gave the files to the AP", "the story"]),
        ("Analysts said the exchange, which has asked regulators to approve the plan, may offer to sell a unit.",
         ["the exchange, which has asked regulators to approve the plan, may offer to sell a unit"]),
    ] as [(String, [String])])
    func reportedClauseEndsBeforeANewAttribution(_ text: String, _ contents: [String]) {
        let doc = QuoteTestDocuments.analyze(text)
        #expect(doc.quotes.map { doc.text($0.content) } == contents, "\(QuoteTestDocuments.summary(doc))")
    }
}
