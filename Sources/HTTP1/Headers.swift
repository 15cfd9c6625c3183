// An ordered list of header fields. Names compare case-insensitively; order and duplicates are kept
// because framing rules (duplicate Content-Length, Host) depend on them.
public struct HTTPHeaders: Sendable, Sequence, ExpressibleByDictionaryLiteral, Equatable {
    public private(set) var fields: [(name: String, value: String)] = []

    public init() {}
    public init(_ fields: [(String, String)]) { self.fields = fields.map { (name: $0.0, value: $0.1) } }
    public init(dictionaryLiteral elements: (String, String)...) { self.init(elements) }

    public var count: Int { fields.count }
    public func makeIterator() -> some IteratorProtocol<(name: String, value: String)> { fields.makeIterator() }

    /// The first value of `name`, or nil.
    public subscript(name: String) -> String? {
        fields.first { Self.same($0.name, name) }?.value
    }
    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] {
        fields.filter { Self.same($0.name, name) }.map(\.value)
    }
    public func contains(_ name: String) -> Bool { self[name] != nil }

    public mutating func add(_ name: String, _ value: String) { fields.append((name: name, value: value)) }
    /// Replaces every field called `name` with one.
    public mutating func set(_ name: String, _ value: String) {
        // Removing copies a shared array even when nothing matches (X-Request-Id on a static response).
        if contains(name) { remove(name) }
        fields.append((name: name, value: value))
    }
    public mutating func remove(_ name: String) { fields.removeAll { Self.same($0.name, name) } }

    public static func == (a: HTTPHeaders, b: HTTPHeaders) -> Bool {
        a.fields.count == b.fields.count && zip(a.fields, b.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    /// ASCII case-insensitive (field names are tokens): no lowercased copies, this runs several times a request.
    static func same(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        // Over contiguous storage when both have it (native strings do); the UTF8View iterators cost more.
        if let result = a.utf8.withContiguousStorageIfAvailable({ x in
            b.utf8.withContiguousStorageIfAvailable { y in
                for i in 0 ..< x.count where !sameLetter(x[i], y[i]) { return false }
                return true
            }
        }), let result {
            return result
        }
        return a.utf8.elementsEqual(b.utf8, by: sameLetter)
    }

    @inline(__always) private static func sameLetter(_ x: UInt8, _ y: UInt8) -> Bool {
        x == y || (x | 0x20 == y | 0x20 && (x | 0x20) >= UInt8(ascii: "a") && (x | 0x20) <= UInt8(ascii: "z"))
    }

}
