// The rule set compiled for matching: every rule, element, list entry and word as plain integers in flat
// tables, so the matcher's inner loop touches no reference-counted values (strings, sets, dictionaries).
// Built once from TimeRuleSet; immutable afterwards. TimexExtractor drives it.

/// A scanner word reduced to what the matcher tests.
struct WordInfo {
    /// The word's scalar offsets (TimeWord's), for span lengths and sentence bounds.
    var start: Int
    var end: Int
    var id: Int32
    var value: Int
    var kind: TimeWord.Kind
    var digits: Int16
    /// 0 none, 1 ordinal ("th"), 2 plural ("s").
    var suffix: UInt8
    var capitalized: Bool
    /// Capitalized and not the first word of its sentence (set by TimexExtractor, which knows the sentences).
    var midCapital = false
    var spaceBefore: Bool
    var grouped: Bool
    var plural: Bool
    /// The first scalar, for punctuation tests.
    var scalar: UInt32

    /// (Borrowing: an initializer owns its arguments by default, so each word was copied, its strings retained.)
    init(_ w: borrowing TimeWord, id: Int32) {
        start = w.start
        end = w.end
        self.id = id
        value = w.value
        kind = w.kind
        digits = Int16(min(w.digits, 30))
        suffix = w.suffix.isEmpty ? 0 : (w.suffix == "s" ? 2 : 1)
        capitalized = w.capitalized
        spaceBefore = w.spaceBefore
        grouped = w.grouped
        plural = w.plural
        // Punctuation tests compare the ASCII form ("-" for dashes, "'" for curly apostrophes).
        scalar = w.kind == .punct ? (w.scalar == 0x2019 || w.scalar == 0x2018 ? 39
            : (w.scalar == 0x2013 || w.scalar == 0x2014 ? 45 : w.scalar)) : 0
    }
}

/// One bound element of a match; its text value is built only for the match that wins.
struct Bind {
    var name: Int16
    /// 0: the word's text; 1: a list entry value (`arg` indexes entryValues); 2: a number (`arg` is its kind).
    var source: UInt8
    var word: Int32
    var length: Int16
    var arg: Int32
}

final class CompiledRules: @unchecked Sendable {
    // Immutable after init; unsafe buffers so the inner loop does no reference counting. Never freed: one
    // instance lives as long as the analyzer that loaded it.
    struct Element {
        /// 0 words, 1 list, 2 number, 3 plural shape, 4 name shape.
        var kind: UInt8
        var optional: Bool
        var negative: Bool
        /// A negative testing the word before the current one (`<!`).
        var behind: Bool
        var capital: Bool
        var midCapital: Bool
        var bind: Int16
        /// List index, or NumberKind index.
        var arg: Int32
        var idStart: Int32
        var idCount: Int32
    }
    struct Rule {
        var elemStart: Int32
        var elemCount: Int32
        var spanStart: Int32
        var spanEnd: Int32
        /// A cheap test on the word after the first one (`secondWordTest`): 0 none, else bit 1 the word's id may
        /// be in the bitset at `filterOffset`, bit 2 it may be a number, bit 4 it may be any plural word.
        var filter: UInt8 = 0
        var filterOffset: Int32 = 0
    }
    struct Entry {
        var idStart: Int32
        var idCount: Int32
        var value: Int32
    }

