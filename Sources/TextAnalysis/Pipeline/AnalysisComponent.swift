// A pipeline component: a name, the annotations it needs and the ones it adds, and a process step.
// The Pipeline checks the order once, when built (spaCy's requires/assigns, CoreNLP's requirementsSatisfied).
public enum Annotation: String, Sendable, Hashable, CaseIterable {
    case tokens, sentences, paragraphs, mentions, entities, quotes, timexes, timeline
}

public protocol AnalysisComponent: Sendable {
    var name: String { get }
    var requires: Set<Annotation> { get }
    var provides: Set<Annotation> { get }
    func process(_ document: inout Document)
}

public struct PipelineError: Error, CustomStringConvertible, Equatable {
    public let description: String
}

/// An ordered list of components whose requirements are met by the ones before them.
public struct Pipeline: Sendable {
    public let components: [any AnalysisComponent]

    public init(_ components: [any AnalysisComponent]) throws {
        var have = Set<Annotation>()
        for c in components {
            let missing = c.requires.subtracting(have)
            if !missing.isEmpty {
                let names = missing.map(\.rawValue).sorted().joined(separator: ", ")
                throw PipelineError(description: "component \(c.name) needs \(names), which no earlier component provides")
            }
            have.formUnion(c.provides)
        }
        self.components = components
    }

    public func run(_ document: inout Document) {
        for c in components { c.process(&document) }
    }
}
