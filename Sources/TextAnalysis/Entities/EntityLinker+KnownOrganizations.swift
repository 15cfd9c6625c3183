// Organizations the linker knows by name (entities/known-organizations.tsv, generated from PyPI packages by
// scripts/gen-known-organizations.py: listed companies, football and NBA clubs, UK parties). The tagger takes
// unseen firms and clubs for persons; an entity it voted a person is an organization when its name is listed
// (EntityLinker.link keeps people whose honorific or given name says so).
import Foundation

struct KnownOrganizations: Sendable {
    /// Names as `EntityLinker.normalize` writes them.
    let names: Set<String>

    init(names: Set<String>) { self.names = names }

    init(resources: ResourceLoader) throws {
        let file = "entities/known-organizations.tsv"
        var names: Set<String> = []
        for (line, text) in try resources.lines(file) {
            let fields = text.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2, !fields[0].isEmpty else {
                throw ResourceError("\(file):\(line): expected name<TAB>kind")
            }
            names.insert(EntityLinker.normalize(String(fields[0])))
        }
        self.init(names: names)
    }

    func contains(_ name: String) -> Bool { names.contains(EntityLinker.normalize(name)) }
}
