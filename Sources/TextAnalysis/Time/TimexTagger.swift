// The time-expression component: extraction (TimexExtractor) then normalization (TimexResolver) against the
// document's date. Runs over the body text (after any `date YYYY-MM-DD` prefix); sentences bound the tense
// search but the matcher does not depend on token boundaries.

public struct TimexTagger: AnalysisComponent {
    public let name = "timex"
    public let requires: Set<Annotation> = [.tokens, .sentences]
    public let provides: Set<Annotation> = [.timexes]
    public let extractor: TimexExtractor
    public let resolver = TimexResolver()

    public init(resources: ResourceLoader) throws {
        extractor = try TimexExtractor(resources: resources)
    }

    public func process(_ document: inout Document) {
        let start = min(document.bodyStart, document.scalars.count)
        document.timexes = tag(document.scalars, range: start..<document.scalars.count,
                               sentences: document.sentences.map(\.chars), reference: document.date)
    }

    /// Extracts and resolves; `reference` is the date relative expressions count from (nil leaves X digits).
    public func tag(_ scalars: [Unicode.Scalar], range: Range<Int>? = nil, sentences: [CharRange] = [],
                    reference: CalendarDate?) -> [Timex] {
        var mentioned: String?
        return extractor.extract(scalars, range: range, sentences: sentences).map {
            let value = resolver.resolve($0.value, reference: reference, tense: $0.tense, mentioned: mentioned)
            // Anaphoric values do not become the anchor themselves (no chain of "a year earlier"s).
            if $0.type == .date, value.first?.isNumber == true, !$0.value.contains("mentioned") { mentioned = value }
            return Timex(chars: $0.chars, type: $0.type, value: value, rule: $0.rule, mod: $0.mod)
        }
    }
}
