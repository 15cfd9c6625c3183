// Roles and titles for person entities, from the words around their mentions (entities/roles.tsv):
// a title right before the name ("First Vice Foreign Minister Choe Son-hui": a head phrase, extended leftwards by
// modifier words) or inside the mention when the tagger included it ("President Biden"), and an appositive right
// after it (", a doctor," / ", the company's chief executive,"). An entity keeps the longest role found. A capitalized
// title right before an entity the tagger did not call a person ("President Biden" as LOC) makes it a person.

/// The role phrases of entities/roles.tsv, as lowercased token sequences, and the honorifics of
/// entities/honorifics.tsv.
struct RoleLexicon: Sendable {
    /// Head phrases keyed by their last token (lowercased), longest first.
    var headsByLast: [String: [[String]]] = [:]
    var heads: Set<String> = []
    /// Heads that name a job or standing ("boss", "star", "champion"): a role, but before a name the tagger did
    /// not call a person they do not make it one ("Champion Hurdle", "Star Alliance").
    var jobs: Set<String> = []
    /// Modifier words, lowercased (to recognise title words), and as written: a modifier extends a title only in
    /// a case the file lists ("Under Secretary", never "under Professor").
    var modifiers: Set<String> = []
    var modifierForms: Set<String> = []
    /// Heads and jobs as written ("President", "striker"): a title opening a sentence is written capitalised
    /// whatever its case, so "Striker Didier Drogba" has the role "striker".
    var headForms: Set<String> = []
    var honorifics: Set<String> = []
    /// The gendered honorifics, lowercased.
    var honorificGenders: [String: PersonGender] = [:]
    /// Words that open a coordinated or adverbial phrase between commas, never an appositive ("Prince Harry, and
    /// Prince William with him,").
    var notAppositive: Set<String> = []
    /// Titles written before a given name ("Prince Charles"), lowercased.
    var givenNameTitles: Set<String> = []
    /// Prepositions that make a name inside an appositive part of the role ("lawyer for Mr Begg").
    var rolePrepositions: Set<String> = []
    /// Words that may open an appositive before its role and are no part of it ("Jack Straw, now foreign
    /// secretary,"), lowercased.
    var appositiveAdverbs: Set<String> = []
    /// Words that anywhere in an appositive make it a clause, not a role ("the singer's agent has confirmed").
    var clauseWords: Set<String> = []
    /// Speech verbs that end an appositive: the role is the words before them ("Lloyd's chief executive said").
    var speechVerbs: Set<String> = []

    init(resources: ResourceLoader) throws {
        for (line, text) in try resources.lines("entities/roles.tsv") {
            let f = text.split(separator: "\t", omittingEmptySubsequences: false)
            let written = f.first.map { $0.split(separator: " ").map(String.init) } ?? []
            let words = written.map { $0.lowercased() }
            guard f.count == 2, !words.isEmpty else {
                throw ResourceError("entities/roles.tsv:\(line): expected phrase<TAB>"
                    + "head|job|modifier|honorific|notappositive|givenname|preposition|appositiveadverb|clauseword|speechverb")
            }
            // Every kind but head is a single word.
            func word(_ what: String) throws -> String {
                guard words.count == 1 else { throw ResourceError("entities/roles.tsv:\(line): \(what) is one word") }
                return words[0]
            }
            switch f[1] {
            case "job":
                headsByLast[words.last!, default: []].append(words)
                heads.insert(words.joined(separator: " "))
                headForms.insert(written.joined(separator: " "))
                jobs.insert(words.joined(separator: " "))
            case "head":
                headsByLast[words.last!, default: []].append(words)
                heads.insert(words.joined(separator: " "))
                headForms.insert(written.joined(separator: " "))
            case "modifier":
                modifiers.insert(try word("a modifier"))
                modifierForms.insert(written[0])
            case "honorific": honorifics.insert(try word("an honorific"))
            case "notappositive": notAppositive.insert(try word("a notappositive word"))
            case "givenname": givenNameTitles.insert(try word("a givenname title"))
            case "preposition": rolePrepositions.insert(try word("a preposition"))
            case "appositiveadverb": appositiveAdverbs.insert(try word("an appositiveadverb"))
            case "clauseword": clauseWords.insert(try word("a clauseword"))
            case "speechverb": speechVerbs.insert(try word("a speechverb"))
            default:
                throw ResourceError("entities/roles.tsv:\(line): unknown kind \(f[1])")
            }
        }
        for k in headsByLast.keys { headsByLast[k]!.sort { $0.count > $1.count } }
        for (line, text) in try resources.lines("entities/honorifics.tsv") {
            let f = text.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 2, !f[0].isEmpty, !f[0].contains(" ") else {
                throw ResourceError("entities/honorifics.tsv:\(line): expected honorific<TAB>female|male|any")
            }
            let word = f[0].lowercased()
            honorifics.insert(word)
            switch f[1] {
            case "female": honorificGenders[word] = .female
            case "male": honorificGenders[word] = .male
            case "any": break
            default: throw ResourceError("entities/honorifics.tsv:\(line): unknown gender \(f[1])")
            }
        }
    }

