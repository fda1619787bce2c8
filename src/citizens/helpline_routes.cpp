// HTTP handlers of the way to help: the public page /hulp/1712 and the
// coordinator's editor of 1712's channels, hours and closing days.
#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "citizens/helpline.hpp"
#include "citizens/helpline_model.hpp"
#include "citizens/helpline_service.hpp"
#include "core/text.hpp"
#include "web/access.hpp"

namespace schakel::citizens {

namespace {

constexpr const char* editor_path = "/hulp/1712/bewerken";

std::string capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// The editor's forms filled from the stored channels.
std::vector<ChannelForm> stored_forms(HelplineStore& store) {
  std::vector<ChannelForm> forms;
  for (const auto& c : store.channels()) {
    ChannelForm f{c.kind, c.address, c.offered, c.schedule.always_open, {}};
    for (int d = 0; d < days_per_week; ++d) f.hours[d] = format_day_ranges(c.schedule.days[d]);
    forms.push_back(std::move(f));
  }
  return forms;
}

// The editor's forms as posted (only the kinds that exist are read).
std::vector<ChannelForm> posted_forms(HelplineStore& store, const web::Request& req) {
  std::vector<ChannelForm> forms;
  for (const auto& c : store.channels()) {
    const std::string key(kind_key(c.kind));
    ChannelForm f{c.kind,
                  req.form.get(address_field(c.kind)),
                  req.form.get(key + "_offered") == "1",
                  req.form.get(key + "_always") == "1",
                  {}};
    for (int d = 0; d < days_per_week; ++d) f.hours[d] = req.form.get(hours_field(c.kind, d));
    forms.push_back(std::move(f));
  }
  return forms;
}

nlohmann::json channel_forms_model(const std::vector<ChannelForm>& forms,
                                   const nlohmann::json& errors) {
  const auto error_of = [&](const std::string& field) {
    return errors.contains(field) ? errors[field] : nlohmann::json("");
  };
  nlohmann::json list = nlohmann::json::array();
  for (const auto& f : forms) {
    const std::string key(kind_key(f.kind));
    nlohmann::json days = nlohmann::json::array();
    for (int d = 0; d < days_per_week; ++d)
      days.push_back({{"field", hours_field(f.kind, d)},
                      {"label", capitalised(weekday_name_nl(d))},
                      {"value", f.hours[d]},
                      {"error", error_of(hours_field(f.kind, d))}});
    list.push_back({{"kind", key},
                    {"label", kind_label(f.kind)},
                    {"is_phone", f.kind == ChannelKind::phone},
                    {"address_field", address_field(f.kind)},
                    {"address", f.address},
                    {"address_error", error_of(address_field(f.kind))},
                    {"offered", f.offered},
                    {"always", f.always_open},
                    {"days", days}});
  }
  return list;
}

// The editor page: `forms` as shown, `extra` merged into the model (errors, values).
web::Response editor_page(App& app, const web::Request& req, const std::vector<ChannelForm>& forms,
                          nlohmann::json extra = nlohmann::json::object(), int status = 200) {
  HelplineStore store(app.db());
  const std::int64_t now = app.clock().now();
  nlohmann::json closing = nlohmann::json::array();
  for (const auto& d : store.closing_days_from(iso_date(brussels_date(now))))
    closing.push_back(
        {{"id", d.id},
         {"date", format_weekday_date_nl(brussels_moment(*parse_iso_date(d.day), 720))},
         {"name", d.name},
         {"is_demo", d.is_demo}});
  nlohmann::json errors = extra.contains("errors") ? extra["errors"] : nlohmann::json::object();
  nlohmann::json model = {{"channels", channel_forms_model(forms, errors)},
                          {"closing_days", closing},
                          {"has_closing_days", !closing.empty()},
                          {"values", nlohmann::json::object()},
                          {"errors", errors}};
  for (auto it = extra.begin(); it != extra.end(); ++it)
    if (it.key() != "errors") model[it.key()] = it.value();
  return app.render_page(req, "citizens/helpline_edit", "1712 bewerken", model, status);
}

// GET /hulp/1712: what 1712 does, its channels with their state now, hours and
// closing days. Cached for anonymous visitors only until a channel opens or
// closes (or midnight), so the cache never shows a stale "open".
web::Response public_page(App& app, web::Request& req) {
  auto page = helpline_page_model(app.db(), app.clock().now());
  page.model["can_edit"] = web::has_role(req.user, Role::coordinator);
  auto res = app.render_page(req, "citizens/helpline", "Praat met 1712", page.model);
  res.cache_until = page.valid_until;
  return res;
}

// GET /hulp/1712/bewerken.
web::Response edit(App& app, web::Request& req) {
  HelplineStore store(app.db());
  return editor_page(app, req, stored_forms(store));
}

// POST /hulp/1712/bewerken: every channel at once.
web::Response save(App& app, web::Request& req) {
  HelplineStore store(app.db());
  HelplineService service(app.db(), store, app.clock());
  const auto forms = posted_forms(store, req);
  auto outcome = service.save_channels(*req.user, forms);
  if (!outcome)
    return app.failure_page(req, outcome.error(), [&](int status) {
      auto extra = App::form_errors(outcome.error());
      extra["failed_channels"] = true;
      return editor_page(app, req, forms, extra, status);
    });
  req.session->add_flash("success", "De kanalen en uren van 1712 zijn bewaard.");
  return web::Response::redirect(editor_path);
}

// POST /hulp/1712/sluitingsdagen: adds a closing day.
web::Response add_closing_day(App& app, web::Request& req) {
  HelplineStore store(app.db());
  HelplineService service(app.db(), store, app.clock());
  auto outcome = service.add_closing_day(*req.user, req.form.get("day"), req.form.get("name"));
  if (!outcome)
    return app.failure_page(req, outcome.error(), [&](int status) {
      auto extra = App::form_errors(outcome.error());
      extra["failed_closing"] = true;
      extra["values"] = {{"day", req.form.get("day").substr(0, 40)},
                         {"name", req.form.get("name").substr(0, 200)}};
      return editor_page(app, req, stored_forms(store), extra, status);
    });
  req.session->add_flash("success", "De sluitingsdag is toegevoegd.");
  return web::Response::redirect(std::string(editor_path) + "#sluitingsdagen-titel");
}

// POST /hulp/1712/sluitingsdagen/{id}/verwijderen.
web::Response remove_closing_day(App& app, web::Request& req) {
  HelplineStore store(app.db());
  HelplineService service(app.db(), store, app.clock());
  const auto id = parse_id(req.param("id"));
  auto outcome = id ? service.remove_closing_day(*req.user, *id)
                    : Status(Error::of(Failure::not_found, "Deze sluitingsdag bestaat niet."));
  if (!outcome) return app.failure_page(req, outcome.error());
  req.session->add_flash("success", "De sluitingsdag is verwijderd.");
  return web::Response::redirect(std::string(editor_path) + "#sluitingsdagen-titel");
}

}  // namespace

void install_helpline(App& app) {
  auto& r = app.router();
  // The public page is a citizen page: no cookie (no form), no-store (the
  // pipeline's default), cached for anonymous visitors until the state changes.
  app.page("/hulp/1712", app.bind(public_page),
           PageOptions{.cache_for_anonymous = true, .access = web::Access::anyone()});
  const web::RouteOptions coordinator{.access = web::Access::only({Role::coordinator})};
  r.get(editor_path, app.bind(edit), coordinator);
  r.post(editor_path, app.bind(save), coordinator);
  r.post("/hulp/1712/sluitingsdagen", app.bind(add_closing_day), coordinator);
  r.post("/hulp/1712/sluitingsdagen/{id}/verwijderen", app.bind(remove_closing_day), coordinator);
  app.add_demo_loader(DemoLoader{"helpline", 70, load_helpline_demo, &HelplineStore::delete_demo});
}

}  // namespace schakel::citizens
