// Small helpers every handler uses to answer JSON and to turn decoding failures into problem+json.
import Foundation
import HTTP1

enum JSONResponse {
    /// A JSON response from Foundation values (dictionaries, arrays, strings, numbers, NSNull), keys sorted so
    /// output is stable.
    static func make(_ object: Any, status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        var response = HTTPResponse(status: status, contentType: "application/json", body: Array(data))
        for field in headers { response.headers.add(field.name, field.value) }
        return response
    }

    /// Raw JSON bytes the caller already encoded.
    static func bytes(_ body: [UInt8], status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "application/json", body: body)
    }
}

extension SubmissionError: HTTPResponseError {
    var status: HTTPStatus { kind == .unsupportedMediaType ? .unsupportedMediaType : .badRequest }
    var extra: [String: String] { field.map { ["field": $0] } ?? [:] }
}

/// A query parameter error: 400 naming the parameter.
struct ParameterError: HTTPResponseError {
    let name: String
    let problem: String
    var status: HTTPStatus { .badRequest }
    var detail: String { "query parameter '\(name)' \(problem)" }
    var extra: [String: String] { ["field": name] }
}
