// Tests for the entity tagger's load path (issue 3: load time): the open-addressing table that holds clusters
// and gazetteers, the byte-level gazetteer tokenization, the clusters' frequency order, and the word vectors
// built from the joint table, each checked against the plain definition it replaced.
import Foundation
import Testing
import TestSupport
@testable import TextAnalysis

private let resources = ResourceLoader(
    directory: Fixtures.repoRoot.appendingPathComponent("Sources/TextAnalysis/Resources"))

/// modifyAll (batched) and updateValue (one by one) give what a Dictionary gives, with repeated keys (the later
/// value wins, the body sees the earlier one), keys that share first slots, and growth past the first size.
@Test func hashMapAgreesWithDictionary() {
    var rng = SplitMix(seed: 7)
    // small values repeat; the others are spread over the whole range
    let keys: [UInt64] = (0..<5_000).map { n in n % 3 == 0 ? rng.next() % 700 : rng.next() << 40 | UInt64(n % 5) }
    var expected: [UInt64: Int32] = [:], seen: [Int32?] = []
    for (n, k) in keys.enumerated() { seen.append(expected.updateValue(Int32(n), forKey: k)) }
    var batched = NERHashMap<Int32>(minimumCapacity: 10, filler: -1), batchedSeen: [Int32?] = []
    batched.modifyAll(keys, initial: -1) { n, v in
        batchedSeen.append(v >= 0 ? v : nil)
        v = Int32(n)
    }
    var single = NERHashMap<Int32>(minimumCapacity: 10, filler: -1), singleSeen: [Int32?] = []
    for (n, k) in keys.enumerated() { singleSeen.append(single.updateValue(Int32(n), forKey: k)) }
    #expect(batchedSeen == seen)
    #expect(singleSeen == seen)
    for map in [batched, single] {
        #expect(map.count == expected.count)
        for (k, v) in expected { #expect(map[k] == v) }
        var visited = 0
        map.forEach { k, v in visited += 1; #expect(expected[k] == v) }
        #expect(visited == expected.count)
        #expect(map[0xdead_beef_0000_0001] == nil)
    }
}

/// Gazetteer phrases are split into tokens at runs of spaces (leading, trailing and doubled spaces make no
/// empty tokens), and a list's lines need not come together.
@Test func gazetteerTokenizesPhrasesAtRunsOfSpaces() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ner-gazetteer-\(UUID().uuidString)")
    let folder = dir.appendingPathComponent("gaz")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try "a.tsv\n".write(to: folder.appendingPathComponent("index.txt"), atomically: true, encoding: .utf8)
    try "# comment\nNew  York\tcity\n  Paris \tcity\nJohn\tfirst\nSão Paulo\tcity\nJohn\tlast\n"
        .write(to: folder.appendingPathComponent("a.tsv"), atomically: true, encoding: .utf8)
    let gazetteer = try NERGazetteer(resources: ResourceLoader(directory: dir), folder: "gaz")
    #expect(gazetteer.lists == ["city", "first", "last"])
    let extractor = NERFeatureExtractor(clusters: .empty, gazetteer: gazetteer)
    func matches(_ words: [String]) -> [NERGazetteer.Match] {
        gazetteer.matches(lowerHashes: extractor.prepare([words]).sentences[0].map(\.lower))
    }
    #expect(matches(["new", "YORK"]) == [NERGazetteer.Match(start: 0, end: 2, lists: 1)])
    #expect(matches(["Paris"]) == [NERGazetteer.Match(start: 0, end: 1, lists: 1)])
    #expect(matches(["SÃO", "Paulo"]) == [NERGazetteer.Match(start: 0, end: 2, lists: 1)])
    #expect(matches(["John"]) == [NERGazetteer.Match(start: 0, end: 1, lists: 0b110)])
    #expect(matches(["New"]).isEmpty)   // a prefix only
    // the same phrases built from a Dictionary and a Set, as before the table: the same fingerprint
    let phrases: [[String]: UInt64] = [["new", "york"]: 1, ["paris"]: 1, ["são", "paulo"]: 1, ["john"]: 0b110]
    var byHash: [UInt64: UInt64] = [:], prefixes = Set<UInt64>()
    for (words, bits) in phrases {
        var h = NERHash.fnvOffset
        for (k, w) in words.enumerated() {
            h = NERGazetteer.extend(h, NERHash.string(w))
            if k < words.count - 1 { prefixes.insert(h) }
        }
        byHash[h] = bits
    }
    #expect(NERGazetteer(lists: gazetteer.lists, phrases: byHash, prefixes: prefixes).fingerprint
            == gazetteer.fingerprint)
}

