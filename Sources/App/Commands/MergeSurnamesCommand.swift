// `byline merge-surnames`: heals a store written before the surname merge (or a rule of it) existed. Each
// surname-only person ("Bush", from articles that never gave more) that the store's write-time rule would now
// merge into the one full-name person of that surname ("George W Bush") is merged, all in one transaction (safe
// while `byline serve` runs: its writes wait for the commit). Prints one JSON line per merge on stdout and a count
// on stderr; `--dry-run` prints the same and changes nothing. Running it twice merges nothing the second time.
import ArgumentParser
import Foundation
import Storage

struct MergeSurnamesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-surnames",
        abstract: "Merge surname-only people into the one full-name person of their surname (one transaction).")

    @OptionGroup var store: StoreOptions

    @Flag(help: "List the merges without making them.")
    var dryRun = false

    func run() throws {
        let articleStore = try store.openStore(creating: false)
        let merged: [PeopleMerged]
        do { merged = try articleStore.mergeSurnameOnlyPeople(apply: !dryRun) } catch {
            throw CommandError("merge-surnames failed, nothing changed: \(error)")
        }
        var out: [UInt8] = []
        for m in merged {
            out += JSONValue.object([("surname_id", .int(m.surnameId)), ("surname", .string(m.surnameName)),
                                     ("articles", .int(Int64(m.articles))),
                                     ("into_id", .int(m.fullId)), ("into", .string(m.fullName))]).encoded()
            out.append(UInt8(ascii: "\n"))
        }
        FileHandle.standardOutput.write(Data(out))
        let verb = dryRun ? "would merge" : "merged"
        FileHandle.standardError.write(Data("byline merge-surnames: \(verb) \(merged.count) surname-only people\n".utf8))
    }
}
