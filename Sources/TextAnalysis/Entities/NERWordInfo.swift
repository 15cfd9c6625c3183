// What the entity tagger's feature templates need to know about one token, computed once per token so the
// templates (which look at each token from five window positions) only combine integers.
struct NERWordInfo {
    struct Flags: OptionSet {
        let rawValue: UInt8
        static let initialCap = Flags(rawValue: 1)
        static let allCaps = Flags(rawValue: 2)
        static let hasDigit = Flags(rawValue: 4)
        static let hasLetter = Flags(rawValue: 8)
        static let hasOther = Flags(rawValue: 16)
        static let hasLower = Flags(rawValue: 32)
    }

    var exact: UInt64 = 0
    var lower: UInt64 = 0
    /// character classes (X x d, other characters kept), one per character
    var shape: UInt64 = 0
    /// the same with runs of one class collapsed (Xx, d.d)
    var shortShape: UInt64 = 0
    /// lower-case prefixes and suffixes of 1...4 bytes
    var prefixes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var suffixes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var cluster: Int32 = -1
    /// the word's class in the second, larger cluster set (clusters-web.tsv), or -1
    var webCluster: Int32 = -1
    /// the word's class in the GloVe set (clusters-glove.tsv, lower-case words), or -1
    var gloveCluster: Int32 = -1
    /// the entity type the word's GloVe neighbours carry (NERTypePrior code, from clusters-glove.tsv), or 0
    var typePrior: UInt8 = 0
    var flags: Flags = []
    var length: Int = 0

    /// Capitalized in the way names are: initial capital, or all capitals with a letter.
    var isCapitalized: Bool { flags.contains(.initialCap) }

    init() {}

    init(_ word: String, clusters: WordClusters, web: WordClusters = .empty, glove: WordClusters = .empty) {
        let lowerString = Self.lowercase(word)
        exact = NERHash.string(word)
        lower = exact
        if lowerString != word { lower = NERHash.string(lowerString) }
        computeShape(word)
        cluster = lookUp(word, lowerString, in: clusters)
        if web.wordCount > 0 {
            // web text has its own all-capitals words; a headline's "JAPAN" reads better as "Japan"
            if flags.contains(.allCaps), length > 1, let c = titleCluster(word, lowerString, in: web) {
                webCluster = c
            } else {
                webCluster = lookUp(word, lowerString, in: web)
            }
        }
        if glove.wordCount > 0, let (c, prior) = glove.clusterAndPrior(lower) {
            gloveCluster = c
            typePrior = prior
        }
        computeAffixes(lowerString)
    }

    private func titleCluster(_ word: String, _ lowerString: String, in clusters: WordClusters) -> Int32? {
        let h = NERHash.string(Self.titlecase(lowerString))
        return clusters.cluster(exact: h, lower: h)
    }

    /// The word's cluster: its exact form, then lower case; an all-capital word ("JAPAN", in headlines) borrows
    /// the class of its title-case form ("Japan").
    private func lookUp(_ word: String, _ lowerString: String, in clusters: WordClusters) -> Int32 {
        if let c = clusters.cluster(exact: exact, lower: lower) { return c }
        if flags.contains(.allCaps), length > 1 {
            let title = Self.titlecase(lowerString)
            if title != word {
                let h = NERHash.string(title)
                if let c = clusters.cluster(exact: h, lower: h) { return c }
            }
        }
        return -1
    }

    private mutating func computeShape(_ word: String) {
        var full = NERHash.fnvOffset, short = NERHash.fnvOffset &+ 1
        var last: UInt32 = 0xFFFF_FFFF
        var first = true
        var n = 0
        var f: Flags = []
        var sawUpper = false
        for s in word.unicodeScalars {
            n += 1
            let c: UInt32
            let v = s.value
            if v < 128 {
                if v >= 65 && v <= 90 {
                    c = 88; sawUpper = true; f.insert(.hasLetter); if first { f.insert(.initialCap) }
                }
                else if v >= 97 && v <= 122 { c = 120; f.insert(.hasLetter); f.insert(.hasLower) }
                else if v >= 48 && v <= 57 { c = 100; f.insert(.hasDigit) }
                else { c = v; f.insert(.hasOther) }
            } else if s.properties.isUppercase {
                c = 88; sawUpper = true; f.insert(.hasLetter); if first { f.insert(.initialCap) }
            } else if s.properties.isLowercase {
                c = 120; f.insert(.hasLetter); f.insert(.hasLower)
            } else if s.properties.numericType != nil {
                c = 100; f.insert(.hasDigit)
            } else if s.properties.isAlphabetic {
                c = 120; f.insert(.hasLetter); f.insert(.hasLower)
            } else {
                c = 42; f.insert(.hasOther)
            }
            first = false
            if n <= 16 { full = (full ^ UInt64(c)) &* NERHash.fnvPrime }
            if c != last { short = (short ^ UInt64(c)) &* NERHash.fnvPrime; last = c }
        }
        if sawUpper && !f.contains(.hasLower) { f.insert(.allCaps) }
        shape = full
        shortShape = short
        flags = f
        length = n
    }

    private mutating func computeAffixes(_ lowerString: String) {
        var p = (UInt64(0), UInt64(0), UInt64(0), UInt64(0)), s = p
        let b = lowerString.utf8
        let n = b.count
        var h = NERHash.fnvOffset &+ 7
        var k = 0
        for byte in b.prefix(4) {
            h = (h ^ UInt64(byte)) &* NERHash.fnvPrime
            switch k { case 0: p.0 = h; case 1: p.1 = h; case 2: p.2 = h; default: p.3 = h }
            k += 1
        }
        h = NERHash.fnvOffset &+ 11
        k = 0
        var i = b.endIndex
        while k < min(4, n) {
            i = b.index(before: i)
            h = (h ^ UInt64(b[i])) &* NERHash.fnvPrime
            switch k { case 0: s.0 = h; case 1: s.1 = h; case 2: s.2 = h; default: s.3 = h }
            k += 1
        }
        prefixes = p
        suffixes = s
    }

    /// Lower case with an ASCII fast path (tokens are mostly ASCII).
    static func lowercase(_ s: String) -> String {
        var hasUpper = false
        for b in s.utf8 {
            if b >= 128 { return s.lowercased() }
            if b >= 65 && b <= 90 { hasUpper = true }
        }
        guard hasUpper else { return s }
        return String(decoding: s.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }

    static func titlecase(_ lower: String) -> String {
        guard let f = lower.first else { return lower }
        return f.uppercased() + lower.dropFirst()
    }
}
