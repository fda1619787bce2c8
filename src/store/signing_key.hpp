#pragma once
// The server's signing key: a random secret kept in the settings table, shared
// by every node on the same database, for signed links (check-in QR codes,
// links in mails) and pair keys of anonymous evaluations.
#include <string>

#include "store/database.hpp"

namespace schakel::store {

// The key (64 hex characters), created on first use. Thread-safe; two nodes
// creating it at once agree on the one that was stored first.
std::string signing_key(Database& db);
// The same inside the caller's transaction (the demo loaders).
std::string signing_key(soci::session& sql);

}  // namespace schakel::store