    /// The gender the leading honorifics of tokens[lo..<lo + count] give: the first gendered one's.
    func honorificGender(_ tokens: [Token], _ lo: Int, count: Int) -> PersonGender? {
        for k in lo..<(lo + count) {
            if let g = honorificGenders[tokens[k].text.lowercased()] { return g }
        }
        return nil
    }

    /// The token range of a title ending at token `end - 1` (head phrase plus modifiers before it), if any.
    func titleEnding(at end: Int, _ tokens: [Token], lowerLimit: Int) -> Range<Int>? {
        guard end - 1 >= lowerLimit, let list = headsByLast[tokens[end - 1].text.lowercased()] else { return nil }
        for phrase in list where end - phrase.count >= lowerLimit {
            let start = end - phrase.count
            let same = (0..<phrase.count).allSatisfy { tokens[start + $0].text.lowercased() == phrase[$0] }
            guard same else { continue }
            var s = start
            // A sentence's capitalised first word may be a preposition ("Under President Chavez, ..."): no
            // modifier there.
            while s - 1 >= lowerLimit, modifierForms.contains(tokens[s - 1].text),
                  s - 1 > lowerLimit || !rolePrepositions.contains(tokens[s - 1].text.lowercased()) {
                s -= 1
            }
            // "Ex-Home Secretary", "ex-England captain": a former holder's prefix joined to the title's first word.
            if s - 1 >= lowerLimit, isExPrefixed(tokens[s - 1].text) { s -= 1 }
            return s..<end
        }
        return nil
    }

    /// A sentence's first word that the list writes only in lower case ("Striker", "Actor", "Coach"; not
    /// "President", "Former" or "Chairman", which it also lists capitalised).
    func capitalisedBySentence(_ word: String) -> Bool {
        guard let first = word.first, first.isUppercase, !headForms.contains(word), !modifierForms.contains(word) else {
            return false
        }
        let lower = word.lowercased()
        return (heads.contains(lower) && headForms.contains(lower)) || modifierForms.contains(lower)
    }

    /// "Ex-Home", "ex-England": "ex-" joined to a modifier or a capitalised word.
    private func isExPrefixed(_ word: String) -> Bool {
        guard word.hasPrefix("Ex-") || word.hasPrefix("ex-") else { return false }
        let rest = word.dropFirst(3)
        return modifierForms.contains(String(rest)) || (rest.first?.isUppercase ?? false)
    }

    /// Whether the title at `t` makes the name after it a person's: unless it ends with a job (see `jobs`).
    func makesAPerson(_ t: Range<Int>, _ tokens: [Token]) -> Bool {
        !jobs.contains(tokens[t.upperBound - 1].text.lowercased())
    }

