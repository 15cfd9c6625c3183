// Initials of a name as written, for acronyms not defined in parentheses: a word written in capitals gives all its
// letters ("UK Independence Party" is UKIP, "USA Track & Field" USATF) and a word with capitals inside gives those
// ("PlayStation Portable" is PSP), where the plain initials of `EntityLinker.initials` give one letter a word
// (UIP, PP).

extension EntityLinker {
    /// Lowercase written initials of `text`, with and without function words; empty when they are the plain ones or
    /// only one word has letters.
    static func writtenInitials(_ text: String) -> Set<String> {
        // Written initials differ from the plain ones only through a word with two capitals or more; most names
        // have none, and an ASCII name shows that by its bytes, before any look-up of Unicode properties (this
        // runs for every mention of every group).
        if isASCIIWithoutTwoCapitalWord(text) { return [] }
        var all = "", content = "", differs = false, parts = 0
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
            let letters = word.unicodeScalars.filter { $0.properties.isAlphabetic }
            guard let first = letters.first else { continue }
            let capitals = letters.filter { $0.properties.isUppercase }
            var part = String(first)
            if letters.count >= 2, capitals.count == letters.count {
                part = String(String.UnicodeScalarView(letters))
            } else if capitals.count >= 2, first.properties.isUppercase {
                part = String(String.UnicodeScalarView(capitals))
            }
            if part.unicodeScalars.count > 1 { differs = true }
            parts += 1
            all += part
            if !functionWords.contains(word.lowercased()) { content += part }
        }
        // A single word ("DVD-like", "HP 607") abbreviates nothing: its capitals are already its name.
        return differs && parts >= 2 ? [all.lowercased(), content.lowercased()] : []
    }

    /// Whether `text` is ASCII and none of its words (split as `writtenInitials` splits) has two capitals A-Z.
    static func isASCIIWithoutTwoCapitalWord(_ text: String) -> Bool {
        var capitals = 0
        for b in text.utf8 {
            if b >= 128 { return false }
            if b == 0x20 || b == 0x0A || b == 0x09 {
                capitals = 0
            } else if b >= 0x41 && b <= 0x5A {
                capitals += 1
                if capitals == 2 { return false }
            }
        }
        return true
    }
}
