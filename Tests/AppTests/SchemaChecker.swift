// A small JSON Schema checker for the subset our OpenAPI document uses ($ref, type (one or a list), required,
// properties, additionalProperties: false, items, enum, oneOf, allOf, minimum, maximum), so tests can hold real
// responses to the schemas.
import Foundation

struct SchemaChecker {
    let document: [String: Any]

    /// Problems found, as "path: what"; empty when `value` matches.
    func check(_ value: Any, against schema: [String: Any], at path: String = "$") -> [String] {
        if let ref = schema["$ref"] as? String { return check(value, against: resolve(ref), at: path) }
        var problems: [String] = []
        if let all = schema["allOf"] as? [[String: Any]] {
            for s in all { problems += check(value, against: s, at: path) }
        }
        if let one = schema["oneOf"] as? [[String: Any]] {
            let matching = one.filter { check(value, against: $0, at: path).isEmpty }.count
            if matching != 1 { problems.append("\(path): matches \(matching) of oneOf") }
        }
        if let choices = schema["enum"] as? [Any], !choices.contains(where: { "\($0)" == "\(value)" }) {
            problems.append("\(path): \(value) not in enum")
        }
        let types: [String] = (schema["type"] as? String).map { [$0] } ?? (schema["type"] as? [String]) ?? []
        if !types.isEmpty, !types.contains(where: { Self.has(value, type: $0) }) {
            problems.append("\(path): \(type(of: value)) is not \(types)")
            return problems
        }
        if let n = value as? NSNumber, !(value is Bool) {
            if let min = schema["minimum"] as? Double, n.doubleValue < min { problems.append("\(path): below minimum") }
            if let max = schema["maximum"] as? Double, n.doubleValue > max { problems.append("\(path): above maximum") }
        }
        if let object = value as? [String: Any] {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                problems.append("\(path): missing \(key)")
            }
            let properties = schema["properties"] as? [String: [String: Any]] ?? [:]
            for (key, sub) in properties {
                if let v = object[key] { problems += check(v, against: sub, at: "\(path).\(key)") }
            }
            if schema["additionalProperties"] as? Bool == false {
                for key in object.keys.sorted() where properties[key] == nil {
                    problems.append("\(path): \(key) is not allowed")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (i, v) in array.enumerated() { problems += check(v, against: items, at: "\(path)[\(i)]") }
        }
        return problems
    }

    func resolve(_ ref: String) -> [String: Any] {
        var node: Any = document
        for part in ref.dropFirst(2).split(separator: "/") {
            node = (node as? [String: Any])?[String(part)] ?? [:]
        }
        return node as? [String: Any] ?? [:]
    }

    /// The schema of a response: paths → path → method → responses → status → content → type → schema.
    func responseSchema(path: String, method: String, status: Int, contentType: String) -> [String: Any]? {
        guard let paths = document["paths"] as? [String: Any], let item = paths[path] as? [String: Any],
              let operation = item[method.lowercased()] as? [String: Any],
              let responses = operation["responses"] as? [String: Any],
              var response = responses[String(status)] as? [String: Any] else { return nil }
        if let ref = response["$ref"] as? String { response = resolve(ref) }
        guard let content = response["content"] as? [String: Any],
              let media = content[contentType] as? [String: Any] else { return nil }
        return media["schema"] as? [String: Any]
    }

    static func has(_ value: Any, type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "boolean":
            // JSON booleans decode as NSNumbers of type char ("c"); integers as "q"/"i"/"l".
            guard let n = value as? NSNumber else { return value is Bool }
            return String(cString: n.objCType) == "c"
        case "integer":
            guard let n = value as? NSNumber, !has(value, type: "boolean") else { return false }
            return n.doubleValue == n.doubleValue.rounded()
        case "number": return value is NSNumber && !has(value, type: "boolean")
        case "string": return value is String
        case "array": return value is [Any]
        case "object": return value is [String: Any]
        default: return false
        }
    }
}
