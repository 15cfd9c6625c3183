// Reading OpenSSL's thread-local error queue into one log line. Every SSL_* call site clears the queue first
// (ERR_clear_error) so what is read here belongs to the call that just failed, never to an earlier one.
internal import COpenSSL

enum OpenSSLErrors {
    /// Pops every queued error and joins their texts with "; "; "" when the queue is empty.
    static func drain() -> String {
        var parts: [String] = []
        var buffer = [CChar](repeating: 0, count: 256)
        while case let code = ERR_get_error(), code != 0 {
            let text = buffer.withUnsafeMutableBufferPointer { raw -> String in
                ERR_error_string_n(code, raw.baseAddress, raw.count)
                return String(cString: raw.baseAddress!)
            }
            parts.append(text)
        }
        return parts.joined(separator: "; ")
    }

    /// `message`, followed by OpenSSL's queued detail when there is any.
    static func describe(_ message: String) -> String {
        let detail = drain()
        return detail.isEmpty ? message : "\(message) (\(detail))"
    }
}
