// `byline backup PATH`: a consistent copy of the live database through SQLite's online backup API, safe while
// `byline serve` keeps writing.
import ArgumentParser
import Foundation

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to PATH while the service runs (SQLite online backup).")

    @OptionGroup var store: StoreOptions

    @Argument(help: "Where to write the copy (must not exist).")
    var path: String

    /// Checked here rather than in `run` so that ArgumentParser prints this command's usage, not the root's.
    func validate() throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("\(path) exists; choose a new file")
        }
    }

    func run() throws {
        let source = try store.openStore(creating: false)
        do { try source.backup(to: path) } catch {
            throw CommandError("backup to \(path) failed: \(error)")
        }
        FileHandle.standardError.write(Data("byline backup: wrote \(path)\n".utf8))
    }
}
