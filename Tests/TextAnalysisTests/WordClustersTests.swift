// Tests for the entity tagger's word clusters: how a token finds its class in each set (exact form, lower case,
// title case for all-capital words) and that the large web set is read as its generator wrote it.
import Foundation
import Testing
import TestSupport
@testable import TextAnalysis

private let extractor = Result {
    try NERFeatureExtractor(resources: ResourceLoader(
        directory: Fixtures.repoRoot.appendingPathComponent("Sources/TextAnalysis/Resources")))
}

private func webCluster(_ word: String) throws -> Int32 {
    let e = try extractor.get()
    return NERWordInfo(word, clusters: e.clusters, web: e.webClusters).webCluster
}

/// Capitalized variants with their lower case's path are left out of clusters-web.tsv; lookup falls back to the
/// lower case, and an all-capital headline word known in neither form to its title case.
@Test(arguments: [
    ("GERMAN-MADE", "german-made"),     // dropped variant -> lower case
    ("Commodity-Linked", "commodity-linked"),
    ("KOHL", "Kohl"),                   // all capitals, no such form or lower case -> title case
    ("Boeing", "Lufthansa"),            // one web class: companies
    ("Yeltsin", "Mbeki"),               // one web class: politicians' surnames
])
func webClustersGiveVariantsTheirWordsClass(word: String, sameAs other: String) throws {
    let c = try webCluster(word)
    #expect(c >= 0)
    #expect(c == (try webCluster(other)))
}

@Test func webClustersAreLoadedAndUnknownWordsHaveNone() throws {
    let e = try extractor.get()
    #expect(e.webClusters.wordCount > 100_000)
    #expect(e.webClusters.paths.count > 900)
    #expect(try webCluster("Qxzzyvw") == -1)
}
