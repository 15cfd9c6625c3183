// The word-class masks of QuoteLexicon as an open-addressing hash table over UTF-8 bytes: QuoteContext looks up
// every token of a document once, and a Dictionary<String, UInt64> spent most of that in SipHash and String
// comparison. For an ASCII word FNV-1a and a byte compare give the Dictionary's answer; a word with other
// characters still goes to the Dictionary (String equality is canonical equivalence: "\u{212A}" equals "K").

struct WordMaskTable: Sendable {
    let masks: [String: UInt64]
    private let mask: Int
    /// Per slot: the key index, or -1 for an empty slot.
    private let slots: [Int32]
    private let keyStart: [Int32]
    private let keyBytes: [UInt8]
    private let values: [UInt64]

    init(_ masks: [String: UInt64]) {
        self.masks = masks
        var capacity = 16
        while capacity < masks.count * 3 { capacity *= 2 }
        mask = capacity - 1
        var slots = [Int32](repeating: -1, count: capacity)
        var starts: [Int32] = [], bytes: [UInt8] = [], values: [UInt64] = []
        for (word, value) in masks.sorted(by: { $0.key < $1.key }) where word.utf8.allSatisfy({ $0 < 128 }) {
            let k = Int32(values.count)
            starts.append(Int32(bytes.count))
            bytes.append(contentsOf: word.utf8)
            values.append(value)
            var slot = Int(truncatingIfNeeded: Self.hash(word.utf8)) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = k
        }
        starts.append(Int32(bytes.count))
        self.slots = slots
        keyStart = starts
        keyBytes = bytes
        self.values = values
    }

    @inline(__always)
    static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }

    /// The mask of `word`, 0 when it is not a key.
    func value(_ word: String) -> UInt64 {
        var w = word
        let ascii = w.withUTF8 { bytes in bytes.allSatisfy { $0 < 128 } }
        guard ascii else { return masks[word] ?? 0 }
        return w.withUTF8 { value(ascii: $0, folding: false) }
    }

    /// The mask of an ASCII word given as its bytes; `folding` lower-cases A-Z first.
    func value(ascii bytes: UnsafeBufferPointer<UInt8>, folding: Bool) -> UInt64 {
        @inline(__always) func fold(_ b: UInt8) -> UInt8 { folding && b >= 65 && b <= 90 ? b + 32 : b }
        var h: UInt64 = 0xcbf29ce484222325
        for b in bytes { h = (h ^ UInt64(fold(b))) &* 0x100000001b3 }
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let k = Int(slots[slot])
            if k < 0 { return 0 }
            let s = Int(keyStart[k]), e = Int(keyStart[k + 1])
            if e - s == bytes.count {
                var same = true
                var j = s
                for b in bytes {
                    if fold(b) != keyBytes[j] { same = false; break }
                    j += 1
                }
                if same { return values[k] }
            }
            slot = (slot + 1) & mask
        }
    }
}
