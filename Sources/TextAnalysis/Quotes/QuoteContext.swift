// Per-document facts the quote sieves share, computed in one pass each: lower-cased tokens, token classes,
// sentence and paragraph of every token, the direct quotes found by the mark scanner, and the cue matches
// (CueFinding.swift).

/// One cue occurrence: its tokens and frame.
struct CueMatch: Sendable, Equatable {
    var tokens: Range<Int>
    var frame: CueFrame
    /// "adding", "saying" after a comma: the speaker is that of the clause it hangs on.
    var isParticiple: Bool
    /// The cue also takes an infinitive ("promised to ..."), read before its own frame.
    var infinitive = false
    /// An unlisted verb found by its "that"-clause complement ("X chalks up that ..."), not by cues.tsv.
    var unlisted = false
}

/// A direct quote found from its marks, with the tokens it covers.
struct DirectSpan: Sendable, Equatable {
    var marks: MarkedQuote
    /// Tokens strictly inside the marks.
    var inner: Range<Int>
    /// The token holding the opening mark and the one holding the closing mark.
    var openToken: Int
    var closeToken: Int
    /// True when the quote stands as its own clause (starts a sentence or follows a cue and a colon or comma,
    /// or ends with its own punctuation); false for a few quoted words inside a sentence.
    var standsAlone: Bool
}

/// The speakers that pronouns were read as, by token, in the cue sieve's reading order: a later "he" that finds
/// an earlier speaking "he" before any name goes where that one went (PronounAntecedents). Also the tokens of the
/// clauses reported so far: a name inside one is what was talked about, a later "he" prefers the names outside.
/// A class, so the sieve records into the context it reads from.
final class PronounSpeakerLog {
    var byToken: [Int: SpeakerGuess] = [:]
    /// The entities the cue sieve gave quotes to, with the sentence their speaker phrase starts in: a later "he"
    /// goes to the one who spoke in a sentence before it rather than to the first name there. One flat list in
    /// reading order (a few dozen entries a story): no table per sentence to build and free, until the list is
    /// long enough (a book-length text) that scanning it for each pronoun would cost more than the table.
    private var spoke: [(sentence: Int, entity: Int)] = []
    /// sentence -> the entities logged there, once `spoke` passes `indexFrom` entries
    private var spokeBySentence: [Int: [Int]]?
    static let indexFrom = 64
    private(set) var reported: [Bool] = []

    func markReported(_ r: Range<Int>, tokenCount: Int) {
        if reported.isEmpty { reported = [Bool](repeating: false, count: tokenCount) }
        let lo = max(0, r.lowerBound), hi = min(reported.count, r.upperBound)
        guard lo < hi else { return }
        // One access to the class's array for the whole clause, not one checked write per token.
        reported.withUnsafeMutableBufferPointer { marks in
            for k in lo..<hi { marks[k] = true }
        }
    }

    func isReported(_ k: Int) -> Bool { k >= 0 && k < reported.count && reported[k] }

    func logSpeaker(_ entity: Int, sentence s: Int) {
        if spoke.isEmpty { spoke.reserveCapacity(32) }
        spoke.append((s, entity))
        if spokeBySentence != nil {
            spokeBySentence![s, default: []].append(entity)
        } else if spoke.count > Self.indexFrom {
            spokeBySentence = Dictionary(grouping: spoke, by: \.sentence).mapValues { $0.map(\.entity) }
        }
    }

    /// Whether anyone was logged as speaking in sentence `s`.
    func anySpeaker(inSentence s: Int) -> Bool {
        if let index = spokeBySentence { return index[s] != nil }
        return spoke.contains { $0.sentence == s }
    }

    /// Whether `entity` was logged as speaking in sentence `s`.
    func spoke(_ entity: Int, inSentence s: Int) -> Bool {
        if let index = spokeBySentence { return index[s]?.contains(entity) ?? false }
        return spoke.contains { $0.sentence == s && $0.entity == entity }
    }
}

