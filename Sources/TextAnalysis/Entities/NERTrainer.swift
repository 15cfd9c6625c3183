// Trains the entity tagger: a structured averaged perceptron (Collins 2002) over BILOU labels, decoded by the
// same constrained Viterbi as inference, in two stages; Options.update may size its updates by the
// passive-aggressive rule with cost-augmented decoding instead (NERUpdateRule; the installed recipe since
// 2026-12-01). Stage 1 uses local and document-casing features; stage 2 adds stage 1's predictions
// (NERFeatureExtractor.History). Stage 2 learns from stage-1 predictions on training
// documents it did not see (k-fold jackknife), so it meets the same kind of errors at run time.
// Deterministic for a seed: one seeded PRNG shuffles sentences each epoch; hashes and file order do the rest.
// The epoch count of each stage is chosen on dev data, never on test data.
import Foundation

public struct NERTrainer {
    public struct Options: Sendable {
        public var epochs = 10
        public var seed: UInt64 = 1
        public var folds = 5
        public var stages = 2
        /// Word dropout: the share of training tokens, drawn anew each epoch, whose own word identity features
        /// (exact and lower-case form) are hidden, so the model also learns to tag from context, shape, clusters
        /// and gazetteers: what it has for names it never saw in training.
        public var dropout = 0.0
        /// Self-training: pseudo-labelled documents (unlabeled text as tagged by an earlier model) trained on
        /// beside the gold ones, their perceptron updates scaled by `extraWeight`.
        public var extra: [CoNLLDocument] = []
        public var extraWeight = 1.0
        /// How each update is sized: the perceptron's step 1 (default) or PA-I (NERUpdateRule).
        public var update = NERUpdateRule.perceptron
        public var command = ""
        public init() {}
    }

    public let extractor: NERFeatureExtractor
    public init(extractor: NERFeatureExtractor) { self.extractor = extractor }

    static let L = NERLabels.count

    /// Feature keys seen in training, each with a weight row.
    struct FeatureIndex {
        var rows: [UInt64: Int32] = [:]
        var keys: [UInt64] = []
    }

    /// One stage's training data: feature rows per token, gold labels, sentence boundaries.
    struct Corpus {
        var rows: [Int32] = []
        var tokenStart: [Int] = [0]
        var sentenceStart: [Int] = [0]
        var sentenceDoc: [Int] = []
        /// Scale of each sentence's perceptron updates (1 for gold sentences).
        var sentenceWeight: [Float] = []
        var gold: [Int] = []
        /// Each token's first `lexical` rows are its word identity features (exact, lower case): word dropout
        /// skips them.
        static let lexical = 2
        var sentenceCount: Int { sentenceStart.count - 1 }
    }

    func corpus(_ docs: [CoNLLDocument], prepared: [NERFeatureExtractor.Prepared],
                histories: [NERFeatureExtractor.History]?, index: inout FeatureIndex,
                weight: (Int) -> Float = { _ in 1 }) -> Corpus {
        var c = Corpus()
        var keys: [UInt64] = []
        for (d, doc) in docs.enumerated() {
            for (s, sent) in doc.sentences.enumerated() {
                let gold = NERLabels.bilou(iob: sent.tags)
                for i in 0..<sent.tokens.count {
                    keys.removeAll(keepingCapacity: true)
                    extractor.features(prepared[d], sentence: s, token: i, history: histories?[d], into: &keys)
                    // word identity features first (Corpus.lexical), for word dropout
                    let ids = extractor.identityKeys(prepared[d].sentences[s][i])
                    var front = 0
                    for j in keys.indices where keys[j] == ids.0 || keys[j] == ids.1 {
                        keys.swapAt(j, front)
                        front += 1
                    }
                    precondition(front == Corpus.lexical, "identity features missing")
                    for k in keys {
                        if let r = index.rows[k] { c.rows.append(r); continue }
                        let r = Int32(index.keys.count)
                        index.rows[k] = r
                        index.keys.append(k)
                        c.rows.append(r)
                    }
                    c.tokenStart.append(c.rows.count)
                    c.gold.append(gold[i])
                }
                c.sentenceStart.append(c.gold.count)
                c.sentenceDoc.append(d)
                c.sentenceWeight.append(weight(d))
            }
        }
        return c
    }

