// Reported content that is nothing but a time phrase ("five years ago", "6 December", "In August 2004") comes from a
// cue word read in another sense: "fined for having violated takeover rules five years ago" made "rules" a verb
// with "five years ago" its object. No one said a date, so such a quote is dropped (BBC: 10 of 21,621 quotes, all
// wrong; PolNeAR dev: none).

extension QuoteContext {
    /// Every word of `r` is a time word, time preposition, number or words.tsv timeunit or timephrase (number
    /// words among them), with nothing but commas and full stops between them, and one is a time word or unit
    /// ("six" alone is a number, "six were appointed by Democratic presidents" a PolNeAR attribution).
    func isBareTimePhrase(_ r: Range<Int>) -> Bool {
        var unit = false
        for k in r where k >= 0 && k < lower.count {
            guard isWord[k] else {
                if isPunct(k, ",.") { continue }
                return false
            }
            if has(k, .time) || lex.is(lower[k], .timeunit) {
                unit = true
                continue
            }
            let digit = doc.firstScalar(ofToken: k)?.properties.numericType != nil
            // Not "one" ("Trump officially endorsed one in July": a pronoun) nor other quantity words: the
            // number words a time phrase takes are listed.
            guard digit || has(k, .timeprep) || lex.is(lower[k], .timephrase) else { return false }
        }
        return unit
    }
}