    /// How many leading tokens of tokens[lo..<hi] are honorifics ("Mr Blair" → 1).
    func leadingHonorificLength(_ tokens: [Token], _ lo: Int, _ hi: Int) -> Int {
        var k = lo
        while k < hi, honorifics.contains(tokens[k].text.lowercased()) { k += 1 }
        return k - lo
    }

    /// How many leading tokens of tokens[lo..<hi] form a title ("Secretary of State Antony Blinken" → 3).
    func leadingRoleLength(_ tokens: [Token], _ lo: Int, _ hi: Int) -> Int {
        var best = 0
        // Try every end point; the longest title that starts exactly at lo wins.
        for end in (lo + 1)..<hi {
            if let r = titleEnding(at: end, tokens, lowerLimit: lo), r.lowerBound == lo { best = end - lo }
        }
        return best
    }

    /// Whether an appositive's words hold a head role.
    func containsHead(_ words: [String]) -> Bool {
        for i in words.indices {
            for phrase in headsByLast[words[i]] ?? [] where i + 1 >= phrase.count
                && Array(words[(i + 1 - phrase.count)...i]) == phrase {
                return true
            }
        }
        return false
    }
}

extension EntityLinker {
    static let determiners: Set<String> = ["a", "an", "the"]
    static let relativeWords: Set<String> = ["who", "which", "that", "whose", "whom", "where", "when"]
    /// An appositive longer than this is a clause, not a role.
    static let maxAppositiveTokens = 7
    /// An appositive that opens with its role and a preposition may be this long.
    static let maxRoleFirstAppositiveTokens = 14

    /// Fills Entity.role for persons from titles before and appositives after their mentions.
    func assignRoles(_ doc: inout Document, _ forms: [NameForm?]) {
        let tokens = doc.tokens
        // By start, so an appositive looks only at the people inside it (a 10 MB text has 100k of them).
        let people = doc.mentions.filter { $0.type == .person }.map(\.tokens).sorted { $0.lowerBound < $1.lowerBound }
        for e in doc.entities.indices {
            let isPerson = doc.entities[e].type == .person
            var best: (CharRange, Int, Bool)?
            for m in doc.entities[e].mentions {
                guard let form = forms[m] else { continue }
                // The tagger's ranges are trusted only after clamping to the token array.
                let raw = doc.mentions[m].tokens
                let lo = max(0, min(raw.lowerBound, tokens.count)), hi = max(lo, min(raw.upperBound, tokens.count))
                let mentionTokens = lo..<hi
                let sentenceStart = doc.sentenceIndex(ofToken: form.tokens.lowerBound)
                    .map { doc.sentences[$0].tokens.lowerBound } ?? 0
                var found: [Range<Int>] = []
                // Title inside the mention, then a title right before it. An honorific may stand between the
                // title and the name, inside the mention or left out of it: "the Lord Chancellor Lord Falconer",
                // "former union leader Sir Bill Morris".
                if form.tokens.lowerBound > mentionTokens.lowerBound {
                    let end = honorificsBefore(form.tokens.lowerBound, tokens, lowerLimit: mentionTokens.lowerBound)
                    if let t = roles.titleEnding(at: end, tokens, lowerLimit: mentionTokens.lowerBound) {
                        found.append(t)
                    }
                }
                let before = honorificsBefore(mentionTokens.lowerBound, tokens, lowerLimit: sentenceStart)
                if let t = roles.titleEnding(at: before, tokens, lowerLimit: sentenceStart),
                   isPerson || (startsUppercase(tokens[t.lowerBound].text) && roles.makesAPerson(t, tokens)) {
                    found.append(t)
                }
                if isPerson, let t = titleBeforeComma(mentionTokens, tokens, lowerLimit: sentenceStart) {
                    found.append(t)
                }
                if isPerson, let a = appositive(after: mentionTokens.upperBound, tokens),
                   !listsAPerson(a, tokens, people) {
                    found.append(a)
                }
                for r in found where !r.isEmpty {
                    let chars = CharRange(tokens[r.lowerBound].start, tokens[r.upperBound - 1].end)
                    if best == nil || r.count > best!.1 {
                        let opening = r.lowerBound == sentenceStart
                        best = (chars, r.count, opening && roles.capitalisedBySentence(tokens[r.lowerBound].text))
                    }
                }
            }
            guard let (chars, _, lowerFirst) = best else { continue }
            let role = doc.text(chars)
            doc.entities[e].role = lowerFirst ? role.prefix(1).lowercased() + role.dropFirst() : role
            // A capitalized title right before a name ("President Biden") outweighs the tagger's LOC or MISC.
            if !isPerson { doc.entities[e].type = .person }
        }
    }

