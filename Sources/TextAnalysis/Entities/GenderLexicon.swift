// What words say of a person's gender: given names (entities/given-names.tsv, generated from census lists by
// scripts/gen-given-names.py), pronouns and gendered role nouns (entities/gendered-words.tsv). Weak evidence that
// only steers pronouns: "she said" never resolves to a person the text makes male. (Only honorifics keep mentions
// apart, in the entity linker.)

struct GenderLexicon: Sendable {
    /// Lowercased given name → the gender it says.
    var givenNames: [String: PersonGender] = [:]
    /// Lowercased pronoun ("she", "his") → gender.
    var pronouns: [String: PersonGender] = [:]
    /// Lowercased role noun ("spokeswoman") → gender.
    var roleWords: [String: PersonGender] = [:]

    static let givenNamesFile = "entities/given-names.tsv"
    static let wordsFile = "entities/gendered-words.tsv"

    /// `givenNames: false` reads only gendered-words.tsv (the quote extractor needs the pronouns alone).
    init(resources: ResourceLoader, givenNames readNames: Bool = true) throws {
        for (line, text) in try readNames ? resources.lines(Self.givenNamesFile) : [] {
            let f = text.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 2, !f[0].isEmpty, !f[0].contains(" "), let g = PersonGender(rawValue: String(f[1])) else {
                throw ResourceError("\(Self.givenNamesFile):\(line): expected name<TAB>female|male")
            }
            givenNames[f[0].lowercased()] = g
        }
        for (line, text) in try resources.lines(Self.wordsFile) {
            let f = text.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 3, !f[0].isEmpty, !f[0].contains(" "), let g = PersonGender(rawValue: String(f[1])) else {
                throw ResourceError("\(Self.wordsFile):\(line): expected word<TAB>female|male<TAB>pronoun|role")
            }
            switch f[2] {
            case "pronoun": pronouns[f[0].lowercased()] = g
            case "role": roleWords[f[0].lowercased()] = g
            default: throw ResourceError("\(Self.wordsFile):\(line): unknown kind \(f[2])")
            }
        }
    }

    /// The gender a role says by its head, the last word before any preposition ("the party's spokeswoman",
    /// "spokesman for the Queen", "wife of the King"), if any.
    func gender(ofRole role: String, prepositions: Set<String>) -> PersonGender? {
        let words = role.split(whereSeparator: { $0 == " " || $0 == "-" }).map { $0.lowercased() }
        return words.prefix { !prepositions.contains($0) }.last.flatMap { roleWords[$0] }
    }
}
