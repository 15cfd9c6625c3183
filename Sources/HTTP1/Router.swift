// Routing: register (method, pattern, placement, handler) on a `Router`, then `build()` validates everything (bad
// patterns, duplicate routes) and freezes it into an immutable `RouterResponder`, the RequestHandler the server
// runs. The responder answers 404 when no pattern matches the path, 405 with `Allow` when patterns match but not
// the method, 501 for a method nobody implements, answers HEAD with the GET handler, turns HTTPResponseErrors into
// problem+json and any other error into a 500 without its text, and puts X-Request-Id on every response.

import Synchronization

public typealias RouteHandler = @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse

/// The route builder. Registration never fails; `build()` reports every problem at once, at startup.
public struct Router: Sendable {
    struct Registration {
        var method: HTTPMethod
        var pattern: String
        var placement: HandlerPlacement
        var handler: RouteHandler
    }

    private var registrations: [Registration] = []

    public init() {}

    public mutating func add(_ method: HTTPMethod, _ pattern: String, placement: HandlerPlacement = .eventLoop,
                             _ handler: @escaping RouteHandler) {
        registrations.append(Registration(method: method, pattern: pattern, placement: placement, handler: handler))
    }

    public mutating func get(_ pattern: String, placement: HandlerPlacement = .eventLoop,
                             _ handler: @escaping RouteHandler) {
        add(.get, pattern, placement: placement, handler)
    }

    public mutating func post(_ pattern: String, placement: HandlerPlacement = .eventLoop,
                              _ handler: @escaping RouteHandler) {
        add(.post, pattern, placement: placement, handler)
    }

    public mutating func put(_ pattern: String, placement: HandlerPlacement = .eventLoop,
                             _ handler: @escaping RouteHandler) {
        add(.put, pattern, placement: placement, handler)
    }

    public mutating func delete(_ pattern: String, placement: HandlerPlacement = .eventLoop,
                                _ handler: @escaping RouteHandler) {
        add(.delete, pattern, placement: placement, handler)
    }

    /// Validates every registration and freezes the table. Throws one RouterError listing all problems.
    public func build() throws(RouterError) -> RouterResponder {
        var problems: [String] = []
        var seen: [String: String] = [:]
        var routes: [RouterResponder.Route] = []
        for registration in registrations {
            let method = registration.method.rawValue
            guard !method.isEmpty, method.utf8.allSatisfy(Byte.isToken) else {
                problems.append("Method \"\(method)\" is not a token.")
                continue
            }
            let pattern: RoutePattern
            do {
                pattern = try RoutePattern(registration.pattern)
            } catch {
                problems.append(error.message)
                continue
            }
            let key = method + " " + pattern.shape
            if let earlier = seen[key] {
                problems.append("\(method) \(pattern.text) duplicates \(method) \(earlier).")
                continue
            }
            seen[key] = pattern.text
            let endpoint = RouterResponder.Endpoint(placement: registration.placement, handler: registration.handler)
            if let index = routes.firstIndex(where: { $0.pattern == pattern }) {
                routes[index].endpoints[registration.method] = endpoint
            } else {
                routes.append(RouterResponder.Route(pattern: pattern, endpoints: [registration.method: endpoint]))
            }
        }
        if !problems.isEmpty { throw RouterError(problems.joined(separator: " ")) }
        // A stable sort keeps registration order among equally specific patterns.
        let ordered = routes.enumerated().sorted { a, b in
            if RoutePattern.moreSpecific(a.element.pattern, b.element.pattern) { return true }
            if RoutePattern.moreSpecific(b.element.pattern, a.element.pattern) { return false }
            return a.offset < b.offset
        }.map(\.element)
        return RouterResponder(routes: ordered)
    }
}

/// What a handler gets besides the request.
public struct RequestContext: Sendable {
    /// Captures of the matched pattern, percent-decoded ("/articles/{id}" on "/articles/a%20b" gives id "a b").
    public var pathParameters: [String: String]
    /// The query string, percent-decoded with "+" as space; repeated keys are kept in order.
    public var query: QueryParameters
    /// The X-Request-Id of this exchange (the client's when sane, else generated); also on the response.
    public var requestID: String
    public var client: ClientInfo

