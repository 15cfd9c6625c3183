// Stable 64-bit hashes for feature keys. Swift's Hasher is seeded per process, so model files need their own:
// FNV-1a over UTF-8 bytes for strings and a SplitMix64 finalizer to combine a template id with values.
enum NERHash {
    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    @inline(__always)
    static func bytes<S: Sequence>(_ s: S, seed: UInt64 = fnvOffset) -> UInt64 where S.Element == UInt8 {
        var h = seed
        for b in s { h = (h ^ UInt64(b)) &* fnvPrime }
        return h
    }

    @inline(__always)
    static func string(_ s: String) -> UInt64 { bytes(s.utf8) }

    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// The key of feature template `t` with value `v`.
    @inline(__always)
    static func key(_ t: UInt64, _ v: UInt64) -> UInt64 { mix(v ^ mix(t)) }

    @inline(__always)
    static func key(_ t: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64 { mix(mix(a ^ mix(t)) ^ b) }

    @inline(__always)
    static func key(_ t: UInt64, _ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        mix(mix(mix(a ^ mix(t)) ^ b) ^ c)
    }
}
