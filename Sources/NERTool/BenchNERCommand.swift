// `ner-tool bench DIR`: speed of the entity tagger over every .txt file under DIR (the BBC folder), one core,
// after loading: the project's Tokenizer and SentenceSplitter alone, then with the EntityTagger (with
// confidences). Reports CPU time as well as wall time, since the build machine is shared.
import App
import ArgumentParser
import Foundation
import TextAnalysis

struct BenchNERCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Entity tagger speed in words/s.")

    @Argument(help: "Folder of .txt articles (searched recursively).") var folder: String
    @Option(help: "Passes over the folder (the best is reported).") var passes: Int = 3

    func run() throws {
        let resources = try ResourceLoader.bundled()
        let t0 = Date(), c0 = cpuSeconds()
        let tagger = try EntityTagger(resources: resources)
        let loadTime = Date().timeIntervalSince(t0), loadCPU = cpuSeconds() - c0
        let front = try Pipeline([try Tokenizer(resources: resources), try SentenceSplitter(resources: resources)])
        let texts = BenchCorpus.texts(under: folder)
        let words = texts.reduce(0) { n, t in
            n + t.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).count
        }
        print("entity tagger load: \(Int(loadTime * 1000)) ms wall, \(Int(loadCPU * 1000)) ms CPU; "
              + "\(texts.count) files, \(words) whitespace words")
        guard words > 0 else { return }
        var tokens = 0, mentions = 0
        let frontOnly = best {
            tokens = 0
            for t in texts { var d = Document(text: t); front.run(&d); tokens += d.tokens.count }
        }
        let full = best {
            mentions = 0
            for t in texts {
                var d = Document(text: t)
                front.run(&d)
                tagger.process(&d)
                mentions += d.mentions.count
            }
        }
        func rate(_ t: (cpu: Double, wall: Double)) -> String {
            "\(Int(Double(words) / t.cpu)) words/s CPU (\(Int(Double(tokens) / t.cpu)) tokens/s), "
                + "\(Int(Double(words) / t.wall)) words/s wall"
        }
        print("tokenize+sentences:      \(rate(frontOnly))")
        print("tokenize+sentences+NER:  \(rate(full)); \(tokens) tokens, \(mentions) mentions")
        let nerCPU = full.cpu - frontOnly.cpu
        if nerCPU > 0 { print("NER alone (difference):  \(Int(Double(words) / nerCPU)) words/s CPU") }
    }

    private func best(_ body: () -> Void) -> (cpu: Double, wall: Double) {
        var cpu = Double.infinity, wall = Double.infinity
        for _ in 0..<max(1, passes) {
            let t = Date(), c = cpuSeconds()
            body()
            cpu = min(cpu, cpuSeconds() - c)
            wall = min(wall, Date().timeIntervalSince(t))
        }
        return (cpu, wall)
    }

    private func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// A stand-in tokenizer for cluster training (CoNLL-like tokens without loading the pipeline's rules):
/// whitespace, then leading and trailing punctuation and the clitics 's and n't split off (CoNLL's convention);
/// sentences end at . ! ? tokens and blank lines.
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
