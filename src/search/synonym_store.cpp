#include "search/synonym_store.hpp"

#include "search/synonyms.hpp"
#include "store/changes.hpp"
#include "store/settings.hpp"

namespace schakel::search {

std::string load_synonyms(soci::session& sql) {
  std::string text;
  soci::indicator ind = soci::i_null;
  sql << "SELECT body FROM search_synonyms WHERE id = 1", soci::into(text, ind);
  return ind == soci::i_ok ? text : std::string();
}

void save_synonyms(soci::session& sql, const std::string& text, std::int64_t user_id,
                   std::int64_t now) {
  long long by = user_id, at = now;
  sql << "UPDATE search_synonyms SET body = :body, updated_at = :at, updated_by = :by WHERE id = 1",
      soci::use(text), soci::use(at), soci::use(by);
  store::record_change(sql, "synonyms", "1", "updated", now);
}

bool seed_thesaurus(soci::session& sql, const std::string& thesaurus, int version,
                    std::int64_t now) {
  // Lock the list first (a row lock on PostgreSQL, the write lock on SQLite),
  // so two nodes starting at once merge one after the other.
  sql << "UPDATE search_synonyms SET id = id WHERE id = 1";
  const auto stored = store::read_setting(sql, "search_thesaurus_version");
  int seeded = 0;
  if (stored) {
    try {
      seeded = std::stoi(*stored);
    } catch (const std::exception&) {
      seeded = 0;
    }
  }
  if (seeded >= version) return false;
  const std::string text = load_synonyms(sql);
  const std::string merged = merge_thesaurus(text, thesaurus, version);
  const bool changed = merged != text;
  if (changed) {
    // Not the coordinator's edit: updated_at and updated_by stay theirs.
    sql << "UPDATE search_synonyms SET body = :body WHERE id = 1", soci::use(merged);
    store::record_change(sql, "synonyms", "1", "updated", now);
  }
  store::write_setting(sql, "search_thesaurus_version", std::to_string(version));
  return changed;
}

}  // namespace schakel::search
