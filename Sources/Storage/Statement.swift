// Statement: owns one sqlite3_stmt*, prepared once and reused (Connection caches them by SQL), finalized in
// deinit. Binding, stepping and column reads check every result code where it is produced.
import CSQLite

/// SQLite copies bound text and blobs immediately with this destructor; it is a cast macro in sqlite3.h, so it
/// is declared once here rather than shimmed.
let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A value bound to a `?` parameter.
enum SQLValue {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case blob([UInt8])

    static func int(_ v: Int) -> SQLValue { .int(Int64(v)) }
    static func text(_ v: String?) -> SQLValue { v.map { .text($0) } ?? .null }
    static func int(_ v: Int64?) -> SQLValue { v.map { .int($0) } ?? .null }
}

final class Statement {
    let handle: OpaquePointer
    let sql: String
    /// The owning connection's handle, for error messages. The Connection outlives its statements: it holds them.
    private let db: OpaquePointer
    /// The largest parameter index: a bind of that many values replaces every earlier binding.
    private let parameterCount: Int

    init(db: OpaquePointer, sql: String) throws(StorageError) {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else {
            sqlite3_finalize(stmt)
            throw StorageError(resultCode: rc, db: db, sql: sql)
        }
        self.handle = stmt
        self.sql = sql
        self.db = db
        self.parameterCount = Int(sqlite3_bind_parameter_count(stmt))
    }

    deinit { sqlite3_finalize(handle) }

    func error(_ rc: Int32) -> StorageError { StorageError(resultCode: rc, db: db, sql: sql) }

    /// Resets the statement and binds `values` to parameters 1...n.
    func bind(_ values: [SQLValue]) throws(StorageError) {
        sqlite3_reset(handle)
        // Only values left from an earlier bind need clearing (a multi-row INSERT has up to 96 of them).
        if values.count < parameterCount { sqlite3_clear_bindings(handle) }
        for (offset, value) in values.enumerated() {
            let i = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(handle, i)
            case .int(let v): rc = sqlite3_bind_int64(handle, i, v)
            case .double(let v): rc = sqlite3_bind_double(handle, i, v)
            case .text(let v):
                // Explicit length: text may contain NUL, which a C-string bind would cut at.
                var copy = v
                rc = copy.withUTF8 { utf8 in
                    utf8.withMemoryRebound(to: CChar.self) { chars in
                        guard let base = chars.baseAddress else {
                            return sqlite3_bind_text(handle, i, "", 0, SQLITE_TRANSIENT)
                        }
                        return sqlite3_bind_text64(handle, i, base, sqlite3_uint64(chars.count), SQLITE_TRANSIENT,
                                                   UInt8(SQLITE_UTF8))
                    }
                }
            case .blob(let v):
                rc = v.withUnsafeBytes { raw in
                    // A zero-length blob still needs a non-null pointer or SQLite stores NULL.
                    sqlite3_bind_blob64(handle, i, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                                        sqlite3_uint64(raw.count), SQLITE_TRANSIENT)
                }
            }
            guard rc == SQLITE_OK else { throw error(rc) }
        }
    }

    /// One step: true when a row is ready, false when done.
    func step() throws(StorageError) -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let e = error(rc)
            sqlite3_reset(handle)
            throw e
        }
    }

    /// Runs a statement that returns no rows.
    func run(_ values: [SQLValue] = []) throws(StorageError) {
        try bind(values)
        while try step() {}
        sqlite3_reset(handle)
    }

    /// Runs a query and maps every row.
    func rows<T>(_ values: [SQLValue] = [], _ map: (Row) throws(StorageError) -> T) throws(StorageError) -> [T] {
        try bind(values)
        defer { sqlite3_reset(handle) }
        var out: [T] = []
        while try step() { out.append(try map(Row(handle: handle))) }
        return out
    }

    /// The first row of a query, or nil.
    func first<T>(_ values: [SQLValue] = [], _ map: (Row) throws(StorageError) -> T) throws(StorageError) -> T? {
        try bind(values)
        defer { sqlite3_reset(handle) }
        return try step() ? try map(Row(handle: handle)) : nil
    }
}

/// Column access for the current row; valid only inside the `rows`/`first` closure.
struct Row {
    let handle: OpaquePointer

    var columnCount: Int32 { sqlite3_column_count(handle) }
    func isNull(_ i: Int32) -> Bool { sqlite3_column_type(handle, i) == SQLITE_NULL }
    func int64(_ i: Int32) -> Int64 { sqlite3_column_int64(handle, i) }
    func int(_ i: Int32) -> Int { Int(sqlite3_column_int64(handle, i)) }
    func double(_ i: Int32) -> Double { sqlite3_column_double(handle, i) }
    func int64OrNil(_ i: Int32) -> Int64? { isNull(i) ? nil : int64(i) }

    func text(_ i: Int32) -> String {
        guard let p = sqlite3_column_text(handle, i) else { return "" }
        let n = Int(sqlite3_column_bytes(handle, i))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    func textOrNil(_ i: Int32) -> String? { isNull(i) ? nil : text(i) }

    /// A comma-separated list of integers (what group_concat gives over an integer column), sorted; NULL is empty.
    func int64List(_ i: Int32) -> [Int64] {
        guard let p = sqlite3_column_text(handle, i) else { return [] }
        var out: [Int64] = []
        var value: Int64 = 0, negative = false, digits = false
        for c in UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(handle, i))) {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = value * 10 + Int64(c - UInt8(ascii: "0"))
                digits = true
            case UInt8(ascii: "-"): negative = true
            default:
                if digits { out.append(negative ? -value : value) }
                value = 0; negative = false; digits = false
            }
        }
        if digits { out.append(negative ? -value : value) }
        // group_concat's order is the scan order, which SQLite does not promise: sort to be sure.
        out.sort()
        return out
    }

    func blob(_ i: Int32) -> [UInt8] {
        let n = Int(sqlite3_column_bytes(handle, i))
        guard n > 0, let p = sqlite3_column_blob(handle, i) else { return [] }
        return Array(UnsafeRawBufferPointer(start: p, count: n))
    }
}
