// Reading list-query parameters: only known names are accepted, numbers and dates are checked, and each
// failure is a 400 that names the parameter.
import HTTP1
import TextAnalysis

struct ListParameters {
    let values: [String: String]

    /// Rejects parameters the endpoint does not know, so a typo is not silently ignored.
    init(_ query: QueryParameters, allowed: Set<String>) throws {
        var values: [String: String] = [:]
        for item in query {
            guard allowed.contains(item.name) else {
                throw ParameterError(name: item.name, problem: "is not known here (known: \(allowed.sorted().joined(separator: ", ")))")
            }
            guard values[item.name] == nil else { throw ParameterError(name: item.name, problem: "is given twice") }
            values[item.name] = item.value
        }
        self.values = values
    }

    /// A filter of only spaces (`speaker=%20`) is refused: each list read it its own way (every quote for a
    /// blank speaker, none for a blank entity, every entity for a blank q, a 400 for a blank quote search). An
    /// empty value (`speaker=`, as an empty form field sends it) still means no filter.
    func refuseBlankValues() throws {
        for (name, value) in values.sorted(by: { $0.key < $1.key })
        where !value.isEmpty && value.allSatisfy(\.isWhitespace) {
            throw ParameterError(name: name, problem: "is blank (leave it out, or empty, to filter nothing)")
        }
    }

    func string(_ name: String) -> String? {
        guard let v = values[name], !v.isEmpty else { return nil }
        return v
    }

    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let raw = string(name) else { return nil }
        guard let v = Int(raw), range.contains(v) else {
            throw ParameterError(name: name, problem: "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return v
    }

    func id(_ name: String) throws -> Int64? {
        try int(name, in: 1...Int.max).map(Int64.init)
    }

    /// limit: 1...500, default decided by the store (50).
    func limit() throws -> Int? { try int("limit", in: 1...500) }

    /// A TIMEX-style date bound: YYYY, YYYY-MM or YYYY-MM-DD.
    func dateBound(_ name: String) throws -> String? {
        guard let raw = string(name) else { return nil }
        let parts = raw.split(separator: "-", omittingEmptySubsequences: false)
        let shapeOK = (1...3).contains(parts.count) && parts[0].count == 4
            && parts.dropFirst().allSatisfy { $0.count == 2 } && raw.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "-") }
        let valid = shapeOK && (parts.count < 3 || CalendarDate(iso: raw) != nil)
            && (parts.count < 2 || (1...12).contains(Int(parts[1]) ?? 0))
        guard valid else { throw ParameterError(name: name, problem: "must be a date like 2021, 2021-03 or 2021-03-18") }
        return raw
    }

    /// `from` and `to` bounds, refusing a `from` whose period starts after `to`'s ends (swapped bounds would
    /// otherwise answer an empty list that looks like "nothing there").
    func dateRange() throws -> (from: String?, to: String?) {
        let from = try dateBound("from"), to = try dateBound("to")
        if let from, let to {
            // Periods as YYYY[-MM[-DD]] strings: `from` is after `to` exactly when it sorts after `to` over their
            // common length (equal there, one period holds the other).
            let n = min(from.count, to.count)
            if from.prefix(n) > to.prefix(n) { throw ParameterError(name: "from", problem: "is after to (\(to))") }
        }
        return (from, to)
    }

    /// A comma-separated list of choices (`granularity=day,week`), each checked; nil when not given.
    func list(_ name: String, _ choices: [String]) throws -> [String]? {
        guard let raw = string(name) else { return nil }
        let items = raw.split(separator: ",", omittingEmptySubsequences: false)
            .map { String($0.filter { !$0.isWhitespace }) }
        guard items.allSatisfy(choices.contains) else {
            throw ParameterError(name: name, problem: "must be one or more of \(choices.joined(separator: ", ")), "
                                 + "separated by commas")
        }
        return items
    }

    func oneOf(_ name: String, _ choices: [String]) throws -> String? {
        guard let raw = string(name) else { return nil }
        guard choices.contains(raw) else {
            throw ParameterError(name: name, problem: "must be one of \(choices.joined(separator: ", "))")
        }
        return raw
    }
}
