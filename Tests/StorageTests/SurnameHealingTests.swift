// Healing a store (ArticleStore.mergeSurnameOnlyPeople, `byline merge-surnames`): surname-only people that the
// write-time rule would merge now are merged, with their articles, quotes and names; the ones it refuses (two full
// names of that surname, a possible given name, the other gender) stay; a dry run changes nothing; a second run
// finds nothing; the derived tables still agree with the link rows.
import Foundation
import Testing
@testable import Storage

@Suite struct SurnameHealingTests {
    typealias F = StoreFixtures
    typealias G = SurnameGenderTests

    /// A store where the write-time merge has not happened: each surname-only person was stored while its alias
    /// named two people, and the other one's article has gone since (the state of a store written before the
    /// rule, or of one where the full name has not come again since).
    static func splitStore() throws -> ArticleStore {
        let store = try ArticleStore(path: ":memory:")
        let articles: [(String, String, String?, [String])] = [
            ("a", "George W Bush", "male", ["Bush"]), ("k1", "Kate Bush", "female", ["Bush"]),
            ("b", "Bush", nil, []), ("c", "Bush", "male", []),
            ("d", "Charles Kennedy", "male", ["Kennedy"]), ("k2", "Jane Kennedy", "female", ["Kennedy"]),
            ("e", "Kennedy", nil, []),
            // Refused: two full names; the other gender; a given name of a stored person; a full name no article
            // calls by the surname alone.
            ("f", "Kate Moss", "female", ["Moss"]), ("g", "John Moss", "male", ["Moss"]), ("h", "Moss", nil, []),
            ("i", "Tony Blair", "male", ["Blair"]), ("j", "Blair", "female", []),
            ("m", "Ray Charles", "male", ["Charles"]), ("k3", "Tommy Charles", "male", ["Charles"]),
            ("l", "Charles", nil, []),
            ("o", "Dizzy Gillespie", nil, []), ("p", "Gillespie", nil, []),
        ]
        for (hash, name, gender, aliases) in articles {
            _ = try store.insert(G.about(hash, name, gender, aliases: aliases))
        }
        for hash in ["k1", "k2", "k3"] {
            _ = try store.deleteArticle(id: try #require(try store.articleId(contentHash: hash)))
        }
        return store
    }

    @Test func mergesWhatTheWriteRuleWouldMergeNowAndNothingElse() throws {
        let store = try Self.splitStore()
        let before = try G.people(store)
        #expect(before.count == 13)
        let dry = try store.mergeSurnameOnlyPeople(apply: false)
        #expect(dry.map { "\($0.surnameName) \($0.articles) -> \($0.fullName)" }
                == ["Bush 2 -> George W Bush", "Kennedy 1 -> Charles Kennedy"])
        #expect(try G.people(store) == before)   // the dry run rolled back

        #expect(try store.mergeSurnameOnlyPeople() == dry)
        #expect(try G.people(store) == ["Blair 1", "Charles 1", "Charles Kennedy 2", "Dizzy Gillespie 1",
                                        "George W Bush 3", "Gillespie 1", "John Moss 1", "Kate Moss 1", "Moss 1",
                                        "Ray Charles 1", "Tony Blair 1"])
        let bush = try #require(try store.entities(named: "Bush").first)
        #expect(bush.name == "George W Bush")
        #expect(try store.quotes(QuoteQuery(entityId: bush.id)).rows.count == 3)
        try QueryTablesTests.expectDerivedTablesMatch(store, "healing")
        // Idempotent.
        #expect(try store.mergeSurnameOnlyPeople().isEmpty)
        #expect(try G.people(store).count == 11)
    }

    @Test func healsAStoreOnFileAndIsSafeWithAServerWriting() throws {
        try F.withTempStore { store, _ in
            for (hash, name) in [("a", "George W Bush"), ("k", "Kate Bush"), ("b", "Bush")] {
                _ = try store.insert(G.about(hash, name, nil, aliases: ["Bush"]))
            }
            _ = try store.deleteArticle(id: try #require(try store.articleId(contentHash: "k")))
            #expect(try store.mergeSurnameOnlyPeople().count == 1)
            // Later articles of the surname join the full name by the alias the merge moved.
            _ = try store.insert(G.about("c", "Bush", nil))
            #expect(try G.people(store) == ["George W Bush 3"])
        }
    }
}
