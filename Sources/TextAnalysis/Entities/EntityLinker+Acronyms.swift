// Initials of a name as written, for acronyms not defined in parentheses: a word written in capitals gives all its
// letters ("UK Independence Party" is UKIP, "USA Track & Field" USATF) and a word with capitals inside gives those
// ("PlayStation Portable" is PSP), where the plain initials of `EntityLinker.initials` give one letter a word
// (UIP, PP).

extension EntityLinker {
    /// Lowercase written initials of `text`, with and without function words; empty when they are the plain ones or
    /// only one word has letters.
    static func writtenInitials(_ text: String) -> Set<String> {
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
}
