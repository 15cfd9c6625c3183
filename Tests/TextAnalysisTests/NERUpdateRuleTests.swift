// Tests of how the tagger's training sizes an update (NERUpdateRule, NERTrainer.Perceptron): one sentence of a
// hand-made corpus goes through one training epoch and the weights must move by exactly tau times
// phi(gold) - phi(predicted), tau worked out by hand from the PA-I formula (or 1 for the perceptron). Emission
// and transition weights start from the figures in the table (transitions at zero), so which labels the decoder
// predicts, with and without cost augmentation, is known.
import Testing
@testable import TextAnalysis

private let L = NERLabels.count
private let O = NERLabels.outside
private let per = NERLabels.label(type: 0, part: .unit), org = NERLabels.label(type: 1, part: .unit)

struct UpdateCase: Sendable, CustomStringConvertible {
    var name: String
    /// feature rows of each token
    var rows: [[Int32]]
    var gold: [Int]
    /// starting emission weights: (row, label, value)
    var start: [(Int32, Int, Float)]
    /// nil: the perceptron
    var cap: Double?
    var lossAugmented = false
    var boundaryCost = 0.0
    /// AROW's regularizer r (nil: PA-I or the perceptron)
    var arow: Double? = nil
    /// what the training decoder must predict, and the step that follows
    var predicted: [Int]
    var tau: Float
    var description: String { name }
}

// Figures: cost = wrong tokens; margin = score(gold) - score(predicted) without the cost; norm = squared length of
// phi(gold) - phi(predicted) over emission rows and transitions (start, between tokens, end).
private let cases: [UpdateCase] = [
    // O outscores gold by 1: cost 1, margin -1, loss 2; rows 0 and 1 x (U-PER, O) = 4, start and end x 2 = 4: 2 / 8
    UpdateCase(name: "PA below the cap", rows: [[0, 1]], gold: [per], start: [(0, O, 1)], cap: 1,
               predicted: [O], tau: 0.25),
    UpdateCase(name: "PA at the cap", rows: [[0, 1]], gold: [per], start: [(0, O, 1)], cap: 0.1,
               predicted: [O], tau: 0.1),
    UpdateCase(name: "PA, cost-augmented, same prediction", rows: [[0, 1]], gold: [per], start: [(0, O, 1)],
               cap: 1, lossAugmented: true, predicted: [O], tau: 0.25),
    // gold leads O by 0.3: right without the cost, nothing moves
    UpdateCase(name: "PA, right by a margin below the cost", rows: [[0, 1]], gold: [per],
               start: [(0, per, 0.5), (0, O, 0.2)], cap: 1, predicted: [per], tau: 0),
    // with the cost O scores 1.2 against gold's 0.5 (other labels 1): margin 0.3, loss 0.7, norm 8
    UpdateCase(name: "PA, cost-augmented finds the margin violation", rows: [[0, 1]], gold: [per],
               start: [(0, per, 0.5), (0, O, 0.2)], cap: 1, lossAugmented: true, predicted: [O], tau: 0.0875),
    UpdateCase(name: "PA, cost-augmented at the cap", rows: [[0, 1]], gold: [per],
               start: [(0, per, 0.5), (0, O, 0.2)], cap: 0.05, lossAugmented: true, predicted: [O], tau: 0.05),
    // types swapped on two tokens that share row 0: its differences cancel. Cost 2, margin -2, loss 4; rows 1, 2
    // give 4, transitions 6 (start, between, end: 2 each): 4 / 10 (ignoring the cancellation would give 4 / 14)
    UpdateCase(name: "PA, shared row cancels", rows: [[0, 1], [0, 2]], gold: [per, org],
               start: [(1, org, 1), (2, per, 1)], cap: 1, predicted: [org, per], tau: 0.4),
    // U-PER is a span's edge: the wrong token costs 1 + 1, loss 3, norm 8
    UpdateCase(name: "PA, edge error costs more", rows: [[0, 1]], gold: [per], start: [(0, O, 1)], cap: 1,
               boundaryCost: 1, predicted: [O], tau: 0.375),
    // AROW's first step, every variance still 1: loss 2 over (norm 8 + r 8) = 0.125, whatever the cap
    UpdateCase(name: "AROW, first step", rows: [[0, 1]], gold: [per], start: [(0, O, 1)], cap: 0.01, arow: 8,
               predicted: [O], tau: 0.125),
    UpdateCase(name: "perceptron", rows: [[0, 1]], gold: [per], start: [(0, O, 1)], cap: nil,
               predicted: [O], tau: 1),
    UpdateCase(name: "perceptron, right by a margin", rows: [[0, 1]], gold: [per],
               start: [(0, per, 0.5), (0, O, 0.2)], cap: nil, predicted: [per], tau: 0),
]

/// The transition index of `previous` -> `next` (nil: sentence start / end), as NERDecoder lays them out.
private func transition(_ previous: Int?, _ next: Int?) -> Int {
    guard let next else { return (L + 1) * L + previous! }
    return ((previous ?? -1) + 1) * L + next
}