struct QuoteContext {
    let doc: Document
    let lex: QuoteLexicon
    let lower: [String]
    /// First scalar is a letter or digit.
    let isWord: [Bool]
    let isCap: [Bool]
    /// For each token: its word classes from quotes/words.tsv as a bit set (one lookup per token, not per test).
    let wordClasses: [UInt64]
    /// For each token: its key number in the word mask table (lex.cuesByKey), `noKey` for an ASCII word the
    /// table lacks, `notLookedUp` for a word with other characters.
    let wordKey: [Int32]
    /// For each token of one Unicode scalar: that scalar's value, else 0 (isPunct compares scalars, not strings).
    let single: [UInt32]
    let sentenceOf: [Int]
    /// The document's sentences, except that a "sentence" opening with a comma or semicolon (a splitter cut after
    /// "R-Ky.") is joined to the one before: its tokens map to that sentence, whose range covers both.
    let sentences: [Sentence]
    let paragraphOfSentence: [Int]
    /// Sentences or paragraphs the extractor leaves alone (boilerplate, link lines such as "READ | ...").
    let skipSentence: [Bool]
    var directs: [DirectSpan] = []
    /// For each token: the index of the direct quote whose marks or content hold it, else -1.
    var quoteOf: [Int]
    /// For each token: the cue starting there, if any.
    var cueAt: [CueMatch?]
    let pronounSpeakers = PronounSpeakerLog()
    /// For each token: the entity mention holding it, else -1.
    let mentionOf: [Int]
    /// Tokens of quoted text: inside quote marks, after an opening mark left unclosed in its paragraph, or after
    /// "CUE:" in the cue's sentence. A first-person pronoun there is the quoted person talking, never a speaker.
    var quotedText: [Bool] = []
    /// Entities by the titles that can name them ("the minister", "the agency"), built on the document's first
    /// title lookup so a lookup costs the candidates, not every entity (a 1 MB text has thousands of entities),
    /// and a story with no "the minister said" builds none.
    let titleIndex = EntityTitleIndexCache()
    /// `writtenTitle(of:)` per entity, computed on first use: a title lookup asks it of every candidate holder,
    /// whose mentions in a long text number in the thousands.
    let writtenTitles = WrittenTitleCache()
    /// The words written before each person's mentions, indexed on first use (DescribedPersons.swift).
    let descriptions = DescriptionIndex()
    /// Outlet constructions ("told the BBC", "quoted in the Guardian": OutletPhrases.swift) and, for each token,
    /// the index of the one holding it (trigger or outlet), else -1.
    var outlets: [OutletPhrase] = []
    var outletOf: [Int] = []

