// Tags one document given as sentences of token strings. The single inference path: the pipeline component
// (our tokens), `byline ner --conll` (CoNLL tokens) and the trainer's dev evaluation all call `tag`.
import Foundation

/// An entity found in one sentence: token range within the sentence, type, span probability.
public struct NERSpan: Sendable, Equatable {
    public var tokens: Range<Int>
    public var type: EntityType
    public var confidence: Double
}

public struct NERSequenceTagger: Sendable {
    public static let modelFile = "ner/model.bin"

    public let model: NERModel
    public let extractor: NERFeatureExtractor
    let vocabulary: NERVocabulary?
    /// every stage's rows under one key table (the hot path reads this, not model.stages)
    let table: NERJointTable
    /// exp(transition / temperature) of the last stage, for confidences
    let potentials: [Double]

    /// Fails when the model was trained with other clusters or gazetteers than `extractor` holds.
    /// `precompute` sums word-feature weights for the cluster vocabulary once (faster tagging, slower start).
    public init(model: NERModel, extractor: NERFeatureExtractor, precompute: Bool = true) throws {
        try self.init(model: model, extractor: extractor, table: nil, precompute: precompute)
    }

    /// `table`: the model's joint table when the caller built it already (NERJointTable(stages: model.stages)).
    init(model: NERModel, extractor: NERFeatureExtractor, table prebuilt: NERJointTable?, precompute: Bool) throws {
        guard model.info.resources == extractor.fingerprint else {
            throw NERModelError("the NER model was trained with other clusters/gazetteers "
                                + "(model \(model.info.resources), "
                                + "resources \(extractor.fingerprint)); retrain with `byline train-ner`")
        }
        self.model = model
        self.extractor = extractor
        let table = prebuilt ?? NERJointTable(stages: model.stages)
        self.table = table
        self.potentials = model.stages.last.map {
            NERDecoder.transitionPotentials($0.transitions, temperature: model.info.temperature)
        } ?? []
        self.vocabulary = precompute
            ? NERVocabulary(words: extractor.clusters.frequentWords(NERVocabulary.size), extractor: extractor,
                            table: table)
            : nil
    }

    /// Loads clusters, gazetteers and the model from `resources` (model at `ner/model.bin` unless given).
    /// The model and its joint table are read while the GloVe classes load on the other thread (the rest of the
    /// extractor's files take less time than those); a model error is reported after any resource error, as
    /// when the model was read last.
    public init(resources: ResourceLoader, model modelURL: URL? = nil) throws {
        var loaded: Swift.Result<(NERModel, NERJointTable), any Error>?
        let extractor = try NERFeatureExtractor(resources: resources) {
            loaded = Swift.Result {
                let model = try NERModel(contentsOf: modelURL ?? resources.url(Self.modelFile))
                return (model, NERJointTable(stages: model.stages))
            }
        }
        let (model, table) = try loaded!.get()
        try self.init(model: model, extractor: extractor, table: table, precompute: true)
    }

    public struct Result: Sendable {
        /// BILOU label indices (NERLabels) per sentence and token
        public var labels: [[Int]]
        public var spans: [[NERSpan]]
        /// Per sentence, the smallest marginal probability of a token's label; empty unless `marginals` was asked.
        public var leastMarginal: [Double] = []
    }

