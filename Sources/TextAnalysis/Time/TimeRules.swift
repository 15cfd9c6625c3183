// The time rule set, loaded and compiled once: pattern lists (time/patterns/), normalization tables
// (time/normalization/) and rules (time/rules/). A malformed line fails the load with file and line number.
// Rule syntax is documented in the header of each rules file; the matcher is TimexExtractor.
import Foundation

enum NumberKind: String, Sendable {
    /// year: 4 digits 1000-2100; yy: 2 digits; day: 1-31 with optional ordinal suffix; num: a cardinal in
    /// digits or words ("two", "twenty-five", "several" = X); ord: ordinal ("3rd", "third"); decade: "1990s"
    /// or "90s"; hour: 0-24; minute: 00-59; int: any number in digits (decimals too); card: like num but never vague;
    /// clock: a 24-hour time in 4 digits, 0000-2359 ("1230 GMT"), bound as "12:30".
    case year, yy, day, num, ord, decade, hour, minute, int, card, clock
}

struct RuleElement: Sendable {
    enum Test: Sendable {
        case words(Set<String>)
        case list(Int)
        case number(NumberKind)
        /// A built-in word shape: `%plural` (a lowercase word ending in a single s: "degrees", "troops"), or
        /// `%name` (a word capitalized inside its sentence and not opening a quotation; the only shape a rule may
        /// start with).
        case shape(String)
    }
    var test: Test
    var optional = false
    /// Zero-width: the next word must not match.
    var negative = false
    /// With `negative` (`<!`): the word before must not match instead (a look back: "early Tuesday" but not "as
    /// early as Tuesday").
    var behind = false
    /// The word must start with a capital letter.
    var capital = false
    /// `^^`: capitalized and not the first word of its sentence (a name, not a sentence opening: "Tait or Noon").
    var midCapital = false
    var bind: String?
    /// `.words` as vocabulary ids (filled when the rule set is compiled).
    var ids: [Int32] = []
}

enum TemplatePart: Sendable {
    case text(String)
    case slot(String, filter: String?)
}

struct TimeRule: Sendable {
    var id: String
    /// Nil for a blocking rule (type NONE): its span wins overlaps like any match but yields no timex.
    var type: TimexType?
    var elements: [RuleElement]
    /// Element indexes where the timex span starts and ends (`[` and `]` in the pattern).
    var spanStart: Int
    var spanEnd: Int
    var value: [TemplatePart]
    var mod: String?
    /// For a duration counted from a date ("two days later" is P2D): the point in time it reaches, resolved like a
    /// value; the timeline dates the sentence by it and it moves the anaphora anchor.
    var point: [TemplatePart]?
    var file: String
    var line: Int
    var examples: [(text: String, value: String)]
    /// The value resolves by the clause tense (TimexExtractor.needsTense), decided once at load.
    var usesTense = false
}

struct PatternList: Sendable {
    var name: String
    /// Entries as lowercased scanner words, grouped by first word.
    var byFirst: [String: [[String]]]
    /// The normalization table of the same name, when there is one.
    var norm: [String: String]?
    /// Entries by the vocabulary id of their first word: the word ids and the bound value.
    var firstIds: [Int32: [(ids: [Int32], value: String)]] = [:]
}

