// Entity-level scoring with conlleval semantics: a predicted entity counts only when its type and both
// boundaries match a gold entity exactly; precision, recall and F1 per type and overall.
public struct NERScore: Sendable, Equatable {
    public struct Counts: Sendable, Equatable {
        public var gold = 0, predicted = 0, correct = 0
        public var precision: Double { predicted == 0 ? 0 : 100 * Double(correct) / Double(predicted) }
        public var recall: Double { gold == 0 ? 0 : 100 * Double(correct) / Double(gold) }
        public var f1: Double {
            let p = precision, r = recall
            return p + r == 0 ? 0 : 2 * p * r / (p + r)
        }
    }

    public var overall = Counts()
    /// by type name (PER, ORG, LOC, MISC)
    public var byType: [String: Counts] = [:]
    public var tokens = 0
    public var tokensCorrect = 0

    public init() {}

    /// Adds one sentence: gold and predicted entity spans.
    public mutating func add(gold: [NERLabels.Span], predicted: [NERLabels.Span], tokenCount: Int,
                             tokenMatches: Int) {
        let goldSet = Set(gold.map { "\($0.tokens.lowerBound) \($0.tokens.upperBound) \($0.type)" })
        tokens += tokenCount
        tokensCorrect += tokenMatches
        for g in gold {
            overall.gold += 1
            byType[NERLabels.types[g.type].rawValue, default: Counts()].gold += 1
        }
        for p in predicted {
            let name = NERLabels.types[p.type].rawValue
            overall.predicted += 1
            byType[name, default: Counts()].predicted += 1
            if goldSet.contains("\(p.tokens.lowerBound) \(p.tokens.upperBound) \(p.type)") {
                overall.correct += 1
                byType[name, default: Counts()].correct += 1
            }
        }
    }

    /// Adds one sentence given IOB tags.
    public mutating func add(goldTags: [String], predictedTags: [String]) {
        add(gold: NERLabels.spans(iob: goldTags), predicted: NERLabels.spans(iob: predictedTags),
            tokenCount: goldTags.count, tokenMatches: zip(goldTags, predictedTags).filter { $0 == $1 }.count)
    }

    /// A conlleval-like report.
    public var report: String {
        func f(_ v: Double) -> String { String(format2: v) }
        var lines: [String] = []
        let acc = tokens == 0 ? 0 : 100 * Double(tokensCorrect) / Double(tokens)
        lines.append("processed \(tokens) tokens with \(overall.gold) phrases; found: \(overall.predicted) phrases; "
                     + "correct: \(overall.correct).")
        lines.append("accuracy: \(f(acc))%; precision: \(f(overall.precision))%; recall: \(f(overall.recall))%; "
                     + "FB1: \(f(overall.f1))")
        for name in NERLabels.types.map(\.rawValue) {
            let c = byType[name] ?? Counts()
            let pad = String(repeating: " ", count: max(0, 17 - name.count))
            lines.append("\(pad)\(name): precision: \(f(c.precision))%; recall: \(f(c.recall))%; FB1: \(f(c.f1))  "
                         + "\(c.predicted)")
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// Two decimals without Foundation's String(format:).
    init(format2 v: Double) {
        let r = (v * 100).rounded() / 100
        let whole = Int(r.rounded(.towardZero))
        let frac = Int((abs(r - Double(whole)) * 100).rounded())
        self = "\(r < 0 && whole == 0 ? "-" : "")\(whole).\(frac < 10 ? "0" : "")\(frac)"
    }
}
