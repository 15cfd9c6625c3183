// The word lists the quote extractor reads: cue phrases with their frames, quotation marks, and word classes
// (quotes/cues.tsv, quotes/marks.tsv, quotes/words.tsv). Loaded once; a bad line fails with file and line number.

/// How the speaker and the content sit around a cue (see the header of quotes/cues.tsv).
public enum CueFrame: String, Sendable, CaseIterable {
    case speech, tell, that, belief, according, passive, object, infinitive, noun

    /// Frames whose content only follows the cue ("called Trump a liar", "urged voters to stay home"): never
    /// "CLAUSE, X CUE" and never a direct quote on its own.
    var readsForwardOnly: Bool { self == .object || self == .infinitive || self == .noun }

    /// Frames of saying, writing or belief (not an intention, an object or a noun): their subject is the one who
    /// spoke in its sentence, whom a later "he" or epithet continues.
    var namesWhoSpoke: Bool {
        self == .speech || self == .tell || self == .that || self == .according || self == .belief
    }
}

/// A cue phrase: its lower-case words and frame.
struct CuePhrase: Sendable {
    let words: [String]
    let frame: CueFrame
    /// The phrase is also listed with frame infinitive ("promised that ..." and "promised to ..."): an infinitive
    /// after it is read first.
    var infinitive = false
    /// A copula phrase ("skeptical of" after a form of be): built from a stance adjective of words.tsv; its words
    /// start at the adjective, and adverbs and degree words may sit between be and it ("were also incensed", "is
    /// not so sure").
    var copula = false
    /// `words.count` and the second word, kept in the phrase itself: the cue finder rejects most phrases by them
    /// without reading `words`, an allocation of its own per phrase (a cache miss each after the tagger has run).
    let count: Int
    let second: String?

    init(words: [String], frame: CueFrame, copula: Bool = false) {
        self.words = words
        self.frame = frame
        self.copula = copula
        count = words.count
        second = words.count > 1 ? words[1] : nil
    }
}

/// A word class from quotes/words.tsv (the file names it by its case name).
enum QuoteWordClass: Int, Sendable, CaseIterable {
    case skip, time, timeprep, boundary, person, group, relative, object, leading, elision, sourcehead, det, nameword
    case label, dash, intro, document, firstperson, clausestop, subject, possessive, nostart, whgap, copula
    case asidedash, notaside, clausejoin, opener, literal, thinobject, objectstop, raising, passivecue, pollsource
    case quantity, venueprep, preposition, medium, seeming, lightverb, nounprep
    case objectpronoun, stancebelief, stancethat, stancewill, stanceobject, degree, article, asobject, reportmodal
    case rankmod, auxiliary, notconstrual, cueprep, naming, remark, questionprep, question, notquestion
    case impersonal, outlet, outletverb, plural
    // Classes past the 63 mask bits: looked up by word (QuoteLexicon.is), never per token, so they have no bit.
    case dateword, personrole, nationnoun, orgnoun, orgkind, noobject, superlative, timephrase, timeunit
    case clauseobject, compoundhead, nothearer, relation

    /// How many classes have a bit in the per-token mask; the rest are read with QuoteLexicon.is only.
    static let maskedCount = 63

    static let byName: [String: QuoteWordClass] = Dictionary(uniqueKeysWithValues:
        allCases.map { (String(describing: $0), $0) })
    /// This class's bit in a word's class set (at most 63 classes: bit 63 is QuoteLexicon.cueStartBit; with
    /// `plural` all 63 are taken, so a class tested per token needs a wider mask than UInt64; one tested on a few
    /// words goes after `plural` and is read with QuoteLexicon.is). A shift, not a table lookup: the sieves test
    /// classes for nearly every token they read.
    var bit: UInt64 {
        assert(rawValue < Self.maskedCount, "\(self) has no mask bit: test it with QuoteLexicon.is")
        return UInt64(1) << UInt64(rawValue)
    }
}

/// A quotation mark's level and role from quotes/marks.tsv.
struct QuoteMark: Sendable, Equatable {
    enum Level: String, Sendable { case double, single }
    enum Role: String, Sendable { case open, close, both }
    let level: Level
    let role: Role
}

/// One replayable example from a data file: text, expected speaker mention and content ("-" for none).
public struct QuoteExample: Sendable, Equatable {
    public let file: String
    public let line: Int
    public let text: String
    public let speaker: String?
    public let content: String?
}

