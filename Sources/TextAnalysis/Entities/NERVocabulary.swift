// Speed for the entity tagger: for words known in advance (the 24,000 most frequent words of the cluster
// vocabulary, most news tokens) the word facts and, per model stage, the summed weights of their word features
// at each window offset are computed once at load. Tagging a known token then adds five precomputed vectors
// instead of hashing and looking up ~35 features. The sums are of the same rows that
// NERFeatureExtractor.wordFeatures names, so results equal the uncached path (EntityTaggerTests checks this).
struct NERVocabulary: Sendable {
    static let offsets = 5
    /// The most frequent cluster words precomputed: most news tokens, at a fraction of the load time. 24,000 (was
    /// 12,000) since the GloVe classes made each uncached word dearer: tagging 3-30 % faster in alternating
    /// `ner-tool bench` runs on a noisy host, load 20-65 ms longer.
    static let size = 24_000

    let index: [String: Int32]
    let infos: [NERWordInfo]
    let stageCount: Int
    /// [word][offset + 2][stage][label]: both stages' sums of a word side by side, as the tagger reads them
    let vectors: [Float]

    /// `table` is the model's joint table (NERJointTable): one lookup per key serves both stages, and a batch of
    /// words' keys is looked up at once so their cache misses overlap; building the vectors from each stage's own
    /// table, key by key, was 40 % of the tagger's load time. The integer sums, and so the vectors, are the same.
    init(words: [String], extractor: NERFeatureExtractor, table: NERJointTable) {
        let L = NERLabels.count
        var index: [String: Int32] = [:]
        index.reserveCapacity(words.count)
        var infos: [NERWordInfo] = []
        infos.reserveCapacity(words.count)
        for w in words {
            index[w] = Int32(infos.count)
            infos.append(NERWordInfo(w, clusters: extractor.clusters, web: extractor.webClusters, glove: extractor.gloveClusters))
        }
        let S = table.stageCount
        var v = [Float](repeating: 0, count: infos.count * Self.offsets * S * L)
        // per batch: every word's keys at each offset, where each (word, offset) group's keys end, their rows
        var keys: [UInt64] = [], ends: [Int] = [], rows: [Int32] = []
        v.withUnsafeMutableBufferPointer { out in
            for first in stride(from: 0, to: infos.count, by: Self.batch) {
                keys.removeAll(keepingCapacity: true)
                ends.removeAll(keepingCapacity: true)
                for id in first..<min(first + Self.batch, infos.count) {
                    for o in -2...2 {
                        extractor.wordFeatures(infos[id], offset: o, into: &keys)
                        ends.append(keys.count)
                    }
                }
                table.rows(of: keys, into: &rows)
                rows.withUnsafeBufferPointer { r in
                    var start = 0
                    // group g is word first + g / offsets at offset g % offsets - 2: the layout of `vectors`
                    for (g, end) in ends.enumerated() {
                        var sums = NERJointTable.Sums()
                        if end > start { table.add(rows: r.baseAddress! + start, count: end - start, into: &sums) }
                        let group = out.baseAddress! + (first * Self.offsets + g) * S * L
                        for si in 0..<S { table.apply(sums, stage: si, into: group + si * L) }
                        start = end
                    }
                }
            }
        }
        self.index = index
        self.infos = infos
        self.stageCount = S
        self.vectors = v
    }

    /// Words whose keys are looked up together (a few thousand keys: the lookup's scratch stays in cache).
    static let batch = 64
}