public struct TimeRuleSet: Sendable {
    var lists: [PatternList] = []
    var rules: [TimeRule] = []
    /// Every word a rule, list or table mentions, numbered: the matcher compares ids, not strings.
    var vocab: [String: Int32] = [:]
    /// The same as a byte-keyed hash table for the scanner.
    private(set) var vocabulary = TimeVocabulary([:])
    /// Rules whose first consuming element can match the word with this vocabulary id.
    var firstRules: [[Int]] = []
    /// Rules whose first consuming element can match a number.
    var byNumber: [Int] = []
    /// Rules whose first element is `%name` (tried at every word capitalized inside its sentence).
    var byName: [Int] = []
    /// Cardinal and ordinal word values by vocabulary id.
    var numberValue: [String?] = []
    var ordinalValue: [String?] = []
    /// The flat tables the matcher runs on (built last in init).
    private(set) var compiled: CompiledRules!
    var numberWords: [String: String] = [:]
    var ordinalWords: [String: String] = [:]
    var tensePast: Set<String> = []
    var tenseFuture: Set<String> = []
    var tensePresent: Set<String> = []
    var tenseScheduled: Set<String> = []
    var bareBefore: Set<String> = []
    var notPastEd: Set<String> = []
    var participleAux: Set<String> = []
    var determiners: Set<String> = []
    var futureBeforeTo: Set<String> = []
    var futureBeforeTimex: Set<String> = []
    var intentBeforeTo: Set<String> = []
    var pastBeforeTimex: Set<String> = []
    var adverbBeforeParticiple: Set<String> = []
    var habit: Set<String> = []
    /// Words allowed between a clock time and the day that dates it ("10 a.m. EST on Tuesday").
    public private(set) var clockDayLink: Set<String> = []
    /// Tense word lists a word belongs to, by vocabulary id (see `tense(of:)`).
    var tenseFlags: [TenseFlags] = []

    /// The tense word lists `w` is on ([] for a word outside the vocabulary).
    @inline(__always)
    func tense(of w: TimeWord) -> TenseFlags { w.id >= 0 ? tenseFlags[Int(w.id)] : [] }

    /// Rule files in matching priority order (a tie between equal spans goes to the earlier rule).
    static let ruleFiles = ["block", "set", "time", "date", "duration", "reference"]

    public var ruleCount: Int { rules.count }

    public init(resources: ResourceLoader) throws {
        numberWords = try Self.table(resources, "time/normalization/number.txt")
        ordinalWords = try Self.table(resources, "time/normalization/ordinal.txt")
        tensePast = try Self.wordSet(resources, "time/patterns/tense-past.txt")
        tenseFuture = try Self.wordSet(resources, "time/patterns/tense-future.txt")
        tensePresent = try Self.wordSet(resources, "time/patterns/tense-present.txt")
        tenseScheduled = try Self.wordSet(resources, "time/patterns/tense-scheduled.txt")
        bareBefore = try Self.wordSet(resources, "time/patterns/tense-bare-before.txt")
        notPastEd = try Self.wordSet(resources, "time/patterns/not-past-ed.txt")
        participleAux = try Self.wordSet(resources, "time/patterns/participle-aux.txt")
        determiners = try Self.wordSet(resources, "time/patterns/determiner.txt")
        futureBeforeTo = try Self.wordSet(resources, "time/patterns/tense-future-to.txt")
        futureBeforeTimex = try Self.wordSet(resources, "time/patterns/tense-future-before.txt")
        intentBeforeTo = try Self.wordSet(resources, "time/patterns/tense-intent-to.txt")
        pastBeforeTimex = try Self.wordSet(resources, "time/patterns/tense-past-before.txt")
        adverbBeforeParticiple = try Self.wordSet(resources, "time/patterns/adverb-before-participle.txt")
        habit = try Self.wordSet(resources, "time/patterns/tense-habit.txt")
        clockDayLink = try Self.wordSet(resources, "time/patterns/clock-day-link.txt")
            .union(Self.wordSet(resources, "time/patterns/timezone.txt").flatMap { $0.split(separator: " ") }
                .map(String.init))
        var listIndex: [String: Int] = [:]
        for file in Self.ruleFiles {
            try loadRules(resources, "time/rules/\(file).txt", &listIndex)
        }
        compileVocabulary()
        var byFirstWord: [String: [Int]] = [:]
        for (i, r) in rules.enumerated() {
            var keys = Set<String>(), number = false, consuming = 0
            var k = 0
            while k < r.elements.count {
                let e = r.elements[k]
                k += 1
                if e.negative { continue }
                consuming += 1
                switch e.test {
                case .words(let w): keys.formUnion(w)
                case .shape(let shape):
                    // Rules starting with a name form a group of their own, tried at every capitalized word.
                    guard shape == "name", consuming == 1, !e.optional else {
                        throw ResourceError("\(r.file):\(r.line): a rule can start with no word shape but a required %name")
                    }
                    byName.append(i)
                case .list(let l): keys.formUnion(lists[l].byFirst.keys)
                case .number(let kind):
                    number = true
                    if kind == .num || kind == .card { keys.formUnion(numberWords.keys) }
                    if kind == .ord { keys.formUnion(ordinalWords.keys) }
                }
                if !e.optional { break }
            }
            for key in keys { byFirstWord[key, default: []].append(i) }
            if number { byNumber.append(i) }
        }
        firstRules = Array(repeating: [], count: vocab.count)
        for (word, list) in byFirstWord { firstRules[Int(vocab[word]!)] = list }
        vocabulary = TimeVocabulary(vocab)
        compiled = CompiledRules(self, firstRules: firstRules, numberRules: byNumber, nameRules: byName)
    }

