import Testing
@testable import App

@Test func moduleLinks() { #expect(Bool(true)) }
