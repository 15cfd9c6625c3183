// APIKeyCheck: writes need the key, reads only when configured, both header forms, constant-time compare.
import Testing
import HTTP1
@testable import App

private let key = "0123456789abcdef-secret"

@Test(arguments: [
    ("POST", "/articles", [String: String](), false, false),
    ("POST", "/articles", ["Authorization": "Bearer \(key)"], false, true),
    ("DELETE", "/articles/1", ["X-API-Key": key], false, true),
    ("POST", "/articles", ["X-API-Key": key + "x"], false, false),
    ("POST", "/articles", ["Authorization": "Basic \(key)"], false, false),
    ("GET", "/entities", [String: String](), false, true),
    ("GET", "/entities", [String: String](), true, false),
    ("GET", "/entities", ["Authorization": "bearer \(key)"], true, true),
    ("GET", "/health", [String: String](), true, true),
])
func apiKeyGuardsWritesAndOptionallyReads(method: String, path: String, headers: [String: String],
                                          forReads: Bool, allowed: Bool) {
    let check = APIKeyCheck(key: key, forReads: forReads)
    let request = HTTPRequest(method: HTTPMethod(method), target: path,
                              headers: HTTPHeaders(headers.map { ($0.key, $0.value) }))
    #expect(check.allows(request) == allowed)
}

@Test func apiKeyAbsentMeansOpen() {
    let check = APIKeyCheck(key: nil, forReads: true)
    #expect(check.allows(HTTPRequest(method: .post, target: "/articles")))
}

@Test(arguments: [("abc", "abc", true), ("abc", "abd", false), ("ab", "abc", false), ("abcd", "abc", false)])
func constantTimeEqualComparesWholeKeys(a: String, b: String, equal: Bool) {
    #expect(APIKeyCheck.constantTimeEqual(Array(a.utf8), Array(b.utf8)) == equal)
}
