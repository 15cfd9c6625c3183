// The tokenizer component (spaCy's model): split on whitespace, then for each chunk repeatedly try a special case
// for the whole chunk, strip a prefix, strip a suffix; what remains is checked for URLs and e-mail addresses and
// split at infixes. Language data comes from TokenizerRules (Resources/tokenizer/).
//
// Speed: the loop runs over the document's scalars as UInt32 with integer indices and builds each token's String
// once. Every step consumes at least one scalar or ends the chunk, so time is linear in the input.
// Whitespace, control characters (NUL), bidi marks and other invisible format characters separate tokens and
// never appear inside one; combining marks, ZWJ and variation selectors always stay with the scalar before them.

public struct Tokenizer: AnalysisComponent {
    public let name = "tokenizer"
    public let requires: Set<Annotation> = []
    public let provides: Set<Annotation> = [.tokens]
    public let rules: TokenizerRules

    public init(resources: ResourceLoader) throws {
        self.rules = try TokenizerRules(resources: resources)
    }

    public init(rules: TokenizerRules) { self.rules = rules }

    public func process(_ document: inout Document) {
        document.tokens = tokenize(document.scalars, from: document.bodyStart)
    }

    /// Tokens of `text` (offsets from its start).
    public func tokenize(_ text: String) -> [Token] {
        tokenize(Array(text.unicodeScalars), from: 0)
    }

    /// Each token of `text` with the rule that made it (spaCy's Tokenizer.explain), for debugging data files.
    public func explain(_ text: String) -> [(token: String, rule: TokenRule)] {
        let scalars = Array(text.unicodeScalars)
        return scalars.withUnsafeBufferPointer { sp in
            sp.withMemoryRebound(to: UInt32.self) { p in
                var run = TokenizerRun(rules: rules, p: p, explaining: true)
                run.run(from: 0)
                return Array(zip(run.tokens.map(\.text), run.explanation))
            }
        }
    }

    /// Tokens of `scalars[from...]`, offsets into `scalars`.
    public func tokenize(_ scalars: [Unicode.Scalar], from: Int = 0) -> [Token] {
        // Unicode.Scalar is a single UInt32 (same size and stride), so the buffer can be read as raw values.
        scalars.withUnsafeBufferPointer { sp in
            sp.withMemoryRebound(to: UInt32.self) { p in
                var run = TokenizerRun(rules: rules, p: p)
                run.tokens.reserveCapacity(p.count / 5 + 1)
                run.run(from: max(0, min(from, p.count)))
                return run.tokens
            }
        }
    }
}

/// Why a token was cut where it was.
public enum TokenRule: String, Sendable {
    /// What remained of a chunk after affixes and infixes.
    case word
    /// An entry of exceptions.txt or abbreviations.txt.
    case special
    /// A letter-period run or initial (U.S., J.).
    case initials
    case prefix, suffix, clitic, infix
    /// A period split by the context rule.
    case period
    case url, emoji, ideograph
}

/// One tokenization pass: the input, the output and a suffix stack shared by nested chunk calls.
struct TokenizerRun {
    let rules: TokenizerRules
    let p: UnsafeBufferPointer<UInt32>
    var tokens: [Token] = []
    var suffixStack: [(Int, Int, TokenRule)] = []
    /// When explaining, the rule behind each token, parallel to `tokens`.
    let explaining: Bool
    var explanation: [TokenRule] = []

    init(rules: TokenizerRules, p: UnsafeBufferPointer<UInt32>, explaining: Bool = false) {
        self.rules = rules
        self.p = p
        self.explaining = explaining
    }

    mutating func run(from start: Int) {
        let n = p.count
        var i = start
        while i < n {
            while i < n, CharClass.isSeparator(p[i]) { i += 1 }
            if i >= n { break }
            var j = i + 1
            while j < n, !CharClass.isSeparator(p[j]) { j += 1 }
            chunk(i, j, infixes: true)
            i = j
        }
    }

    // MARK: Chunks

