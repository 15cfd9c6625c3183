// Tests for the statistical entity tagger: labels and decoding constraints, the model file's integrity checks,
// conlleval scoring, the pipeline component, and a dev-set F1 regression guard against the model card.
import Foundation
import Testing
import TestSupport
@testable import TextAnalysis

private let resources: ResourceLoader = {
    ResourceLoader(directory: Fixtures.repoRoot.appendingPathComponent("Sources/TextAnalysis/Resources"))
}()

/// Loaded once for all tests (loading precomputes word vectors, which is slow in a debug build).
private let sharedTagger = Result { try NERSequenceTagger(resources: resources) }

@Test(arguments: [
    (["B-PER", "I-PER", "O", "B-LOC"], ["B-PER", "L-PER", "O", "U-LOC"]),
    (["B-ORG", "I-ORG", "I-ORG"], ["B-ORG", "I-ORG", "L-ORG"]),
    (["I-MISC", "B-MISC"], ["U-MISC", "U-MISC"]),          // IOB1: B- only between adjacent entities
    (["B-PER", "I-LOC"], ["U-PER", "U-LOC"]),                // type change starts a new chunk (conlleval)
])
func labelsConvertIOBToBILOU(iob: [String], bilou: [String]) {
    let labels = NERLabels.bilou(iob: iob)
    #expect(labels.map { NERLabels.names[$0] } == bilou)
    let back = NERLabels.iob2(spans: NERLabels.spans(bilou: labels), count: iob.count)
    #expect(NERLabels.spans(iob: back) == NERLabels.spans(iob: iob))
}

@Test(arguments: [
    (nil as String?, "I-PER", false), (nil, "L-PER", false), (nil, "B-PER", true), ("O", "I-ORG", false),
    ("B-PER", "I-PER", true), ("B-PER", "L-PER", true), ("B-PER", "I-LOC", false), ("B-PER", "O", false),
    ("I-LOC", "B-LOC", false), ("L-LOC", "B-LOC", true), ("U-MISC", "U-MISC", true),
])
func transitionsFollowBILOU(previous: String?, next: String, allowed: Bool) {
    let p = previous.map { NERLabels.names.firstIndex(of: $0)! }
    #expect(NERLabels.allowed(from: p, to: NERLabels.names.firstIndex(of: next)!) == allowed)
}

