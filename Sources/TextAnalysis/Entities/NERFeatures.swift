// Feature templates of the entity tagger. One code path for training (CoNLL tokens) and inference (our
// tokenizer's tokens): both hand in a document as sentences of token strings. Features are 64-bit keys
// (template id mixed with hashed values), never strings, so the hot path builds no text.
//
// Stage 1 sees the tokens, their window of +-2, gazetteer matches and how each word is cased elsewhere in
// the document. Stage 2 adds what stage 1 predicted: its labels around the token and, for the same word
// elsewhere in the document, the labels it got (Ratinov & Roth 2009, "extended prediction history" and
// "context aggregation"; Krishnan & Manning 2006, two-stage non-local features).
public struct NERFeatureExtractor: Sendable {
    /// Bumped whenever a template or hash changes: models record it and refuse to load with another.
    public static let version: UInt32 = 10

    public let clusters: WordClusters
    /// A second, larger cluster set learned elsewhere (web text): classes for names our own corpus lacks.
    public let webClusters: WordClusters
    /// A third set from word vectors of Wikipedia and newswire (GloVe): names of one kind share a class.
    public let gloveClusters: WordClusters
    public let gazetteer: NERGazetteer

    public init(clusters: WordClusters, webClusters: WordClusters = .empty, gloveClusters: WordClusters = .empty,
                gazetteer: NERGazetteer) {
        self.clusters = clusters
        self.webClusters = webClusters
        self.gloveClusters = gloveClusters
        self.gazetteer = gazetteer
    }

