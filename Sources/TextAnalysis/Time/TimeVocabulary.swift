// The rule vocabulary as an open-addressing hash table over lowercased ASCII bytes, so the scanner finds a
// word's id straight from the scalars, without building a String or hashing one (most words are not in it).
// Non-ASCII words fall back to the Dictionary.

struct TimeVocabulary: Sendable {
    let words: [String: Int32]
    private let mask: Int
    private let slotId: [Int32]
    private let slotKey: [Int32]
    private let keyStart: [Int32]
    private let keyBytes: [UInt8]

    init(_ words: [String: Int32]) {
        self.words = words
        var capacity = 16
        while capacity < words.count * 3 { capacity *= 2 }
        mask = capacity - 1
        var ids = [Int32](repeating: -1, count: capacity), keys = [Int32](repeating: -1, count: capacity)
        var starts: [Int32] = [], bytes: [UInt8] = []
        for (word, id) in words.sorted(by: { $0.value < $1.value }) where word.utf8.allSatisfy({ $0 < 128 }) {
            let k = Int32(starts.count)
            starts.append(Int32(bytes.count))
            bytes.append(contentsOf: word.utf8)
            var slot = Int(truncatingIfNeeded: Self.hash(word.utf8)) & mask
            while ids[slot] >= 0 { slot = (slot + 1) & mask }
            ids[slot] = id
            keys[slot] = k
        }
        starts.append(Int32(bytes.count))
        slotId = ids
        slotKey = keys
        keyStart = starts
        keyBytes = bytes
    }

    @inline(__always)
    static func fold(_ v: UInt32) -> UInt8 {
        let b = UInt8(truncatingIfNeeded: v)
        return b >= 65 && b <= 90 ? b + 32 : b
    }

    static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }

    /// The id of a one-character ASCII word (punctuation), or -1.
    func id(byte b: UInt8) -> Int32 {
        var slot = Int(truncatingIfNeeded: (0xcbf29ce484222325 ^ UInt64(b)) &* 0x100000001b3) & mask
        while slotId[slot] >= 0 {
            let k = Int(slotKey[slot])
            if keyStart[k + 1] - keyStart[k] == 1, keyBytes[Int(keyStart[k])] == b { return slotId[slot] }
            slot = (slot + 1) & mask
        }
        return -1
    }

    /// The id of `text[range]` lowercased, or -1. (Through buffer pointers: it runs at every scanned word, and the
    /// bounds checks of five arrays were a good part of its time.)
    func id(_ text: [Unicode.Scalar], _ range: Range<Int>) -> Int32 {
        precondition(range.lowerBound >= 0 && range.upperBound <= text.count)
        return text.withUnsafeBufferPointer { t in
            var h: UInt64 = 0xcbf29ce484222325
            for i in range {
                let v = t[i].value
                if v >= 128 { return words[TimeScanner.lowerString(text[range])] ?? -1 }
                h = (h ^ UInt64(Self.fold(v))) &* 0x100000001b3
            }
            return slotId.withUnsafeBufferPointer { ids in
                slotKey.withUnsafeBufferPointer { keys in
                    keyStart.withUnsafeBufferPointer { starts in
                        keyBytes.withUnsafeBufferPointer { bytes in
                            var slot = Int(truncatingIfNeeded: h) & mask
                            while ids[slot] >= 0 {
                                let k = Int(keys[slot])
                                let s = Int(starts[k]), e = Int(starts[k + 1])
                                if e - s == range.count {
                                    var same = true
                                    var j = s
                                    for i in range {
                                        if Self.fold(t[i].value) != bytes[j] { same = false; break }
                                        j += 1
                                    }
                                    if same { return ids[slot] }
                                }
                                slot = (slot + 1) & mask
                            }
                            return -1
                        }
                    }
                }
            }
        }
    }
}
