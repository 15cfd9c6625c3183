// The resource loader's line reader: data lines without blanks and comments, as the Foundation-based reader it
// replaced returned them, for every bundled text resource and for odd blanks; Windows line ends; invalid UTF-8.
import Foundation
import Testing
@testable import TextAnalysis

@Suite struct ResourceLoaderTests {
    /// The reader before it was made to scan scalars and bytes: Foundation's trimming, then a blank or "#" test
    /// (its lines cut at line feeds, which the old reader did for every file without CR LF).
    static func referenceLines(_ text: String) -> [(number: Int, text: String)] {
        var out: [(number: Int, text: String)] = []
        for (i, raw) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map(Substring.init)
            .enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            out.append((i + 1, String(line)))
        }
        return out
    }

    static let textResources: [String] = {
        let root = TestResources.loader.directory
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL } ?? []
        return files.filter { ["tsv", "txt"].contains($0.pathExtension) }
            .map { String($0.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)) }
            .sorted()
    }()

    @Test func everyBundledTextResourceReadsAsBefore() throws {
        #expect(Self.textResources.count >= 20)
        for file in Self.textResources {
            let data = try TestResources.loader.data(file)
            let text = try TestResources.loader.string(file)
            #expect(text == String(data: data, encoding: .utf8), "\(file)")
            let got = try TestResources.loader.lines(file), want = Self.referenceLines(text)
            #expect(got.map(\.number) == want.map(\.number), "\(file)")
            #expect(got.map(\.text) == want.map(\.text), "\(file)")
        }
    }

    /// A loader over a fresh temporary folder holding `files` (name -> bytes), removed after `body`.
    static func withFiles(_ files: [String: Data], _ body: (ResourceLoader) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("byline-resources-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, data) in files { try data.write(to: dir.appendingPathComponent(name)) }
        try body(ResourceLoader(directory: dir))
    }

    @Test(arguments: ["a\tb", "  # comment", "\t\t", "", "\u{A0}\u{3000}", "\u{A0}x", "\u{200B}", "#", " #x",
                      "x # y", "\u{2003}#", "é", "\u{301}x", "a\r", " \r", "#\r", "\u{1680}", "\u{200A}", "\u{202F}",
                      "\u{205F}", "\u{180E}", "\u{FEFF}", "\u{2028}", "\u{85}", "\u{B}", "\u{C}", "\u{1F}"])
    func blankAndCommentLinesAreTheFoundationReadersOnes(_ line: String) throws {
        let text = "first\n" + line + "\nlast"
        try Self.withFiles(["f.tsv": Data(text.utf8)]) { loader in
            let got = try loader.lines("f.tsv"), want = Self.referenceLines(text)
            #expect(got.map(\.number) == want.map(\.number))
            #expect(got.map(\.text) == want.map(\.text))
        }
    }

    /// Regression: a file with Windows line ends was one line (CR LF is one Character, and lines were cut at the
    /// Character "\n"); it reads as its LF form does.
    @Test func windowsLineEndsReadAsUnixOnes() throws {
        let unix = "a\tb\n# comment\n\n  \nd e\n"
        let files = ["lf.tsv": Data(unix.utf8), "crlf.tsv": Data(unix.replacingOccurrences(of: "\n", with: "\r\n").utf8)]
        try Self.withFiles(files) { loader in
            let lf = try loader.lines("lf.tsv"), crlf = try loader.lines("crlf.tsv")
            #expect(lf.map(\.number) == [1, 5] && lf.map(\.text) == ["a\tb", "d e"])
            #expect(crlf.map(\.number) == lf.map(\.number))
            #expect(crlf.map(\.text) == lf.map(\.text))
        }
    }

    @Test func invalidUTF8IsAClearError() throws {
        try Self.withFiles(["bad.tsv": Data([0x61, 0xFF, 0x62])]) { loader in
            do {
                _ = try loader.string("bad.tsv")
                Issue.record("a file with a 0xFF byte was read as UTF-8")
            } catch {
                #expect("\(error)" == "resource bad.tsv is not UTF-8")
            }
        }
    }
}
