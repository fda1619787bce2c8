#include "signals/records_rules.hpp"

#include <algorithm>

#include "catalog/terms.hpp"
#include "core/clock.hpp"
#include "core/privacy_guard.hpp"
#include "core/text.hpp"
#include "web/access.hpp"

namespace schakel::signals {

bool has_full_rights(const std::optional<web::Principal>& user) {
  return user && (user->role == Role::coordinator || user->role == Role::admin);
}

bool may_see_records(const std::optional<web::Principal>& user) {
  return has_full_rights(user) || web::has_role(user, Role::spoc);
}

SignalViewer viewer_of(const std::optional<web::Principal>& user) {
  SignalViewer v;
  v.sees_all = has_full_rights(user);
  if (web::has_role(user, Role::spoc)) v.own = user->spoc_of;
  return v;
}

bool may_write_for(const std::optional<web::Principal>& user, const std::string& nis_code) {
  if (has_full_rights(user)) return true;
  return !nis_code.empty() && web::has_role(user, Role::spoc) && web::speaks_for(user, nis_code);
}

void check_text(FieldErrors& errors, const std::string& field, const std::string& value,
                std::size_t max, const char* missing) {
  if (value.empty()) {
    if (missing) errors.push_back({field, missing});
    return;
  }
  if (utf8_length(value) > max) {
    errors.push_back({field, "Deze tekst is te lang: hoogstens " + std::to_string(max) +
                                 " tekens (nu " + std::to_string(utf8_length(value)) + ")."});
    return;
  }
  const auto found = find_identifiers(value);
  if (!found.empty()) errors.push_back({field, privacy_message(value, found)});
}

std::vector<Choice> theme_choices(store::Database& db) {
  std::vector<Choice> out;
  for (const auto& t : catalog::terms(db, "theme")) out.push_back({t.slug, t.label});
  return out;
}

void check_themes(store::Database& db, FieldErrors& errors, std::vector<std::string>& themes) {
  std::sort(themes.begin(), themes.end());
  themes.erase(std::unique(themes.begin(), themes.end()), themes.end());
  if (themes.empty()) {
    errors.push_back({"themes", "Kies minstens één thema."});
    return;
  }
  if (themes.size() > themes_max) {
    errors.push_back({"themes", "Kies hoogstens " + std::to_string(themes_max) + " thema's."});
    return;
  }
  const auto known = theme_choices(db);
  for (const auto& t : themes)
    if (!is_choice(known, t)) {
      errors.push_back({"themes", "Kies thema's uit de lijst."});
      return;
    }
}

std::string today(std::int64_t now) { return format_date_input(now); }

bool is_date(const std::string& s) {
  if (s.size() != 10 || s < "2000-01-01") return false;
  return brussels_to_utc(s, "12:00").has_value();
}

std::string date_label(const std::string& date) {
  auto at = brussels_to_utc(date, "12:00");
  return at ? format_date_nl(*at) : date;
}

const std::vector<Choice>& need_statuses() {
  static const std::vector<Choice> list = {{"open", "Open"},
                                           {"in_progress", "Wordt aangepakt"},
                                           {"addressed", "Aangepakt"},
                                           {"not_addressed", "Niet aangepakt"}};
  return list;
}

const std::vector<Choice>& need_kinds() {
  static const std::vector<Choice> list = {{"need", "Nood"}, {"gap", "Hiaat in het aanbod"}};
  return list;
}

const std::vector<Choice>& frequencies() {
  static const std::vector<Choice> list = {
      {"once", "Eén keer"}, {"sometimes", "Soms"}, {"often", "Vaak"}};
  return list;
}

}  // namespace schakel::signals
