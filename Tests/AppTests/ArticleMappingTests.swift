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

    /// A person's given name alone is no alias the store keeps (it joins articles by aliases: every lone "Michael"
    /// joined Michael Howard); a surname, and any alias of a place or organisation, is kept.
    @Test(arguments: [
        ("Michael Howard", EntityType.person, ["Howard", "Michael"], ["Howard"]),
        ("Alan Budd", .person, ["alan", "Budd"], ["Budd"]),
        ("Antony Blinken", .person, ["Blinken", "Secretary Blinken"], ["Blinken", "Secretary Blinken"]),
        ("Madonna", .person, ["Madge"], ["Madge"]),
        ("Korean Central News Agency", .organization, ["KCNA", "Korean"], ["KCNA", "Korean"]),
    ])
    func aGivenNameAloneIsNotStoredAsAnAlias(_ name: String, _ type: EntityType, _ aliases: [String],
                                             _ stored: [String]) {
        var doc = Document(text: "Some text.")
        doc.entities = [Entity(id: 0, name: name, type: type, aliases: aliases)]
        let article = ArticleMapping.newArticle(ArticleSubmission(text: doc.text), doc, contentHash: "h",
                                                analysisJSON: [])
        #expect(article.entities.first?.aliases == stored)
    }
}
