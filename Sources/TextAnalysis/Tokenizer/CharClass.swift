// Character classes the tokenizer and sentence splitter ask about, on raw scalar values: a table for ASCII and
// Unicode properties only for the rare non-ASCII scalar.

enum CharClass {
    /// Separates tokens: Unicode whitespace, C0/C1 controls (NUL included), and invisible format characters
    /// (bidi marks and embeddings, zero-width space, word joiner, BOM). ZWJ/ZWNJ are not: they join scripts/emoji.
    @inline(__always)
    static func isSeparator(_ v: UInt32) -> Bool {
        if v <= 0x20 || v == 0x7F { return true }
        if v < 0x80 { return false }
        return nonASCIISeparator(v)
    }

    static func nonASCIISeparator(_ v: UInt32) -> Bool {
        switch v {
        case 0x80...0xA0, 0x1680, 0x180E, 0x2000...0x200B, 0x200E, 0x200F, 0x2028...0x202F, 0x205F...0x2064,
             0x2066...0x206F, 0x3000, 0xFEFF, 0xFFF9...0xFFFB:
            return true
        default:
            return false
        }
    }

    /// Line breaks: the sentence splitter ends sentences at these.
    @inline(__always)
    static func isLineBreak(_ v: UInt32) -> Bool {
        v == 0x0A || v == 0x0D || v == 0x0B || v == 0x0C || v == 0x85 || v == 0x2028 || v == 0x2029
    }

    @inline(__always)
    static func isASCIILetter(_ v: UInt32) -> Bool { (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }

    @inline(__always)
    static func isASCIIAlphanumeric(_ v: UInt32) -> Bool { isASCIILetter(v) || isDigit(v) }

    @inline(__always)
    static func isDigit(_ v: UInt32) -> Bool { v >= 0x30 && v <= 0x39 }

    @inline(__always)
    static func isLetter(_ v: UInt32) -> Bool {
        if v < 0x80 { return isASCIILetter(v) }
        return Unicode.Scalar(v)?.properties.isAlphabetic ?? false
    }

    @inline(__always)
    static func isUpper(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x41 && v <= 0x5A }
        return Unicode.Scalar(v)?.properties.isUppercase ?? false
    }

    @inline(__always)
    static func isLower(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x61 && v <= 0x7A }
        return Unicode.Scalar(v)?.properties.isLowercase ?? false
    }

    /// Scalars that belong to the one before: combining marks, ZWJ/ZWNJ, variation selectors, emoji modifiers,
    /// tag characters and the keycap mark. No split point may fall before one.
    @inline(__always)
    static func isAttaching(_ v: UInt32) -> Bool {
        if v < 0x300 { return false }
        switch v {
        case 0x200C, 0x200D, 0xFE00...0xFE0F, 0x1F3FB...0x1F3FF, 0xE0020...0xE007F, 0xE0100...0xE01EF: return true
        default:
            guard let u = Unicode.Scalar(v) else { return false }
            switch u.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: return true
            default: return false
            }
        }
    }

    /// Han ideographs and kana: written without spaces, so each becomes a token (Hangul is spaced and is not here).
    @inline(__always)
    static func isIdeographic(_ v: UInt32) -> Bool {
        switch v {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: return true
        default: return false
        }
    }

    /// An emoji starts at p[k]: emoji presentation by default, or a text-default emoji followed by VS16.
    static func isEmojiStart(_ p: UnsafeBufferPointer<UInt32>, _ k: Int, _ e: Int) -> Bool {
        guard let u = Unicode.Scalar(p[k]) else { return false }
        let props = u.properties
        if props.isEmojiPresentation { return true }
        return props.isEmoji && k + 1 < e && p[k + 1] == 0xFE0F
    }

    /// End of the emoji sequence starting at p[k]: modifiers, VS16, tags, keycaps, ZWJ + emoji, a flag pair.
    static func emojiClusterEnd(_ p: UnsafeBufferPointer<UInt32>, _ k: Int, _ e: Int) -> Int {
        let isRegional = { (v: UInt32) in v >= 0x1F1E6 && v <= 0x1F1FF }
        var i = k + 1
        if isRegional(p[k]), i < e, isRegional(p[i]) { return i + 1 }
        while i < e {
            let v = p[i]
            if v == 0x200D, i + 1 < e, Unicode.Scalar(p[i + 1])?.properties.isEmoji == true {
                i += 2
            } else if isAttaching(v) && v != 0x200D {
                i += 1
            } else {
                break
            }
        }
        return i
    }
}

/// A set of scalars with a bitmap for ASCII, so the common lookup never hashes.
struct ScalarSet: Sendable {
    private var low: UInt64 = 0, high: UInt64 = 0
    private var other: Set<UInt32> = []

    init<S: Sequence>(_ values: S) where S.Element == UInt32 {
        for v in values { insert(v) }
    }

    mutating func insert(_ v: UInt32) {
        if v < 64 { low |= 1 << UInt64(v) } else if v < 128 { high |= 1 << UInt64(v - 64) } else { other.insert(v) }
    }

    @inline(__always)
    func contains(_ v: UInt32) -> Bool {
        if v < 64 { return low & (1 << UInt64(v)) != 0 }
        if v < 128 { return high & (1 << UInt64(v - 64)) != 0 }
        return !other.isEmpty && other.contains(v)
    }
}