    /// Weights being learned plus the sums that turn them into averages (the "lazy" averaging trick:
    /// average = w - u / c, where u accumulates c times each update).
    struct Perceptron {
        var w: [Float], u: [Float], tw: [Float], tu: [Float]
        var c: Float = 1

        init(rows: Int) {
            w = [Float](repeating: 0, count: rows * NERTrainer.L)
            u = w
            tw = [Float](repeating: 0, count: NERDecoder.transitionCount)
            tu = tw
        }

        mutating func grow(rows: Int) {
            let n = rows * NERTrainer.L
            if w.count < n {
                w += [Float](repeating: 0, count: n - w.count)
                u += [Float](repeating: 0, count: n - u.count)
            }
        }

        /// One pass over the chosen sentences; returns how many were decoded wrongly. With `dropout` > 0 each
        /// token's identity rows are skipped with that probability (drawn from `rng`). `rule` sizes the updates
        /// (NERUpdateRule); the perceptron's path below is kept as it was, so its models stay bit for bit the same.
        mutating func epoch(_ corpus: Corpus, order: [Int], dropout: Double = 0,
                            rule: NERUpdateRule = .perceptron, rng: inout SplitMix64) -> Int {
            let L = NERTrainer.L
            var emissions = [Float](), work = [Float](), pred = [Int]()
            var errors = 0
            var first = [Int]()
            let threshold = UInt64(dropout * Double(UInt64.max >> 11)) << 11
            for s in order {
                let t0 = corpus.sentenceStart[s], t1 = corpus.sentenceStart[s + 1], n = t1 - t0
                if emissions.count < n * L { emissions = [Float](repeating: 0, count: n * L) }
                // the first row each token uses: past its identity rows when they are dropped
                first.removeAll(keepingCapacity: true)
                for i in 0..<n {
                    let dropped = dropout > 0 && rng.next() < threshold
                    first.append(corpus.tokenStart[t0 + i] + (dropped ? Corpus.lexical : 0))
                }
                w.withUnsafeBufferPointer { wp in
                    emissions.withUnsafeMutableBufferPointer { e in
                        for i in 0..<n {
                            let out = e.baseAddress! + i * L
                            for j in 0..<L { out[j] = 0 }
                            for k in first[i]..<corpus.tokenStart[t0 + i + 1] {
                                let row = wp.baseAddress! + Int(corpus.rows[k]) * L
                                for j in 0..<L { out[j] += row[j] }
                            }
                        }
                    }
                }
                if rule.aggressiveness != nil && rule.lossAugmented {
                    for i in 0..<n {
                        let g = corpus.gold[t0 + i]
                        for j in 0..<L { emissions[i * L + j] += rule.tokenCost(gold: g, predicted: j) }
                    }
                }
                emissions.withUnsafeBufferPointer { e in
                    tw.withUnsafeBufferPointer { tr in
                        NERDecoder.viterbi(emissions: e.baseAddress!, count: n, transitions: tr.baseAddress!,
                                           work: &work, into: &pred)
                    }
                }
                if let cap = rule.aggressiveness {
                    if passiveAggressive(corpus, sentence: s, first: first, predicted: pred, emissions: emissions,
                                         cap: Float(cap), rule: rule) {
                        errors += 1
                    }
                    c += 1
                    continue
                }
                var wrong = false
                let sw = corpus.sentenceWeight[s], swc = sw * c
                for i in 0..<n where pred[i] != corpus.gold[t0 + i] {
                    wrong = true
                    let g = corpus.gold[t0 + i], p = pred[i]
                    for k in first[i]..<corpus.tokenStart[t0 + i + 1] {
                        let r = Int(corpus.rows[k]) * L
                        w[r + g] += sw; u[r + g] += swc
                        w[r + p] -= sw; u[r + p] -= swc
                    }
                }
                if wrong {
                    errors += 1
                    func bump(_ k: Int, _ v: Float) { tw[k] += v; tu[k] += v * c }
                    for i in 0...n {
                        let gPrev = i == 0 ? -1 : corpus.gold[t0 + i - 1], pPrev = i == 0 ? -1 : pred[i - 1]
                        let gk = i == n ? (L + 1) * L + gPrev : (gPrev + 1) * L + corpus.gold[t0 + i]
                        let pk = i == n ? (L + 1) * L + pPrev : (pPrev + 1) * L + pred[i]
                        if gk != pk { bump(gk, sw); bump(pk, -sw) }
                    }
                }
                c += 1
            }
            return errors
        }

