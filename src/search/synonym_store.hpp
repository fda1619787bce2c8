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

// Adds `thesaurus` (version `version`) to the stored list once per version:
// when the version stored under the settings key "search_thesaurus_version" is
// lower, the list becomes merge_thesaurus(list, thesaurus, version) — the
// coordinator's lines stay as they are —, a "synonyms" change is recorded when
// that changed anything, and the version is stored. A later version adds only
// what the list still lacks; what a coordinator removed after an earlier
// version is not added again by that version. Returns true when the list
// changed. Safe when several nodes start at once (the row is locked first).
// Requires: inside a transaction.
bool seed_thesaurus(soci::session& sql, const std::string& thesaurus, int version,
                    std::int64_t now);

}  // namespace schakel::search
