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
    /// A duration's point in time with UNDEF(...) parts still to resolve (TimeRule.point), else nil.
    public var point: String? = nil
}

public struct TimexExtractor: Sendable {
    public let rules: TimeRuleSet

    static let filters: Set<String> = ["pad2", "pm", "am", "x7", "x10", "x100", "dec", "inc", "initial"]

    public init(rules: TimeRuleSet) { self.rules = rules }

    public init(resources: ResourceLoader) throws { self.rules = try TimeRuleSet(resources: resources) }

    /// Extracts from `scalars[range]`; `sentences` (may be empty) bound the tense search.
    public func extract(_ scalars: [Unicode.Scalar], range: Range<Int>? = nil,
                        sentences: [CharRange] = []) -> [ExtractedTimex] {
        let r = range ?? 0..<scalars.count
        let words = TimeScanner.scan(scalars, from: r.lowerBound, to: r.upperBound, vocab: rules.vocabulary)
        return extract(words: words, sentences: sentences)
    }

    struct Match {
        var rule: Int
        var first: Int
        var end: Int
        /// Words consumed including context outside the span.
        var consumed: Int
        var binds: [Bind]
        /// The span's length in scalars, found once: read from `[TimeWord]` at each comparison, a word's
        /// offsets cost a copy of the whole word (its strings retained and released).
        var length: Int

        func better(than b: Match) -> Bool {
            if length != b.length { return length > b.length }
            if consumed != b.consumed { return consumed > b.consumed }
            if first != b.first { return first < b.first }
            return rule < b.rule
        }
    }

    /// `words` must carry vocabulary ids (scanned with `rules.vocab`).
    func extract(words: [TimeWord], sentences: [CharRange]) -> [ExtractedTimex] {
        // By index: mapping the elements would copy each word.
        var infos: [WordInfo] = []
        infos.reserveCapacity(words.count)
        words.withUnsafeBufferPointer { p in
            for i in p.indices { infos.append(WordInfo(p[i], id: p[i].id)) }
        }
        // A capital inside a sentence (after its first word or number) marks a name ("Tait or Noon").
        var si = 0, seenWord = false
        for i in infos.indices {
            while si < sentences.count, sentences[si].end <= infos[i].start { si += 1; seenWord = false }
            if infos[i].kind == .punct { continue }
            infos[i].midCapital = infos[i].capitalized && seenWord
            seenWord = true
        }
        let c = rules.compiled!
        var found: [Match] = []
        var scratch = MatchScratch()
        infos.withUnsafeBufferPointer { w in
            for i in 0..<w.count {
                let id = w[i].id
                let isNumber = w[i].kind == .number
                // A word capitalized inside its sentence may start a rule for names ("the Terrorism Act 2000").
                let isName = c.hasNameRules && w[i].kind == .word && w[i].midCapital
                if id < 0 && !isNumber && !isName { continue }
                var best: Match?
                func consider(_ ri: Int) {
                    guard c.passes(ri, at: i, w), let m = c.match(ri, at: i, w, &scratch) else { return }
                    let candidate = Match(rule: ri, first: m.first, end: m.end, consumed: m.consumed, binds: m.binds,
                                          length: w[m.end - 1].end - w[m.first].start)
                    if best == nil || candidate.better(than: best!) { best = candidate }
                }
                // The rules of a group without a second-word filter, then the others when the union of their
                // filters lets the next word through.
                func group(_ g: Int) {
                    let s = Int(c.firstStart[g]), open = s + Int(c.firstOpen[g]), end = s + Int(c.firstCount[g])
                    for k in s..<open { consider(Int(c.firstPool[k])) }
                    if open < end, c.groupPasses(g, at: i, w) {
                        for k in open..<end { consider(Int(c.firstPool[k])) }
                    }
                }
                if id >= 0 { group(Int(id)) }
                if isNumber { group(c.vocabCount) }
                if isName { group(c.vocabCount + 1) }
                if let best { found.append(best) }
            }
        }
        // Keep, in policy order, what does not overlap an accepted span.
        found.sort { $0.better(than: $1) }
        // Words already inside an accepted span. (A list of accepted ranges searched for each match made a long
        // text quadratic: `found` is in policy order, not text order.)
        var taken = [Bool](repeating: false, count: words.count)
        var out: [(Int, ExtractedTimex)] = []
        for m in found {
            let span = m.first..<m.end
            if taken[span].contains(true) { continue }
            for k in span { taken[k] = true }
            let rule = rules.rules[m.rule]
            guard let type = rule.type else { continue }
            let chars = CharRange(words[m.first].start, words[m.end - 1].end)
            let binds = infos.withUnsafeBufferPointer { w in
                m.binds.map { (c.bindNames[Int($0.name)], c.value(of: $0, words, w)) }
            }
            let value = fill(rule.value, binds)
            // "31/02/2020", "February 30": no such day. The words stay taken, so no shorter rule reads a year in
            // them either.
            if !Self.namesARealDay(value) { continue }
            // Only named periods without a year read the clause tense; the others skip the search.
            let tense = rule.usesTense ? Tense.of(words: words, span: span, sentences: sentences, rules: rules,
                                                  clock: value.hasPrefix("UNDEF(anchor-day")
                                                    && !words[span].contains { $0.kind == .number },
                                                  weekday: Self.isBareWeekday(value)) : .none
            let point = rule.point.map { fill($0, binds) }
            out.append((m.first, ExtractedTimex(chars: chars, type: type, value: value, mod: rule.mod,
                                                rule: rule.id, tense: tense, point: point)))
        }
        out.sort { $0.0 < $1.0 }
        return out.map(\.1)
    }

