// The unlabeled corpora the dev commands read (clusters, bench, bench-analysis, harvest-names): the files with
// given endings under a folder, searched recursively and sorted, so every run reads them in the same order.
import Foundation

enum TextFiles {
    /// `folder + "/" + relative path` of every file under `folder` whose name ends in one of `endings`, sorted.
    static func paths(under folder: String, endingIn endings: [String] = [".txt"]) -> [String] {
        var paths: [String] = []
        let walk = FileManager.default.enumerator(atPath: folder)
        while let f = walk?.nextObject() as? String {
            if endings.contains(where: { f.hasSuffix($0) }) { paths.append(folder + "/" + f) }
        }
        return paths.sorted()
    }
}
