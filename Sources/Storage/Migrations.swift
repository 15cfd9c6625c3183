// Migrations: the schema as an ordered list of named steps. Each step runs once, in its own transaction, and is
// recorded in schema_migrations; reopening a database applies only the steps it lacks. Never edit a shipped
// step: append a new one.
struct Migration: Sendable {
    let name: String
    let sql: String
    /// Work SQL cannot say (a fold that must equal Swift's, a merge the writer already knows how to do), run after
    /// `sql` in the same transaction.
    let code: (@Sendable (Database) throws(StorageError) -> Void)?

    init(name: String, sql: String, code: (@Sendable (Database) throws(StorageError) -> Void)? = nil) {
        self.name = name
        self.sql = sql
        self.code = code
    }
}

enum Migrations {
    static func apply(_ db: Database, _ steps: [Migration] = Schema.migrations) throws(StorageError) {
        try db.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations(
                name TEXT PRIMARY KEY NOT NULL,
                applied_at TEXT NOT NULL)
            """)
        for step in steps {
            try db.transaction { () throws(StorageError) in
                // Checked inside the write transaction, so two processes opening one file cannot both apply it.
                let done = try db.scalarInt("SELECT 1 FROM schema_migrations WHERE name = ?", [.text(step.name)])
                guard done == nil else { return }
                try db.execute(step.sql)
                try step.code?(db)
                try db.statement("""
                    INSERT INTO schema_migrations(name, applied_at)
                    VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                    """).run([.text(step.name)])
            }
        }
    }

    /// Names of the applied steps, in order of application.
    static func applied(_ db: Database) throws(StorageError) -> [String] {
        try db.statement("SELECT name FROM schema_migrations ORDER BY rowid").rows { $0.text(0) }
    }
}
