// JSONValue: typed JSON for the query responses, written straight to bytes with object keys sorted. The list
// endpoints used JSONSerialization with .sortedKeys, which on Linux compares keys through the locale (ICU) and
// bridges every row to NSDictionary: for a 50-row page that was nearly all of the request's time.
import TextAnalysis

enum JSONValue {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// Members in any order; encoded sorted by key (UTF-8 byte order).
    case object([(String, JSONValue)])
    /// JSON text encoded elsewhere (the stored analysis), written as it is; empty is written as null.
    case raw([UInt8])

    static func string(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
    static func int(_ v: Int) -> JSONValue { .int(Int64(v)) }
    static func int(_ v: Int64?) -> JSONValue { v.map { .int($0) } ?? .null }

    func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(to: &out)
        return out
    }

    func write(to out: inout [UInt8]) {
        switch self {
        case .string(let s): JSONWriter.appendString(s, to: &out)
        case .int(let v): JSONWriter.appendInt(v, to: &out)
        case .double(let v):
            // JSON has no NaN or infinity; Swift's shortest round-trip form is valid JSON otherwise.
            if v.isFinite { out.append(contentsOf: String(v).utf8) } else { out.append(contentsOf: "null".utf8) }
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .raw(let json): if json.isEmpty { out.append(contentsOf: "null".utf8) } else { out += json }
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let before = { (a: (String, JSONValue), b: (String, JSONValue)) in
                a.0.utf8.lexicographicallyPrecedes(b.0.utf8)
            }
            // RowJSON lists its members in order already; checking is cheaper than sorting a copy.
            let ordered = zip(members, members.dropFirst()).allSatisfy { !before($1, $0) } ? members
                : members.sorted(by: before)
            for (i, member) in ordered.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONWriter.appendString(member.0, to: &out)
                out.append(UInt8(ascii: ":"))
                member.1.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}