    let elements: UnsafeMutableBufferPointer<Element>
    let rules: UnsafeMutableBufferPointer<Rule>
    let ids: UnsafeMutableBufferPointer<Int32>
    let entries: UnsafeMutableBufferPointer<Entry>
    /// (list * vocabCount + wordId) -> first entry and count.
    let listStart: UnsafeMutableBufferPointer<Int32>
    let listCount: UnsafeMutableBufferPointer<Int32>
    /// Rule groups: group `wordId` holds the rules that can start with that word, group `vocabCount` those that
    /// can start with a number, group `vocabCount + 1` those that start with a name (`%name`), tried at every
    /// word capitalized inside its sentence. Per group: where its rules start in `firstPool`, how many have no second-word
    /// filter (they come first), how many in all, and the union of the others' filters (`groupUnion` offset in
    /// `filterBits`, `groupFlags` their flags): a second word outside it skips them all at once.
    let firstStart: UnsafeMutableBufferPointer<Int32>
    let firstOpen: UnsafeMutableBufferPointer<Int32>
    let firstCount: UnsafeMutableBufferPointer<Int32>
    let firstPool: UnsafeMutableBufferPointer<Int32>
    let groupUnion: UnsafeMutableBufferPointer<Int32>
    let groupFlags: UnsafeMutableBufferPointer<UInt8>
    /// Cardinal / ordinal values by word id (-1 none, -2 vague "X").
    let cardinal: UnsafeMutableBufferPointer<Int32>
    let ordinal: UnsafeMutableBufferPointer<Int32>
    let vocabCount: Int
    /// Whether any rule starts with a name (group `vocabCount + 1` is not empty).
    let hasNameRules: Bool
    let filterBits: UnsafeMutableBufferPointer<UInt64>
    let entryValues: [String]
    let bindNames: [String]
    let hyphenId: Int32, apostropheId: Int32, theId: Int32, aId: Int32, anId: Int32
    /// Words the tense search tests (Tense), by id; -2 (no scanned word's id) for one outside the vocabulary.
    let hadId: Int32, toId: Int32, thatId: Int32, andId: Int32, butId: Int32, tId: Int32, wonId: Int32
    let aheadId: Int32, ofId: Int32, beingId: Int32, whichId: Int32, whoId: Int32, usedId: Int32, asId: Int32
    let thanId: Int32
    /// Words of an amount before a currency ("5 million won"): "won" after them is the Korean currency.
    let magnitudeIds: Set<Int32>
    /// The lowercased word of each vocabulary id: the scanner builds no String for a word (TimeWord.lower is
    /// empty), a bound word's text comes from here once its match has won.
    let vocabWords: [String]

    static let numberKinds: [NumberKind] = [.year, .yy, .day, .num, .ord, .decade, .hour, .minute, .int, .card,
                                                  .clock]