    init(doc: Document, lex: QuoteLexicon) {
        self.doc = doc
        self.lex = lex
        let n = doc.tokens.count
        // Every table is sized once and written in place: appending to six arrays per token was a visible share of
        // this pass.
        var isWord = [Bool](repeating: false, count: n)
        var isCap = [Bool](repeating: false, count: n), classes = [UInt64](repeating: 0, count: n)
        var single = [UInt32](repeating: 0, count: n), keys = [Int32](repeating: Self.notLookedUp, count: n)
        // One pass over each token's UTF-8 bytes for its lower-case form, classes and single scalar; the word table
        // is read after it, for all ASCII words of two bytes or more at once (WordMaskTable.prefetch).
        let table = lex.masks
        let tokens = doc.tokens
        var probes = [WordMaskTable.Probe](repeating: WordMaskTable.Probe(hash: 0, head: 0, length: 0, token: 0),
                                           count: n)
        var probeCount = 0
        // The lower-case table is written once per token into uninitialized storage: filled with "" first, every
        // token's string was retained, then released when overwritten (two runtime calls per token).
        let lower = [String](unsafeUninitializedCapacity: n) { lower, initialized in
        probes.withUnsafeMutableBufferPointer { probes in
        isWord.withUnsafeMutableBufferPointer { isWord in
        isCap.withUnsafeMutableBufferPointer { isCap in
        classes.withUnsafeMutableBufferPointer { classes in
        single.withUnsafeMutableBufferPointer { single in
        keys.withUnsafeMutableBufferPointer { keys in
        tokens.withUnsafeBufferPointer { tokens in
        for ti in 0..<n {
            // The token's bytes are read in place: copying its text into a variable for `withUTF8` retained and
            // released it once more per token. (A String's UTF-8 view is always contiguous here; the copy is only
            // the fallback should it not be.)
            func read(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
                guard let f = bytes.first, f < 128 else {
                    guard let f = tokens[ti].text.unicodeScalars.first else {
                        classes[ti] = lex.mask("")
                        return ""
                    }
                    isWord[ti] = f.properties.isAlphabetic || f.properties.numericType != nil
                    isCap[ti] = f.properties.isUppercase
                    let l = tokens[ti].text.lowercased()
                    classes[ti] = lex.mask(l)
                    var it = tokens[ti].text.unicodeScalars.makeIterator()
                    _ = it.next()
                    single[ti] = it.next() == nil ? f.value : 0
                    return l
                }
                // ASCII fast path: most tokens; Unicode properties are costly per token.
                let upper = f >= 65 && f <= 90
                isWord[ti] = upper || (f >= 97 && f <= 122) || (f >= 48 && f <= 57)
                isCap[ti] = upper
                single[ti] = bytes.count == 1 ? UInt32(f) : 0
                // The word's probe is made in the same pass that finds capitals and other characters.
                let (probe, hasUpper, ascii) = WordMaskTable.scan(bytes, token: Int32(ti))
                guard ascii else {
                    // Only ASCII capitals are lowered here (a lower-case ASCII first letter keeps "aÉ" as is).
                    let l = hasUpper ? tokens[ti].text.lowercased() : tokens[ti].text
                    classes[ti] = lex.mask(l)
                    return l
                }
                if bytes.count == 1 {
                    let (mask, key) = table.lookup(ascii: bytes, folding: hasUpper)
                    classes[ti] = mask
                    keys[ti] = key >= 0 ? key : Self.noKey
                    if hasUpper, key >= 0 { return table.keys[Int(key)] }
                } else {
                    probes[probeCount] = probe
                    probeCount += 1
                    // A capitalised word gets its lower-case form once its probe is resolved below: the table's
                    // own key when it holds the word ("The", "He"), so only other words build a new string.
                    if hasUpper { return "" }
                }
                if !hasUpper { return tokens[ti].text }
                return Self.asciiLowered(bytes)
            }
            let lowered = tokens[ti].text.utf8.withContiguousStorageIfAvailable(read)
                ?? { var text = tokens[ti].text; return text.withUTF8(read) }()
            (lower.baseAddress! + ti).initialize(to: lowered)
        }
        let found = UnsafeMutableBufferPointer(rebasing: probes[0..<probeCount])
        table.prefetch(found)
        for p in found {
            let ti = Int(p.token)
            if p.length <= 8 {
                (classes[ti], keys[ti]) = table.resolve(p)
            } else {
                var text = tokens[ti].text
                (classes[ti], keys[ti]) = text.withUTF8 { table.lookup(ascii: $0, folding: true) }
            }
            if keys[ti] < 0 { keys[ti] = Self.noKey }
            // No ASCII word of two bytes or more lowers to "": an empty form is the placeholder left above.
            if lower[ti].isEmpty {
                lower[ti] = keys[ti] >= 0 ? table.keys[Int(keys[ti])]
                    : tokens[ti].text.utf8.withContiguousStorageIfAvailable(Self.asciiLowered)
                        ?? tokens[ti].text.lowercased()
            }
        }
        }}}}}}}
        initialized = n
        }
        // The surname of a person's name is no function word: "Theresa May said", "May said" (Brian May's surname
        // repeated, SurnameRepeats.swift), "said Friday" (Mike Friday) are not the auxiliary, the month or the
        // weekday the speaker finder would step over. Only the last word of a name of two to four words, or a
        // one-word mention of a longer name: a one-word mention on its own may be the tagger's guess at the common
        // word ("said Friday" with no Friday named), a longer run a title-case headline. The last word of a longer
        // name keeps its cue bit: a tagger may take a headline's verb into the name ("Lindsey Graham Says ...").
        for m in doc.mentions where m.type == .person && m.tokens.upperBound <= n && !m.tokens.isEmpty {
            let last = m.tokens.upperBound - 1
            guard isCap[last] else { continue }
            if (2...4).contains(m.tokens.count) {
                classes[last] &= QuoteLexicon.cueStartBit
            } else if m.tokens.count == 1, let e = m.entity, e < doc.entities.count,
                      Self.hasTwoWords(doc.entities[e].name) {
                classes[last] = 0
            }
        }
        self.lower = lower
        self.isWord = isWord
        self.isCap = isCap
        self.wordClasses = classes
        self.wordKey = keys
        self.single = single

        var sentenceOf = [Int](repeating: -1, count: n)
        var sentences = doc.sentences
        var head = -1
        for (si, s) in doc.sentences.enumerated() {
            let first = s.tokens.lowerBound
            // By the token's one scalar (`single`): comparing the strings cost a runtime call per sentence.
            let fragment = head >= 0 && first < n && (single[first] == 0x2C || single[first] == 0x3B)
                && sentences[head].tokens.upperBound == first
            if fragment {
                sentences[head].tokens = sentences[head].tokens.lowerBound..<s.tokens.upperBound
                sentences[head].chars = CharRange(sentences[head].chars.start, s.chars.end)
                sentences[si] = sentences[head]
            } else {
                head = si
            }
            let value = fragment ? head : si
            sentenceOf.withUnsafeMutableBufferPointer { of in
                for t in s.tokens where t >= 0 && t < n { of[t] = value }
            }
        }
        self.sentenceOf = sentenceOf
        self.sentences = sentences
        var paragraphOfSentence = [Int](repeating: 0, count: doc.sentences.count)
        var skip = [Bool](repeating: false, count: doc.sentences.count)
        for (pi, p) in doc.paragraphs.enumerated() {
            for si in p.sentences where si < paragraphOfSentence.count {
                paragraphOfSentence[si] = pi
                if p.isBoilerplate { skip[si] = true }
            }
        }
        // A link line ("READ | Blinken urges ...") is boilerplate even when it shares a paragraph with a quote.
        for (si, s) in doc.sentences.enumerated() where !skip[si] {
            let head = s.tokens.prefix(4)
            // "|" by its one scalar; "READ|" by its byte length before the string comparison.
            if head.contains(where: {
                $0 < n && (single[$0] == 0x7C
                           || (doc.tokens[$0].text.utf8.count == 5 && doc.tokens[$0].text == "READ|"))
            }) {
                skip[si] = true
            }
        }
        self.paragraphOfSentence = paragraphOfSentence
        self.skipSentence = skip
        var mentionOf = [Int](repeating: -1, count: n)
        mentionOf.withUnsafeMutableBufferPointer { of in
            for mi in doc.mentions.indices {
                for t in doc.mentions[mi].tokens where t >= 0 && t < n { of[t] = mi }
            }
        }
        self.mentionOf = mentionOf
        self.quoteOf = [Int](repeating: -1, count: n)
        self.cueAt = [CueMatch?](repeating: nil, count: n)
        self.outletOf = [Int](repeating: -1, count: n)
        findDirectQuotes()
        cueAt = findCues()
        quotedText = findQuotedText()
        pruneUnlistedThatCues()
        outlets = findOutlets()
        for (i, o) in outlets.enumerated() {
            for t in o.trigger where t < n { outletOf[t] = i }
            for t in o.outlet where t < n { outletOf[t] = i }
        }
    }

