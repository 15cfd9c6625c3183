// ClientAddress: X-Forwarded-For believed only from trusted proxies.
import Testing
@testable import App

@Test(arguments: [
    // peer, X-Forwarded-For values, trusted, expected client
    ("203.0.113.9", ["198.51.100.7"], [String](), "203.0.113.9"),          // untrusted peer: header ignored
    ("127.0.0.1", ["198.51.100.7"], ["127.0.0.1"], "198.51.100.7"),         // trusted proxy: real client
    ("127.0.0.1", ["6.6.6.6, 198.51.100.7"], ["127.0.0.1"], "198.51.100.7"), // spoofed left part ignored
    ("127.0.0.1", ["198.51.100.7, 10.0.0.2"], ["127.0.0.1", "10.0.0.2"], "198.51.100.7"), // chain of proxies
    ("127.0.0.1", ["<script>"], ["127.0.0.1"], "127.0.0.1"),                // garbage never logged
    ("127.0.0.1", [], ["127.0.0.1"], "127.0.0.1"),
])
func clientAddressTrustsForwardedForOnlyFromTrustedProxies(peer: String, xff: [String], trusted: [String],
                                                          expected: String) {
    #expect(ClientAddress.resolve(peer: peer, forwardedFor: xff, trustedProxies: trusted) == expected)
}