    /// Tags every sentence; `temperature` overrides the model's (the trainer uses it to fit one). `selection`
    /// says which decoded spans to report (NERSpanSelection.swift); `.likely` computes span probabilities
    /// whatever `confidences` says.
    ///
    /// One pass over the document computes stage 1's emissions and, from the same rows, the part of stage 2's
    /// that does not depend on stage 1's labels (word features as floats, context features as exact integer
    /// sums); stage 2 then adds only its history features. The sums and their order are those of scoring each
    /// stage on its own.
    public func tag(_ sentences: [[String]], confidences: Bool = true, temperature: Float? = nil,
                    stages stageLimit: Int? = nil, marginals: Bool = false,
                    selection: Selection = .likely) -> Result {
        let prepared = extractor.prepare(sentences, vocabulary: vocabulary)
        let L = NERLabels.count
        var labels: [[Int]] = sentences.map { [Int](repeating: 0, count: $0.count) }
        var spans: [[NERSpan]] = Array(repeating: [], count: sentences.count)
        // Only pseudo-labelling asks for marginals: tagging allocates nothing for them.
        var leastMarginal = [Double](repeating: 1, count: marginals ? sentences.count : 0)
        let stageCount = min(stageLimit ?? model.stages.count, model.stages.count)
        guard stageCount > 0 else { return Result(labels: labels, spans: spans) }
        let two = stageCount == 2
        let S = table.stageCount
        var tokenStart = [Int](repeating: 0, count: sentences.count + 1)
        for (s, words) in sentences.enumerated() { tokenStart[s + 1] = tokenStart[s] + words.count }
        let tokens = tokenStart[sentences.count]
        // Stage 1's emissions are decoded sentence by sentence, so they need one sentence's room; stage 2 runs
        // after stage 1 has labelled the whole document, so its parts are kept per token: the word-feature part
        // as floats and its own lanes of the context integer sums (17 each). A 10 MB text has 2M tokens: kept
        // whole, with both stages' lanes of the sums, these took 650 MB of fresh pages (its page faults were a
        // sixth of its analysis time).
        let longest = sentences.reduce(0) { max($0, $1.count) }
        var emissions = [Float](repeating: 0, count: longest * L)
        var later = [Float](repeating: 0, count: two ? tokens * L : 0)
        var laterSums = [Int32](repeating: 0, count: two ? tokens * L : 0)
        var keys: [UInt64] = [], keyStart: [Int] = [], keyRows: [Int32] = []
        var wordSums: [NERJointTable.Sums] = []
        var work: [Float] = [], path: [Int] = []
        let temperature = temperature ?? model.info.temperature
        let likely = selection == .likely
        let potentials = !confidences && !marginals && !likely ? []
            : temperature == model.info.temperature && stageCount == model.stages.count ? self.potentials
            : NERDecoder.transitionPotentials(model.stages[stageCount - 1].transitions, temperature: temperature)

        func decode(_ s: Int, stage si: Int, _ e: UnsafePointer<Float>) {
            let n = sentences[s].count
            model.stages[si].transitions.withUnsafeBufferPointer { tr in
                NERDecoder.viterbi(emissions: e, count: n, transitions: tr.baseAddress!, work: &work,
                                   into: &path)
            }
            labels[s] = path
            guard si == stageCount - 1 else { return }
            let found = NERLabels.spans(bilou: path)
            let conf = (confidences || likely) && !found.isEmpty
                ? NERDecoder.spanProbabilities(emissions: e, count: n, potentials: potentials,
                                               temperature: temperature, spans: found)
                : [Double](repeating: 1, count: found.count)
            let reported = likely ? Self.keepLikely(found, probabilities: conf, labels: &labels[s])
                : zip(found, conf).map { (span: $0, probability: $1) }
            // Without `confidences` the probabilities `.likely` computed to choose are not reported.
            spans[s] = reported.map {
                NERSpan(tokens: $0.span.tokens, type: NERLabels.types[$0.span.type],
                        confidence: confidences ? $0.probability : 1)
            }
            if marginals {
                leastMarginal[s] = NERDecoder.pathMarginals(emissions: e, count: n, potentials: potentials,
                                                            temperature: temperature, path: path).min() ?? 1
            }
        }

        let vectors = vocabulary?.vectors ?? []
        emissions.withUnsafeMutableBufferPointer { e1 in later.withUnsafeMutableBufferPointer { e2 in
            vectors.withUnsafeBufferPointer { vb in
                let rows = vocabulary == nil ? nil : vb.baseAddress
                for s in 0..<sentences.count {
                    let n = sentences[s].count, t0 = tokenStart[s]
                    guard n > 0 else { continue }
                    e1.baseAddress!.update(repeating: 0, count: n * L)
                    let ids = prepared.ids[s], infos = prepared.sentences[s]
                    // Words without precomputed rows (3 % of news tokens, ~75 keys each over the five offsets):
                    // their keys are looked up as one batch first, so the memory reads overlap; looked up key by
                    // key, each waited for its slot and then its row (a quarter of this loop's time in perf).
                    // Integer sums: the same whatever the grouping.
                    keys.removeAll(keepingCapacity: true)
                    keyStart.removeAll(keepingCapacity: true)
                    for j in 0..<n where ids[j] < 0 || rows == nil {
                        for o in -2...2 where j - o >= 0 && j - o < n {
                            keyStart.append(keys.count)
                            extractor.wordFeatures(infos[j], offset: o, into: &keys)
                        }
                    }
                    keyStart.append(keys.count)
                    wordSums.removeAll(keepingCapacity: true)
                    table.rows(of: keys, into: &keyRows)
                    keyRows.withUnsafeBufferPointer { r in
                        for g in 0..<(keyStart.count - 1) {
                            var sums = NERJointTable.Sums()
                            let count = keyStart[g + 1] - keyStart[g]
                            if count > 0 { table.add(rows: r.baseAddress! + keyStart[g], count: count, into: &sums) }
                            wordSums.append(sums)
                        }
                    }
                    // Word by word: a word's five offset rows lie together, so each is read once, in one place.
                    // Token i still receives its window's rows in the order offset -2 ... 2.
                    var group = 0
                    for j in 0..<n {
                        let id = Int(ids[j])
                        for o in -2...2 where j - o >= 0 && j - o < n {
                            let out = e1.baseAddress! + (j - o) * L
                            let out2 = two ? e2.baseAddress! + (t0 + j - o) * L : out
                            if id >= 0, let rows {
                                let row = rows + (id * NERVocabulary.offsets + o + 2) * S * L
                                Self.addRow(row, to: out)
                                if two { Self.addRow(row + L, to: out2) }
                            } else {
                                let sums = wordSums[group]
                                group += 1
                                table.apply(sums, stage: 0, into: out)
                                if two { table.apply(sums, stage: 1, into: out2) }
                            }
                        }
                    }
                    // The sentence's context keys are looked up as one batch (overlapping memory reads).
                    keys.removeAll(keepingCapacity: true)
                    keyStart.removeAll(keepingCapacity: true)
                    for i in 0..<n {
                        keyStart.append(keys.count)
                        extractor.contextFeatures(prepared, sentence: s, token: i, history: nil, into: &keys)
                    }
                    keyStart.append(keys.count)
                    table.rows(of: keys, into: &keyRows)
                    keyRows.withUnsafeBufferPointer { r in
                        for i in 0..<n {
                            var sums = NERJointTable.Sums()
                            table.add(rows: r.baseAddress! + keyStart[i], count: keyStart[i + 1] - keyStart[i],
                                      into: &sums)
                            table.apply(sums, stage: 0, into: e1.baseAddress! + i * L)
                            if two { Self.store(sums, into: &laterSums, at: (t0 + i) * L) }
                        }
                    }
                    decode(s, stage: 0, e1.baseAddress!)
                }
            }
            guard two else { return }
            let history = NERFeatureExtractor.History(prepared: prepared, labels: labels)
            for s in 0..<sentences.count {
                let n = sentences[s].count, t0 = tokenStart[s]
                guard n > 0 else { continue }
                keys.removeAll(keepingCapacity: true)
                keyStart.removeAll(keepingCapacity: true)
                for i in 0..<n {
                    keyStart.append(keys.count)
                    extractor.historyFeatures(prepared, sentence: s, token: i, history: history, into: &keys)
                }
                keyStart.append(keys.count)
                table.rows(of: keys, into: &keyRows)
                keyRows.withUnsafeBufferPointer { r in
                    for i in 0..<n {
                        var sums = Self.load(laterSums, at: (t0 + i) * L)
                        table.add(rows: r.baseAddress! + keyStart[i], count: keyStart[i + 1] - keyStart[i],
                                  into: &sums)
                        table.apply(sums, stage: 1, into: e2.baseAddress! + (t0 + i) * L)
                    }
                }
                decode(s, stage: 1, e2.baseAddress! + t0 * L)
            }
        } }
        return Result(labels: labels, spans: spans, leastMarginal: leastMarginal)
    }

