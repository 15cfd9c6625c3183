// The quote finder's token lookups by byte length agree with the String comparisons they replace, and its lower-case
// table agrees with lowercased() however each form was made (the word table's key, a new string, the token's own).
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

    /// A capitalised word the word table holds takes the table's key as its lower-case form, any other a new
    /// string: both equal `lowercased()`, for words of one byte, of up to eight and of more (past the table's
    /// prefetched head), and for words opening with another character.
    @Test func lowerFormsAreTheTokensLowerCased() {
        let text = "The SPOKESMAN Said I Told A Reporter: SOMETHING Extraordinarily Blair-like. Núñez ÉCOLE said he"
            + " HE He InTeRnAtIoNaL x y Zz"
        var doc = TestResources.split(text)
        QuoteTestDocuments.addMentions(&doc)
        let ctx = QuoteContext(doc: doc, lex: QuoteTestDocuments.extractor.lexicon)
        #expect(ctx.lower.count == doc.tokens.count)
        var fromTable = 0
        for t in doc.tokens.indices {
            #expect(ctx.lower[t] == doc.tokens[t].text.lowercased(), "\(doc.tokens[t].text)")
            if ctx.wordKey[t] >= 0, doc.tokens[t].text != ctx.lower[t] {
                #expect(ctx.lex.masks.keys[Int(ctx.wordKey[t])] == ctx.lower[t])
                fromTable += 1
            }
        }
        // "The", "Said", "I", "A", "He", "HE" at least are table words written with capitals.
        #expect(fromTable >= 5)
    }
}
