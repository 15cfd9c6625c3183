// The type of an entity that roles-aliases.tsv gives no type and no honorific makes a person: its mentions'
// confidence-weighted vote, corrected by what the text and the lists say of the name. The tagger, trained on 1996
// Reuters text, types an unseen name by its look: firms, clubs and bands as persons, stage names as places, titles
// as anything. In order:
// - a name of entities/known-names.tsv has the type listed there ("Google" ORG, "Oscar" MISC), unless a given name
//   or a gendered honorific says it is a person's;
// - a known organization's name (entities/known-organizations.tsv) voted MISC is an organization, and so is one of
//   several words voted a place ("Texas Instruments");
// - a person introduced by an organization noun is an organization ("US bank Wells Fargo"), and so is one of
//   several words whose last is an organization's head ("John Coltrane Foundation": entities/organization-heads.tsv)
//   unless a gendered honorific makes it a person's;
// - a person with no gendered honorific or listed given name is an organization when its name is a known
//   organization's (entities/known-organizations.tsv) or a member noun and a person's name follow it ("Chelsea
//   goalkeeper Carlo Cudicini");
// - anything else introduced by a person noun is a person ("US rapper Kano"), unless its name is a known
//   organization's;
// - a whole name introduced by a noun of a work is a title, MISC ("the film Million Dollar Baby"), unless known.
// A noun introduces nothing when the name modifies the noun after it ("the star England batsman", "star Chelsea
// striker"), and a place named more often without the noun than with it keeps its type ("It was the series England
// had waited for" after two other "England"s): a relative clause reads like an apposition. The lists:
// EntityLinker+IntroducingNouns.swift, EntityLinker+KnownOrganizations.swift.
extension EntityLinker {
    /// The document's facts the type rules read, found once per document.
    struct TypeContext {
        /// Exclusive end tokens of the organization mentions.
        let organizationEnds: Set<Int>
        /// First tokens of the person mentions.
        let personStarts: Set<Int>

        init(_ doc: Document) {
            organizationEnds = Set(doc.mentions.lazy.filter { $0.type == .organization }.map(\.tokens.upperBound))
            personStarts = Set(doc.mentions.lazy.filter { $0.type == .person }.map(\.tokens.lowerBound))
        }
    }

    /// Nouns a name may modify ("the star England batsman"): then the noun before it introduces nothing.
    static let modifiedNouns: Set<String> = ["player", "players", "side", "team", "squad", "fans", "supporters"]

    func retyped(_ voted: EntityType, _ g: Group, name: String, forms: [NameForm?], doc: Document,
                 context: TypeContext) -> EntityType {
        let known = knownOrganizations.contains(name)
        // (No nested function reading `self` here: one copied the whole linker, every lexicon retained and
        // released, at each entity.)
        /// Enough of the mentions: any one, but for a place half of them.
        func enough(_ count: Int) -> Bool { voted == .location ? 2 * count >= g.mentions.count : count > 0 }

        // A hand-checked name (entities/known-names.tsv) has its type, unless a given name says it is a person's
        // or a trade noun introduces a person of that name ("Brazilian midfielder Oscar").
        if let listed = knownNames.type(of: name), g.nameGenders.isEmpty, g.genders.isEmpty,
           voted != .person || introducedCount(by: personNouns, g, name, forms, doc, context) == 0 {
            return listed
        }
        var type = voted
        // A listed company or club voted a product or title is the organization ("Airbus", "Man Utd"); voted a
        // place, only a name of several words ("Texas Instruments", "West Ham"): "Barcelona" and "Porto" are cities
        // as often as clubs.
        if known, voted == .misc || (voted == .location && EntityLinker.words(EntityLinker.normalize(name)).count > 1) {
            type = .organization
        }
        if voted == .person {
            if introducedCount(by: organizationNouns, g, name, forms, doc, context) > 0 {
                type = .organization
            } else if g.genders.isEmpty, let last = EntityLinker.words(EntityLinker.normalize(name)).dropFirst().last,
                      organizationHeads.words.contains(last) {
                type = .organization
            } else if g.nameGenders.isEmpty, g.genders.isEmpty,
                      known || leadsToMember(g, doc, context) {
                type = .organization
            }
        } else if !known, enough(introducedCount(by: personNouns, g, name, forms, doc, context)) {
            type = .person
        }
        if type != .misc, !known,
           enough(introducedCount(by: workNouns, g, name, forms, doc, context, wholeName: true)) {
            type = .misc
        }
        return type
    }

    /// Whether a member noun and a person's name follow one of the group's mentions ("Chelsea goalkeeper Carlo
    /// Cudicini").
    func leadsToMember(_ g: Group, _ doc: Document, _ context: TypeContext) -> Bool {
        for m in g.mentions
        where memberNouns.leadsToMember(doc.mentions[m], in: doc, personStarts: context.personStarts) {
            return true
        }
        return false
    }

    /// How many of the group's mentions `nouns` introduce, not modifying the noun after them; `wholeName`: only
    /// mentions that are the entity's whole name.
    func introducedCount(by nouns: IntroducingNouns, _ g: Group, _ name: String, _ forms: [NameForm?],
                         _ doc: Document, _ context: TypeContext, wholeName: Bool = false) -> Int {
        let key = wholeName ? EntityLinker.normalize(name) : ""
        var count = 0
        for m in g.mentions
        where nouns.introduces(doc.mentions[m], in: doc, organizationEnds: context.organizationEnds)
            && !modifiesNextNoun(doc.mentions[m], doc)
            && (!wholeName || EntityLinker.normalize(forms[m]!.text) == key) {
            count += 1
        }
        return count
    }

    /// Whether the word after the mention, in its sentence, is a lower-case noun the name modifies: a person noun,
    /// a member noun or one of `modifiedNouns` ("star England batsman").
    func modifiesNextNoun(_ mention: EntityMention, _ doc: Document) -> Bool {
        let next = mention.tokens.upperBound
        guard next < doc.tokens.count, let s = doc.sentenceIndex(ofToken: next - 1),
              doc.sentences[s].tokens.contains(next) else { return false }
        let word = doc.tokens[next].text
        guard word == word.lowercased() else { return false }
        return personNouns.words.contains(word) || memberNouns.words.contains(word)
            || EntityLinker.modifiedNouns.contains(word)
    }
}
