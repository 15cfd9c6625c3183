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
if args[1] == "-" {
    // Probe mode: one line in, one line per timex out ("text<TAB>type<TAB>value<TAB>rule").
    let reference = args.count >= 3 ? CalendarDate(iso: Substring(args[2])) : nil
    while let line = readLine() {
        print(line)
        let scalars = Array(line.unicodeScalars)
        for t in tagger.tag(scalars, reference: reference) {
            let text = String(String.UnicodeScalarView(scalars[t.chars.start..<t.chars.end]))
            print("  \(text)\t\(t.type.rawValue)\t\(t.value)\t\(t.rule)")
        }
    }
    exit(0)
}
let score = try TimeScore.score(directory: URL(fileURLWithPath: args[1]), tagger: tagger)
for kind in ["VALUE", "MISS ", "FALSE"] {
    for line in score.errors.filter({ $0.hasPrefix(kind) }).prefix(shown) { print(line) }
}
if ProcessInfo.processInfo.environment["RULES"] != nil { for line in score.ruleTable { print(line) } }
print(score.summary)
