// Tests for the entity tagger's fast paths, each against the plain computation it replaces, bit for bit: the
// vectorized forward-backward (NERDecoder.fillTables), the vocabulary's word index (NERWordIndex) and gazetteer
// matching from per-word first entries (NERGazetteer.matches(lowerHashes:first:)).
import Foundation
import Testing
@testable import TextAnalysis

/// Forward-backward as loops over the allowed label pairs only, in ascending order: the definition that
/// fillTables' dense vector steps must reproduce exactly.
private func plainTables(_ e: [Float], _ n: Int, _ A: [Double], _ temperature: Float, _ needed: Int)
    -> (tables: [Double], ok: Bool) {
    let L = NERLabels.count
    var E = [Double](repeating: 0, count: n * L), alpha = E, beta = E, c = [Double](repeating: 0, count: n)
    let inv = 1 / Double(temperature)
    func clampedExp(_ x: Double) -> Double { exp(max(-700, x)) }
    for t in 0..<n {
        var m = -Double.greatestFiniteMagnitude
        for j in 0..<L { m = max(m, Double(e[t * L + j])) }
        for j in 0..<L { E[t * L + j] = clampedExp((Double(e[t * L + j]) - m) * inv) }
    }
    var sum = 0.0
    for j in 0..<L { alpha[j] = A[j] * E[j]; sum += alpha[j] }
    c[0] = sum > 0 ? sum : 1
    for j in 0..<L { alpha[j] /= c[0] }
    for t in 1..<max(n, 1) {
        sum = 0
        for j in 0..<L {
            var s = 0.0
            for i in 0..<L where NERLabels.allowed(from: i, to: j) { s += alpha[(t - 1) * L + i] * A[(i + 1) * L + j] }
            alpha[t * L + j] = s * E[t * L + j]
            sum += alpha[t * L + j]
        }
        c[t] = sum > 0 ? sum : 1
        for j in 0..<L { alpha[t * L + j] /= c[t] }
    }
    var z = 0.0
    for j in 0..<L { let v = A[(L + 1) * L + j]; beta[(n - 1) * L + j] = v; z += alpha[(n - 1) * L + j] * v }
    guard z > 0 else { return ([], false) }
    for j in 0..<L { beta[(n - 1) * L + j] /= z }
    var t = n - 2
    while t >= needed {
        for i in 0..<L {
            var s = 0.0
            for j in 0..<L where NERLabels.allowed(from: i, to: j) {
                s += A[(i + 1) * L + j] * E[(t + 1) * L + j] * beta[(t + 1) * L + j]
            }
            beta[t * L + i] = s / c[t + 1]
        }
        t -= 1
    }
    // beta below `needed` is never written: compare from there
    return (E + alpha + Array(beta[(needed * L)...]) + c, true)
}

/// Tables of random sentences (wide and narrow score ranges, every `needed` position) equal the plain loops'.
@Test func forwardBackwardTablesEqualPlainLoops() {
    let L = NERLabels.count
    var rng = SplitMix64(seed: 17)
    for n in [1, 2, 3, 6, 13, 30] {
        for spread: UInt64 in [4, 400] {
            let e = (0..<(n * L)).map { _ in Float(Int(rng.next() % spread)) / 8 - 20 }
            let tr = (0..<NERDecoder.transitionCount).map { _ in Float(Int(rng.next() % spread)) / 8 - 20 }
            for temperature: Float in [1, 1.7] {
                let A = NERDecoder.transitionPotentials(tr, temperature: temperature)
                for needed in Set([0, n / 2, n - 1]) {
                    let plain = plainTables(e, n, A, temperature, needed)
                    var fast: [Double] = [], ok = false
                    withUnsafeTemporaryAllocation(of: Double.self, capacity: 3 * n * L + n + L * L) { scratch in
                        let base = scratch.baseAddress!
                        ok = e.withUnsafeBufferPointer { eb in A.withUnsafeBufferPointer { ab in
                            NERDecoder.fillTables(eb.baseAddress!, n, ab.baseAddress!, temperature, needed, base)
                        } }
                        guard ok else { return }
                        fast = Array(UnsafeBufferPointer(start: base, count: 2 * n * L))
                            + Array(UnsafeBufferPointer(start: base + 2 * n * L + needed * L, count: (n - needed) * L))
                            + Array(UnsafeBufferPointer(start: base + 3 * n * L, count: n))
                    }
                    #expect(ok == plain.ok)
                    #expect(fast.map(\.bitPattern) == plain.tables.map(\.bitPattern),
                            "n \(n), spread \(spread), temperature \(temperature), needed \(needed)")
                }
            }
        }
    }
}

