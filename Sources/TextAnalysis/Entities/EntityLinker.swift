// The entity-linker component: groups the tagger's mentions into entities within one document.
//
// Mentions are visited longest first, so "Antony Blinken" founds the entity that "Blinken" and "Secretary Blinken"
// later join. A mention joins an entity when (in this order): its normalized name (case, diacritics, periods and
// hyphens ignored, mapped through entities/roles-aliases.tsv) is already one of the entity's names; it is an
// acronym defined in parentheses right after the entity ("Korean Central News Agency (KCNA)") or equal to the
// initials of an organization's name, plain or as written ("UK Independence Party" is UKIP:
// EntityLinker+Acronyms.swift); or, for persons, its words are a part of a longer person name ("Son-hui" of
// "Choe Son-hui"; a part of several words must end with the surname, so "Stan Lee" is not "Stan Lee Media"),
// preferring the entity mentioned most recently before it; or, for one word tagged an organization, it ends the
// fullest name of the one organization ("United" of "Manchester United"). A given name after a royal title ("Prince Charles") joins
// a longer name only when that person was named before it or with such a title too. An entity counts as a person
// for these matches once an honorific opens one of its mentions or most of its mentions so far are tagged persons.
// A mention opened by a gendered honorific (entities/honorifics.tsv), or right after one the tagger left out, never
// joins an entity one of whose mentions has an honorific of the other gender, by name or by name part: "Mrs
// Howard" is not the Michael Howard of "Mr Howard"; nor, as a surname alone, one whose first name is of the other
// gender (entities/given-names.tsv), unless an honorific of its own gender joined it already. An entity's gender (honorifics and first names of
// entities/given-names.tsv all agreeing, else a gendered role noun of entities/gendered-words.tsv) is kept for
// pronoun resolution only. A name loses the members of a parliament written after it ("Labour MPs" is Labour's).
// Person names the tagger split in two are joined first, and pieces of a title before a
// person's name are left unlinked (EntityLinker+Mentions.swift). Mentions in boilerplate paragraphs other than related-story links ("READ | ...", whose
// names the article points at) are left unlinked. Person names lose leading titles (entities/roles.tsv),
// honorifics (entities/honorifics.tsv) and trailing possessives; a mention that opens with an honorific is a
// person's whatever its tagged type.
//
// The entity's name is its fullest form (alias canonical name, else the mention with most words), its type the
// one roles-aliases.tsv gives its canonical name, else the confidence-weighted vote of its mentions as the text and
// lists correct it (EntityLinker+Types.swift: "US bank Wells Fargo", "Chelsea goalkeeper Carlo Cudicini", "US
// rapper Kano", "the film Million Dollar Baby", known organizations), its confidence the mean of the mention
// confidences (repeated mentions of a string share the tagger's errors, so they are not independent evidence), and
// its role the longest one the text gives (EntityLinker+Roles.swift).

import Foundation

public struct EntityLinker: AnalysisComponent {
    public let name = "entity-linker"
    public let requires: Set<Annotation> = [.tokens, .sentences, .paragraphs, .mentions]
    public let provides: Set<Annotation> = [.entities]

    /// Normalized variant → canonical name.
    let aliases: [String: String]
    /// Canonical name → the type its entity has whatever its mentions were tagged: the adjective "Tory" is a
    /// MISC mention, but the Conservative Party it joins is an organization.
    let canonicalTypes: [String: EntityType]
    let roles: RoleLexicon
    let genders: GenderLexicon
    let organizationNouns: IntroducingNouns
    let personNouns: IntroducingNouns
    let memberNouns: IntroducingNouns
    let knownOrganizations: KnownOrganizations
    let knownNames: KnownNames
    let workNouns: IntroducingNouns
    /// Last words of organizations' names ("Foundation", "Society"): entities/organization-heads.tsv.
    let organizationHeads: IntroducingNouns

