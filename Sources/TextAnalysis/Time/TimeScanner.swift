// Splits text into the words the time rules match: letter runs, numbers (with an attached ordinal or decade
// suffix, "18th", "1990s"), and single punctuation marks, each with its scalar offsets. One pass over the
// scalar array, no regexes, independent of the tokenizer's boundaries (rules see "Jan." as "jan" + ".").

struct TimeWord: Sendable {
    // Wide fields first, flags last: 80 bytes a word instead of 96 with padding (a 10 MB text has 2M words).
    enum Kind: UInt8, Sendable { case word, number, punct }
    var start: Int
    var end: Int
    /// Lowercased text: for a word only when scanned without a vocabulary (with one, its id names it); for
    /// numbers the digits (commas removed) plus the suffix; for punctuation the mark (ASCII forms).
    var lower: String
    /// Numbers: the integer value (-1 when decimal or too long), digit count, comma grouping, suffix.
    var value: Int
    var digits: Int
    var suffix: String
    /// Punctuation: its scalar (curly forms as typed, before mapping to ASCII in `lower`).
    var scalar: UInt32
    /// The rule vocabulary id of `lower` (-1 when no rule mentions it), set by the extractor.
    var id: Int32
    var kind: Kind
    var capitalized: Bool
    /// Whitespace precedes the word.
    var spaceBefore: Bool
    /// A line break precedes the word.
    var lineBefore: Bool
    var grouped: Bool
    /// A lowercase word ending in a single s ("degrees").
    var plural: Bool
    /// A word of five or more letters ending in "ed" (a regular past form, perhaps).
    var pastEd: Bool
    /// A lowercase word of six or more letters ending in "ing" ("meeting": a present participle, perhaps).
    var ing: Bool

    init(start: Int, end: Int, lower: String, kind: Kind, capitalized: Bool, spaceBefore: Bool, lineBefore: Bool,
         value: Int = -1, digits: Int = 0, grouped: Bool = false, suffix: String = "", plural: Bool = false,
         pastEd: Bool = false, ing: Bool = false, scalar: UInt32 = 0, id: Int32 = -1) {
        self.start = start
        self.end = end
        self.lower = lower
        self.value = value
        self.digits = digits
        self.suffix = suffix
        self.scalar = scalar
        self.id = id
        self.kind = kind
        self.capitalized = capitalized
        self.spaceBefore = spaceBefore
        self.lineBefore = lineBefore
        self.grouped = grouped
        self.plural = plural
        self.pastEd = pastEd
        self.ing = ing
    }
}

