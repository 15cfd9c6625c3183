// The entity linker's mention repairs before grouping (EntityLinker+Mentions.swift): a person's name the tagger
// split in two is joined, unless the halves are a descriptor and a name or two people; pieces of a title before a
// person's name are no entities. Also: a job title does not make a name the tagger did not call a person one.
import Testing
@testable import TextAnalysis

struct EntityMentionRepairTests {
    static func linked(_ text: String, _ names: [(String, EntityType)]) -> Document {
        var doc = EntityLinkerTests.document(text, names)
        EntityLinkerTests.linker.process(&doc)
        return doc
    }

    @Test(arguments: [
        // One name in two halves: joined, and the short form joins the whole.
        ("President Luiz Inacio Lula da Silva spoke. Lula left.", ["Luiz Inacio", "Lula da Silva", "Lula"],
         ["Luiz Inacio Lula da Silva"]),
        ("Sylvester Stallone's mother spoke.", ["Sylvester", "Stallone"], ["Sylvester Stallone"]),
        // A one-word descriptor before a full name, a title, and a surname of someone named stay apart.
        ("He beat Dane Kenneth Carlsen.", ["Dane", "Kenneth Carlsen"], ["Dane", "Kenneth Carlsen"]),
        ("Tony Blair spoke. The Blair Brown feud grew.", ["Tony Blair", "Blair", "Brown"], ["Tony Blair", "Brown"]),
        // A possessive ends a name.
        ("Roe's Smith spoke.", ["Roe's", "Smith"], ["Roe", "Smith"]),
    ])
    func joinsAPersonNameTheTaggerSplit(_ text: String, _ names: [String], _ expected: [String]) {
        let doc = Self.linked(text, names.map { ($0, .person) })
        #expect(doc.entities.map(\.name) == expected, "\(text)")
    }

    @Test func leavesPiecesOfATitleUnlinked() {
        let doc = Self.linked("UK Chancellor of the Exchequer Gordon Brown spoke.",
                              [("UK Chancellor", .person), ("Exchequer", .misc), ("Gordon Brown", .person)])
        #expect(doc.entities.map(\.name) == ["Gordon Brown"])
        #expect(doc.entities.first?.role == "Chancellor of the Exchequer")
        let ayatollah = Self.linked("The founder, Ayatollah Ruhollah Khomeini, died.",
                                    [("Ayatollah", .person), ("Ruhollah Khomeini", .person)])
        #expect(ayatollah.entities.map(\.name) == ["Ruhollah Khomeini"])
        #expect(ayatollah.entities.first?.role == "Ayatollah")
    }

    @Test func aJobTitleDoesNotMakeANamePerson() {
        let hurdle = Self.linked("He won the Champion Hurdle.", [("Hurdle", .misc)])
        #expect(hurdle.entities.first?.type == .misc)
        #expect(hurdle.entities.first?.role == nil)
        let biden = Self.linked("President Biden spoke.", [("Biden", .location)])
        #expect(biden.entities.first?.type == .person)
        #expect(biden.entities.first?.role == "President")
    }
}

/// Acronyms from a name's initials as written (EntityLinker+Acronyms.swift): a word in capitals gives all its
/// letters, a word with capitals inside gives those; a person's name is never abbreviated so.
struct EntityWrittenInitialsTests {
    @Test(arguments: [
        ("The UK Independence Party met. UKIP agreed.", "UK Independence Party", "UKIP", true),
        ("USA Track & Field met. USATF agreed.", "USA Track & Field", "USATF", true),
        ("The PlayStation Portable sold. The PSP sold.", "PlayStation Portable", "PSP", true),
        ("The UK Independence Party met. UIP agreed.", "UK Independence Party", "UIP", true),
        ("The UK Independence Party met. UKP agreed.", "UK Independence Party", "UKP", false),
        ("BBC Sport met. BBC agreed.", "BBC Sport", "BBC", false),
    ])
    func linksAnAcronymOfTheWrittenInitials(_ text: String, _ name: String, _ short: String, _ joined: Bool) {
        let doc = EntityMentionRepairTests.linked(text, [(name, .organization), (short, .organization)])
        #expect((doc.entities.count == 1) == joined, "\(text)")
        #expect(EntityLinker.writtenInitials("Public and Commercial Services Union").isEmpty)
    }
}

extension EntityWrittenInitialsTests {
    /// One word with letters gives no written initials: "DVD-like" is not the DVD, "HP 607" not HP.
    @Test func oneWordGivesNoWrittenInitials() {
        #expect(EntityLinker.writtenInitials("DVD-like").isEmpty)
        #expect(EntityLinker.writtenInitials("HP 607").isEmpty)
        #expect(EntityLinker.writtenInitials("UK Independence Party") == ["ukip"])
    }

    /// The byte-level shortcut for names with no word of two capitals gives what the full reading gives, and
    /// never skips a name that has such a word, ASCII or not.
    @Test(arguments: EntityWrittenInitialsTests.shortcutCases)
    func writtenInitialsShortcutAgrees(_ name: String, _ expected: Set<String>) {
        #expect(EntityLinker.writtenInitials(name) == expected, "\(name)")
        if EntityLinker.isASCIIWithoutTwoCapitalWord(name) { #expect(expected.isEmpty, "\(name)") }
    }

    static let shortcutCases: [(String, Set<String>)] = [
        ("Antony Blinken", []), ("Korean Central News Agency", []), ("Public and Commercial Services Union", []),
        ("McDonald's Corp", ["mdc"]), ("PlayStation Portable", ["psp"]), ("USA Track & Field", ["usatf"]),
        ("ÖVP Party", ["övpp"]), ("Élysée Palace", []), ("Bank\tOf\nAmerica", []),
    ]
}
