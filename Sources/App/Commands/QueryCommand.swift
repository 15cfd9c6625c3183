// `byline query entities|quotes|timeline|articles [name=value ...]` prints the same JSON as the API's list
// endpoints, straight from the store (no server needed).
import ArgumentParser
import Foundation
import HTTP1

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Query the store: byline query quotes speaker=Blinken limit=5")

    @OptionGroup var store: StoreOptions

    @Argument(help: "articles, entities, quotes or timeline.")
    var kind: String

    @Argument(help: "Filters as name=value, the API's query parameters (q=..., type=PER, from=2021 ...).")
    var filters: [String] = []

    /// Checked here rather than in `run` so that ArgumentParser prints this command's usage, not the root's.
    func validate() throws {
        guard ListQuery(rawValue: kind) != nil else {
            throw ValidationError("unknown query '\(kind)': use articles, entities, quotes or timeline")
        }
        for filter in filters {
            guard let eq = filter.firstIndex(of: "="), eq != filter.startIndex else {
                throw ValidationError("filter '\(filter)' is not name=value")
            }
        }
    }

    func run() throws {
        guard let query = ListQuery(rawValue: kind) else { throw ExitCode.validationFailure }
        var encoded: [String] = []
        for filter in filters {
            guard let eq = filter.firstIndex(of: "=") else { throw ExitCode.validationFailure }
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
            let name = String(filter[..<eq]).addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
            let value = String(filter[filter.index(after: eq)...]).addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
            encoded.append("\(name)=\(value)")
        }
        guard let parameters = QueryParameters(parsing: encoded.joined(separator: "&")) else {
            throw CommandError("cannot read the filters")
        }
        let object: JSONValue
        let opened = try store.openStore(creating: false, verify: false)
        do { object = try query.run(parameters, store: opened) } catch let error as any HTTPResponseError {
            throw CommandError(error.detail)
        }
        FileHandle.standardOutput.write(Data(object.encoded() + Array("\n".utf8)))
    }
}
