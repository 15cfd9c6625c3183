// `byline score-quotes [--data DIR] [--system FILE.jsonl]` scores quote extraction against PolNeAR-style gold
// (DIR/text/*.txt with DIR/attributions/<article>_<annotator>.ann; the first annotator's file by name when there
// are several). Without --system it analyses each article with the standard components plus the quote extractor
// and also reports how much of the analysis time the quote extractor took. With --system it scores a peer tool's
// JSON lines instead ({"file": "<article>.txt", "quote_chars": [s, e], "speaker_chars": [[s, e], ...]}, as
// ../shared/peers/quotes_textacy.py prints them; offsets in Unicode scalars; an optional "parts": [[s, e], ...]
// scores the words of those pieces instead of the whole range).
import ArgumentParser
import Dispatch
import Foundation
import TextAnalysis

public struct ScoreQuotesCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "score-quotes",
        abstract: "Score quotes (content P/R/F1, speaker accuracy; direct vs indirect) against PolNeAR gold.")

    @Option(help: "PolNeAR split folder holding text/ and attributions/.")
    var data: String = "../shared/data/quotes/polnear/dev"

    @Option(help: "Score these JSON lines (a peer tool's quotes) instead of running Byline.")
    var system: String?

    @Option(help: "Only the first N articles.")
    var limit: Int?

    @Flag(help: "Print one line per article (gold, system, matched).")
    var perArticle = false

    @Option(help: "Also write Byline's quotes here as JSON lines in the --system format (with kind, rule, speaker).")
    var dump: String?

    @Option(help: "Print the quotes (rule, kind, speaker, content) of this one text file and exit.")
    var explain: String?

    public init() {}

    public func run() throws {
        if let explain {
            let resources = try ResourceLoader.bundled()
            var doc = ArticleInput.document(try String(contentsOf: URL(fileURLWithPath: explain), encoding: .utf8))
            let quotes = try QuoteExtractor(resources: resources, overwrite: true)
            for c in try Self.components(resources, quotes: quotes) { c.process(&doc) }
            if ProcessInfo.processInfo.environment["BYLINE_EXPLAIN_SENTENCES"] != nil {
                print(doc.tokens.map { "\($0.text)@\($0.start)" }.joined(separator: " "))
                for (i, p) in doc.paragraphs.enumerated() {
                    for si in p.sentences { print("P\(i) S\(si): \(doc.text(doc.sentences[si].chars))") }
                }
            }
            for q in doc.quotes {
                let who = q.speaker.map { doc.text($0.mention) + " → " + ($0.name ?? "(unresolved)") } ?? "-"
                print("\(q.rule)\t\(q.kind.rawValue)\t\(q.confidence)\t\(who)\t\(doc.text(q.content))")
            }
            return
        }
        let dir = URL(fileURLWithPath: data)
        let fm = FileManager.default
        let texts = try fm.contentsOfDirectory(atPath: dir.appendingPathComponent("text").path)
            .filter { $0.hasSuffix(".txt") }.sorted()
        let anns = try fm.contentsOfDirectory(atPath: dir.appendingPathComponent("attributions").path)
            .filter { $0.hasSuffix(".ann") }.sorted()
        let peer = try system.map(Self.readPeer)
        let resources = try ResourceLoader.bundled()
        let quotes = try QuoteExtractor(resources: resources, overwrite: true)
        let components = try Self.components(resources, quotes: quotes)

        var dumped: [String] = []
        var score = QuoteScore()
        var quoteTime = 0.0, totalTime = 0.0
        for name in texts.prefix(limit ?? texts.count) {
            let stem = String(name.dropLast(4))
            guard let ann = anns.first(where: { $0.hasPrefix(stem + "_") }) else { continue }
            let text = try String(contentsOf: dir.appendingPathComponent("text/\(name)"), encoding: .utf8)
            let annText = try String(contentsOf: dir.appendingPathComponent("attributions/\(ann)"), encoding: .utf8)
            var doc = ArticleInput.document(text)
            let gold = PolNeAR.attributions(ann: annText, text: doc.scalars)
            let sys: [ScoredQuote]
            if let peer {
                sys = peer[name] ?? []
            } else {
                for c in components {
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    c.process(&doc)
                    let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
                    totalTime += dt
                    if c.name == quotes.name { quoteTime += dt }
                }
                sys = doc.quotes.map(ScoredQuote.init)
                if dump != nil { dumped += doc.quotes.map { Self.jsonLine(file: name, quote: $0, doc: doc) } }
            }
            let before = score
            score.add(text: doc.scalars, gold: gold, system: sys)
            if perArticle {
                let m = score.matchedGold.reduce(0, +) - before.matchedGold.reduce(0, +)
                print("\(stem)\tgold \(gold.count)\tsystem \(sys.count)\tmatched \(m)")
            }
        }
        if let dump {
            try (dumped.joined(separator: "\n") + "\n").write(toFile: dump, atomically: true, encoding: .utf8)
        }
        print(score.report(title: system.map { "peer \($0)" } ?? "byline quotes"))
        if peer == nil, totalTime > 0 {
            let share = Int((quoteTime / max(1e-9, totalTime - quoteTime) * 100).rounded())
            print(String(format: "analysis %.2f s, of which quotes %.2f s (+%d%% over the other components)",
                         totalTime, quoteTime, share))
        }
    }

    /// The standard components with this quote extractor in place of the standard one (or after the entity
    /// tagger and linker, added when the standard list does not have them yet).
    static func components(_ resources: ResourceLoader, quotes: QuoteExtractor) throws -> [any AnalysisComponent] {
        var list = try Analyzer.standardComponents(resources: resources)
        if let i = list.firstIndex(where: { $0.name == quotes.name }) {
            list[i] = quotes
            return list
        }
        let provided = Set(list.flatMap(\.provides))
        if !provided.contains(.mentions) { list.append(try EntityTagger(resources: resources)) }
        if !provided.contains(.entities) { list.append(try EntityLinker(resources: resources)) }
        list.append(quotes)
        return list
    }

    static func jsonLine(file: String, quote q: Quote, doc: Document) -> String {
        var obj: [String: Any] = ["file": file, "quote_chars": [q.content.start, q.content.end],
                                  "kind": q.kind.rawValue, "rule": q.rule, "confidence": q.confidence,
                                  "quote": doc.text(q.content)]
        if let s = q.speaker {
            obj["speaker_chars"] = [[s.mention.start, s.mention.end]]
            obj["speaker"] = s.name
        }
        if let c = q.cue { obj["cue"] = doc.text(c); obj["cue_chars"] = [c.start, c.end] }
        if !q.parts.isEmpty { obj["parts"] = q.parts.map { [$0.start, $0.end] } }
        let data = (try? JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Peer quotes by article file name.
    static func readPeer(_ path: String) throws -> [String: [ScoredQuote]] {
        var out: [String: [ScoredQuote]] = [:]
        let text = try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let file = obj["file"] as? String, let qc = obj["quote_chars"] as? [Int], qc.count == 2
            else { continue }
            let speakers = (obj["speaker_chars"] as? [[Int]] ?? [])
                .compactMap { $0.count == 2 ? CharRange($0[0], $0[1]) : nil }
            let name = URL(fileURLWithPath: file).lastPathComponent
            var quote = ScoredQuote(content: CharRange(qc[0], qc[1]), speaker: speakers, direct: true)
            quote.parts = (obj["parts"] as? [[Int]] ?? []).compactMap { $0.count == 2 ? CharRange($0[0], $0[1]) : nil }
            out[name, default: []].append(quote)
        }
        return out
    }
}