    /// The id of a lowercased word, or -1 when no rule can mention it.
    func id(_ word: String) -> Int32 { vocab[word] ?? -1 }

    /// Numbers every word the rules can test and rewrites literal elements and list entries as ids.
    mutating func compileVocabulary() {
        var words = Set<String>(numberWords.keys).union(ordinalWords.keys).union(tenseFuture).union(tensePast)
            .union(tensePresent).union(tenseScheduled).union(bareBefore).union(notPastEd).union(participleAux)
            .union(determiners).union(futureBeforeTo)
            .union(futureBeforeTimex).union(intentBeforeTo).union(pastBeforeTimex).union(adverbBeforeParticiple)
            .union(habit)
            .union(["-", "'", ".", "the", "a", "an", "and", "but", ";", "to", "t", "had", "that", "ahead", "of",
                    "being", "which", "who", "as", "than"])
        for l in lists { for entries in l.byFirst.values { for e in entries { words.formUnion(e) } } }
        for r in rules { for e in r.elements { if case .words(let w) = e.test { words.formUnion(w) } } }
        for w in words.sorted() { vocab[w] = Int32(vocab.count) }
        for li in lists.indices {
            for (first, entries) in lists[li].byFirst {
                lists[li].firstIds[vocab[first]!] = entries.map { entry in
                    let key = Self.key(entry)
                    return (entry.map { vocab[$0]! }, lists[li].norm?[key] ?? key)
                }
            }
        }
        for ri in rules.indices {
            for ei in rules[ri].elements.indices {
                if case .words(let w) = rules[ri].elements[ei].test {
                    rules[ri].elements[ei].ids = w.map { vocab[$0]! }
                }
            }
        }
        numberValue = Array(repeating: nil, count: vocab.count)
        ordinalValue = Array(repeating: nil, count: vocab.count)
        for (w, v) in numberWords { numberValue[Int(vocab[w]!)] = v }
        for (w, v) in ordinalWords { ordinalValue[Int(vocab[w]!)] = v }
        tenseFlags = Array(repeating: [], count: vocab.count)
        let tenseLists: [(Set<String>, TenseFlags)] = [
            (tenseFuture, .future), (tensePast, .past), (tensePresent, .present), (tenseScheduled, .scheduled),
            (bareBefore, .bareBefore), (notPastEd, .notPastEd),
            (participleAux, .participleAux), (determiners, .determiner), (futureBeforeTo, .futureBeforeTo),
            (futureBeforeTimex, .futureBeforeTimex), (intentBeforeTo, .intentBeforeTo),
            (pastBeforeTimex, .pastBeforeTimex), (adverbBeforeParticiple, .adverbBeforeParticiple),
            (habit, .habit),
        ]
        for (set, flag) in tenseLists {
            for w in set { tenseFlags[Int(vocab[w]!)].insert(flag) }
        }
    }

