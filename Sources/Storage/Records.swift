// Records: the plain values Storage takes and returns. No analysis types: the App maps TextAnalysis results to
// these and these to JSON. Offsets (start/end) are whatever unit the App uses; Storage only stores them.

// MARK: - Input

/// An entity as one article resolved it. `localId` is the article-local id quotes and events refer to.
public struct NewEntity: Sendable, Equatable {
    public var localId: Int
    /// The fullest name the article gives ("Antony Blinken").
    public var name: String
    /// PER, ORG, LOC, MISC (any short string; it is part of the merge key).
    public var type: String
    /// Other forms the article used for it ("Blinken").
    public var aliases: [String]
    public var role: String?
    /// How many times the article names it (the mentions themselves live in the article's analysis JSON).
    public var mentionCount: Int
    /// For a person, "female" or "male" when the article says so (honorific, given name, gendered role); nil
    /// otherwise. Keeps a surname alone apart from a person of the other gender across articles.
    public var gender: String?
    public init(localId: Int, name: String, type: String, aliases: [String] = [], role: String? = nil,
                mentionCount: Int = 0, gender: String? = nil) {
        self.localId = localId
        self.name = name
        self.type = type
        self.aliases = aliases
        self.role = role
        self.mentionCount = mentionCount
        self.gender = gender
    }
}

public struct NewQuote: Sendable, Equatable {
    public var text: String
    public var start: Int
    public var end: Int
    /// direct, indirect, mixed.
    public var kind: String
    public var cue: String?
    public var speakerName: String?
    /// The article-local entity id of the speaker, when the analysis resolved one.
    public var speakerLocalEntityId: Int?
    public var rule: String
    public var confidence: Double
    public init(text: String, start: Int, end: Int, kind: String, cue: String? = nil, speakerName: String? = nil,
                speakerLocalEntityId: Int? = nil, rule: String, confidence: Double) {
        self.text = text
        self.start = start
        self.end = end
        self.kind = kind
        self.cue = cue
        self.speakerName = speakerName
        self.speakerLocalEntityId = speakerLocalEntityId
        self.rule = rule
        self.confidence = confidence
    }
}

public struct NewEvent: Sendable, Equatable {
    /// TIMEX3 value: 2021-03-18, 2021-03, 2021, 2021-W11, 2021-Q1, 2021-SU, 195, 19, PAST_REF ...
    public var date: String
    /// As the analysis names it (day, month, year, ...); stored and returned as given.
    public var granularity: String
    public var start: Int
    public var end: Int
    /// The sentence the event comes from.
    public var text: String
    public var localEntityIds: [Int]
    public init(date: String, granularity: String, start: Int, end: Int, text: String, localEntityIds: [Int] = []) {
        self.date = date
        self.granularity = granularity
        self.start = start
        self.end = end
        self.text = text
        self.localEntityIds = localEntityIds
    }
}

public struct NewArticle: Sendable, Equatable {
    public var text: String
    /// YYYY-MM-DD, or nil (the article then sorts and filters by its day of insertion).
    public var date: String?
    public var title: String?
    public var url: String?
    /// The idempotency key: an article with the same hash is stored once.
    public var contentHash: String
    /// The App's serialized analysis, returned as-is by `article(id:)`.
    public var analysisJSON: [UInt8]
    public var entities: [NewEntity]
    public var quotes: [NewQuote]
    public var events: [NewEvent]
    public init(text: String, date: String? = nil, title: String? = nil, url: String? = nil, contentHash: String,
                analysisJSON: [UInt8] = [], entities: [NewEntity] = [], quotes: [NewQuote] = [],
                events: [NewEvent] = []) {
        self.text = text
        self.date = date
        self.title = title
        self.url = url
        self.contentHash = contentHash
        self.analysisJSON = analysisJSON
        self.entities = entities
        self.quotes = quotes
        self.events = events
    }
}

public struct InsertResult: Sendable, Equatable {
    public var id: Int64
    /// False when an article with the same content hash already existed (`id` is that article's).
    public var created: Bool
    public init(id: Int64, created: Bool) { self.id = id; self.created = created }
}

// MARK: - Output

/// One page of rows; pass `nextCursor` back as `cursor` for the next page (nil: this was the last page).
public struct Page<Row: Sendable>: Sendable {
    public var rows: [Row]
    public var nextCursor: String?
    public init(rows: [Row], nextCursor: String?) { self.rows = rows; self.nextCursor = nextCursor }
}

extension Page: Equatable where Row: Equatable {}

public struct ArticleSummary: Sendable, Equatable {
    public var id: Int64
    /// As given at insert (nil when none was given).
    public var date: String?
    public var title: String?
    public var url: String?
    public var contentHash: String
    /// UTC, ISO 8601 with milliseconds.
    public var createdAt: String
}

public struct ArticleDetail: Sendable, Equatable {
    public var summary: ArticleSummary
    public var text: String
    public var analysisJSON: [UInt8]
}

public struct EntityRow: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var type: String
    /// Other name forms seen in the entity's current articles, sorted.
    public var aliases: [String]
    /// Roles its current articles give, in most articles first (then by name), one per role ignoring case (the
    /// spelling most articles use).
    public var roles: [String]
    public var mentionCount: Int
    public var articleCount: Int
    /// Earliest and latest article date (YYYY-MM-DD) among its articles (all of them, also in a list by date
    /// range, whose counts are those of the range).
    public var firstSeen: String?
    public var lastSeen: String?
}

