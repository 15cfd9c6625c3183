// Which address a request came from, for the access log and rate decisions. X-Forwarded-For is believed only
// when the socket peer is a configured trusted proxy; then the client is the rightmost address in the header
// that is not itself a trusted proxy (what nginx's real_ip_recursive does). A spoofed header from any other
// peer is ignored.
enum ClientAddress {
    static func resolve(peer: String, forwardedFor: [String], trustedProxies: [String]) -> String {
        guard trustedProxies.contains(peer), !forwardedFor.isEmpty else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        for hop in hops.reversed() where !trustedProxies.contains(hop) {
            return isPlausibleAddress(hop) ? hop : peer
        }
        return hops.first.map { isPlausibleAddress($0) ? $0 : peer } ?? peer
    }

    /// An IPv4 or IPv6 literal (digits, hex, dots, colons), so the log never carries arbitrary header text.
    static func isPlausibleAddress(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 45 && s.allSatisfy { $0.isHexDigit || $0 == "." || $0 == ":" }
    }
}
