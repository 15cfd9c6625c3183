// The quote finder's token lookups by byte length agree with the String comparisons they replace.
import Testing
@testable import TextAnalysis

@Suite struct QuoteTokenLookupTests {
    /// Token lookups by byte length first say the same as == for every token, the clitic in both apostrophes too.
    @Test func tokenLookupsAgreeWithStringEquality() {
        var doc = TestResources.split("The minister’s aide's car is in Núñez' garage, ’s 's S ’ss in is INS.")
        QuoteTestDocuments.addMentions(&doc)
        let ctx = QuoteContext(doc: doc, lex: QuoteTestDocuments.extractor.lexicon)
        #expect(ctx.lower.filter { $0 == "’s" || $0 == "'s" }.count >= 2)
        for t in ctx.lower.indices {
            #expect(ctx.isPossessiveS(t) == (ctx.lower[t] == "’s" || ctx.lower[t] == "'s"), "\(ctx.lower[t])")
            for word in ["in", "is", "’s", "that"] {
                #expect(ctx.lowerIs(t, word) == (ctx.lower[t] == word), "\(ctx.lower[t]) \(word)")
            }
        }
    }
}
