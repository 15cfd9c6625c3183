// Decodes an article from a request body: text/plain (raw text, or the seed format with a leading
// `date YYYY-MM-DD`, with optional ?date=, ?title=, ?url= query parameters) or application/json
// {"text","date","title","url"} (then those query parameters are refused, not ignored). Invalid UTF-8, bad
// dates and unknown content types are client errors that name the field. curl's default form content type is
// read as plain text, unless the body is a JSON object (a JSON article sent without its content type: a 415).
// Plain text is decoded in the charset it declares (TextCharset); an unknown one is a 415.
import Foundation
import TextAnalysis

struct ArticleSubmission: Equatable {
    var text: String
    var date: CalendarDate?
    var title: String?
    var url: String?
}

/// A client error while decoding a submission: the status to answer and the field at fault.
struct SubmissionError: Error, Equatable {
    enum Kind: Equatable { case badRequest, unsupportedMediaType }
    let kind: Kind
    let detail: String
    let field: String?
}

enum SubmissionDecoder {
    static func decode(body: [UInt8], contentType: String?, query: [String: String]) throws -> ArticleSubmission {
        let mediaType = (contentType ?? "text/plain").split(separator: ";").first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? "text/plain"
        switch mediaType {
        // curl --data-binary sends application/x-www-form-urlencoded unless told otherwise; such a body is
        // the raw article, not form fields, so it is read as plain text.
        case "text/plain", "", "application/x-www-form-urlencoded":
            if mediaType != "text/plain" || contentType == nil, isJSONObject(body) {
                throw SubmissionError(kind: .unsupportedMediaType,
                                      detail: "the body is a JSON object but its content type is "
                                          + (contentType == nil || mediaType.isEmpty ? "missing" : mediaType)
                                          + " (curl -d's default): send Content-Type: application/json, "
                                          + "or text/plain to analyse the JSON as text", field: nil)
            }
            let text = try charset(contentType, forJSON: false) == .windows1252
                ? TextCharset.decodeWindows1252(body)
                : utf8(body, field: "body",
                       hint: " (for Latin-1 or windows-1252 text, send Content-Type: text/plain; charset=windows-1252)")
            try checkDateLine(text, field: "body")
            return ArticleSubmission(text: text, date: try date(query["date"], field: "date"),
                                     title: query["title"], url: query["url"])
        case "application/json":
            _ = try charset(contentType, forJSON: true)
            // The JSON carries these as fields; a query parameter beside it would be silently ignored.
            if let name = ["date", "title", "url"].first(where: { query[$0] != nil }) {
                throw SubmissionError(kind: .badRequest,
                                      detail: "query parameter '\(name)' is for text/plain bodies; "
                                          + "send \"\(name)\" in the JSON object", field: name)
            }
            return try decodeJSON(body)
        default:
            throw SubmissionError(kind: .unsupportedMediaType,
                                  detail: "content type \(mediaType) is not supported; send text/plain or application/json",
                                  field: nil)
        }
    }

    /// Whether a body is one JSON object (first and last visible bytes braces, and it parses). Sent without a
    /// content type or as curl -d's default form type, such a body is a JSON article whose sender forgot
    /// `-H 'Content-Type: application/json'`: read as text it was analysed (and stored) as an article whose
    /// words are the JSON source, "text" and all, with no date. Only a declared text/plain body is such text.
    static func isJSONObject(_ body: [UInt8]) -> Bool {
        let visible = { (b: UInt8) in b != 0x20 && b != 0x09 && b != 0x0A && b != 0x0D }
        guard let first = body.firstIndex(where: visible), body[first] == UInt8(ascii: "{"),
              let last = body.lastIndex(where: visible), body[last] == UInt8(ascii: "}") else { return false }
        return (try? JSONSerialization.jsonObject(with: Data(body))) is [String: Any]
    }

    /// The charset a body's Content-Type declares (UTF-8 when it names none); one not supported is a 415. JSON
    /// exchanged between systems is UTF-8 (RFC 8259): a JSON body labelled otherwise would be misread.
    static func charset(_ contentType: String?, forJSON: Bool) throws -> TextCharset {
        guard let label = TextCharset.label(in: contentType) else { return .utf8 }
        guard let charset = TextCharset.named(label), !forJSON || charset == .utf8 else {
            let hint = forJSON ? " for JSON; send UTF-8" : "; send UTF-8, ISO-8859-1 or windows-1252"
            throw SubmissionError(kind: .unsupportedMediaType, detail: "charset \(label) is not supported" + hint,
                                  field: nil)
        }
        return charset
    }

    /// The members an article object may have.
    static let jsonFields = ["text", "date", "title", "url"]
    /// Deepest nesting accepted in an article object (RELIABILITY.md 6.1; the fields are flat strings anyway).
    static let maxJSONDepth = 32

