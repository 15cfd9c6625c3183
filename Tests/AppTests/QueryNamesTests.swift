// Names with honorifics and titles in queries (QueryNames): people are stored without them, so `speaker=Mr Blinken`,
// `entity=Secretary of State Antony Blinken` and `q=Mr Blinken` find the stored person; a stripped name that
// several entities have is still the 400 listing them; a name stored with such a word as typed keeps matching.
import Foundation
import Storage
import Testing
@testable import App

@Suite struct QueryNamesTests {
    typealias Q = QueryHandlersTests

    @Test(arguments: [("Mr Blair", "Blair"), ("Mr. Blair", "Blair"), ("President Bush", "Bush"),
                      ("Prime Minister Tony Blair", "Tony Blair"), ("Mrs  Cherie Blair", "Cherie Blair"),
                      ("Sir Alex Ferguson", "Alex Ferguson"), ("Lord Chief Justice", "Chief Justice"),
                      ("Mr", "Mr"), ("Prime Minister", "Prime Minister"), ("Tony Blair", "Tony Blair")])
    func leadingHonorificsAndTitlesGoAsTheLinkerDropsThem(name: String, bare: String) throws {
        #expect(try QueryNames.withoutTitles(name) ?? name == bare)
    }

    @Test(arguments: ["Mr%20Blinken", "Secretary%20of%20State%20Antony%20Blinken", "Dr%20Antony%20Blinken"])
    func entityAndSpeakerByANameWithTitlesFindTheStoredPerson(name: String) throws {
        let store = try Q.store()
        for kind in [ListQuery.articles, .quotes, .timeline] {
            #expect(try Q.run(kind, "entity=\(name)", store).count == 2, "\(kind)")
        }
        #expect(try Q.run(.quotes, "speaker=\(name)", store).count == 2)
        #expect(try Q.run(.entities, "q=\(name)", store).map { $0["name"] as? String } == ["Antony Blinken"])
    }

    @Test func strippedNameSeveralEntitiesHaveIsStillAmbiguous() throws {
        let store = try Q.store()
        // "Mr Washington" is "Washington": the place and George Washington.
        let error = try #require(throws: ParameterError.self) { try Q.run(.timeline, "entity=Mr%20Washington", store) }
        #expect(error.problem.contains("ambiguous") && error.problem.contains("George Washington"))
    }

    @Test func nameStoredWithATitleWordAsTypedKeepsMatchingAsTyped() throws {
        let store = try ArticleStore(path: ":memory:")
        // "General" is a title (roles.tsv), but General Motors is stored under that name: found as typed.
        _ = try store.insert(NewArticle(text: "GM.", date: "2005-03-01", contentHash: "gm",
                                        entities: [NewEntity(localId: 1, name: "General Motors", type: "ORG"),
                                                   NewEntity(localId: 2, name: "Motors", type: "ORG")],
                                        events: [NewEvent(date: "2005-03-01", granularity: "day", start: 0, end: 3,
                                                          text: "GM.", localEntityIds: [1])]))
        #expect(try Q.run(.timeline, "entity=General%20Motors", store).count == 1)
        #expect(try Q.run(.entities, "q=General%20Motors", store).map { $0["name"] as? String } == ["General Motors"])
    }
}
