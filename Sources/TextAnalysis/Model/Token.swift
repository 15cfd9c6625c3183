// One token: a half-open range of Unicode scalar offsets into the document text, its text, and whether
// whitespace follows (so the text is always recoverable from tokens).
public struct Token: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var text: String
    public var spaceAfter: Bool

    public init(start: Int, end: Int, text: String, spaceAfter: Bool) {
        self.start = start
        self.end = end
        self.text = text
        self.spaceAfter = spaceAfter
    }
}

/// A half-open character range in Unicode scalars of the input text.
public struct CharRange: Hashable, Sendable, Codable {
    public var start: Int
    public var end: Int
    public init(_ start: Int, _ end: Int) { self.start = start; self.end = end }
    public var length: Int { end - start }
    public func overlaps(_ o: CharRange) -> Bool { start < o.end && o.start < end }
    public func contains(_ o: CharRange) -> Bool { start <= o.start && o.end <= end }
}
