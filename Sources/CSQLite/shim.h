// CSQLite: the system SQLite 3 library for Storage (apt libsqlite3-dev; Debian 12 builds it with FTS5).
// Only variadic calls Swift cannot import are wrapped here; names carry the module prefix so a reader can tell
// a shim from the real API. Cast-macro constants (SQLITE_TRANSIENT) are declared once in Swift instead.
#ifndef CSQLITE_SHIM_H
#define CSQLITE_SHIM_H
#include <sqlite3.h>

// MARK: - Variadic wrappers
// sqlite3_db_config(db, op, ...) and sqlite3_config(op, ...) are C variadics, which Swift cannot call.

/// sqlite3_db_config for the boolean options (SQLITE_DBCONFIG_DEFENSIVE, SQLITE_DBCONFIG_ENABLE_FKEY, ...):
/// sets `value` (1 on, 0 off, -1 query only) and stores the resulting state in `*result` when non-null.
static inline int CSQLite_db_config_bool(sqlite3 *db, int op, int value, int *result) {
    return sqlite3_db_config(db, op, value, result);
}

/// sqlite3_config for the options that take no argument (SQLITE_CONFIG_SERIALIZED, SQLITE_CONFIG_MULTITHREAD).
/// Must run before the library is initialized; returns SQLITE_MISUSE afterwards.
static inline int CSQLite_config_noarg(int op) {
    return sqlite3_config(op);
}

/// sqlite3_config for the options that take one int (SQLITE_CONFIG_MEMSTATUS). Must run before the library is
/// initialized; returns SQLITE_MISUSE afterwards.
static inline int CSQLite_config_int(int op, int value) {
    return sqlite3_config(op, value);
}

#endif