    /// Decodes one JSON article: the request body, or (`source` "line") one line of NDJSON, which the errors name.
    static func decodeJSON(_ body: [UInt8], source: String = "body") throws -> ArticleSubmission {
        _ = try utf8(body, field: source)
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: Data(body)) } catch {
            throw SubmissionError(kind: .badRequest, detail: "the \(source) is not valid JSON", field: source)
        }
        guard let dict = object as? [String: Any] else {
            throw SubmissionError(kind: .badRequest, detail: "the \(source) must be a JSON object", field: source)
        }
        // JSONSerialization keeps one value of a repeated name without a word (which one differs between parsers,
        // RFC 7493 forbids repeats), and a misspelt or extra member ("published") would be dropped silently,
        // leaving, say, an article without its date.
        let (names, depth) = JSONMembers.scan(body)
        if depth > maxJSONDepth {
            throw SubmissionError(kind: .badRequest,
                                  detail: "the \(source) nests JSON deeper than \(maxJSONDepth) levels", field: source)
        }
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            throw SubmissionError(kind: .badRequest, detail: "\"\(name)\" is given twice", field: name)
        }
        if let unknown = names.first(where: { !jsonFields.contains($0) }) {
            throw SubmissionError(kind: .badRequest,
                                  detail: "\"\(unknown)\" is not an article field (known: text, date, title, url)",
                                  field: unknown)
        }
        return try submission(from: dict)
    }

    /// Builds a submission from a decoded JSON object (also used for NDJSON batch lines).
    static func submission(from dict: [String: Any]) throws -> ArticleSubmission {
        guard let text = dict["text"] as? String else {
            throw SubmissionError(kind: .badRequest, detail: "\"text\" is required and must be a string", field: "text")
        }
        func optionalString(_ key: String) throws -> String? {
            guard let v = dict[key], !(v is NSNull) else { return nil }
            guard let s = v as? String else {
                throw SubmissionError(kind: .badRequest, detail: "\"\(key)\" must be a string", field: key)
            }
            return s
        }
        try checkDateLine(text, field: "text")
        return ArticleSubmission(text: text, date: try date(try optionalString("date"), field: "date"),
                                 title: try optionalString("title"), url: try optionalString("url"))
    }

    /// `hint` follows the error's detail: how a text/plain sender declares a legacy charset (JSON has none).
    static func utf8(_ body: [UInt8], field: String, hint: String = "") throws -> String {
        do { return try ArticleInput.decodeUTF8(body) } catch {
            throw SubmissionError(kind: .badRequest, detail: "\(error)" + hint, field: field)
        }
    }

    /// Why a text starting with `date YYYY-MM-DD` that is not a real date (`date 2021-02-30`) is refused, or nil.
    /// The analysis would read such a line as body text and give the article no date, silently; the sender
    /// meant a date, so the answer names it (as a bad "date" field does).
    static func invalidDateLine(_ text: String) -> String? {
        // The prefix is near the start: a bounded look keeps a 10 MB body from being copied for it.
        guard case .invalid(let value) = ArticleInput.datePrefix(in: Array(text.unicodeScalars.prefix(256))) else {
            return nil
        }
        return "the text starts with 'date \(value)', which is not a real YYYY-MM-DD date"
    }

    /// Refuses to store an article with no text (empty, only whitespace, control or format characters such as
    /// NUL or U+200B, which the tokenizer skips, or only a `date` line): it would be an empty row in every list.
    /// POST /analyze still answers an empty analysis for it.
    static func requireText(_ submission: ArticleSubmission, field: String) throws {
        let text = submission.text
        var bodyStart = 0
        if case .valid(_, let start) = ArticleInput.datePrefix(in: Array(text.unicodeScalars.prefix(256))) {
            bodyStart = start
        }
        let visible = text.unicodeScalars.dropFirst(bodyStart).contains { scalar in
            let p = scalar.properties
            return !p.isWhitespace && p.generalCategory != .control && p.generalCategory != .format
        }
        guard visible else {
            throw SubmissionError(kind: .badRequest, detail: "the article has no text to store", field: field)
        }
    }

    static func checkDateLine(_ text: String, field: String) throws {
        if let problem = invalidDateLine(text) {
            throw SubmissionError(kind: .badRequest, detail: problem, field: field)
        }
    }

    static func date(_ value: String?, field: String) throws -> CalendarDate? {
        guard let value, !value.isEmpty else { return nil }
        guard let d = CalendarDate(iso: value) else {
            throw SubmissionError(kind: .badRequest, detail: "\(field) '\(value)' is not a valid YYYY-MM-DD date",
                                  field: field)
        }
        return d
    }
}

/// The member names of a JSON object's top level and how deep its values nest, read from the bytes of a text that
/// JSONSerialization already accepted as one object (which keeps neither repeats nor depth).
enum JSONMembers {
    static func scan(_ bytes: [UInt8]) -> (names: [String], depth: Int) {
        var names: [String] = []
        var depth = 0, maxDepth = 0
        var inString = false, escaped = false, expectingName = false
        var stringStart = 0
        for (i, b) in bytes.enumerated() {
            if inString {
                if escaped {
                    escaped = false
                } else if b == UInt8(ascii: "\\") {
                    escaped = true
                } else if b == UInt8(ascii: "\"") {
                    inString = false
                    if expectingName {
                        expectingName = false
                        // The name's own JSON decoding, so "te\u0078t" is text.
                        let literal = Data(bytes[stringStart...i])
                        if let name = try? JSONSerialization.jsonObject(with: literal, options: .fragmentsAllowed)
                            as? String {
                            names.append(name)
                        }
                    }
                }
                continue
            }
            switch b {
            case UInt8(ascii: "\""):
                inString = true
                stringStart = i
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                maxDepth = max(maxDepth, depth)
                expectingName = depth == 1 && b == UInt8(ascii: "{")
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: ","):
                expectingName = depth == 1
            default:
                break
            }
        }
        return (names, maxDepth)
    }
}
