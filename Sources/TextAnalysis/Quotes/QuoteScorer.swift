// Scores quotes against gold attributions (PolNeAR brat standoff: Source, Cue, Content spans tied by E lines).
// A system quote matches a gold content when their word sets overlap with Jaccard ≥ 0.5 (one-to-one, best pairs
// first); speaker accuracy counts matched pairs with a gold source whose system speaker mention overlaps it.
// Direct means the gold content holds a quotation mark; for the system, a direct or mixed quote. A quote split by
// its attribution (“A,” he said, “B.”) is scored by the words of its parts, as a discontinuous gold content is by
// its pieces: the attribution between them is not what was said.
import Foundation

/// One gold attribution: content pieces (a discontinuous span has several) and source pieces (none when absent).
public struct GoldAttribution: Sendable, Equatable {
    public var content: [CharRange]
    public var source: [CharRange]
    public var direct: Bool
    /// A direct content with words outside its quote marks (a partly quoted statement).
    public var mixed: Bool
    public init(content: [CharRange], source: [CharRange], direct: Bool, mixed: Bool = false) {
        self.content = content
        self.source = source
        self.direct = direct
        self.mixed = mixed
    }
}

/// A quote as the scorer sees it (from a Document or from a peer tool's JSON lines).
public struct ScoredQuote: Sendable, Equatable {
    public var content: CharRange
    /// The pieces whose words are the quote's (`Quote.parts`); empty: the content is one piece.
    public var parts: [CharRange] = []
    public var speaker: [CharRange]
    public var direct: Bool
    /// The system called it mixed (a reported clause with quoted words).
    public var mixed: Bool
    public init(content: CharRange, speaker: [CharRange], direct: Bool, mixed: Bool = false) {
        self.content = content
        self.speaker = speaker
        self.direct = direct
        self.mixed = mixed
    }
    public init(_ q: Quote) {
        self.init(content: q.content, speaker: q.speaker.map { [$0.mention] } ?? [], direct: q.kind != .indirect,
                  mixed: q.kind == .mixed)
        parts = q.parts
    }

    /// The ranges whose words are scored.
    public var scoredRanges: [CharRange] { parts.isEmpty ? [content] : parts }
}

public struct QuoteScore: Sendable, Equatable {
    /// Counts by kind: index 0 = direct, 1 = indirect.
    public var gold = [0, 0], system = [0, 0]
    /// Matched pairs by gold kind and by system kind.
    public var matchedGold = [0, 0], matchedSystem = [0, 0]
    /// Matched pairs whose gold has a source, and those whose speaker overlaps it, by gold kind.
    public var speakerTotal = [0, 0], speakerRight = [0, 0]
    /// The same by three kinds (0 = direct, 1 = indirect, 2 = mixed): gold mixed is a content with quote marks and
    /// words outside them; system mixed is the extractor's kind.
    public var gold3 = [0, 0, 0], system3 = [0, 0, 0], matchedGold3 = [0, 0, 0], matchedSystem3 = [0, 0, 0]
    public var articles = 0

    public init() {}

    public static let jaccardThreshold = 0.5

    /// Adds one article: gold attributions and system quotes over the same text.
    public mutating func add(text scalars: [Unicode.Scalar], gold: [GoldAttribution], system: [ScoredQuote]) {
        articles += 1
        let gw = gold.map { Self.words(scalars, $0.content) }
        let sw = system.map { Self.words(scalars, $0.scoredRanges) }
        for g in gold { self.gold[g.direct ? 0 : 1] += 1; gold3[Self.kind3(g)] += 1 }
        for s in system { self.system[s.direct ? 0 : 1] += 1; system3[Self.kind3(s)] += 1 }
        var pairs: [(j: Double, g: Int, s: Int)] = []
        for (gi, a) in gw.enumerated() where !a.isEmpty {
            for (si, b) in sw.enumerated() where !b.isEmpty {
                let inter = a.intersection(b).count
                guard inter > 0 else { continue }
                let j = Double(inter) / Double(a.union(b).count)
                if j >= Self.jaccardThreshold { pairs.append((j, gi, si)) }
            }
        }
        pairs.sort { $0.j != $1.j ? $0.j > $1.j : ($0.g, $0.s) < ($1.g, $1.s) }
        var usedG = Set<Int>(), usedS = Set<Int>()
        for p in pairs where !usedG.contains(p.g) && !usedS.contains(p.s) {
            usedG.insert(p.g); usedS.insert(p.s)
            let g = gold[p.g], s = system[p.s]
            let k = g.direct ? 0 : 1
            matchedGold[k] += 1
            matchedSystem[s.direct ? 0 : 1] += 1
            matchedGold3[Self.kind3(g)] += 1
            matchedSystem3[Self.kind3(s)] += 1
            if !g.source.isEmpty {
                speakerTotal[k] += 1
                if s.speaker.contains(where: { sp in g.source.contains { sp.overlaps($0) } }) { speakerRight[k] += 1 }
            }
        }
    }

    private static func kind3(_ g: GoldAttribution) -> Int { g.mixed ? 2 : g.direct ? 0 : 1 }
    private static func kind3(_ s: ScoredQuote) -> Int { s.mixed ? 2 : s.direct ? 0 : 1 }

    /// Precision, recall and F1 of one of the three kinds (P by system kind, R by gold kind).
    public func f1(kind3 k: Int) -> (p: Double, r: Double, f1: Double) {
        let p = ratio(matchedSystem3[k], system3[k]), r = ratio(matchedGold3[k], gold3[k])
        return (p, r, p + r == 0 ? 0 : 2 * p * r / (p + r))
    }

