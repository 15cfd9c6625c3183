// The tagger vocabulary's word → id lookup (NERVocabulary), once per token. A Dictionary<String, _> hashes every
// token with SipHash and compares Strings, ~7 % of tagging time in perf. Tokens are nearly all short ASCII words,
// so those are read as two 8-byte integers, hashed with two multiplies and compared as integers in an
// open-addressing table whose slot holds the word itself (one cache line per lookup; a first version kept the
// bytes in a side array and its second cache miss made it slower than the Dictionary).
//
// The answer is always the Dictionary's: for an ASCII string, canonical equivalence (String ==) is byte equality
// with a key's NFC form, so every key whose NFC form is ASCII of at most 16 bytes is entered under that form;
// every other token (non-ASCII, or longer) is looked up in the Dictionary itself.
import Foundation

struct NERWordIndex: Sendable {
    /// up to 16 ASCII bytes, little-endian, zero-padded; count 0 and id -1 mark an empty slot
    fileprivate struct Slot {
        var low: UInt64 = 0, high: UInt64 = 0
        var count: Int32 = 0
        var id: Int32 = -1
    }

    /// every word → its id (the last id when equivalent words repeat, as assigning key by key leaves it)
    private let dictionary: [String: Int32]
    private let slots: [Slot]
    private let mask: Int
    /// 64 - log2(slot count): the hash's top bits (the best mixed of a product) pick the first slot
    private let shift: UInt64

    /// `words[k]` gets id k.
    init(words: [String]) {
        var dictionary: [String: Int32] = [:]
        dictionary.reserveCapacity(words.count)
        for (k, w) in words.enumerated() { dictionary[w] = Int32(k) }
        var capacity = 16, shift: UInt64 = 60
        while capacity < 2 * dictionary.count { capacity <<= 1; shift -= 1 }
        var slots = [Slot](repeating: Slot(), count: capacity)
        let mask = capacity - 1
        for (key, id) in dictionary {
            // an ASCII key is its own form; another only when String == finds its NFC form equal to it (the
            // equality the Dictionary uses)
            var packed = Self.pack(key)
            if packed == nil && !key.utf8.allSatisfy({ $0 < 0x80 }) {
                let form = key.precomposedStringWithCanonicalMapping
                if form == key { packed = Self.pack(form) }
            }
            guard let packed else { continue }
            var s = Self.firstSlot(packed, shift)
            while slots[s].id >= 0 { s = (s + 1) & mask }
            slots[s] = Slot(low: packed.low, high: packed.high, count: packed.count, id: id)
        }
        self.dictionary = dictionary
        self.slots = slots
        self.mask = mask
        self.shift = shift
    }

    var count: Int { dictionary.count }

    /// The id of `word` (what dictionary[word] gives), or nil.
    @inline(__always)
    subscript(word: String) -> Int32? {
        guard let packed = Self.pack(word) else { return dictionary[word] }
        return slots.withUnsafeBufferPointer { slots in
            var s = Self.firstSlot(packed, shift)
            while true {
                let slot = slots[s]
                if slot.id < 0 { return nil }
                if slot.low == packed.low && slot.high == packed.high && slot.count == packed.count { return slot.id }
                s = (s + 1) & mask
            }
        }
    }

    /// An ASCII word of at most 16 bytes as two integers (byte k at bits 8k of low, then high), else nil.
    @inline(__always)
    static func pack(_ word: String) -> (low: UInt64, high: UInt64, count: Int32)? {
        var word = word
        return word.withUTF8 { bytes -> (low: UInt64, high: UInt64, count: Int32)? in
            guard bytes.count <= 16 else { return nil }
            var low: UInt64 = 0, high: UInt64 = 0
            for k in 0..<min(bytes.count, 8) { low |= UInt64(bytes[k]) << UInt64(8 * k) }
            for k in min(bytes.count, 8)..<bytes.count { high |= UInt64(bytes[k]) << UInt64(8 * (k - 8)) }
            guard (low | high) & 0x8080_8080_8080_8080 == 0 else { return nil }
            return (low, high, Int32(bytes.count))
        }
    }

    @inline(__always)
    private static func firstSlot(_ p: (low: UInt64, high: UInt64, count: Int32), _ shift: UInt64) -> Int {
        let h = (p.low &* 0x9e37_79b9_7f4a_7c15) ^ ((p.high ^ UInt64(p.count)) &* 0xc2b2_ae3d_27d4_eb4f)
        return Int(truncatingIfNeeded: h >> shift)
    }
}