    static func fail(_ file: String, _ line: Int, _ message: String) -> ResourceError {
        ResourceError("\(file):\(line): \(message)")
    }

    /// Data lines must be preceded by a FORMAT line in the header.
    static func checkedLines(_ resources: ResourceLoader, _ path: String) throws -> [(number: Int, text: String)] {
        let raw = try resources.string(path)
        guard raw.contains("# FORMAT:") else { throw fail(path, 1, "missing '# FORMAT:' header line") }
        return try resources.lines(path)
    }

    static func wordSet(_ resources: ResourceLoader, _ path: String) throws -> Set<String> {
        Set(try checkedLines(resources, path).map { $0.text.trimmingCharacters(in: .whitespaces).lowercased() })
    }

    static func table(_ resources: ResourceLoader, _ path: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for (n, text) in try checkedLines(resources, path) {
            let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count >= 2 else { throw fail(path, n, "expected 'key value'") }
            let key = parts.dropLast().joined(separator: " ").lowercased()
            if out[key] != nil { throw fail(path, n, "duplicate key '\(key)'") }
            out[key] = String(parts.last!)
        }
        return out
    }

    /// The lookup key of a list match: its words without periods ("Sept." -> "sept").
    static func key(_ words: some Sequence<String>) -> String {
        words.filter { $0 != "." }.joined(separator: " ")
    }

    mutating func list(_ resources: ResourceLoader, _ name: String, _ index: inout [String: Int],
                       _ file: String, _ line: Int) throws -> Int {
        if let i = index[name] { return i }
        let path = "time/patterns/\(name).txt"
        guard FileManager.default.fileExists(atPath: resources.url(path).path) else {
            throw Self.fail(file, line, "unknown pattern list @\(name) (no \(path))")
        }
        var byFirst: [String: [[String]]] = [:]
        let normPath = "time/normalization/\(name).txt"
        let norm = FileManager.default.fileExists(atPath: resources.url(normPath).path)
            ? try Self.table(resources, normPath) : nil
        for (n, text) in try Self.checkedLines(resources, path) {
            let scalars = Array(text.trimmingCharacters(in: .whitespaces).unicodeScalars)
            let words = TimeScanner.scan(scalars).map(\.lower)
            guard let first = words.first else { continue }
            if let norm, norm[Self.key(words)] == nil {
                throw Self.fail(path, n, "'\(text)' has no entry in \(normPath)")
            }
            byFirst[first, default: []].append(words)
        }
        // Longest alternatives first, so the matcher's first success is the longest.
        for k in byFirst.keys { byFirst[k]!.sort { $0.count > $1.count } }
        lists.append(PatternList(name: name, byFirst: byFirst, norm: norm))
        index[name] = lists.count - 1
        return lists.count - 1
    }

