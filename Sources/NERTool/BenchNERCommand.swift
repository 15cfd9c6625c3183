// `ner-tool bench DIR`: words per second of the entity tagger over every .txt file under DIR (the BBC
// folder), one core, after loading. Tokens come from a whitespace-and-punctuation split (SimpleTokens) unless
// a pipeline tokenizer is available; the figure printed says which.
import App
import ArgumentParser
import Foundation
import TextAnalysis

struct BenchNERCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Entity tagger speed in words/s.")

    @Argument(help: "Folder of .txt articles (searched recursively).") var folder: String
    @Option(help: "Passes over the folder.") var passes: Int = 3

    func run() throws {
        // CPU time as well as wall time: the build machine is shared, so wall time includes waiting for a core.
        let t0 = Date(), c0 = cpuSeconds()
        let tagger = try NERSequenceTagger(resources: try ResourceLoader.bundled())
        let loadTime = Date().timeIntervalSince(t0), loadCPU = cpuSeconds() - c0
        var texts: [String] = []
        let files = FileManager.default.enumerator(atPath: folder)
        while let f = files?.nextObject() as? String {
            guard f.hasSuffix(".txt"), let d = FileManager.default.contents(atPath: folder + "/" + f) else { continue }
            texts.append(String(decoding: d, as: UTF8.self))
        }
        texts.sort()
        let t1 = Date()
        let docs = texts.map { SimpleTokens.sentences($0) }
        let tokenizeTime = Date().timeIntervalSince(t1)
        let words = docs.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }
        var mentions = 0
        var best = Double.infinity, bestCPU = Double.infinity
        for _ in 0..<passes {
            let t = Date(), c = cpuSeconds()
            mentions = 0
            for d in docs { mentions += tagger.tag(d).spans.reduce(0) { $0 + $1.count } }
            best = min(best, Date().timeIntervalSince(t))
            bestCPU = min(bestCPU, cpuSeconds() - c)
        }
        print("model load \(Int(loadTime * 1000)) ms wall, \(Int(loadCPU * 1000)) ms CPU; \(texts.count) files, "
              + "\(words) words, \(mentions) mentions")
        guard words > 0 else { return }
        print("tagging (NER incl. confidences): \(Int(Double(words) / bestCPU)) words per CPU second, "
              + "\(Int(Double(words) / best)) words/s wall (best of \(passes)); "
              + "stand-in tokenizer: \(Int(Double(words) / tokenizeTime)) words/s wall")
    }

    private func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// A stand-in tokenizer for benchmarks and cluster training: whitespace, then leading and trailing punctuation
/// and the clitics 's and n't split off (CoNLL's convention); sentences end at . ! ? tokens and blank lines.
enum SimpleTokens {
    static func sentences(_ text: String) -> [[String]] {
        var out: [[String]] = []
        for para in text.components(separatedBy: "\n") {
            var sent: [String] = []
            for raw in para.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }) {
                for t in split(Substring(raw)) {
                    sent.append(t)
                    if t == "." || t == "!" || t == "?" { out.append(sent); sent = [] }
                }
            }
            if !sent.isEmpty { out.append(sent) }
        }
        return out
    }

    static let leading: Set<Character> = ["(", "[", "{", "\"", "'", "`", "\u{201C}", "\u{2018}"]
    static let trailing: Set<Character> = [".", ",", ";", ":", "!", "?", ")", "]", "}", "\"", "'",
                                           "\u{201D}", "\u{2019}"]

    static func split(_ word: Substring) -> [String] {
        var w = word
        var head: [String] = [], tail: [String] = []
        while let f = w.first, leading.contains(f), w.count > 1 { head.append(String(f)); w = w.dropFirst() }
        while let l = w.last, trailing.contains(l), w.count > 1 {
            // keep the period of abbreviations and initials ("U.S.", "J.")
            if l == ".", w.dropLast().contains(".") || (w.count == 2 && w.first!.isUppercase) { break }
            tail.insert(String(l), at: 0)
            w = w.dropLast()
        }
        var mid = [String(w)]
        for clitic in ["n't", "'s", "\u{2019}s"] where w.count > clitic.count && w.lowercased().hasSuffix(clitic) {
            mid = [String(w.dropLast(clitic.count)), String(w.suffix(clitic.count))]
            break
        }
        return head + mid + tail
    }
}
