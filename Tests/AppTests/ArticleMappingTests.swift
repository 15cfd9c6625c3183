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

    /// What the analysis says of a person's gender is stored with the article's link (it keeps "Mrs Blair" from
    /// joining a Mr Blair across articles); a gender on any other type is not.
    @Test func aPersonsGenderIsStoredAndNoOtherEntitys() {
        var doc = Document(text: "Some text.")
        doc.entities = [Entity(id: 0, name: "Blair", type: .person, gender: .female),
                        Entity(id: 1, name: "Blinken", type: .person),
                        Entity(id: 2, name: "Roe Ltd", type: .organization, gender: .male)]
        let article = ArticleMapping.newArticle(ArticleSubmission(text: doc.text), doc, contentHash: "h",
                                                analysisJSON: [])
        #expect(article.entities.map(\.gender) == ["female", nil, nil])
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

    /// A place's or an organisation's last words alone are no alias the store keeps: an article that linked
    /// "Labour" to "Old Labour" renamed the Labour party in every article (merge step 3), and one that linked
    /// "Ireland" to a "James Ireland" tagged as a place renamed Ireland. Acronyms and other forms stay, and a
    /// person's surname is still kept.
    @Test(arguments: [
        ("Old Labour", EntityType.organization, ["Labour"], [String]()),
        ("James Ireland", .location, ["Ireland"], []),
        ("Royal Bank of Scotland", .organization, ["Bank of Scotland", "RBS", "Scotland"], ["RBS"]),
        ("Man United", .organization, ["united", "Man Utd"], ["Man Utd"]),
        ("European Union", .organization, ["EU", "Union"], ["EU"]),
        ("Liberal Democrats", .organization, ["Lib Dems", "Liberal Democrat"], ["Lib Dems", "Liberal Democrat"]),
        ("Gordon Brown", .person, ["Brown"], ["Brown"]),
        ("Labour", .organization, ["Labour Party"], ["Labour Party"]),
        // The name without its article is the name, not a broader thing's.
        ("The Guardian", .organization, ["Guardian"], ["Guardian"]),
        ("The Hague", .location, ["Hague"], ["Hague"]),
        ("The Royal Bank", .organization, ["Royal Bank", "Bank"], ["Royal Bank"]),
    ])
    func aPlaceOrOrganisationsLastWordsAreNotStoredAsAnAlias(_ name: String, _ type: EntityType,
                                                            _ aliases: [String], _ stored: [String]) {
        var doc = Document(text: "Some text.")
        doc.entities = [Entity(id: 0, name: name, type: type, aliases: aliases)]
        let article = ArticleMapping.newArticle(ArticleSubmission(text: doc.text), doc, contentHash: "h",
                                                analysisJSON: [])
        #expect(article.entities.first?.aliases == stored)
    }

    /// Through the store: an article that linked "Labour" to "Old Labour" leaves the Labour of earlier and later
    /// articles its name, and joins neither to it.
    @Test func anArticlesOldLabourDoesNotRenameLabourInTheStore() throws {
        let store = try ArticleStore(path: ":memory:")
        let entitiesByArticle = [
            [Entity(id: 0, name: "Labour", type: .organization)],
            [Entity(id: 0, name: "Old Labour", type: .organization, aliases: ["Labour"])],
            [Entity(id: 0, name: "Labour", type: .organization)],
        ]
        for (i, entities) in entitiesByArticle.enumerated() {
            var doc = Document(text: "Article \(i).")
            doc.entities = entities
            _ = try store.insert(ArticleMapping.newArticle(ArticleSubmission(text: doc.text), doc,
                                                           contentHash: "h\(i)", analysisJSON: []))
        }
        let rows = try store.entities(EntityQuery(q: "labour")).rows
        #expect(Set(rows.map { "\($0.name) \($0.articleCount)" }) == ["Labour 2", "Old Labour 1"])
    }
}
