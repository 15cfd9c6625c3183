// Router and RouterResponder: path and query parameters, 404 / 405 + Allow / 501, HEAD through GET, the error
// shape, X-Request-Id, placement, and build-time validation.
import Foundation
import Testing
import HTTP1

private let client = ClientInfo(address: "127.0.0.1", port: 5000, isTLS: false)

private struct Secret: Error { let text = "database password is hunter2" }

private func text(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

private func ok(_ body: String) -> HTTPResponse {
    HTTPResponse(status: .ok, contentType: "text/plain", body: Array(body.utf8))
}

private func responder() throws -> RouterResponder {
    var router = Router()
    router.get("/") { _, _ in ok("root") }
    router.get("/articles") { _, _ in ok("list") }
    router.post("/articles", placement: .workerPool) { _, _ in ok("created") }
    router.get("/articles/latest") { _, _ in ok("latest") }
    router.get("/articles/{id}") { _, context in ok("article \(context.pathParameters["id"] ?? "?")") }
    router.delete("/articles/{id}") { _, context in ok("deleted \(context.pathParameters["id"] ?? "?")") }
    router.get("/articles/{id}/quotes/{n}") { _, c in
        ok("\(c.pathParameters["id"] ?? "?")#\(c.pathParameters["n"] ?? "?")")
    }
    router.get("/search") { _, context in
        let q = context.query
        return ok("q=\(q["q"] ?? "nil") tags=\(q.all("tag").joined(separator: ",")) e=\(q["e"] ?? "nil")")
    }
    router.get("/context") { _, context in ok("\(context.client.address):\(context.client.port) \(context.requestID)") }
    router.post("/invalid") { _, _ in
        throw HTTPError(.unprocessableContent, detail: "Text must not be empty.", extra: ["field": "text"])
    }
    router.get("/crash") { _, _ in throw Secret() }
    return try router.build()
}

private func call(_ method: HTTPMethod, _ target: String, headers: HTTPHeaders = ["Host": "a"]) throws
    -> HTTPResponse {
    try responder().handle(HTTPRequest(method: method, target: target, headers: headers), client: client)
}

@Test(arguments: [
    ("/", "root"), ("/articles", "list"), ("/articles/latest", "latest"), ("/articles/42", "article 42"),
    ("/articles/a%20b%2Fc", "article a b/c"), ("/articles/7/quotes/3", "7#3"), ("/articles/42?x=1", "article 42"),
    ("/articles/l%61test", "latest"), ("/articles/latest?x=1", "latest"), ("/articles?", "list"),
])
func routerMatchesPatternsAndDecodesCaptures(target: String, body: String) throws {
    let response = try call(.get, target)
    #expect(response.status == .ok)
    #expect(text(response) == body)
}

@Test func routerPrefersLiteralsButFallsThroughForOtherMethods() throws {
    #expect(text(try call(.get, "/articles/latest")) == "latest")
    #expect(text(try call(.delete, "/articles/latest")) == "deleted latest")
}

@Test func routerDecodesQueryParameters() throws {
    let response = try call(.get, "/search?q=news+today&tag=a&tag=b%26c&&e=%C3%A9&flag")
    #expect(text(response) == "q=news today tags=a,b&c e=é")
}

@Test(arguments: ["/search?q=%zz", "/search?q=%C3", "/articles/%G1"])
func routerRejectsMalformedPercentEncoding(target: String) throws {
    let response = try call(.get, target)
    #expect(response.status == .badRequest)
    #expect(response.headers["Content-Type"] == "application/problem+json")
}

@Test(arguments: ["/nope", "/articles/", "/articles/42/quotes", "//articles", "*"])
func routerAnswers404WhenNoPatternMatches(target: String) throws {
    let response = try call(.get, target)
    #expect(response.status == .notFound)
    #expect(problemJSON(response)["status"] as? Int == 404)
}

@Test(arguments: [
    (HTTPMethod.delete, "/articles", "GET, HEAD, POST"),
    (HTTPMethod.put, "/articles/42", "DELETE, GET, HEAD"),
    (HTTPMethod.post, "/", "GET, HEAD"),
])
func routerAnswers405WithSortedAllow(method: HTTPMethod, target: String, allow: String) throws {
    let response = try call(method, target)
    #expect(response.status == .methodNotAllowed)
    #expect(response.headers["Allow"] == allow)
}

@Test func routerAnswers501ForUnknownMethods() throws {
    #expect(try call(HTTPMethod("BREW"), "/articles").status == .notImplemented)
    #expect(try call(HTTPMethod("get"), "/articles").status == .notImplemented, "methods are case-sensitive")
}

@Test func routerAnswersHeadWithTheGetHandler() throws {
    let response = try call(.head, "/articles/42")
    #expect(response.status == .ok)
    #expect(text(response) == "article 42", "the serializer drops the body but keeps its length")
}

@Test func routerTurnsResponseErrorsIntoProblems() throws {
    let response = try call(.post, "/invalid")
    #expect(response.status == .unprocessableContent)
    let json = problemJSON(response)
    #expect(json["detail"] as? String == "Text must not be empty.")
    #expect(json["field"] as? String == "text")
}

@Test func routerHidesTheTextOfOtherErrors() throws {
    let response = try call(.get, "/crash")
    #expect(response.status == .internalServerError)
    #expect(!text(response).contains("hunter2"))
    #expect(problemJSON(response)["status"] as? Int == 500)
}

@Test(arguments: ["abc-123", String(repeating: "x", count: 200), "~!@#$%^&*()"])
func routerEchoesASaneRequestID(id: String) throws {
    for target in ["/articles", "/nope", "/crash"] {
        let response = try call(.get, target, headers: ["Host": "a", "X-Request-Id": id])
        #expect(response.headers["X-Request-Id"] == id, "\(target)")
    }
}

@Test(arguments: [nil, "", String(repeating: "x", count: 201), "has space", "tab\there", "caf\u{e9}"])
func routerGeneratesARequestIDWhenTheClientsIsMissingOrInsane(id: String?) throws {
    var headers: HTTPHeaders = ["Host": "a"]
    if let id { headers.add("X-Request-Id", id) }
    let first = try call(.get, "/articles", headers: headers).headers["X-Request-Id"] ?? ""
    let second = try call(.get, "/nope", headers: headers).headers["X-Request-Id"] ?? ""
    for generated in [first, second] {
        #expect(generated.count == 16 && generated.allSatisfy(\.isHexDigit), "\(generated)")
    }
    #expect(first != second)
}

@Test func routerPassesClientAndRequestIDToHandlers() throws {
    let response = try call(.get, "/context", headers: ["Host": "a", "X-Request-Id": "r1"])
    #expect(text(response) == "127.0.0.1:5000 r1")
}

@Test func routerReportsPlacementOfTheMatchedRoute() throws {
    let r = try responder()
    #expect(r.placement(for: HTTPRequest(method: .post, target: "/articles")) == .workerPool)
    #expect(r.placement(for: HTTPRequest(method: .get, target: "/articles")) == .eventLoop)
    #expect(r.placement(for: HTTPRequest(method: .get, target: "/nope")) == .eventLoop)
}

@Test(arguments: ["articles", "/a//b", "/a/", "/a/{}", "/a/{1x}", "/a/{id}/{id}", "/a/b{c}", "/a/{b", "/caf\u{e9}",
                  "/a%20b", "/a?b"])
func routerBuildRejectsBadPatterns(pattern: String) {
    var router = Router()
    router.get(pattern) { _, _ in ok("") }
    #expect(throws: RouterError.self) { try router.build() }
}

@Test func routerBuildRejectsDuplicateRoutesEvenWithOtherCaptureNames() {
    var router = Router()
    router.get("/a/{id}") { _, _ in ok("") }
    router.get("/a/{name}") { _, _ in ok("") }
    #expect(throws: RouterError.self) { try router.build() }
}

@Test func routerBuildAcceptsOneHandlerPerMethodAndPattern() throws {
    var router = Router()
    router.get("/a/{id}") { _, _ in ok("get") }
    router.put("/a/{id}") { _, _ in ok("put") }
    router.add(HTTPMethod("PURGE"), "/a/{id}") { _, _ in ok("purge") }
    let r = try router.build()
    let response = r.handle(HTTPRequest(method: HTTPMethod("PURGE"), target: "/a/1"), client: client)
    #expect(String(decoding: response.body, as: UTF8.self) == "purge", "registered methods are implemented")
}

@Test func routePatternParsesSegments() throws {
    let pattern = try RoutePattern("/articles/{id}/quotes")
    #expect(pattern.segments == [.literal("articles"), .capture("id"), .literal("quotes")])
    #expect(try RoutePattern("/").segments.isEmpty)
}