    /// An ASCII word's bytes with A-Z lowered, as a String.
    static func asciiLowered(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { out in
            for (i, b) in bytes.enumerated() { out[i] = b >= 65 && b <= 90 ? b + 32 : b }
            return bytes.count
        }
    }

    /// `wordKey` of an ASCII word that is no key of the word table, and of a word the table was not asked about.
    static let noKey: Int32 = -2, notLookedUp: Int32 = -1

    /// `name.split(separator: " ").count > 1` without building the pieces: two runs of characters other than a
    /// space. Asked of every one-word person mention's entity; an ASCII name is read by its bytes.
    static func hasTwoWords(_ name: String) -> Bool {
        // Read through the bytes' buffer: stepping a UTF8View's indices cost some 700 instructions a name.
        let ascii: Bool? = name.utf8.withContiguousStorageIfAvailable { bytes in
            guard bytes.allSatisfy({ $0 < 128 }) else { return nil }
            var seen = false, gap = false
            for b in bytes {
                if b == 32 { gap = seen } else if gap { return true } else { seen = true }
            }
            return false
        } ?? nil
        if let ascii { return ascii }
        var seen = false, gap = false
        // A space followed by a combining mark is another character than " " (as split compares characters).
        for c in name {
            if c == " " { gap = seen } else if gap { return true } else { seen = true }
        }
        return false
    }

    func sentence(of t: Int) -> Sentence? {
        let si = t >= 0 && t < sentenceOf.count ? sentenceOf[t] : -1
        return si >= 0 ? sentences[si] : nil
    }

