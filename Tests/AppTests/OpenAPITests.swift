// The committed OpenAPI document is served at /openapi.json, lists every route, and real responses match
// its schemas.
import Foundation
import Testing
import TestSupport
@testable import App

@Suite(.serialized) struct OpenAPITests {
    @Test func realResponsesMatchTheOpenAPISchemas() throws {
        let live = try LiveService()
        let served = try live.request("GET", "/openapi.json")
        #expect(served.status == 200)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(served.body)) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let checker = SchemaChecker(document: document)

        let seed = "date 2021-03-18\nAntony Blinken said on Thursday that \"talks will resume\" in Seoul."
        let created = try live.request("POST", "/articles?title=T", text: seed)
        let id = created.json["id"] as? Int ?? 0
        let calls: [(method: String, target: String, path: String, body: String?)] = [
            ("GET", "/health", "/health", nil), ("GET", "/ready", "/ready", nil), ("GET", "/version", "/version", nil),
            ("POST", "/analyze", "/analyze", seed), ("POST", "/articles", "/articles", seed),
            ("POST", "/articles", "/articles", "Another text about Oslo and Norway."),
            ("GET", "/articles", "/articles", nil), ("GET", "/articles/\(id)", "/articles/{id}", nil),
            ("GET", "/articles/999999", "/articles/{id}", nil), ("GET", "/entities", "/entities", nil),
            ("GET", "/entities?limit=0", "/entities", nil), ("GET", "/quotes", "/quotes", nil),
            ("GET", "/timeline", "/timeline", nil), ("POST", "/analyze", "/analyze", "\u{FFFF}"),
        ]
        for call in calls {
            let response = try live.request(call.method, call.target, text: call.body ?? "")
            let contentType = response.header("Content-Type") ?? ""
            let schema = try #require(checker.responseSchema(path: call.path, method: call.method,
                                                             status: response.status, contentType: contentType),
                                      "no schema for \(call.method) \(call.path) \(response.status) \(contentType)")
            let value = try JSONSerialization.jsonObject(with: Data(response.body), options: [.fragmentsAllowed])
            let problems = checker.check(value, against: schema)
            #expect(problems.isEmpty, "\(call.method) \(call.target): \(problems.prefix(5))")
        }
        // Prefer: return=minimal leaves the analysis out, for a new text and for one stored already.
        for text in ["A third text, about Bergen.", "A third text, about Bergen."] {
            let minimal = try live.request("POST", "/articles", text: text, headers: ["Prefer": "return=minimal"])
            let schema = try #require(checker.responseSchema(path: "/articles", method: "POST", status: minimal.status,
                                                             contentType: minimal.header("Content-Type") ?? ""))
            let problems = checker.check(try JSONSerialization.jsonObject(with: Data(minimal.body)), against: schema)
            #expect(problems.isEmpty, "minimal \(minimal.status): \(problems.prefix(5))")
        }
        if let entities = try live.request("GET", "/entities").json["items"] as? [[String: Any]],
           let first = entities.first?["id"] as? Int {
            let detail = try live.request("GET", "/entities/\(first)")
            let schema = try #require(checker.responseSchema(path: "/entities/{id}", method: "GET", status: 200,
                                                             contentType: "application/json"))
            let problems = checker.check(try JSONSerialization.jsonObject(with: Data(detail.body)), against: schema)
            #expect(problems.isEmpty, "\(problems.prefix(5))")
        }
    }

    /// The client errors the server answers are in the document with their problem+json schema (the batch's 400
    /// and 415 were only in its prose; an unknown parameter on /articles/{id} and /entities/{id} is a 400).
    @Test func clientErrorsTheServerAnswersAreDocumented() throws {
        let live = try LiveService()
        let document = try #require(try JSONSerialization.jsonObject(
            with: Data(try live.request("GET", "/openapi.json").body)) as? [String: Any])
        let checker = SchemaChecker(document: document)
        let stored = "Angela Merkel met Emmanuel Macron in Paris."
        #expect(try live.request("POST", "/articles?date=2021-03-18", text: stored).status == 201)
        let next = try #require(try live.request("GET", "/entities?limit=1").json["next"] as? String)
        let calls: [(method: String, target: String, path: String, body: String, headers: [String: String], status: Int)] = [
            ("POST", "/articles/batch", "/articles/batch", "[{\"text\": \"A.\"}]", [:], 400),
            ("POST", "/articles/batch?x=1", "/articles/batch", "", [:], 400),
            ("POST", "/articles/batch", "/articles/batch", "{\"text\": \"A.\"}",
             ["Content-Type": "application/x-ndjson; charset=utf-16"], 415),
            ("GET", "/articles/1?x=1", "/articles/{id}", "", [:], 400),
            ("GET", "/entities/1?x=1", "/entities/{id}", "", [:], 400),
            ("DELETE", "/articles/1?x=1", "/articles/{id}", "", [:], 400),
            // The stored text with another date; a cursor of another query.
            ("POST", "/articles?date=2021-03-19", "/articles", stored, [:], 409),
            ("GET", "/entities?type=LOC&cursor=\(next)", "/entities", "", [:], 400),
        ]
        for call in calls {
            let response = try live.request(call.method, call.target, text: call.body, headers: call.headers)
            #expect(response.status == call.status, "\(call.method) \(call.target)")
            let schema = checker.responseSchema(path: call.path, method: call.method, status: response.status,
                                                contentType: response.header("Content-Type") ?? "")
            #expect(schema != nil, "\(call.method) \(call.path) \(response.status) is not documented")
        }
    }

    @Test func everyRouteIsDocumented() throws {
        let live = try LiveService()
        let document = try #require(try JSONSerialization.jsonObject(
            with: Data(try live.request("GET", "/openapi.json").body)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: Any])
        for path in ["/health", "/ready", "/version", "/metrics", "/openapi.json", "/analyze", "/articles",
                     "/articles/batch", "/articles/{id}", "/entities", "/entities/{id}", "/quotes", "/timeline"] {
            #expect(paths[path] != nil, "\(path) is not in openapi.json")
        }
    }
}

@Test(arguments: [
    (#"{"items": [], "next": null}"#, true),
    (#"{"items": []}"#, false),
    (#"{"items": [{"id": "7"}], "next": null}"#, false),
    (#"{"items": 3, "next": null}"#, false),
    (#"{"items": [], "next": 5}"#, false),
])
func schemaCheckerCatchesMismatches(json: String, valid: Bool) throws {
    let document: [String: Any] = ["components": ["schemas": ["Row": ["type": "object", "required": ["id"],
                                                                       "properties": ["id": ["type": "integer"]]]]]]
    let schema: [String: Any] = ["type": "object", "required": ["items", "next"], "properties": [
        "items": ["type": "array", "items": ["$ref": "#/components/schemas/Row"]], "next": ["type": ["string", "null"]]]]
    let value = try JSONSerialization.jsonObject(with: Data(json.utf8))
    #expect(SchemaChecker(document: document).check(value, against: schema).isEmpty == valid)
}
