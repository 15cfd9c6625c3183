// StorageError: every failure Storage reports, with SQLite's own detail (result code, extended code, message,
// SQL) and a coarse kind the App maps to a status: unavailable kinds (disk full, I/O, busy, read-only) → 503,
// invalid input or cursor → 400. SQL arguments are never included: they may hold article text.
import CSQLite

public struct StorageError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// SQLITE_FULL: the disk (or the quota) is full. Nothing of the failed transaction was written.
        case diskFull
        /// SQLITE_IOERR_*, SQLITE_CANTOPEN, SQLITE_NOMEM: the OS refused a read, write or fsync.
        /// Never retried: after a failed fsync the page cache may not match the disk ("fsyncgate").
        case ioError
        /// SQLITE_BUSY / SQLITE_LOCKED after busy_timeout expired.
        case busy
        /// SQLITE_READONLY: the file or the directory is not writable.
        case readOnly
        /// SQLITE_CORRUPT / SQLITE_NOTADB or a failed quick_check.
        case corrupt
        /// SQLITE_CONSTRAINT: a schema rule refused the row (a bug in Storage or bad input).
        case constraint
        /// The caller passed a value Storage refuses (bad date, unknown local entity id, limit out of range).
        case invalidArgument
        /// A pagination cursor that is not one of ours, or belongs to another query or sort.
        case invalidCursor
        /// Anything else SQLite reported (SQLITE_ERROR for a bad statement, SQLITE_MISUSE ...).
        case other
    }

    public let kind: Kind
    /// The primary SQLite result code (SQLITE_FULL = 13 ...), 0 for errors Storage raises itself.
    public let code: Int32
    /// The extended result code (SQLITE_IOERR_FSYNC = 1034 ...), equal to `code` when there is none.
    public let extendedCode: Int32
    public let message: String
    /// The statement that failed, when there is one.
    public let sql: String?
    /// The query parameter a client error is about ("cursor", "q"), so the API's answer can name it.
    public var parameter: String?

    public init(kind: Kind, code: Int32 = 0, extendedCode: Int32 = 0, message: String, sql: String? = nil) {
        self.kind = kind
        self.code = code
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    /// Builds the error from a failed call on `db` (reads sqlite3_errmsg and the extended code).
    init(resultCode: Int32, db: OpaquePointer?, sql: String? = nil) {
        let primary = resultCode & 0xff
        var extended = resultCode
        if resultCode <= 0xff, let db, sqlite3_extended_errcode(db) & 0xff == primary {
            extended = sqlite3_extended_errcode(db)
        }
        var text = String(cString: sqlite3_errstr(resultCode))
        if let db, sqlite3_errcode(db) & 0xff == primary, let msg = sqlite3_errmsg(db) { text = String(cString: msg) }
        self.init(kind: StorageError.classify(primary), code: primary, extendedCode: extended, message: text, sql: sql)
    }

    static func classify(_ primary: Int32) -> Kind {
        switch primary {
        case SQLITE_FULL: return .diskFull
        case SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_NOMEM, SQLITE_PROTOCOL: return .ioError
        case SQLITE_BUSY, SQLITE_LOCKED: return .busy
        case SQLITE_READONLY: return .readOnly
        case SQLITE_CORRUPT, SQLITE_NOTADB: return .corrupt
        case SQLITE_CONSTRAINT: return .constraint
        default: return .other
        }
    }

    static func invalid(_ message: String, parameter: String? = nil) -> StorageError {
        var error = StorageError(kind: .invalidArgument, message: message)
        error.parameter = parameter
        return error
    }

    /// True when the service should answer 503 (try again later) rather than 500: the store is healthy but the
    /// machine is not (disk full, I/O error, lock timeout, read-only file).
    public var isUnavailable: Bool {
        switch kind {
        case .diskFull, .ioError, .busy, .readOnly: return true
        default: return false
        }
    }

    /// True when the caller's input was at fault (App answers 400).
    public var isClientError: Bool { kind == .invalidArgument || kind == .invalidCursor }

    public var description: String {
        var s = "StorageError.\(kind): \(message)"
        if code != 0 { s += " (code \(code), extended \(extendedCode))" }
        if let sql { s += " in SQL: \(sql)" }
        return s
    }
}
