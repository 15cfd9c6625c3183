// Driver for scripts/score-time: TempEval-3 measures of the time tagger on a folder of TimeML files.
// Usage: score-time DIR [errors]  |  score-time - YYYY-MM-DD   (tags each stdin line against that date)
import Foundation

let args = CommandLine.arguments
guard args.count >= 2 else {
    FileHandle.standardError.write("usage: score-time DIR [errors]\n".data(using: .utf8)!)
    exit(2)
}
let shown = args.count >= 3 ? Int(args[2]) ?? 20 : 20
let resources = ResourceLoader(directory: URL(fileURLWithPath: args[0])
    .deletingLastPathComponent().appendingPathComponent("Resources"))
let tagger = try TimexTagger(resources: resources)
// Sentences as the analyzer splits them, so tense is read as in the pipeline.
let sentences = try TimeScore.sentenceFinder(resources: resources)
if args[1] == "-" {
    // Probe mode: one line in, one line per timex out ("text<TAB>type<TAB>value<TAB>rule<TAB>tense").
    let reference = args.count >= 3 ? CalendarDate(iso: Substring(args[2])) : nil
    while let line = readLine() {
        print(line)
        let scalars = Array(line.unicodeScalars)
        let found = sentences(scalars)
        let tenses = Dictionary(tagger.extractor.extract(scalars, sentences: found).map { ($0.chars.start, $0.tense) },
                                uniquingKeysWith: { a, _ in a })
        for t in tagger.tag(scalars, sentences: found, reference: reference) {
            let text = String(String.UnicodeScalarView(scalars[t.chars.start..<t.chars.end]))
            let tense = tenses[t.chars.start]?.rawValue ?? "-"
            print("  \(text)\t\(t.type.rawValue)\t\(t.value)\t\(t.rule)\t\(tense)")
        }
    }
    exit(0)
}
if args[1].hasSuffix(".tml") {
    // Document mode: every gold and system timex of one file in text order ("G" gold, "S" system, "=" both
    // with the same span), value and rule, to follow how anaphora and tense resolve through a document.
    let doc = try TimeMLDocument(name: args[1], contents: try String(contentsOfFile: args[1], encoding: .utf8))
    print("DCT \(doc.creationDate?.description ?? "-")")
    let sys = tagger.tag(doc.text, sentences: sentences(doc.text), reference: doc.creationDate)
    var rows: [(Int, String)] = []
    func text(_ r: CharRange) -> String {
        String(String.UnicodeScalarView(doc.text[r.start..<r.end])).replacingOccurrences(of: "\n", with: " ")
    }
    for g in doc.gold {
        let same = sys.first { $0.chars == g.chars }
        rows.append((g.chars.start, (same == nil ? "G " : "= ") + "\(text(g.chars))\t\(g.value)"
                        + (same.map { "\t\($0.value)\t\($0.rule)" } ?? "")))
    }
    for s in sys where !doc.gold.contains(where: { $0.chars == s.chars }) {
        rows.append((s.chars.start, "S \(text(s.chars))\t\t\(s.value)\t\(s.rule)"))
    }
    for r in rows.sorted(by: { $0.0 < $1.0 }) { print(r.1) }
    exit(0)
}
let score = try TimeScore.score(directory: URL(fileURLWithPath: args[1]), tagger: tagger, sentences: sentences)
for kind in ["VALUE", "MISS ", "FALSE"] {
    for line in score.errors.filter({ $0.hasPrefix(kind) }).prefix(shown) { print(line) }
}
if ProcessInfo.processInfo.environment["RULES"] != nil { for line in score.ruleTable { print(line) } }
if ProcessInfo.processInfo.environment["PAIRS"] != nil { for line in score.pairs { print(line) } }
print(score.summary)
// The held-out fifth: documents whose id ends in 0 or 1 (rules are not tuned on their errors), and the rest.
let heldOut: (String) -> Bool = { name in name.last.map { "01".contains($0) } ?? false }
let held = try TimeScore.score(directory: URL(fileURLWithPath: args[1]), tagger: tagger, sentences: sentences,
                               include: heldOut)
let rest = try TimeScore.score(directory: URL(fileURLWithPath: args[1]), tagger: tagger, sentences: sentences,
                               include: { !heldOut($0) })
print("held-out (ids ending 0-1): " + held.summary)
print("tuning (the other ids):    " + rest.summary)
// FOLDS=1: the five folds of the documents by their place in name order (index % 5), for a second look at how a
// change generalizes beyond the id-ending split.
if ProcessInfo.processInfo.environment["FOLDS"] != nil {
    let names = (FileManager.default.enumerator(atPath: args[1])?.compactMap { $0 as? String } ?? [])
        .filter { $0.hasSuffix(".tml") }
        .map { String(($0 as NSString).lastPathComponent.dropLast(4)) }
        .sorted()
    let fold = Dictionary(names.enumerated().map { ($1, $0 % 5) }, uniquingKeysWith: { a, _ in a })
    for k in 0..<5 {
        let part = try TimeScore.score(directory: URL(fileURLWithPath: args[1]), tagger: tagger, sentences: sentences,
                                       include: { fold[$0] == k })
        print("fold \(k) (name index % 5):   " + part.summary)
    }
}
