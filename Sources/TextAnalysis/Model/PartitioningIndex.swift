// Binary search over a collection ordered by a predicate: the one implementation the components use to find a
// sentence, token, paragraph or mention by offset (each had written the same loop over its own array).

extension RandomAccessCollection {
    /// The first index where `isAtOrAfter` holds; `endIndex` when it holds nowhere. The predicate must be false
    /// and then true along the collection (its elements sorted by what it tests).
    @inline(__always)
    func partitioningIndex(where isAtOrAfter: (Element) throws -> Bool) rethrows -> Index {
        var lo = startIndex, n = count
        while n > 0 {
            let half = n / 2
            let mid = index(lo, offsetBy: half)
            if try isAtOrAfter(self[mid]) {
                n = half
            } else {
                lo = index(after: mid)
                n -= half + 1
            }
        }
        return lo
    }
}
