// Table tests for the small helpers the linker and the tokenizer use on their hot paths: each fast form must
// answer as the general one it replaced (Unicode properties, String.split, a Set-deduplicated append).

import Testing
@testable import TextAnalysis

struct LinkerHelperTests {
    /// Scalars around and inside the ASCII fast path, and a few beyond it whose property answers differ.
    static let scalars: [Unicode.Scalar] = ["A", "Z", "a", "z", "@", "[", "`", "{", "0", "&", ".", " ", "\u{7F}",
                                            "ª", "º", "É", "é", "ß", "Σ", "σ", "ǅ", "中"]

    @Test(arguments: scalars)
    func caseTestsAgreeWithUnicodeProperties(_ u: Unicode.Scalar) {
        #expect(EntityLinker.isUppercase(u) == u.properties.isUppercase)
        #expect(EntityLinker.isLowercase(u) == u.properties.isLowercase)
    }

    @Test(arguments: ["kim jong un", "us", "", " a", "a ", "a  b", "sven goran eriksson", "o'neill", "zoë ball",
                      "léon  x"])
    func wordsSplitAsStringSplitDoes(_ key: String) {
        #expect(EntityLinker.words(key) == key.split(separator: " ").map(String.init))
    }

    @Test(arguments: [([1, 2], 3, [1, 2, 3]), ([1, 2], 2, [1, 2]), ([], 7, [7])])
    func appendIfAbsentAppendsOnlyANewElement(_ start: [Int], _ e: Int, _ expected: [Int]) {
        var a = start
        a.appendIfAbsent(e)
        #expect(a == expected)
        var d: [String: [Int]] = ["x": start]
        d["x", default: []].appendIfAbsent(e)
        d["y", default: []].appendIfAbsent(e)
        #expect(d == ["x": expected, "y": [e]])
    }

    @Test func specialTableFindsEveryKeyAndNothingElse() {
        let one = SpecialCase(scalars: [65], pieces: [1]), two = SpecialCase(scalars: [66, 67], pieces: [1, 1])
        // Keys that collide in a 16-slot table (same low bits) probe on past each other.
        let specials: [UInt64: [SpecialCase]] = [3: [one], 19: [two], 35: [one, two], 0: [two]]
        let table = SpecialTable(specials)
        for (h, list) in specials { #expect(table.lookup(h)?.map(\.scalars) == list.map(\.scalars)) }
        for h: UInt64 in [1, 51, 16, 4] { #expect(table.lookup(h) == nil) }
    }
}
