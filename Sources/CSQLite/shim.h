// CSQLite: the system SQLite 3 library for Storage.
// Only variadic calls Swift cannot import are wrapped here; names carry the module prefix.
#ifndef CSQLITE_SHIM_H
#define CSQLITE_SHIM_H
#include <sqlite3.h>
#endif
