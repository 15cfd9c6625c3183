// The tokenizer's language data, loaded from Resources/tokenizer/ and compiled into lookup tables keyed by
// scalar values, so the hot loop never builds a String to ask a question.

/// One entry of a scalar-keyed table: the exact scalars and how they split.
struct SpecialCase: Sendable {
    let scalars: [UInt32]
    /// Lengths of the pieces, in scalars; they sum to scalars.count.
    let pieces: [Int]
}

/// An affix string to try at one end of a chunk, longest first.
struct Affix: Sendable {
    let scalars: [UInt32]
    let isClitic: Bool
}

public struct TokenizerRules: Sendable {
    /// Whole-chunk special cases (exceptions and abbreviations) keyed by the hash of the chunk's scalars.
    var specials: [UInt64: [SpecialCase]] = [:]
    /// The same, as an open-addressing table the hot loop probes without hashing through Hasher.
    private(set) var specialTable = SpecialTable([:])
    var maxSpecialLength = 0
    /// Prefixes keyed by their first scalar (ASCII-folded), suffixes and clitics by their last; longest first.
    var prefixes: [UInt32: [Affix]] = [:]
    var suffixes: [UInt32: [Affix]] = [:]
    /// Infixes keyed by their first scalar; `letterInfixes` only split between two letters.
    var infixes: [UInt32: [Affix]] = [:]
    var letterInfixes: Set<UInt32> = []
    /// For each ASCII scalar, which of the tables above hold it (AffixFlag bits), so most scalars cost one load.
    private(set) var asciiFlags = [UInt8](repeating: 0, count: 128)
    /// The affix lists for ASCII scalars (folded), indexed by value: no hashing on the common path.
    private(set) var asciiPrefixes = [[Affix]](repeating: [], count: 128)
    private(set) var asciiSuffixes = [[Affix]](repeating: [], count: 128)
    private(set) var asciiInfixes = [[Affix]](repeating: [], count: 128)
    /// Abbreviation → where it may end a sentence. Also read by the sentence splitter.
    public private(set) var abbreviations: [String: AbbreviationEnd] = [:]

    public init() {}

    /// Loads abbreviations.txt, exceptions.txt and affixes.txt from `tokenizer/`; fails with file and line.
    public init(resources: ResourceLoader) throws {
        abbreviations = try TokenizerRules.loadAbbreviations(resources)
        for abbr in abbreviations.keys { addSpecial(abbr, pieces: [abbr]) }
        for (line, text) in try resources.lines("tokenizer/exceptions.txt") {
            let f = text.split(separator: "\t", omittingEmptySubsequences: false)
            let pieces = f.count == 2 ? f[1].split(separator: " ").map(String.init) : []
            guard f.count == 2, !f[0].isEmpty, pieces.joined() == f[0] else {
                throw ResourceError("tokenizer/exceptions.txt:\(line): expected chunk<TAB>pieces joining to it")
            }
            addSpecial(String(f[0]), pieces: pieces)
        }
        for (line, text) in try resources.lines("tokenizer/affixes.txt") {
            let f = text.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 2, let piece = TokenizerRules.unescape(String(f[1])), !piece.isEmpty else {
                throw ResourceError("tokenizer/affixes.txt:\(line): expected kind<TAB>piece[<TAB>comment]")
            }
            let scalars = piece.unicodeScalars.map { TokenizerRules.fold($0.value) }
            switch f[0] {
            case "prefix": prefixes[scalars[0], default: []].append(Affix(scalars: scalars, isClitic: false))
            case "suffix": suffixes[scalars.last!, default: []].append(Affix(scalars: scalars, isClitic: false))
            case "clitic": suffixes[scalars.last!, default: []].append(Affix(scalars: scalars, isClitic: true))
            case "infix": infixes[scalars[0], default: []].append(Affix(scalars: scalars, isClitic: false))
            case "infix-letters":
                guard scalars.count == 1 else {
                    throw ResourceError("tokenizer/affixes.txt:\(line): infix-letters takes one character")
                }
                letterInfixes.insert(scalars[0])
            default:
                throw ResourceError("tokenizer/affixes.txt:\(line): unknown kind \(f[0])")
            }
        }
        for key in prefixes.keys { prefixes[key]!.sort { $0.scalars.count > $1.scalars.count } }
        for key in suffixes.keys { suffixes[key]!.sort { $0.scalars.count > $1.scalars.count } }
        for key in infixes.keys { infixes[key]!.sort { $0.scalars.count > $1.scalars.count } }
        for v in 0..<UInt32(128) {
            let f = TokenizerRules.fold(v)
            var bits: UInt8 = 0
            if prefixes[f] != nil { bits |= AffixFlag.prefix }
            if suffixes[f] != nil { bits |= AffixFlag.suffix }
            if infixes[f] != nil { bits |= AffixFlag.infix }
            if letterInfixes.contains(v) { bits |= AffixFlag.letterInfix }
            asciiFlags[Int(v)] = bits
            asciiPrefixes[Int(v)] = prefixes[f] ?? []
            asciiSuffixes[Int(v)] = suffixes[f] ?? []
            asciiInfixes[Int(v)] = infixes[f] ?? []
        }
        specialTable = SpecialTable(specials)
    }

