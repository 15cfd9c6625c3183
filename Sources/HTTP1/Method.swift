// HTTP request methods. A struct rather than an enum so any token the parser accepts can be carried and
// answered with 405/501 instead of failing to parse.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    // Computed: a stored static is read through a lazy-initialisation check, and these are compared per request.
    public static var get: HTTPMethod { HTTPMethod("GET") }
    public static var head: HTTPMethod { HTTPMethod("HEAD") }
    public static var post: HTTPMethod { HTTPMethod("POST") }
    public static var put: HTTPMethod { HTTPMethod("PUT") }
    public static var delete: HTTPMethod { HTTPMethod("DELETE") }
    public static var patch: HTTPMethod { HTTPMethod("PATCH") }
    public static var options: HTTPMethod { HTTPMethod("OPTIONS") }
}