@Test func viterbiNeverOutputsInvalidSequences() {
    var rng = SplitMix64(seed: 7)
    let L = NERLabels.count
    var work: [Float] = [], path: [Int] = []
    for n in 1...12 {
        let e = (0..<(n * L)).map { _ in Float(Int(rng.next() % 200)) - 100 }
        let tr = (0..<NERDecoder.transitionCount).map { _ in Float(Int(rng.next() % 200)) - 100 }
        NERDecoder.viterbi(emissions: e, count: n, transitions: tr, work: &work, into: &path)
        #expect(path.count == n)
        var prev: Int? = nil
        for l in path { #expect(NERLabels.allowed(from: prev, to: l)); prev = l }
        #expect(NERLabels.canEnd(path.last!))
    }
}

@Test func spanProbabilitiesAreProbabilities() {
    let L = NERLabels.count
    var rng = SplitMix64(seed: 3)
    let n = 5
    let e = (0..<(n * L)).map { _ in Float(Int(rng.next() % 20)) }
    let tr = [Float](repeating: 0, count: NERDecoder.transitionCount)
    // every single-token unit span of one type: their probabilities at one position sum to at most 1
    let spans = (0..<4).map { NERLabels.Span(tokens: 2..<3, type: $0) }
    let p = NERDecoder.spanProbabilities(emissions: e, count: n, transitions: tr, temperature: 1, spans: spans)
    #expect(p.allSatisfy { $0 >= 0 && $0 <= 1 })
    #expect(p.reduce(0, +) <= 1.000001)
}

@Test func pathMarginalsAgreeWithSpanProbabilities() {
    let L = NERLabels.count
    var rng = SplitMix64(seed: 5)
    var work: [Float] = [], path: [Int] = []
    for n in 1...8 {
        let e = (0..<(n * L)).map { _ in Float(Int(rng.next() % 20)) }
        let tr = (0..<NERDecoder.transitionCount).map { _ in Float(Int(rng.next() % 6)) }
        NERDecoder.viterbi(emissions: e, count: n, transitions: tr, work: &work, into: &path)
        let potentials = NERDecoder.transitionPotentials(tr, temperature: 2)
        let m = NERDecoder.pathMarginals(emissions: e, count: n, potentials: potentials, temperature: 2, path: path)
        #expect(m.count == n && m.allSatisfy { $0 >= 0 && $0 <= 1.000001 })
        // a one-token entity's marginal is its span probability (both: its U label at that position)
        for span in NERLabels.spans(bilou: path) where span.tokens.count == 1 {
            let p = NERDecoder.spanProbabilities(emissions: e, count: n, potentials: potentials, temperature: 2,
                                                 spans: [span])
            #expect(abs(p[0] - m[span.tokens.lowerBound]) < 1e-9)
        }
    }
}

@Test(arguments: [
    // gold, predicted, correct entities
    (["B-PER", "I-PER", "O"], ["B-PER", "I-PER", "O"], 1),
    (["B-PER", "I-PER", "O"], ["B-PER", "O", "O"], 0),          // boundary must match exactly
    (["B-PER", "I-PER", "O"], ["B-ORG", "I-ORG", "O"], 0),      // and type
    (["B-LOC", "B-LOC", "O"], ["B-LOC", "I-LOC", "O"], 0),
])
func scorerUsesExactEntityMatch(gold: [String], predicted: [String], correct: Int) {
    var s = NERScore()
    s.add(goldTags: gold, predictedTags: predicted)
    #expect(s.overall.correct == correct)
}

@Test func modelRejectsDamagedOrForeignFiles() throws {
    let stage = NERModel.Stage(keys: [1, 2], weights: [Float](repeating: 0.5, count: 2 * NERLabels.count),
                               transitions: [Float](repeating: 0, count: NERDecoder.transitionCount))
    let info = NERModel.Info(labels: NERLabels.names, featureVersion: NERFeatureExtractor.version, resources: "x",
                             temperature: 2, trainedOn: "", devF1: [:], command: "", seed: 1, epochs: [1], date: "")
    let bytes = try NERModel(info: info, stages: [stage]).serialized()
    let back = try NERModel(data: Data(bytes))
    #expect(back.info == info)
    #expect(back.stages[0].keys == [1, 2])

    var damaged = bytes
    damaged[damaged.count / 2] ^= 0xFF
    #expect(throws: NERModelError.self) { try NERModel(data: Data(damaged)) }
    #expect(throws: NERModelError.self) { try NERModel(data: Data(bytes.prefix(bytes.count - 3))) }
    var foreign = bytes
    foreign[0] = UInt8(ascii: "X")
    #expect(throws: NERModelError.self) { try NERModel(data: Data(foreign)) }
}

@Test func modelWithOtherResourcesIsAStartupError() throws {
    let noTransitions = [Float](repeating: 0, count: NERDecoder.transitionCount)
    let stage = NERModel.Stage(keys: [], weights: [], transitions: noTransitions)
    let info = NERModel.Info(labels: NERLabels.names, featureVersion: NERFeatureExtractor.version,
                             resources: "0000000000000000", temperature: 1, trainedOn: "", devF1: [:], command: "",
                             seed: 1, epochs: [], date: "")
    let extractor = try NERFeatureExtractor(resources: resources)
    #expect(throws: NERModelError.self) {
        try NERSequenceTagger(model: NERModel(info: info, stages: [stage]), extractor: extractor)
    }
}

/// A Document from pre-split tokens (one space between them), one sentence per array.
private func document(_ sentences: [[String]]) -> Document {
    let text = sentences.map { $0.joined(separator: " ") }.joined(separator: " ")
    var doc = Document(text: text)
    var offset = 0
    for words in sentences {
        let first = doc.tokens.count
        for w in words {
            let n = w.unicodeScalars.count
            doc.tokens.append(Token(start: offset, end: offset + n, text: w, spaceAfter: true))
            offset += n + 1
        }
        let r = first..<doc.tokens.count
        doc.sentences.append(Sentence(tokens: r, chars: doc.chars(ofTokens: r)))
    }
    return doc
}

