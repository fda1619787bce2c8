#pragma once
// Row locks inside a write transaction, the one place their dialects differ.
#include <cstdint>
#include <string>

#include <soci/soci.h>

namespace schakel::store {

// Locks row `id` of `table` until the transaction ends, so that concurrent
// transactions that lock the same row take turns (read-check-write without
// lost updates). PostgreSQL: SELECT … FOR UPDATE. SQLite: nothing to do, the
// write transaction (BEGIN IMMEDIATE, see Database::transact) already holds the
// database's only write lock. Returns false when the row does not exist.
// Requires: inside Database::transact; `table` is a constant of the caller, never input.
bool lock_row(soci::session& sql, const std::string& table, std::int64_t id);

}  // namespace schakel::store
