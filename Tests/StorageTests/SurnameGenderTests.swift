// Gender evidence across articles (PersonGenders, migration 019): a surname alone whose article says its gender
// ("Mrs Blair", stored as "Blair" with gender female) joins no person whose articles say the other gender, by any
// merge step (key, alias, rename to a fuller name, the surname merge); people of unknown gender merge as before;
// and entities.genders always equals what the remaining links say (QueryTablesTests.derivedAndRecomputed).
import Foundation
import Testing
@testable import Storage

@Suite struct SurnameGenderTests {
    typealias F = StoreFixtures

    static func about(_ hash: String, _ name: String, _ gender: String?, aliases: [String] = []) -> NewArticle {
        F.article(hash, date: "2005-01-10",
                  entities: [NewEntity(localId: 1, name: name, type: "PER", aliases: aliases, mentionCount: 1,
                                       gender: gender)],
                  quotes: [NewQuote(text: "Words of \(hash)", start: 0, end: 10, kind: "direct", speakerName: name,
                                    speakerLocalEntityId: 1, rule: "r", confidence: 0.9)],
                  events: [])
    }

    /// Name and article count of each person, by name then count.
    static func people(_ store: ArticleStore) throws -> [String] {
        try store.entities(EntityQuery(type: "PER")).rows.map { "\($0.name) \($0.articleCount)" }.sorted()
    }

    @Test func surnameOfOneGenderDoesNotMergeIntoAFullNameOfTheOther() throws {
        let store = try ArticleStore(path: ":memory:")
        _ = try store.insert(Self.about("a", "Blair", "female"))
        _ = try store.insert(Self.about("b", "Tony Blair", "male", aliases: ["Blair"]))
        #expect(try Self.people(store) == ["Blair 1", "Tony Blair 1"])
        // Nor later, when he is named again.
        _ = try store.insert(Self.about("b2", "Tony Blair", "male", aliases: ["Blair"]))
        #expect(try Self.people(store) == ["Blair 1", "Tony Blair 2"])
        // Nor the other way round; and the same gender (or none known) merges as before.
        let other = try ArticleStore(path: ":memory:")
        _ = try other.insert(Self.about("a", "Howard", "male"))
        _ = try other.insert(Self.about("b", "Sandra Howard", "female", aliases: ["Howard"]))
        _ = try other.insert(Self.about("c", "Kinnock", "male"))
        _ = try other.insert(Self.about("d", "Neil Kinnock", "male", aliases: ["Kinnock"]))
        _ = try other.insert(Self.about("e", "Straw", nil))
        _ = try other.insert(Self.about("f", "Jack Straw", "male", aliases: ["Straw"]))
        #expect(try Self.people(other) == ["Howard 1", "Jack Straw 2", "Neil Kinnock 2", "Sandra Howard 1"])
        try QueryTablesTests.expectDerivedTablesMatch(other, "merges by gender")
    }

    @Test func surnameDoesNotJoinAPersonOfTheOtherGenderByAlias() throws {
        let store = try ArticleStore(path: ":memory:")
        _ = try store.insert(Self.about("a", "Tony Blair", "male", aliases: ["Blair"]))
        _ = try store.insert(Self.about("b", "Blair", "female"))   // "Mrs Blair"
        _ = try store.insert(Self.about("c", "Blair", "female"))
        _ = try store.insert(Self.about("d", "Blair", "male"))     // "Mr Blair": him, by his alias
        // No gender known: the person the plain surname key names, as before (here the first, a woman).
        _ = try store.insert(Self.about("e", "Blair", nil))
        #expect(try Self.people(store) == ["Blair 3", "Tony Blair 2"])
        // Asked by the surname, the store names both.
        #expect(try store.entities(named: "Blair").count == 2)
        try QueryTablesTests.expectDerivedTablesMatch(store, "alias refused by gender")
    }

    @Test func surnameKeyOfTheOtherGenderKeepsItsOwnEntity() throws {
        let store = try ArticleStore(path: ":memory:")
        _ = try store.insert(Self.about("a", "Blair", "male"))
        _ = try store.insert(Self.about("b", "Blair", "female"))
        _ = try store.insert(Self.about("c", "Blair", "female"))
        _ = try store.insert(Self.about("d", "Blair", nil))   // no gender: the plain key's person
        #expect(try Self.people(store) == ["Blair 2", "Blair 2"])
        // The full name takes in the plain-key (male) Blair only.
        _ = try store.insert(Self.about("e", "Tony Blair", "male", aliases: ["Blair"]))
        #expect(try Self.people(store) == ["Blair 2", "Tony Blair 3"])
        _ = try store.insert(Self.about("f", "Blair", "female"))
        #expect(try Self.people(store) == ["Blair 3", "Tony Blair 3"])
        try QueryTablesTests.expectDerivedTablesMatch(store, "gendered keys")
        _ = try store.deleteArticle(id: 1)
        try QueryTablesTests.expectDerivedTablesMatch(store, "a gendered link deleted")
    }

    @Test func fullNameOfOneGenderDoesNotTakeOverASurnameOfTheOther() throws {
        let store = try ArticleStore(path: ":memory:")
        _ = try store.insert(Self.about("a", "Blair", "male"))
        _ = try store.insert(Self.about("b", "Cherie Blair", "female", aliases: ["Blair"]))
        #expect(try Self.people(store) == ["Blair 1", "Cherie Blair 1"])
    }

    @Test func deletingTheOnlyGenderedArticleForgetsTheGender() throws {
        let store = try ArticleStore(path: ":memory:")
        let a = try store.insert(Self.about("a", "Blair", "female"))
        _ = try store.insert(Self.about("b", "Blair", nil))
        _ = try store.deleteArticle(id: a.id)
        // Nothing says "Blair" is a woman any more: Tony Blair takes her in.
        _ = try store.insert(Self.about("c", "Tony Blair", "male", aliases: ["Blair"]))
        #expect(try Self.people(store) == ["Tony Blair 2"])
        try QueryTablesTests.expectDerivedTablesMatch(store, "gender forgotten")
    }

    @Test func genderOtherThanFemaleOrMaleIsRefused() throws {
        let store = try ArticleStore(path: ":memory:")
        #expect(throws: StorageError.self) { try store.insert(Self.about("a", "Blair", "unknown")) }
    }
}