    public init(resources: ResourceLoader) throws {
        var aliases: [String: String] = [:], canonicalTypes: [String: EntityType] = [:]
        let file = "entities/roles-aliases.tsv"
        for (line, text) in try resources.lines(file) {
            let f = text.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 2 || f.count == 3, !f[0].isEmpty, !f[1].isEmpty else {
                throw ResourceError("\(file):\(line): expected variant<TAB>canonical name[<TAB>type]")
            }
            let canonical = String(f[1])
            aliases[EntityLinker.normalize(String(f[0]))] = canonical
            aliases[EntityLinker.normalize(canonical)] = canonical
            if f.count == 3 {
                guard let type = EntityType(rawValue: String(f[2])) else {
                    throw ResourceError("\(file):\(line): type is PER, ORG, LOC or MISC, not \(f[2])")
                }
                if let other = canonicalTypes[canonical], other != type {
                    throw ResourceError("\(file):\(line): \(canonical) is \(other.rawValue) on an earlier row")
                }
                canonicalTypes[canonical] = type
            }
        }
        self.aliases = aliases
        self.canonicalTypes = canonicalTypes
        self.roles = try RoleLexicon(resources: resources)
        self.genders = try GenderLexicon(resources: resources)
        self.organizationNouns = try IntroducingNouns(resources: resources, file: "entities/organization-nouns.tsv",
                                                      followsOrganizations: false)
        self.personNouns = try IntroducingNouns(resources: resources, file: "entities/person-nouns.tsv")
        self.memberNouns = try IntroducingNouns(resources: resources, file: "entities/member-nouns.tsv")
        self.knownOrganizations = try KnownOrganizations(resources: resources)
        self.knownNames = try KnownNames(resources: resources)
        self.workNouns = try IntroducingNouns(resources: resources, file: "entities/work-nouns.tsv")
        self.organizationHeads = try IntroducingNouns(resources: resources, file: "entities/organization-heads.tsv")
    }

    public func process(_ document: inout Document) {
        link(&document)
    }

    /// A mention reduced to the name it gives.
    struct NameForm {
        /// Token range of the name inside the mention (possessive, leading "the" and titles removed).
        var tokens: Range<Int>
        var text: String
        /// The normalized words ("kim", "jong", "un"): what person-name parts are matched on.
        var words: [String]
        var key: String
        var isAcronym: Bool
        var isAllCaps: Bool
        /// Opened by an honorific ("Mrs Camilla Parker Bowles"): only a person's name is written so.
        var hasHonorific = false
        /// The gender of that honorific, when it has one.
        var gender: PersonGender?
        /// The gender of a person's first name ("Sandra Howard"): weaker evidence, for pronouns only.
        var nameGender: PersonGender?
        /// Right after a title written before given names ("Prince Charles"): see `findGroup`.
        var afterGivenNameTitle = false
    }

    /// An entity while it is being built.
    struct Group {
        var mentions: [Int] = []
        /// The fullest name form so far (most words).
        var best: NameForm
        var canonical: String?
        var isPerson: Bool
        /// Some mention follows a given-name title ("Sir Alex Ferguson").
        var hasGivenNameTitle = false
        /// Confidence-weighted votes of its mentions so far for a person and for anything else.
        var personVotes = 0.0
        var otherVotes = 0.0
        /// The genders its mentions' honorifics gave.
        var genders: Set<PersonGender> = []
        /// The genders its mentions' first names gave.
        var nameGenders: Set<PersonGender> = []

        /// Whether a mention of `form` may join: no honorific of the other gender among its mentions, and for a
        /// surname after a gendered honorific, no first name of the other gender unless an honorific of its own
        /// gender joined already: "Mrs Howard" is not the Michael Howard named before her even when no "Mr
        /// Howard" came first. Only the surname: "Mr Lula" is Lula da Silva ("Lula" is a woman's name too).
        func admits(_ form: NameForm) -> Bool {
            guard let g = form.gender else { return true }
            guard genders.allSatisfy({ $0 == g }) else { return false }
            if form.words.count == 1, best.words.count >= 2, best.words.last == form.words[0], !genders.contains(g),
               nameGenders.count == 1, !nameGenders.contains(g) {
                return false
            }
            return true
        }
    }

    /// The groups built so far with the indexes that keep each lookup independent of how many groups exist
    /// (a 10 MB input can hold thousands of entities).
    struct Groups {
        var list: [Group] = []
        /// Mention → its group, -1 for none yet (an array: a [Int: Int] hashed at every mention).
        var groupOf: [Int]
        /// Normalized name (and alias canonical name) → group.
        var byKey: [String: Int] = [:]
        /// Normalized name → the later groups of that name that a first one did not admit (a "Mrs Howard" beside
        /// the "Mr Howard" that holds byKey): her later mentions find her group here.
        var otherGroupsByKey: [String: [Int]] = [:]
        /// Initials of multi-word non-person names → group (first founded wins).
        var byInitials: [String: Int] = [:]
        /// Word of a person's fullest name → groups.
        var personsByWord: [String: [Int]] = [:]
        /// Last word of a fullest name of several words → groups (persons too: filtered where read).
        var byLastWord: [String: [Int]] = [:]
        /// The words of a fullest name of several words written together ("timewarner" of "Time Warner") →
        /// group (first founded wins): a brand written closed up in camel case finds it (`findGroup`).
        var byClosedUp: [String: Int] = [:]