    /// Specs TimexResolver resolves by tense (see its header): weekdays, month(-day)s, quarters, halves,
    /// seasons, weekends and holidays without a year (also inside "shift" and "week-of"), "soon"'s
    /// future-ref, a clock time's anchor-day (only a habit changes it), and the past-only and past-anchor specs. Tested on a rule's value template once, when the rules load.
    static let tenseSpecs = ["weekday", "(date", " date", "(q ", "(h ", "(season", "(weekend", "(holiday",
                             "(future-ref", "(tense-ref", "(anchor-day",
                             "(past-only", "(past-anchor"]

    /// "UNDEF(weekday 5)" (any suffix after it), not "UNDEF(weekday 5 last)".
    static func isBareWeekday(_ value: String) -> Bool {
        guard value.hasPrefix("UNDEF(weekday "), let close = value.firstIndex(of: ")") else { return false }
        return value[value.startIndex..<close].split(separator: " ").count == 2
    }

    static func needsTense(_ value: String) -> Bool {
        value.contains("UNDEF(") && tenseSpecs.contains { value.contains($0) }
    }

    /// False for a value that starts with a calendar date (YYYY-MM-DD) no calendar has; true otherwise.
    static func namesARealDay(_ value: String) -> Bool {
        let head = Array(value.utf8.prefix(11))
        guard head.count >= 10, head.count == 10 || !(48...57).contains(head[10]),
              head[0..<10].enumerated().allSatisfy({ i, b in i == 4 || i == 7 ? b == 45 : (48...57).contains(b) })
        else { return true }
        return CalendarDate(iso: value.prefix(10)) != nil
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
        // A unit name's duration letter: day -> D, week -> W.
        if filter == "initial" { return v.first.map { String($0).uppercased() } ?? v }
        guard let n = Int(v) else { return v }
        switch filter {
        case "pad2": return pad2(n)
        case "pm": return pad2(n % 12 + 12)
        case "am": return pad2(n % 12)
        case "x7": return String(n * 7)
        case "x10": return String(n * 10)
        case "x100": return String(n * 100)
        // The number before in two digits at least: a century's value ("the first century" is 00, not 0).
        case "dec": return pad2(n - 1)
        case "inc": return String(n + 1)
        default: return v
        }
    }
}