enum TimeScanner {
    /// Suffixes kept on a number; any other letters after digits ("10pm", "5km") become their own word.
    static let numberSuffixes: Set<String> = ["st", "nd", "rd", "th", "s"]

    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 128 { return (v >= 65 && v <= 90) || (v >= 97 && v <= 122) }
        return s.properties.isAlphabetic
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }

    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v == 32 || v == 9 || v == 10 || v == 13 || v == 0xA0 || (v > 127 && s.properties.isWhitespace)
    }

    static func lowerString(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var ascii = true
        for s in scalars where s.value >= 128 { ascii = false; break }
        if ascii {
            return String(unsafeUninitializedCapacity: scalars.count) { buf in
                var i = 0
                for s in scalars {
                    var b = UInt8(truncatingIfNeeded: s.value)
                    if b >= 65 && b <= 90 { b += 32 }
                    buf[i] = b
                    i += 1
                }
                return i
            }
        }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars)
        return String(v).lowercased()
    }

    /// `vocab` numbers the words (TimeWord.id) and then no word gets its `lower` text (a bound word's text comes
    /// from CompiledRules.vocabWords); without a vocabulary every id is -1 and every word has its text.
    /// At the dot of "4.30pm", "10.15 a.m.": two digits after it and then "am" or "pm" (British clock times);
    /// any other dot after digits is a decimal point ("4.30 million").
    static func clockDot(_ text: [Unicode.Scalar], _ i: Int, _ n: Int) -> Bool {
        guard i + 3 < n, isDigit(text[i + 1]), isDigit(text[i + 2]), !isDigit(text[i + 3]) else { return false }
        var j = i + 3
        if text[j] == " " { j += 1 }
        guard j + 1 < n, text[j] == "a" || text[j] == "p" || text[j] == "A" || text[j] == "P" else { return false }
        let m = text[j + 1] == "." && j + 2 < n ? text[j + 2] : text[j + 1]
        guard m == "m" || m == "M" else { return false }
        // "4.30 pm" ends there; "4.30 apples" or "4.30 per cent" do not ("pm" must not run on into a word).
        let after = text[j + 1] == "." ? j + 3 : j + 2
        return after >= n || !isLetter(text[after])
    }

    static func scan(_ text: [Unicode.Scalar], from: Int = 0, to: Int? = nil,
                     vocab: TimeVocabulary? = nil) -> [TimeWord] {
        let n = to ?? text.count
        var out: [TimeWord] = []
        // News text runs 4.9 scalars a word (words, numbers and marks); one word more than reserved doubles an
        // array of 80-byte words, which on a 10 MB text meant copying 200 MB.
        out.reserveCapacity((n - from) / 4 + 16)
        var i = from
        var space = true, line = true
        while i < n {
            let c = text[i]
            if isSpace(c) {
                space = true
                if c.value == 10 { line = true }
                i += 1
                continue
            }
            let start = i
            if isLetter(c) {
                while i < n && isLetter(text[i]) { i += 1 }
                let upper = c.value < 128 ? (c.value >= 65 && c.value <= 90) : c.properties.isUppercase
                let id = vocab?.id(text, start..<i) ?? -1
                // With a vocabulary the matcher and the tense search go by ids; a bound word's text comes from
                // the vocabulary (CompiledRules.vocabWords), so no String is built per word.
                let lower = vocab == nil ? lowerString(text[start..<i]) : ""
                out.append(TimeWord(start: start, end: i, lower: lower, kind: .word,
                                    capitalized: upper, spaceBefore: space, lineBefore: line,
                                    plural: !upper && i - start >= 3 && text[i - 1] == "s" && text[i - 2] != "s",
                                    pastEd: i - start >= 5 && text[i - 1] == "d" && text[i - 2] == "e",
                                    ing: !upper && i - start >= 6 && text[i - 1] == "g" && text[i - 2] == "n"
                                        && text[i - 3] == "i",
                                    id: id))
            } else if isDigit(c) {
                var value = 0, digits = 0, grouped = false, decimal = false
                while i < n {
                    if isDigit(text[i]) {
                        if digits < 15 { value = value * 10 + Int(text[i].value - 48) }
                        digits += 1
                        i += 1
                    } else if text[i] == ",", i + 3 < n,
                              text[(i + 1)..<(i + 4)].allSatisfy(isDigit),
                              i + 4 >= n || !isDigit(text[i + 4]) {
                        grouped = true
                        i += 1
                    } else if text[i] == ".", digits <= 2, clockDot(text, i, n) {
                        // "4.30pm": hours and minutes, scanned "4" "." "30" "pm" like "4:30 pm".
                        break
                    } else if text[i] == ".", i + 1 < n, isDigit(text[i + 1]), !decimal {
                        decimal = true
                        i += 1
                    } else { break }
                }
                var j = i
                while j < n && isLetter(text[j]) && j - i < 3 { j += 1 }
                var suffix = ""
                if j > i, j >= n || !isLetter(text[j]) {
                    let s = lowerString(text[i..<j])
                    if numberSuffixes.contains(s) { suffix = s; i = j }
                }
                var digitsText = ""
                digitsText.reserveCapacity(i - start)
                for s in text[start..<i] where s != "," { digitsText.unicodeScalars.append(s) }
                out.append(TimeWord(start: start, end: i, lower: digitsText, kind: .number, capitalized: false,
                                    spaceBefore: space, lineBefore: line, value: decimal || digits > 15 ? -1 : value,
                                    digits: digits, grouped: grouped, suffix: suffix,
                                    // A rule may name a number literally ("1 / 2" in "2 1/2 years").
                                    id: digits <= 2 && !grouped && !decimal && suffix.isEmpty
                                        ? vocab?.id(text, start..<i) ?? -1 : -1))
            } else {
                i += 1
                // Curly apostrophes and dashes match their ASCII forms in the rules.
                var lower: String
                switch c.value {
                case 0x2019, 0x2018: lower = "'"
                case 0x2013, 0x2014: lower = "-"
                default: lower = String(Character(c))
                }
                out.append(TimeWord(start: start, end: i, lower: lower, kind: .punct, capitalized: false,
                                    spaceBefore: space, lineBefore: line, scalar: c.value,
                                    id: vocab.map { v in lower.utf8.count == 1 ? v.id(byte: lower.utf8.first!)
                                        : v.words[lower] ?? -1 } ?? -1))
            }
            space = false
            line = false
        }
        return out
    }
}