    func paragraph(ofToken t: Int) -> Int {
        let si = t >= 0 && t < sentenceOf.count ? sentenceOf[t] : -1
        return si >= 0 ? paragraphOfSentence[si] : 0
    }

    func skipped(_ t: Int) -> Bool {
        let si = sentenceOf[t]
        return si >= 0 && skipSentence[si]
    }

    /// Token `t` (a valid index) is in word class `c`.
    func has(_ t: Int, _ c: QuoteWordClass) -> Bool { wordClasses[t] & c.bit != 0 }
    /// The possessive clitic, with either apostrophe ("Trump’s", "the campaign's").
    func isPossessiveS(_ t: Int) -> Bool {
        guard t >= 0 && t < lower.count else { return false }
        // By byte length, then bytes: a literal with a non-ASCII character sends String's == into its normalizing
        // comparison (some 150 instructions a call, asked for most words of a clause scan). Neither clitic has
        // another canonically equivalent spelling.
        let w = lower[t]
        switch w.utf8.count {
        case 2: return w == "'s"
        case 4: return w.utf8.elementsEqual("’s".utf8)
        default: return false
        }
    }

    /// Whether token `t` (a valid index) lower-cased is `word`. Byte lengths are compared first: comparing two
    /// different words is a call into the String runtime, and the scans that ask this go over every token.
    @inline(__always) func lowerIs(_ t: Int, _ word: String) -> Bool {
        let w = lower[t]
        return w.utf8.count == word.utf8.count && w == word
    }
    /// Tokens in `r` that are words (not punctuation or quote marks).
    func wordCount(_ r: Range<Int>) -> Int { r.reduce(0) { $0 + (isWord[$1] ? 1 : 0) } }

    func isPunct(_ t: Int, _ chars: String) -> Bool {
        guard t >= 0 && t < single.count else { return false }
        let v = single[t]
        return v != 0 && chars.unicodeScalars.contains { $0.value == v }
    }

    /// The token whose range holds scalar offset `c` (or the first token after it).
    func token(atChar c: Int) -> Int {
        doc.tokens.partitioningIndex { $0.end > c }
    }

    func isOpenMark(_ t: Int) -> Bool {
        t >= 0 && t < quoteOf.count && quoteOf[t] >= 0 && directs[quoteOf[t]].openToken == t
    }

    func isCloseMark(_ t: Int) -> Bool {
        t >= 0 && t < quoteOf.count && quoteOf[t] >= 0 && directs[quoteOf[t]].closeToken == t
    }

    private mutating func findDirectQuotes() {
        let scanner = lex.scanner
        var paras: [CharRange] = doc.paragraphs.filter { !$0.isBoilerplate }.map(\.chars)
        if paras.isEmpty { paras = [CharRange(doc.bodyStart, doc.scalars.count)] }
        let found = scanner.scan(doc.scalars, paragraphs: paras)
        for m in found {
            let ot = token(atChar: m.open), ct = token(atChar: m.close + m.closeLength - 1)
            guard ot < doc.tokens.count, ct < doc.tokens.count, ot < ct else { continue }
            // Tokens strictly inside; a tokenizer that glued a mark to a word leaves that word inside.
            let innerStart = doc.tokens[ot].end <= m.open + m.openLength ? ot + 1 : ot
            let closeStart = token(atChar: m.close)
            let innerEnd = closeStart < ct || doc.tokens[ct].start >= m.close ? closeStart : ct + 1
            guard innerStart < innerEnd else { continue }
            let qi = directs.count
            directs.append(DirectSpan(marks: m, inner: innerStart..<innerEnd, openToken: ot, closeToken: ct,
                                      standsAlone: false))
            for t in ot...ct { quoteOf[t] = qi }
        }
        for qi in directs.indices { directs[qi].standsAlone = standsAlone(directs[qi]) }
    }

    /// A quote stands alone when it holds more than one sentence or opens its clause: at a sentence start, after
    /// a colon, or after a cue and a comma. Anything else ("called it “a disgrace.”") is a few quoted words inside
    /// a sentence: part of a mixed quote when a cue covers it, else a scare quote.
    private func standsAlone(_ q: DirectSpan) -> Bool {
        let last = q.inner.upperBound - 1
        if let a = sentenceOf[safe: q.inner.lowerBound], let b = sentenceOf[safe: last], a != b { return true }
        var b = q.openToken - 1
        let sStart = sentence(of: q.openToken)?.tokens.lowerBound ?? 0
        while b >= sStart, !isWord[b], !isPunct(b, ":,") { b -= 1 }
        if b < sStart || isPunct(b, ":") { return !isQuotedConstituent(q) }
        guard isPunct(b, ",") else { return false }
        b -= 1
        return b >= 0 && b < lower.count && isWord[b] && wordClasses[b] & QuoteLexicon.cueStartBit != 0
    }

