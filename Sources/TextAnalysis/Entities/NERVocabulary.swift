// Speed for the entity tagger: for words known in advance (the 12,000 most frequent words of the cluster
// vocabulary, most news tokens) the word facts and, per model stage, the summed weights of their word features
// at each window offset are computed once at load. Tagging a known token then adds five precomputed vectors
// instead of hashing and looking up ~35 features. The sums are of the same rows that
// NERFeatureExtractor.wordFeatures names, so results equal the uncached path (EntityTaggerTests checks this).
struct NERVocabulary: Sendable {
    static let offsets = 5
    /// The most frequent cluster words precomputed: about 95% of news tokens, at a fraction of the load time.
    static let size = 12_000

    let index: [String: Int32]
    let infos: [NERWordInfo]
    let stageCount: Int
    /// [word][offset + 2][stage][label]: both stages' sums of a word side by side, as the tagger reads them
    let vectors: [Float]

    init(words: [String], extractor: NERFeatureExtractor, model: NERModel) {
        let L = NERLabels.count
        var index: [String: Int32] = [:]
        index.reserveCapacity(words.count)
        var infos: [NERWordInfo] = []
        infos.reserveCapacity(words.count)
        for w in words {
            index[w] = Int32(infos.count)
            infos.append(NERWordInfo(w, clusters: extractor.clusters, web: extractor.webClusters))
        }
        let S = model.stages.count
        var v = [Float](repeating: 0, count: infos.count * Self.offsets * S * L)
        var keys: [UInt64] = []
        v.withUnsafeMutableBufferPointer { out in
            for (id, info) in infos.enumerated() {
                for o in -2...2 {
                    keys.removeAll(keepingCapacity: true)
                    extractor.wordFeatures(info, offset: o, into: &keys)
                    for (si, stage) in model.stages.enumerated() {
                        stage.add(keys, into: out.baseAddress! + ((id * Self.offsets + o + 2) * S + si) * L)
                    }
                }
            }
        }
        self.index = index
        self.infos = infos
        self.stageCount = S
        self.vectors = v
    }
}