    @inline(__always)
    func prefixList(_ v: UInt32) -> [Affix]? { v < 128 ? asciiPrefixes[Int(v)] : prefixes[v] }
    @inline(__always)
    func suffixList(_ v: UInt32) -> [Affix]? { v < 128 ? asciiSuffixes[Int(v)] : suffixes[v] }
    @inline(__always)
    func infixList(_ v: UInt32) -> [Affix]? { v < 128 ? asciiInfixes[Int(v)] : infixes[v] }

    /// Whether scalar v may start a prefix (or end a suffix, start an infix...): `flag` is an AffixFlag bit.
    @inline(__always)
    func may(_ v: UInt32, _ flag: UInt8) -> Bool {
        if v < 128 { return asciiFlags[Int(v)] & flag != 0 }
        switch flag {
        case AffixFlag.prefix: return prefixes[v] != nil
        case AffixFlag.suffix: return suffixes[v] != nil
        case AffixFlag.infix: return infixes[v] != nil
        default: return letterInfixes.contains(v)
        }
    }

    /// tokenizer/abbreviations.txt as abbreviation → where it may end a sentence.
    static func loadAbbreviations(_ resources: ResourceLoader) throws -> [String: AbbreviationEnd] {
        var out: [String: AbbreviationEnd] = [:]
        for (line, text) in try resources.lines("tokenizer/abbreviations.txt") {
            let f = text.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 2, !f[0].isEmpty, let end = AbbreviationEnd(rawValue: String(f[1])) else {
                throw ResourceError("tokenizer/abbreviations.txt:\(line): "
                                    + "expected abbreviation<TAB>never|maybe|capital")
            }
            out[String(f[0])] = end
        }
        return out
    }

    mutating func addSpecial(_ chunk: String, pieces: [String]) {
        let scalars = chunk.unicodeScalars.map(\.value)
        let h = scalars.withUnsafeBufferPointer { TokenizerRules.hash($0, 0, $0.count) }
        var list = specials[h, default: []]
        list.removeAll { $0.scalars == scalars }
        list.append(SpecialCase(scalars: scalars, pieces: pieces.map { $0.unicodeScalars.count }))
        specials[h] = list
        maxSpecialLength = max(maxSpecialLength, scalars.count)
    }

    /// `U+201C` (four hex digits) and similar escapes inside a piece become the character; nil on a malformed escape.
    static func unescape(_ s: String) -> String? {
        guard s.contains("U+") else { return s }
        var out = String.UnicodeScalarView()
        let u = Array(s.unicodeScalars)
        var i = 0
        while i < u.count {
            // Exactly four hex digits, so a letter after the escape ("U+2019d") is not read as a fifth digit.
            if u[i] == "U", i + 5 < u.count, u[i + 1] == "+" {
                guard let v = UInt32(String(String.UnicodeScalarView(u[(i + 2)..<(i + 6)])), radix: 16),
                      let scalar = Unicode.Scalar(v) else { return nil }
                out.append(scalar)
                i += 6
            } else {
                out.append(u[i])
                i += 1
            }
        }
        return String(out)
    }

    /// FNV-1a over scalar values: the key for the special-case table.
    @inline(__always)
    static func hash(_ p: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        var i = s
        while i < e {
            h = (h ^ UInt64(p[i])) &* 0x100000001b3
            i += 1
        }
        return h
    }

    /// ASCII case folding for affix matching (affixes hold punctuation and clitics like n't).
    @inline(__always)
    static func fold(_ v: UInt32) -> UInt32 { v >= 0x41 && v <= 0x5A ? v + 0x20 : v }
}

/// Whether an abbreviation's period can also end the sentence.
public enum AbbreviationEnd: String, Sendable {
    /// Titles and the like: always followed by more of the sentence (Mr., Gov.).
    case never
    /// Ends the sentence when a common sentence starter follows (U.S. He ...).
    case maybe
    /// Ends the sentence when any capitalized word follows (Inc. Former ...).
    case capital
}

enum AffixFlag {
    static let prefix: UInt8 = 1
    static let suffix: UInt8 = 2
    static let infix: UInt8 = 4
    static let letterInfix: UInt8 = 8
}

/// Open addressing over the FNV hashes of the special cases: a probe is a mask and two loads from flat arrays.
/// (Testing a slot's own list for emptiness cost a load from that list's storage at every chunk, and most chunks
/// are no special case.)
struct SpecialTable: Sendable {
    private var hashes: [UInt64]
    /// Index into `lists` of each slot's cases; -1 for an empty slot.
    private var slots: [Int32]
    private var lists: [[SpecialCase]]
    private var mask: Int

    init(_ specials: [UInt64: [SpecialCase]]) {
        var size = 16
        while size < specials.count * 4 { size *= 2 }
        hashes = [UInt64](repeating: 0, count: size)
        slots = [Int32](repeating: -1, count: size)
        lists = []
        mask = size - 1
        for (h, list) in specials where !list.isEmpty {
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            hashes[i] = h
            slots[i] = Int32(lists.count)
            lists.append(list)
        }
    }

    @inline(__always)
    func lookup(_ h: UInt64) -> [SpecialCase]? {
        var i = Int(truncatingIfNeeded: h) & mask
        while case let k = slots[i], k >= 0 {
            if hashes[i] == h { return lists[Int(k)] }
            i = (i + 1) & mask
        }
        return nil
    }
}
