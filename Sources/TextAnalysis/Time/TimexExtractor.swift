// Step one of two: finds time expressions and gives each an underspecified value ("UNDEF(weekday 4)",
// "UNDEF(year-1)") plus the tense of its clause. TimexResolver turns those into TIMEX3 values.
// The matcher walks the scanner's words once; at each word it tries only the rules whose first element can
// match that word (an index built at load time). Overlaps are resolved by one policy: longest span first,
// then the match with more context words (the more specific rule), then earliest, then the rule listed first.

/// A time expression before resolution.
public struct ExtractedTimex: Sendable, Equatable {
    public var chars: CharRange
    public var type: TimexType
    /// The value with UNDEF(...) parts still to resolve.
    public var value: String
    public var mod: String?
    public var rule: String
    public var tense: Tense
}

public struct TimexExtractor: Sendable {
    public let rules: TimeRuleSet

    static let filters: Set<String> = ["pad2", "pm", "am", "x7", "x10", "x100", "dec", "inc"]

    public init(rules: TimeRuleSet) { self.rules = rules }

    public init(resources: ResourceLoader) throws { self.rules = try TimeRuleSet(resources: resources) }

    /// Extracts from `scalars[range]`; `sentences` (may be empty) bound the tense search.
    public func extract(_ scalars: [Unicode.Scalar], range: Range<Int>? = nil,
                        sentences: [CharRange] = []) -> [ExtractedTimex] {
        let r = range ?? 0..<scalars.count
        let words = TimeScanner.scan(scalars, from: r.lowerBound, to: r.upperBound)
        return extract(words: words, sentences: sentences)
    }

    struct Match {
        var rule: Int
        var first: Int
        var end: Int
        /// Words consumed including context outside the span.
        var consumed: Int
        var binds: [(String, String)]

        func better(than b: Match, _ words: [TimeWord]) -> Bool {
            let la = words[end - 1].end - words[first].start, lb = words[b.end - 1].end - words[b.first].start
            if la != lb { return la > lb }
            if consumed != b.consumed { return consumed > b.consumed }
            if first != b.first { return first < b.first }
            return rule < b.rule
        }
    }

    func extract(words: [TimeWord], sentences: [CharRange]) -> [ExtractedTimex] {
        var found: [Match] = []
        var candidates: [Int] = []
        for i in words.indices {
            candidates.removeAll(keepingCapacity: true)
            if let list = rules.byFirstWord[words[i].lower] { candidates.append(contentsOf: list) }
            if words[i].kind == .number { candidates.append(contentsOf: rules.byNumber) }
            if candidates.isEmpty { continue }
            var best: Match?
            var seen = Set<Int>()
            for ri in candidates where seen.insert(ri).inserted {
                guard let m = match(ri, at: i, words) else { continue }
                if let b = best {
                    if m.better(than: b, words) { best = m }
                } else { best = m }
            }
            if let best { found.append(best) }
        }
        // Keep, in policy order, what does not overlap an accepted span.
        found.sort { $0.better(than: $1, words) }
        var taken: [Range<Int>] = []
        var out: [(Int, ExtractedTimex)] = []
        for m in found {
            let span = m.first..<m.end
            if taken.contains(where: { $0.overlaps(span) }) { continue }
            taken.append(span)
            let rule = rules.rules[m.rule]
            guard let type = rule.type else { continue }
            let chars = CharRange(words[m.first].start, words[m.end - 1].end)
            let value = fill(rule.value, m.binds)
            let tense = Tense.of(words: words, span: span, sentences: sentences, rules: rules)
            out.append((m.first, ExtractedTimex(chars: chars, type: type, value: value, mod: rule.mod,
                                                rule: rule.id, tense: tense)))
        }
        out.sort { $0.0 < $1.0 }
        return out.map(\.1)
    }

    // MARK: matching

    func match(_ ri: Int, at start: Int, _ words: [TimeWord]) -> Match? {
        let rule = rules.rules[ri]
        var binds: [(String, String)] = []
        var best: Match?
        var spanFirst = start, spanEnd = start
        func dfs(_ ei: Int, _ wi: Int) {
            if ei == rule.spanStart { spanFirst = wi }
            if ei == rule.spanEnd { spanEnd = wi }
            if ei == rule.elements.count {
                if spanEnd > spanFirst, best == nil || spanEnd - spanFirst > best!.end - best!.first {
                    best = Match(rule: ri, first: spanFirst, end: spanEnd, consumed: wi - start, binds: binds)
                }
                return
            }
            let e = rule.elements[ei]
            if e.negative {
                if wi >= words.count || lengths(e, wi, words).isEmpty { dfs(ei + 1, wi) }
                return
            }
            if wi < words.count {
                for (len, value) in lengths(e, wi, words) {
                    if let name = e.bind { binds.append((name, value)) }
                    dfs(ei + 1, wi + len)
                    if e.bind != nil { binds.removeLast() }
                }
            }
            if e.optional { dfs(ei + 1, wi) }
        }
        dfs(0, start)
        return best
    }

