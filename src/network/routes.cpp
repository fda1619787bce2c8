#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "network/network.hpp"
#include "network/service.hpp"
#include "store/changes.hpp"

namespace schakel::network {

nlohmann::json members_model(const std::vector<Member>& members) {
  nlohmann::json list = nlohmann::json::array();
  bool any_demo = false;
  for (const auto& m : members) {
    any_demo = any_demo || m.is_demo;
    list.push_back({{"name", m.municipality.name_nl},
                    {"province", m.municipality.province},
                    {"member_since", format_date_nl(m.member_since)},
                    {"is_lead", m.is_lead},
                    {"is_demo", m.is_demo}});
  }
  return {{"members", list}, {"has_demo_members", any_demo}};
}

void load_demo(soci::session& sql, const Clock& clock) {
  static const char* const codes[] = {"44021", "41002", "46021", "46029", "42006", "43005",
                                      "44088", "34022", "24062", "12025", "71016", "71072"};
  const std::int64_t now = clock.now();
  const std::int64_t since = now - 2 * 365 * 24 * 3600;  // the platform ran for two years
  for (const char* code : codes)
    NetworkStore::add_membership(sql, code, since, std::string(code) == "44021", true, now);
}

void install(App& app) {
  app.page(
      "/netwerk",
      [&app](web::Request& req) {
        NetworkStore store(app.db());
        NetworkService service(store, app.clock());
        return app.render_page(req, "network/members", "Leden van het netwerk",
                               members_model(service.public_members()));
      },
      PageOptions{.cache_for_anonymous = true});
  app.add_demo_loader(DemoLoader{"network", 10, load_demo});
}

}  // namespace schakel::network