        mutating func add(_ m: Int, _ form: NameForm, to g: Int?, canonical: String?, isPerson: Bool,
                          confidence: Double) {
            let g = g ?? {
                list.append(Group(mentions: [], best: form, canonical: canonical, isPerson: isPerson))
                return list.count - 1
            }()
            let isNew = list[g].mentions.isEmpty
            list[g].mentions.append(m)
            groupOf[m] = g
            if form.afterGivenNameTitle { list[g].hasGivenNameTitle = true }
            if let gender = form.gender { list[g].genders.insert(gender) }
            if let gender = form.nameGender { list[g].nameGenders.insert(gender) }
            if let first = byKey[form.key] {
                if first != g { otherGroupsByKey[form.key, default: []].appendIfAbsent(g) }
            } else {
                byKey[form.key] = g
            }
            // The canonical name's key is indexed once, when the group gets it: byKey never loses a key, so
            // doing it again at each mention (a normalize and two hashes) changed nothing.
            if list[g].canonical == nil || isNew {
                if list[g].canonical == nil, let c = canonical { list[g].canonical = c }
                if let c = list[g].canonical.map(EntityLinker.normalize), byKey[c] == nil { byKey[c] = g }
            }
            let bestCount = list[g].best.words.count, bestAllCaps = list[g].best.isAllCaps
            // More words; then mixed case over ALL CAPS; then the form met first (the order visits them).
            let fuller = form.words.count > bestCount
                || (form.words.count == bestCount && bestAllCaps && !form.isAllCaps)
            if isPerson { list[g].personVotes += max(confidence, 1e-6) } else { list[g].otherVotes += confidence }
            // An honorific settles that the entity is a person, whatever the tagger called its first mention, and
            // so does a majority of its mentions so far (the longest are visited first), so its name's parts can
            // join it ("Parker Bowles" of "Mrs Camilla Parker Bowles"; "Lacroix" of a Christian Lacroix first
            // tagged as the fashion house).
            if !list[g].isPerson, form.hasHonorific || list[g].personVotes > list[g].otherVotes {
                list[g].isPerson = true
                indexPersonWords(list[g].best.words, g)
            }
            guard isNew || fuller else { return }
            list[g].best = form
            if form.words.count >= 2, let last = form.words.last {
                byLastWord[last, default: []].appendIfAbsent(g)
                let closed = form.words.joined()
                if byClosedUp[closed] == nil { byClosedUp[closed] = g }
            }
            if form.words.count >= 2, !list[g].isPerson {
                for i in EntityLinker.initials(form.words).union(EntityLinker.writtenInitials(form.text))
                where byInitials[i] == nil {
                    byInitials[i] = g
                }
            }
            if list[g].isPerson { indexPersonWords(form.words, g) }
        }

        mutating func indexPersonWords(_ words: [String], _ g: Int) {
            // A name has a few words: a repeated one is found by scanning those before it, without a Set, and
            // each word is hashed once.
            for (i, w) in words.enumerated() where !words[..<i].contains(w) {
                personsByWord[w, default: []].appendIfAbsent(g)
            }
        }
    }