        /// Scratch for the PA step: the feature difference phi(gold) - phi(predicted) of one sentence, dense,
        /// with the indices it touched (an index may be listed twice; it is read once, then zeroed).
        var delta: [Float] = [], touched: [Int] = [], tdelta: [Float] = []
        /// AROW's per-weight variances (NERUpdateRule.arow), made on first use.
        var sigma: [Float] = [], tsigma: [Float] = []
        var moved: [(index: Int, value: Float)] = []

        /// The PA-I update of one decoded sentence (NERUpdateRule): returns whether the prediction was wrong.
        /// `emissions` are the scores the decoder saw (cost-augmented when `rule.lossAugmented`), from the rows past
        /// `first[i]` of each token, so margin and difference cover the same features.
        mutating func passiveAggressive(_ corpus: Corpus, sentence s: Int, first: [Int], predicted pred: [Int],
                                        emissions e: [Float], cap: Float, rule: NERUpdateRule) -> Bool {
            let L = NERTrainer.L
            let t0 = corpus.sentenceStart[s], n = corpus.sentenceStart[s + 1] - t0
            if delta.count < w.count { delta = [Float](repeating: 0, count: w.count) }
            if tdelta.isEmpty { tdelta = [Float](repeating: 0, count: tw.count) }
            var cost: Float = 0, margin: Float = 0
            touched.removeAll(keepingCapacity: true)
            for i in 0..<n where pred[i] != corpus.gold[t0 + i] {
                let g = corpus.gold[t0 + i], p = pred[i]
                let ci = rule.tokenCost(gold: g, predicted: p)
                cost += ci
                // the decoder's score of p carried the cost; the margin is between the model's own scores
                margin += e[i * L + g] - e[i * L + p] + (rule.lossAugmented ? ci : 0)
                for k in first[i]..<corpus.tokenStart[t0 + i + 1] {
                    let r = Int(corpus.rows[k]) * L
                    if delta[r + g] == 0 { touched.append(r + g) }
                    delta[r + g] += 1
                    if delta[r + p] == 0 { touched.append(r + p) }
                    delta[r + p] -= 1
                }
            }
            guard cost > 0 else { return false }
            for i in 0...n {
                let gPrev = i == 0 ? -1 : corpus.gold[t0 + i - 1], pPrev = i == 0 ? -1 : pred[i - 1]
                let gk = i == n ? (L + 1) * L + gPrev : (gPrev + 1) * L + corpus.gold[t0 + i]
                let pk = i == n ? (L + 1) * L + pPrev : (pPrev + 1) * L + pred[i]
                if gk != pk { margin += tw[gk] - tw[pk]; tdelta[gk] += 1; tdelta[pk] -= 1 }
            }
            var norm: Float = 0
            moved.removeAll(keepingCapacity: true)
            for k in touched where delta[k] != 0 {
                moved.append((k, delta[k]))
                norm += delta[k] * delta[k]
                delta[k] = 0
            }
            for k in tdelta.indices where tdelta[k] != 0 { norm += tdelta[k] * tdelta[k] }
            if let r = rule.arow {
                if sigma.count < w.count { sigma += [Float](repeating: 1, count: w.count - sigma.count) }
                if tsigma.isEmpty { tsigma = [Float](repeating: 1, count: tw.count) }
                var v: Float = 0
                for (k, d) in moved { v += sigma[k] * d * d }
                for k in tdelta.indices where tdelta[k] != 0 { v += tsigma[k] * tdelta[k] * tdelta[k] }
                let loss = cost - margin
                guard loss > 0 else {
                    for k in tdelta.indices { tdelta[k] = 0 }
                    return true
                }
                let beta = 1 / (v + Float(r)), alpha = loss * beta * corpus.sentenceWeight[s]
                for (k, d) in moved {
                    let step = alpha * sigma[k] * d
                    w[k] += step; u[k] += step * c
                    sigma[k] -= beta * sigma[k] * sigma[k] * d * d
                }
                for k in tdelta.indices where tdelta[k] != 0 {
                    let d = tdelta[k], step = alpha * tsigma[k] * d
                    tw[k] += step; tu[k] += step * c
                    tsigma[k] -= beta * tsigma[k] * tsigma[k] * d * d
                    tdelta[k] = 0
                }
                return true
            }
            let tau = NERUpdateRule.step(cost: cost, margin: margin, normSquared: norm, cap: cap)
                * corpus.sentenceWeight[s]
            for (k, d) in moved { w[k] += tau * d; u[k] += tau * c * d }
            for k in tdelta.indices where tdelta[k] != 0 {
                tw[k] += tau * tdelta[k]; tu[k] += tau * c * tdelta[k]
                tdelta[k] = 0
            }
            return true
        }