/// A WordClusters read from `text` written as a cluster file in a folder of its own, removed once read (the
/// mapped file stays readable after its name is gone).
private func loadClusterFile(_ text: String, typePriors: Bool = false) throws -> WordClusters {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ner-clusters-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try text.write(to: dir.appendingPathComponent("c.tsv"), atomically: true, encoding: .utf8)
    return try WordClusters(resources: ResourceLoader(directory: dir), file: "c.tsv", byFrequency: !typePriors,
                            typePriors: typePriors)
}

/// frequentWords: by the count column, most frequent first, ties in file order; a word's later line wins its
/// cluster.
@Test func clustersFrequencyOrderAndRepeatedWords() throws {
    let clusters = try loadClusterFile("# header\n0\tb\t5\n0\ta\t9\n01\tc\t5\n1\td\t12\n1\tb\t1\n")
    #expect(clusters.frequentWords(10) == ["d", "a", "b", "c", "b"])
    #expect(clusters.frequentWords(2) == ["d", "a"])
    #expect(clusters.wordCount == 4)
    #expect(clusters.paths == ["0", "01", "1"])
    let b = NERHash.string("b")
    #expect(clusters.cluster(exact: b, lower: b) == 2)
    #expect(clusters.cluster(exact: NERHash.string("x"), lower: NERHash.string("a")) == 0)
}

/// The word vectors, built from the joint table in batches, hold exactly (bit for bit) the per-stage sums that
/// NERModel.Stage.add gives for each word's features at each offset.
@Test func vocabularyVectorsEqualStageSums() throws {
    let tagger = try NERSequenceTagger(resources: resources)
    let vocabulary = try #require(tagger.vocabulary)
    let L = NERLabels.count, S = tagger.model.stages.count
    var keys: [UInt64] = []
    // the first words, then a spread over the rest
    for id in Array(0..<300) + Array(stride(from: 300, to: vocabulary.infos.count, by: 97)) {
        for o in -2...2 {
            keys.removeAll()
            tagger.extractor.wordFeatures(vocabulary.infos[id], offset: o, into: &keys)
            for (si, stage) in tagger.model.stages.enumerated() {
                var expected = [Float](repeating: 0, count: L)
                expected.withUnsafeMutableBufferPointer { stage.add(keys, into: $0.baseAddress!) }
                let start = ((id * NERVocabulary.offsets + o + 2) * S + si) * L
                let actual = Array(vocabulary.vectors[start..<(start + L)])
                #expect(actual.map(\.bitPattern) == expected.map(\.bitPattern), "word \(id), offset \(o)")
            }
        }
    }
}

private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return NERHash.mix(state)
    }
}