    static func buffer<T>(_ a: [T]) -> UnsafeMutableBufferPointer<T> {
        let b = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, a.count))
        _ = b.initialize(from: a)
        return UnsafeMutableBufferPointer(rebasing: b[0..<a.count])
    }

    /// What the word after a rule's first word must be for any match of the rule (nil: anything, or no word):
    /// the union of the tests of every element that can take it. Each path through the elements takes its first
    /// word with one element (or skips optional and negative ones); an element taking more than one word holds the
    /// second too (a list entry's second word; a hyphen or unit after a tens word, "twenty-five"). Negative
    /// elements take nothing and are passed over, so the test only ever admits more than the matcher would.
    /// `cardOrOrd`: the ids of number words (`cardinal` not -1 or `ordinal` not negative); `units`: those whose
    /// cardinal is 1 to 9.
    static func secondWordTest(_ r: Rule, _ els: [Element], _ idPool: [Int32], _ set: TimeRuleSet,
                               cardOrOrd: [Int32], units: [Int32]) -> (ids: Set<Int32>, number: Bool, plural: Bool)? {
        var ids = Set<Int32>(), number = false, plural = false, open = false
        let start = Int(r.elemStart), count = Int(r.elemCount)
        // Elements that may take the second word (the first already taken), in order from `ei`.
        func second(_ ei: Int) {
            if ei == count { open = true; return }
            let e = els[start + ei]
            if e.negative { second(ei + 1); return }
            switch e.kind {
            case 0: ids.formUnion(idPool[Int(e.idStart)..<Int(e.idStart + e.idCount)])
            case 1: ids.formUnion(set.lists[Int(e.arg)].firstIds.keys)
            case 2: number = true; ids.formUnion(cardOrOrd)
            case 3: plural = true
            default: open = true
            }
            if e.optional { second(ei + 1) }
        }
        // Elements that may take the first word, from `ei`.
        func first(_ ei: Int) {
            if ei == count { open = true; return }
            let e = els[start + ei]
            if e.negative { first(ei + 1); return }
            switch e.kind {
            case 1:
                for group in set.lists[Int(e.arg)].firstIds.values {
                    for entry in group { if entry.ids.count > 1 { ids.insert(entry.ids[1]) } }
                }
            case 2:
                let k = numberKinds[Int(e.arg)]
                if k == .num || k == .card { ids.insert(set.id("-")); ids.formUnion(units) }
            default: break
            }
            second(ei + 1)
            if e.optional { first(ei + 1) }
        }
        first(0)
        return open ? nil : (ids, number, plural)
    }

    init(_ set: TimeRuleSet, firstRules: [[Int]], numberRules nr: [Int], nameRules: [Int] = []) {
        vocabCount = set.vocab.count
        hasNameRules = !nameRules.isEmpty
        var names: [String] = []
        func bindIndex(_ name: String?) -> Int16 {
            guard let name else { return -1 }
            if let i = names.firstIndex(of: name) { return Int16(i) }
            names.append(name)
            return Int16(names.count - 1)
        }
        var idPool: [Int32] = []
        var els: [Element] = []
        var rs: [Rule] = []
        for r in set.rules {
            let start = Int32(els.count)
            for e in r.elements {
                var c = Element(kind: 0, optional: e.optional, negative: e.negative, behind: e.behind,
                                capital: e.capital, midCapital: e.midCapital, bind: bindIndex(e.bind), arg: 0,
                                idStart: Int32(idPool.count), idCount: 0)
                switch e.test {
                case .words:
                    c.kind = 0
                    idPool.append(contentsOf: e.ids)
                    c.idCount = Int32(e.ids.count)
                case .list(let l): c.kind = 1; c.arg = Int32(l)
                case .number(let k): c.kind = 2; c.arg = Int32(Self.numberKinds.firstIndex(of: k)!)
                case .shape(let shape): c.kind = shape == "name" ? 4 : 3
                }
                els.append(c)
            }
            rs.append(Rule(elemStart: start, elemCount: Int32(r.elements.count), spanStart: Int32(r.spanStart),
                           spanEnd: Int32(r.spanEnd)))
        }
        var es: [Entry] = []
        var values: [String] = []
        var ls = [Int32](repeating: 0, count: set.lists.count * vocabCount)
        var lc = [Int32](repeating: 0, count: set.lists.count * vocabCount)
        for (li, list) in set.lists.enumerated() {
            for (first, group) in list.firstIds {
                ls[li * vocabCount + Int(first)] = Int32(es.count)
                lc[li * vocabCount + Int(first)] = Int32(group.count)
                for entry in group {
                    es.append(Entry(idStart: Int32(idPool.count), idCount: Int32(entry.ids.count),
                                    value: Int32(values.count)))
                    idPool.append(contentsOf: entry.ids)
                    values.append(entry.value)
                }
            }
        }
        var card = [Int32](repeating: -1, count: vocabCount), ord = [Int32](repeating: -1, count: vocabCount)
        for (i, v) in set.numberValue.enumerated() { if let v { card[i] = Int32(v) ?? -2 } }
        for (i, v) in set.ordinalValue.enumerated() { if let v { ord[i] = Int32(v) ?? -1 } }
        // Second-word filters (most attempts fail on the second word; this skips them without a search): what
        // any match must hold at the word after its first one, found by walking the rule's elements past optional
        // and negative ones ("the latest/recent? quarter" needs latest, recent or quarter next). A rule that can
        // end after one word has none.
        let wordsPerSet = (vocabCount + 63) / 64
        var bits: [UInt64] = []
        let cardOrOrd = (0..<Int32(vocabCount)).filter { card[Int($0)] != -1 || ord[Int($0)] >= 0 }
        let units = (0..<Int32(vocabCount)).filter { (1...9).contains(card[Int($0)]) }
        for ri in rs.indices {
            guard let allowed = Self.secondWordTest(rs[ri], els, idPool, set, cardOrOrd: cardOrOrd, units: units)
            else { continue }
            var set64 = [UInt64](repeating: 0, count: wordsPerSet)
            for id in allowed.ids where id >= 0 { set64[Int(id) / 64] |= 1 << UInt64(Int(id) % 64) }
            rs[ri].filter = 1 | (allowed.number ? 2 : 0) | (allowed.plural ? 4 : 0)
            rs[ri].filterOffset = Int32(bits.count)
            bits.append(contentsOf: set64)
        }
        // The order rules are tried in does not matter: the extractor keeps the best match by a total order.
        let groups = firstRules + [nr, nameRules]
        var fs = [Int32](repeating: 0, count: groups.count), fo = fs, fc = fs, gu = fs
        var gf = [UInt8](repeating: 0, count: groups.count)
        var pool: [Int32] = []
        for (g, list) in groups.enumerated() {
            let open = list.filter { rs[$0].filter == 0 }, filtered = list.filter { rs[$0].filter != 0 }
            fs[g] = Int32(pool.count)
            fo[g] = Int32(open.count)
            fc[g] = Int32(list.count)
            pool.append(contentsOf: (open + filtered).map { Int32($0) })
            guard !filtered.isEmpty else { continue }
            var union = [UInt64](repeating: 0, count: wordsPerSet)
            for ri in filtered {
                let o = Int(rs[ri].filterOffset)
                for j in 0..<wordsPerSet { union[j] |= bits[o + j] }
                gf[g] |= rs[ri].filter
            }
            gu[g] = Int32(bits.count)
            bits.append(contentsOf: union)
        }
        filterBits = Self.buffer(bits)
        elements = Self.buffer(els)
        rules = Self.buffer(rs)
        ids = Self.buffer(idPool)
        entries = Self.buffer(es)
        listStart = Self.buffer(ls)
        listCount = Self.buffer(lc)
        firstStart = Self.buffer(fs)
        firstOpen = Self.buffer(fo)
        firstCount = Self.buffer(fc)
        firstPool = Self.buffer(pool)
        groupUnion = Self.buffer(gu)
        groupFlags = Self.buffer(gf)
        cardinal = Self.buffer(card)
        ordinal = Self.buffer(ord)
        entryValues = values
        bindNames = names
        hyphenId = set.id("-")
        apostropheId = set.id("'")
        theId = set.id("the")
        aId = set.id("a")
        func cue(_ w: String) -> Int32 { set.vocab[w] ?? -2 }
        hadId = cue("had")
        toId = cue("to")
        thatId = cue("that")
        andId = cue("and")
        butId = cue("but")
        tId = cue("t")
        wonId = cue("won")
        aheadId = cue("ahead")
        ofId = cue("of")
        beingId = cue("being")
        whichId = cue("which")
        whoId = cue("who")
        usedId = cue("used")
        asId = cue("as")
        thanId = cue("than")
        magnitudeIds = Set(["thousand", "million", "billion", "trillion", "bn", "tn", "m"].map(cue)).subtracting([-2])
        var vw = [String](repeating: "", count: set.vocab.count)
        for (w, i) in set.vocab { vw[Int(i)] = w }
        vocabWords = vw
        anId = set.id("an")
    }
}