/// The word index answers what a Dictionary of the same words answers, for ASCII words short and long (the
/// slot holds 16 bytes), non-ASCII words, canonically equivalent spellings (a decomposed "é", the Kelvin sign
/// that equals "K") and words it does not hold.
@Test(arguments: [
    ("the", true), ("The", true), ("Abcdefghijklmnop", true), ("Abcdefghijklmnopq", true), ("café", true),
    ("cafe\u{301}", true), ("K", true), ("\u{212A}", true), ("", true),
    ("th", false), ("thee", false), ("Abcdefghijklmnoq", false), ("Abcdefghijklmnopqr", false), ("cafe", false),
    ("\u{212B}", true), ("k", false), ("Å", true), ("A\u{30A}", true),
])
func wordIndexAnswersAsADictionary(word: String, known: Bool) {
    let words = ["the", "The", "Abcdefghijklmnop", "Abcdefghijklmnopq", "café", "\u{212A}", "", "Å", "of", "the"]
    var dictionary: [String: Int32] = [:]
    for (k, w) in words.enumerated() { dictionary[w] = Int32(k) }
    let index = NERWordIndex(words: words)
    #expect(index[word] == dictionary[word])
    #expect((index[word] != nil) == known)
}

/// Gazetteer matching from precomputed first entries finds what the plain loop finds (every sequence of up to
/// six tokens from each start, extended while a longer phrase may follow), overlapping phrases included.
@Test func gazetteerMatchesFromFirstEntriesEqualThePlainLoop() {
    func h(_ phrase: String) -> UInt64 {
        phrase.split(separator: " ").reduce(NERHash.fnvOffset) { NERGazetteer.extend($0, NERHash.string(String($1))) }
    }
    let phrases: [UInt64: UInt64] = [h("new"): 1, h("new york"): 2, h("new york city"): 4, h("york"): 8,
                                     h("city hall"): 1, h("a b c d e f"): 2]
    let prefixes: Set<UInt64> = [h("new"), h("new york"), h("city"), h("a"), h("a b"), h("a b c"), h("a b c d"),
                                 h("a b c d e")]
    let gazetteer = NERGazetteer(lists: ["x", "y", "z", "w"], phrases: phrases, prefixes: prefixes)
    let tokens = "new york city hall and york new new york a b c d e f g city".split(separator: " ")
    let lower = tokens.map { NERHash.string(String($0)) }
    var plain: [NERGazetteer.Match] = []
    for i in lower.indices {
        var key = NERHash.fnvOffset
        for j in i..<min(lower.count, i + NERGazetteer.maxPhraseTokens) {
            key = NERGazetteer.extend(key, lower[j])
            let lists = phrases[key] ?? 0
            if lists != 0 { plain.append(NERGazetteer.Match(start: i, end: j + 1, lists: lists)) }
            if !prefixes.contains(key) { break }
        }
    }
    #expect(gazetteer.matches(lowerHashes: lower, first: lower.map(gazetteer.firstEntry)) == plain)
    #expect(gazetteer.matches(lowerHashes: lower) == plain)
    #expect(plain.count == 11)
}
