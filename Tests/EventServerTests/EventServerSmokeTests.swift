import Testing
@testable import EventServer

@Test func moduleLinks() { #expect(Bool(true)) }
