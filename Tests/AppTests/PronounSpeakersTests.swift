// Migration 022 against the analysis itself: its pronoun list is the analysis's (Storage cannot read words.tsv),
// and an article stored as an old version stored it (the pronoun as speaker name, in the rows and the JSON) ends up
// exactly as the analysis stores it now.
import Foundation
import Testing
@testable import App
@testable import Storage
@testable import TextAnalysis

@Suite struct PronounSpeakersAnalysisTests {
    /// Storage's copy of the pronouns is among what the analysis leaves unnamed (words.tsv person and group, and
    /// the generic you): migration 022 never nulls a name the analysis would keep. The copy is frozen with the
    /// migration (it ran on stores already): a pronoun words.tsv gains later needs a migration of its own.
    @Test func theMigrationsPronounsAreTheAnalysisPronouns() throws {
        let lexicon = try QuoteLexicon(resources: ResourceLoader.bundled())
        let analysis = Set(lexicon.classes.filter { !$0.value.isDisjoint(with: [.person, .group]) }.keys)
            .union([SpeakerGuess.genericYou])
        #expect(Set(PronounSpeakers.pronouns).isSubset(of: analysis))
        #expect(Set(PronounSpeakers.pronouns).count == PronounSpeakers.pronouns.count)
    }

    @Test func anArticleStoredWithPronounNamesMigratesToWhatTheAnalysisStoresNow() throws {
        let text = "He said the plan would work.\n\nTony Blair arrived on Monday. He said the talks would resume."
        let date = CalendarDate(iso: "2021-03-18")
        let document = try LiveService.sharedAnalyzer().analyze(text, date: date)
        let unresolved = document.quotes.indices.filter {
            document.quotes[$0].speaker != nil && document.quotes[$0].speaker?.name == nil
        }
        try #require(unresolved.count == 1, "the text's first quote has an unresolved 'He'")
        #expect(document.quotes.contains { $0.speaker?.name == "Tony Blair" })
        // What versions before the analysis change wrote: the pronoun as written as the name.
        var old = document
        for i in unresolved { old.quotes[i].speaker!.name = document.text(old.quotes[i].speaker!.mention) }
        let submission = ArticleSubmission(text: text, date: date, title: nil, url: nil)
        let hash = SHA256.hex(Array(text.utf8))
        let oldArticle = ArticleMapping.newArticle(submission, old, contentHash: hash,
                                                   analysisJSON: AnalysisJSON.encode(old))
        #expect(oldArticle.quotes.contains { $0.speakerName == "He" })

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("byline-022-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("old.db").path
        let id = try ArticleStore(path: path).insert(oldArticle).id
        // The store as an old version left it: 022 not applied.
        try Database(path: path).execute("DELETE FROM schema_migrations WHERE name = '022-pronoun-speakers-unnamed'")

        let store = try ArticleStore(path: path)
        let current = ArticleMapping.newArticle(submission, document, contentHash: hash,
                                                analysisJSON: AnalysisJSON.encode(document))
        let quotes = try store.quotes(QuoteQuery(articleId: id)).rows.sorted { $0.start < $1.start }
        #expect(quotes.map(\.speakerName) == current.quotes.sorted { $0.start < $1.start }.map(\.speakerName))
        #expect(quotes.contains { $0.speakerName == nil })
        #expect(try store.article(id: id)?.analysisJSON == current.analysisJSON)
        #expect(try store.quotes(QuoteQuery(speaker: "he")).rows.isEmpty)
    }
}
