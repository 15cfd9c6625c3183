// The client's "return" preference (RFC 7240 §4.2, `Prefer: return=minimal`): a bulk importer that only needs the
// new article's id asks POST /articles to leave the analysis out of the answer (some 8 KB of JSON per news article).
import HTTP1

enum ReturnPreference: Equatable {
    case representation
    case minimal

    /// The preference in the request's Prefer fields: a comma-separated list of `token [= value] *(; parameter)`,
    /// names case-insensitive, values plain or quoted. The first "return" wins (RFC 7240 §2: a repeated preference
    /// may be ignored after its first); anything else, or none, is the default full representation.
    init(_ headers: HTTPHeaders) {
        self = .representation
        for field in headers.values("Prefer") {
            for item in field.split(separator: ",") {
                let preference = item.split(separator: ";", maxSplits: 1).first ?? ""
                let parts = preference.split(separator: "=", maxSplits: 1)
                guard parts.first?.trimmingSpaces().lowercased() == "return" else { continue }
                var value = parts.count > 1 ? parts[1].trimmingSpaces() : ""
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                    value = String(value.dropFirst().dropLast())
                }
                self = value.lowercased() == "minimal" ? .minimal : .representation
                return
            }
        }
    }
}
