// The phrases of entities/not-names.tsv: what the entity tagger marks as a name but an article's entity list
// should not show ("PC", "DVDs", "GMT", "MPs", "Christmas", "the 19th Century"). The tagger learnt from Reuters
// text of 1996 that has almost none of them, so its guesses on them are noise; the document pipeline drops these
// mentions before linking, quotes and storage see them. `byline ner --conll` is left as the tagger was trained.

struct NotNames: Sendable {
    /// Whole mentions (token texts joined by one space) that are never a name, as written.
    let always: Set<String>
    /// Whole mentions that are no name right after an ordinal ("the 21st Century").
    let afterOrdinal: Set<String>
    /// Lowercased ordinal words; numerals with st/nd/rd/th count without a row.
    let ordinals: Set<String>

    static let empty = NotNames(always: [], afterOrdinal: [], ordinals: [])

    init(always: Set<String>, afterOrdinal: Set<String>, ordinals: Set<String>) {
        self.always = always
        self.afterOrdinal = afterOrdinal
        self.ordinals = ordinals
    }

    init(resources: ResourceLoader) throws {
        let file = "entities/not-names.tsv"
        var always: Set<String> = [], afterOrdinal: Set<String> = [], ordinals: Set<String> = []
        for (line, text) in try resources.lines(file) {
            let f = text.split(separator: "\t", omittingEmptySubsequences: false)
            let phrase = f.first.map { $0.split(separator: " ").joined(separator: " ") } ?? ""
            guard f.count == 2, !phrase.isEmpty else {
                throw ResourceError("\(file):\(line): expected phrase<TAB>kind")
            }
            switch f[1] {
            case "always": always.insert(phrase)
            case "after-ordinal": afterOrdinal.insert(phrase)
            case "ordinal": ordinals.insert(phrase.lowercased())
            default:
                throw ResourceError("\(file):\(line): kind is always, after-ordinal or ordinal, not \(f[1])")
            }
        }
        self.init(always: always, afterOrdinal: afterOrdinal, ordinals: ordinals)
    }

    /// Whether the mention over `range` of `tokens` names nothing.
    func excludes(_ range: Range<Int>, _ tokens: [Token]) -> Bool {
        guard !range.isEmpty else { return false }
        let phrase = tokens[range].map(\.text).joined(separator: " ")
        if always.contains(phrase) { return true }
        // "the [19th Century]": the ordinal inside the mention.
        if range.count >= 2, isOrdinal(tokens[range.lowerBound].text),
           afterOrdinal.contains(tokens[(range.lowerBound + 1)..<range.upperBound].map(\.text).joined(separator: " ")) {
            return true
        }
        guard afterOrdinal.contains(phrase), range.lowerBound > 0 else { return false }
        return isOrdinal(tokens[range.lowerBound - 1].text)
    }

    func isOrdinal(_ word: String) -> Bool {
        let lower = word.lowercased()
        if ordinals.contains(lower) { return true }
        let digits = lower.prefix { $0.isASCII && $0.isNumber }
        return !digits.isEmpty && ["st", "nd", "rd", "th"].contains(String(lower.dropFirst(digits.count)))
    }
}
