// The annotations components add to a Document. All are ranges over the token array (and the character
// ranges they cover), never copies of text.

/// A sentence: a run of tokens.
public struct Sentence: Sendable, Equatable {
    public var tokens: Range<Int>
    public var chars: CharRange
    public init(tokens: Range<Int>, chars: CharRange) { self.tokens = tokens; self.chars = chars }
}

/// A paragraph: a run of sentences. Boilerplate paragraphs ("READ | ...") keep their place but are skipped
/// by the components.
public struct Paragraph: Sendable, Equatable {
    public var sentences: Range<Int>
    public var chars: CharRange
    public var isBoilerplate: Bool
    /// A related story's headline (after a "READ |" marker, which is a boilerplate paragraph of its own): skipped by
    /// quotes and the timeline,
    /// read by the entity tagger (the article points at the names it holds).
    public var isLink = false
    /// A short line without final punctuation between paragraphs (a subheading).
    public var isHeading: Bool
    public init(sentences: Range<Int>, chars: CharRange, isBoilerplate: Bool = false, isHeading: Bool = false) {
        self.sentences = sentences
        self.chars = chars
        self.isBoilerplate = isBoilerplate
        self.isHeading = isHeading
    }
}

public enum EntityType: String, Sendable, Codable, CaseIterable {
    case person = "PER"
    case organization = "ORG"
    case location = "LOC"
    case misc = "MISC"
}

/// One mention of a named entity in the text.
public struct EntityMention: Sendable, Equatable {
    public var tokens: Range<Int>
    public var chars: CharRange
    public var type: EntityType
    /// The tagger's probability-like confidence in [0, 1].
    public var confidence: Double
    /// Index into Document.entities once mentions are grouped.
    public var entity: Int?
    public init(tokens: Range<Int>, chars: CharRange, type: EntityType, confidence: Double, entity: Int? = nil) {
        self.tokens = tokens
        self.chars = chars
        self.type = type
        self.confidence = confidence
        self.entity = entity
    }
}

/// A person's gender as the text suggests it (an honorific, a given name, a gendered role noun): weak evidence
/// that keeps pronouns from going to a person of the other gender. Not part of any output.
public enum PersonGender: String, Sendable {
    case female, male
}

/// Mentions of one real-world thing within a document.
public struct Entity: Sendable, Equatable {
    public var id: Int
    /// The fullest name form seen ("Antony Blinken" for "Blinken").
    public var name: String
    public var type: EntityType
    /// A role or title the text gives ("Secretary of State").
    public var role: String?
    public var aliases: [String]
    public var mentions: [Int]
    public var confidence: Double
    /// For persons, the gender the text suggests, when all its evidence agrees.
    public var gender: PersonGender?
    public init(id: Int, name: String, type: EntityType, role: String? = nil, aliases: [String] = [],
                mentions: [Int] = [], confidence: Double = 0, gender: PersonGender? = nil) {
        self.id = id
        self.name = name
        self.type = type
        self.role = role
        self.aliases = aliases
        self.mentions = mentions
        self.confidence = confidence
        self.gender = gender
    }
}

public enum QuoteKind: String, Sendable, Codable {
    case direct, indirect, mixed
}

/// Who a quote is attributed to: the mention in the text, and the entity when it resolves to one. `name` is nil
/// when the mention names no one: a pronoun whose antecedent was not found ("He said ..." with no person before).
public struct Speaker: Sendable, Equatable {
    public var name: String?
    public var entity: Int?
    public var mention: CharRange
    public init(name: String?, entity: Int?, mention: CharRange) {
        self.name = name
        self.entity = entity
        self.mention = mention
    }
}

public struct Quote: Sendable, Equatable {
    /// The quoted content (inside the marks for direct quotes).
    public var content: CharRange
    public var kind: QuoteKind
    public var cue: CharRange?
    public var speaker: Speaker?
    /// Which rule (sieve) attributed it.
    public var rule: String
    public var confidence: Double
    /// The pieces of a quote that its attribution interrupts (“A,” he said, “B.”) or that runs over paragraphs,
    /// each without the marks and words between them; empty when the content is one piece.
    public var parts: [CharRange]
    public init(content: CharRange, kind: QuoteKind, cue: CharRange?, speaker: Speaker?, rule: String,
                confidence: Double, parts: [CharRange] = []) {
        self.parts = parts
        self.content = content
        self.kind = kind
        self.cue = cue
        self.speaker = speaker
        self.rule = rule
        self.confidence = confidence
    }
}

public enum TimexType: String, Sendable, Codable {
    case date = "DATE", time = "TIME", duration = "DURATION", set = "SET"
}

/// A normalized time expression.
public struct Timex: Sendable, Equatable {
    public var chars: CharRange
    public var type: TimexType
    /// TIMEX3 value: 2021-03-18, 2021-W11, 195, PAST_REF, P3D ...
    public var value: String
    /// The rule that extracted it.
    public var rule: String
    /// TIMEX3 mod: START ("early 2019"), MID, END, APPROX, LESS_THAN, MORE_THAN ... or nil.
    public var mod: String?
    /// For a duration counted from a date ("two days later": P2D), the date it reaches (1995-06-07), which dates
    /// its sentence on the timeline; nil otherwise.
    public var point: String?
    public init(chars: CharRange, type: TimexType, value: String, rule: String, mod: String? = nil,
                point: String? = nil) {
        self.chars = chars
        self.type = type
        self.value = value
        self.rule = rule
        self.mod = mod
        self.point = point
    }
}

/// A sentence anchored to a resolved date.
public struct TimelineEvent: Sendable, Equatable {
    public var date: String
    /// year, month, day, decade, century, quarter, week, season, or ref (PAST_REF ...)
    public var granularity: String
    public var chars: CharRange
    public var sentence: Int
    public var timex: Int
    public var entities: [Int]
    public var quotes: [Int]
    public init(date: String, granularity: String, chars: CharRange, sentence: Int, timex: Int,
                entities: [Int], quotes: [Int]) {
        self.date = date
        self.granularity = granularity
        self.chars = chars
        self.sentence = sentence
        self.timex = timex
        self.entities = entities
        self.quotes = quotes
    }
}
