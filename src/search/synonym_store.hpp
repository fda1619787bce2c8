#pragma once
// SQL of the synonym list (table search_synonyms, one row).
#include <string>

#include "store/database.hpp"

namespace schakel::search {

// The stored synonym text ("" when none).
std::string load_synonyms(soci::session& sql);
// Replaces the text and records a "synonyms" change. Requires: inside a transaction.
void save_synonyms(soci::session& sql, const std::string& text, std::int64_t user_id,
                   std::int64_t now);

}  // namespace schakel::search