        func averaged() -> (weights: [Float], transitions: [Float]) {
            let inv = 1 / c
            var a = w
            for i in 0..<a.count where u[i] != 0 { a[i] -= u[i] * inv }
            var t = tw
            for i in 0..<t.count { t[i] -= tu[i] * inv }
            return (a, t)
        }
    }

    /// Scores tagged documents against their gold tags.
    static func score(_ docs: [CoNLLDocument], _ tagged: [NERSequenceTagger.Result]) -> NERScore {
        var score = NERScore()
        for (doc, result) in zip(docs, tagged) {
            for (s, sent) in doc.sentences.enumerated() {
                let gold = NERLabels.spans(iob: sent.tags)
                let pred = NERLabels.spans(bilou: result.labels[s])
                let goldLabels = NERLabels.bilou(iob: sent.tags)
                score.add(gold: gold, predicted: pred, tokenCount: sent.tokens.count,
                          tokenMatches: zip(goldLabels, result.labels[s]).filter { $0 == $1 }.count)
            }
        }
        return score
    }

    func tagger(_ stages: [NERModel.Stage], temperature: Float = 1) -> NERSequenceTagger {
        let info = NERModel.Info(labels: NERLabels.names, featureVersion: NERFeatureExtractor.version,
                                 resources: extractor.fingerprint, temperature: temperature, trainedOn: "",
                                 devF1: [:], command: "", seed: 0, epochs: [], date: "")
        // The fingerprint matches by construction.
        return try! NERSequenceTagger(model: NERModel(info: info, stages: stages), extractor: extractor)
    }

    func evaluate(_ stages: [NERModel.Stage], _ docs: [CoNLLDocument]) -> NERScore {
        let t = tagger(stages)
        // Training chooses its epochs on the best path's spans, before any temperature is fit.
        return Self.score(docs, docs.map {
            t.tag($0.sentences.map(\.tokens), confidences: false, selection: .bestPath)
        })
    }