    public func link(_ doc: inout Document) {
        splittingListedNames(&doc)
        joiningSplitNames(&doc)
        let fragments = titleFragments(doc)
        let boiler = doc.paragraphs.filter { $0.isBoilerplate && !$0.isLink }.map(\.chars)
        // Indexed by mention; nil for mentions left unlinked.
        var forms = [NameForm?](repeating: nil, count: doc.mentions.count)
        var linked: [Int] = []
        for (i, tagged) in doc.mentions.enumerated() {
            var m = tagged
            m.entity = nil
            // An honorific opens only a person's name: "Mr Balls" tagged as an organization is the person.
            let lo = max(0, m.tokens.lowerBound), hi = min(doc.tokens.count, m.tokens.upperBound)
            if m.type != .person, lo < hi, case let h = roles.leadingHonorificLength(doc.tokens, lo, hi),
               h > 0, h < hi - lo {
                m.type = .person
            }
            doc.mentions[i] = m
            if fragments.contains(i) || boiler.contains(where: { $0.contains(m.chars) }) { continue }
            if let f = nameForm(m, doc) {
                forms[i] = f
                linked.append(i)
            }
        }
        let definedBy = acronymDefinitions(doc, forms)

        // Longest first; acronyms defined in parentheses right after the multi-word names; names after a
        // given-name title ("Prince Charles", which the bare "Charles" around it then joins); then by position.
        // The keys are read once per mention: read in the comparator, `forms[m]!` copied a whole NameForm.
        var wordCount = [Int](repeating: 0, count: forms.count), rank = wordCount
        for m in linked {
            let form = forms[m]!
            wordCount[m] = form.words.count
            rank[m] = form.words.count > 1 ? 0 : definedBy[m] != nil ? 1 : form.afterGivenNameTitle ? 2 : 3
        }
        let order = linked.sorted { a, b in
            let wa = wordCount[a], wb = wordCount[b]
            let ra = rank[a], rb = rank[b]
            if ra != rb { return ra < rb }
            if ra == 0, wa != wb { return wa > wb }
            let sa = doc.mentions[a].chars.start, sb = doc.mentions[b].chars.start
            return sa != sb ? sa < sb : a < b
        }

        var groups = Groups(groupOf: [Int](repeating: -1, count: doc.mentions.count))
        for m in order {
            let form = forms[m]!
            // Found first, added after: a `groups` argument alive during `add` would force a copy every time.
            let found = findGroup(m, form, doc, groups, definedBy)
            groups.add(m, form, to: found, canonical: aliases[form.key], isPerson: doc.mentions[m].type == .person,
                       confidence: doc.mentions[m].confidence)
        }

        // Entities in order of first mention.
        var list = groups.list
        for g in list.indices { list[g].mentions.sort { doc.mentions[$0].chars.start < doc.mentions[$1].chars.start } }
        list.sort { doc.mentions[$0.mentions[0]].chars.start < doc.mentions[$1.mentions[0]].chars.start }
        var entities: [Entity] = []
        let typeContext = TypeContext(doc)
        for (id, g) in list.enumerated() {
            let name = g.canonical ?? g.best.text
            var aliasList: [String] = []
            // By the index in allCases: a [EntityType: Double] hashed the raw-value string at every mention.
            var votes = [Double](repeating: 0, count: EntityType.allCases.count)
            var total = 0.0
            var honorific = false
            for m in g.mentions {
                let form = forms[m]!
                let text = form.text
                honorific = honorific || form.hasHonorific
                if text != name, !aliasList.contains(text) { aliasList.append(text) }
                // A person's surname joined under another type ("Henin-Hardenne" a place beside "Justine
                // Henin-Hardenne") votes with the full name: the tagger is at its weakest on a lone surname.
                let asSurname = g.isPerson && form.words.count < g.best.words.count
                    && g.best.words.suffix(form.words.count).elementsEqual(form.words)
                let slot = EntityType.allCases.firstIndex(of: asSurname ? .person : doc.mentions[m].type)!
                votes[slot] += max(doc.mentions[m].confidence, 1e-6)
                total += doc.mentions[m].confidence
                doc.mentions[m].entity = id
            }
            let voted = votes.indices.max { votes[$0] < votes[$1] }.map { EntityType.allCases[$0] } ?? .misc
            let listedType = g.canonical.flatMap { canonicalTypes[$0] }
            let type = honorific ? .person : listedType ?? retyped(voted, g, name: name, forms: forms, doc: doc,
                                                                   context: typeContext)
            let evidence = g.genders.union(g.nameGenders)
            entities.append(Entity(id: id, name: name, type: type, role: nil, aliases: aliasList,
                                   mentions: g.mentions, confidence: total / Double(g.mentions.count),
                                   gender: evidence.count == 1 ? evidence.first : nil))
        }
        doc.entities = entities
        assignRoles(&doc, forms)
        for e in doc.entities.indices {
            if doc.entities[e].type != .person {
                doc.entities[e].gender = nil
            } else if doc.entities[e].gender == nil {
                // "Jo Roe, the party's spokeswoman": a gendered role speaks when the names did not.
                doc.entities[e].gender = doc.entities[e].role.flatMap {
                    genders.gender(ofRole: $0, prepositions: roles.rolePrepositions)
                }
            }
        }
    }

