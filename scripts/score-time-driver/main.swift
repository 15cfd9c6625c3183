// Driver for scripts/score-time: TempEval-3 measures of the time tagger on a folder of TimeML files.
// Usage: score-time DIR [errors]
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
let score = try TimeScore.score(directory: URL(fileURLWithPath: args[1]), tagger: tagger)
for kind in ["VALUE", "MISS ", "FALSE"] {
    for line in score.errors.filter({ $0.hasPrefix(kind) }).prefix(shown) { print(line) }
}
print(score.summary)