    /// Stage 2's lanes of `sums` (what `apply(_, stage: 1)` reads) into `kept[at..<at + 17]`.
    @inline(__always)
    static func store(_ sums: NERJointTable.Sums, into kept: inout [Int32], at: Int) {
        kept.withUnsafeMutableBufferPointer { k in
            UnsafeMutableRawPointer(k.baseAddress! + at).storeBytes(of: sums.b, as: SIMD16<Int32>.self)
            k[at + 16] = sums.b16
        }
    }

    /// Sums whose stage 2 lanes are `kept[at..<at + 17]` (stage 1's are zero: stage 2 no longer reads them).
    @inline(__always)
    static func load(_ kept: [Int32], at: Int) -> NERJointTable.Sums {
        kept.withUnsafeBufferPointer { k in
            var sums = NERJointTable.Sums()
            sums.b = UnsafeRawPointer(k.baseAddress! + at).loadUnaligned(as: SIMD16<Int32>.self)
            sums.b16 = k[at + 16]
            return sums
        }
    }

    /// out[0..<17] += row[0..<17]: one 16-lane add and one scalar (each lane sums in the same order as a loop).
    @inline(__always)
    static func addRow(_ row: UnsafePointer<Float>, to out: UnsafeMutablePointer<Float>) {
        let sum = UnsafeRawPointer(out).loadUnaligned(as: SIMD16<Float>.self)
            + UnsafeRawPointer(row).loadUnaligned(as: SIMD16<Float>.self)
        UnsafeMutableRawPointer(out).storeBytes(of: sum, as: SIMD16<Float>.self)
        out[16] += row[16]
    }
}

