// Scores the time tagger against TimeML files (TempEval-3 TBAQ): reads the creation date (the TIMEX3 with
// functionInDocument="CREATION_TIME") as the reference, strips the inline tags from <TEXT> keeping gold
// offsets into the stripped text, tags that text, and counts TempEval-3's measures: strict and relaxed span
// P/R/F1, type accuracy on relaxed matches, and value F1 (correct values over system and over gold
// expressions, on relaxed matches).
import Foundation

public struct TimeMLDocument: Sendable {
    public struct Gold: Sendable {
        public var chars: CharRange
        public var type: String
        public var value: String
    }
    public var name: String
    public var text: [Unicode.Scalar]
    public var creationDate: CalendarDate?
    public var gold: [Gold]

    /// Parses one .tml file; throws when it has no <TEXT>.
    public init(name: String, contents: String) throws {
        self.name = name
        guard let open = contents.range(of: "<TEXT>"), let close = contents.range(of: "</TEXT>") else {
            throw ResourceError("\(name): no <TEXT> element")
        }
        if let dct = contents.range(of: "<DCT>"),
           let end = contents.range(of: "</DCT>", range: dct.upperBound..<contents.endIndex),
           let v = Self.attribute("value", in: String(contents[dct.upperBound..<end.lowerBound])) {
            creationDate = CalendarDate(iso: v.prefix(10))
        }
        var text: [Unicode.Scalar] = []
        var gold: [Gold] = []
        var stack: [(start: Int, type: String, value: String, creation: Bool)] = []
        let body = Array(contents[open.upperBound..<close.lowerBound].unicodeScalars)
        var i = 0
        while i < body.count {
            let c = body[i]
            if c == "<" {
                var j = i + 1
                while j < body.count && body[j] != ">" { j += 1 }
                let tag = String(String.UnicodeScalarView(body[(i + 1)..<min(j, body.count)]))
                if tag.hasPrefix("TIMEX3") {
                    stack.append((text.count, Self.attribute("type", in: tag) ?? "",
                                  Self.attribute("value", in: tag) ?? "", tag.contains("CREATION_TIME")))
                } else if tag.hasPrefix("/TIMEX3"), let t = stack.popLast(), !t.creation {
                    gold.append(Gold(chars: CharRange(t.start, text.count), type: t.type, value: t.value))
                }
                i = j + 1
            } else if c == "&" {
                var j = i + 1
                while j < body.count && j - i < 8 && body[j] != ";" { j += 1 }
                let entity = String(String.UnicodeScalarView(body[i..<min(j + 1, body.count)]))
                let map: [String: Unicode.Scalar] = ["&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"",
                                                     "&apos;": "'"]
                if let s = map[entity] { text.append(s); i = j + 1 } else { text.append(c); i += 1 }
            } else {
                text.append(c)
                i += 1
            }
        }
        self.text = text
        self.gold = gold
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        guard let r = tag.range(of: " \(name)=\"") else { return nil }
        guard let end = tag[r.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(tag[r.upperBound..<end])
    }
}

public struct TimeScore: Sendable {
    public var gold = 0, system = 0
    public var strictGold = 0, strictSystem = 0
    public var relaxedGold = 0, relaxedSystem = 0
    public var matchedPairs = 0, typeCorrect = 0, valueCorrect = 0
    public var errors: [String] = []
    /// Every relaxed match, right or wrong: "RIGHT"/"VALUE" lines as in `errors` (to count a convention's majority).
    public var pairs: [String] = []
    /// Per rule: system timexes with the gold value, with another value, and with no gold overlap.
    public var byRule: [String: (right: Int, wrong: Int, falseAlarm: Int)] = [:]

    public init() {}

    static func f1(_ p: Double, _ r: Double) -> Double { p + r == 0 ? 0 : 2 * p * r / (p + r) }
    func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
    public var strictF1: Double { Self.f1(ratio(strictSystem, system), ratio(strictGold, gold)) }
    public var relaxedP: Double { ratio(relaxedSystem, system) }
    public var relaxedR: Double { ratio(relaxedGold, gold) }
    public var relaxedF1: Double { Self.f1(relaxedP, relaxedR) }
    public var typeAccuracy: Double { ratio(typeCorrect, matchedPairs) }
    public var valueF1: Double { Self.f1(ratio(valueCorrect, system), ratio(valueCorrect, gold)) }