/// One match attempt's scratch state, reused across attempts.
struct MatchScratch {
    var binds: [Bind] = []
    var best: (first: Int, end: Int, consumed: Int, binds: [Bind])?
    var spanFirst = 0
    var spanEnd = 0
    var start = 0
    init() { binds.reserveCapacity(16) }
}

extension CompiledRules {
    /// False when rule `ri` cannot match at `start` by its second-word filter.
    @inline(__always)
    func passes(_ ri: Int, at start: Int, _ w: UnsafeBufferPointer<WordInfo>) -> Bool {
        let r = rules[ri]
        if r.filter == 0 { return true }
        return secondWord(at: start, w, bits: Int(r.filterOffset), flags: r.filter)
    }

    /// False when no filtered rule of group `g` can match at `start` (the union of their filters).
    @inline(__always)
    func groupPasses(_ g: Int, at start: Int, _ w: UnsafeBufferPointer<WordInfo>) -> Bool {
        secondWord(at: start, w, bits: Int(groupUnion[g]), flags: groupFlags[g])
    }

    @inline(__always)
    func secondWord(at start: Int, _ w: UnsafeBufferPointer<WordInfo>, bits: Int, flags: UInt8) -> Bool {
        guard start + 1 < w.count else { return false }
        let x = w[start + 1]
        if x.id >= 0, filterBits[bits + Int(x.id) / 64] & (1 << UInt64(Int(x.id) % 64)) != 0 { return true }
        return (flags & 2 != 0 && x.kind == .number) || (flags & 4 != 0 && x.plural)
    }

