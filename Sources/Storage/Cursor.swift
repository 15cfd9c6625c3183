// Cursor: opaque keyset-pagination tokens. A cursor is base64url of "tag#filter␟key␟id": the list and sort it
// belongs to, a hash of the query's filters, the sort key of the last row returned, and that row's id (the
// tie-break). Keyset pages stay stable while rows are inserted, unlike OFFSET. A cursor is refused (400) on another
// list, sort or set of filters: read there it gave a wrong page silently (a /quotes?speaker=Blair cursor went on
// with every speaker's quotes from Blair's last date). Page limits are checked here too.
import Foundation

struct Cursor: Equatable {
    /// Which list and sort the cursor belongs to ("articles", "entities.name" ...); a mismatch is refused.
    let tag: String
    /// Cursor.binding of the query's filters; a mismatch is refused.
    let filter: String
    let key: String
    let id: Int64

    static let separator: Character = "\u{1F}"
    /// Between the tag and the filter hash. Cursors made before they were bound to their filters have none.
    static let filterMark: Character = "#"

    /// base64url without padding, written byte by byte: Foundation's encoder and three replacingOccurrences were
    /// 4 % of a timeline page's CPU (every list page ends with one cursor).
    var encoded: String {
        let raw = Array("\(tag)\(Cursor.filterMark)\(filter)\(Cursor.separator)\(key)\(Cursor.separator)\(id)".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((raw.count + 2) / 3 * 4)
        var i = 0
        while i < raw.count {
            let n = min(3, raw.count - i)
            let chunk = UInt32(raw[i]) << 16 | (n > 1 ? UInt32(raw[i + 1]) << 8 : 0) | (n > 2 ? UInt32(raw[i + 2]) : 0)
            for k in 0...n {  // n bytes give n + 1 characters
                out.append(Cursor.alphabet[Int((chunk >> (18 - 6 * UInt32(k))) & 0x3F)])
            }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    init(tag: String, filter: String, key: String, id: Int64) {
        self.tag = tag
        self.filter = filter
        self.key = key
        self.id = id
    }

    /// The filter hash of a query: its filter values in a fixed order (nil for a filter not given), each as the
    /// list compares it (folded names, resolved date bounds), so spellings that select the same rows share
    /// cursors. FNV-1a, 64 bits: stable across processes and versions (Swift's Hasher is seeded per process), and
    /// a guard against mistakes, not against forgery (a forged cursor can only page through what its own filters
    /// allow anyway).
    static func binding(_ values: [String?]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for value in values {
            // "-" for a filter not given, a given one after its length in bytes: nil and "" differ, and no value
            // can pass for two.
            for byte in (value.map { "\($0.utf8.count):\($0)" } ?? "-").utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Decodes `text`, which must carry `tag` and `filter`; nil input gives nil (first page).
    static func decode(_ text: String?, tag: String, filter: String) throws(StorageError) -> Cursor? {
        guard let text else { return nil }
        let bad = StorageError(kind: .invalidCursor, message: "cursor is not valid for this list")
        // Room for an entity name as the key of sort=name (norms of hundreds of bytes) besides the filter hash.
        guard text.count <= 4096 else { throw bad }
        var b64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        b64 += String(repeating: "=", count: (4 - b64.count % 4) % 4)
        guard let data = Data(base64Encoded: b64), let raw = String(data: data, encoding: .utf8) else { throw bad }
        // Tag and filter up to the first separator, id after the last: the key in between may hold anything.
        guard let first = raw.firstIndex(of: separator), let last = raw.lastIndex(of: separator), first < last,
              let id = Int64(raw[raw.index(after: last)...]) else { throw bad }
        let head = raw[..<first]
        guard let mark = head.lastIndex(of: filterMark) else {
            guard head == tag else { throw bad }
            throw StorageError(kind: .invalidCursor, message: """
                cursor was made by an earlier version of Byline, before cursors were bound to their query's \
                filters; request the first page again (without cursor)
                """)
        }
        guard head[..<mark] == tag else {
            throw StorageError(kind: .invalidCursor, message: """
                cursor belongs to another list or sort order; use it only with the request that returned it
                """)
        }
        guard head[head.index(after: mark)...] == filter else {
            throw StorageError(kind: .invalidCursor, message: """
                cursor belongs to a query with other filters: repeat the filters of the request that returned it \
                (only limit may change), or request the first page again without cursor
                """)
        }
        return Cursor(tag: tag, filter: filter, key: String(raw[raw.index(after: first)..<last]), id: id)
    }
}

/// Page sizes: 50 when not given, 1...500 allowed.
public enum PageLimit {
    public static let defaultLimit = 50
    public static let maximum = 500

    public static func resolve(_ limit: Int?) throws(StorageError) -> Int {
        guard let limit else { return defaultLimit }
        guard (1...maximum).contains(limit) else {
            throw StorageError.invalid("limit must be between 1 and \(maximum), got \(limit)")
        }
        return limit
    }
}

/// Folding for names and search terms: lowercase, no diacritics, single spaces, trimmed, and every apostrophe-like
/// mark as the straight one (Fold.apostrophes).
enum Fold {
    static func name(_ s: String) -> String {
        // Fast path for ASCII (most names), which needs neither Unicode folding nor Foundation.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for b in s.utf8 {
            guard b < 0x80 else { return slowName(s) }
            if b == 0x20 || (0x09...0x0D).contains(b) {
                pendingSpace = !bytes.isEmpty
                continue
            }
            if pendingSpace { bytes.append(0x20); pendingSpace = false }
            bytes.append(b == 0x60 ? 0x27 : (0x41...0x5A).contains(b) ? b + 0x20 : b)  // ` is an apostrophe mark
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func slowName(_ s: String) -> String {
        let folded = apostrophes(s).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return folded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The marks written for an apostrophe: one source writes "O'Neill", another "O’Neill" (typographic quotes),
    /// "Oʼneill" (modifier letter), "O′Neill" (prime), "O`Neill" or "O´Neill"; they name one person, so stored
    /// names and name queries fold them all to the straight ' (display names keep what was written). Migration
    /// 021-apostrophes-folded applies the same list (apostrophesSQL) to stores written before.
    static let apostropheMarks: [Character] = [
        "\u{2019}", "\u{2018}", "\u{201B}", "\u{02BC}", "\u{02BB}", "\u{2032}", "\u{0060}", "\u{00B4}", "\u{FF07}",
    ]

    /// `s` with every apostrophe mark as the straight apostrophe.
    static func apostrophes(_ s: String) -> String {
        guard s.contains(where: apostropheMarks.contains) else { return s }
        return String(s.map { apostropheMarks.contains($0) ? "'" : $0 })
    }

    /// An SQL expression folding the apostrophe marks in `expression` as Fold.apostrophes does.
    static func apostrophesSQL(_ expression: String) -> String {
        apostropheMarks.reduce(expression) { "replace(\($0), '\($1)', '''')" }
    }

    /// An SQL condition: `expression` holds an apostrophe mark other than the straight one.
    static func hasApostropheMarkSQL(_ expression: String) -> String {
        "(" + apostropheMarks.map { "instr(\(expression), '\($0)') > 0" }.joined(separator: " OR ") + ")"
    }

    /// A LIKE pattern matching a name that ends with the words `s` ("% brown"), escaped as likeSubstring.
    static func likeWordSuffix(_ s: String) -> String {
        "% " + likeSubstring(s).dropFirst().dropLast()  // likeSubstring's text without its two wildcards
    }

    /// A LIKE pattern matching `s` as a substring, with %, _ and \ escaped (use with ESCAPE '\').
    static func likeSubstring(_ s: String) -> String {
        var out = "%"
        for c in s {
            if c == "%" || c == "_" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out + "%"
    }

    /// An FTS5 query for a trigram-tokenized column that matches rows containing `s` (already folded) as a
    /// substring: one quoted phrase, whose trigrams must follow each other. Nil below three characters, which
    /// have no trigram.
    static func trigramPhrase(_ s: String) -> String? {
        guard s.unicodeScalars.count >= 3 else { return nil }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// An FTS5 query from user words: each word becomes a quoted phrase (so no FTS operator or syntax error
    /// can come from input); a trailing * keeps prefix search. Words in double quotes ("interest rates", or
    /// “...”) stay one phrase, in that order, as search boxes read them (they were words found anywhere in the
    /// quote). A quote mark that opens no closed phrase is dropped, as inside a word. Nil when there is no word.
    /// A "word" of punctuation alone (a dash, a curly quote mark, a bracket) holds no token for the index's
    /// tokenizer (unicode61: letters and digits) and is left out: alone it made `q=“` an empty list where `q="`
    /// was a 400.
    /// Apostrophe marks fold to the straight one (Fold.apostrophes): the index splits words at ' and ’ alike,
    /// but reads ʼ (a modifier letter) as part of a word, so "Oʼneill" typed found nothing written "O'Neill".
    static func ftsQuery(_ s: String) -> String? {
        let words = s.split(whereSeparator: { $0.isWhitespace })
        let openers: Set<Character> = ["\"", "\u{201C}"], closers: Set<Character> = ["\"", "\u{201D}"]
        func closes(_ word: Substring) -> Bool { word.last.map(closers.contains) ?? false }
        var terms: [String] = []
        func add(_ text: some StringProtocol, prefix: Bool) {
            let phrase = String(text).filter { !openers.contains($0) && !closers.contains($0) && $0 != "*" }
                .split(separator: " ").joined(separator: " ")  // a spaced mark (" on terror ") leaves no space
            let hasToken = phrase.unicodeScalars.contains {
                $0.properties.isAlphabetic || $0.properties.numericType != nil
            }
            guard hasToken else { return }
            let star = prefix ? "*" : ""
            // The index reads ’ as a break but ʼ (a modifier letter) as part of the word: a folded term finds
            // "O'Neill" and "O’Neill", the term as typed a text written "Oʼneill", so a term with a mark asks both.
            let folded = apostrophes(phrase)
            terms.append(folded == phrase ? "\"\(phrase)\"\(star)"
                                          : "(\"\(phrase)\"\(star) OR \"\(folded)\"\(star))")
        }
        var i = 0
        while i < words.count {
            let word = words[i]
            let prefix = word.hasSuffix("*")
            // An opening mark starts a phrase when a later word (or this one, after the mark) ends with a closing one.
            if let first = word.first, openers.contains(first) {
                let rest = word.dropFirst()
                func ends(_ k: Int) -> Bool {
                    let w = k == i ? rest : words[k]
                    return !w.isEmpty && closes(w.hasSuffix("*") ? w.dropLast() : w)
                }
                if let end = (i..<words.count).first(where: ends) {
                    add(words[i...end].joined(separator: " "), prefix: words[end].hasSuffix("*"))
                    i = end + 1
                    continue
                }
            }
            add(word, prefix: prefix)
            i += 1
        }
        return terms.isEmpty ? nil : terms.joined(separator: " ")
    }
}
