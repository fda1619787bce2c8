// What the page files of the training series share (see series_pages.hpp).
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
#include "trainings/guest_registration.hpp"
#include "trainings/ical.hpp"
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

const std::map<std::string, std::string>& municipality_names(store::Database& db) {
  return reference::municipality_names(db);
}

std::string municipality_name(App& app, const std::string& nis) {
  const auto& names = municipality_names(app.db());
  auto it = names.find(nis);
  return it == names.end() ? nis : it->second;
}

nlohmann::json choice_list(const std::vector<Choice>& list, const std::string& selected,
                           const std::string& empty_label) {
  nlohmann::json out = nlohmann::json::array();
  if (!empty_label.empty())
    out.push_back({{"value", ""}, {"label", empty_label}, {"selected", selected.empty()}});
  for (const auto& c : list)
    out.push_back({{"value", c.value}, {"label", c.label}, {"selected", c.value == selected}});
  return out;
}

nlohmann::json municipality_choices(App& app, const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  out.push_back({{"value", ""},
                 {"label", "Kies je gemeente (niet verplicht)"},
                 {"selected", selected.empty()}});
  std::vector<std::pair<std::string, std::string>> by_name;
  for (const auto& [nis, name] : municipality_names(app.db())) by_name.emplace_back(name, nis);
  std::sort(by_name.begin(), by_name.end());
  for (const auto& [name, nis] : by_name)
    out.push_back({{"value", nis}, {"label", name}, {"selected", nis == selected}});
  return out;
}

nlohmann::json sector_choices(const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  out.push_back({{"value", ""},
                 {"label", "Kies je sector (niet verplicht)"},
                 {"selected", selected.empty()}});
  for (const auto& c : accounts::sectors())
    out.push_back({{"value", c.value}, {"label", c.label}, {"selected", c.value == selected}});
  return out;
}

std::string theme_label(const std::vector<catalog::Term>& terms, const std::string& slug) {
  for (const auto& t : terms)
    if (t.slug == slug) return t.label;
  return slug;
}

// What a session shows: the online link only to people holding a place.
nlohmann::json session_row(const Session& s, bool show_link, std::int64_t now) {
  return {{"id", s.id},
          {"title", s.title},
          {"date", format_weekday_date_nl(s.starts_at)},
          {"time", format_time_nl(s.starts_at) + "–" + format_time_nl(s.ends_at)},
          {"module", label_of(modules(), s.module)},
          {"format", label_of(formats(), s.format)},
          {"in_person", s.format == "in_person"},
          {"address", s.address},
          {"room", s.room},
          {"online_url", show_link ? s.online_url : ""},
          {"trainers", s.trainers},
          {"capacity", s.capacity},
          {"cancelled", s.status == "cancelled"},
          {"past", s.ends_at <= now}};
}

// "Nog 3 plaatsen", "Volzet: je komt op de wachtlijst" for a unit.
std::string places_text(soci::session& sql, const Unit& unit) {
  return trainings::places_text(TrainingStore::capacity(sql, unit),
                                TrainingStore::holding(sql, unit),
                                TrainingStore::first_waitlisted(sql, unit).has_value());
}

std::string state_label(const Registration& r) {
  if (r.state == "registered") return "Ingeschreven";
  if (r.state == "waitlisted") return "Op de wachtlijst";
  if (r.state == "offered")
    return "Plaats vrij: aanvaard vóór " + format_weekday_date_nl(r.offer_expires_at.value_or(0)) +
           " " + format_time_nl(r.offer_expires_at.value_or(0));
  if (r.state == "cancelled") return "Geannuleerd";
  if (r.state == "expired") return "Aanbod verlopen";
  return r.state;
}

// The series of the path's {slug} as `req`'s user may see it, or nullopt (404).
std::optional<Loaded> load_visible(App& app, const web::Request& req) {
  return app.db().run([&](soci::session& sql) -> std::optional<Loaded> {
    auto s = TrainingStore::find_series_by_slug(sql, req.param("slug"));
    if (!s || !may_view(req.user, *s)) return std::nullopt;
    return Loaded{*s, TrainingStore::sessions_of(sql, s->id)};
  });
}

// The first moment after `now` at which a page about `series` reads differently
// by the clock alone: a session starts or ends, or the registration deadline
// passes. nullopt when no such moment is left.
std::optional<std::int64_t> next_change(const Series& series, const std::vector<Session>& sessions,
                                        std::int64_t now) {
  std::optional<std::int64_t> next;
  auto consider = [&](std::int64_t t) {
    if (t > now && (!next || t < *next)) next = t;
  };
  for (const auto& x : sessions) {
    consider(x.starts_at);
    consider(x.ends_at);
  }
  if (series.registration_deadline) consider(*series.registration_deadline + 1);
  return next;
}

}  // namespace schakel::trainings::pages