    // MARK: Matching

    /// A capital letter after the first in a word that has lower-case ones too ("TimeWarner", "JPMorgan"; not
    /// "Newcastle", nor "BBC").
    static func hasInnerCapital(_ word: String) -> Bool {
        let scalars = word.unicodeScalars
        return scalars.dropFirst().contains { $0.properties.isUppercase }
            && scalars.contains { $0.properties.isLowercase }
    }

    func findGroup(_ m: Int, _ form: NameForm, _ doc: Document, _ groups: Groups, _ definedBy: [Int: Int]) -> Int? {
        if let def = definedBy[m], case let g = groups.groupOf[def], g >= 0 { return g }
        // A name taken by a person of the other gender falls through to the name-part match, which finds the
        // other people of that surname ("Mrs Howard" → Sandra Howard rather than the "Mr Howard" before her).
        if let g = groups.byKey[form.key], groups.list[g].admits(form) { return g }
        if let g = groups.otherGroupsByKey[form.key]?.first(where: { groups.list[$0].admits(form) }) { return g }
        if let c = aliases[form.key], let g = groups.byKey[EntityLinker.normalize(c)], groups.list[g].admits(form) {
            return g
        }
        // One word in camel case is the name of several words it closes up: "TimeWarner" of "Time Warner",
        // "JPMorgan" of "JP Morgan", "RipGuard" of "Rip Guard". Without a capital inside, a closed-up word is
        // another name as often ("Newcastle" beside a "New Castle").
        if form.words.count == 1, !form.isAllCaps, EntityLinker.hasInnerCapital(form.text),
           let g = groups.byClosedUp[form.words[0]], groups.list[g].admits(form) {
            return g
        }
        // An acronym roles-aliases.tsv lists names its own canonical entity, never one with its initials ("US" is
        // not "UBS Securities" or "Universal Studio").
        if form.isAcronym, aliases[form.key] == nil, let g = groups.byInitials[form.key] { return g }
        let type = doc.mentions[m].type
        // A short name of a club, firm or body: one word tagged an organization joins the only organization whose
        // fullest name ends with it ("United" of "Manchester United", "Commission" of "European Commission", "DS"
        // of "Nintendo DS"), unless the word names one of its own: a listed club or firm ("Liverpool" beside "BBC
        // Liverpool") or an alias ("Labour" beside "Scottish Labour"). Two such ("Manchester United", "Sheffield
        // United"): neither. The organization has a mention tagged so, and its last word is written apart: "Nato"
        // is not "non-Nato", nor "Rosneft" "Gazprom-Rosneft", nor "Yorkshire" the place "South Yorkshire". A name
        // the tagger ran over a list or a place ("Dundee United and Rangers", "Parc des Sports in Biarritz") is
        // not the short name's.
        if form.words.count == 1, type == .organization, aliases[form.key] == nil,
           !knownOrganizations.contains(form.text), knownNames.type(of: form.text) == nil {
            let ends = (groups.byLastWord[form.words[0]] ?? []).filter { g in
                let best = groups.list[g].best
                guard !groups.list[g].isPerson, best.words.count >= 2, best.words.last == form.words[0],
                      !best.words.contains("and"), !best.words.contains("in"),
                      let written = best.text.split(whereSeparator: \.isWhitespace).last,
                      EntityLinker.normalize(String(written)) == form.key else { return false }
                return groups.list[g].mentions.contains { doc.mentions[$0].type == .organization }
            }
            if ends.count == 1 { return ends[0] }
        }
        // Part of a longer person name: all words appear in order in the group's fullest name.
        let at = doc.mentions[m].chars.start
        let candidates = (groups.personsByWord[form.words[0]] ?? []).filter { g in
            let best = groups.list[g].best
            guard best.words.count > form.words.count, groups.list[g].admits(form) else { return false }
            // A single word tagged as something else still joins when it is the person's last name, a hyphenated
            // one too ("Henin-Hardenne" of "Justine Henin-Hardenne", which the tagger called a place).
            if type != .person
                && !((form.words.count == 1 || form.tokens.count == 1)
                      && best.words.suffix(form.words.count).elementsEqual(form.words)) {
                return false
            }
            guard EntityLinker.isOrderedSubset(form.words, of: best.words) else { return false }
            // A part of several words holds the surname: "Stan Lee" is not the person of a "Stan Lee Media" the
            // tagger called one, nor "Catherine Tate" of "The Catherine Tate Show".
            if form.words.count >= 2, best.words.last != form.words.last { return false }
            // "Prince Charles" is a given name: it is Charles Kennedy's only when he was named before it or with
            // such a title too ("Sir Alex" of "Sir Alex Ferguson"); a later "Liberal Democrat leader Charles
            // Kennedy" is someone else. Surnames ("Mr Kennedy") join either way.
            if form.afterGivenNameTitle, best.words.last != form.words.last, !groups.list[g].hasGivenNameTitle {
                return groups.list[g].mentions.contains { doc.mentions[$0].chars.start < at }
            }
            return true
        }
        guard candidates.count > 1 else { return candidates.first }
        // Several people share the word: the one mentioned most recently before, else the nearest after.
        func distance(_ g: Int) -> Int {
            let starts = groups.list[g].mentions.map { doc.mentions[$0].chars.start }
            if let before = starts.filter({ $0 < at }).max() { return at - before }
            return Int.max / 2 + (starts.min().map { $0 - at } ?? 0)
        }
        return candidates.min { distance($0) < distance($1) }
    }

