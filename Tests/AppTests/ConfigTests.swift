// Config: layering of file, environment and flags; validation messages naming key and value.
import Testing
@testable import App

@Test func configDefaultsMatchTheDocumentedExample() throws {
    let example = Fixtures_repo("config/byline.conf.example")
    var fromFile = Config()
    try fromFile.apply(ConfigFile.load(path: example))
    #expect(fromFile == Config())
}

@Test func configFlagsOverrideEnvironmentWhichOverridesFile() throws {
    let file = try ConfigFile.parse("port 9000\nhost 0.0.0.0\nlog-level warn\n", path: "test.conf")
    let env = ConfigFile.environment(["BYLINE_PORT": "9001", "BYLINE_MAX_BODY_SIZE": "2mb", "PATH": "/bin"])
    var c = Config()
    try c.apply(file)
    try c.apply(env)
    try c.apply([ConfigFile.Entry(key: "port", value: "9002", origin: "--port")])
    #expect(c.port == 9002)
    #expect(c.host == "0.0.0.0")
    #expect(c.maxBodySize == 2 << 20)
    #expect(c.logLevel == "warn")
}

@Test(arguments: [
    ("port", "http", "port 'http'"),
    ("port", "70000", "port '70000'"),
    ("host", "example.com", "host 'example.com': not an IPv4 or IPv6 address or localhost"),
    ("host", "localhost.localdomain", "other names are not resolved"),
    ("host", "999.1.1.1", "host '999.1.1.1'"),
    ("host", "", "host ''"),
    ("trusted-proxies", "172.17.0.1, 172.17.0.0/16", "'172.17.0.0/16' is not an IPv4 or IPv6 address"),
    ("trusted-proxies", "nginx", "'nginx' is not"),
    ("max-body-size", "lots", "max-body-size 'lots'"),
    ("header-timeout", "-1s", "header-timeout '-1s'"),
    ("log-level", "loud", "log-level 'loud'"),
    ("api-key", "short", "api-key 'short'"),
    ("colour", "blue", "unknown key 'colour'"),
    ("commit-linger", "5s", "commit-linger '5s'"),
    ("commit-linger", "-1ms", "commit-linger '-1ms'"),
    ("commit-batch", "0", "commit-batch '0'"),
    ("commit-batch", "65", "commit-batch '65'"),
])
func configRejectsBadValuesNamingKeyAndValue(key: String, value: String, expected: String) {
    var c = Config()
    do {
        try c.apply(key: key, value: value, origin: "test.conf:3")
        Issue.record("accepted \(key) \(value)")
    } catch {
        #expect("\(error)".contains(expected))
        #expect("\(error)".contains("test.conf:3"))
    }
}

@Test(arguments: [("10mb", 10 << 20), ("512kb", 512 << 10), ("1g", 1 << 30), ("1048576", 1_048_576), ("7b", 7)])
func configParsesSizes(text: String, bytes: Int) {
    #expect(Config.parseSize(text) == bytes)
}

@Test(arguments: [("10s", 10.0), ("500ms", 0.5), ("2m", 120.0), ("1.5", 1.5)])
func configParsesDurations(text: String, seconds: Double) {
    #expect(Config.parseDuration(text) == seconds)
}

@Test func configFileRejectsKeyWithoutValue() {
    #expect(throws: ConfigError.self) { try ConfigFile.parse("port\n", path: "x.conf") }
}

/// A config file saved with CRLF line ends has one setting per line (it was read as one line, the first key's value
/// holding the rest), and its errors name the file's line.
@Test func configFileReadsLinesEndingInCRLF() throws {
    let entries = try ConfigFile.parse("# comment\r\nport 9000\r\n\r\napi-key-for-reads yes\r\nhost \"0.0.0.0\"\r\n",
                                       path: "x.conf")
    #expect(entries.map { "\($0.origin) \($0.key)=\($0.value)" }
            == ["x.conf:2 port=9000", "x.conf:4 api-key-for-reads=yes", "x.conf:5 host=0.0.0.0"])
    let error = try #require(throws: ConfigError.self) { try ConfigFile.parse("port 1\r\nhost\r\n", path: "x.conf") }
    #expect(error.description.hasPrefix("x.conf:2:"))
}

@Test func configValidateNeedsCertAndKeyForTLS() {
    var c = Config()
    c.tlsPort = 8443
    #expect(throws: ConfigError.self) { try c.validate() }
    c.tlsCert = "cert.pem"
    c.tlsKey = "key.pem"
    #expect(throws: Never.self) { try c.validate() }
}

/// A path inside the repository.
func Fixtures_repo(_ relative: String) -> String {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent(relative).path
}

import Foundation

@Test func environmentNamesThatAreNotSettingsAreLeftAlone() throws {
    let entries = ConfigFile.environment(["BYLINE_BIN": "/x", "BYLINE_SHARED": "/s", "BYLINE_PORT": "9"])
    #expect(entries.map(\.key) == ["port"])
}

@Test(arguments: [("0", 0.0), ("0ms", 0.0), ("15ms", 0.015), ("1s", 1.0)])
func commitLingerAcceptsZeroUpToOneSecond(value: String, seconds: Double) throws {
    var c = Config()
    try c.apply(key: "commit-linger", value: value, origin: "test")
    #expect(c.commitLinger == seconds)
}

/// The listener binds address literals, so those are what host accepts.
@Test(arguments: ["127.0.0.1", "0.0.0.0", "::1", "::", "fe80::1"])
func configHostTakesIPAddresses(value: String) throws {
    var c = Config()
    try c.apply(key: "host", value: value, origin: "test")
    #expect(c.host == value)
}

/// localhost is the one name host takes, as the loopback address the listener can bind.
@Test(arguments: ["localhost", "LocalHost"])
func configHostTakesLocalhostAsLoopback(value: String) throws {
    var c = Config()
    try c.apply(key: "host", value: value, origin: "test")
    #expect(c.host == "127.0.0.1")
    let file = try ConfigFile.parse("host \(value)\n", path: "test.conf")
    var fromFile = Config()
    try fromFile.apply(file)
    #expect(fromFile.host == "127.0.0.1")
}

@Test func serveFlagHostLocalhostResolvesToLoopback() throws {
    let serve = try ServeCommand.parse(["--host", "localhost", "--port", "0"])
    #expect(try serve.resolvedConfig(environment: [:]).host == "127.0.0.1")
    #expect(ServeCommand.helpMessage().contains("localhost"))
}
