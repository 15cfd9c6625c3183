// The word-class masks of QuoteLexicon as an open-addressing hash table over UTF-8 bytes: QuoteContext looks up
// every token of a document once, and a Dictionary<String, UInt64> spent most of that in SipHash and String
// comparison. For an ASCII word a hash of its first eight bytes read as one 64-bit word (FNV-1a over any bytes
// after them) and a byte compare give the Dictionary's answer; a word with other characters still goes to the
// Dictionary (String equality is canonical equivalence: "\u{212A}" equals "K"), and a key with other characters
// that equals an ASCII word is stored under that word.
// A found ASCII word also gives its key's number (its place in `keys`), so a caller can keep per-word data in an
// array by that number instead of hashing the word's String into a Dictionary again (QuoteLexicon's cue phrases).
// QuoteContext reads a document's ASCII words in one batch (scan, prefetch, resolve): lookups that waited one by one
// on cache misses overlap.
import Foundation

struct WordMaskTable: Sendable {
    let masks: [String: UInt64]
    private let mask: Int
    /// Per slot: 0 when empty, else the key's index + 1 in the low `indexBits` bits and a tag from the hash's top
    /// bits above them: a probe that misses is decided by the slot alone (one cache line, not three arrays).
    private let slots: [UInt32]
    private let indexBits: UInt32
    /// The keys' records at their index + 1; record 0 is a sentinel that matches nothing, so the index bits of any
    /// slot, empty or not, name a record (`prefetch` loads one per probe without a branch).
    private let records: [Record]
    /// Key bytes after the first eight.
    private let tails: [UInt8]
    /// The masks of one-byte words by byte (punctuation and "a" are a fifth of all tokens): no probe at all.
    private let oneByte: [UInt64]
    /// The key number of each one-byte word by byte, -1 for none.
    private let oneByteKey: [Int32]
    /// The ASCII keys (each key under its ASCII form) in key-number order.
    let keys: [String]

    /// A key: its mask, its first eight bytes (zero-padded, little-endian), its length, where its tail starts.
    private struct Record {
        var value: UInt64
        var head: UInt64
        var length: Int32
        var tail: Int32
    }

    init(_ masks: [String: UInt64]) {
        self.masks = masks
        // Each key under its ASCII form: itself, or the composed form of a key equal to an ASCII string.
        var ascii: [String: String] = [:]
        for key in masks.keys {
            let form = key.utf8.allSatisfy({ $0 < 128 }) ? key : key.precomposedStringWithCanonicalMapping
            if form.utf8.allSatisfy({ $0 < 128 }) { ascii[form] = key }
        }
        let keys = ascii.keys.sorted()
        self.keys = keys
        var capacity = 16
        while capacity < keys.count * 2 { capacity *= 2 }
        mask = capacity - 1
        var bits: UInt32 = 1
        while (1 << bits) <= keys.count + 1 { bits += 1 }
        indexBits = bits
        var slots = [UInt32](repeating: 0, count: capacity)
        var records = [Record(value: 0, head: 0, length: -1, tail: 0)], tails: [UInt8] = []
        for word in keys {
            let bytes = Array(word.utf8)
            var head: UInt64 = 0
            for (i, b) in bytes.prefix(8).enumerated() { head |= UInt64(b) << UInt64(8 * i) }
            records.append(Record(value: masks[ascii[word]!]!, head: head, length: Int32(bytes.count),
                                  tail: Int32(tails.count)))
            tails.append(contentsOf: bytes.dropFirst(8))
            var tail = Self.tailSeed
            for b in bytes.dropFirst(8) { tail = Self.tailStep(tail, b) }
            let h = Self.hash(head: head, length: bytes.count, tail: tail)
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Self.tag(h, bits) | UInt32(records.count - 1)
        }
        self.slots = slots
        self.records = records
        self.tails = tails
        oneByte = (0..<128).map { masks[String(UnicodeScalar(UInt8($0)))] ?? 0 }
        var oneByteKey = [Int32](repeating: -1, count: 128)
        for (k, word) in keys.enumerated() where word.utf8.count == 1 { oneByteKey[Int(word.utf8.first!)] = Int32(k) }
        self.oneByteKey = oneByteKey
    }

    @inline(__always)
    private static func tag(_ h: UInt64, _ indexBits: UInt32) -> UInt32 {
        UInt32(truncatingIfNeeded: h >> 32) << indexBits
    }