public struct QuoteLexicon: Sendable {
    /// Cue phrases by their first word; each list is sorted longest first.
    let cues: [String: [CuePhrase]]
    /// Copula cue phrases by their adjective (the words after a form of be), longest first: looked up at the
    /// adjective, so a form of be, among the commonest words, costs one probe rather than a try of every phrase.
    let copulaCues: [String: [CuePhrase]]
    let marks: [Unicode.Scalar: QuoteMark]
    /// Two-character marks ('' and ``) by first and second character.
    let pairMarks: [Unicode.Scalar: [Unicode.Scalar: QuoteMark]]
    let classes: [String: Set<QuoteWordClass>]
    let masks: WordMaskTable
    /// For each key of `masks`: it is one of QuoteContext.quotingVerbs ("quoted", "cites").
    let quotingVerbByKey: [Bool]
    /// For each key of `masks`: a noun of words.tsv class compoundhead ("tank").
    let compoundHeadByKey: [Bool]
    /// `cues` by the word mask table's key number (nil for a key no cue starts with): QuoteContext reads a token's
    /// cue phrases by the number its class lookup gave, with no second hashing of the word.
    let cuesByKey: [[CuePhrase]?]
    /// `copulaCues` by key number, the same way; every word that starts a copula cue has a key.
    let copulaCuesByKey: [[CuePhrase]?]
    public let examples: [QuoteExample]
    /// Pronoun genders (entities/gendered-words.tsv): "she said" never goes to a man; given names
    /// (entities/given-names.tsv) make a mistagged "Bill Ford" a person to "he".
    let genders: GenderLexicon
    /// The mark scanner built from marks.tsv and the elisions of words.tsv.
    let scanner: QuoteMarkScanner
    /// Nationality adjectives, lower case: the demonyms and language names of the tagger's gazetteer
    /// (ner/gazetteers/misc.tsv: "American", "German"), for "the American said" (EpithetSpeakers.swift).
    let nationalities: Set<String>

    public static let cuesFile = "quotes/cues.tsv"
    public static let marksFile = "quotes/marks.tsv"
    public static let wordsFile = "quotes/words.tsv"
    static let demonymsFile = "ner/gazetteers/misc.tsv"

    public init(resources: ResourceLoader) throws {
        var classes: [String: Set<QuoteWordClass>] = [:]
        for (n, line) in try resources.lines(Self.wordsFile) {
            let cols = line.split(separator: "\t").map(String.init)
            guard cols.count == 2, let c = QuoteWordClass.byName[cols[1]] else {
                throw Self.bad(Self.wordsFile, n, "expected word<TAB>class with a known class")
            }
            classes[cols[0].lowercased(), default: []].insert(c)
        }
        var examples: [QuoteExample] = []
        var cues: [String: [CuePhrase]] = [:]
        for (n, line) in try resources.lines(Self.cuesFile) {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if cols.first == "EXAMPLE" {
                guard cols.count == 4 else { throw Self.bad(Self.cuesFile, n, "EXAMPLE needs text, speaker, content") }
                examples.append(QuoteExample(file: Self.cuesFile, line: n, text: cols[1],
                                             speaker: cols[2] == "-" ? nil : cols[2],
                                             content: cols[3] == "-" ? nil : cols[3]))
                continue
            }
            guard cols.count == 2, let frame = CueFrame(rawValue: cols[1]) else {
                throw Self.bad(Self.cuesFile, n, "expected phrase<TAB>frame with a known frame")
            }
            let words = cols[0].split(separator: " ").map(String.init)
            guard let first = words.first, words.allSatisfy({ $0 == $0.lowercased() }) else {
                throw Self.bad(Self.cuesFile, n, "phrase must be non-empty lower case")
            }
            if let i = cues[first]?.firstIndex(where: { $0.words == words }) {
                // A second frame for a listed phrase: only infinitive may be added to another frame.
                let other = cues[first]![i].frame
                guard frame == .infinitive || other == .infinitive, frame != other else {
                    throw Self.bad(Self.cuesFile, n, "phrase listed twice (a second line may only add infinitive)")
                }
                if other == .infinitive { cues[first]![i] = CuePhrase(words: words, frame: frame) }
                cues[first]![i].infinitive = true
                continue
            }
            cues[first, default: []].append(CuePhrase(words: words, frame: frame))
        }
        var copulaCues = try Self.copulaPhrases(listed: cues, classes: classes)
        for k in cues.keys { cues[k]!.sort { $0.words.count > $1.words.count } }
        for k in copulaCues.keys { copulaCues[k]!.sort { $0.words.count > $1.words.count } }

        var marks: [Unicode.Scalar: QuoteMark] = [:]
        var pairMarks: [Unicode.Scalar: [Unicode.Scalar: QuoteMark]] = [:]
        for (n, line) in try resources.lines(Self.marksFile) {
            let cols = line.split(separator: "\t").map(String.init)
            let us = Array(cols.first?.unicodeScalars ?? "".unicodeScalars)
            guard cols.count == 3, us.count == 1 || us.count == 2, let level = QuoteMark.Level(rawValue: cols[1]),
                  let role = QuoteMark.Role(rawValue: cols[2]) else {
                throw Self.bad(Self.marksFile, n,
                               "expected mark (1 or 2 characters)<TAB>double|single<TAB>open|close|both")
            }
            if us.count == 1 {
                marks[us[0]] = QuoteMark(level: level, role: role)
            } else {
                pairMarks[us[0], default: [:]][us[1]] = QuoteMark(level: level, role: role)
            }
        }

        self.cues = cues
        self.copulaCues = copulaCues
        self.marks = marks
        self.pairMarks = pairMarks
        self.classes = classes
        self.genders = try GenderLexicon(resources: resources)
        var masks = classes.mapValues { cs in
            cs.reduce(UInt64(0)) { $1.rawValue < QuoteWordClass.maskedCount ? $0 | $1.bit : $0 }
        }.filter { $0.value != 0 }
        for first in cues.keys { masks[first, default: 0] |= Self.cueStartBit }
        // Every adjective of a copula cue has a key (of no class if it has none), so an ASCII word the table lacks
        // starts no copula cue: QuoteContext asks for one after every form of be and each word between.
        for first in copulaCues.keys where masks[first] == nil { masks[first] = 0 }
        // The quoting verbs too, so the outlet finder tells them by key number without hashing every word.
        for verb in QuoteContext.quotingVerbs where masks[verb] == nil { masks[verb] = 0 }
        // And the compound heads, asked of the word after every candidate cue ("think tank").
        let compoundHeads = classes.filter { $0.value.contains(.compoundhead) }.keys
        for head in compoundHeads where masks[head] == nil { masks[head] = 0 }
        self.masks = WordMaskTable(masks)
        self.quotingVerbByKey = self.masks.keys.map { QuoteContext.quotingVerbs.contains($0) }
        self.compoundHeadByKey = self.masks.keys.map { classes[$0]?.contains(.compoundhead) ?? false }
        self.cuesByKey = self.masks.keys.map { cues[$0] }
        self.copulaCuesByKey = self.masks.keys.map { copulaCues[$0] }
        self.examples = examples
        var nationalities = Set<String>()
        for (_, line) in try resources.lines(Self.demonymsFile) {
            let cols = line.split(separator: "\t")
            if cols.count >= 2, cols[1] == "demonym" || cols[1] == "language", !cols[0].contains(" ") {
                nationalities.insert(cols[0].lowercased())
            }
        }
        self.nationalities = nationalities
        self.scanner = QuoteMarkScanner(marks: marks, pairMarks: pairMarks,
                                        elisions: Set(classes.filter { $0.value.contains(.elision) }.keys))
    }