    /// Mention index of an acronym → the mention it abbreviates, for `Long Name (ACR)`.
    func acronymDefinitions(_ doc: Document, _ forms: [NameForm?]) -> [Int: Int] {
        var out: [Int: Int] = [:]
        let linked = forms.indices.filter { forms[$0] != nil }
        let byStart = Dictionary(linked.map { (doc.mentions[$0].tokens.lowerBound, $0) },
                                 uniquingKeysWith: { a, _ in a })
        for m in linked where forms[m]!.words.count >= 2 {
            let after = doc.mentions[m].tokens.upperBound
            guard after + 2 < doc.tokens.count, doc.tokens[after].text == "(",
                  let acr = byStart[after + 1], let af = forms[acr], af.isAcronym,
                  doc.mentions[acr].tokens.upperBound < doc.tokens.count,
                  doc.tokens[doc.mentions[acr].tokens.upperBound].text == ")",
                  Self.abbreviates(af.text, forms[m]!.text)
                    || (doc.mentions[m].type != .person && doc.mentions[acr].type != .location) else { continue }
            out[acr] = m
        }
        return out
    }

    /// Whether `short` can abbreviate `long` (Schwartz & Hearst 2003): its letters and digits appear in `long` in
    /// order, the first at the start of a word. A person's, or a place's, short form in parentheses must: "Andy
    /// Roddick (US)" in a results table gives a nationality, not Roddick's acronym (taken as one, every American
    /// player became one "United States" person). An organisation keeps an acronym of its name in another
    /// language ("Greek Athletics Federation (SEGAS)").
    static func abbreviates(_ short: String, _ long: String) -> Bool {
        func alphanumeric(_ u: Unicode.Scalar) -> Bool { u.properties.isAlphabetic || u.properties.numericType != nil }
        let s = Array(short.lowercased().unicodeScalars.filter(alphanumeric))
        let l = Array(long.lowercased().unicodeScalars)
        guard !s.isEmpty else { return false }
        var li = l.count - 1
        for si in stride(from: s.count - 1, through: 0, by: -1) {
            while li >= 0, l[li] != s[si] || (si == 0 && li > 0 && alphanumeric(l[li - 1])) { li -= 1 }
            guard li >= 0 else { return false }
            li -= 1
        }
        return true
    }

