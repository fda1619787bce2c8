#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "citizens/helpline.hpp"
#include "network/network.hpp"
#include "network/service.hpp"
#include "signals/goal_service.hpp"
#include "site/site.hpp"
#include "store/migrations.hpp"
#include "web/cookies.hpp"

namespace schakel::site {

namespace {

// The home page: first the way to help (1712 open or closed now, 101, 112), then
// the network's members and the strategic goals. Cached for anonymous visitors
// only until a channel of 1712 opens or closes (or midnight).
web::Response home(App& app, web::Request& req) {
  network::NetworkStore network_store(app.db());
  network::NetworkService network(app.db(), network_store, app.clock());
  nlohmann::json model = network::members_model(network.public_members());
  model["goals"] = nlohmann::json::array();
  for (const auto& [g, roll_up] : signals::GoalService(app.db(), app.clock()).public_summaries())
    model["goals"].push_back({{"number", g.number},
                              {"title", g.title},
                              {"description", g.description},
                              {"has_actions", roll_up.actions > 0},
                              {"actions", roll_up.actions},
                              {"actions_phrase", signals::public_actions_phrase(roll_up.actions)},
                              {"progress", roll_up.progress}});
  const auto help = citizens::way_to_help(app.db(), app.clock().now());
  model["way_to_help"] = help.model;
  auto res = app.render_page(req, "site/home", "", model);
  res.cache_until = help.valid_until;
  return res;
}

// Liveness: the process answers.
web::Response healthz(web::Request&) { return web::Response::text("ok\n"); }

// Readiness: the database answers and every migration is applied.
web::Response readyz(App& app) {
  if (!app.db().ping()) return web::Response::text("database unreachable\n", 503);
  bool migrated = false;
  try {
    migrated = store::is_up_to_date(app.db());
  } catch (const std::exception&) {
    migrated = false;
  }
  if (!migrated) return web::Response::text("migrations pending\n", 503);
  return web::Response::text("ready\n");
}

}  // namespace

void install(App& app) {
  // Every page here is public and the same for every anonymous visitor.
  const PageOptions public_page{.cache_for_anonymous = true, .access = web::Access::anyone()};
  const web::RouteOptions probe{.access = web::Access::anyone()};

  app.page(
      "/", [&app](web::Request& req) { return home(app, req); }, public_page);

  struct StaticPage {
    const char* path;
    const char* name;
    const char* title;
  };
  static const StaticPage pages[] = {
      {"/toegankelijkheid", "site/accessibility", "Toegankelijkheidsverklaring"},
      {"/privacy", "site/privacy", "Privacyverklaring"},
      {"/veilig-surfen", "site/safe_browsing", "Veilig surfen"},
  };
  for (const auto& p : pages) {
    app.page(
        p.path,
        [&app, p](web::Request& req) {
          nlohmann::json model = {{"quick_exit_url", app.config().quick_exit_url}};
          if (std::string_view(p.path) == "/privacy") {
            model["signals_retention_years"] = app.config().signals_retention_years;
            model["cookies"] = nlohmann::json::array();
            for (const auto& c : web::site_cookies(app.config().session_absolute_hours))
              model["cookies"].push_back(
                  {{"name", c.name}, {"where", c.where}, {"why", c.why}, {"lifetime", c.lifetime}});
          }
          return app.render_page(req, p.name, p.title, model);
        },
        public_page);
  }

  app.router().get("/healthz", healthz, probe);
  app.router().get(
      "/readyz", [&app](web::Request&) { return readyz(app); }, probe);
}

}  // namespace schakel::site
