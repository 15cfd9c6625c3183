// A speaker named only by a nationality, an age or a sport or stage role ("the American said", "the 23-year-old
// said", "the midfielder said"): the person written that way before, else the person in focus (EpithetSpeakers.swift).
// Each row failed before the change: the nationality's MISC entity spoke, or no one. A name before the role ("the
// Chelsea midfielder", "the New York businessman") was a source with no entity until session 25.
import Testing
@testable import TextAnalysis

@Suite struct QuoteEpithetSpeakerTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let text: String
        /// Capitalised words the stand-in tagger should read as one-word miscellaneous names (nationalities).
        let misc: [String]
        /// Capitalised words the stand-in tagger should read as organisations (teams, bands, parties).
        var organizations: [String] = []
        let content: String
        /// The speaker's entity name, nil for none.
        let speaker: String?
        var testDescription: String { String(text.prefix(60)) }
    }

    static let rows: [Row] = [
        // The person written with the nationality, not the first person of the sentence before.
        Row(text: "Swiss star Roger Federer beat American star Andy Roddick. “I was poor,” the American said.",
            misc: ["Swiss", "American"], content: "I was poor,", speaker: "Andy Roddick"),
        // None written with it: the person in focus, passing over one written with another nationality.
        Row(text: "Swiss star Roger Federer lost to Andy Roddick. “I was lucky,” the American said.",
            misc: ["Swiss", "American"], content: "I was lucky,", speaker: "Andy Roddick"),
        // A nationality noun (words.tsv nationnoun) the demonym gazetteer lacks.
        Row(text: "Rafael Nadal beat Andy Roddick in Seville. The Spaniard said the crowd helped.",
            misc: ["Spaniard"], content: "the crowd helped", speaker: "Rafael Nadal"),
        // A miscellaneous name that is no nationality is no epithet: it stays the speaker.
        Row(text: "Andy Reid spoke. “We are sad,” the Championship said.",
            misc: ["Championship"], content: "We are sad,", speaker: "Championship"),
        // The age written after a name.
        Row(text: "Amelie Mauresmo, 25, beat Serena Williams, 23, in Paris. The 23-year-old said she was tired.",
            misc: [], content: "she was tired", speaker: "Serena Williams"),
        // A sport role with no office holder: the person in focus.
        Row(text: "Frank Lampard scored twice in the second half. The midfielder said the win was vital.",
            misc: [], content: "the win was vital", speaker: "Frank Lampard"),
        // A source noun is no epithet: an unnamed spokesman speaks, not the person in focus.
        Row(text: "Tony Blair met the unions. The spokesman said taxes would not rise.",
            misc: [], content: "taxes would not rise", speaker: nil),
        // A team's name before the role says whose it is; the person in focus still speaks.
        Row(text: "Frank Lampard scored twice in the second half. The Chelsea midfielder said the win was vital.",
            misc: [], organizations: ["Chelsea"], content: "the win was vital", speaker: "Frank Lampard"),
        // A nationality before the role must agree: not the Swiss named first.
        Row(text: "Swiss star Roger Federer lost to Andy Roddick. The American player said he was lucky.",
            misc: ["Swiss", "American"], content: "he was lucky", speaker: "Andy Roddick"),
        // Before a source noun the name changes nothing: an unnamed spokesman.
        Row(text: "Tony Blair met the unions. The Labour spokesman said taxes would not rise.",
            misc: [], organizations: ["Labour"], content: "taxes would not rise", speaker: nil),
        // A person's name before the role makes another phrase: no one in focus speaks.
        Row(text: "Frank Lampard scored twice in the second half. The Mourinho midfielder said the win was vital.",
            misc: [], content: "the win was vital", speaker: nil),
    ]

    @Test(arguments: rows)
    func epithetSpeaksForThePerson(_ row: Row) {
        var doc = TestResources.split(row.text)
        QuoteTestDocuments.addMentions(&doc)
        for m in doc.mentions.indices where row.misc.contains(doc.text(doc.mentions[m].chars)) {
            doc.mentions[m].type = .misc
            if let e = doc.mentions[m].entity { doc.entities[e].type = .misc }
        }
        for m in doc.mentions.indices where row.organizations.contains(doc.text(doc.mentions[m].chars)) {
            doc.mentions[m].type = .organization
            if let e = doc.mentions[m].entity { doc.entities[e].type = .organization }
        }
        QuoteTestDocuments.extractor.process(&doc)
        let q = doc.quotes.first { doc.text($0.content) == row.content }
        #expect(q != nil, "\(doc.quotes.map { doc.text($0.content) })")
        #expect(q?.speaker?.entity.map { doc.entities[$0].name } == row.speaker, "\(String(describing: q?.speaker))")
    }
}
