// The professionals' referral view "Wie kan ik inschakelen?": the directory by place,
// theme and target group, including services reached only through a professional.
// A GET form: a professional's search may stay in their history.
#include "app/app.hpp"
#include "citizens/directory_view.hpp"
#include "citizens/help_service_service.hpp"
#include "web/access.hpp"

namespace schakel::citizens {

namespace {

nlohmann::json filter_model(const std::string& theme, const std::string& group) {
  nlohmann::json themes = nlohmann::json::array(), groups = nlohmann::json::array();
  for (const auto& t : theme_codes())
    themes.push_back({{"code", t}, {"label", theme_label(t)}, {"selected", t == theme}});
  for (const auto& g : target_group_codes())
    groups.push_back({{"code", g}, {"label", target_group_label(g)}, {"selected", g == group}});
  return {{"themes", themes}, {"groups", groups}};
}

nlohmann::json sections_of(App& app, const LocalHelp& h, const std::string& theme,
                           const std::string& group) {
  const auto local = filter_services(h.local, theme, group);
  const auto supra = filter_services(h.supra_local, theme, group);
  return nlohmann::json::array({{{"heading", "In de gemeente"},
                                 {"groups", grouped_model(app.db(), local)},
                                 {"has_groups", !local.empty()},
                                 {"empty", "Geen lokale hulp gevonden voor deze keuze."}},
                                {{"heading", "Bovenlokaal"},
                                 {"groups", grouped_model(app.db(), supra)},
                                 {"has_groups", !supra.empty()},
                                 {"empty", "Geen bovenlokale hulp gevonden voor deze keuze."}}});
}

web::Response referral_page(App& app, web::Request& req) {
  const std::string place = req.query_params.get("plaats").substr(0, 100);
  std::string theme = req.query_params.get("thema"), group = req.query_params.get("doelgroep");
  if (theme_label(theme).empty()) theme.clear();
  if (target_group_label(group).empty()) group.clear();
  nlohmann::json model = filter_model(theme, group);
  model["referral"] = true;
  model["values"] = {{"plaats", place}};
  model["errors"] = nlohmann::json::object();
  model["sections"] = nlohmann::json::array();
  int status = 200;
  const HelpServices service(app.db(), app.clock());
  if (!place.empty()) {
    auto found = service.find_place(place);
    if (!found) {
      model.update(App::form_errors(found.error()));
      status = 422;
    } else if (found.value().municipalities.size() > 1) {
      nlohmann::json choices = nlohmann::json::array();
      for (const auto& m : found.value().municipalities)
        choices.push_back({{"label", m.name_nl + " (" + m.province + ")"},
                           {"href", "/doorverwijzen?plaats=" + m.nis_code + "&thema=" + theme +
                                        "&doelgroep=" + group}});
      model["choices"] = choices;
      model["has_choices"] = true;
    } else {
      auto help = service.local_help_for(found.value().municipalities[0].nis_code, true);
      if (help) {
        model["place"] = help.value().municipality.name_nl;
        model["sections"] = sections_of(app, help.value(), theme, group);
      }
    }
  }
  return app.render_page(req, "citizens/directory_local", "Wie kan ik inschakelen?", model, status);
}

}  // namespace

void install_directory_referral(App& app) {
  // The people who refer: professionals and the network (the admin runs the
  // platform and refers nobody; the kennisbank links the page for the same roles).
  app.router().get(
      "/doorverwijzen", app.bind(referral_page),
      {.access = web::Access::only({Role::professional, Role::spoc, Role::coordinator})});
}

}  // namespace schakel::citizens
