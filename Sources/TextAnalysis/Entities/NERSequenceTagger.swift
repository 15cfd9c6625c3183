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

    /// Fails when the model was trained with other clusters or gazetteers than `extractor` holds.
    /// `precompute` sums word-feature weights for the cluster vocabulary once (faster tagging, slower start).
    public init(model: NERModel, extractor: NERFeatureExtractor, precompute: Bool = true) throws {
        guard model.info.resources == extractor.fingerprint else {
            throw NERModelError("the NER model was trained with other clusters/gazetteers "
                                + "(model \(model.info.resources), "
                                + "resources \(extractor.fingerprint)); retrain with `byline train-ner`")
        }
        self.model = model
        self.extractor = extractor
        self.vocabulary = precompute
            ? NERVocabulary(words: extractor.clusters.frequentWords(NERVocabulary.size), extractor: extractor,
                            model: model)
            : nil
    }

    /// Loads clusters, gazetteers and the model from `resources` (model at `ner/model.bin` unless given).
    public init(resources: ResourceLoader, model modelURL: URL? = nil) throws {
        let extractor = try NERFeatureExtractor(resources: resources)
        let model = try NERModel(contentsOf: modelURL ?? resources.url(Self.modelFile))
        try self.init(model: model, extractor: extractor)
    }

    public struct Result: Sendable {
        /// BILOU label indices (NERLabels) per sentence and token
        public var labels: [[Int]]
        public var spans: [[NERSpan]]
    }

    /// Tags every sentence; `temperature` overrides the model's (the trainer uses it to fit one).
    public func tag(_ sentences: [[String]], confidences: Bool = true, temperature: Float? = nil,
                    stages stageLimit: Int? = nil) -> Result {
        let prepared = extractor.prepare(sentences, vocabulary: vocabulary)
        let L = NERLabels.count
        var labels: [[Int]] = sentences.map { [Int](repeating: 0, count: $0.count) }
        var spans: [[NERSpan]] = Array(repeating: [], count: sentences.count)
        var keys: [UInt64] = []
        var emissions: [Float] = []
        var work: [Float] = [], back: [Int32] = [], path: [Int] = []
        let stageCount = min(stageLimit ?? model.stages.count, model.stages.count)
        for si in 0..<stageCount {
            let stage = model.stages[si]
            let history = si == 0 ? nil : NERFeatureExtractor.History(prepared: prepared, labels: labels)
            let last = si == stageCount - 1
            let potentials = last && confidences
                ? NERDecoder.transitionPotentials(stage.transitions, temperature: temperature ?? model.info.temperature)
                : []
            for s in 0..<sentences.count {
                let n = sentences[s].count
                guard n > 0 else { continue }
                if emissions.count < n * L { emissions = [Float](repeating: 0, count: n * L) }
                let ids = prepared.ids[s], infos = prepared.sentences[s]
                emissions.withUnsafeMutableBufferPointer { e in
                    for i in 0..<n {
                        let out = e.baseAddress! + i * L
                        for j in 0..<L { out[j] = 0 }
                        for o in -2...2 where i + o >= 0 && i + o < n {
                            let id = Int(ids[i + o])
                            if id >= 0, let v = vocabulary {
                                v.vectors[si].withUnsafeBufferPointer { vp in
                                    let row = vp.baseAddress! + (id * NERVocabulary.offsets + o + 2) * L
                                    for j in 0..<L { out[j] += row[j] }
                                }
                            } else {
                                keys.removeAll(keepingCapacity: true)
                                extractor.wordFeatures(infos[i + o], offset: o, into: &keys)
                                stage.add(keys, into: out)
                            }
                        }
                        keys.removeAll(keepingCapacity: true)
                        extractor.contextFeatures(prepared, sentence: s, token: i, history: history, into: &keys)
                        stage.add(keys, into: out)
                    }
                }
                emissions.withUnsafeBufferPointer { e in
                    stage.transitions.withUnsafeBufferPointer { tr in
                        NERDecoder.viterbi(emissions: e.baseAddress!, count: n, transitions: tr.baseAddress!,
                                           work: &work, back: &back, into: &path)
                        labels[s] = path
                        guard last else { return }
                        let found = NERLabels.spans(bilou: path)
                        let conf = confidences
                            ? NERDecoder.spanProbabilities(emissions: e.baseAddress!, count: n, potentials: potentials,
                                                           temperature: temperature ?? model.info.temperature,
                                                           spans: found)
                            : [Double](repeating: 1, count: found.count)
                        spans[s] = zip(found, conf).map {
                            NERSpan(tokens: $0.tokens, type: NERLabels.types[$0.type], confidence: $1)
                        }
                    }
                }
            }
        }
        return Result(labels: labels, spans: spans)
    }
}

extension NERFeatureExtractor {
    public static let clustersFile = "ner/clusters.tsv"
    public static let gazetteerFolder = "ner/gazetteers"

    /// Loads the clusters and gazetteers bundled under `ner/`.
    public init(resources: ResourceLoader) throws {
        self.init(clusters: try WordClusters(resources: resources, file: Self.clustersFile),
                  gazetteer: try NERGazetteer(resources: resources, folder: Self.gazetteerFolder))
    }
}
