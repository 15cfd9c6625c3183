// Speed for the entity tagger: for words known in advance (the 24,000 most frequent words of the cluster
// vocabulary, most news tokens) the word facts and, per model stage, the summed weights of their word features
// at each window offset are computed once at load. Tagging a known token then adds five precomputed vectors
// instead of hashing and looking up ~35 features. The sums are of the same rows that
// NERFeatureExtractor.wordFeatures names, so results equal the uncached path (EntityTaggerTests checks this).
import Foundation

struct NERVocabulary: Sendable {
    static let offsets = 5
    /// The most frequent cluster words precomputed: most news tokens, at a fraction of the load time. 24,000 (was
    /// 12,000) since the GloVe classes made each uncached word dearer: tagging 3-30 % faster in alternating
    /// `ner-tool bench` runs on a noisy host, load 20-65 ms longer.
    static let size = 24_000

    let index: NERWordIndex
    let infos: [NERWordInfo]
    /// per word: NERGazetteer.firstEntry of its lower case (the gazetteer's probe for the word alone)
    let gazetteerFirst: [NERGazetteer.Entry]
    let stageCount: Int
    /// [word][offset + 2][stage][label]: both stages' sums of a word side by side, as the tagger reads them
    let vectors: [Float]

    /// `table` is the model's joint table (NERJointTable): one lookup per key serves both stages, and a batch of
    /// words' keys is looked up at once so their cache misses overlap; building the vectors from each stage's own
    /// table, key by key, was 40 % of the tagger's load time. The integer sums, and so the vectors, are the same.
    ///
    /// Two more savings, each leaving every vector bit for bit the same: the path-prefix keys of a word's classes
    /// (more than half of its ~75 keys) are summed once per class and offset, and a word adds its three classes'
    /// sums (integer sums: the grouping cannot change them); and the work is split over two threads (the load
    /// is time a starting server or CLI waits), each writing its own words' vectors.
    init(words: [String], extractor: NERFeatureExtractor, table: NERJointTable) {
        let L = NERLabels.count, S = table.stageCount, W = S * L, n = words.count
        // 1. word facts (cluster lookups: cache misses in tables of megabytes), half the words per thread
        let infos = [NERWordInfo](unsafeUninitializedCapacity: n) { buf, count in
            let out = Shared(buf.baseAddress)
            Self.inHalves(n) { range in
                for k in range { (out.base! + k).initialize(to: NERWordInfo(words[k], clusters: extractor.clusters,
                    web: extractor.webClusters, glove: extractor.gloveClusters)) }
            }
            count = n
        }
        // 2. the classes the words have, numbered in the order first met; then each one's integer sums at each
        // offset: classSums[(number * offsets + offset + 2) * W ..< +W], stage by stage as NERJointTable.Sums
        var slot = (0..<NERFeatureExtractor.clusterSetCount).map {
            [Int32](repeating: -1, count: extractor.clusterSet($0).paths.count)
        }
        var classes: [(set: Int, cluster: Int32)] = []
        for w in infos {
            for set in 0..<NERFeatureExtractor.clusterSetCount {
                let c = Self.cluster(w, set: set)
                guard c >= 0 && slot[set][Int(c)] < 0 else { continue }
                slot[set][Int(c)] = Int32(classes.count)
                classes.append((set, c))
            }
        }
        let found = classes
        var classSums = [Int32](repeating: 0, count: found.count * Self.offsets * W)
        classSums.withUnsafeMutableBufferPointer { buf in
            let out = Shared(buf.baseAddress)
            Self.inHalves(found.count) { range in
                var keys: [UInt64] = [], rows: [Int32] = []
                for k in range {
                    for o in -2...2 {
                        keys.removeAll(keepingCapacity: true)
                        extractor.appendClusterPrefixes(found[k].cluster, set: found[k].set, offset: o, into: &keys)
                        table.rows(of: keys, into: &rows)
                        var sums = NERJointTable.Sums()
                        rows.withUnsafeBufferPointer { r in
                            if !keys.isEmpty { table.add(rows: r.baseAddress!, count: keys.count, into: &sums) }
                        }
                        Self.store(sums, stages: S, into: out.base! + (k * Self.offsets + o + 2) * W)
                    }
                }
            }
        }
        // 3. the vectors: each word's other keys at each offset, looked up a batch of words at a time, plus its
        // classes' sums
        let slots = slot
        var v = [Float](repeating: 0, count: n * Self.offsets * W)
        classSums.withUnsafeBufferPointer { cs in v.withUnsafeMutableBufferPointer { vb in
            let out = Shared(vb.baseAddress), classBase = Shared(UnsafeMutablePointer(mutating: cs.baseAddress))
            Self.inHalves(n) { range in
                // per batch: every word's keys at each offset, where each (word, offset) group's keys end, their rows
                var keys: [UInt64] = [], ends: [Int] = [], rows: [Int32] = []
                for first in stride(from: range.lowerBound, to: range.upperBound, by: Self.batch) {
                    let last = min(first + Self.batch, range.upperBound)
                    keys.removeAll(keepingCapacity: true)
                    ends.removeAll(keepingCapacity: true)
                    for id in first..<last {
                        for o in -2...2 {
                            extractor.wordFeatures(infos[id], offset: o, clusterPrefixes: false, into: &keys)
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
                            let w = infos[first + g / Self.offsets], o = g % Self.offsets
                            for set in 0..<NERFeatureExtractor.clusterSetCount {
                                let c = Self.cluster(w, set: set)
                                guard c >= 0 else { continue }
                                let number = Int(slots[set][Int(c)])
                                Self.add(classBase.base! + (number * Self.offsets + o) * W, stages: S, to: &sums)
                            }
                            let group = out.base! + (first * Self.offsets + g) * W
                            for si in 0..<S { table.apply(sums, stage: si, into: group + si * L) }
                            start = end
                        }
                    }
                }
            }
        } }
        self.index = NERWordIndex(words: words)
        self.infos = infos
        self.gazetteerFirst = infos.map { extractor.gazetteer.firstEntry($0.lower) }
        self.stageCount = S
        self.vectors = v
    }