    /// Trains `epochs` epochs on the sentences of `corpus` whose document passes `include`; keeps the averaged
    /// weights of the epoch with the best dev F1 when `dev` is given, else those of the last epoch.
    func trainStage(_ name: String, corpus: Corpus, index: FeatureIndex, epochs: Int, dropout: Double,
                    rule: NERUpdateRule, rng: inout SplitMix64,
                    include: (Int) -> Bool = { _ in true }, earlier: [NERModel.Stage],
                    dev: [CoNLLDocument]?, progress: (String) -> Void)
        -> (stage: NERModel.Stage, epoch: Int, f1: Double) {
        var p = Perceptron(rows: index.keys.count)
        var order = (0..<corpus.sentenceCount).filter { include(corpus.sentenceDoc[$0]) }
        var best: (NERModel.Stage, Int, Double)?
        let start = Date()
        // a generator of its own, so dropout leaves the shuffles (and a dropout-free run) as they were
        var dropRNG = SplitMix64(seed: rng.next())
        for e in 1...epochs {
            order.shuffle(using: &rng)
            let errors = p.epoch(corpus, order: order, dropout: dropout, rule: rule, rng: &dropRNG)
            guard let dev, e == epochs || dev.count > 0 else { continue }
            let (w, t) = p.averaged()
            let stage = NERModel.Stage(keys: index.keys, weights: w, transitions: t)
            let f1 = evaluate(earlier + [stage], dev).overall.f1
            let secs = Date().timeIntervalSince(start)
            progress("\(name) epoch \(e)/\(epochs)  wrong sentences \(errors)/\(order.count)  "
                     + "dev F1 \(String(format2: f1))"
                     + "  \(String(format2: secs))s")
            if best == nil || f1 > best!.2 { best = (stage, e, f1) }
        }
        if let best { return best }
        let (w, t) = p.averaged()
        progress("\(name): \(epochs) epochs  \(String(format2: Date().timeIntervalSince(start)))s")
        return (NERModel.Stage(keys: index.keys, weights: w, transitions: t), epochs, 0)
    }

    public func train(train gold: [CoNLLDocument], dev: [CoNLLDocument], options: Options,
                      progress: (String) -> Void) throws -> NERModel {
        var rng = SplitMix64(seed: options.seed)
        // Pseudo-labelled documents follow the gold ones; only their update scale differs.
        let train = gold + options.extra
        let extraWeight = Float(options.extraWeight)
        let weight: (Int) -> Float = { $0 < gold.count ? 1 : extraWeight }
        let t0 = Date()
        let preparedTrain = train.map { extractor.prepare($0.sentences.map(\.tokens)) }
        var index1 = FeatureIndex()
        let corpus1 = corpus(train, prepared: preparedTrain, histories: nil, index: &index1, weight: weight)
        progress("stage 1: \(corpus1.gold.count) tokens, \(index1.keys.count) features  "
                 + "(\(String(format2: Date().timeIntervalSince(t0)))s)")
        let s1 = trainStage("stage 1", corpus: corpus1, index: index1, epochs: options.epochs,
                            dropout: options.dropout, rule: options.update, rng: &rng, earlier: [], dev: dev,
                            progress: progress)
        progress("stage 1: best dev F1 \(String(format2: s1.f1)) at epoch \(s1.epoch)")
        var stages = [s1.stage]
        var epochsUsed = [s1.epoch]
        var devF1 = s1.f1
        if options.stages >= 2 {
            // Jackknife: stage-1 labels for each training document from a model that never saw it.
            var jackLabels = [[[Int]]](repeating: [], count: train.count)
            for f in 0..<options.folds {
                let fold = trainStage("fold \(f + 1)/\(options.folds)", corpus: corpus1, index: index1,
                                      epochs: s1.epoch, dropout: options.dropout, rule: options.update, rng: &rng,
                                      include: { $0 % options.folds != f },
                                      earlier: [], dev: nil, progress: progress)
                let t = tagger([fold.stage])
                for d in stride(from: f, to: train.count, by: options.folds) {
                    jackLabels[d] = t.tag(train[d].sentences.map(\.tokens), confidences: false,
                                          selection: .bestPath).labels
                }
            }
            let histories = zip(preparedTrain, jackLabels).map { NERFeatureExtractor.History(prepared: $0, labels: $1) }
            var index2 = FeatureIndex()
            let corpus2 = corpus(train, prepared: preparedTrain, histories: histories, index: &index2,
                                 weight: weight)
            progress("stage 2: \(index2.keys.count) features")
            let s2 = trainStage("stage 2", corpus: corpus2, index: index2, epochs: options.epochs,
                                dropout: options.dropout, rule: options.update, rng: &rng, earlier: stages,
                                dev: dev, progress: progress)
            progress("stage 2: best dev F1 \(String(format2: s2.f1)) at epoch \(s2.epoch)")
            stages.append(s2.stage)
            epochsUsed.append(s2.epoch)
            devF1 = s2.f1
        }
        let formatter = ISO8601DateFormatter()
        let info = NERModel.Info(labels: NERLabels.names, featureVersion: NERFeatureExtractor.version,
                                 resources: extractor.fingerprint, temperature: 1,
                                 trainedOn: "\(gold.reduce(0) { $0 + $1.tokenCount }) tokens in "
                                     + "\(gold.count) documents"
                                     + (options.extra.isEmpty ? "" : ", plus \(options.extra.count) "
                                        + "pseudo-labelled documents (weight \(options.extraWeight))"),
                                 devF1: ["overall": devF1], command: options.command, seed: options.seed,
                                 epochs: epochsUsed, date: formatter.string(from: Date()))
        // Round-trip through the file format so the figures below are those of the saved (quantized) model.
        var model = try NERModel(data: Data(try NERModel(info: info, stages: stages).serialized()))
        model.info.temperature = fitTemperature(model, dev: dev, progress: progress)
        let tagged = try NERSequenceTagger(model: model, extractor: extractor)
        let score = Self.score(dev, dev.map {
            tagged.tag($0.sentences.map(\.tokens), confidences: false, selection: .bestPath)
        })
        var f1: [String: Double] = ["overall": (score.overall.f1 * 100).rounded() / 100]
        for (k, v) in score.byType { f1[k] = (v.f1 * 100).rounded() / 100 }
        model.info.devF1 = f1
        // What ships reports only the likely spans (NERSpanSelection.swift), which needs the fitted temperature.
        let likely = Self.score(dev, dev.map { tagged.tag($0.sentences.map(\.tokens), confidences: false) })
        progress("saved model: dev F1 \(String(format2: score.overall.f1)) (best path; likely spans "
                 + "\(String(format2: likely.overall.f1))), temperature \(model.info.temperature), "
                 + "total \(String(format2: Date().timeIntervalSince(t0)))s")
        return model
    }