@Test(arguments: cases)
func updateMovesWeightsByTheRulesStep(_ t: UpdateCase) {
    var corpus = NERTrainer.Corpus()
    for (i, rows) in t.rows.enumerated() {
        corpus.rows += rows
        corpus.tokenStart.append(corpus.rows.count)
        corpus.gold.append(t.gold[i])
    }
    corpus.sentenceStart.append(corpus.gold.count)
    corpus.sentenceDoc.append(0)
    corpus.sentenceWeight.append(1)
    let rowCount = Int(t.rows.flatMap { $0 }.max()!) + 1
    var p = NERTrainer.Perceptron(rows: rowCount)
    for (r, label, v) in t.start { p.w[Int(r) * L + label] = v }
    let before = p.w
    var rng = SplitMix64(seed: 1)
    let rule = NERUpdateRule(aggressiveness: t.cap, lossAugmented: t.lossAugmented, boundaryCost: t.boundaryCost,
                             arow: t.arow)
    let wrong = p.epoch(corpus, order: [0], rule: rule, rng: &rng)
    #expect(wrong == (t.predicted == t.gold ? 0 : 1))

    // the expected difference phi(gold) - phi(predicted), built entry by entry
    var delta = [Float](repeating: 0, count: before.count)
    var tdelta = [Float](repeating: 0, count: NERDecoder.transitionCount)
    for (i, rows) in t.rows.enumerated() where t.gold[i] != t.predicted[i] {
        for r in rows { delta[Int(r) * L + t.gold[i]] += 1; delta[Int(r) * L + t.predicted[i]] -= 1 }
    }
    if t.gold != t.predicted {
        let n = t.gold.count
        for i in 0...n {
            let g = transition(i == 0 ? nil : t.gold[i - 1], i == n ? nil : t.gold[i])
            let q = transition(i == 0 ? nil : t.predicted[i - 1], i == n ? nil : t.predicted[i])
            tdelta[g] += 1
            tdelta[q] -= 1
        }
    }
    for k in before.indices {
        #expect(abs(p.w[k] - (before[k] + t.tau * delta[k])) < 1e-6, "weight \(k / L), label \(k % L)")
    }
    for k in tdelta.indices {
        #expect(abs(p.tw[k] - t.tau * tdelta[k]) < 1e-6, "transition \(k)")
    }
    // averaging: after one sentence (c = 2) the average is halfway between the start and the new weights
    let (avg, _) = p.averaged()
    for k in before.indices {
        #expect(abs(avg[k] - (before[k] + t.tau * delta[k] / 2)) < 1e-6, "averaged weight \(k)")
    }
}

/// The PA-I step itself: (cost - margin) / norm, capped, and zero when nothing is to be corrected or moved.
@Test(arguments: [
    (Float(1), Float(-1), Float(8), Float(1), Float(0.25)),
    (1, -1, 8, 0.1, 0.1),
    (3, 0, 10, 1, 0.3),
    (1, 1, 8, 1, 0),        // margin already covers the cost
    (1, 2, 8, 1, 0),
    (2, 0, 0, 1, 0),        // nothing to move
])
func paStepIsCappedLossOverNorm(cost: Float, margin: Float, norm: Float, cap: Float, tau: Float) {
    #expect(abs(NERUpdateRule.step(cost: cost, margin: margin, normSquared: norm, cap: cap) - tau) < 1e-7)
}

/// A wrong token costs 1, and 1 + boundaryCost when its gold or predicted label is a span's edge (B, L, U).
@Test(arguments: [
    ("O", "O", 0.5, Float(0)),
    ("U-PER", "U-PER", 0.5, 0),
    ("U-PER", "O", 0.0, 1),
    ("U-PER", "O", 0.5, 1.5),
    ("O", "B-ORG", 0.5, 1.5),
    ("L-LOC", "I-LOC", 0.5, 1.5),
    ("I-LOC", "I-ORG", 0.5, 1),      // inside a span on both sides: type only
    ("I-MISC", "O", 2.0, 1),
])
func tokenCostWeighsSpanEdges(gold: String, predicted: String, boundary: Double, cost: Float) {
    let rule = NERUpdateRule(aggressiveness: 1, lossAugmented: true, boundaryCost: boundary)
    let g = NERLabels.names.firstIndex(of: gold)!, p = NERLabels.names.firstIndex(of: predicted)!
    #expect(rule.tokenCost(gold: g, predicted: p) == cost)
}

/// AROW's variances shrink where the update touched (sigma -= beta sigma^2 delta^2, beta = 1 / (v + r)) and stay 1
/// elsewhere, so a feature updated often moves less each time.
@Test func arowShrinksTheVariancesOfTouchedWeightsOnly() {
    var corpus = NERTrainer.Corpus()
    corpus.rows = [0, 1]
    corpus.tokenStart.append(2)
    corpus.gold = [per]
    corpus.sentenceStart.append(1)
    corpus.sentenceDoc.append(0)
    corpus.sentenceWeight.append(1)
    var p = NERTrainer.Perceptron(rows: 3)
    p.w[O] = 1
    var rng = SplitMix64(seed: 1)
    let rule = NERUpdateRule(aggressiveness: 0.01, lossAugmented: false, arow: 8)
    _ = p.epoch(corpus, order: [0], rule: rule, rng: &rng)
    // v = 8 (norm, every variance 1), beta = 1 / 16
    for row in 0..<2 {
        #expect(abs(p.sigma[row * L + per] - 0.9375) < 1e-6)
        #expect(abs(p.sigma[row * L + O] - 0.9375) < 1e-6)
    }
    #expect(p.sigma[2 * L + per] == 1)
    #expect(p.sigma[0 * L + org] == 1)
    #expect(abs(p.tsigma[transition(nil, per)] - 0.9375) < 1e-6)
    // the same sentence again: the step of a touched weight is smaller than the first one
    let first = p.w[per]
    _ = p.epoch(corpus, order: [0], rule: rule, rng: &rng)
    #expect(p.w[per] - first < first)
}
