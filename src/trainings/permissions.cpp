#include "trainings/permissions.hpp"

#include <algorithm>

#include "web/visibility.hpp"

namespace schakel::trainings {

namespace {
bool is_coordinator(const std::optional<web::Principal>& user) {
  return user && user->role == "coordinator";
}
bool speaks_for(const std::optional<web::Principal>& user, const std::string& nis_code) {
  return user && user->role == "spoc" && !nis_code.empty() &&
         std::find(user->spoc_of.begin(), user->spoc_of.end(), nis_code) != user->spoc_of.end();
}
}  // namespace

bool may_manage(const std::optional<web::Principal>& user, const Series& series) {
  return is_coordinator(user) || speaks_for(user, series.owner_nis_code);
}

bool may_view(const std::optional<web::Principal>& user, const Series& series) {
  if (may_manage(user, series)) return true;
  if (series.status == "draft") return false;
  const auto level = web::parse_visibility(series.visibility);
  return level && web::can_see(user, *level);
}

bool may_create(const std::optional<web::Principal>& user, const std::string& nis_code) {
  return is_coordinator(user) || speaks_for(user, nis_code);
}

bool may_create_any(const std::optional<web::Principal>& user) {
  return is_coordinator(user) || (user && user->role == "spoc" && !user->spoc_of.empty());
}

bool may_view_network_reports(const std::optional<web::Principal>& user) {
  return is_coordinator(user);
}

}  // namespace schakel::trainings