    /// The longest match of rule `ri` starting at word `start`, if any.
    func match(_ ri: Int, at start: Int, _ w: UnsafeBufferPointer<WordInfo>, _ st: inout MatchScratch)
        -> (first: Int, end: Int, consumed: Int, binds: [Bind])? {
        st.binds.removeAll(keepingCapacity: true)
        st.best = nil
        st.spanFirst = start
        st.spanEnd = start
        st.start = start
        dfs(rules[ri], 0, start, w, &st)
        return st.best
    }

    func dfs(_ r: Rule, _ ei: Int32, _ wi: Int, _ w: UnsafeBufferPointer<WordInfo>, _ st: inout MatchScratch) {
        if ei == r.spanStart { st.spanFirst = wi }
        if ei == r.spanEnd { st.spanEnd = wi }
        if ei == r.elemCount {
            if st.spanEnd > st.spanFirst, st.best == nil || st.spanEnd - st.spanFirst > st.best!.end - st.best!.first {
                st.best = (st.spanFirst, st.spanEnd, wi - st.start, st.binds)
            }
            return
        }
        let e = elements[Int(r.elemStart + ei)]
        if e.negative {
            let at = e.behind ? wi - 1 : wi
            if at < 0 || at >= w.count || !matchesAny(e, at, w) { dfs(r, ei + 1, wi, w, &st) }
            return
        }
        if wi < w.count && (!e.capital || w[wi].capitalized) && (!e.midCapital || w[wi].midCapital) {
            switch e.kind {
            case 0:
                if contains(e, w[wi].id) { step(r, ei, e, wi, 1, 0, 0, w, &st) }
            case 1:
                let id = w[wi].id
                if id >= 0 {
                    let slot = Int(e.arg) * vocabCount + Int(id)
                    let s = Int(listStart[slot]), n = Int(listCount[slot])
                    for k in s..<(s + n) where entryMatches(entries[k], wi, w) {
                        step(r, ei, e, wi, Int(entries[k].idCount), 1, entries[k].value, w, &st)
                    }
                }
            case 2:
                let (a, b) = numberLengths(Self.numberKinds[Int(e.arg)], wi, w)
                if a > 0 { step(r, ei, e, wi, a, 2, e.arg, w, &st) }
                if b > 0 { step(r, ei, e, wi, b, 2, e.arg, w, &st) }
            case 3:
                if w[wi].plural { step(r, ei, e, wi, 1, 0, 0, w, &st) }
            default:
                if isName(wi, w) { step(r, ei, e, wi, 1, 0, 0, w, &st) }
            }
        }
        if e.optional { dfs(r, ei + 1, wi, w, &st) }
    }

    @inline(__always)
    func step(_ r: Rule, _ ei: Int32, _ e: Element, _ wi: Int, _ len: Int, _ source: UInt8, _ arg: Int32,
              _ w: UnsafeBufferPointer<WordInfo>, _ st: inout MatchScratch) {
        if e.bind >= 0 {
            st.binds.append(Bind(name: e.bind, source: source, word: Int32(wi), length: Int16(len), arg: arg))
        }
        dfs(r, ei + 1, wi + len, w, &st)
        if e.bind >= 0 { st.binds.removeLast() }
    }

    func contains(_ e: Element, _ id: Int32) -> Bool {
        guard id >= 0 else { return false }
        for k in Int(e.idStart)..<Int(e.idStart + e.idCount) where ids[k] == id { return true }
        return false
    }

    func entryMatches(_ entry: Entry, _ wi: Int, _ w: UnsafeBufferPointer<WordInfo>) -> Bool {
        let n = Int(entry.idCount)
        guard wi + n <= w.count else { return false }
        for k in 1..<max(1, n) where w[wi + k].id != ids[Int(entry.idStart) + k] { return false }
        // A trailing period belongs to an abbreviation only when it touches the word.
        if n > 1, w[wi + n - 1].scalar == 46, w[wi + n - 1].spaceBefore { return false }
        return true
    }

