// A speaker named by a definite organisation noun ("the company said", "the bank said"): the organisation it
// refers back to (OrganisationNounSpeakers.swift). Before the change every row but the ones expecting nil had no
// speaker entity.
import Testing
@testable import TextAnalysis

@Suite struct QuoteOrganisationNounSpeakerTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let text: String
        let content: String
        /// The speaker's entity name, nil for none.
        let speaker: String?
        var testDescription: String { String(text.prefix(60)) }
    }

    // The stand-in tagger (QuoteTestDocuments) makes names with "Agency", "Post", "Times", "Party" or "Reuters"
    // organisations and other capitalised runs persons.
    static let rows: [Row] = [
        // A generic noun: the organisation in focus.
        Row(text: "Reuters made a profit last year. The company said sales would grow.",
            content: "sales would grow", speaker: "Reuters"),
        // No organisation before it: a source with no entity, as before.
        Row(text: "The weather was poor. The company said sales would fall.",
            content: "sales would fall", speaker: nil),
        // Of two in the nearest sentence, the one the story is about (mentioned most).
        Row(text: "Reuters had a good year. Reuters and the Washington Post gained readers. The firm said costs would fall.",
            content: "costs would fall", speaker: "Reuters"),
        // One named once in the nearest sentence (an analyst's firm) gives way to one the sentences read name more.
        Row(text: "Reuters had a good year. Reuters gained readers. Sales rose, said Kim Lee of Leeds University. The company said costs would fall.",
            content: "costs would fall", speaker: "Reuters"),
        // One named twice in the nearest sentence stays the organisation in focus.
        Row(text: "Reuters had a good year. Reuters gained readers. The Labour Party met and the Labour Party voted. The group said costs would fall.",
            content: "costs would fall", speaker: "Labour Party"),
        // A kind noun needs an organisation of that kind: none here ...
        Row(text: "Reuters made a profit last year. The bank said costs would fall.",
            content: "costs would fall", speaker: nil),
        // ... the kind in the name ...
        Row(text: "The Labour Party met in Leeds. The party said taxes would fall.",
            content: "taxes would fall", speaker: "Labour Party"),
        // ... or written with the noun, however far back.
        Row(text: "Shares in news agency Reuters rose. The Washington Post fell. Investors were calm. The agency said costs would fall.",
            content: "costs would fall", speaker: "Reuters"),
        // ... or in a closed appositive after its name.
        Row(text: "Shares in Reuters, the news agency, rose. The Washington Post fell. Investors were calm. The agency said costs would fall.",
            content: "costs would fall", speaker: "Reuters"),
        // An appositive describes the name before its comma (a person here), not the organisation in focus.
        Row(text: "Reuters made a profit. Shares in Aviva Mining, the insurance company, which said costs would fall, rose.",
            content: "costs would fall", speaker: nil),
        // A comma after no name ("Last year, the firm, which ...") makes no appositive: the organisation in focus.
        Row(text: "Reuters made a profit. Last year, the firm, which said costs would fall, hired staff.",
            content: "costs would fall", speaker: "Reuters"),
        // An introductory phrase ending in a name is no appositive: the organisation in focus speaks.
        Row(text: "Reuters made a profit. Reuters hired staff. After talks with the Washington Post, the company said costs would fall.",
            content: "costs would fall", speaker: "Reuters"),
        // "he" after "the company said" is no continuation of the company.
        Row(text: "Reuters made a profit. The company said sales would grow. He said costs would fall.",
            content: "costs would fall", speaker: nil),
    ]

    @Test(arguments: rows)
    func organisationNounSpeaksForTheOrganisation(_ row: Row) {
        let doc = QuoteTestDocuments.analyze(row.text)
        let q = doc.quotes.first { doc.text($0.content) == row.content }
        #expect(q != nil, "\(doc.quotes.map { doc.text($0.content) })")
        #expect(q?.speaker?.entity.map { doc.entities[$0].name } == row.speaker, "\(String(describing: q?.speaker))")
    }
}
