// Word-type priors for the entity tagger, the third column of clusters-glove.tsv: for each GloVe word, the
// entity type (or O) its nearest GloVe neighbours among CoNLL train's capitalized words carry, with how
// one-sided their vote is (scripts/gen-clusters-glove.py; a train word's own label is left out of its vote).
// A name unseen in training ("NationsBank") then reads like the banks that were seen ("Norwest": ORG). The
// GloVe classes say the same only through a fixed tree, which splits neighbours that fall either side of a branch.
enum NERTypePrior {
    /// The types in code order: a code is type index * 8 + share bucket (1...4, one-sided = 4); 0 is no prior.
    static let types = ["O", "PER", "ORG", "LOC", "MISC"]
    /// NERHash.bytes of each column text ("ORG4") with its code, each at slot (hash >> shift) & 255 of a table where
    /// `shift` leaves no two in one slot: one hash and one array read per line at load, which a debug build (the
    /// tests') also does quickly, unlike comparing bytes against each type name; a Dictionary hashed each line's
    /// hash again (SipHash: a tenth of the GloVe file's load time).
    private static let slots: (shift: UInt64, table: [(hash: UInt64, code: UInt8)]) = {
        var entries: [(hash: UInt64, code: UInt8)] = []
        for (t, type) in types.enumerated() {
            for bucket in 1...4 { entries.append((NERHash.string(type + String(bucket)), UInt8(t * 8 + bucket))) }
        }
        for shift in UInt64(0)...56 {
            var table = [(hash: UInt64, code: UInt8)](repeating: (0, 0), count: 256)
            for e in entries where table[Int((e.hash >> shift) & 255)].code == 0 { table[Int((e.hash >> shift) & 255)] = e }
            if table.filter({ $0.code != 0 }).count == entries.count { return (shift, table) }
        }
        preconditionFailure("NERTypePrior: no shift puts the \(entries.count) codes in distinct slots")
    }()

    /// The code of a column like "ORG4" given as NERHash.bytes of its text, or nil if it is not one.
    @inline(__always)
    static func code(hash: UInt64) -> UInt8? {
        let slot = slots.table[Int((hash >> slots.shift) & 255)]
        return slot.code != 0 && slot.hash == hash ? slot.code : nil
    }

    /// The code of a column like "ORG4", or nil if it is not one.
    static func code(_ column: [UInt8]) -> UInt8? { code(hash: NERHash.bytes(column)) }

    /// The type of a code without its bucket (backs off from "ORG, one-sided" to "ORG").
    @inline(__always)
    static func type(_ code: UInt8) -> UInt8 { code >> 3 }
}