    /// Adds one document's counts; error lines ("VALUE", "MISS", "FALSE") go to `errors`.
    public mutating func add(_ doc: TimeMLDocument, system sys: [Timex]) {
        gold += doc.gold.count
        system += sys.count
        func show(_ r: CharRange) -> String {
            let lo = max(0, r.start - 30), hi = min(doc.text.count, r.end + 20)
            let s = String(String.UnicodeScalarView(doc.text[lo..<r.start])) + "[" +
                String(String.UnicodeScalarView(doc.text[r.start..<r.end])) + "]" +
                String(String.UnicodeScalarView(doc.text[r.end..<hi]))
            return s.replacingOccurrences(of: "\n", with: " ")
        }
        for s in sys {
            if doc.gold.contains(where: { $0.chars == s.chars }) { strictSystem += 1 }
            if let g = doc.gold.first(where: { $0.chars.overlaps(s.chars) }) {
                relaxedSystem += 1
                if Self.sameValue(s.value, g.value) { byRule[s.rule, default: (0, 0, 0)].right += 1 } else {
                    byRule[s.rule, default: (0, 0, 0)].wrong += 1
                }
            } else {
                byRule[s.rule, default: (0, 0, 0)].falseAlarm += 1
                errors.append("FALSE \(doc.name)\t\(s.value)\t\(s.rule)\t\(show(s.chars))")
            }
        }
        for g in doc.gold {
            if sys.contains(where: { $0.chars == g.chars }) { strictGold += 1 }
            guard let s = sys.first(where: { $0.chars.overlaps(g.chars) }) else {
                errors.append("MISS  \(doc.name)\t\(g.type) \(g.value)\t\(show(g.chars))")
                continue
            }
            relaxedGold += 1
            matchedPairs += 1
            if s.type.rawValue == g.type { typeCorrect += 1 }
            let ref = doc.creationDate?.description ?? "-"
            let line = "\(doc.name)\tgold \(g.value) sys \(s.value) (\(s.rule), ref \(ref))\t" + show(g.chars)
            if Self.sameValue(s.value, g.value) { valueCorrect += 1; pairs.append("RIGHT " + line) } else {
                errors.append("VALUE " + line)
                pairs.append("VALUE " + line)
            }
        }
    }

    /// Value equality, with the one equivalence the task allows: a decade or century written with its unknown
    /// digits as X is the same period ("195" and "195X" are both "the 1950s" in TimeBank; "19" and "19XX").
    static func sameValue(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        func period(_ v: String) -> String? {
            let digits = v.prefix { $0.isNumber }
            guard digits.count == 2 || digits.count == 3, v.dropFirst(digits.count).allSatisfy({ $0 == "X" }),
                  v.count == digits.count || v.count == 4 else { return nil }
            return String(digits)
        }
        guard let p = period(a), let q = period(b) else { return false }
        return p == q
    }

    /// One line per rule, most errors first: "rule right wrong false".
    public var ruleTable: [String] {
        byRule.sorted {
            ($0.value.wrong + $0.value.falseAlarm, $1.key) > ($1.value.wrong + $1.value.falseAlarm, $0.key)
        }
            .map { "RULE  \($0.key)\t\($0.value.right)\t\($0.value.wrong)\t\($0.value.falseAlarm)" }
    }

    public var summary: String {
        String(format: "gold %d system %d | strict F1 %.3f | relaxed P %.3f R %.3f F1 %.3f | type acc %.3f"
                   + " | value F1 %.3f", gold, system, strictF1, relaxedP, relaxedR, relaxedF1, typeAccuracy, valueF1)
    }

    /// The sentences of a text as the analyzer finds them (tokenizer, then sentence splitter): scored with them,
    /// the tagger reads clause tense within the sentences it gets in the pipeline.
    public static func sentenceFinder(resources: ResourceLoader) throws -> ([Unicode.Scalar]) -> [CharRange] {
        let tokenizer = try Tokenizer(resources: resources)
        let splitter = try SentenceSplitter(resources: resources)
        return { scalars in
            var document = Document(text: String(String.UnicodeScalarView(scalars)))
            tokenizer.process(&document)
            splitter.process(&document)
            return document.sentences.map(\.chars)
        }
    }

    /// Scores every .tml file under `directory` (recursively) whose name (without ".tml") `include` accepts;
    /// `sentences` bound the tagger's tense search (none: it finds sentence ends itself).
    public static func score(directory: URL, tagger: TimexTagger,
                             sentences: ([Unicode.Scalar]) -> [CharRange] = { _ in [] },
                             include: (String) -> Bool = { _ in true }) throws -> TimeScore {
        var score = TimeScore()
        let files = (FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }
            .filter { $0.pathExtension == "tml" && include($0.deletingPathExtension().lastPathComponent) } ?? [])
            .sorted { $0.path < $1.path }
        guard !files.isEmpty else { throw ResourceError("no .tml files under \(directory.path)") }
        for url in files {
            let contents = try String(contentsOf: url, encoding: .utf8)
            let doc = try TimeMLDocument(name: url.lastPathComponent, contents: contents)
            score.add(doc, system: tagger.tag(doc.text, sentences: sentences(doc.text), reference: doc.creationDate))
        }
        return score
    }
}