    public init(pathParameters: [String: String] = [:], query: QueryParameters = QueryParameters(),
                requestID: String, client: ClientInfo) {
        self.pathParameters = pathParameters
        self.query = query
        self.requestID = requestID
        self.client = client
    }
}

/// Decoded query parameters in request order.
public struct QueryParameters: Sendable, Equatable, Sequence {
    public struct Item: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    public private(set) var items: [Item] = []

    public init() {}

    /// Parses "a=1&b=x+y&a=%C3%A9"; pieces without "=" get an empty value, empty pieces are skipped. Nil when a
    /// component has malformed percent-encoding or is not UTF-8.
    public init?(parsing raw: String?) {
        guard let raw else { return }
        for piece in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let equals = piece.firstIndex(of: "=")
            let rawName = equals.map { piece[..<$0] } ?? piece
            let rawValue = equals.map { piece[piece.index(after: $0)...] } ?? ""
            guard let name = PercentDecoding.decode(rawName, plusAsSpace: true),
                  let value = PercentDecoding.decode(rawValue, plusAsSpace: true) else { return nil }
            items.append(Item(name: name, value: value))
        }
    }

    /// The first value of `name`.
    public subscript(name: String) -> String? { items.first { $0.name == name }?.value }
    /// Every value of `name`, in order.
    public func all(_ name: String) -> [String] { items.filter { $0.name == name }.map(\.value) }
    public func makeIterator() -> IndexingIterator<[Item]> { items.makeIterator() }
}

/// The frozen route table, safe to share between event loops and workers.
public struct RouterResponder: RequestHandler {
    struct Endpoint: Sendable {
        var placement: HandlerPlacement
        var handler: RouteHandler
    }

    struct Route: Sendable {
        var pattern: RoutePattern
        var endpoints: [HTTPMethod: Endpoint]
    }

