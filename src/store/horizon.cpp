#include "store/horizon.hpp"

namespace schakel::store {

std::string horizon_only(Backend backend) {
  return backend == Backend::postgresql ? "SELECT pg_current_snapshot()::text" : "";
}

std::string select_unless_unchanged(Backend backend,
                                    const std::vector<std::string>& scalar_queries) {
  std::string text = "SELECT n.horizon";
  for (const auto& query : scalar_queries) {
    // PostgreSQL evaluates a subquery in a CASE branch only when the branch is
    // taken, so an unchanged horizon costs no table access at all.
    if (backend == Backend::postgresql)
      text += ", CASE WHEN n.same THEN NULL ELSE (" + query + ") END";
    else
      text += ", (" + query + ")";
  }
  if (backend == Backend::postgresql)
    text +=
        " FROM (SELECT pg_current_snapshot()::text AS horizon, "
        "pg_current_snapshot()::text = :known AS same) n";
  else
    text += " FROM (SELECT '' AS horizon, :known AS same) n";
  return text;
}

}  // namespace schakel::store
