// Reported content that is nothing but a time phrase ("five years ago", "6 December", "In August 2004") comes from a
// cue word read in another sense: "fined for having violated takeover rules five years ago" made "rules" a verb
// with "five years ago" its object. No one said a date, so such a quote is dropped (BBC: 10 of 21,621 quotes, all
// wrong; PolNeAR dev: none).

extension QuoteContext {
    /// Every word of `r` is a time word, time preposition, number or words.tsv timeunit or timephrase (number
    /// words among them), with nothing but commas and full stops between them, and one is a time word or unit
    /// ("six" alone is a number, "six were appointed by Democratic presidents" a PolNeAR attribution).
    func isBareTimePhrase(_ r: Range<Int>) -> Bool {
        // Such phrases are short; most content is not, and is turned away before any word is looked up.
        guard r.count <= Self.longestBareTimePhrase else { return false }
        var unit = false
        for k in r where k >= 0 && k < lower.count {
            guard isWord[k] else {
                if isPunct(k, ",.") { continue }
                return false
            }
            if has(k, .time) {
                unit = true
                continue
            }
            if has(k, .timeprep) { continue }
            let f = doc.firstScalar(ofToken: k)?.value ?? 0
            if f >= 48 && f <= 57 || (f >= 128 && Unicode.Scalar(f)?.properties.numericType != nil) { continue }
            // One lookup for both lists. Not "one" ("Trump officially endorsed one in July": a pronoun) nor other
            // quantity words: the number words a time phrase takes are listed.
            guard let classes = lex.classes[lower[k]] else { return false }
            if classes.contains(.timeunit) {
                unit = true
            } else if !classes.contains(.timephrase) {
                return false
            }
        }
        return unit
    }

    /// Longer than "later on Saturday, 5 May 2005" (eight tokens): content that long is a clause, not a date.
    static let longestBareTimePhrase = 8
}
