// The Host field check of the request parser (RFC 9110 §7.2): reg-names, IP literals and ports, and the
// non-ASCII look-alikes (fullwidth digits, combining marks) that a Character-based check could let through.
import Testing
@testable import HTTP1

@Test(arguments: [
    ("example.com", true), ("example.com:8080", true), ("", true), ("a-b_c~d.e", true), ("x%41y", true),
    ("127.0.0.1:80", true), ("[::1]", true), ("[::1]:8443", true), ("[v1.fe80::a+en1]", false),
    ("[fe80::AbCd]", true), ("example.com:", true), ("[::1]:", true),
    ("exa mple.com", false), ("example.com:80a", false), ("[::1", false), ("[]", false), ("[::1]x", false),
    ("[::g]", false), ("a/b", false), ("a@b", false), ("düsseldorf.de", false), ("host:８０", false),
    ("[１::1]", false), ("[::1]\u{301}", false), ("a:\u{301}", false), ("a\u{0}b", false),
])
func hostFieldValidation(_ host: String, _ valid: Bool) {
    #expect(HeadScanner.isValidHost(host) == valid)
}

/// The bit masks behind `Byte.isToken` and `Byte.isRegName` hold exactly the characters the RFCs list.
@Test(arguments: [
    ("token", Byte.tokenCharacters, Byte.isToken as @Sendable (UInt8) -> Bool),
    ("reg-name", Byte.regNameCharacters, Byte.isRegName as @Sendable (UInt8) -> Bool),
])
func characterMasksMatchTheirSets(_ name: String, _ characters: String, _ test: @Sendable (UInt8) -> Bool) {
    let members = Set(characters.utf8)
    for c in 0 ... 255 {
        #expect(test(UInt8(c)) == members.contains(UInt8(c)), "\(name) byte \(c)")
    }
}