    /// Whether the words between commas name the next person of a list ("DiCaprio, director Martin Scorsese,";
    /// "Imelda Staunton, Kate Winslet and director Mike Leigh") rather than a role that mentions one ("lawyer for
    /// Mr Begg", "Margaret Thatcher's former press secretary", "son of Juve manager Luciano Moggi"): a full name
    /// (two words, or an honorific and a name) with no preposition before it and no possessive after it. A one-word
    /// "person" is left alone: the tagger calls many firms so ("spokesman for Ask Jeeves", "Google vice-president").
    /// `people`: the person mentions' tokens, sorted by start.
    func listsAPerson(_ a: Range<Int>, _ tokens: [Token], _ people: [Range<Int>]) -> Bool {
        let lo = people.partitioningIndex { $0.lowerBound >= a.lowerBound }
        return people[lo...].prefix(while: { $0.lowerBound < a.upperBound }).contains { p in
            guard p.upperBound <= a.upperBound, !p.isEmpty,
                  p.count >= 2 || roles.honorifics.contains(tokens[p.lowerBound].text.lowercased()) else {
                return false
            }
            // A title the tagger took for a name ("the Lord Chief Justice") is the role itself.
            let titleWords = p.allSatisfy { t in
                let w = tokens[t].text.lowercased()
                return roles.honorifics.contains(w) || roles.modifiers.contains(w) || roles.heads.contains(w)
            }
            if titleWords { return false }
            let last = p.upperBound < tokens.count ? p.upperBound : p.upperBound - 1
            if EntityLinker.possessives.contains(tokens[last].text)
                || EntityLinker.possessives.contains(tokens[p.upperBound - 1].text) {
                return false
            }
            return !(a.lowerBound..<p.lowerBound).contains {
                roles.rolePrepositions.contains(tokens[$0].text.lowercased())
            }
        }
    }

    /// Where a title before token `end` would end: before the capitalized honorifics right before it ("Lord
    /// Chancellor Lord Falconer", "union leader Sir Bill Morris").
    func honorificsBefore(_ end: Int, _ tokens: [Token], lowerLimit: Int) -> Int {
        var k = end
        while k - 1 > lowerLimit, roles.honorifics.contains(tokens[k - 1].text.lowercased()),
              startsUppercase(tokens[k - 1].text) {
            k -= 1
        }
        return k
    }

    /// A title set off by a comma before the name: "the Palestinian leader, Mahmoud Abbas," / "Scottish
    /// Conservative leader, David McLetchie, said". The title must open its noun phrase: after "the", a
    /// possessive, a capitalized word (a party, a nation) or at the sentence's start (then of two words or more:
    /// "Queen, Muse, Manic Street Preachers" is a list of bands), and the name must end its phrase (a comma or
    /// the clause's end, "of" or letters such as MSP after it), so a title that ends a clause ("did not trust the prime minister, Mr Brown
    /// replied"; "his second term as US President, Tony Blair has said") is not taken.
    func titleBeforeComma(_ mention: Range<Int>, _ tokens: [Token], lowerLimit: Int) -> Range<Int>? {
        let start = mention.lowerBound
        guard start - 2 >= lowerLimit, tokens[start - 1].text == ",",
              mention.upperBound >= tokens.count || endsPhrase(tokens[mention.upperBound].text),
              let t = roles.titleEnding(at: start - 1, tokens, lowerLimit: lowerLimit) else { return nil }
        guard t.lowerBound > lowerLimit else { return t.count >= 2 ? t : nil }
        let prev = tokens[t.lowerBound - 1].text
        guard prev == "the" || prev == "The" || EntityLinker.possessives.contains(prev)
                || (startsUppercase(prev) && t.lowerBound - 1 > lowerLimit) else { return nil }
        return t
    }

