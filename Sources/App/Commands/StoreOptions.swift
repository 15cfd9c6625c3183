// Options shared by the commands that open the store directly (import, query, backup): the database comes
// from --database, else BYLINE_DATABASE, else the config file, else the default, as for `byline serve`.
import ArgumentParser
import Foundation
import Storage

struct StoreOptions: ParsableArguments {
    @Option(help: "Configuration file (key value lines).")
    var config: String?
    @Option(help: "SQLite database file (default ./data/byline.db).")
    var database: String?

    func resolvedConfig() throws -> Config {
        try Config.layered(file: config, environment: ProcessInfo.processInfo.environment,
                           flags: database.map { [ConfigFile.Entry(key: "database", value: $0, origin: "--database")] } ?? [])
    }

    /// Opens the store. Only `import` creates a missing database: for query and backup a mistyped path must be
    /// an error, not a new empty database (and folder) that answers every query with nothing. `verify` runs
    /// PRAGMA quick_check first, which reads the whole file (1.5 s at 100,000 articles): worth it before a
    /// backup or an import, not before each one-page query a script may run hundreds of times.
    func openStore(creating: Bool, verify: Bool = true) throws -> ArticleStore {
        let path = try resolvedConfig().database
        if !creating, path != ":memory:", !FileManager.default.fileExists(atPath: path) {
            throw CommandError("there is no database at \(path) (give --database, or create it with byline import "
                               + "or byline serve)")
        }
        do { return try Service.openStore(path: path, options: ArticleStore.Options(quickCheck: verify)) } catch {
            throw CommandError("cannot open the database \(path): \(error)")
        }
    }
}