public struct QuoteRow: Sendable, Equatable {
    public var id: Int64
    public var articleId: Int64
    /// The article's date (its insertion day when it has none).
    public var articleDate: String
    public var speakerEntityId: Int64?
    public var speakerName: String?
    public var text: String
    public var kind: String
    public var start: Int
    public var end: Int
    public var cue: String?
    public var rule: String
    public var confidence: Double
}

public struct EventRow: Sendable, Equatable {
    public var id: Int64
    public var articleId: Int64
    public var articleDate: String
    public var date: String
    public var granularity: String
    public var start: Int
    public var end: Int
    public var text: String
    public var entityIds: [Int64]
}

public struct EntityDetail: Sendable, Equatable {
    public var entity: EntityRow
    /// First pages (newest articles, latest quotes, timeline in date order); follow with the list queries
    /// filtered by this entity and the returned cursors.
    public var articles: Page<ArticleSummary>
    public var quotes: Page<QuoteRow>
    public var timeline: Page<EventRow>
}

// MARK: - Queries

public struct ArticleQuery: Sendable, Equatable {
    /// Inclusive bounds on the article date; any TIMEX-style date (2021, 2021-03, 2021-03-18).
    public var from: String?
    public var to: String?
    public var entityId: Int64?
    public var cursor: String?
    public var limit: Int?
    public init(from: String? = nil, to: String? = nil, entityId: Int64? = nil, cursor: String? = nil,
                limit: Int? = nil) {
        self.from = from
        self.to = to
        self.entityId = entityId
        self.cursor = cursor
        self.limit = limit
    }
}

public enum EntitySort: String, Sendable, Equatable, CaseIterable {
    /// Most articles first, then id.
    case articleCount = "articles"
    /// By folded name, then id.
    case name
}

public struct EntityQuery: Sendable, Equatable {
    public var type: String?
    /// Case- and diacritic-insensitive substring of the name or any alias.
    public var q: String?
    public var articleId: Int64?
    /// With `from` or `to`: at least this many articles in the range.
    public var minArticles: Int?
    /// Inclusive bounds on the article date (as ArticleQuery's): only the entities of the articles in the range,
    /// with their article and mention counts (and the article-count order) within it.
    public var from: String?
    public var to: String?
    public var sort: EntitySort
    public var cursor: String?
    public var limit: Int?
    public init(type: String? = nil, q: String? = nil, articleId: Int64? = nil, minArticles: Int? = nil,
                from: String? = nil, to: String? = nil, sort: EntitySort = .articleCount, cursor: String? = nil,
                limit: Int? = nil) {
        self.type = type
        self.q = q
        self.articleId = articleId
        self.minArticles = minArticles
        self.from = from
        self.to = to
        self.sort = sort
        self.cursor = cursor
        self.limit = limit
    }
}

/// Quotes come newest article date first, then the latest stored (as articles).
public struct QuoteQuery: Sendable, Equatable {
    /// Case-insensitive: the speaker name as written, or the name or any alias of the speaker entity, or the end
    /// of a person's name (a surname); at most the 20 entities in most articles.
    public var speaker: String?
    public var entityId: Int64?
    /// Full-text words (FTS5, all must match; a trailing * makes a word a prefix); operators are not exposed.
    public var q: String?
    public var kind: String?
    /// Inclusive bounds on the article date.
    public var from: String?
    public var to: String?
    public var articleId: Int64?
    public var cursor: String?
    public var limit: Int?
    public init(speaker: String? = nil, entityId: Int64? = nil, q: String? = nil, kind: String? = nil,
                from: String? = nil, to: String? = nil, articleId: Int64? = nil, cursor: String? = nil,
                limit: Int? = nil) {
        self.speaker = speaker
        self.entityId = entityId
        self.q = q
        self.kind = kind
        self.from = from
        self.to = to
        self.articleId = articleId
        self.cursor = cursor
        self.limit = limit
    }
}

/// Timeline events in date order (see EventDate); undated ones (PAST_REF ...) last, and left out by from/to.
public struct TimelineQuery: Sendable, Equatable {
    public var entityId: Int64?
    /// Events whose period overlaps [from, to]; TIMEX-style bounds (2021 = the whole year).
    public var from: String?
    public var to: String?
    /// Words of the event sentence (full text, as QuoteQuery.q: case and diacritics folded, `word*` a prefix).
    public var q: String?
    public var articleId: Int64?
    /// Only events of these granularities (day, month, year, century, ref ...), when given.
    public var granularities: [String]?
    public var cursor: String?
    public var limit: Int?
    public init(entityId: Int64? = nil, from: String? = nil, to: String? = nil, q: String? = nil,
                articleId: Int64? = nil, granularities: [String]? = nil, cursor: String? = nil, limit: Int? = nil) {
        self.entityId = entityId
        self.from = from
        self.to = to
        self.q = q
        self.articleId = articleId
        self.granularities = granularities
        self.cursor = cursor
        self.limit = limit
    }
}