    /// Methods of RFC 9110 §9 and PATCH (RFC 5789): unregistered ones get 405, any other method gets 501.
    static let knownMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE",
                                            "PATCH"]
    static let requestIDField = "X-Request-Id"

    let routes: [Route]
    private let implemented: Set<String>
    /// Patterns without captures, with their path ("/health") and endpoints: the common case resolves by
    /// comparing the path with a dozen short strings instead of splitting and percent-decoding the path and
    /// trying every pattern (a profile of GET /health showed routing at 13% of the request, done twice: for
    /// `placement` and for `handle`). Arrays rather than dictionaries: hashing the path and the method
    /// (SipHash, twice per resolution) cost more than these comparisons of small strings.
    private let staticRoutes: [(path: String, endpoints: [(method: HTTPMethod, endpoint: Endpoint)])]

    init(routes: [Route]) {
        self.routes = routes
        implemented = Self.knownMethods.union(routes.flatMap { $0.endpoints.keys.map(\.rawValue) })
        var staticRoutes: [(path: String, endpoints: [(method: HTTPMethod, endpoint: Endpoint)])] = []
        for route in routes {
            var path = ""
            for segment in route.pattern.segments {
                guard case .literal(let text) = segment else {
                    path = ""
                    break
                }
                path += "/" + text
            }
            if route.pattern.segments.isEmpty { path = "/" }
            // Routes are most specific first, and no two have the same static path (`build` rejects that).
            if !path.isEmpty && !staticRoutes.contains(where: { $0.path == path }) {
                let endpoints = route.endpoints.map { (method: $0.key, endpoint: $0.value) }
                staticRoutes.append((path: path, endpoints: endpoints))
            }
        }
        self.staticRoutes = staticRoutes
    }

    /// The endpoint of a capture-free route for exactly this path and method (GET's for HEAD), if any.
    private func staticEndpoint(path: String, method: HTTPMethod) -> Endpoint? {
        for route in staticRoutes where route.path == path {
            for candidate in route.endpoints where candidate.method == method {
                return candidate.endpoint
            }
            if method == .head {
                for candidate in route.endpoints where candidate.method == .get { return candidate.endpoint }
            }
            return nil
        }
        return nil
    }

    private enum Resolution {
        case found(Endpoint, captures: [String: String])
        case failed(HTTPError)
    }

    /// Finds the endpoint for a request: the first pattern (most specific first) that matches the path and has the
    /// method, or GET for HEAD.
    private func resolve(_ request: HTTPRequest) -> Resolution {
        let method = request.method
        // Literal segments never contain "%" (RoutePattern refuses it), so a path equal to a static pattern
        // matches it exactly; and a pattern without captures is the most specific of all that match, so the full search
        // below would pick the same endpoint. Anything else (another method: 405 or a capture route) goes there.
        // A method found here is implemented, so this comes before that check (one hash lookup fewer).
        if let endpoint = staticEndpoint(path: request.path, method: method) {
            return .found(endpoint, captures: [:])
        }
        guard implemented.contains(method.rawValue) else {
            return .failed(HTTPError(.notImplemented, detail: "The method \(method.rawValue) is not implemented."))
        }
        guard request.path.hasPrefix("/") else {
            return .failed(HTTPError(.notFound, detail: "No resource matches this request target."))
        }
        guard let path = Self.decodedSegments(request.path) else {
            return .failed(HTTPError(.badRequest, detail: "The path has malformed percent-encoding."))
        }
        var allowed: Set<String> = []
        for route in routes {
            guard let captures = route.pattern.match(path) else { continue }
            if let endpoint = route.endpoints[method] ?? (method == .head ? route.endpoints[.get] : nil) {
                return .found(endpoint, captures: captures)
            }
            for m in route.endpoints.keys {
                allowed.insert(m.rawValue)
                if m == .get { allowed.insert("HEAD") }
            }
        }
        if allowed.isEmpty {
            return .failed(HTTPError(.notFound, detail: "No resource matches this path."))
        }
        return .failed(HTTPError(.methodNotAllowed, detail: "The method \(method.rawValue) is not allowed here.",
                                 headers: ["Allow": allowed.sorted().joined(separator: ", ")]))
    }

    public func placement(for request: HTTPRequest) -> HandlerPlacement {
        if case .found(let endpoint, _) = resolve(request) { return endpoint.placement }
        return .eventLoop
    }

    public func handle(_ request: HTTPRequest, client: ClientInfo) -> HTTPResponse {
        let requestID = Self.requestID(for: request)
        var response: HTTPResponse
        switch resolve(request) {
        case .failed(let error):
            response = error.response
        case .found(let endpoint, let captures):
            if let query = QueryParameters(parsing: request.rawQuery) {
                let context = RequestContext(pathParameters: captures, query: query, requestID: requestID,
                                             client: client)
                do {
                    response = try endpoint.handler(request, context)
                } catch let error as any HTTPResponseError {
                    response = error.response
                } catch {
                    response = HTTPError.problem(.internalServerError, detail: "The server failed to answer.")
                }
            } else {
                response = HTTPError.problem(.badRequest, detail: "The query string has malformed percent-encoding.")
            }
        }
        response.headers.set(Self.requestIDField, requestID)
        return response
    }

    private static let requestIDSeed = UInt64.random(in: .min ... .max)
    private static let requestIDCounter = Atomic<UInt64>(0)

    /// The client's X-Request-Id when it is 1 to 200 visible ASCII characters, else 16 random hex digits.
    static func requestID(for request: HTTPRequest) -> String {
        if let given = request.headers[requestIDField], !given.isEmpty, given.utf8.count <= 200,
           given.utf8.allSatisfy(Byte.isVisible) {
            return given
        }
        // SplitMix64 of a random start plus a counter: distinct for every request of the process (the mix is a
        // bijection) and not guessable from outside, without the getrandom(2) call per request that
        // UInt64.random makes (it showed in profiles).
        var value = requestIDSeed &+ requestIDCounter.wrappingAdd(0x9E37_79B9_7F4A_7C15, ordering: .relaxed).newValue
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        value ^= value >> 31
        return String(unsafeUninitializedCapacity: 16) { buffer in
            for i in 0 ..< 16 {
                let digit = UInt8(truncatingIfNeeded: value >> (60 - 4 * UInt64(i)) & 0xF)
                buffer[i] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
            }
            return 16
        }
    }

    /// "/a/b%20c" → ["a", "b c"]; "/" → []; nil when a segment's percent-encoding is malformed.
    static func decodedSegments(_ path: String) -> [String]? {
        guard path.hasPrefix("/") else { return nil }
        if path == "/" { return [] }
        var out: [String] = []
        for raw in path.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard let segment = PercentDecoding.decode(raw, plusAsSpace: false) else { return nil }
            out.append(segment)
        }
        return out
    }
}
