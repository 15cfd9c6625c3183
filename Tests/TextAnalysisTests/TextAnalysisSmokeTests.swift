import Testing
@testable import TextAnalysis

@Test func moduleLinks() { #expect(Bool(true)) }
