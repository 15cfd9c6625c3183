// Reads the service configuration file: one `key value` pair per line, `#` comments, blank lines ignored
// (the redis.conf shape). Keys are kebab-case; the same keys are accepted as BYLINE_* environment variables
// (BYLINE_MAX_BODY_SIZE for max-body-size). Only the raw strings are read here; Config validates them.
import Foundation

public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

public enum ConfigFile {
    /// One setting as written, with where it came from for error messages.
    public struct Entry: Equatable {
        public let key: String
        public let value: String
        public let origin: String
    }

    public static func parse(_ text: String, path: String) throws -> [Entry] {
        var entries: [Entry] = []
        // LF or CRLF (a CRLF file read as one line had its first key's value swallow every later line).
        for (i, raw) in text.textLines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let origin = "\(path):\(i + 1)"
            guard let space = line.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
                throw ConfigError("\(origin): key '\(line)' has no value")
            }
            let key = String(line[..<space])
            var value = line[space...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            entries.append(Entry(key: key, value: value, origin: origin))
        }
        return entries
    }

    public static func load(path: String) throws -> [Entry] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError("cannot read config file \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError("config file \(path) is not UTF-8")
        }
        return try parse(text, path: path)
    }

    /// BYLINE_* variables that name a setting, as entries (BYLINE_MAX_BODY_SIZE → max-body-size). Other
    /// BYLINE_* names (BYLINE_RESOURCES, a script's BYLINE_BIN) are not settings and are left alone; a bad
    /// value of a known one still stops startup.
    public static func environment(_ env: [String: String]) -> [Entry] {
        env.keys.sorted().compactMap { name in
            guard name.hasPrefix("BYLINE_"), let value = env[name] else { return nil }
            let key = name.dropFirst("BYLINE_".count).lowercased().replacingOccurrences(of: "_", with: "-")
            guard Config.keys.contains(key) else { return nil }
            return Entry(key: key, value: value, origin: "environment \(name)")
        }
    }
}
