// Word-type priors for the entity tagger: for each word of the GloVe vocabulary, the entity type (or O) its
// nearest GloVe neighbours among CoNLL train's capitalized words carry, with how one-sided that vote is
// (scripts/gen-type-prior.py; a train word's own label is left out of its vote). A name unseen in training
// ("NationsBank") then reads like the banks that were seen ("Norwest" ORG); the word classes say the same
// only through a fixed tree, which splits neighbours that fall on two sides of a branch.
public struct WordTypePrior: Sendable {
    /// NERHash.string(lower-case word) -> code: type index * 8 + share bucket (1...4); 0 is "no prior"
    private let index: NERHashMap<UInt8>
    /// Order-independent hash of every (word, code) pair, recorded in models trained with these priors.
    public let fingerprint: UInt64

    public static let types = ["O", "PER", "ORG", "LOC", "MISC"]

    public var wordCount: Int { index.count }

    public static let empty = WordTypePrior(index: NERHashMap(minimumCapacity: 0, filler: 0), fingerprint: 0)

    private init(index: NERHashMap<UInt8>, fingerprint: UInt64) {
        self.index = index
        self.fingerprint = fingerprint
    }

    /// Reads `word<TAB>TYPE<digit>` lines ("nationsbank<TAB>ORG4").
    public init(resources: ResourceLoader, file: String) throws {
        let data = try resources.mappedData(file)
        let lines = data.withUnsafeBytes { raw in raw.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
        var index = NERHashMap<UInt8>(minimumCapacity: lines, filler: 0)
        let typeCodes = Self.types.map { Array($0.utf8) }
        var fingerprint: UInt64 = 0
        try NERResourceFile.forEachLine(data) { number, cols in
            guard cols.count >= 2, !cols[0].isEmpty, let last = cols[1].last, last >= 0x31, last <= 0x34,
                  let type = typeCodes.firstIndex(where: { $0.elementsEqual(cols[1].dropLast()) })
            else { throw ResourceError("\(file):\(number): expected word<TAB>TYPE<1-4>") }
            let word = NERHash.bytes(cols[0])
            let code = UInt8(type * 8) + (last - 0x30)
            if let old = index.updateValue(code, forKey: word) { fingerprint ^= NERHash.key(2, word, UInt64(old)) }
            fingerprint ^= NERHash.key(2, word, UInt64(code))
        }
        self.init(index: index, fingerprint: fingerprint)
    }

    /// The code of a word by the hash of its lower case (NERHash.string), or 0.
    @inline(__always)
    func code(lower: UInt64) -> UInt8 { index[lower] ?? 0 }
}
