// The title index's role words, and the words a role's head is read from: an ASCII role is cut by its bytes, any
// other by characters, with the same words.
import Testing
@testable import TextAnalysis

@Suite struct EntityTitleIndexTests {
    @Test(arguments: [
        ("Secretary of State", ["secretary", "of", "state"]),
        ("First Vice-Foreign Minister", ["first", "vice", "foreign", "minister"]),
        ("  U.S. envoy, 2nd term ", ["u", "s", "envoy", "nd", "term"]),
        ("", []),
        ("42", []),
        ("Président de la République", ["président", "de", "la", "république"]),
        ("Ministre-Président", ["ministre", "président"]),
    ])
    func roleWordsAreTheLowerCasedRunsOfLetters(_ role: String, _ words: [String]) {
        #expect(EntityTitleIndex.roleWords(role) == words)
        // The same as the character-level split it replaces.
        #expect(EntityTitleIndex.roleWords(role)
                == role.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
    }

    @Test(arguments: [
        ("chief executive's adviser", ["chief", "executive's", "adviser"]),
        ("secretary of state", ["secretary", "of", "state"]),
        ("  u.s. envoy, 2nd term ", ["u", "s", "envoy", "nd", "term"]),
        ("", []),
        ("o'neill's deputy", ["o'neill's", "deputy"]),
        ("président’s adviser", ["président’s", "adviser"]),
    ])
    func roleHeadWordsAreTheRunsOfLettersAndApostrophes(_ role: String, _ words: [String]) {
        #expect(QuoteContext.roleHeadWords(role) == words)
        #expect(QuoteContext.roleHeadWords(role)
                == role.split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "’" }).map(String.init))
    }
}