    /// Tokenizes p[s..<e], a chunk without separators.
    mutating func chunk(_ s0: Int, _ e0: Int, infixes: Bool) {
        var s = s0, e = e0
        let base = suffixStack.count
        var coreDone = false
        while s < e {
            if special(s, e) { coreDone = true; break }
            if let k = prefixLength(s, e) {
                emit(s, s + k, .prefix)
                s += k
                continue
            }
            if let (k, rule) = suffixLength(s, e) {
                suffixStack.append((e - k, e, rule))
                e -= k
                continue
            }
            break
        }
        if !coreDone, s < e {
            if isURLOrEmail(s, e) {
                emit(s, e, .url)
            } else if !infixes {
                emit(s, e, .word)
            } else {
                splitInfixes(s, e)
            }
        }
        while suffixStack.count > base {
            let (a, b, rule) = suffixStack.removeLast()
            emit(a, b, rule)
        }
    }

    /// Emits the special-case pieces when p[s..<e] is an exception or abbreviation.
    mutating func special(_ s: Int, _ e: Int) -> Bool {
        let len = e - s
        guard len <= rules.maxSpecialLength else { return false }
        if let list = rules.specialTable.lookup(TokenizerRules.hash(p, s, e)) {
            for sc in list where sc.scalars.count == len {
                var same = true
                for k in 0..<len where sc.scalars[k] != p[s + k] { same = false; break }
                if same {
                    var a = s
                    for piece in sc.pieces {
                        emit(a, a + piece, .special)
                        a += piece
                    }
                    return true
                }
            }
        }
        // Letter-period runs (U.S., N.Y., e.g.) and lone initials (J.) stay whole.
        if len >= 2, p[e - 1] == 0x2E, isLetterPeriodRun(s, e) {
            emit(s, e, .initials)
            return true
        }
        return false
    }

    /// True for `X.` and `X.Y.` ... where each X is one letter.
    func isLetterPeriodRun(_ s: Int, _ e: Int) -> Bool {
        guard (e - s) % 2 == 0 else { return false }
        var i = s
        while i < e {
            guard CharClass.isLetter(p[i]), p[i + 1] == 0x2E else { return false }
            i += 2
        }
        return true
    }

    /// Length of the prefix to split off p[s..<e] (plus any marks attached to it), if one matches and text remains.
    func prefixLength(_ s: Int, _ e: Int) -> Int? {
        guard e - s >= 2, rules.may(p[s], AffixFlag.prefix), let list = rules.prefixList(p[s])
        else { return nil }
        for a in list where a.scalars.count < e - s && matches(a.scalars, at: s) {
            var k = s + a.scalars.count
            while k < e, CharClass.isAttaching(p[k]) { k += 1 }
            return k < e ? k - s : nil
        }
        return nil
    }

    /// Length of the suffix to split off the end of p[s..<e], if one matches and text remains.
    func suffixLength(_ s: Int, _ e: Int) -> (Int, TokenRule)? {
        guard e - s >= 2 else { return nil }
        let last = p[e - 1]
        if rules.may(last, AffixFlag.suffix), let list = rules.suffixList(last) {
            for a in list where a.scalars.count < e - s && matches(a.scalars, at: e - a.scalars.count) {
                let before = p[e - a.scalars.count - 1]
                if a.isClitic, !(CharClass.isLetter(before) || CharClass.isDigit(before)) { continue }
                return (a.scalars.count, a.isClitic ? .clitic : .suffix)
            }
        }
        if last == 0x2E { return periodSplits(s, e) ? (1, .period) : nil }
        return nil
    }

    /// Whether a final period is its own token (spaCy's rule): after a lowercase letter, a digit, closing
    /// punctuation or a second capital. A single capital ("J.") is an initial; abbreviations were matched before.
    func periodSplits(_ s: Int, _ e: Int) -> Bool {
        let prev = p[e - 2]
        if CharClass.isUpper(prev) {
            return e - 3 >= s && CharClass.isUpper(p[e - 3])
        }
        return true
    }

    @inline(__always)
    func matches(_ a: [UInt32], at i: Int) -> Bool {
        for k in 0..<a.count where TokenizerRules.fold(p[i + k]) != a[k] { return false }
        return true
    }

    // MARK: Cores