    mutating func loadRules(_ resources: ResourceLoader, _ path: String, _ listIndex: inout [String: Int]) throws {
        var examples: [(String, String)] = []
        var ids = Set(rules.map(\.id))
        for (n, text) in try Self.checkedLines(resources, path) {
            let line = text.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("EXAMPLE ") {
                guard let arrow = line.range(of: " => ") else { throw Self.fail(path, n, "EXAMPLE needs ' => value'") }
                let sentence = String(line[line.index(line.startIndex, offsetBy: 8)..<arrow.lowerBound])
                guard sentence.contains("["), sentence.contains("]") else {
                    throw Self.fail(path, n, "EXAMPLE must mark the timex with [ ]")
                }
                examples.append((sentence, String(line[arrow.upperBound...]).trimmingCharacters(in: .whitespaces)))
                continue
            }
            guard line.hasPrefix("RULE ") else { throw Self.fail(path, n, "expected RULE or EXAMPLE") }
            guard let arrow = line.range(of: " => ") else { throw Self.fail(path, n, "RULE needs ' => value'") }
            let head = line[line.index(line.startIndex, offsetBy: 5)..<arrow.lowerBound].split(separator: " ")
            guard head.count >= 3 else { throw Self.fail(path, n, "RULE <id> <TYPE> <pattern> => <value>") }
            let id = String(head[0])
            guard !ids.contains(id) else { throw Self.fail(path, n, "duplicate rule id \(id)") }
            ids.insert(id)
            let type = TimexType(rawValue: String(head[1]))
            guard type != nil || head[1] == "NONE" else {
                throw Self.fail(path, n, "unknown type \(head[1]) (DATE, TIME, DURATION, SET or NONE)")
            }
            var elements: [RuleElement] = []
            var spanStart = -1, spanEnd = -1
            for token in head.dropFirst(2) {
                if token == "[" { spanStart = elements.count; continue }
                if token == "]" { spanEnd = elements.count; continue }
                elements.append(try element(String(token), resources, &listIndex, path, n))
            }
            if spanStart < 0 { spanStart = 0 }
            if spanEnd < 0 { spanEnd = elements.count }
            guard spanStart < spanEnd else { throw Self.fail(path, n, "empty span") }
            // The value may hold spaces inside UNDEF(...); an optional " MOD <mod>" ends the line.
            var valueText = line[arrow.upperBound...].trimmingCharacters(in: .whitespaces)
            var mod: String?
            if let m = valueText.range(of: " MOD ") {
                mod = valueText[m.upperBound...].trimmingCharacters(in: .whitespaces)
                valueText = String(valueText[..<m.lowerBound])
                if mod!.isEmpty || mod!.contains(" ") { throw Self.fail(path, n, "MOD takes one word") }
            }
            // " POINT <value>" before any MOD: the point in time a duration reaches (TimeRule.point).
            var point: [TemplatePart]?
            if let p = valueText.range(of: " POINT ") {
                let pointText = valueText[p.upperBound...].trimmingCharacters(in: .whitespaces)
                valueText = String(valueText[..<p.lowerBound])
                guard type == .duration, !pointText.isEmpty else {
                    throw Self.fail(path, n, "POINT needs a value and a DURATION rule")
                }
                point = try Self.template(pointText, path, n)
            }
            guard !valueText.isEmpty else { throw Self.fail(path, n, "missing value") }
            let value = try Self.template(valueText, path, n)
            let bound = Set(elements.compactMap(\.bind))
            for case .slot(let name, _) in value + (point ?? []) where !bound.contains(name) {
                throw Self.fail(path, n, "value uses {\(name)}, which no element binds")
            }
            if examples.isEmpty { throw Self.fail(path, n, "rule \(id) has no EXAMPLE line above it") }
            rules.append(TimeRule(id: id, type: type, elements: elements, spanStart: spanStart, spanEnd: spanEnd,
                                  value: value, mod: mod, point: point, file: path, line: n,
                                  examples: examples.map { (text: $0.0, value: $0.1) },
                                  usesTense: TimexExtractor.needsTense(valueText)))
            examples = []
        }
        if !examples.isEmpty { throw Self.fail(path, 0, "EXAMPLE lines after the last rule") }
    }

