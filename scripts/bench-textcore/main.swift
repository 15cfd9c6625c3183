// Throughput of the TextAnalysis pipeline on a folder of articles (compiled by scripts/bench-textcore.sh
// together with the module's sources, optimized). Usage: bench-textcore DIR [repeats]
import Foundation

let args = CommandLine.arguments
guard args.count >= 2 else {
    FileHandle.standardError.write("usage: bench-textcore DIR [repeats]\n".data(using: .utf8)!)
    exit(2)
}
let repeats = args.count >= 3 ? Int(args[2]) ?? 3 : 3
var texts: [String] = []
if let walker = FileManager.default.enumerator(atPath: args[1]) {
    for case let path as String in walker where path.hasSuffix(".txt") && !path.hasSuffix("README.TXT") {
        if let s = try? String(contentsOfFile: args[1] + "/" + path, encoding: .utf8) { texts.append(s) }
    }
}
let words = texts.reduce(0) { $0 + $1.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).count }
let resources = ResourceLoader(directory: URL(fileURLWithPath: CommandLine.arguments[0])
    .deletingLastPathComponent().appendingPathComponent("Resources"))
let analyzer = try Analyzer(resources: resources)
let tokenizer = try Tokenizer(resources: resources)
print("articles \(texts.count), words \(words), pipeline: \(analyzer.pipeline.components.map(\.name))")

/// CPU seconds of this thread: the machine is shared, so wall time overstates the cost under load.
func cpuNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func measure(_ label: String, _ body: () -> Int) {
    var best = Double.infinity, bestWall = Double.infinity
    var tokens = 0
    for _ in 0..<repeats {
        let c0 = cpuNow(), t0 = DispatchTime.now().uptimeNanoseconds
        tokens = body()
        best = min(best, cpuNow() - c0)
        bestWall = min(bestWall, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
    }
    func f(_ v: Double) -> String { String(Int(v.rounded())) }
    print("\(label): cpu \(String(format: "%.3f", best)) s (wall \(String(format: "%.3f", bestWall)) s), "
          + "\(f(Double(tokens) / best)) tokens/s, \(f(Double(words) / best)) words/s, "
          + "\(f(Double(texts.count) / best)) articles/s per CPU-second")
}

measure("document scalars only") { texts.reduce(0) { $0 + Document(text: $1).scalars.count / 6 } }
measure("tokenizer") { texts.reduce(0) { $0 + tokenizer.tokenize($1).count } }
measure("analyzer (all components)") { texts.reduce(0) { $0 + analyzer.analyze($1).tokens.count } }
measure("analyzer + JSON") {
    texts.reduce(0) { n, t in
        let d = analyzer.analyze(t)
        return n + d.tokens.count + (AnalysisJSON.encode(d).isEmpty ? 1 : 0)
    }
}

// Where the time goes: CPU seconds per component over all articles (one pass).
var perComponent = [Double](repeating: 0, count: analyzer.pipeline.components.count)
for text in texts {
    var doc = ArticleInput.document(text)
    for (k, c) in analyzer.pipeline.components.enumerated() {
        let c0 = cpuNow()
        c.process(&doc)
        perComponent[k] += cpuNow() - c0
    }
}
for (k, c) in analyzer.pipeline.components.enumerated() {
    print("  \(c.name): cpu \(String(format: "%.3f", perComponent[k])) s, "
          + "\(Int((Double(words) / perComponent[k]).rounded())) words/s")
}

// Hostile shapes: one 10 MB line of words, one without any space, one of punctuation; time must stay linear.
let line = String(repeating: "word, “quoted” U.S. don't 3.5% — ", count: 10_000_000 / 34)
let solid = String(repeating: "ab", count: 5_000_000)
let parens = String(repeating: "(", count: 5_000_000) + "x" + String(repeating: ")", count: 5_000_000)
for (label, text) in [("10 MB line", line), ("10 MB without spaces", solid), ("10 MB of brackets", parens)] {
    var doc = ArticleInput.document(text)
    var parts: [String] = []
    for c in analyzer.pipeline.components {
        let c0 = cpuNow()
        c.process(&doc)
        parts.append("\(c.name) \(String(format: "%.2f", cpuNow() - c0))")
    }
    print("\(label): \(doc.tokens.count) tokens, \(doc.sentences.count) sentences, cpu s: "
          + parts.joined(separator: ", "))
}
