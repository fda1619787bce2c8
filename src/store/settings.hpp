#pragma once
// The settings table: small key/value facts of the whole installation (the
// signing key, the demo flag, the thesaurus version the synonyms were seeded
// with). store/ owns it; features read and write it only through these.
#include <optional>
#include <string>

#include <soci/soci.h>

namespace schakel::store {

// The value of `key`, or nullopt when it is not set.
std::optional<std::string> read_setting(soci::session& sql, const std::string& key);
// Sets `key` to `value`, replacing any value it had.
void write_setting(soci::session& sql, const std::string& key, const std::string& value);
// Sets `key` to `value` unless it is set already (two nodes doing this at once
// agree on the first), and returns the value stored.
std::string write_setting_once(soci::session& sql, const std::string& key,
                               const std::string& value);
// Removes `key`.
void remove_setting(soci::session& sql, const std::string& key);

}  // namespace schakel::store
