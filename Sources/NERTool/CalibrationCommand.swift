// `ner-tool calibration --conll dev.txt`: reliability table of the tagger's span confidences (bins of
// confidence against the share of those spans that are exactly right).
import App
import ArgumentParser
import Foundation
import TextAnalysis

struct CalibrationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibration", abstract: "Reliability of span confidences on a gold CoNLL file.")

    @Option(help: "Gold CoNLL file (use dev, not test, when choosing anything).") var conll: String
    @Option(help: "Model file (default: bundled).") var model: String?
    @Option(help: "Number of equal-width bins.") var bins: Int = 10

    func run() throws {
        let tagger = try NERSequenceTagger(resources: try ResourceLoader.bundled(),
                                           model: model.map { URL(fileURLWithPath: $0) })
        guard let data = FileManager.default.contents(atPath: conll),
              let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("cannot read \(conll)")
        }
        let docs = try CoNLL.parse(text, name: conll).documents
        let pairs = NERTrainer.reliability(tagger, dev: docs)
        var count = [Int](repeating: 0, count: bins), right = count
        var sum = [Double](repeating: 0, count: bins)
        for (p, ok) in pairs {
            let b = min(bins - 1, Int(p * Double(bins)))
            count[b] += 1
            sum[b] += p
            if ok { right[b] += 1 }
        }
        print("temperature \(tagger.model.info.temperature); \(pairs.count) predicted spans")
        print("confidence    spans  mean conf  accuracy")
        var ece = 0.0
        for b in 0..<bins where count[b] > 0 {
            let mean = sum[b] / Double(count[b]), acc = Double(right[b]) / Double(count[b])
            ece += Double(count[b]) / Double(pairs.count) * abs(mean - acc)
            let range = "\(f2(Double(b) / Double(bins)))-\(f2(Double(b + 1) / Double(bins)))"
            print("\(range)  \(pad(count[b], 7))  \(f2(mean))       \(f2(acc))")
        }
        print("expected calibration error \(f2(ece))")
    }

    private func f2(_ v: Double) -> String { String(Int((v * 100).rounded())).leftPadded(3).replacingZeroPrefix() }
    private func pad(_ v: Int, _ w: Int) -> String { String(v).leftPadded(w) }
}

extension String {
    func leftPadded(_ w: Int) -> String { String(repeating: " ", count: max(0, w - count)) + self }
    /// "  5" -> "0.05", "100" -> "1.00"
    func replacingZeroPrefix() -> String {
        let v = Int(trimmingCharacters(in: .whitespaces)) ?? 0
        return "\(v / 100).\(v % 100 < 10 ? "0" : "")\(v % 100)"
    }
}