@Test func entityTaggerWritesMentionsWithOffsets() throws {
    let tagger = EntityTagger(tagger: try sharedTagger.get())
    var doc = document([["German", "Chancellor", "Helmut", "Kohl", "met", "officials", "of", "the", "European",
                         "Union", "in", "Brussels", "on", "Monday", "."]])
    tagger.process(&doc)
    let found = doc.mentions.map { "\(doc.text($0.chars))/\($0.type.rawValue)" }
    #expect(found.contains("Helmut Kohl/PER"))
    #expect(found.contains("Brussels/LOC"))
    #expect(found.contains("European Union/ORG"))
    for m in doc.mentions {
        #expect(m.chars == doc.chars(ofTokens: m.tokens))
        #expect(m.confidence >= 0 && m.confidence <= 1)
    }
}

@Test func entityTaggerKeepsEarlierMentions() throws {
    let tagger = EntityTagger(tagger: try sharedTagger.get())
    var doc = document([["Helmut", "Kohl", "arrived", "."]])
    let earlier = EntityMention(tokens: 0..<1, chars: doc.chars(ofTokens: 0..<1), type: .misc, confidence: 1)
    doc.mentions = [earlier]
    tagger.process(&doc)
    #expect(doc.mentions.first == earlier)
    #expect(!doc.mentions.dropFirst().contains { $0.chars.overlaps(earlier.chars) })
}

/// The dev F1 recorded in the model card, minus 0.5, is the floor. Runs the whole dev set (about 51k tokens).
@Test func devF1DoesNotRegress() throws {
    guard let dev = Fixtures.sharedData("conll2003/dev.txt") else { return }
    let card = try resources.lines("ner/model-card.txt")
    guard let line = card.first(where: { $0.text.hasPrefix("dev-f1:") }),
          let recorded = Double(line.text.dropFirst("dev-f1:".count).trimmingCharacters(in: .whitespaces)) else {
        Issue.record("model-card.txt has no dev-f1 line")
        return
    }
    let tagger = try sharedTagger.get()
    let docs = try CoNLL.parse(String(decoding: try Data(contentsOf: dev), as: UTF8.self)).documents
    var score = NERScore()
    for doc in docs {
        let r = tagger.tag(doc.sentences.map(\.tokens), confidences: false)
        for (s, sent) in doc.sentences.enumerated() {
            score.add(gold: NERLabels.spans(iob: sent.tags), predicted: NERLabels.spans(bilou: r.labels[s]),
                      tokenCount: sent.tokens.count, tokenMatches: 0)
        }
    }
    print("dev F1 \(score.overall.f1) (model card \(recorded))")
    #expect(score.overall.f1 >= recorded - 0.5)
}

/// Only spans above one half survive; a dropped span's tokens all become O, and the others keep their labels.
@Test(arguments: [
    ([0..<2, 3..<4], [0.9, 0.4], ["B-PER", "L-PER", "O", "U-LOC"], ["B-PER", "L-PER", "O", "O"]),
    ([0..<3], [0.5], ["B-ORG", "I-ORG", "L-ORG"], ["O", "O", "O"]),              // one half is not more likely
    ([0..<3], [0.51], ["B-ORG", "I-ORG", "L-ORG"], ["B-ORG", "I-ORG", "L-ORG"]),
    ([0..<1, 1..<2, 2..<3], [0.2, 0.7, 0.3], ["U-MISC", "U-MISC", "U-MISC"], ["O", "U-MISC", "O"]),
] as [([Range<Int>], [Double], [String], [String])])
func likelySelectionDropsSpansOfHalfOrLess(tokens: [Range<Int>], probabilities: [Double], before: [String],
                                            after: [String]) {
    var labels = before.map { NERLabels.names.firstIndex(of: $0)! }
    let spans = NERLabels.spans(bilou: labels)
    #expect(spans.map(\.tokens) == tokens)
    let kept = NERSequenceTagger.keepLikely(spans, probabilities: probabilities, labels: &labels)
    #expect(labels.map { NERLabels.names[$0] } == after)
    #expect(kept.map(\.span) == NERLabels.spans(bilou: labels))
    #expect(kept.allSatisfy { $0.probability > NERSequenceTagger.likelyThreshold })
}

