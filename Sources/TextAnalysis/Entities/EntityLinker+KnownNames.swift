// Well-known names with the type they have in news whatever the tagger voted (entities/known-names.tsv, checked by
// hand): firms typed persons or places by their look ("Google", "Nokia"), awards typed persons ("Oscar"),
// competitions and events typed places or organizations ("Premiership", "Consumer Electronics Show"). How the
// linker uses them: EntityLinker+Types.swift.
import Foundation

struct KnownNames: Sendable {
    /// Names as `EntityLinker.normalize` writes them → their type.
    let types: [String: EntityType]

    init(types: [String: EntityType]) { self.types = types }

    init(resources: ResourceLoader) throws {
        let file = "entities/known-names.tsv"
        var types: [String: EntityType] = [:]
        for (line, text) in try resources.lines(file) {
            let fields = text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, !fields[0].isEmpty, let type = EntityType(rawValue: fields[1]),
                  type == .organization || type == .misc else {
                throw ResourceError("\(file):\(line): expected name<TAB>ORG or MISC<TAB>kind")
            }
            let key = EntityLinker.normalize(fields[0])
            if let other = types[key], other != type {
                throw ResourceError("\(file):\(line): \(fields[0]) is \(other.rawValue) on an earlier row")
            }
            types[key] = type
        }
        self.init(types: types)
    }

    func type(of name: String) -> EntityType? { types[EntityLinker.normalize(name)] }
}
