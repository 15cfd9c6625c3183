// NERHashMap: a 64-bit hash → value table by open addressing (linear probing), for the tagger's resource
// tables (word clusters, gazetteer phrases: ~230k entries read at every start). The keys are already hashes
// (NERHash), so one multiply spreads them over the slots (Fibonacci hashing); Swift's Dictionary hashes each
// key again with SipHash on every insert and lookup, which was most of the time these tables took to load.
// A slot holds its key, value and a used flag together, so a lookup reads one cache line.
struct NERHashMap<Value: Sendable>: Sendable {
    private struct Slot {
        var key: UInt64
        var value: Value
        var used: Bool
    }

    private var slots: [Slot]
    /// 64 - log2(slot count): the top bits of key * golden ratio pick the first slot
    private var shift: UInt64
    /// the value empty slots hold (never returned)
    private let filler: Value
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    /// Room for `minimumCapacity` keys at most two thirds full (it grows past three quarters, so the figure is
    /// a hint): probes stay short, and the slots stay few enough to allocate and fill quickly.
    init(minimumCapacity: Int, filler: Value) {
        var bits: UInt64 = 4
        while (1 << bits) < (3 * minimumCapacity + 1) / 2 { bits += 1 }
        self.filler = filler
        self.shift = 64 - bits
        self.slots = [Slot](repeating: Slot(key: 0, value: filler, used: false), count: 1 << Int(bits))
    }

    @inline(__always)
    private func firstSlot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9e37_79b9_7f4a_7c15) >> shift)
    }

    /// The slot holding `key`, or the empty slot where it would go.
    @inline(__always)
    private func find(_ key: UInt64) -> Int {
        slots.withUnsafeBufferPointer { s in
            let mask = s.count - 1
            var i = firstSlot(key)
            while s[i].used && s[i].key != key { i = (i + 1) & mask }
            return i
        }
    }

    /// The value of `key`, or nil.
    @inline(__always)
    subscript(key: UInt64) -> Value? {
        let i = find(key)
        return slots[i].used ? slots[i].value : nil
    }

    /// Stores `value` for `key`; returns the value it replaced, as Dictionary.updateValue does.
    @discardableResult
    mutating func updateValue(_ value: Value, forKey key: UInt64) -> Value? {
        var i = find(key)
        if slots[i].used {
            defer { slots[i].value = value }
            return slots[i].value
        }
        if 4 * (count + 1) > 3 * slots.count {
            grow()
            i = find(key)
        }
        slots[i] = Slot(key: key, value: value, used: true)
        count += 1
        return nil
    }

    /// Changes the value of `key` in place, starting from `initial` when the key is new.
    @inline(__always)
    mutating func modify(_ key: UInt64, initial: Value, _ body: (inout Value) -> Void) {
        var i = find(key)
        if !slots[i].used {
            if 4 * (count + 1) > 3 * slots.count {
                grow()
                i = find(key)
            }
            slots[i] = Slot(key: key, value: initial, used: true)
            count += 1
        }
        body(&slots[i].value)
    }

    /// Does `modify` for every key in turn (`body` gets the key's position in `keys`); the result is that of
    /// calling it key by key. In a table of megabytes nearly every key's first slot is a cache miss, and one key
    /// at a time waits for each miss in turn: here a batch's first slots are all read before any is written,
    /// reads that do not depend on each other, so their misses overlap. That halved these tables' load time.
    mutating func modifyAll(_ keys: [UInt64], initial: Value, _ body: (Int, inout Value) -> Void) {
        let batch = 32
        var start = 0
        withUnsafeTemporaryAllocation(of: Bool.self, capacity: batch) { occupied in
            while start < keys.count {
                let end = min(start + batch, keys.count)
                // grow before the batch, so no slot moves within it
                while 4 * (count + end - start) > 3 * slots.count { grow() }
                let shift = self.shift
                var added = 0
                keys.withUnsafeBufferPointer { k in slots.withUnsafeMutableBufferPointer { s in
                    let mask = s.count - 1
                    func first(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9e37_79b9_7f4a_7c15) >> shift) }
                    for n in start..<end { occupied[n - start] = s[first(k[n])].used }
                    for n in start..<end {
                        let key = k[n]
                        var i = first(key)
                        if occupied[n - start] || s[i].used {
                            while s[i].used && s[i].key != key { i = (i + 1) & mask }
                        }
                        if !s[i].used {
                            s[i] = Slot(key: key, value: initial, used: true)
                            added += 1
                        }
                        body(n, &s[i].value)
                    }
                } }
                count += added
                start = end
            }
        }
    }

    /// Every key and value, in slot order (callers combine them order-independently).
    func forEach(_ body: (UInt64, Value) -> Void) {
        for s in slots where s.used { body(s.key, s.value) }
    }

    private mutating func grow() {
        let old = slots
        shift -= 1
        slots = [Slot](repeating: Slot(key: 0, value: filler, used: false), count: old.count * 2)
        for s in old where s.used { slots[find(s.key)] = s }
    }
}
