#include "trainings/permissions.hpp"

#include "web/access.hpp"
#include "web/visibility.hpp"

namespace schakel::trainings {

namespace {
bool is_coordinator(const std::optional<web::Principal>& user) {
  return user && user->role == Role::coordinator;
}
}  // namespace

bool may_manage(const std::optional<web::Principal>& user, const Series& series) {
  return web::speaks_for(user, series.owner_nis_code);
}

bool may_view(const std::optional<web::Principal>& user, const Series& series) {
  if (may_manage(user, series)) return true;
  if (series.status == "draft") return false;
  const auto level = web::parse_visibility(series.visibility);
  return level && web::can_see(user, *level);
}

bool may_create(const std::optional<web::Principal>& user, const std::string& nis_code) {
  return web::speaks_for(user, nis_code);
}

bool may_create_any(const std::optional<web::Principal>& user) {
  return is_coordinator(user) || (user && user->role == Role::spoc && !user->spoc_of.empty());
}

bool may_view_network_reports(const std::optional<web::Principal>& user) {
  return is_coordinator(user);
}

}  // namespace schakel::trainings
