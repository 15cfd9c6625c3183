// The tagger's label set: BILOU (Begin, Inside, Last, Unit, Outside) over the four CoNLL types, the
// transitions Viterbi may take, and conversions from and to the IOB2 tags of CoNLL files.
// BILOU rather than IOB2 because Ratinov & Roth (2009) found it clearly better for a linear tagger.
public enum NERLabels {
    /// Label order is part of the model format: O, then B I L U for PER, ORG, LOC, MISC.
    public static let types: [EntityType] = [.person, .organization, .location, .misc]
    public static let count = 1 + 4 * types.count
    public static let outside = 0

    public enum Part: Int { case begin = 0, inside, last, unit }

    public static func label(type: Int, part: Part) -> Int { 1 + type * 4 + part.rawValue }
    /// The type index (0..<4) of a non-O label.
    public static func type(of label: Int) -> Int { (label - 1) / 4 }
    public static func part(of label: Int) -> Part? { label == 0 ? nil : Part(rawValue: (label - 1) % 4) }

    public static let names: [String] = {
        var n = ["O"]
        for t in types { for p in ["B", "I", "L", "U"] { n.append("\(p)-\(t.rawValue)") } }
        return n
    }()

    /// Whether `next` may follow `previous`; previous == nil is the sentence start.
    public static func allowed(from previous: Int?, to next: Int) -> Bool {
        let openBefore: Bool
        var openType = -1
        if let p = previous, let part = part(of: p), part == .begin || part == .inside {
            openBefore = true
            openType = type(of: p)
        } else {
            openBefore = false
        }
        guard let np = part(of: next) else { return !openBefore }
        switch np {
        case .begin, .unit: return !openBefore
        case .inside, .last: return openBefore && type(of: next) == openType
        }
    }

    /// Whether a sentence may end on `label` (no entity left open).
    public static func canEnd(_ label: Int) -> Bool {
        guard let p = part(of: label) else { return true }
        return p == .last || p == .unit
    }

    /// An entity span: tokens and type index into `types`.
    public struct Span: Equatable, Sendable {
        public var tokens: Range<Int>
        public var type: Int
        public init(tokens: Range<Int>, type: Int) { self.tokens = tokens; self.type = type }
    }

    /// Spans of a valid BILOU sequence.
    public static func spans(bilou labels: [Int]) -> [Span] {
        var out: [Span] = []
        var start = -1
        for (i, l) in labels.enumerated() {
            guard let p = part(of: l) else { start = -1; continue }
            switch p {
            case .unit: out.append(Span(tokens: i..<(i + 1), type: type(of: l))); start = -1
            case .begin: start = i
            case .inside: break
            case .last:
                if start >= 0 { out.append(Span(tokens: start..<(i + 1), type: type(of: l))) }
                start = -1
            }
        }
        return out
    }

    /// Spans of IOB2 (or IOB1) tags with conlleval semantics: a chunk starts at B-, or at I- after a different
    /// type or O, and ends before the next start or O.
    public static func spans(iob tags: [String]) -> [Span] {
        var out: [Span] = []
        var start = -1, cur = -1
        func close(_ i: Int) { if start >= 0 { out.append(Span(tokens: start..<i, type: cur)) }; start = -1; cur = -1 }
        for (i, tag) in tags.enumerated() {
            guard tag.count > 2, let t = typeIndex(tag.dropFirst(2)) else { close(i); continue }
            let prefix = tag.first!
            if prefix == "B" || t != cur || start < 0 { close(i); start = i; cur = t }
        }
        close(tags.count)
        return out
    }

    public static func typeIndex(_ name: some StringProtocol) -> Int? {
        types.firstIndex { $0.rawValue == name }
    }

    /// BILOU labels for IOB tags.
    public static func bilou(iob tags: [String]) -> [Int] {
        var out = [Int](repeating: outside, count: tags.count)
        for s in spans(iob: tags) {
            if s.tokens.count == 1 { out[s.tokens.lowerBound] = label(type: s.type, part: .unit); continue }
            for i in s.tokens { out[i] = label(type: s.type, part: .inside) }
            out[s.tokens.lowerBound] = label(type: s.type, part: .begin)
            out[s.tokens.upperBound - 1] = label(type: s.type, part: .last)
        }
        return out
    }

    /// IOB2 tags for a list of spans over `count` tokens.
    public static func iob2(spans: [Span], count: Int) -> [String] {
        var out = [String](repeating: "O", count: count)
        for s in spans {
            let name = types[s.type].rawValue
            for i in s.tokens { out[i] = (i == s.tokens.lowerBound ? "B-" : "I-") + name }
        }
        return out
    }
}