    /// Words whose keys are looked up together (a few thousand keys: the lookup's scratch stays in cache).
    static let batch = 64

    /// A buffer's start, handed to the two threads of `inHalves`, which write disjoint parts of it.
    private struct Shared<T>: @unchecked Sendable {
        let base: UnsafeMutablePointer<T>?
        init(_ base: UnsafeMutablePointer<T>?) { self.base = base }
    }

    /// Runs `body` on the first and the second half of 0..<count at once (two threads; one when few).
    private static func inHalves(_ count: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let half = count / 2
        guard half >= 256 else { return body(0..<count) }
        DispatchQueue.concurrentPerform(iterations: 2) { k in body(k == 0 ? 0..<half : half..<count) }
    }

    /// The word's class in cluster set `set` (NERFeatureExtractor.clusterSet), or -1.
    @inline(__always)
    private static func cluster(_ w: NERWordInfo, set: Int) -> Int32 {
        set == 0 ? w.cluster : set == 1 ? w.webCluster : w.gloveCluster
    }

    /// The sums' lanes, stage by stage (17 each), at `out`.
    @inline(__always)
    private static func store(_ sums: NERJointTable.Sums, stages: Int, into out: UnsafeMutablePointer<Int32>) {
        UnsafeMutableRawPointer(out).storeBytes(of: sums.a, as: SIMD16<Int32>.self)
        out[16] = sums.a16
        guard stages == 2 else { return }
        UnsafeMutableRawPointer(out + 17).storeBytes(of: sums.b, as: SIMD16<Int32>.self)
        out[33] = sums.b16
    }

    /// sums += lanes stored by `store` (wrapping integer adds, as NERJointTable.add does: exact, in any order).
    @inline(__always)
    private static func add(_ lanes: UnsafePointer<Int32>, stages: Int, to sums: inout NERJointTable.Sums) {
        sums.a &+= UnsafeRawPointer(lanes).loadUnaligned(as: SIMD16<Int32>.self)
        sums.a16 &+= lanes[16]
        guard stages == 2 else { return }
        sums.b &+= UnsafeRawPointer(lanes + 17).loadUnaligned(as: SIMD16<Int32>.self)
        sums.b16 &+= lanes[33]
    }
}