    /// A word's hash from its first eight bytes (zero-padded, little-endian), its length and the FNV-1a hash of
    /// any bytes after the eighth: most words fit the head, so hashing one costs a few multiplications, not two a
    /// byte.
    @inline(__always)
    static func hash(head: UInt64, length: Int, tail: UInt64) -> UInt64 {
        var h = (head ^ (UInt64(truncatingIfNeeded: length) &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
        h ^= tail
        h ^= h >> 31
        h = h &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 29)
    }

    static let tailSeed: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    static func tailStep(_ t: UInt64, _ b: UInt8) -> UInt64 { (t ^ UInt64(b)) &* 0x100_0000_01b3 }

    /// The mask of `word`, 0 when it is not a key.
    func value(_ word: String) -> UInt64 {
        var w = word
        let ascii = w.withUTF8 { bytes in bytes.allSatisfy { $0 < 128 } }
        guard ascii else { return masks[word] ?? 0 }
        return w.withUTF8 { value(ascii: $0, folding: false) }
    }

    /// The mask of an ASCII word given as its bytes; `folding` lower-cases A-Z first.
    func value(ascii bytes: UnsafeBufferPointer<UInt8>, folding: Bool) -> UInt64 {
        lookup(ascii: bytes, folding: folding).value
    }

    /// The mask of an ASCII word given as its bytes and its key number (-1 when it is no key; mask 0 then);
    /// `folding` lower-cases A-Z first.
    @inline(__always)
    func lookup(ascii bytes: UnsafeBufferPointer<UInt8>, folding: Bool) -> (value: UInt64, key: Int32) {
        @inline(__always) func fold(_ b: UInt8) -> UInt8 { folding && b >= 65 && b <= 90 ? b + 32 : b }
        if bytes.count == 1 {
            let b = Int(fold(bytes[0]))
            return (oneByte[b], oneByteKey[b])
        }
        var head: UInt64 = 0, tail = Self.tailSeed
        for (i, b) in bytes.enumerated() {
            let f = fold(b)
            if i < 8 { head |= UInt64(f) << UInt64(8 * i) } else { tail = Self.tailStep(tail, f) }
        }
        let h = Self.hash(head: head, length: bytes.count, tail: tail)
        let tag = Self.tag(h, indexBits), tagMask = ~UInt32(0) << indexBits
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[slot]
            if s == 0 { return (0, -1) }
            if s & tagMask == tag {
                let k = Int(s & ~tagMask)
                let r = records[k]
                if r.head == head, Int(r.length) == bytes.count, tailMatches(r, bytes, fold) {
                    return (r.value, Int32(k - 1))
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// An ASCII word prepared for `prefetch` and `resolve`: its hash, its first eight bytes (case folded when
    /// asked) zero-padded into `head` (with the length, the whole word up to eight bytes), and the slot and record
    /// head `prefetch` read for it.
    struct Probe {
        var hash: UInt64
        var head: UInt64
        var length: Int32
        var token: Int32
        var slot: UInt32 = 0
        var recordHead: UInt64 = 0
    }

    /// One pass over a word's bytes: its probe (A-Z folded to lower case; the same as without folding when the
    /// word has no capital), whether it has an ASCII capital, and whether it is all ASCII (else the probe is void).
    @inline(__always)
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, token: Int32) -> (Probe, hasUpper: Bool, ascii: Bool) {
        // The first eight bytes as one little-endian word, tested and folded eight at a time: with each byte's top
        // bit cleared, adding 0x3F sets it from "A" up and adding 0x25 from "[" up, with no carry into the next
        // byte; bytes that had the top bit (other characters) are no capitals.
        let count = bytes.count
        var x: UInt64 = 0
        if count >= 8 {
            x = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(as: UInt64.self))
        } else {
            var i = 0
            while i < count {
                x |= UInt64(bytes[i]) &<< UInt64(truncatingIfNeeded: i &* 8)
                i &+= 1
            }
        }
        let tops: UInt64 = 0x8080_8080_8080_8080
        var high = x & tops
        let low = x & ~tops
        let capitals = (low &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(low &+ 0x2525_2525_2525_2525) & tops & ~high
        let head = x | (capitals &>> 2)
        var upper = capitals != 0
        var tail = tailSeed
        var i = 8
        while i < count {
            let b = bytes[i]
            high |= UInt64(b & 0x80)
            let capital: UInt8 = b &- 65 < 26 ? 0x20 : 0
            upper = upper || capital != 0
            tail = tailStep(tail, b | capital)
            i &+= 1
        }
        let h = hash(head: head, length: count, tail: tail)
        return (Probe(hash: h, head: head, length: Int32(truncatingIfNeeded: count), token: token), upper, high == 0)
    }

    /// Reads each probe's first slot and the record it names, with no branch: after the entity tagger has run a
    /// document's words miss the cache, and loads that no branch waits on overlap (one by one, each probe waited
    /// for its slot, then for its record: half of QuoteContext's per-token pass).
    func prefetch(_ probes: UnsafeMutableBufferPointer<Probe>) {
        let indexMask = ~(~UInt32(0) << indexBits)
        slots.withUnsafeBufferPointer { slots in
        records.withUnsafeBufferPointer { records in
            for i in probes.indices {
                let s = slots[Int(truncatingIfNeeded: probes[i].hash) & mask]
                probes[i].slot = s
                probes[i].recordHead = records[Int(s & indexMask)].head
            }
        }}
    }

    /// `lookup(ascii:folding:)` of a probe of two to eight bytes that `prefetch` has read (a longer word's tail is
    /// compared by `lookup` itself, after `prefetch` has brought its slot and record in).
    @inline(__always)
    func resolve(_ p: Probe) -> (value: UInt64, key: Int32) {
        let tag = Self.tag(p.hash, indexBits), tagMask = ~UInt32(0) << indexBits
        var slot = Int(truncatingIfNeeded: p.hash) & mask
        var s = p.slot, first = true
        while true {
            if s == 0 { return (0, -1) }
            if s & tagMask == tag {
                let k = Int(s & ~tagMask)
                // The first slot's record head is the one prefetched.
                let head = first ? p.recordHead : records[k].head
                if head == p.head, records[k].length == p.length { return (records[k].value, Int32(k - 1)) }
            }
            first = false
            slot = (slot + 1) & mask
            s = slots[slot]
        }
    }

    @inline(__always)
    private func tailMatches(_ r: Record, _ bytes: UnsafeBufferPointer<UInt8>, _ fold: (UInt8) -> UInt8) -> Bool {
        var j = Int(r.tail)
        for i in 8..<max(8, bytes.count) {
            if fold(bytes[i]) != tails[j] { return false }
            j += 1
        }
        return true
    }
}