    mutating func element(_ source: String, _ resources: ResourceLoader, _ listIndex: inout [String: Int],
                          _ file: String, _ line: Int) throws -> RuleElement {
        var s = Substring(source)
        var negative = false, behind = false, optional = false, capital = false, midCapital = false
        var bind: String?
        if s.hasPrefix("<!") { negative = true; behind = true; s = s.dropFirst(2) }
        if s.hasPrefix("!") { negative = true; s = s.dropFirst() }
        if s.count > 1, s.hasSuffix("?") { optional = true; s = s.dropLast() }
        if let eq = s.firstIndex(of: "="), eq != s.startIndex, s.index(after: eq) != s.endIndex {
            bind = String(s[..<eq])
            s = s[s.index(after: eq)...]
        }
        if s.hasPrefix("^^") { midCapital = true; s = s.dropFirst() }
        if s.hasPrefix("^") { capital = true; s = s.dropFirst() }
        let test: RuleElement.Test
        if s.hasPrefix("@"), s.count > 1 {
            let name = String(s.dropFirst())
            test = .list(try list(resources, name, &listIndex, file, line))
            if bind == nil { bind = name }
        } else if s.hasPrefix("%"), s.count > 1 {
            guard s == "%plural" || s == "%name" else { throw Self.fail(file, line, "unknown word shape \(s)") }
            test = .shape(String(s.dropFirst()))
        } else if s.hasPrefix("#"), s.count > 1 {
            guard let kind = NumberKind(rawValue: String(s.dropFirst())) else {
                throw Self.fail(file, line, "unknown number kind \(s)")
            }
            test = .number(kind)
            if bind == nil { bind = kind.rawValue }
        } else {
            // A lone "/" is the slash itself ("2 1/2 years"), not a list of alternatives.
            test = .words(s == "/" ? ["/"] : Set(s.split(separator: "/").map { $0.lowercased() }))
        }
        if negative { bind = nil }
        return RuleElement(test: test, optional: optional, negative: negative, behind: behind, capital: capital,
                           midCapital: midCapital, bind: bind)
    }

    static func template(_ text: String, _ file: String, _ line: Int) throws -> [TemplatePart] {
        var parts: [TemplatePart] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else { throw fail(file, line, "unclosed { in value") }
            let inner = rest[rest.index(after: open)..<close].split(separator: "|", maxSplits: 1)
            guard let name = inner.first else { throw fail(file, line, "empty {} in value") }
            let filter = inner.count > 1 ? String(inner[1]) : nil
            if let filter, !TimexExtractor.filters.contains(filter) {
                throw fail(file, line, "unknown filter |\(filter)")
            }
            parts.append(.slot(String(name), filter: filter))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        return parts
    }
}

/// The tense word lists (time/patterns/tense-*.txt and the determiners) a vocabulary word is on.
struct TenseFlags: OptionSet, Sendable {
    let rawValue: UInt16
    static let future = TenseFlags(rawValue: 1)
    static let past = TenseFlags(rawValue: 2)
    static let present = TenseFlags(rawValue: 4)
    /// Ends in "-ed" but is no past form ("need", "speed").
    static let notPastEd = TenseFlags(rawValue: 8)
    /// "be", "to", ...: a past form after it is a participle.
    static let participleAux = TenseFlags(rawValue: 16)
    static let determiner = TenseFlags(rawValue: 32)
    /// "is/set/poised" + "to": a plan.
    static let futureBeforeTo = TenseFlags(rawValue: 64)
    /// "until" right before the expression: a deadline ahead.
    static let futureBeforeTimex = TenseFlags(rawValue: 128)
    /// "agreed" + "to": an intent.
    static let intentBeforeTo = TenseFlags(rawValue: 256)
    /// "since" right before the expression.
    static let pastBeforeTimex = TenseFlags(rawValue: 512)
    /// "still", "newly": between a determiner and an "-ed" adjective.
    static let adverbBeforeParticiple = TenseFlags(rawValue: 1024)
    /// "meet", "opens": a present-tense verb of a timetabled event.
    static let scheduled = TenseFlags(rawValue: 2048)
    /// "not", "them", "let": a scheduled verb after it is a bare infinitive.
    static let bareBefore = TenseFlags(rawValue: 4096)
    /// "usually", "always": a habit, no one period (tense-habit.txt).
    static let habit = TenseFlags(rawValue: 8192)
    static let verb: TenseFlags = [.future, .past, .present, .scheduled]
}
