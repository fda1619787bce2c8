#include "search/synonym_store.hpp"

#include "store/changes.hpp"

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

}  // namespace schakel::search