extension NERFeatureExtractor {
    public static let clustersFile = "ner/clusters.tsv"
    public static let webClustersFile = "ner/clusters-web.tsv"
    public static let gloveClustersFile = "ner/clusters-glove.tsv"
    public static let gazetteerFolder = "ner/gazetteers"

    /// Loads the clusters and gazetteers bundled under `ner/`. The GloVe set, the largest file (366k lines), is
    /// read on another thread meanwhile: the load is time a starting server or CLI waits, and it has the cores.
    public init(resources: ResourceLoader) throws {
        try self.init(resources: resources, meanwhile: {})
    }

    /// `meanwhile` runs on the calling thread once the other files are read, while the GloVe set may still be
    /// loading: a caller's own loading that needs none of these (the tagger reads its model there).
    init(resources: ResourceLoader, meanwhile: () -> Void) throws {
        final class Loaded: @unchecked Sendable {
            // @unchecked: written once by the loading thread before `group.leave`, read after `group.wait`.
            var glove: Result<WordClusters, any Error> = .success(.empty)
        }
        let loaded = Loaded(), group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            loaded.glove = Result {
                try WordClusters(resources: resources, file: Self.gloveClustersFile, byFrequency: false, typePriors: true)
            }
        }
        let clusters = Result { try WordClusters(resources: resources, file: Self.clustersFile) }
        let web = Result { try WordClusters(resources: resources, file: Self.webClustersFile, byFrequency: false) }
        let gazetteer = Result { try NERGazetteer(resources: resources, folder: Self.gazetteerFolder) }
        meanwhile()
        group.wait()
        self.init(clusters: try clusters.get(), webClusters: try web.get(), gloveClusters: try loaded.glove.get(),
                  gazetteer: try gazetteer.get())
    }
}
