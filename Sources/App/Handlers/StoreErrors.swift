// Storage failures as HTTP answers: bad input or cursor → 400, disk full / I/O / busy / read-only → 503
// (reads keep working while writes fail), anything else → 500 without SQLite's text.
import HTTP1
import Storage

struct StoreFailure: HTTPResponseError {
    let error: StorageError
    /// The query parameter the error is about, when known.
    var field: String? = nil

    var status: HTTPStatus {
        if error.isClientError { return .badRequest }
        if error.isUnavailable { return .serviceUnavailable }
        return .internalServerError
    }
    var detail: String {
        if error.isClientError { return error.message }
        if error.isUnavailable { return "the store cannot take writes right now (\(error.kind)); nothing was saved" }
        return "an internal error occurred"
    }
    var extra: [String: String] {
        let named = field ?? error.parameter ?? (error.kind == .invalidCursor ? "cursor" : nil)
        return named.map { ["field": $0] } ?? [:]
    }
    var headers: HTTPHeaders { error.isUnavailable ? ["Retry-After": "5"] : HTTPHeaders() }
}

/// Runs a storage call, mapping its typed error.
func storing<T>(_ body: () throws(StorageError) -> T) throws -> T {
    do { return try body() } catch { throw StoreFailure(error: error) }
}
