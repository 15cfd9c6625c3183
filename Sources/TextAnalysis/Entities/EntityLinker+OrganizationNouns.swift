// Organizations the tagger typed as persons, told apart by the noun news writes before a firm's name ("US bank
// Wells Fargo", "search engine Google"): entities/organization-nouns.tsv. An entity voted a person with no
// honorific becomes an organization when one of its mentions is introduced so.
import Foundation

struct OrganizationNouns: Sendable {
    let words: Set<String>

    init(words: Set<String>) { self.words = words }

    init(resources: ResourceLoader) throws {
        let file = "entities/organization-nouns.tsv"
        var words: Set<String> = []
        for (line, text) in try resources.lines(file) {
            let word = text.trimmingCharacters(in: .whitespaces)
            guard !word.contains(" "), !word.contains("\t"), word == word.lowercased() else {
                throw ResourceError("\(file):\(line): expected one lower-case noun")
            }
            words.insert(word)
        }
        self.init(words: words)
    }

    /// Whether the word right before the mention, in its sentence, is a listed noun written in lower case, and
    /// not the head of another organization's name ("the CGA consultancy Jeanne-Marie Gescher", "told the BBC
    /// News website Ford did not"): there the name after it is a person's in apposition or a new clause's subject.
    /// `organizationEnds`: the end tokens of the document's organization mentions (`organizationEnds(doc)`).
    func introduces(_ mention: EntityMention, in doc: Document, organizationEnds: Set<Int>) -> Bool {
        let start = mention.tokens.lowerBound
        guard start > 0, words.contains(doc.tokens[start - 1].text),
              let s = doc.sentenceIndex(ofToken: start), doc.sentences[s].tokens.contains(start - 1) else { return false }
        return !organizationEnds.contains(start - 1)
    }

    static func organizationEnds(_ doc: Document) -> Set<Int> {
        Set(doc.mentions.lazy.filter { $0.type == .organization }.map(\.tokens.upperBound))
    }
}
