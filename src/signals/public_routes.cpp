// The public page "Wat doet het netwerk?": every public action, grouped by the
// goal it serves, with its progress, standing, outputs and indicators.
#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "signals/goal_routes.hpp"
#include "signals/goal_service.hpp"
#include "signals/public_model.hpp"
#include "web/access.hpp"

namespace schakel::signals {

namespace {

web::Response public_page(App& app, web::Request& req) {
  nlohmann::json goals = nlohmann::json::array();
  bool any = false;
  for (const GoalView& view : GoalService(app.db(), app.clock()).goals(true)) {
    goals.push_back(goal_model(view));
    any = any || !view.actions.top.empty();
  }
  nlohmann::json model = {{"goals", goals}, {"has_actions", any}};
  auto res = app.render_page(req, "signals/public_actions", "Wat doet het netwerk?", model);
  res.cache_until = next_day_starts(app.clock().now());
  return res;
}

}  // namespace

void install_overview(App& app) {
  install_goal_routes(app);
  install_public_routes(app);
  install_overview_routes(app);
}

void install_public_routes(App& app) {
  app.page("/wat-doet-het-netwerk", app.bind(public_page),
           PageOptions{.cache_for_anonymous = true, .access = web::Access::anyone()});
}

}  // namespace schakel::signals
