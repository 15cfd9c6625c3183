// Placeholder until the Storage issue lands: owns the SQLite connection.
import CSQLite