    /// The ways element `e` matches at word `wi`: (word count, bound value).
    func lengths(_ e: RuleElement, _ wi: Int, _ words: [TimeWord]) -> [(Int, String)] {
        let w = words[wi]
        if e.capital, !w.capitalized { return [] }
        switch e.test {
        case .words(let set):
            return set.contains(w.lower) ? [(1, w.lower)] : []
        case .list(let li):
            let list = rules.lists[li]
            guard let entries = list.byFirst[w.lower] else { return [] }
            var out: [(Int, String)] = []
            for entry in entries where wi + entry.count <= words.count {
                var ok = true
                for k in 1..<max(1, entry.count) where words[wi + k].lower != entry[k] { ok = false; break }
                // A trailing period belongs to an abbreviation only when it touches the word.
                if ok, entry.count > 1, entry.last == ".", words[wi + entry.count - 1].spaceBefore { ok = false }
                if ok {
                    let key = TimeRuleSet.key(entry)
                    out.append((entry.count, list.norm?[key] ?? key))
                }
            }
            return out
        case .number(let kind):
            return number(kind, wi, words)
        case .shape:
            let s = w.lower
            let plural = w.kind == .word && !w.capitalized && s.count >= 3 && s.hasSuffix("s") && !s.hasSuffix("ss")
            return plural ? [(1, s)] : []
        }
    }

    func number(_ kind: NumberKind, _ wi: Int, _ words: [TimeWord]) -> [(Int, String)] {
        let w = words[wi]
        if w.kind != .number {
            switch kind {
            case .card:
                return number(.num, wi, words).filter { Int($0.1) != nil }
            case .num:
                guard let v = rules.numberWords[w.lower] else { return [] }
                // "twenty-five" and "twenty five": tens, an optional hyphen, a unit.
                if let tens = Int(v), tens >= 20, tens % 10 == 0, tens < 100 {
                    let hyphen = wi + 1 < words.count && words[wi + 1].lower == "-" && !words[wi + 1].spaceBefore
                    let u = wi + (hyphen ? 2 : 1)
                    if u < words.count, let uv = rules.numberWords[words[u].lower], let unit = Int(uv),
                       (1...9).contains(unit), words[u].lower != "a", words[u].lower != "an" {
                        return [(u - wi + 1, String(tens + unit)), (1, v)]
                    }
                }
                return [(1, v)]
            case .ord:
                if let v = rules.ordinalWords[w.lower] { return [(1, v)] }
                return []
            default:
                return []
            }
        }
        guard w.value >= 0 else { return [] }
        switch kind {
        case .year:
            guard w.digits == 4, !w.grouped, w.suffix.isEmpty, (1000...2100).contains(w.value),
                  plausibleYearNeighbours(wi, words) else { return [] }
            return [(1, w.lower)]
        case .yy:
            guard w.digits == 2, w.suffix.isEmpty else { return [] }
            return [(1, w.lower)]
        case .day:
            guard w.digits <= 2, (1...31).contains(w.value), w.suffix != "s" else { return [] }
            return [(1, Self.pad2(w.value))]
        case .num, .card:
            guard w.suffix.isEmpty else { return [] }
            return [(1, String(w.value))]
        case .ord:
            guard ["st", "nd", "rd", "th"].contains(w.suffix) else { return [] }
            return [(1, String(w.value))]
        case .decade:
            guard w.suffix == "s", w.value % 10 == 0 else { return [] }
            if w.digits == 4 { return [(1, String(w.value / 10))] }
            // "the '90s", "the 90s"; a bare "30s" is more often an age.
            if w.digits == 2, wi > 0, words[wi - 1].lower == "'" || words[wi - 1].lower == "the" {
                return [(1, "UNDEF(decade \(w.value / 10))")]
            }
            return []
        case .hour:
            guard w.digits <= 2, w.suffix.isEmpty, (0...24).contains(w.value) else { return [] }
            return [(1, String(w.value))]
        case .minute:
            guard w.digits == 2, w.suffix.isEmpty, (0...59).contains(w.value) else { return [] }
            return [(1, w.lower)]
        case .int:
            guard w.suffix.isEmpty else { return [] }
            return [(1, String(w.value))]
        }
    }

    /// A 4-digit number is no year when money, a percentage, a ratio, a phone number or a score surrounds it.
    func plausibleYearNeighbours(_ wi: Int, _ words: [TimeWord]) -> Bool {
        if wi > 0 {
            let p = words[wi - 1]
            if ["$", "£", "€", "#", "¥"].contains(p.lower) { return false }
            if !words[wi].spaceBefore, ["-", "/", ".", ":", ","].contains(p.lower), wi > 1,
               words[wi - 2].kind == .number, !p.spaceBefore { return false }
        }
        if wi + 1 < words.count {
            let n = words[wi + 1]
            if n.lower == "%" { return false }
            if !n.spaceBefore, ["-", "/", ":", "."].contains(n.lower), wi + 2 < words.count,
               words[wi + 2].kind == .number, !words[wi + 2].spaceBefore {
                // "1989-90" is a fiscal span; anything else glued to digits (phones, scores) is not a year.
                return n.lower == "-" && words[wi + 2].digits == 2
            }
        }
        return true
    }

    static func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }

    func fill(_ template: [TemplatePart], _ binds: [(String, String)]) -> String {
        var out = ""
        for part in template {
            switch part {
            case .text(let t): out += t
            case .slot(let name, let filter):
                let v = binds.last(where: { $0.0 == name })?.1 ?? "X"
                out += Self.apply(filter, v)
            }
        }
        return out
    }

    static func apply(_ filter: String?, _ v: String) -> String {
        guard let filter else { return v }
        guard let n = Int(v) else { return v }
        switch filter {
        case "pad2": return pad2(n)
        case "pm": return pad2(n % 12 + 12)
        case "am": return pad2(n % 12)
        case "x7": return String(n * 7)
        case "x10": return String(n * 10)
        case "x100": return String(n * 100)
        case "dec": return String(n - 1)
        case "inc": return String(n + 1)
        default: return v
        }
    }
}
