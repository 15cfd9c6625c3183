// Finds the rule, word-list, gazetteer and model files. Tests and deployments can point it at another
// directory; by default it uses the Resources folder bundled with the module.
import Foundation

public struct ResourceError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

public struct ResourceLoader: Sendable {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    /// The bundled resources, or BYLINE_RESOURCES when set (for a deployment that moved them).
    public static func bundled() throws -> ResourceLoader {
        if let env = ProcessInfo.processInfo.environment["BYLINE_RESOURCES"], !env.isEmpty {
            return ResourceLoader(directory: URL(fileURLWithPath: env))
        }
        guard let url = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw ResourceError("TextAnalysis resources not found in the bundle; set BYLINE_RESOURCES")
        }
        return ResourceLoader(directory: url)
    }

    public func url(_ relativePath: String) -> URL { directory.appendingPathComponent(relativePath) }

    public func data(_ relativePath: String) throws -> Data {
        do { return try Data(contentsOf: url(relativePath)) } catch {
            throw ResourceError("cannot read resource \(url(relativePath).path): \(error.localizedDescription)")
        }
    }

    /// The file's bytes mapped into memory instead of read into a buffer: for the entity tagger's files of
    /// megabytes, read once at start, where reading cost a copy and a fresh page of memory per 4 KB.
    public func mappedData(_ relativePath: String) throws -> Data {
        do { return try Data(contentsOf: url(relativePath), options: .alwaysMapped) } catch {
            throw ResourceError("cannot read resource \(url(relativePath).path): \(error.localizedDescription)")
        }
    }

    public func string(_ relativePath: String) throws -> String {
        // Validated from the bytes in place: Foundation's String(data:encoding:) walked the Data through a generic
        // decoder, a fifth of loading the analyzer's half a million lines of word lists.
        let bytes = try data(relativePath)
        let text = bytes.withUnsafeBytes { raw in String(validating: raw.bindMemory(to: UInt8.self), as: UTF8.self) }
        guard let text else { throw ResourceError("resource \(relativePath) is not UTF-8") }
        return text
    }

    /// The data lines of a text resource: comments (#) and blank lines dropped, with 1-based line numbers
    /// so loaders can fail with file and line.
    public func lines(_ relativePath: String) throws -> [(number: Int, text: String)] {
        var out: [(Int, String)] = []
        // Cut at line feed bytes: a split on the Character "\n" never cut at CR LF, one grapheme, so a file saved
        // with Windows line ends read as a single line. It also segmented every grapheme of the file.
        let text = try string(relativePath)
        for (i, bytes) in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let raw = Substring(bytes)
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            // Blank (only CharacterSet.whitespaces: see isBlank) or a comment: decided by the first other character,
            // read by scalars. Foundation's trimmingCharacters went through NSString for every line, most of the
            // analyzer's load time.
            guard let first = line.unicodeScalars.first(where: { !Self.isBlank($0) }), first != "#" else { continue }
            out.append((i + 1, String(line)))
        }
        return out.map { (number: $0.0, text: $0.1) }
    }

    /// A member of CharacterSet.whitespaces as Foundation on Linux has it: tab, a space separator (Zs), and the
    /// zero width space U+200B (Zs in Unicode before 4.0.1).
    static func isBlank(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\u{200B}" || (c.value > 127 && c.properties.generalCategory == .spaceSeparator)
    }
}