    /// The name a mention gives: without a trailing possessive, a leading "the" (unless one word would remain)
    /// and, for persons, leading titles.
    func nameForm(_ m: EntityMention, _ doc: Document) -> NameForm? {
        var lo = max(0, m.tokens.lowerBound), hi = min(doc.tokens.count, m.tokens.upperBound)
        guard lo < hi else { return nil }
        while hi > lo + 1, EntityLinker.possessives.contains(doc.tokens[hi - 1].text) { hi -= 1 }
        // "Labour MPs", "Tory MEPs": the tagger takes the members into the party's name; the name is the party's.
        if hi > lo + 1, EntityLinker.memberPlurals.contains(doc.tokens[hi - 1].text) { hi -= 1 }
        if hi - lo > 2, doc.tokens[lo].text == "The" || doc.tokens[lo].text == "the" { lo += 1 }
        var hasHonorific = false
        var gender: PersonGender?, nameGender: PersonGender?
        // "Lord Chancellor's Department": a name with a possessive inside is an owner's thing, no person's name
        // whose title or honorific could be taken off.
        if m.type == .person,
           hi - lo < 3
            || !(lo + 1..<hi - 1).contains(where: { EntityLinker.possessives.contains(doc.tokens[$0].text) }) {
            // Titles and honorifics may alternate: "Lord Chancellor Lord Falconer" is Falconer, "Mr Justice Forbes"
            // Forbes; but a title after an honorific leaves a title whole ("Lord Chief Justice", no name).
            var stripping = true, afterHonorific = false
            while stripping {
                stripping = false
                let stripped = roles.leadingRoleLength(doc.tokens, lo, hi)
                // (`leadingRoleLength` up to hi + 1 reads tokens up to hi - 1 only: the whole rest as a title.)
                if stripped > 0, stripped < hi - lo,
                   !afterHonorific || roles.leadingRoleLength(doc.tokens, lo, hi + 1) < hi - lo {
                    lo += stripped
                }
                let honorific = roles.leadingHonorificLength(doc.tokens, lo, hi)
                // "the Earl of Wessex": an honorific before "of" is a title, not a name's.
                if honorific > 0, honorific < hi - lo, doc.tokens[lo + honorific].text != "of" {
                    gender = roles.honorificGender(doc.tokens, lo, count: honorific)
                    lo += honorific
                    hasHonorific = true
                    stripping = true
                    afterHonorific = true
                    // A peer's territorial designation is a place, not part of the name: "Baron Kinnock of
                    // Bedwellty" is Kinnock, and "Bedwellty" alone is his old seat, not him.
                    if let of = (lo + 1..<hi).first(where: { doc.tokens[$0].text == "of" }) { hi = of }
                }
            }
            // Not a reason to keep mentions apart: the first word is not always a given name ("Mr Lula" of Lula
            // da Silva), nor the given name ("Marie Leroi" of Armand Marie Leroi).
            if hi - lo >= 2 { nameGender = genders.givenNames[doc.tokens[lo].text.lowercased()] }
        }
        // "Ms Essex" with the honorific left out of the mention says as much.
        if m.type == .person, gender == nil, lo == m.tokens.lowerBound, lo > 0,
           startsUppercase(doc.tokens[lo - 1].text) {
            gender = roles.honorificGender(doc.tokens, lo - 1, count: 1)
        }
        // The title may be inside the mention (stripped above) or just before it, when the tagger left it out.
        // (The cheap capital test first: most words before a name are not capitalized.)
        let afterGivenNameTitle = lo > 0 && startsUppercase(doc.tokens[lo - 1].text)
            && roles.givenNameTitles.contains(doc.tokens[lo - 1].text.lowercased())
        let text = doc.text(CharRange(doc.tokens[lo].start, doc.tokens[hi - 1].end))
        let key = EntityLinker.normalize(text)
        guard !key.isEmpty else { return nil }
        let words = EntityLinker.words(key)
        var isAcronym = false
        if words.count == 1 {
            // The scalars other than periods: 2 to 8 of them, each uppercase or "&".
            var letters = 0, upper = true
            for u in text.unicodeScalars where u != "." {
                letters += 1
                if upper, !(EntityLinker.isUppercase(u) || u == "&") { upper = false }
            }
            isAcronym = letters >= 2 && letters <= 8 && upper
        }
        let isAllCaps = !text.unicodeScalars.contains { EntityLinker.isLowercase($0) }
        return NameForm(tokens: lo..<hi, text: text, words: words, key: key, isAcronym: isAcronym,
                        isAllCaps: isAllCaps, hasHonorific: hasHonorific, gender: gender, nameGender: nameGender,
                        afterGivenNameTitle: afterGivenNameTitle)
    }

    /// Unicode's Uppercase and Lowercase properties, with ASCII answered without the property tables (only A-Z
    /// and a-z have them below 128): most names are ASCII.
    static func isUppercase(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x80 ? u.value >= 0x41 && u.value <= 0x5A : u.properties.isUppercase
    }

    static func isLowercase(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x80 ? u.value >= 0x61 && u.value <= 0x7A : u.properties.isLowercase
    }

    static let possessives: Set<String> = ["'s", "’s", "'", "’", "'S", "’S"]
    /// Members of a parliament, written after their party's name ("Labour MPs", "Lib Dem MSPs").
    static let memberPlurals: Set<String> = ["MPs", "MEPs", "MSPs", "AMs", "MLAs", "TDs"]
    static let functionWords: Set<String> = ["of", "the", "and", "for", "&", "de", "on", "in", "to", "a"]

