// `ner-tool bench-analysis DIR`: speed of the whole analysis (the standard pipeline, what POST /articles runs) on
// one core over every .txt file under DIR, then how its cost grows with text length (1 KB to 10 MB inputs built
// by concatenating those articles), and peak RSS. scripts/bench-analysis runs it beside spaCy in the same run.
import App
import ArgumentParser
import Foundation
import TextAnalysis

struct BenchAnalysisCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-analysis", abstract: "Full analysis speed in words/s, and its cost by text length.")

    @Argument(help: "Folder of .txt articles (searched recursively).") var folder: String
    @Option(help: "Passes over the folder (the best is reported).") var passes: Int = 3
    @Option(help: "Largest input of the length curve, in bytes (0 skips the curve).") var curveMax: Int = 10_000_000
    @Option(help: "Write the figures as one JSON object to this file.") var jsonOut: String?

    func run() throws {
        let t0 = Date(), c0 = cpuSeconds()
        let analyzer = try Analyzer(resources: try ResourceLoader.bundled())
        let loadMS = Date().timeIntervalSince(t0) * 1000, loadCPUMS = (cpuSeconds() - c0) * 1000
        let texts = BenchCorpus.texts(under: folder)
        let words = texts.reduce(0) { $0 + BenchCorpus.wordCount($1) }
        print("analyzer load: \(Int(loadMS)) ms wall, \(Int(loadCPUMS)) ms CPU; "
              + "\(texts.count) files, \(words) whitespace words")
        guard words > 0 else { throw ValidationError("no .txt articles under \(folder)") }

        var summary: [String: Any] = ["load_ms": loadMS, "articles": texts.count, "words": words]
        var bestCPU = Double.infinity, bestWall = Double.infinity, quotes = 0, timexes = 0, mentions = 0
        for _ in 0..<max(1, passes) {
            let w = Date(), c = cpuSeconds()
            quotes = 0; timexes = 0; mentions = 0
            for text in texts {
                let doc = analyzer.analyze(text)
                mentions += doc.mentions.count; quotes += doc.quotes.count; timexes += doc.timexes.count
            }
            bestCPU = min(bestCPU, cpuSeconds() - c)
            bestWall = min(bestWall, Date().timeIntervalSince(w))
        }
        let wordsPerCPU = Double(words) / bestCPU
        print("full analysis: \(Int(wordsPerCPU)) words/s CPU, \(Int(Double(words) / bestWall)) words/s wall, "
              + "\(Int(Double(texts.count) / bestCPU)) articles/s CPU; "
              + "\(mentions) mentions, \(quotes) quotes, \(timexes) timexes")
        summary["full_words_per_cpu_s"] = wordsPerCPU
        summary["full_words_per_wall_s"] = Double(words) / bestWall
        summary["full_articles_per_cpu_s"] = Double(texts.count) / bestCPU
        let (shares, perComponent) = componentShares(texts, analyzer, words: words)
        summary["component_share"] = shares
        summary["component_words_per_cpu_s"] = perComponent

        if curveMax > 0 {
            summary["curve"] = lengthCurve(texts, analyzer)
        }
        let peakMiB = peakRSSMiB()
        print("peak RSS: \(Int(peakMiB)) MiB")
        summary["peak_rss_mib"] = peakMiB
        if let path = jsonOut {
            let data = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])
            try data.write(to: URL(fileURLWithPath: path))
        }
    }

    /// One more pass over the articles with each component timed: what quotes and time (timex + timeline) add to
    /// the rest of the analysis, the figure issues 4 and 5 cap at 20 %. Measured on the real articles rather than
    /// on the length curve, whose 1 KB point times components of a few microseconds each.
    /// Also each component's own speed, words over its CPU seconds: the figure to compare when one is made faster
    /// (the shares move with every other component).
    private func componentShares(_ texts: [String], _ analyzer: Analyzer,
                                 words: Int) -> ([String: Double], [String: Double]) {
        let components = analyzer.pipeline.components
        var spent = [Double](repeating: 0, count: components.count)
        for text in texts {
            var doc = ArticleInput.document(text, date: nil)
            for (i, component) in components.enumerated() {
                let c = cpuSeconds()
                component.process(&doc)
                spent[i] += cpuSeconds() - c
            }
        }
        let total = spent.reduce(0, +)
        func share(_ names: Set<String>) -> Double {
            let part = zip(components, spent).filter { names.contains($0.0.name) }.reduce(0) { $0 + $1.1 }
            return total > part ? part / (total - part) : 0
        }
        let shares = ["quotes": share(["quotes"]), "time": share(["timex", "timeline"])]
        print("by component over the articles (CPU): "
              + zip(components, spent).map { "\($0.0.name) " + String(format: "%.1f%%", $0.1 / total * 100) }
                .joined(separator: ", ")
              + String(format: "; quotes add %.1f %%, time adds %.1f %% to the rest", shares["quotes"]! * 100,
                       shares["time"]! * 100))
        var perComponent: [String: Double] = [:]
        for (component, cpu) in zip(components, spent) where cpu > 0 {
            perComponent[component.name] = Double(words) / cpu
        }
        print("words/s by component (CPU): "
              + components.compactMap { c in perComponent[c.name].map { "\(c.name) \(Int($0))" } }
                .joined(separator: ", "))
        return (shares, perComponent)
    }

    /// Inputs of 1 KB, 10 KB, ... up to `curveMax` bytes, each made of whole articles joined by blank lines (cut at
    /// a paragraph break), analysed once (small ones repeated to reach a measurable time). Linear cost shows as a
    /// flat µs-per-KB column.
    private func lengthCurve(_ texts: [String], _ analyzer: Analyzer) -> [[String: Any]] {
        let joined = texts.joined(separator: "\n\n")
        var rows: [[String: Any]] = []
        print("length curve (one core, CPU time):")
        let components = analyzer.pipeline.components
        print("  bytes        words     µs/KB    words/s   µs/KB by component")
        var size = 1_000
        while size <= curveMax {
            let input = BenchCorpus.prefix(of: joined, bytes: size)
            let bytes = input.utf8.count, words = BenchCorpus.wordCount(input)
            // Repeat small inputs so each measurement lasts at least ~0.3 s of CPU.
            var repeats = 0, cpu = 0.0
            var byComponent = [Double](repeating: 0, count: components.count)
            while cpu < 0.3 || repeats == 0 {
                var doc = ArticleInput.document(input, date: nil)
                for (i, component) in components.enumerated() {
                    let c = cpuSeconds()
                    component.process(&doc)
                    let spent = cpuSeconds() - c
                    byComponent[i] += spent
                    cpu += spent
                }
                repeats += 1
            }
            let perRun = cpu / Double(repeats)
            let usPerKB = perRun * 1e6 / (Double(bytes) / 1000)
            // Per component µs/KB: a component whose column grows with size is the non-linear one.
            let parts = zip(components, byComponent).map { component, spent in
                "\(component.name) \(Int(spent / Double(repeats) * 1e6 / (Double(bytes) / 1000)))"
            }
            print("  " + pad(bytes, 10) + "  " + pad(words, 9) + "  " + pad(Int(usPerKB), 8) + "  "
                  + pad(Int(Double(words) / perRun), 9) + "   " + parts.joined(separator: ", "))
            rows.append(["bytes": bytes, "words": words, "us_per_kb": usPerKB,
                         "words_per_cpu_s": Double(words) / perRun])
            size *= 10
        }
        return rows
    }

    private func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: " ", count: max(0, width - s.count)) + s
    }

    private func peakRSSMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    private func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// The benchmark corpus: every .txt under a folder (README files skipped), sorted so runs are comparable.
enum BenchCorpus {
    static func texts(under folder: String) -> [String] {
        var texts: [String] = []
        for path in TextFiles.paths(under: folder) where !path.uppercased().hasSuffix("README.TXT") {
            guard let d = FileManager.default.contents(atPath: path) else { continue }
            texts.append(String(decoding: d, as: UTF8.self))
        }
        return texts.sorted()
    }

    /// Words as spaCy's peer script counts them: whitespace-separated runs.
    static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).count
    }

    /// The longest prefix of `text` that ends at a paragraph break and is at most `bytes` long (at least one
    /// paragraph, repeated if the text is shorter than asked).
    static func prefix(of text: String, bytes: Int) -> String {
        var source = text
        while source.utf8.count < bytes { source += "\n\n" + text }
        let utf8 = Array(source.utf8.prefix(bytes))
        var end = utf8.count
        while end > 1, !(utf8[end - 1] == 10 && utf8[end - 2] == 10) { end -= 1 }
        if end <= 1 { end = utf8.count }
        return String(decoding: utf8[..<end], as: UTF8.self)
    }
}