    // MARK: Confidence calibration

    /// Predicted spans on dev with their confidence and whether they are correct.
    public static func reliability(_ tagger: NERSequenceTagger, dev: [CoNLLDocument],
                                   temperature: Float? = nil) -> [(confidence: Double, correct: Bool)] {
        var out: [(Double, Bool)] = []
        for doc in dev {
            let r = tagger.tag(doc.sentences.map(\.tokens), temperature: temperature, selection: .bestPath)
            for (s, sent) in doc.sentences.enumerated() {
                let gold = Set(NERLabels.spans(iob: sent.tags).map { "\($0.tokens) \($0.type)" })
                for span in r.spans[s] {
                    let t = NERLabels.typeIndex(span.type.rawValue)!
                    out.append((span.confidence, gold.contains("\(span.tokens) \(t)")))
                }
            }
        }
        return out.map { (confidence: $0.0, correct: $0.1) }
    }

    /// The temperature minimizing the log loss of "this predicted span is right" on dev (a grid search in steps
    /// of sqrt 2, then steps of 2^(1/8) around the best: PA-trained weights are on another scale than the
    /// perceptron's, and the coarse grid alone left their confidences off by 0.03).
    func fitTemperature(_ model: NERModel, dev: [CoNLLDocument], progress: (String) -> Void) -> Float {
        guard let t = try? NERSequenceTagger(model: model, extractor: extractor), !dev.isEmpty else { return 1 }
        var best: (Float, Double) = (1, .infinity)
        func tryTemperature(_ temp: Float) {
            let pairs = Self.reliability(t, dev: dev, temperature: temp)
            var loss = 0.0
            for (p, ok) in pairs { loss -= log(max(1e-9, ok ? p : 1 - p)) }
            loss /= Double(max(1, pairs.count))
            if loss < best.1 { best = (temp, loss) }
        }
        var temp: Float = 0.25
        while temp <= 64 {
            tryTemperature(temp)
            temp *= 1.41421356
        }
        let coarse = best.0
        for k in [-3, -2, -1, 1, 2, 3] { tryTemperature(coarse * Float(pow(2, Double(k) / 8))) }
        progress("temperature \(best.0): dev log loss \(String(format2: best.1 * 100))e-2 per predicted span")
        return best.0
    }
}

/// SplitMix64 (Steele et al. 2014): a small seeded generator so training is reproducible.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