    /// Identifies the clusters and gazetteers; a model trained with other ones refuses to load.
    public var fingerprint: String {
        var sets = clusters.fingerprint ^ NERHash.mix(webClusters.fingerprint &+ 1)
        if gloveClusters.wordCount > 0 { sets ^= NERHash.mix(gloveClusters.fingerprint &+ 2) }
        let hex = String(NERHash.mix(sets ^ NERHash.mix(gazetteer.fingerprint)), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Template ids: the first argument of every key.
    enum T: UInt64 {
        case bias = 1, exact, lowerM2, lowerM1, lower0, lowerP1, lowerP2, shape, shortM1, short0, shortP1
        case prefix, suffix, clusterM1, cluster0, clusterP1, gaz, gazM1, gazP1, bigramL, bigramR, shapeTri
        case start, capsSentence, capsSentenceShape, flags, docCase, length, clusterM2, clusterP2, unknownCluster
        case suffixM1, suffixP1, prefixM1, sentenceShape, numericSentence, clusterShape, contextM1, contextP1
        case topicShape, topicGaz, web0, webM1, webP1, webM2, webP2, webContextM1, webContextP1
        case glove0, gloveM1, gloveP1, gloveM2, gloveP2, gloveShape, gloveContextM1, gloveContextP1
        case prior0, priorM1, priorP1, priorShape, priorType, priorM2, priorP2
        case fpM1 = 64, fp0, fpP1, docType, docLabel, docShare, fpBigram, docTypeM1, docTypeP1
    }

    /// A document prepared once: per-token word facts, gazetteer matches, casing statistics.
    struct Prepared {
        var sentences: [[NERWordInfo]]
        /// per sentence: gazetteer keys (list x position in the phrase); token i's are
        /// gazetteer[s][gazetteerStart[s][i] ..< gazetteerStart[s][i + 1]]
        var gazetteer: [[UInt64]]
        var gazetteerStart: [[Int32]]
        /// per sentence: every letter is a capital (a headline)
        var capsSentence: [Bool]
        /// per sentence: at least a third of the tokens are numbers (results tables)
        var numericSentence: [Bool]
        /// lower-case hash -> 1 seen all lower case, 2 seen capitalized not first in its sentence
        var casing: NERHashMap<UInt8>
        /// per sentence, per token: NERVocabulary id, or -1
        var ids: [[Int32]]
        /// capitalized word (lower-case hash) -> its occurrences in the document (up to `contextOccurrences`):
        /// sentence, token, and the lower-case hashes of the words before and after it
        var occurrences: NERHashMap<[Occurrence]>
        /// the lower-case first word of an all-capitals first line ("SOCCER - ..."), the story's topic slug, or 0
        var topic: UInt64 = 0
    }

    struct Occurrence {
        var sentence: Int32, token: Int32
        var before: UInt64, after: UInt64
    }

    /// How many occurrences of a word lend their neighbours to the others ("context aggregation").
    static let contextOccurrences = 6
    /// Boundary markers differ from every hash so "start of sentence" is its own value.
    static let bos: UInt64 = 0x5354_4152_54, eos: UInt64 = 0x454e_44

    func prepare(_ sentences: [[String]], vocabulary: NERVocabulary? = nil) -> Prepared {
        var infos: [[NERWordInfo]] = []
        infos.reserveCapacity(sentences.count)
        var gaz: [[UInt64]] = []
        var gazStart: [[Int32]] = []
        var caps: [Bool] = []
        var numeric: [Bool] = []
        var ids: [[Int32]] = []
        // Sized once for the document's distinct words: growing them word by word rehashes every key several
        // times. Distinct words grow slower than tokens (a 10 MB text of 2M tokens has about 80k): sized by
        // tokens, the casing table of such a text took 64 MB, and every capitalized word read it at random.
        // The keys are hashes already: NERHashMap spares Dictionary's SipHash of each.
        let tokenCount = sentences.reduce(0) { $0 + $1.count }
        let distinct = min(tokenCount, 4096 + tokenCount / 16)
        var casing = NERHashMap<UInt8>(minimumCapacity: distinct, filler: 0)
        var occurrences = NERHashMap<[Occurrence]>(minimumCapacity: distinct / 4, filler: [])
        var first: [NERGazetteer.Entry] = []
        for words in sentences {
            var sent: [NERWordInfo] = []
            sent.reserveCapacity(words.count)
            first.removeAll(keepingCapacity: true)
            var sentIds = [Int32](repeating: -1, count: words.count)
            var letters = 0, capsWords = 0, numbers = 0
            // In phases, each a short loop of independent reads: a known word's index slot, facts and gazetteer
            // entry are cache misses in tables of megabytes, and these overlap where one long loop body per word
            // waited for each in turn (the facts' read was 40 % of this function in perf).
            if let v = vocabulary {
                for (i, w) in words.enumerated() { sentIds[i] = v.index[w] ?? -1 }
                for (i, w) in words.enumerated() {
                    let id = Int(sentIds[i])
                    sent.append(id >= 0 ? v.infos[id]
                                : NERWordInfo(w, clusters: clusters, web: webClusters, glove: gloveClusters))
                }
                for i in 0..<words.count {
                    let id = Int(sentIds[i])
                    first.append(id >= 0 ? v.gazetteerFirst[id] : gazetteer.firstEntry(sent[i].lower))
                }
            } else {
                for w in words {
                    let info = NERWordInfo(w, clusters: clusters, web: webClusters, glove: gloveClusters)
                    sent.append(info)
                    first.append(gazetteer.firstEntry(info.lower))
                }
            }
            for (i, info) in sent.enumerated() {
                if info.flags.contains(.hasDigit) && !info.flags.contains(.hasLetter) { numbers += 1 }
                if info.flags.contains(.hasLetter) {
                    letters += 1
                    if info.flags.contains(.allCaps) { capsWords += 1 }
                }
                if info.flags.contains(.hasLetter) {
                    if !info.flags.contains(.initialCap) && !info.flags.contains(.hasOther) {
                        casing.modify(info.lower, initial: 0) { $0 |= 1 }
                    } else if i > 0 && info.flags.contains(.initialCap) && !info.flags.contains(.allCaps) {
                        casing.modify(info.lower, initial: 0) { $0 |= 2 }
                    }
                }
            }
            // (token, key) pairs, then grouped by token (counting sort) into one flat array
            var pairs: [(Int, UInt64)] = []
            for m in gazetteer.matches(lowerHashes: sent.map(\.lower), first: first) {
                var bits = m.lists
                while bits != 0 {
                    let list = UInt64(bits.trailingZeroBitCount)
                    bits &= bits - 1
                    if m.end - m.start == 1 {
                        pairs.append((m.start, NERHash.key(T.gaz.rawValue, list, 3)))
                    } else {
                        pairs.append((m.start, NERHash.key(T.gaz.rawValue, list, 0)))
                        for k in (m.start + 1)..<(m.end - 1) { pairs.append((k, NERHash.key(T.gaz.rawValue, list, 1))) }
                        pairs.append((m.end - 1, NERHash.key(T.gaz.rawValue, list, 2)))
                    }
                }
            }
            var start = [Int32](repeating: 0, count: words.count + 1)
            for (t, _) in pairs { start[t + 1] += 1 }
            for t in 0..<words.count { start[t + 1] += start[t] }
            var flat = [UInt64](repeating: 0, count: pairs.count)
            var fill = start
            for (t, k) in pairs { flat[Int(fill[t])] = k; fill[t] += 1 }
            infos.append(sent)
            ids.append(sentIds)
            for (i, info) in sent.enumerated() where info.isCapitalized && info.flags.contains(.hasLower) {
                let before = i > 0 ? sent[i - 1].lower : Self.bos
                let after = i + 1 < sent.count ? sent[i + 1].lower : Self.eos
                let o = Occurrence(sentence: Int32(infos.count - 1), token: Int32(i), before: before, after: after)
                occurrences.modify(info.lower, initial: []) { list in
                    if list.count < Self.contextOccurrences { list.append(o) }
                }
            }
            gaz.append(flat)
            gazStart.append(start)
            caps.append(letters >= 2 && capsWords == letters)
            numeric.append(numbers * 3 >= words.count && numbers >= 2)
        }
        var topic: UInt64 = 0
        if let first = infos.first, first.count >= 3, caps.first == true, first[0].flags.contains(.hasLetter) {
            topic = first[0].lower
        }
        return Prepared(sentences: infos, gazetteer: gaz, gazetteerStart: gazStart, capsSentence: caps,
                        numericSentence: numeric, casing: casing, ids: ids, occurrences: occurrences, topic: topic)
    }

    /// What stage 1 said about the document, summarized for stage 2.
    struct History {
        var labels: [[Int]]
        /// per sentence, per token: the row of the token's word in `counts` (capitalized words), else -1
        var rows: [[Int32]]
        /// [row][label]: how often stage 1 gave each label to a capitalized word (by lower case) in the document
        var counts: [Int32]
        /// per row: the type stage 1 gave the word most often, or -1 when it never called it an entity
        var majority: [Int8]

        init(prepared: Prepared, labels: [[Int]]) {
            let L = NERLabels.count
            self.labels = labels
            var index = NERHashMap<Int32>(minimumCapacity: prepared.occurrences.count, filler: -1)
            var rows: [[Int32]] = []
            var counts: [Int32] = []
            for (s, sent) in prepared.sentences.enumerated() {
                var r = [Int32](repeating: -1, count: sent.count)
                for (i, info) in sent.enumerated() where info.isCapitalized {
                    var row: Int32 = -1
                    index.modify(info.lower, initial: -1) { known in
                        if known < 0 { known = Int32(counts.count / L) }
                        row = known
                    }
                    if Int(row) == counts.count / L { counts += [Int32](repeating: 0, count: L) }
                    counts[Int(row) * L + labels[s][i]] += 1
                    r[i] = row
                }
                rows.append(r)
            }
            var majority = [Int8](repeating: -1, count: counts.count / L)
            for row in 0..<majority.count {
                var t = SIMD4<Int32>(repeating: 0)
                for l in 1..<L { t[NERLabels.type(of: l)] += counts[row * L + l] }
                var best = -1, bestCount: Int32 = 0
                for k in 0..<4 where t[k] > bestCount { best = k; bestCount = t[k] }
                majority[row] = Int8(best)
            }
            self.rows = rows
            self.counts = counts
            self.majority = majority
        }

        /// The type stage 1 gave most often to the word of token `i` across the document, if any.
        @inline(__always)
        func majorityType(sentence s: Int, token i: Int) -> Int? {
            let r = rows[s][i]
            guard r >= 0, majority[Int(r)] >= 0 else { return nil }
            return Int(majority[Int(r)])
        }
    }

    /// Appends the feature keys of token `i` of sentence `s`: the word features of each token in the window
    /// (seen from its offset) plus the context features.
    func features(_ doc: Prepared, sentence s: Int, token i: Int, history: History?, into keys: inout [UInt64]) {
        let sent = doc.sentences[s]
        for o in -2...2 where i + o >= 0 && i + o < sent.count {
            wordFeatures(sent[i + o], offset: o, into: &keys)
        }
        contextFeatures(doc, sentence: s, token: i, history: history, into: &keys)
    }

    /// The keys of the token's own word identity features (exact form, lower case), which word dropout hides.
    func identityKeys(_ w: NERWordInfo) -> (UInt64, UInt64) {
        (NERHash.key(T.exact.rawValue, w.exact), NERHash.key(T.lower0.rawValue, w.lower))
    }

    /// Features of the token at `offset` (-2...2) from the one being labelled that depend on that token alone,
    /// so their weights can be summed once per word (NERVocabulary) instead of once per token.
    /// `clusterPrefixes: false` leaves out the path-prefix keys of the word's three classes (appendClusterPrefixes):
    /// the vocabulary sums those once per class, not once per word.
    @inline(__always)
    func wordFeatures(_ w: NERWordInfo, offset: Int, clusterPrefixes: Bool = true, into keys: inout [UInt64]) {
        switch offset {
        case 0:
            keys.append(NERHash.key(T.exact.rawValue, w.exact))
            keys.append(NERHash.key(T.lower0.rawValue, w.lower))
            keys.append(NERHash.key(T.shape.rawValue, w.shape))
            keys.append(NERHash.key(T.short0.rawValue, w.shortShape))
            let pre = w.prefixes, suf = w.suffixes
            if pre.0 != 0 { keys.append(NERHash.key(T.prefix.rawValue, 0, pre.0)) }
            if pre.1 != 0 { keys.append(NERHash.key(T.prefix.rawValue, 1, pre.1)) }
            if pre.2 != 0 { keys.append(NERHash.key(T.prefix.rawValue, 2, pre.2)) }
            if pre.3 != 0 { keys.append(NERHash.key(T.prefix.rawValue, 3, pre.3)) }
            if suf.0 != 0 { keys.append(NERHash.key(T.suffix.rawValue, 0, suf.0)) }
            if suf.1 != 0 { keys.append(NERHash.key(T.suffix.rawValue, 1, suf.1)) }
            if suf.2 != 0 { keys.append(NERHash.key(T.suffix.rawValue, 2, suf.2)) }
            if suf.3 != 0 { keys.append(NERHash.key(T.suffix.rawValue, 3, suf.3)) }
            if clusterPrefixes { appendClusterPrefixes(w.cluster, set: 0, offset: 0, into: &keys) }
            if w.cluster < 0 && w.flags.contains(.hasLetter) {
                keys.append(NERHash.key(T.unknownCluster.rawValue, UInt64(w.flags.rawValue)))
            }
            keys.append(NERHash.key(T.flags.rawValue, UInt64(w.flags.rawValue)))
            keys.append(NERHash.key(T.length.rawValue, UInt64(min(w.length, 12))))
            if w.cluster >= 0 {
                keys.append(NERHash.key(T.clusterShape.rawValue, clusters.prefixHash(cluster: w.cluster, level: 1),
                                        w.shortShape))
            }
            if clusterPrefixes { appendClusterPrefixes(w.webCluster, set: 1, offset: 0, into: &keys) }
            if clusterPrefixes { appendClusterPrefixes(w.gloveCluster, set: 2, offset: 0, into: &keys) }
            // the vectors are lower-cased: the class with the word's shape tells "Bush" from "bush"
            if w.gloveCluster >= 0 {
                let c = gloveClusters.prefixHash(cluster: w.gloveCluster, level: 1)
                keys.append(NERHash.key(T.gloveShape.rawValue, c, w.shortShape))
            }
            if w.typePrior != 0 {
                keys.append(NERHash.key(T.prior0.rawValue, UInt64(w.typePrior)))
                keys.append(NERHash.key(T.priorShape.rawValue, UInt64(w.typePrior), w.shortShape))
                keys.append(NERHash.key(T.priorType.rawValue, UInt64(NERTypePrior.type(w.typePrior))))
            }
        case -1:
            keys.append(NERHash.key(T.lowerM1.rawValue, w.lower))
            keys.append(NERHash.key(T.shortM1.rawValue, w.shortShape))
            if w.suffixes.2 != 0 { keys.append(NERHash.key(T.suffixM1.rawValue, w.suffixes.2)) }
            if w.prefixes.2 != 0 { keys.append(NERHash.key(T.prefixM1.rawValue, w.prefixes.2)) }
            if clusterPrefixes { appendClusterPrefixes(w.cluster, set: 0, offset: -1, into: &keys) }
            if clusterPrefixes { appendClusterPrefixes(w.webCluster, set: 1, offset: -1, into: &keys) }
            if clusterPrefixes { appendClusterPrefixes(w.gloveCluster, set: 2, offset: -1, into: &keys) }
            if w.typePrior != 0 { keys.append(NERHash.key(T.priorM1.rawValue, UInt64(w.typePrior))) }
        case 1:
            keys.append(NERHash.key(T.lowerP1.rawValue, w.lower))
            keys.append(NERHash.key(T.shortP1.rawValue, w.shortShape))
            if w.suffixes.2 != 0 { keys.append(NERHash.key(T.suffixP1.rawValue, w.suffixes.2)) }
            if clusterPrefixes { appendClusterPrefixes(w.cluster, set: 0, offset: 1, into: &keys) }
            if clusterPrefixes { appendClusterPrefixes(w.webCluster, set: 1, offset: 1, into: &keys) }
            if clusterPrefixes { appendClusterPrefixes(w.gloveCluster, set: 2, offset: 1, into: &keys) }
            if w.typePrior != 0 { keys.append(NERHash.key(T.priorP1.rawValue, UInt64(w.typePrior))) }
        case -2:
            keys.append(NERHash.key(T.lowerM2.rawValue, w.lower))
            if clusterPrefixes { appendClusterPrefixes(w.cluster, set: 0, offset: -2, into: &keys) }
            if clusterPrefixes { appendClusterPrefixes(w.webCluster, set: 1, offset: -2, into: &keys) }
            if clusterPrefixes { appendClusterPrefixes(w.gloveCluster, set: 2, offset: -2, into: &keys) }
            if w.typePrior != 0 { keys.append(NERHash.key(T.priorM2.rawValue, UInt64(NERTypePrior.type(w.typePrior)))) }
        default:
            keys.append(NERHash.key(T.lowerP2.rawValue, w.lower))
            if clusterPrefixes { appendClusterPrefixes(w.cluster, set: 0, offset: 2, into: &keys) }
            if clusterPrefixes { appendClusterPrefixes(w.webCluster, set: 1, offset: 2, into: &keys) }
            if clusterPrefixes { appendClusterPrefixes(w.gloveCluster, set: 2, offset: 2, into: &keys) }
            if w.typePrior != 0 { keys.append(NERHash.key(T.priorP2.rawValue, UInt64(NERTypePrior.type(w.typePrior)))) }
        }
    }

    /// Features that look at more than one token, at sentence or document facts, or at stage 1's labels.
    func contextFeatures(_ doc: Prepared, sentence s: Int, token i: Int, history: History?,
                         into keys: inout [UInt64]) {
        let sent = doc.sentences[s]
        let n = sent.count
        let w = sent[i]
        let bos = Self.bos, eos = Self.eos
        let lm1 = i >= 1 ? sent[i - 1].lower : bos, lp1 = i + 1 < n ? sent[i + 1].lower : eos
        keys.append(NERHash.key(T.bias.rawValue, 0))
        if i < 2 { keys.append(NERHash.key(T.lowerM2.rawValue, bos)) }
        if i < 1 {
            keys.append(NERHash.key(T.lowerM1.rawValue, bos))
            keys.append(NERHash.key(T.shortM1.rawValue, bos))
        }
        if i + 1 >= n {
            keys.append(NERHash.key(T.lowerP1.rawValue, eos))
            keys.append(NERHash.key(T.shortP1.rawValue, eos))
        }
        if i + 2 >= n { keys.append(NERHash.key(T.lowerP2.rawValue, eos)) }
        keys.append(NERHash.key(T.shapeTri.rawValue, i >= 1 ? sent[i - 1].shortShape : bos, w.shortShape,
                                i + 1 < n ? sent[i + 1].shortShape : eos))
        keys.append(NERHash.key(T.bigramL.rawValue, lm1, w.lower))
        keys.append(NERHash.key(T.bigramR.rawValue, w.lower, lp1))
        if i == 0 { keys.append(NERHash.key(T.start.rawValue, UInt64(w.flags.rawValue))) }
        // Short lines (datelines, table rows) and number-heavy rows (sports results) behave differently.
        keys.append(NERHash.key(T.sentenceShape.rawValue, UInt64(min(n, 6)), w.shortShape))
        if doc.numericSentence[s] {
            keys.append(NERHash.key(T.numericSentence.rawValue, w.shortShape, lm1 == bos ? 1 : 0))
        }
        if doc.capsSentence[s] {
            keys.append(NERHash.key(T.capsSentence.rawValue, w.lower))
            keys.append(NERHash.key(T.capsSentenceShape.rawValue, w.shortShape))
        }
        let gaz = doc.gazetteer[s], at = doc.gazetteerStart[s]
        for k in at[i]..<at[i + 1] { keys.append(gaz[Int(k)]) }
        // The story's topic slug ("SOCCER - ..."): in sports stories a place name in a results row is a team.
        if doc.topic != 0 && w.isCapitalized {
            let numeric: UInt64 = doc.numericSentence[s] ? 1 : 0
            keys.append(NERHash.key(T.topicShape.rawValue, doc.topic, w.shortShape, numeric))
            for k in at[i]..<at[i + 1] { keys.append(NERHash.key(T.topicGaz.rawValue, doc.topic, gaz[Int(k)])) }
        }
        if i >= 1 { for k in at[i - 1]..<at[i] { keys.append(NERHash.key(T.gazM1.rawValue, gaz[Int(k)])) } }
        if i + 1 < n { for k in at[i + 1]..<at[i + 2] { keys.append(NERHash.key(T.gazP1.rawValue, gaz[Int(k)])) } }
        if w.isCapitalized {
            let seen = doc.casing[w.lower] ?? 0
            let position: UInt64 = i == 0 ? 1 : 0
            let caps: UInt64 = w.flags.contains(.allCaps) ? 2 : 0
            keys.append(NERHash.key(T.docCase.rawValue, UInt64(seen) << 2 | position | caps))
        }
        // Context aggregation (Ratinov & Roth 2009): the words around the same capitalized word elsewhere in the
        // document ("shares of Ruch" tells what "Ruch" is where the sentence does not).
        if w.isCapitalized && w.flags.contains(.hasLower), let list = doc.occurrences[w.lower], list.count > 1 {
            let before = i >= 1 ? sent[i - 1].lower : Self.bos, after = i + 1 < n ? sent[i + 1].lower : Self.eos
            for (k, o) in list.enumerated() where !(o.sentence == s && o.token == i) {
                if o.before != before && !list[..<k].contains(where: { $0.before == o.before }) {
                    keys.append(NERHash.key(T.contextM1.rawValue, o.before))
                }
                if o.after != after && !list[..<k].contains(where: { $0.after == o.after }) {
                    keys.append(NERHash.key(T.contextP1.rawValue, o.after))
                }
                // the same neighbours by web and GloVe class: "shares of X" also speaks for "stake in X"
                let other = doc.sentences[Int(o.sentence)], t = Int(o.token)
                if o.before != before && t >= 1 {
                    appendNeighbourClasses(other[t - 1], web: .webContextM1, glove: .gloveContextM1, into: &keys)
                }
                if o.after != after && t + 1 < other.count {
                    appendNeighbourClasses(other[t + 1], web: .webContextP1, glove: .gloveContextP1, into: &keys)
                }
            }
        }
        if let h = history { appendHistory(h, w, s, i, n, into: &keys) }
    }

    /// Stage 2's own features: contextFeatures(history: h) = contextFeatures(history: nil) + these.
    func historyFeatures(_ doc: Prepared, sentence s: Int, token i: Int, history: History,
                         into keys: inout [UInt64]) {
        let sent = doc.sentences[s]
        appendHistory(history, sent[i], s, i, sent.count, into: &keys)
    }

    /// A neighbour's web and GloVe classes (10-bit prefixes), for context aggregation.
    @inline(__always)
    private func appendNeighbourClasses(_ w: NERWordInfo, web: T, glove: T, into keys: inout [UInt64]) {
        if w.webCluster >= 0 {
            keys.append(NERHash.key(web.rawValue, webClusters.prefixHash(cluster: w.webCluster, level: 2)))
        }
        if w.gloveCluster >= 0 {
            keys.append(NERHash.key(glove.rawValue, gloveClusters.prefixHash(cluster: w.gloveCluster, level: 2)))
        }
    }

    /// The cluster sets of a word's classes: 0 ours (NERWordInfo.cluster), 1 web (webCluster), 2 GloVe (gloveCluster).
    static let clusterSetCount = 3

    /// The set's classes, for the vocabulary's per-class sums.
    func clusterSet(_ set: Int) -> WordClusters { set == 0 ? clusters : set == 1 ? webClusters : gloveClusters }

    /// The template of cluster set `set`'s path-prefix features at word offset `offset` (-2...2), and how many
    /// prefix levels it takes: the one place wordFeatures and the vocabulary's per-class sums read them from.
    @inline(__always)
    static func clusterPrefixTemplate(set: Int, offset: Int) -> (template: T, levels: Int) {
        switch (offset, set) {
        case (0, 0): (.cluster0, 4)
        case (0, 1): (.web0, 4)
        case (0, _): (.glove0, 4)
        case (-1, 0): (.clusterM1, 4)
        case (-1, 1): (.webM1, 4)
        case (-1, _): (.gloveM1, 4)
        case (1, 0): (.clusterP1, 4)
        case (1, 1): (.webP1, 4)
        case (1, _): (.gloveP1, 4)
        case (-2, 0): (.clusterM2, 2)
        case (-2, 1): (.webM2, 2)
        case (-2, _): (.gloveM2, 2)
        case (_, 0): (.clusterP2, 2)
        case (_, 1): (.webP2, 2)
        default: (.gloveP2, 2)
        }
    }

    /// The path-prefix keys that class `cluster` of cluster set `set` adds to wordFeatures at `offset`: every
    /// word of the class at that offset has the same ones (none for -1, no class).
    @inline(__always)
    func appendClusterPrefixes(_ cluster: Int32, set: Int, offset: Int, into keys: inout [UInt64]) {
        guard cluster >= 0 else { return }
        let (template, levels) = Self.clusterPrefixTemplate(set: set, offset: offset)
        for level in 0..<levels {
            let prefix = switch set {
            case 0: clusters.prefixHash(cluster: cluster, level: level)
            case 1: webClusters.prefixHash(cluster: cluster, level: level)
            default: gloveClusters.prefixHash(cluster: cluster, level: level)
            }
            keys.append(NERHash.key(template.rawValue, UInt64(level), prefix))
        }
    }

    private func appendHistory(_ h: History, _ w: NERWordInfo, _ s: Int, _ i: Int, _ n: Int,
                               into keys: inout [UInt64]) {
        let labels = h.labels[s]
        let start = UInt64(NERLabels.count)
        let lm1 = i >= 1 ? UInt64(labels[i - 1]) : start, lp1 = i + 1 < n ? UInt64(labels[i + 1]) : start + 1
        keys.append(NERHash.key(T.fpM1.rawValue, lm1))
        keys.append(NERHash.key(T.fp0.rawValue, UInt64(labels[i])))
        keys.append(NERHash.key(T.fpP1.rawValue, lp1))
        keys.append(NERHash.key(T.fpBigram.rawValue, lm1, UInt64(labels[i]), lp1))
        if i >= 1, let t = h.majorityType(sentence: s, token: i - 1) {
            keys.append(NERHash.key(T.docTypeM1.rawValue, UInt64(t)))
        }
        if i + 1 < n, let t = h.majorityType(sentence: s, token: i + 1) {
            keys.append(NERHash.key(T.docTypeP1.rawValue, UInt64(t)))
        }
        let row = Int(h.rows[s][i])
        guard row >= 0 else { return }
        let L = NERLabels.count
        var total: Int32 = 0, entity: Int32 = 0
        var typeCounts = SIMD4<Int32>(repeating: 0)
        var bestLabel = -1, bestLabelCount: Int32 = 0
        for l in 0..<L {
            // elsewhere in the document only
            let c = h.counts[row * L + l] - (l == labels[i] ? 1 : 0)
            total += c
            guard l != NERLabels.outside, c > 0 else { continue }
            entity += c
            typeCounts[NERLabels.type(of: l)] += c
            if c > bestLabelCount { bestLabel = l; bestLabelCount = c }
        }
        guard total > 0 else { return }
        let share: UInt64 = entity == 0 ? 0 : entity == total ? 3 : entity * 2 >= total ? 2 : 1
        keys.append(NERHash.key(T.docShare.rawValue, share))
        guard entity > 0 else { return }
        var bestType = 0
        for t in 1..<4 where typeCounts[t] > typeCounts[bestType] { bestType = t }
        let unanimous: UInt64 = typeCounts[bestType] == entity ? 1 : 0
        keys.append(NERHash.key(T.docType.rawValue, UInt64(bestType), unanimous))
        keys.append(NERHash.key(T.docLabel.rawValue, UInt64(bestLabel)))
    }
}