/// The tagger's default output is the best path less its spans of probability one half or less. At the model's
/// temperature most spans here are sure; at a high one every probability flattens below one half, and the same
/// best path is reported as nothing.
@Test(arguments: [nil as Float?, 0.1, 40])
func taggerReportsOnlyLikelySpansOfTheBestPath(temperature: Float?) throws {
    let tagger = try sharedTagger.get()
    let doc = [["Shares", "in", "Sun", "fell", "."], ["The", "Texan", "won", "."],
               ["He", "met", "Kelvo", "Dravin", "at", "Mursk", "Bay", "."],
               ["Australia", "will", "defend", "the", "Ashes", "in", "a", "series", "against", "England", "."],
               ["Cofinec", "'s", "Global", "Depositary", "Receipts", "(", "GDRs", ")", "opened", "on", "the", "BSE",
                "."]]
    let best = tagger.tag(doc, temperature: temperature, selection: .bestPath)
    let likely = tagger.tag(doc, temperature: temperature)
    var dropped = 0
    for s in doc.indices {
        let expected = best.spans[s].filter { $0.confidence > NERSequenceTagger.likelyThreshold }
        dropped += best.spans[s].count - expected.count
        #expect(likely.spans[s] == expected)
        #expect(NERLabels.spans(bilou: likely.labels[s]).map(\.tokens) == expected.map(\.tokens))
    }
    #expect(best.spans.joined().count >= 8)
    if temperature == 40 { #expect(likely.spans.joined().isEmpty) }
    if temperature == 0.1 { #expect(dropped == 0) }
}

/// The precomputed word vectors (NERVocabulary) are a cache: tagging with and without them agrees.
@Test func precomputedWordWeightsChangeNothing() throws {
    let fast = try sharedTagger.get()
    let slow = try NERSequenceTagger(model: fast.model, extractor: fast.extractor, precompute: false)
    let doc = [["LONDON", "1996-08-30"], ["West", "Indian", "all-rounder", "Phil", "Simmons", "took", "four", "for",
               "38", "on", "Friday", "as", "Leicestershire", "beat", "Somerset", "."],
               ["Simmons", "said", "the", "Zyxqwv", "Corporation", "of", "Kuala", "Lumpur", "will", "pay", "."]]
    let a = fast.tag(doc), b = slow.tag(doc)
    #expect(a.labels == b.labels)
    for (x, y) in zip(a.spans.joined(), b.spans.joined()) {
        #expect(x.tokens == y.tokens && x.type == y.type)
        #expect(abs(x.confidence - y.confidence) < 1e-4)
    }
}

/// Each gazetteer file's EXAMPLE lines match in full.
@Test func gazetteerExamplesMatch() throws {
    let gazetteer = try NERGazetteer(resources: resources)
    let extractor = NERFeatureExtractor(clusters: .empty, gazetteer: gazetteer)
    var examples = 0
    for file in try resources.lines("ner/gazetteers/index.txt") {
        for line in try resources.string("ner/gazetteers/\(file.text)").split(separator: "\n")
        where line.hasPrefix("# EXAMPLE: ") {
            let words = line.dropFirst("# EXAMPLE: ".count).split(separator: " ").map(String.init)
            let hashes = extractor.prepare([words]).sentences[0].map(\.lower)
            #expect(gazetteer.matches(lowerHashes: hashes).contains { $0.start == 0 && $0.end == words.count },
                    "\(file.text): \(words)")
            examples += 1
        }
    }
    #expect(examples >= 3)
}

/// The joint key table sums exactly what each stage's own table sums: shared keys, keys of one stage only,
/// and keys of neither; the batch lookup the tagger uses (rows(of:), then add(rows:)) sums the same as `sum`.
@Test func jointTableSumsEqualEachStage() {
    let L = NERLabels.count
    func weights(_ rows: Int, _ seed: Float) -> [Float] { (0..<(rows * L)).map { Float(($0 * 37) % 23) - 11 + seed } }
    let first = NERModel.Stage(keys: [11, 22, 33], weights: weights(3, 0.25),
                               transitions: [Float](repeating: 0, count: NERDecoder.transitionCount))
    let second = NERModel.Stage(keys: [22, 44, 11, 55], weights: weights(4, -0.5),
                                transitions: [Float](repeating: 0, count: NERDecoder.transitionCount))
    let table = NERJointTable(stages: [first, second])
    for keys: [UInt64] in [[11], [22, 44], [33, 55, 66], [66], [11, 22, 33, 44, 55], []] {
        var sums = NERJointTable.Sums(), batchSums = NERJointTable.Sums()
        table.sum(keys, into: &sums)
        var rows: [Int32] = []
        table.rows(of: keys, into: &rows)
        rows.withUnsafeBufferPointer { r in
            if let base = r.baseAddress { table.add(rows: base, count: keys.count, into: &batchSums) }
        }
        for (si, stage) in [first, second].enumerated() {
            var expected = [Float](repeating: 0, count: L), actual = expected, batch = expected
            expected.withUnsafeMutableBufferPointer { stage.add(keys, into: $0.baseAddress!) }
            actual.withUnsafeMutableBufferPointer { table.apply(sums, stage: si, into: $0.baseAddress!) }
            batch.withUnsafeMutableBufferPointer { table.apply(batchSums, stage: si, into: $0.baseAddress!) }
            #expect(actual == expected, "stage \(si + 1), keys \(keys)")
            #expect(batch == expected, "batch, stage \(si + 1), keys \(keys)")
        }
    }
}

/// Tagging (one joint pass for both stages, precomputed word vectors) labels as scoring each stage on its own
/// with NERModel.Stage.add does.
@Test func taggerAgreesWithStageByStageScoring() throws {
    let tagger = try sharedTagger.get()
    let doc = [["SOCCER", "-", "RUCH", "BEAT", "WIDZEW", "IN", "WARSAW"],
               ["Shares", "of", "Ruch", "rose", "as", "Ruch", "beat", "Widzew", "Lodz", "on", "Sunday", "."],
               ["Simmons", "said", "the", "Zyxqwv", "Corporation", "of", "Kuala", "Lumpur", "will", "pay", "Ruch", "."],
               ["West", "Indian", "all-rounder", "Phil", "Simmons", "took", "four", "for", "38", "."],
               // shorter sentences after longer ones, and an empty one: stage 1's emissions reuse one
               // sentence's room, which nothing of the sentence before may leak into
               [], ["Ruch", "won", "."], ["Widzew"]]
    #expect(tagger.tag(doc).labels == referenceLabels(tagger, doc))
}

/// The decoder scores all labels of a step at once and recovers arguments in the backtrace; it must pick the
/// same path as the plain loop over allowed pairs that keeps strictly better sums, ties included (small
/// integer scores tie often), and when some labels start at -greatestFiniteMagnitude.
@Test func viterbiMatchesPlainLoopIncludingTies() {
    var rng = SplitMix64(seed: 11)
    let L = NERLabels.count
    var work: [Float] = [], path: [Int] = []
    for n in [1, 2, 3, 5, 9, 20, 40] {
        for range: UInt64 in [3, 50] {
            let e = (0..<(n * L)).map { _ in Float(Int(rng.next() % range)) - 1 }
            let tr = (0..<NERDecoder.transitionCount).map { _ in Float(Int(rng.next() % range)) - 1 }
            NERDecoder.viterbi(emissions: e, count: n, transitions: tr, work: &work, into: &path)
            #expect(path == plainViterbi(e, n, tr), "n \(n), scores 0..<\(range)")
        }
    }
}

/// Viterbi as a loop over allowed (previous, next) pairs in ascending order, keeping strictly better sums.
private func plainViterbi(_ e: [Float], _ n: Int, _ tr: [Float]) -> [Int] {
    let L = NERLabels.count, ninf = -Float.greatestFiniteMagnitude
    var cur = (0..<L).map { NERLabels.allowed(from: nil, to: $0) ? tr[$0] + e[$0] : ninf }
    var back = [[Int]]()
    for t in 1..<max(n, 1) {
        var next = [Float](repeating: 0, count: L), arg = [Int](repeating: 0, count: L)
        for j in 0..<L {
            var best = ninf
            for i in 0..<L where NERLabels.allowed(from: i, to: j) {
                let s = cur[i] + tr[(i + 1) * L + j]
                if s > best { best = s; arg[j] = i }
            }
            next[j] = best + e[t * L + j]
        }
        back.append(arg)
        cur = next
    }
    var best = ninf, last = 0
    for j in 0..<L where NERLabels.canEnd(j) {
        let s = cur[j] + tr[(L + 1) * L + j]
        if s > best { best = s; last = j }
    }
    var path = [last]
    for arg in back.reversed() { path.insert(arg[path[0]], at: 0) }
    return path
}

/// Each stage scored on its own (no joint table, no vocabulary): the plain definition of the tagger's scores.
private func referenceLabels(_ tagger: NERSequenceTagger, _ sentences: [[String]]) -> [[Int]] {
    let ex = tagger.extractor, L = NERLabels.count
    let prepared = ex.prepare(sentences)
    var labels = sentences.map { [Int](repeating: 0, count: $0.count) }
    var keys: [UInt64] = [], work: [Float] = [], path: [Int] = []
    for (si, stage) in tagger.model.stages.enumerated() {
        let history = si == 0 ? nil : NERFeatureExtractor.History(prepared: prepared, labels: labels)
        for s in sentences.indices where !sentences[s].isEmpty {
            let n = sentences[s].count
            var e = [Float](repeating: 0, count: n * L)
            e.withUnsafeMutableBufferPointer { eb in
                for i in 0..<n {
                    let out = eb.baseAddress! + i * L
                    for o in -2...2 where i + o >= 0 && i + o < n {
                        keys.removeAll()
                        ex.wordFeatures(prepared.sentences[s][i + o], offset: o, into: &keys)
                        stage.add(keys, into: out)
                    }
                    keys.removeAll()
                    ex.contextFeatures(prepared, sentence: s, token: i, history: history, into: &keys)
                    stage.add(keys, into: out)
                }
                stage.transitions.withUnsafeBufferPointer { tr in
                    NERDecoder.viterbi(emissions: eb.baseAddress!, count: n, transitions: tr.baseAddress!,
                                       work: &work, into: &path)
                }
            }
            labels[s] = path
        }
    }
    return labels
}

/// A story's topic is the first word of an all-capitals first line of three or more tokens, else none.
@Test(arguments: [
    ("SOCCER - JAPAN GET LUCKY WIN .", "soccer"),
    ("CRICKET - ENGLAND V PAKISTAN", "cricket"),
    ("EU rejects German call to boycott British lamb .", nil as String?),
    ("SOCCER -", nil),                                   // too short for a slug line
    ("1996 - RESULTS TABLE", nil),                       // a number is no topic
])
func topicSlugComesFromAnAllCapitalsFirstLine(firstLine: String, topic: String?) {
    let extractor = NERFeatureExtractor(clusters: .empty, gazetteer: .empty)
    let words = firstLine.split(separator: " ").map(String.init)
    let doc = extractor.prepare([words, ["Milan", "2", "Roma", "1"]])
    #expect(doc.topic == (topic.map { NERHash.string($0) } ?? 0))
}

/// Tokens of a text whose tokens are separated by single spaces.
private func spaceSeparatedTokens(_ text: String) -> [Token] {
    var offset = 0
    return text.split(separator: " ").map { w -> Token in
        defer { offset += w.count + 1 }
        return Token(start: offset, end: offset + w.count, text: String(w), spaceAfter: true)
    }
}

/// A tagged span is cut at a bracket without its partner (two names of a line-up run together) and kept whole
/// when its brackets pair up; a piece with no letter or digit is dropped.
@Test(arguments: [
    ("Mills ( Bradley Wright-Phillips", ["Mills", "Bradley Wright-Phillips"]),
    ("Barton ( Macken", ["Barton", "Macken"]),
    ("Proleter ( Z )", ["Proleter ( Z )"]),
    ("Hill ) Lopez ]", ["Hill", "Lopez"]),
    ("( Reuters", ["Reuters"]),
    ("Acme [ UK ) Ltd", ["Acme", "UK", "Ltd"]),
    ("Antony Blinken", ["Antony Blinken"]),
])
func taggedSpanIsCutAtALoneBracket(_ span: String, _ pieces: [String]) {
    let tokens = spaceSeparatedTokens(span)
    let got = EntityTagger.splitAtUnbalancedBrackets(0..<tokens.count, tokens)
    #expect(got.map { r in tokens[r].map(\.text).joined(separator: " ") } == pieces)
}

/// A quotation mark at a tagged span's edge belongs to the quote around it, not to the name; a single mark at the
/// end may be a possessive and stays; a span of marks alone is no mention.
@Test(arguments: [
    ("' Budget", "Budget"),
    ("“ Cup ”", "Cup"),
    ("\" New Labour \"", "New Labour"),
    ("Jones '", "Jones '"),
    ("‘ Harry Potter ’", "Harry Potter"),
    ("New Labour ''", "New Labour"),
    ("「 Cup 」", "Cup"),
    ("Antony Blinken", "Antony Blinken"),
    ("“ ”", nil),
] as [(String, String?)])
func taggedSpanLosesQuoteMarksAtItsEdges(_ span: String, _ kept: String?) {
    let tokens = spaceSeparatedTokens(span)
    let got = EntityTagger.trimmingQuoteMarks(0..<tokens.count, tokens)
    #expect(got.map { r in tokens[r].map(\.text).joined(separator: " ") } == kept)
}