    /// Whether a word after a name ends its noun phrase or stays in it: punctuation, "of" ("Emmanuel Gaillard of
    /// Shearman and Sterling") or letters after a name (MSP, QC), not a verb.
    func endsPhrase(_ word: String) -> Bool {
        [",", ".", ";", ":", "of"].contains(word) || (word.count >= 2 && word.count <= 4
            && word.unicodeScalars.allSatisfy { CharClass.isUpper($0.value) })
    }

    func startsUppercase(_ t: String) -> Bool {
        t.unicodeScalars.first.map { CharClass.isUpper($0.value) } ?? false
    }

    /// `, a doctor,` after a name: the tokens between the commas (without a leading article), when they are short,
    /// not a relative clause or a clause with a verb ("Jordan Bratman, the singer's agent has confirmed"), hold no
    /// quotation mark and hold a head role. An appositive that opens with its role ("secretary general of the
    /// Association of European Airlines", "president of domestic distribution at 20th Century Fox") may be longer.
    func appositive(after end: Int, _ tokens: [Token]) -> Range<Int>? {
        guard end < tokens.count, tokens[end].text == "," else { return nil }
        let limit = EntityLinker.maxRoleFirstAppositiveTokens
        var k = end + 1
        while k < tokens.count, k - end - 1 <= limit {
            let t = tokens[k].text
            if t == "," || t == "." || t == ";" { break }
            k += 1
        }
        guard k < tokens.count, k - end - 1 <= limit, k > end + 1 else { return nil }
        var s = end + 1
        let first = tokens[s].text.lowercased()
        if EntityLinker.relativeWords.contains(first) || roles.notAppositive.contains(first)
            || roles.honorifics.contains(first) {
            return nil
        }
        if roles.appositiveAdverbs.contains(first), s + 1 < k { s += 1 }
        let det = tokens[s].text.lowercased()
        if EntityLinker.determiners.contains(det) && tokens[s].text == det && det != "the" { s += 1 }
        guard s < k else { return nil }
        // A speech verb ends an attribution whose comma was left out ("Mr Roe, Lloyd's chief executive said.",
        // "Jo Roe, analyst at Nomura told the BBC."): the role is what comes before it.
        if let v = (s + 1..<max(s + 1, k)).first(where: { roles.speechVerbs.contains(tokens[$0].text) }) { k = v }
        let words = (s..<k).map { tokens[$0].text.lowercased() }
        if (s..<k).contains(where: { roles.clauseWords.contains(tokens[$0].text) }) { return nil }
        if (s..<k).contains(where: { t in
            tokens[t].text.unicodeScalars.contains { EntityTagger.doubleMarks.contains($0) }
        }) {
            return nil
        }
        if k - end - 1 > EntityLinker.maxAppositiveTokens {
            // Long: the role must come first (after "the" and modifiers), then a preposition.
            var h = words.first == "the" ? 1 : 0
            while h < words.count, roles.modifiers.contains(words[h]) { h += 1 }
            guard let phrase = roles.headsByLast.values.joined().filter({ p in
                h + p.count < words.count && Array(words[h..<(h + p.count)]) == p
            }).max(by: { $0.count < $1.count }), roles.rolePrepositions.contains(words[h + phrase.count]) else {
                return nil
            }
            return s..<k
        }
        return roles.containsHead(words) ? s..<k : nil
    }
}
