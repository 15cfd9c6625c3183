// The problem+json error shape (RFC 9457): members, escaping, extra members, and the parser-error answer.
import Foundation
import Testing
import HTTP1

func problemJSON(_ response: HTTPResponse) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
}

@Test func problemHasTheRFC9457Members() {
    let response = HTTPError.problem(.notFound, detail: "No article 42.")
    #expect(response.status == .notFound)
    #expect(response.headers["Content-Type"] == "application/problem+json")
    let json = problemJSON(response)
    #expect(json["type"] as? String == "about:blank")
    #expect(json["title"] as? String == "Not Found")
    #expect(json["status"] as? Int == 404)
    #expect(json["detail"] as? String == "No article 42.")
    #expect(json.count == 4)
}

@Test func problemCarriesExtraMembersButNotOverStandardOnes() {
    let response = HTTPError.problem(.unprocessableContent, detail: "Text is empty.",
                                     extra: ["field": "text", "status": "200", "title": "fake"])
    let json = problemJSON(response)
    #expect(json["field"] as? String == "text")
    #expect(json["status"] as? Int == 422)
    #expect(json["title"] as? String == "Unprocessable Content")
}

@Test func problemEscapesJSONText() {
    let tricky = "quote \" backslash \\ newline \n tab \t nul \u{0} bell \u{7} é 😀 \u{2028}"
    let json = problemJSON(HTTPError.problem(.badRequest, detail: tricky, extra: ["k\"ey": tricky]))
    #expect(json["detail"] as? String == tricky)
    #expect(json["k\"ey"] as? String == tricky)
}

@Test func responseErrorTypesAndHeadersReachTheResponse() {
    let error = HTTPError(.serviceUnavailable, detail: "Busy.", type: "https://byline.example/problems/busy",
                          headers: ["Retry-After": "5"])
    let response = error.response
    #expect(response.headers["Retry-After"] == "5")
    #expect(problemJSON(response)["type"] as? String == "https://byline.example/problems/busy")
}

@Test func parseErrorBecomesAProblem() {
    let response = HTTPParseError(status: .headersTooLarge, detail: "Too many fields.").response
    #expect(response.status.code == 431)
    #expect(problemJSON(response)["detail"] as? String == "Too many fields.")
}