/// A cluster file with type priors (clusters-glove.tsv's third column): each word keeps its cluster and gets its
/// prior's code (type index * 8 + bucket); the fingerprint changes with a prior; a column that is no prior is a
/// load error naming the line.
@Test func clustersWithTypePriors() throws {
    let clusters = try loadClusterFile("# header\n00\tnorwest\tORG4\n00\tmonday\tO3\n01\tblair\tPER1\n",
                                       typePriors: true)
    let h = NERHash.string
    #expect(clusters.clusterAndPrior(h("norwest"))?.cluster == 0)
    #expect(clusters.clusterAndPrior(h("norwest"))?.prior == UInt8(2 * 8 + 4))
    #expect(clusters.clusterAndPrior(h("monday"))?.prior == UInt8(0 * 8 + 3))
    #expect(clusters.clusterAndPrior(h("blair"))?.cluster == 1)
    #expect(clusters.cluster(exact: h("blair"), lower: h("blair")) == 1, "the prior stays out of the cluster id")
    #expect(clusters.clusterAndPrior(h("paris")) == nil)
    #expect(try loadClusterFile("00\tnorwest\tORG3\n00\tmonday\tO3\n01\tblair\tPER1\n", typePriors: true).fingerprint
            != clusters.fingerprint)
    for bad in ["00\tnorwest\n", "00\tnorwest\tORG\n", "00\tnorwest\tORG5\n", "00\tnorwest\tBANK2\n", "00\tnorwest\t4\n"] {
        #expect(throws: ResourceError.self, "\(bad)") { _ = try loadClusterFile(bad, typePriors: true) }
    }
}

/// NERTypePrior codes: every type with every bucket, and back to the type alone.
@Test(arguments: [("O1", 1), ("O4", 4), ("PER2", 10), ("ORG4", 20), ("LOC1", 25), ("MISC3", 35)])
func typePriorCodes(column: String, code: Int) {
    #expect(NERTypePrior.code(Array(column.utf8)) == UInt8(code))
    #expect(Int(NERTypePrior.type(UInt8(code))) == code / 8)
}

/// The slot table behind NERTypePrior.code(hash:) (it replaced a Dictionary): all twenty columns find their code,
/// and columns that are none, including near misses, find nothing.
@Test func typePriorTableHoldsEveryCodeAndNothingElse() {
    for (t, type) in NERTypePrior.types.enumerated() {
        for bucket in 1...4 {
            #expect(NERTypePrior.code(Array((type + String(bucket)).utf8)) == UInt8(t * 8 + bucket), "\(type)\(bucket)")
        }
        for bad in [type, type + "0", type + "5", type.lowercased() + "1", type + "12"] {
            #expect(NERTypePrior.code(Array(bad.utf8)) == nil, "\(bad)")
        }
    }
    #expect(NERTypePrior.code([]) == nil)
}

/// A cluster file's path is checked when it first appears (later lines with the same path compare equal to it):
/// a path that is no bit string, or is empty, is a load error naming its line even after valid lines.
@Test func clusterPathsAreCheckedWhereTheyChange() throws {
    let good = try loadClusterFile("01\ta\t3\n01\tb\t2\n1\tc\t1\n01\td\t1\n")
    #expect(good.paths == ["01", "1"])
    #expect(good.cluster(exact: NERHash.string("d"), lower: 0) == 0)
    for (bad, line) in [("01\ta\t3\n0x\tb\t2\n", 2), ("01\ta\t3\n\tb\t2\n", 2), ("01\ta\t3\n01\t\t2\n", 2),
                        ("01\ta\t3\n01\tb\t2\n21\tc\t1\n", 3), ("01\n", 1)] {
        do {
            _ = try loadClusterFile(bad)
            Issue.record("loaded \(bad.debugDescription)")
        } catch let error as ResourceError {
            #expect(error.description.hasPrefix("c.tsv:\(line): expected path"), "\(error)")
        }
    }
}

private let shippedGloVe = Result {
    try WordClusters(resources: resources, file: NERFeatureExtractor.gloveClustersFile, byFrequency: false,
                     typePriors: true)
}

/// The shipped GloVe set carries priors: names never seen in CoNLL training read like the seen names near them.
@Test(arguments: [("nationsbank", "ORG"), ("ericsson", "ORG"), ("freiburg", "ORG"), ("monday", "O"),
                  ("mbeki", "PER"), ("tegucigalpa", "LOC")])
func shippedGloVeSetHasTypePriors(word: String, type: String) throws {
    let glove = try shippedGloVe.get()
    let prior = try #require(glove.clusterAndPrior(NERHash.string(word))?.prior)
    #expect(NERTypePrior.types[Int(NERTypePrior.type(prior))] == type)
}
