// Word-type priors for the entity tagger, the third column of clusters-glove.tsv: for each GloVe word, the
// entity type (or O) its nearest GloVe neighbours among CoNLL train's capitalized words carry, with how
// one-sided their vote is (scripts/gen-clusters-glove.py; a train word's own label is left out of its vote).
// A name unseen in training ("NationsBank") then reads like the banks that were seen ("Norwest": ORG). The
// GloVe classes say the same only through a fixed tree, which splits neighbours that fall either side of a branch.
enum NERTypePrior {
    /// The types in code order: a code is type index * 8 + share bucket (1...4, one-sided = 4); 0 is no prior.
    static let types = ["O", "PER", "ORG", "LOC", "MISC"]
    /// NERHash.bytes of each column text ("ORG4") -> its code: one hash and one probe per line at load, which
    /// a debug build (the tests') also does quickly, unlike comparing bytes against each type name.
    private static let codesByHash: [UInt64: UInt8] = {
        var codes: [UInt64: UInt8] = [:]
        for (t, type) in types.enumerated() {
            for bucket in 1...4 { codes[NERHash.string(type + String(bucket))] = UInt8(t * 8 + bucket) }
        }
        return codes
    }()

    /// The code of a column like "ORG4" given as NERHash.bytes of its text, or nil if it is not one.
    @inline(__always)
    static func code(hash: UInt64) -> UInt8? { codesByHash[hash] }

    /// The code of a column like "ORG4", or nil if it is not one.
    static func code(_ column: [UInt8]) -> UInt8? { code(hash: NERHash.bytes(column)) }

    /// The type of a code without its bucket (backs off from "ORG, one-sided" to "ORG").
    @inline(__always)
    static func type(_ code: UInt8) -> UInt8 { code >> 3 }
}