    /// The most words a quoted constituent has: names, titles and terms are short; a longer quote opening its
    /// sentence with words run on after it is more likely a quote whose comma the writer left out.
    static let constituentWords = 5

    /// A few quoted words that open their clause and go on into it: no punctuation of their own before the
    /// closing mark and a word right after it ("'Urban' to me is what I hear", "“Angels” isn't a bad song",
    /// "'Lite' versions of existing games", the headline "'Strong dollar' call halts slide"). They are the
    /// clause's subject or a modifier in it, a term, title or name in quote marks, not a quote of their own;
    /// a cue after them ('"Never again" said Smith') has claimed them before this is asked.
    private func isQuotedConstituent(_ q: DirectSpan) -> Bool {
        let words = wordCount(q.inner)
        guard words > 0, words <= Self.constituentWords, let last = q.inner.last, isWord[last] || !isPunct(last, ".!?,;:…-—–"),
              let si = sentenceOf[safe: q.closeToken] else { return false }
        let next = q.closeToken + 1
        return next < isWord.count && sentenceOf[next] == si && isWord[next]
    }

    /// At least four words, nearly all capitalised: a headline.
    func isTitleCase(_ si: Int) -> Bool {
        guard si >= 0 else { return false }
        var words = 0, capitalised = 0
        for t in sentences[si].tokens where isWord[t] && lower[t].hasMoreCharacters(than: 3) {
            words += 1
            if isCap[t] { capitalised += 1 }
        }
        return words >= 4 && capitalised * 10 >= words * 9
    }

    /// Not mutating: from a mutating method each call of `isStrayOpener` copied the whole context (a memcpy per
    /// token, half of this pass).
    private func findQuotedText() -> [Bool] {
        let n = lower.count
        var quoted = [Bool](repeating: false, count: n)
        for q in directs { for t in q.inner where t < n { quoted[t] = true } }
        var t = 0
        while t < n {
            defer { t += 1 }
            // isStrayOpener's own first tests, read here: most tokens are words and need no call.
            if quoteOf[t] < 0, t + 1 < n, !isWord[t], single[t] != 0, isStrayOpener(t) {
                // An opening mark never closed in its paragraph: the rest of the paragraph is quoted text.
                let para = paragraph(ofToken: t)
                var k = t + 1
                while k < n, paragraph(ofToken: k) == para { quoted[k] = true; k += 1 }
                t = k - 1
            } else if let cue = cueAt[t], isPunct(cue.tokens.upperBound, ":") {
                let si = sentenceOf[t]
                var k = cue.tokens.upperBound + 1
                while k < n, sentenceOf[k] == si { quoted[k] = true; k += 1 }
            }
        }
        return quoted
    }

    /// A double quotation mark that no pair claimed, with a word glued to its right and space (or nothing) before.
    func isStrayOpener(_ t: Int) -> Bool {
        // Words are ruled out first, then a token with space after it (commas and full stops): the mark table is
        // searched only for one-scalar punctuation glued to a word on its right.
        guard t >= 0, t < single.count, !isWord[t], single[t] != 0, t + 1 < doc.tokens.count, isWord[t + 1],
              doc.tokens[t].end == doc.tokens[t + 1].start, let scalar = Unicode.Scalar(single[t]),
              let m = lex.marks[scalar], m.level == .double, m.role != .close else {
            return false
        }
        return t == 0 || doc.tokens[t - 1].end < doc.tokens[t].start
    }

    /// A phrase that opens with a first-person word inside quoted text ("I said the war was over, he said").
    func isQuotedFirstPerson(_ np: Range<Int>) -> Bool {
        guard let f = np.first, f < quotedText.count else { return false }
        return quotedText[f] && has(f, .firstperson)
    }
}

extension Array {
    fileprivate subscript(safe i: Int) -> Element? { i >= 0 && i < count ? self[i] : nil }
}
