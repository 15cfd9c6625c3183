// Throughput of the time tagger on a folder of articles (compiled by scripts/bench-time.sh with the module's
// sources, optimized): tagger alone, tokenizer + splitter, and the two together. Usage: bench-time DIR [repeats]
import Foundation

let args = CommandLine.arguments
guard args.count >= 2 else {
    FileHandle.standardError.write("usage: bench-time DIR [repeats]\n".data(using: .utf8)!)
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
let tokenizer = try Tokenizer(resources: resources)
let splitter = try SentenceSplitter(resources: resources)
let tagger = try TimexTagger(resources: resources)
let date = CalendarDate(year: 2021, month: 3, day: 18)!
let docs: [Document] = texts.map { Document(text: $0, date: date) }
print("articles \(texts.count), words \(words)")

func cpuNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

@discardableResult
func measure(_ label: String, _ body: () -> Int) -> Double {
    var best = Double.infinity
    var count = 0
    for _ in 0..<repeats {
        let c0 = cpuNow()
        count = body()
        best = min(best, cpuNow() - c0)
    }
    print("\(label): cpu \(String(format: "%.3f", best)) s, \(Int(Double(words) / best)) words/s (\(count) items)")
    return best
}

measure("time scanner alone") { docs.reduce(0) { $0 + TimeScanner.scan($1.scalars).count } }
let timeOnly = measure("timex tagger alone") {
    docs.reduce(0) { $0 + tagger.tag($1.scalars, reference: date).count }
}
if ProcessInfo.processInfo.environment["BENCH_TIME_ONLY"] != nil { exit(0) }
let base = measure("tokenizer + splitter") {
    docs.reduce(0) { n, d in var d = d; tokenizer.process(&d); splitter.process(&d); return n + d.sentences.count }
}
let both = measure("tokenizer + splitter + timex") {
    docs.reduce(0) { n, d in
        var d = d; tokenizer.process(&d); splitter.process(&d); tagger.process(&d); return n + d.timexes.count
    }
}
print(String(format: "timex adds %.0f%% to tokenizer + splitter (alone: %.0f%% of it)",
             (both - base) / base * 100, timeOnly / base * 100))
