// NERKeyIndex: feature key → weight row, by open addressing. The capacity is a power of two; a key's low bits pick
// its first slot and its high 32 bits are the tag (a false match needs equal low and high bits: about 2^-32 per
// unseen feature). One index serves a single stage's weights (NERModel.Stage) and the joint table of both stages.
struct NERKeyIndex: Sendable {
    fileprivate struct Slot {
        var tag: UInt32
        /// row + 1; 0 marks an empty slot
        var row: UInt32
    }

    private var slots: [Slot]
    private let mask: Int

    /// Room for at least `minimumCapacity` slots (keep it at least twice the keys, so probes stay short).
    init(minimumCapacity: Int) {
        var cap = 16
        while cap < minimumCapacity { cap <<= 1 }
        slots = [Slot](repeating: Slot(tag: 0, row: 0), count: cap)
        mask = cap - 1
    }

    /// Stores `key` → `row` in the first free slot of its probe sequence (a repeated key keeps its first row).
    mutating func insert(_ key: UInt64, row: Int) {
        var s = Int(truncatingIfNeeded: key) & mask
        while slots[s].row != 0 { s = (s + 1) & mask }
        slots[s] = Slot(tag: UInt32(truncatingIfNeeded: key >> 32), row: UInt32(row + 1))
    }

    /// The row of `key`; when it has none, stores `key` → `row` and returns `row`.
    mutating func row(of key: UInt64, insertingIfAbsent row: Int) -> Int {
        var s = Int(truncatingIfNeeded: key) & mask
        let tag = UInt32(truncatingIfNeeded: key >> 32)
        while slots[s].row != 0 {
            if slots[s].tag == tag { return Int(slots[s].row) - 1 }
            s = (s + 1) & mask
        }
        slots[s] = Slot(tag: tag, row: UInt32(row + 1))
        return row
    }

    /// The row of `key`, else -1.
    func row(of key: UInt64) -> Int {
        withLookup { $0.row(of: key) }
    }

    /// Runs `body` with a lookup over the slots' memory: for the hot loops, which look up many keys at once.
    @inline(__always)
    func withLookup<R>(_ body: (Lookup) -> R) -> R {
        slots.withUnsafeBufferPointer { body(Lookup(slots: $0, mask: mask)) }
    }

    struct Lookup {
        fileprivate let slots: UnsafeBufferPointer<Slot>
        let mask: Int

        /// The row of `key`, else -1.
        @inline(__always)
        func row(of key: UInt64) -> Int {
            var s = Int(truncatingIfNeeded: key) & mask
            let tag = UInt32(truncatingIfNeeded: key >> 32)
            while true {
                let slot = slots[s]
                if slot.row == 0 { return -1 }
                if slot.tag == tag { return Int(slot.row) - 1 }
                s = (s + 1) & mask
            }
        }

        /// rows[n] = the row of keys[n], or `missing`. Two passes: the first reads every key's first slot with
        /// no branch between the reads, so their cache misses overlap instead of waiting on each other behind
        /// mispredicted "found?" branches; the second resolves the (now cached) slots and rare longer probes.
        @inline(__always)
        func rows(of keys: UnsafeBufferPointer<UInt64>, into rows: UnsafeMutablePointer<Int32>, missing: Int32) {
            let n = keys.count
            withUnsafeTemporaryAllocation(of: Slot.self, capacity: n) { first in
                let f = first.baseAddress!
                for k in 0..<n { f[k] = slots[Int(truncatingIfNeeded: keys[k]) & mask] }
                for k in 0..<n {
                    let key = keys[k], tag = UInt32(truncatingIfNeeded: key >> 32)
                    var slot = f[k], s = Int(truncatingIfNeeded: key) & mask
                    while slot.row != 0 && slot.tag != tag {
                        s = (s + 1) & mask
                        slot = slots[s]
                    }
                    rows[k] = slot.row == 0 ? missing : Int32(bitPattern: slot.row) - 1
                }
            }
        }
    }
}