    /// Start offsets of the words (letter or digit runs) inside the ranges.
    static func words(_ s: [Unicode.Scalar], _ ranges: [CharRange]) -> Set<Int> {
        var out = Set<Int>()
        for r in ranges {
            var i = max(0, r.start)
            let end = min(r.end, s.count)
            while i < end {
                if isWordChar(s[i]) {
                    // A word cut by the range start still counts from where the range starts.
                    out.insert(i)
                    while i < end, isWordChar(s[i]) { i += 1 }
                } else { i += 1 }
            }
        }
        return out
    }

    private static func isWordChar(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || c.properties.numericType != nil
    }

    public func precision(_ k: Int? = nil) -> Double { ratio(k.map { matchedSystem[$0] } ?? matchedSystem.reduce(0, +),
                                                             k.map { system[$0] } ?? system.reduce(0, +)) }
    public func recall(_ k: Int? = nil) -> Double { ratio(k.map { matchedGold[$0] } ?? matchedGold.reduce(0, +),
                                                          k.map { gold[$0] } ?? gold.reduce(0, +)) }
    public func f1(_ k: Int? = nil) -> Double {
        let p = precision(k), r = recall(k)
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }
    public func speakerAccuracy(_ k: Int? = nil) -> Double {
        ratio(k.map { speakerRight[$0] } ?? speakerRight.reduce(0, +),
              k.map { speakerTotal[$0] } ?? speakerTotal.reduce(0, +))
    }
    private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }

    /// A plain-text table of the figures.
    public func report(title: String) -> String {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        var lines = ["\(title): \(articles) articles, gold \(gold.reduce(0, +)), system \(system.reduce(0, +))",
                     "kind       gold  sys  P(sys)  R(gold)  F1    speaker-acc (n)"]
        for (name, k) in [("all", nil), ("direct", 0), ("indirect", 1)] as [(String, Int?)] {
            let g = k.map { gold[$0] } ?? gold.reduce(0, +), s = k.map { system[$0] } ?? system.reduce(0, +)
            let n = k.map { speakerTotal[$0] } ?? speakerTotal.reduce(0, +)
            lines.append("\(name.padding(toLength: 9, withPad: " ", startingAt: 0)) \(String(g).paddedLeft(5)) "
                + "\(String(s).paddedLeft(4))  \(f(precision(k)))   \(f(recall(k)))   \(f(f1(k)))  "
                + "\(f(speakerAccuracy(k))) (\(n))")
        }
        lines.append("(P by system kind, R by gold kind; direct = gold content with a quote mark / system "
                     + "direct+mixed)")
        lines.append("three kinds: gold  sys  P(sys)  R(gold)  F1   (mixed = gold with words outside its marks)")
        for (name, k) in [("direct", 0), ("indirect", 1), ("mixed", 2)] {
            let x = f1(kind3: k)
            let label = name.padding(toLength: 9, withPad: " ", startingAt: 0)
            lines.append("  \(label) \(String(gold3[k]).paddedLeft(5)) \(String(system3[k]).paddedLeft(4))  "
                + "\(f(x.p))   \(f(x.r))   \(f(x.f1))")
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func paddedLeft(_ n: Int) -> String {
        count >= n ? self : String(repeating: " ", count: n - count) + self
    }
}

/// Reads PolNeAR's brat standoff attribution files.
public enum PolNeAR {
    /// True when a letter or digit of the content lies outside quotation marks (“ ” " toggle; a piece starts
    /// outside).
    static func wordsOutsideMarks(_ content: [CharRange], _ s: [Unicode.Scalar]) -> Bool {
        for r in content {
            var inside = false
            for i in max(0, r.start)..<min(r.end, s.count) {
                let c = s[i]
                if c == "“" { inside = true } else if c == "”" { inside = false } else if c == "\"" { inside.toggle() }
                else if !inside, c.properties.isAlphabetic || c.properties.numericType != nil { return true }
            }
        }
        return false
    }

    /// The attributions of one .ann file (E lines; Discard and Discuss spans belong to none and are ignored).
    public static func attributions(ann: String, text scalars: [Unicode.Scalar]) -> [GoldAttribution] {
        var spans: [String: (role: String, ranges: [CharRange])] = [:]
        var relations: [[String: String]] = []
        for raw in ann.split(separator: "\n") {
            let cols = raw.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count >= 2 else { continue }
            if cols[0].hasPrefix("T") {
                let head = cols[1]
                guard let sp = head.firstIndex(of: " ") else { continue }
                let role = String(head[..<sp])
                let ranges = head[head.index(after: sp)...].split(separator: ";").compactMap { piece -> CharRange? in
                    let n = piece.split(separator: " ").compactMap { Int($0) }
                    return n.count == 2 ? CharRange(n[0], n[1]) : nil
                }
                spans[cols[0]] = (role, ranges)
            } else if cols[0].hasPrefix("E") {
                var rel: [String: String] = [:]
                for part in cols[1].split(separator: " ") {
                    let kv = part.split(separator: ":")
                    if kv.count == 2 { rel[String(kv[0])] = String(kv[1]) }
                }
                relations.append(rel)
            }
        }
        let marks: Set<Unicode.Scalar> = ["“", "”", "\""]
        return relations.compactMap { rel in
            guard let c = rel["Content"], let content = spans[c]?.ranges, !content.isEmpty else { return nil }
            let source = rel["Source"].flatMap { spans[$0]?.ranges } ?? []
            let direct = content.contains { r in
                (max(0, r.start)..<min(r.end, scalars.count)).contains { marks.contains(scalars[$0]) }
            }
            return GoldAttribution(content: content, source: source, direct: direct,
                                   mixed: direct && wordsOutsideMarks(content, scalars))
        }
    }
}
