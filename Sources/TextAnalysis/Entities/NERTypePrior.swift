// Word-type priors for the entity tagger, the third column of clusters-glove.tsv: for each GloVe word, the
// entity type (or O) its nearest GloVe neighbours among CoNLL train's capitalized words carry, with how
// one-sided their vote is (scripts/gen-clusters-glove.py; a train word's own label is left out of its vote).
// A name unseen in training ("NationsBank") then reads like the banks that were seen ("Norwest": ORG). The
// GloVe classes say the same only through a fixed tree, which splits neighbours that fall either side of a branch.
enum NERTypePrior {
    /// The types in code order: a code is type index * 8 + share bucket (1...4, one-sided = 4); 0 is no prior.
    static let types = ["O", "PER", "ORG", "LOC", "MISC"]
    private static let typeBytes = types.map { Array($0.utf8) }

    /// The code of a column like "ORG4", or nil if it is not one.
    static func code<C: BidirectionalCollection>(_ column: C) -> UInt8? where C.Element == UInt8 {
        guard let last = column.last, last >= 0x31, last <= 0x34,
              let type = typeBytes.firstIndex(where: { $0.elementsEqual(column.dropLast()) }) else { return nil }
        return UInt8(type * 8) + (last - 0x30)
    }

    /// The type of a code without its bucket (backs off from "ORG, one-sided" to "ORG").
    @inline(__always)
    static func type(_ code: UInt8) -> UInt8 { code >> 3 }
}