    func matchesAny(_ e: Element, _ wi: Int, _ w: UnsafeBufferPointer<WordInfo>) -> Bool {
        if (e.capital && !w[wi].capitalized) || (e.midCapital && !w[wi].midCapital) { return false }
        switch e.kind {
        case 0: return contains(e, w[wi].id)
        case 1:
            let id = w[wi].id
            guard id >= 0 else { return false }
            let slot = Int(e.arg) * vocabCount + Int(id)
            let s = Int(listStart[slot]), n = Int(listCount[slot])
            for k in s..<(s + n) where entryMatches(entries[k], wi, w) { return true }
            return false
        case 2: return numberLengths(Self.numberKinds[Int(e.arg)], wi, w).0 > 0
        case 3: return w[wi].plural
        default: return isName(wi, w)
        }
    }

    /// `%name`: a word capitalized inside its sentence, and not the first word of a quotation or of what follows
    /// a colon (`He said: "Unlike 2001, ...`). Rules exclude time words with negative elements before it.
    @inline(__always)
    func isName(_ wi: Int, _ w: UnsafeBufferPointer<WordInfo>) -> Bool {
        let x = w[wi]
        guard x.kind == .word, x.midCapital else { return false }
        guard wi > 0, w[wi - 1].kind == .punct else { return true }
        let p = w[wi - 1].scalar
        return p != 34 && p != 58 && p != 0x201C && !(p == 39 && w[wi - 1].spaceBefore)
    }

    /// Up to two lengths (0 = none) a number element can take at `wi` ("twenty-five" is 3 words or 1).
    func numberLengths(_ kind: NumberKind, _ wi: Int, _ w: UnsafeBufferPointer<WordInfo>) -> (Int, Int) {
        let x = w[wi]
        if x.kind != .number {
            guard x.id >= 0 else { return (0, 0) }
            switch kind {
            case .num, .card:
                let v = cardinal[Int(x.id)]
                if v == -1 || (kind == .card && v == -2) { return (0, 0) }
                if let u = compoundUnit(wi, w) { return (u - wi + 1, 1) }
                return (1, 0)
            case .ord:
                return ordinal[Int(x.id)] >= 0 ? (1, 0) : (0, 0)
            default:
                return (0, 0)
            }
        }
        // A decimal ("1.76") has no integer value: only "int", which blocking rules use for any amount, takes it.
        guard x.value >= 0 || kind == .int else { return (0, 0) }
        let ok: Bool
        switch kind {
        case .year: ok = x.digits == 4 && !x.grouped && x.suffix == 0 && (1000...2100).contains(x.value)
            && plausibleYear(wi, w)
        case .yy: ok = x.digits == 2 && x.suffix == 0
        case .day: ok = x.digits <= 2 && (1...31).contains(x.value) && x.suffix != 2
        case .num, .card, .int: ok = x.suffix == 0
        case .ord: ok = x.suffix == 1
        case .decade:
            // "the '90s", "the 90s"; a bare "30s" is more often an age.
            ok = x.suffix == 2 && x.value % 10 == 0 && (x.digits == 4 || (x.digits == 2 && wi > 0
                && (w[wi - 1].id == apostropheId || w[wi - 1].id == theId)))
        case .hour: ok = x.digits <= 2 && x.suffix == 0 && (0...24).contains(x.value)
        case .minute: ok = x.digits == 2 && x.suffix == 0 && (0...59).contains(x.value)
        case .clock: ok = x.digits == 4 && !x.grouped && x.suffix == 0 && x.value / 100 < 24 && x.value % 100 < 60
        }
        return ok ? (1, 0) : (0, 0)
    }

    /// "twenty-five", "twenty five": the index of the unit word after a tens word, if there is one.
    func compoundUnit(_ wi: Int, _ w: UnsafeBufferPointer<WordInfo>) -> Int? {
        let tens = cardinal[Int(w[wi].id)]
        guard tens >= 20, tens < 100, tens % 10 == 0 else { return nil }
        let hyphen = wi + 1 < w.count && w[wi + 1].id == hyphenId && w[wi + 1].id >= 0 && !w[wi + 1].spaceBefore
        let u = wi + (hyphen ? 2 : 1)
        guard u < w.count, w[u].id >= 0, w[u].id != aId, w[u].id != anId else { return nil }
        let unit = cardinal[Int(w[u].id)]
        return (1...9).contains(unit) ? u : nil
    }

