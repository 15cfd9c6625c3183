// The quote list's order (newest article date first, then newest stored), its keyset pages under that order while
// quotes keep arriving, and the query plans that keep every filter an index range.
import Testing
@testable import Storage

@Suite struct QuoteOrderTests {
    typealias F = StoreFixtures

    /// An archive imported out of order: article dates in the order stored, each article quoting Joe Biden once.
    static let storedDates = ["2005-06-01", "2021-03-18", "2010-01-01", "2021-03-18", "1999-12-31", "2015-07-04",
                              "2010-01-01", "2021-03-19"]

    static func store(dates: [String] = storedDates) throws -> ArticleStore {
        let store = try ArticleStore(path: ":memory:")
        for (i, date) in dates.enumerated() { _ = try store.insert(F.article("h\(i)", date: date)) }
        return store
    }

    /// (article date, id) of each row, the order the list promises.
    static func expectNewestFirst(_ rows: [QuoteRow], _ comment: Comment) {
        let keys = rows.map { ($0.articleDate, $0.id) }
        let sorted = keys.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 > $1.1 }
        #expect(keys.map(\.0) == sorted.map(\.0) && keys.map(\.1) == sorted.map(\.1), comment)
    }

    @Test(arguments: [1, 2, 3, 50])
    func quotesListNewestArticleDateFirstWhateverOrderTheyWereStored(limit: Int) throws {
        let store = try Self.store()
        let queries: [(String, (String?, Int) -> QuoteQuery)] = [
            ("all", { QuoteQuery(cursor: $0, limit: $1) }),
            ("speaker (merged alternatives)", { QuoteQuery(speaker: "Biden", cursor: $0, limit: $1) }),
            ("kind", { QuoteQuery(kind: "direct", cursor: $0, limit: $1) }),
            ("words", { QuoteQuery(q: "economy", cursor: $0, limit: $1) }),
            ("words tested along the walk", { QuoteQuery(q: "economy", cursor: $0, limit: $1) }),
            ("from", { QuoteQuery(from: "2000", cursor: $0, limit: $1) }),
        ]
        for (name, query) in queries {
            let sortLimit = name == "words tested along the walk" ? 1 : ArticleReader.textSortLimit
            let rows = try F.allPages(limit: limit) { c, l in
                try store.read { db throws(StorageError) in
                    try ArticleReader.quotes(query(c, l), db: db, textSortLimit: sortLimit)
                }
            }
            Self.expectNewestFirst(rows, "\(name), limit \(limit)")
            let expected = name == "from" ? 7 : 8
            #expect(rows.count == expected && Set(rows.map(\.id)).count == expected, "\(name), limit \(limit)")
        }
        let first = try store.quotes(QuoteQuery(limit: 3)).rows.map(\.articleDate)
        #expect(first == ["2021-03-19", "2021-03-18", "2021-03-18"])
    }

    @Test(arguments: [false, true])
    func quotePagesNeitherRepeatNorSkipWhenQuotesAreStoredBetweenRequests(bySpeaker: Bool) throws {
        let store = try Self.store()
        let before = try store.quotes(QuoteQuery(limit: 500)).rows
        // Between two pages: a quote dated after everything, one before everything, one on the cursor's own date.
        var seen: [Int64] = []
        var cursor: String?
        var added = 0
        repeat {
            let page = try store.quotes(QuoteQuery(speaker: bySpeaker ? "biden" : nil, cursor: cursor, limit: 2))
            seen += page.rows.map(\.id)
            cursor = page.nextCursor
            let lastDate = page.rows.last?.articleDate ?? "2000-01-01"
            for date in ["2030-01-01", "1990-01-01", lastDate] {
                added += 1
                _ = try store.insert(F.article("new\(added)", date: date))
            }
        } while cursor != nil && seen.count < 200
        #expect(Set(seen).count == seen.count, "a quote came twice")
        #expect(Set(before.map(\.id)).isSubset(of: Set(seen)), "a quote stored before the first page was skipped")
        // Those dated before the cursor (1990) come in their place: the walk stays in list order.
        let all = try store.quotes(QuoteQuery(limit: 500)).rows
        let byId = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
        Self.expectNewestFirst(seen.compactMap { byId[$0] }, "pages walked while storing")
        #expect(seen.contains { byId[$0]?.articleDate == "1990-01-01" })
    }

    @Test func quoteCursorFromTheInsertionOrderIsRefused() throws {
        let store = try Self.store()
        let old = Cursor(tag: "quotes", filter: try ArticleReader.quoteBinding(QuoteQuery()), key: "", id: 5).encoded
        #expect { try store.quotes(QuoteQuery(cursor: old)) } throws: {
            ($0 as? StorageError)?.kind == .invalidCursor
        }
    }

    /// Marks the plan cases with a cursor; `bound` makes the cursor of that case's own filters.
    static let cursor = "cursor"

    static func bound(_ q: QuoteQuery) throws(StorageError) -> QuoteQuery {
        guard q.cursor != nil else { return q }
        var q = q
        q.cursor = Cursor(tag: ArticleReader.quoteTag, filter: try ArticleReader.quoteBinding(q), key: "2021-03-18",
                          id: 5).encoded
        return q
    }

    /// Each filter, alone and with a cursor, and the index its statements walk; `sorts` when the rows are few
    /// and gathered first (one article's, the words' matches, a merged speaker page). "many" words have at least
    /// textSortLimit matches (here 1), tested along the walk.
    static let planCases: [(String, QuoteQuery, String, Bool)] = [
        ("none", QuoteQuery(), "quotes_by_date", false),
        ("cursor", QuoteQuery(cursor: cursor), "quotes_by_date (article_date<?)", false),
        ("from-to", QuoteQuery(from: "2010", to: "2020"), "quotes_by_date (article_date>? AND article_date<?)", false),
        ("entity", QuoteQuery(entityId: 1, cursor: cursor), "quotes_by_speaker_entity (speaker_entity_id=? AND", false),
        ("entity+from", QuoteQuery(entityId: 1, from: "2010"), "quotes_by_speaker_entity (speaker_entity_id=? AND",
         false),
        ("kind", QuoteQuery(kind: "direct", cursor: cursor), "quotes_by_kind (kind=? AND article_date<?)", false),
        ("kind+to", QuoteQuery(kind: "direct", to: "2010"), "quotes_by_kind (kind=? AND article_date<?)", false),
        ("words", QuoteQuery(q: "economy", cursor: cursor), "INTEGER PRIMARY KEY (rowid=?)", true),
        ("words+kind", QuoteQuery(q: "economy", kind: "direct"), "INTEGER PRIMARY KEY (rowid=?)", true),
        ("words+from", QuoteQuery(q: "economy", from: "2010"), "INTEGER PRIMARY KEY (rowid=?)", true),
        ("article", QuoteQuery(articleId: 3), "quotes_by_article (article_id=?)", true),
        ("many words", QuoteQuery(q: "economy", cursor: cursor), "quotes_by_date (article_date<?)", false),
        ("many words+kind", QuoteQuery(q: "economy", kind: "direct"), "quotes_by_kind (kind=?)", false),
        ("many words+from", QuoteQuery(q: "economy", from: "2010"), "quotes_by_date (article_date>?)", false),
    ]

    @Test func everyQuoteFilterIsAnIndexRangeNotAScanOfQuotes() throws {
        let store = try Self.store()
        try store.read { db throws(StorageError) in
            for (name, query, index, sorts) in Self.planCases {
                let sortLimit = name.hasPrefix("many") ? 1 : ArticleReader.textSortLimit
                let plans = try ArticleReader.quotePlans(try Self.bound(query), db: db, textSortLimit: sortLimit)
                #expect(plans.count == 1, "\(name)")
                let lines = plans.first ?? []
                let plan = lines.joined(separator: " | ")
                #expect(lines.contains { $0.contains(index) }, "\(name): \(plan)")
                // The one ordered walk allowed without a bound is the unfiltered list, which stops after a page.
                #expect(!lines.contains { $0.hasPrefix("SCAN q ") } || name == "none", "\(name): \(plan)")
                #expect(lines.contains { $0.contains("TEMP B-TREE") } == sorts, "\(name): \(plan)")
            }
            // A speaker: its written name and each of its entities walk their own index; the merged page is read
            // by id.
            let plans = try ArticleReader.quotePlans(try Self.bound(QuoteQuery(speaker: "Biden", cursor: Self.cursor)),
                                                     db: db)
            #expect(plans.count == 3)
            #expect(plans[0].contains { $0.contains("quotes_by_speaker_norm (speaker_norm=? AND article_date<?)") })
            #expect(plans[1].contains { $0.contains("quotes_by_speaker_entity (speaker_entity_id=? AND") })
            #expect(plans[2].contains { $0.contains("INTEGER PRIMARY KEY (rowid=?)") })
            #expect(!plans.joined().contains { $0.hasPrefix("SCAN q ") })
        }
    }
}
