// JSONValue: typed JSON for the query responses, written straight to bytes with object keys sorted. The list
// endpoints used JSONSerialization with .sortedKeys, which on Linux compares keys through the locale (ICU) and
// bridges every row to NSDictionary: for a 50-row page that was nearly all of the request's time.
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
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .int(let v): JSONValue.writeInt(v, to: &out)
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
                JSONValue.writeString(member.0, to: &out)
                out.append(UInt8(ascii: ":"))
                member.1.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Decimal digits written in place (ids and offsets are most of a row's values).
    static func writeInt(_ v: Int64, to out: inout [UInt8]) {
        if v < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = v.magnitude
        let start = out.count
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        out[start...].reverse()
    }

    /// A JSON string: quote, backslash and control characters escaped, everything else as UTF-8 (like
    /// JSONSerialization with .withoutEscapingSlashes).
    static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        defer { out.append(UInt8(ascii: "\"")) }
        let needsEscape = { (b: UInt8) in b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") }
        guard s.utf8.contains(where: needsEscape) else {
            out.append(contentsOf: s.utf8)
            return
        }
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            default: out.append(b)
            }
        }
    }
}
