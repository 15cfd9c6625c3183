// PersonTitles: the leading honorifics and titles of a name as someone types it into a query ("Mr Blair",
// "President Bush", "Foreign Secretary Jack Straw"). The entity linker stores people without them (the honorific
// dropped, the title kept as the role), so a query by such a name finds the stored person only once they are
// stripped the same way: with the same word lists (entities/honorifics.tsv, entities/roles.tsv) and matching.

public struct PersonTitles: Sendable {
    let roles: RoleLexicon

    public init(resources: ResourceLoader) throws {
        roles = try RoleLexicon(resources: resources)
    }

    /// `name` without its leading honorifics and titles ("Mr Blair" → "Blair", "Prime Minister Tony Blair" →
    /// "Tony Blair", "Lord Chief Justice" → "Chief Justice"); `name` itself when it has none, or when they are all
    /// it has ("Mr", "Prime Minister"). Words are whatever whitespace separates.
    public func stripped(_ name: String) -> String {
        let words = name.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        var offset = 0
        let tokens = words.map { w -> Token in
            defer { offset += w.unicodeScalars.count + 1 }
            return Token(start: offset, end: offset + w.unicodeScalars.count, text: w, spaceAfter: true)
        }
        var lo = 0
        while lo < tokens.count {
            // Honorifics, then a title, as the linker reads a mention ("Sir", "Lord Chancellor Lord Falconer").
            let honorifics = roles.leadingHonorificLength(tokens, lo, tokens.count)
            let next = lo + honorifics
            // A title that is all the rest is the name, as the linker keeps it ("Lord Chief Justice" is the
            // entity "Chief Justice"), never cut to its last word.
            let wholeTitle = next < tokens.count
                && roles.titleEnding(at: tokens.count, tokens, lowerLimit: next)?.lowerBound == next
            let title = next < tokens.count && !wholeTitle ? roles.leadingRoleLength(tokens, next, tokens.count) : 0
            guard honorifics + title > 0, next + title < tokens.count else { break }
            lo = next + title
        }
        return lo == 0 ? name : words[lo...].joined(separator: " ")
    }
}