    /// URLs and e-mail addresses are kept whole (their closing punctuation was already stripped as suffixes).
    func isURLOrEmail(_ s: Int, _ e: Int) -> Bool {
        let len = e - s
        if len >= 7 {
            // scheme://
            var i = s
            while i < e, i - s < 10, CharClass.isASCIILetter(p[i]) { i += 1 }
            if i > s, i + 2 < e, p[i] == 0x3A, p[i + 1] == 0x2F, p[i + 2] == 0x2F { return true }
            if TokenizerRules.fold(p[s]) == 0x77, TokenizerRules.fold(p[s + 1]) == 0x77,
               TokenizerRules.fold(p[s + 2]) == 0x77, p[s + 3] == 0x2E { return true }
        }
        // local@domain.tld
        var at = -1
        for i in s..<e where p[i] == 0x40 {
            if at >= 0 { return false }
            at = i
        }
        guard at > s, at + 3 < e else { return false }
        var dot = false
        for i in (at + 1)..<(e - 1) where p[i] == 0x2E && CharClass.isLetter(p[i + 1]) { dot = true }
        return dot
    }

    /// Splits p[s..<e] at infixes, emoji and CJK ideographs; each piece between them is tokenized again without
    /// infixes (so `said,“Hello` loses its comma after the quote is split out).
    mutating func splitInfixes(_ s: Int, _ e: Int) {
        var seg = s
        var k = s
        while k < e {
            let v = p[k]
            var cut = 0
            var rule = TokenRule.infix
            if v < 128, rules.asciiFlags[Int(v)] == 0, v != 0x2E {
                k += 1
                continue
            }
            if v >= 0x2000, CharClass.isEmojiStart(p, k, e) {
                cut = CharClass.emojiClusterEnd(p, k, e) - k
                rule = .emoji
            } else if v >= 0x3040, CharClass.isIdeographic(v) {
                cut = 1
                rule = .ideograph
            } else if rules.may(v, AffixFlag.infix), let list = rules.infixList(v) {
                for a in list where a.scalars.count <= e - k && matches(a.scalars, at: k) {
                    cut = a.scalars.count
                    break
                }
            }
            if cut == 0, k > s, k + 1 < e {
                if rules.may(v, AffixFlag.letterInfix), CharClass.isLetter(p[k - 1]), CharClass.isLetter(p[k + 1]) {
                    cut = 1
                } else if v == 0x2E, CharClass.isLower(p[k - 1]), CharClass.isUpper(p[k + 1]) {
                    // end.Start: a missing space after a sentence
                    cut = 1
                    rule = .period
                }
            }
            if cut == 0 {
                k += 1
                continue
            }
            var end = k + cut
            while end < e, CharClass.isAttaching(p[end]) { end += 1 }
            if seg < k { chunk(seg, k, infixes: false) }
            emit(k, end, rule)
            k = end
            seg = end
        }
        if seg == s {
            emit(s, e, .word)
        } else if seg < e {
            chunk(seg, e, infixes: false)
        }
    }

    // MARK: Output

    @inline(__always)
    mutating func emit(_ s: Int, _ e: Int, _ rule: TokenRule) {
        guard s < e else { return }
        let space = e < p.count && CharClass.isSeparator(p[e])
        tokens.append(Token(start: s, end: e, text: TokenizerRun.text(p, s, e), spaceAfter: space))
        if explaining { explanation.append(rule) }
    }

    /// The String of p[s..<e], encoded straight into the string's UTF-8 storage.
    static func text(_ p: UnsafeBufferPointer<UInt32>, _ s: Int, _ e: Int) -> String {
        var len = 0
        for i in s..<e {
            let v = p[i]
            len += v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
        }
        return String(unsafeUninitializedCapacity: len) { b in
            var o = 0
            for i in s..<e {
                let v = p[i]
                if v < 0x80 {
                    b[o] = UInt8(v); o += 1
                } else if v < 0x800 {
                    b[o] = UInt8(0xC0 | (v >> 6)); b[o + 1] = UInt8(0x80 | (v & 0x3F)); o += 2
                } else if v < 0x10000 {
                    b[o] = UInt8(0xE0 | (v >> 12)); b[o + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                    b[o + 2] = UInt8(0x80 | (v & 0x3F)); o += 3
                } else {
                    b[o] = UInt8(0xF0 | (v >> 18)); b[o + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                    b[o + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); b[o + 3] = UInt8(0x80 | (v & 0x3F)); o += 4
                }
            }
            return o
        }
    }
}