    /// The copula frame: every form of be (words.tsv copula) before a stance adjective is a cue, with the frame
    /// the adjective's class gives ("is confident (that) ...": belief; "were incensed that ...": that; "is eager
    /// to ...": infinitive; "was skeptical of ...": object, the class listing adjective and preposition).
    /// Built here so cues.tsv needs no line per tense; a phrase cues.tsv lists as well is an error.
    private static func copulaPhrases(listed cues: [String: [CuePhrase]], classes: [String: Set<QuoteWordClass>])
        throws -> [String: [CuePhrase]] {
        let frames: [(QuoteWordClass, CueFrame)] = [(.stancebelief, .belief), (.stancethat, .that),
                                                     (.stancewill, .infinitive), (.stanceobject, .object)]
        let forms = classes.filter { $0.value.contains(.copula) }.keys.sorted()
        var out: [String: [CuePhrase]] = [:]
        for (c, frame) in frames {
            for adjective in classes.filter({ $0.value.contains(c) }).keys.sorted() {
                let rest = adjective.split(separator: " ").map(String.init)
                guard rest.count == (c == .stanceobject ? 2 : 1) else {
                    throw ResourceError("\(wordsFile): \"\(adjective)\" (\(c)) needs "
                        + (c == .stanceobject ? "an adjective and its preposition" : "one word"))
                }
                for be in forms where cues[be]?.contains(where: { $0.words == [be] + rest }) == true {
                    throw ResourceError("\(cuesFile): \"\(be) \(adjective)\" is built from \(wordsFile) "
                        + "class \(c); list the adjective there only")
                }
                out[rest[0], default: []].append(CuePhrase(words: rest, frame: frame, copula: true))
            }
        }
        return out
    }

    func `is`(_ word: String, _ c: QuoteWordClass) -> Bool { classes[word]?.contains(c) ?? false }

    /// Set in a word's mask when a cue phrase starts with it, so the cue table is searched only for those words.
    static let cueStartBit = UInt64(1) << 63

    /// The classes of a word as a bit set (QuoteWordClass.bit, and cueStartBit), 0 for none: looked up once per
    /// token.
    func mask(_ word: String) -> UInt64 { masks.value(word) }

    private static func bad(_ file: String, _ line: Int, _ why: String) -> ResourceError {
        ResourceError("\(file):\(line): \(why)")
    }
}