    /// A 4-digit number is no year when money, a percentage, a ratio, a phone number or a score surrounds it, or a
    /// unit is glued to it ("the 1500m", "a 4000ft peak").
    func plausibleYear(_ wi: Int, _ w: UnsafeBufferPointer<WordInfo>) -> Bool {
        func punct(_ i: Int, _ set: String) -> Bool {
            w[i].kind == .punct && set.unicodeScalars.contains { $0.value == w[i].scalar }
        }
        if wi > 0 {
            if punct(wi - 1, "$£€#¥") { return false }
            if !w[wi].spaceBefore, punct(wi - 1, "-/.:,"), wi > 1, w[wi - 2].kind == .number, !w[wi - 1].spaceBefore {
                // "04/05/2013": the year of a numeric date, two numbers of one or two digits and slashes before it.
                // Only when one reading is a day of a month: "13/13/2013" and "00/00/2000" give no year either.
                if w[wi - 1].scalar == 47, wi > 3, w[wi - 2].digits <= 2, !w[wi - 2].spaceBefore, punct(wi - 3, "/"),
                   !w[wi - 3].spaceBefore, w[wi - 4].kind == .number, w[wi - 4].digits <= 2 {
                    let a = w[wi - 4].value, b = w[wi - 2].value
                    return ((1...12).contains(a) && (1...31).contains(b)) || ((1...31).contains(a) && (1...12).contains(b))
                }
                return w[wi - 1].scalar == 45 && yearSpan(w[wi - 2], w[wi])
            }
        }
        if wi + 1 < w.count {
            if punct(wi + 1, "%") { return false }
            if w[wi + 1].kind == .word, !w[wi + 1].spaceBefore { return false }
            if !w[wi + 1].spaceBefore, punct(wi + 1, "-/:."), wi + 2 < w.count, w[wi + 2].kind == .number,
               !w[wi + 2].spaceBefore {
                // "1989-90" is a fiscal span and "2005-2010" a span of years, and so is "2004/05" (British
                // seasons and tax years) when the second is the next year; anything else glued to digits
                // (phones, scores) is not a year.
                if w[wi + 1].scalar == 47 {
                    return w[wi + 2].digits == 2 && w[wi + 2].value == (w[wi].value + 1) % 100
                }
                return w[wi + 1].scalar == 45 && (w[wi + 2].digits == 2 || yearSpan(w[wi], w[wi + 2]))
            }
        }
        return true
    }

    /// Two 4-digit numbers joined by a hyphen that read as years, the second later within a century
    /// ("2005-2010"): no phone number or score is written so.
    func yearSpan(_ a: WordInfo, _ b: WordInfo) -> Bool {
        a.digits == 4 && b.digits == 4 && a.suffix == 0 && b.suffix == 0 && !a.grouped && !b.grouped
            && (1000...2100).contains(a.value) && b.value > a.value && b.value - a.value <= 100
    }

    /// The text value of a bind, built once the match has won.
    func value(of b: Bind, _ words: [TimeWord], _ infos: UnsafeBufferPointer<WordInfo>) -> String {
        let wi = Int(b.word)
        switch b.source {
        case 0:
            let x = words[wi]
            return x.kind == .word && x.lower.isEmpty && infos[wi].id >= 0 ? vocabWords[Int(infos[wi].id)] : x.lower
        case 1: return entryValues[Int(b.arg)]
        default:
            let kind = Self.numberKinds[Int(b.arg)]
            let x = words[wi]
            if x.kind != .number {
                let id = infos[wi].id
                guard id >= 0 else { return "X" }
                if kind == .ord { return String(ordinal[Int(id)]) }
                if b.length > 1, let u = compoundUnit(wi, infos) {
                    return String(cardinal[Int(id)] + cardinal[Int(infos[u].id)])
                }
                let v = cardinal[Int(id)]
                return v == -2 ? "X" : String(v)
            }
            switch kind {
            case .year, .yy, .minute: return x.lower
            case .day: return TimexExtractor.pad2(x.value)
            case .clock: return TimexExtractor.pad2(x.value / 100) + ":" + TimexExtractor.pad2(x.value % 100)
            case .decade: return x.digits == 4 ? String(x.value / 10) : "UNDEF(decade \(x.value / 10))"
            default: return String(x.value)
            }
        }
    }
}
