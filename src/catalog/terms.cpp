#include "catalog/terms.hpp"

#include "catalog/store.hpp"

namespace schakel::catalog {

std::vector<Term> terms(store::Database& db, const std::string& vocabulary) {
  return CatalogStore(db).terms(vocabulary);
}

std::vector<std::string> unknown_terms(soci::session& sql, const std::string& vocabulary,
                                       const std::vector<std::string>& slugs) {
  return CatalogStore::unknown_terms(sql, vocabulary, slugs);
}

}  // namespace schakel::catalog