    /// Lowercased without diacritics, periods dropped, hyphens and whitespace collapsed to one space, typographic
    /// apostrophes straightened: "Kim Jong-Un" = "KIM JONG UN", "Sven-Göran" = "Sven Goran", "U.S." = "US".
    static func normalize(_ s: String) -> String {
        // Foundation's folding is slow; most names are ASCII and need only lowercasing.
        s.utf8.allSatisfy({ $0 < 0x80 }) ? normalizeASCII(s) : normalizeUnicode(s)
    }

    /// `normalize` for any text, through Foundation's folding: the reference `normalizeASCII` must equal on ASCII.
    static func normalizeUnicode(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        let folded = s.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        for u in folded.unicodeScalars {
            if u == "." { continue }
            if u.properties.isWhitespace || u == "-" || u == "\u{2010}" || u == "\u{2011}" {
                space = !out.isEmpty
                continue
            }
            if space { out.append(" "); space = false }
            out.append(u == "’" ? "'" : u)
        }
        return String(out)
    }

    /// `normalize` for ASCII text (most names), on UTF-8 bytes: the same rules with ASCII lowercasing, where the
    /// only whitespace scalars are tab to carriage return and space.
    static func normalizeASCII(_ s: String) -> String {
        let n = s.utf8.count
        return String(unsafeUninitializedCapacity: n) { out in
            var o = 0, space = false
            for b in s.utf8 {
                if b == 0x2E { continue }
                if b == 0x20 || (b >= 0x09 && b <= 0x0D) || b == 0x2D {
                    space = o > 0
                    continue
                }
                if space { out[o] = 0x20; o += 1; space = false }
                out[o] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                o += 1
            }
            return o
        }
    }

    /// The words of a normalized key (split at its single spaces); on UTF-8 bytes when the key is ASCII, where
    /// a space can never join the next scalar into one Character.
    static func words(_ key: String) -> [String] {
        guard key.utf8.allSatisfy({ $0 < 0x80 }) else { return key.split(separator: " ").map(String.init) }
        // One pass over the bytes into one array (a split and a map built two); empty pieces skipped as split's.
        var key = key
        return key.withUTF8 { p in
            var out: [String] = []
            var s = 0
            for i in 0...p.count where i == p.count || p[i] == 0x20 {
                if i > s { out.append(String(decoding: UnsafeBufferPointer(rebasing: p[s..<i]), as: UTF8.self)) }
                s = i + 1
            }
            return out
        }
    }

    /// Lowercase initials of a name, with and without function words ("Department of Justice" → doj, dj).
    static func initials(_ words: [String]) -> Set<String> {
        words.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) ? asciiInitials(words) : unicodeInitials(words)
    }

    /// `initials` for any words, by Characters: the reference `asciiInitials` must equal on ASCII.
    static func unicodeInitials(_ words: [String]) -> Set<String> {
        let all = String(words.compactMap { $0.first }).lowercased()
        let content = String(words.filter { !functionWords.contains($0.lowercased()) }.compactMap { $0.first })
            .lowercased()
        return [all, content]
    }

    /// `initials` for ASCII words: the first byte of each word is its first Character, lowercased by ASCII rules.
    static func asciiInitials(_ words: [String]) -> Set<String> {
        var all: [UInt8] = [], content: [UInt8] = []
        for w in words {
            guard let first = w.utf8.first else { continue }
            let lower = first >= 0x41 && first <= 0x5A ? first | 0x20 : first
            all.append(lower)
            if !functionWords.contains(w.lowercased()) { content.append(lower) }
        }
        return [String(decoding: all, as: UTF8.self), String(decoding: content, as: UTF8.self)]
    }

    /// Whether `part` occurs in `whole` in order (not necessarily adjacent).
    static func isOrderedSubset(_ part: [String], of whole: [String]) -> Bool {
        var i = 0
        for w in whole where i < part.count && w == part[i] { i += 1 }
        return i == part.count
    }
}

extension Array where Element: Equatable {
    /// Appends `e` unless the array holds it: through `dict[key, default: []]` one hash of the key does both.
    mutating func appendIfAbsent(_ e: Element) {
        if !contains(e) { append(e) }
    }
}
