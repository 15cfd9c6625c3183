// PersonGenders: the gender evidence the store keeps for people (migration 019). Each article link keeps what its
// analysis said ("female", "male" or nothing); an entity keeps the genders of all its links as bits. The evidence
// only ever keeps a person apart: a surname alone ("Blair", from "Mrs Blair") does not join a person whose articles
// say he is a man, and vice versa. Full names are never split by it (one article's evidence can be wrong).
enum PersonGenders {
    static let male: Int = 1
    static let female: Int = 2

    /// The bit of a link's gender ("male", "female"); 0 for none. Anything else is refused by PreparedArticle.
    static func bit(_ gender: String?) -> Int {
        switch gender {
        case "male": return male
        case "female": return female
        default: return 0
        }
    }

    /// Sets entity ?1's bits to what its links say (after a delete or a merge changed them).
    static let recomputeSQL = """
        UPDATE entities SET genders = (SELECT coalesce(max(gender = 'male'), 0) | 2 * coalesce(max(gender = 'female'), 0)
                                       FROM article_entities WHERE entity_id = ?1)
        WHERE id = ?1
        """

    /// Whether `gender` is a value a link may carry.
    static func isValid(_ gender: String?) -> Bool { gender == nil || bit(gender) != 0 }

    /// Whether evidence `a` and evidence `b` (bit sets) name different people: one says male and the other
    /// female. Nothing known on either side never conflicts.
    static func conflict(_ a: Int, _ b: Int) -> Bool {
        (a & male != 0 && b & female != 0) || (a & female != 0 && b & male != 0)
    }

    /// The merge key of a surname-only person of gender `bit` whose plain key (EntityTypes.key) belongs to a
    /// person of the other gender: the two stay two entities. A tab never occurs in a folded name.
    static func key(_ plain: String, bit: Int) -> String {
        plain + (bit == female ? "\tfemale" : "\tmale")
    }
}
