// The entry point for analysis: builds the pipeline once from the resources, then turns input text into an
// annotated Document. Immutable after init, so one Analyzer serves every thread.

public final class Analyzer: Sendable {
    public let pipeline: Pipeline

    /// The standard pipeline (`standardComponents`).
    public convenience init(resources: ResourceLoader) throws {
        try self.init(components: Analyzer.standardComponents(resources: resources))
    }

    /// A custom pipeline; fails when a component needs an annotation no earlier component provides.
    public init(components: [any AnalysisComponent]) throws {
        self.pipeline = try Pipeline(components)
    }

    /// The components, in order. Adding a component is one line here (it must come after what it requires).
    public static func standardComponents(resources: ResourceLoader) throws -> [any AnalysisComponent] {
        [
            try Tokenizer(resources: resources),
            try SentenceSplitter(resources: resources),
            try EntityTagger(resources: resources),
            try EntityLinker(resources: resources),
            try QuoteExtractor(resources: resources),
            try TimexTagger(resources: resources),
            try TimelineBuilder(resources: resources),
        ]
    }

    /// Analyzes an input that may start with a `date YYYY-MM-DD` prefix; an explicit `date` wins over the prefix.
    public func analyze(_ input: String, date: CalendarDate? = nil) -> Document {
        var doc = ArticleInput.document(input, date: date)
        pipeline.run(&doc)
        return doc
    }
}
