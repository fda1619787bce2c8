// The calendar of training series (/vorming) with its filter.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <variant>

#include "accounts/types.hpp"
#include "app/app.hpp"
#include "catalog/terms.hpp"
#include "core/text.hpp"
#include "reference/municipalities.hpp"
#include "trainings/calendar_listing.hpp"
#include "trainings/certificate_service.hpp"
#include "trainings/evaluation_service.hpp"
#include "trainings/ical.hpp"
#include "trainings/listing_store.hpp"
#include "trainings/notifications.hpp"
#include "trainings/permissions.hpp"
#include "trainings/routes.hpp"
#include "trainings/series_pages.hpp"
#include "trainings/series_service.hpp"
#include "trainings/store.hpp"
#include "view/markdown.hpp"
#include "web/access.hpp"
#include "web/visibility.hpp"

namespace schakel::trainings::pages {

namespace {

// ---------------------------------------------------------------- calendar

// The card of one series.
nlohmann::json card_model(const CalendarCard& card, const std::vector<catalog::Term>& themes) {
  std::set<std::string> format_labels, module_labels;
  for (const auto& x : card.upcoming) {
    format_labels.insert(label_of(formats(), x.format));
    module_labels.insert(label_of(modules(), x.module));
  }
  auto joined = [](const std::set<std::string>& set) {
    std::string out;
    for (const auto& v : set) out += (out.empty() ? "" : ", ") + v;
    return out;
  };
  nlohmann::json theme_names = nlohmann::json::array();
  for (const auto& t : card.series.themes) theme_names.push_back(theme_label(themes, t));
  const Series& s = card.series;
  return {{"slug", s.slug},
          {"title", s.title},
          {"organiser", s.organiser},
          {"region", s.region},
          {"next", format_weekday_date_nl(card.upcoming.front().starts_at)},
          {"sessions", card.upcoming.size()},
          {"formats", joined(format_labels)},
          {"modules", joined(module_labels)},
          {"themes", theme_names},
          {"has_themes", !theme_names.empty()},
          {"places", card.places}};
}

// The choices of the filter, each with "Alle ..." first.
nlohmann::json filter_choices(const CalendarFilter& f, const Calendar& calendar,
                              const std::vector<catalog::Term>& themes) {
  nlohmann::json theme_choices = nlohmann::json::array();
  theme_choices.push_back(
      {{"value", ""}, {"label", "Alle thema's"}, {"selected", f.theme.empty()}});
  for (const auto& t : themes)
    theme_choices.push_back(
        {{"value", t.slug}, {"label", t.label}, {"selected", t.slug == f.theme}});
  nlohmann::json region_choices = nlohmann::json::array();
  region_choices.push_back(
      {{"value", ""}, {"label", "Alle regio's"}, {"selected", f.region.empty()}});
  for (const auto& r : calendar.regions)
    region_choices.push_back({{"value", r}, {"label", r}, {"selected", r == f.region}});
  nlohmann::json month_choices = nlohmann::json::array();
  month_choices.push_back(
      {{"value", ""}, {"label", "Alle maanden"}, {"selected", f.month.empty()}});
  for (const auto& m : calendar.months)
    month_choices.push_back(
        {{"value", m}, {"label", month_label_nl(m)}, {"selected", m == f.month}});
  return {{"themes", theme_choices},
          {"formats", choice_list(formats(), f.format, "Alle vormen")},
          {"regions", region_choices},
          {"months", month_choices}};
}

// The calendar: the published series with sessions to come, filtered. Its data
// comes from one ListingStore::published call (a fixed number of queries).
web::Response calendar_page(App& app, web::Request& req) {
  const std::int64_t now = app.clock().now();
  const CalendarFilter f{req.query_params.get("thema"), req.query_params.get("vorm"),
                         req.query_params.get("regio"), req.query_params.get("maand")};
  const bool filter_error = (!f.format.empty() && label_of(formats(), f.format) == f.format) ||
                            (!f.month.empty() && month_label_nl(f.month).empty());
  const auto themes = catalog::terms(app.db(), "theme");
  const auto listed = app.db().run([](soci::session& sql) { return ListingStore::published(sql); });
  const Calendar calendar = calendar_of(listed, f, req.user, now);
  nlohmann::json cards = nlohmann::json::array();
  for (const auto& card : calendar.cards) cards.push_back(card_model(card, themes));
  nlohmann::json model = {{"series", cards},
                          {"count", cards.size()},
                          {"has_series", !cards.empty()},
                          {"filtered", f.any()},
                          {"can_create", may_create_any(req.user)},
                          {"can_report", web::has_role(req.user, Role::coordinator) ||
                                             web::has_role(req.user, Role::spoc)},
                          {"is_coordinator", may_view_network_reports(req.user)},
                          {"signed_in", req.user.has_value()},
                          {"feeds", nlohmann::json::array()}};
  model.update(filter_choices(f, calendar, themes));
  if (filter_error) {
    model["filter_error"] = "Kies een filter uit de lijst.";
    return app.render_page(req, "trainings/calendar", "Vormingen", model, 400);
  }
  auto res = app.render_page(req, "trainings/calendar", "Vormingen", model);
  res.cache_until = calendar.until;
  return res;
}

}  // namespace

void install_calendar_page(App& app) {
  // What may be seen and created depends on the role and municipalities.
  app.page("/vorming", app.bind(calendar_page),
           {.cache_for_anonymous = true, .signed_in = Audience::municipality});
}

}  // namespace schakel::trainings::pages
