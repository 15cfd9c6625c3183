// The noun news writes in lower case right before a name to say what it names: "US bank Wells Fargo", "search
// engine Google" (entities/organization-nouns.tsv), "US rapper Kano", "U2 frontman Bono", "German composer Johann
// Sebastian Bach" (entities/person-nouns.tsv), "the film Million Dollar Baby", "their album Hot Fuss"
// (entities/work-nouns.tsv: titles); and the noun between an organization's name and its member's: "Chelsea
// goalkeeper Carlo Cudicini", "Linkin Park singer Chester Bennington" (entities/member-nouns.tsv). How the linker
// uses them: EntityLinker+Types.swift.
import Foundation

struct IntroducingNouns: Sendable {
    let words: Set<String>
    /// Words that, right before the noun, make it part of another phrase: "best actor Bafta", "supporting
    /// actress Academy Award" name prizes, not people.
    let blockers: Set<String>
    /// Whether a noun right after an organization's name still introduces the name after it: a person's or a
    /// work's does ("Oasis singer Liam Gallagher", "ITV soap Coronation Street"); an organization noun does not,
    /// it ends that organization's name ("the CGA consultancy Jeanne-Marie Gescher").
    let followsOrganizations: Bool

    init(words: Set<String>, blockers: Set<String> = [], followsOrganizations: Bool = true) {
        self.words = words
        self.blockers = blockers
        self.followsOrganizations = followsOrganizations
    }

    /// One lower-case noun per line, or `except-after<TAB>word` for a blocker.
    init(resources: ResourceLoader, file: String, followsOrganizations: Bool = true) throws {
        var words: Set<String> = [], blockers: Set<String> = []
        for (line, text) in try resources.lines(file) {
            let fields = text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if fields.count == 2, fields[0] == "except-after", !fields[1].isEmpty, !fields[1].contains(" ") {
                blockers.insert(fields[1].lowercased())
                continue
            }
            let word = text.trimmingCharacters(in: .whitespaces)
            guard !word.isEmpty, !word.contains(" "), !word.contains("\t"), word == word.lowercased() else {
                throw ResourceError("\(file):\(line): expected one lower-case noun, or except-after<TAB>word")
            }
            words.insert(word)
        }
        self.init(words: words, blockers: blockers, followsOrganizations: followsOrganizations)
    }

    /// Whether the word right before the mention, in its sentence, is a listed noun written in lower case (or
    /// capitalised as its sentence's first word), not
    /// after a blocker and, unless `followsOrganizations`, not right after an organization's name ("the CGA
    /// consultancy Jeanne-Marie Gescher", "told the BBC News website Ford did not": there the name after it is a
    /// person's in apposition or a new clause's subject). `organizationEnds`: the exclusive end tokens of the
    /// document's organization mentions.
    func introduces(_ mention: EntityMention, in doc: Document, organizationEnds: Set<Int>) -> Bool {
        let start = mention.tokens.lowerBound
        guard start > 0, start <= doc.tokens.count, let s = doc.sentenceIndex(ofToken: start),
              doc.sentences[s].tokens.contains(start - 1) else { return false }
        // "Bookmaker William Hill has stopped ...": the noun opening its sentence is capitalised for that.
        let noun = doc.tokens[start - 1].text
        guard words.contains(noun)
                || (doc.sentences[s].tokens.lowerBound == start - 1 && words.contains(noun.lowercased())) else {
            return false
        }
        if start > 1, blockers.contains(doc.tokens[start - 2].text.lowercased()) { return false }
        return followsOrganizations || !organizationEnds.contains(start - 1)
    }

    /// Whether the mention is followed in its sentence by a listed noun and then by a person's mention:
    /// "Chelsea goalkeeper Carlo Cudicini". Nothing may stand between them: "Corry backs skipper Robinson", "Sella
    /// believes coach Bernard Laporte", "Krist Novoselic and drummer Dave Grohl" name people on both sides.
    /// `personStarts`: the first tokens of the document's person mentions.
    func leadsToMember(_ mention: EntityMention, in doc: Document, personStarts: Set<Int>) -> Bool {
        let noun = mention.tokens.upperBound
        guard noun > 0, noun + 1 < doc.tokens.count, words.contains(doc.tokens[noun].text),
              personStarts.contains(noun + 1), let s = doc.sentenceIndex(ofToken: noun - 1) else { return false }
        return doc.sentences[s].tokens.contains(noun + 1)
    }
}
