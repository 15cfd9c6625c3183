// ArticleMapping: the analysed Document becomes Storage's NewArticle; entities Storage would refuse (a blank name,
// a repeated id) are dropped rather than losing the article, and quotes and events naming them lose the link.
import Storage
import Testing
import TextAnalysis
@testable import App

@Suite struct ArticleMappingTests {
    @Test(arguments: [
        ("Tony Blair", true), ("  Blair ", true), ("", false), (" ", false), ("\t\n", false),
        ("\u{00A0}\u{2003}", false), ("\u{2028}", false), ("\u{00A0}Zoë", true),
    ])
    func anEntityIsKeptUnlessItsNameIsBlank(_ name: String, _ kept: Bool) {
        var doc = Document(text: "Some text.")
        doc.entities = [Entity(id: 4, name: name, type: .person), Entity(id: 4, name: "Repeated Id", type: .person)]
        let article = ArticleMapping.newArticle(ArticleSubmission(text: doc.text), doc, contentHash: "h",
                                                analysisJSON: [])
        #expect(article.entities.map(\.name) == (kept ? [name] : ["Repeated Id"]))
    }
}
