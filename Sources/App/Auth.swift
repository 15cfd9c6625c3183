// The optional API key: required on writes (POST, DELETE) and, when configured, on reads. Sent as
// `Authorization: Bearer KEY` or `X-API-Key: KEY`, compared in constant time; keys are never logged.
import HTTP1

struct APIKeyCheck: Sendable {
    let key: [UInt8]?
    let forReads: Bool

    init(key: String?, forReads: Bool) {
        self.key = key.map { Array($0.utf8) }
        self.forReads = forReads
    }

    /// Whether this request may proceed.
    func allows(_ request: HTTPRequest) -> Bool {
        guard let key else { return true }
        let isWrite = !(request.method == .get || request.method == .head || request.method == .options)
        if !isWrite, !forReads { return true }
        if isWrite || forReads, request.path == "/health" || request.path == "/ready" { return true }
        guard let presented = APIKeyCheck.presentedKey(request.headers) else { return false }
        return APIKeyCheck.constantTimeEqual(Array(presented.utf8), key)
    }

    static func presentedKey(_ headers: HTTPHeaders) -> String? {
        if let auth = headers["Authorization"] {
            let parts = auth.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]) }
        }
        return headers["X-API-Key"]
    }

    /// Compares every byte whatever the first difference, so timing does not leak the key's prefix.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var diff = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<b.count { diff |= b[i] ^ (i < a.count ? a[i] : 0) }
        return diff == 0
    }
}
