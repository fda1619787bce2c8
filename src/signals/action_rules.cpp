#include "signals/action_rules.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>
#include <sstream>

#include "campaigns/types.hpp"
#include "catalog/resource_refs.hpp"
#include "core/privacy_guard.hpp"
#include "core/text.hpp"
#include "reference/municipalities.hpp"
#include "signals/action_store.hpp"
#include "signals/timeline_store.hpp"
#include "trainings/series_refs.hpp"
#include "web/access.hpp"

namespace schakel::signals {

namespace {

std::optional<int> parse_percent(const std::string& text) {
  if (text.empty() || text.size() > 3 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  const int v = std::stoi(text);
  if (v > 100) return std::nullopt;
  return v;
}

// The text after the last '/' of a path or URL ("/vorming/x-demo" -> "x-demo").
std::string last_segment(std::string text) {
  while (!text.empty() && text.back() == '/') text.pop_back();
  const auto slash = text.rfind('/');
  return slash == std::string::npos ? text : text.substr(slash + 1);
}

bool is_https_url(const std::string& s) {
  if (!s.starts_with("https://") || s.size() <= 8) return false;
  const auto host_end = s.find_first_of("/?#", 8);
  if (host_end == 8) return false;
  return std::none_of(s.begin(), s.end(), [](unsigned char c) { return c <= ' ' || c == 0x7f; });
}

void check_owner(soci::session& sql, const ActionInput& in, Action& out, FieldErrors& errors) {
  out.owner_kind = in.owner_kind;
  out.owner_user_id.reset();
  out.owner_nis_code.reset();
  out.owner_partner.clear();
  if (in.owner_kind == "person") {
    const auto id = parse_id(trim(in.owner_user_id));
    if (!id || !ActionStore::user_exists(sql, *id))
      errors.push_back({"owner_user_id", "Kies een bestaande persoon als trekker."});
    else
      out.owner_user_id = *id;
  } else if (in.owner_kind == "municipality") {
    const std::string nis = trim(in.owner_nis_code);
    if (!reference::municipality_names(sql).contains(nis))
      errors.push_back({"owner_nis_code", "Kies een bestaande gemeente als trekker."});
    else
      out.owner_nis_code = nis;
  } else if (in.owner_kind == "partner") {
    out.owner_partner = trim(in.owner_partner);
    if (out.owner_partner.empty())
      errors.push_back({"owner_partner", "Geef de naam van de partnerorganisatie."});
    else
      check_text(errors, "owner_partner", out.owner_partner, action_name_max);
  } else {
    errors.push_back({"owner_kind",
                      "Kies wie de actie trekt: een persoon, een gemeente of een "
                      "partner."});
  }
}

void check_dates(const ActionInput& in, Action& out, FieldErrors& errors) {
  out.starts_on = trim(in.starts_on);
  if (!is_action_date(out.starts_on))
    errors.push_back({"starts_on", "Geef een geldige begindatum, zoals 2026-09-01."});
  const std::string ends = trim(in.ends_on);
  out.ends_on.reset();
  if (ends.empty()) return;
  if (!is_action_date(ends))
    errors.push_back({"ends_on",
                      "Geef een geldige einddatum, zoals 2027-06-30, of laat het veld "
                      "leeg."});
  else if (is_action_date(out.starts_on) && ends < out.starts_on)
    errors.push_back({"ends_on", "De einddatum ligt voor de begindatum."});
  else
    out.ends_on = ends;
}

void check_links(soci::session& sql, const ActionInput& in, Action& out, FieldErrors& errors) {
  std::set<std::int64_t> known_needs;
  for (const auto& n : ActionStore::needs(sql)) known_needs.insert(n.id);
  out.need_ids.clear();
  for (const auto& text : in.need_ids) {
    if (trim(text).empty()) continue;
    const auto id = parse_id(trim(text));
    if (!id || !known_needs.contains(*id)) {
      errors.push_back({"need_ids", "Een gekozen nood bestaat niet (meer)."});
      break;
    }
    if (std::find(out.need_ids.begin(), out.need_ids.end(), *id) == out.need_ids.end())
      out.need_ids.push_back(*id);
  }
  std::sort(out.need_ids.begin(), out.need_ids.end());
  if (out.need_ids.size() > action_list_max)
    errors.push_back({"need_ids", "Hoogstens 50 noden per actie."});
  const auto goals = ActionStore::goal_numbers(sql);
  out.goal_numbers.clear();
  for (const auto& text : in.goal_numbers) {
    if (trim(text).empty()) continue;
    const auto n = parse_id(trim(text));
    if (!n || std::find(goals.begin(), goals.end(), *n) == goals.end()) {
      errors.push_back({"goal_numbers", "Een gekozen doel bestaat niet."});
      break;
    }
    const int g = static_cast<int>(*n);
    if (std::find(out.goal_numbers.begin(), out.goal_numbers.end(), g) == out.goal_numbers.end())
      out.goal_numbers.push_back(g);
  }
  std::sort(out.goal_numbers.begin(), out.goal_numbers.end());
}

}  // namespace

bool is_action_date(const std::string& s) {
  if (s.size() != 10 || s < "2000-01-01" || s > "2100-12-31") return false;
  return brussels_to_utc(s, "12:00").has_value();
}

bool would_cycle(const std::vector<Action>& all, std::int64_t self, std::int64_t parent) {
  // Walk up from `parent`: reaching `self` means `parent` is self or one of its parts.
  std::set<std::int64_t> seen;
  std::optional<std::int64_t> at = parent;
  while (at && seen.insert(*at).second) {
    if (*at == self) return true;
    auto it = std::find_if(all.begin(), all.end(), [&](const Action& a) { return a.id == *at; });
    if (it == all.end()) return false;
    at = it->parent_id;
  }
  return at.has_value();  // a loop that does not pass `self` (never saved, but refuse it)
}

// Long because: one check per field of the form, in the order the form shows them.
FieldErrors check_action(soci::session& sql, const ActionInput& in, Action& out,
                         const std::vector<Action>& all, std::optional<std::int64_t> self) {
  FieldErrors errors;
  out.title = trim(in.title);
  if (out.title.empty())
    errors.push_back({"title", "Geef de actie een titel."});
  else
    check_text(errors, "title", out.title, action_title_max);
  out.description = trim(in.description);
  check_text(errors, "description", out.description, action_text_max);
  check_owner(sql, in, out, errors);
  check_dates(in, out, errors);
  const auto status = parse_id(trim(in.status_id));
  if (!status || !ActionStatusStore::find(sql, *status))
    errors.push_back({"status_id", "Kies een status uit de lijst."});
  else
    out.status_id = *status;
  const std::string progress = trim(in.progress);
  out.progress.reset();
  if (!progress.empty()) {
    if (auto p = parse_percent(progress))
      out.progress = *p;
    else
      errors.push_back({"progress", "De eigen voortgang is een getal van 0 tot 100, of leeg."});
  }
  out.is_public = in.is_public;
  check_links(sql, in, out, errors);
  const std::string parent = trim(in.parent_id);
  out.parent_id.reset();
  if (!parent.empty()) {
    const auto id = parse_id(parent);
    const bool exists =
        id && std::any_of(all.begin(), all.end(), [&](const Action& a) { return a.id == *id; });
    if (!exists)
      errors.push_back({"parent_id", "Deze grotere actie bestaat niet."});
    else if (self && would_cycle(all, *self, *id))
      errors.push_back({"parent_id",
                        "Een actie kan geen deel zijn van zichzelf of van een van haar eigen "
                        "delen: dat zou een kringverwijzing geven."});
    else
      out.parent_id = *id;
  }
  return errors;
}

FieldErrors check_milestone(const std::string& title, const std::string& due_on, Milestone& out) {
  FieldErrors errors;
  out.title = trim(title);
  if (out.title.empty())
    errors.push_back({"milestone_title", "Geef de mijlpaal een titel."});
  else
    check_text(errors, "milestone_title", out.title, action_name_max);
  out.due_on = trim(due_on);
  if (!is_action_date(out.due_on))
    errors.push_back({"milestone_due_on", "Geef een geldige datum, zoals 2026-12-15."});
  return errors;
}

// Long because: one branch per kind of output, each with its own lookup.
FieldErrors check_output(soci::session& sql, const std::string& kind, const std::string& target,
                         const std::string& label, Output& out) {
  FieldErrors errors;
  out.kind = kind;
  out.label = trim(label);
  const std::string t = trim(target);
  std::string default_label;
  if (kind == "resource") {
    std::optional<catalog::ResourceRef> ref;
    if (auto id = parse_id(t))
      ref = catalog::resource_ref(sql, *id);
    else if (!t.empty())
      ref = catalog::resource_ref_by_slug(sql, last_segment(t));
    if (!ref)
      errors.push_back({"output_target", "Dit hulpmiddel bestaat niet in de kennisbank."});
    else {
      out.target = std::to_string(ref->id);
      default_label = ref->title;
    }
  } else if (kind == "series") {
    std::optional<trainings::SeriesRef> ref;
    if (auto id = parse_id(t))
      ref = trainings::series_ref(sql, *id);
    else if (!t.empty())
      ref = trainings::series_ref_by_slug(sql, last_segment(t));
    if (!ref)
      errors.push_back({"output_target", "Deze vormingsreeks bestaat niet."});
    else {
      out.target = std::to_string(ref->id);
      default_label = ref->title;
    }
  } else if (kind == "campaign") {
    if (!is_choice(campaigns::postcard_themes(), t))
      errors.push_back({"output_target", "Kies een van de postkaartencampagnes."});
    else {
      out.target = t;
      default_label = "Postkaarten " + label_of(campaigns::postcard_themes(), t);
    }
  } else if (kind == "link") {
    if (!is_https_url(t) || t.size() > action_url_max)
      errors.push_back({"output_target", "Geef een webadres dat begint met https://."});
    else {
      check_text(errors, "output_target", t, action_url_max);
      out.target = t;
      default_label = t;
    }
  } else {
    errors.push_back({"output_kind",
                      "Kies de soort output: hulpmiddel, vormingsreeks, "
                      "campagne of link."});
  }
  if (!out.label.empty())
    check_text(errors, "output_label", out.label, action_name_max);
  else
    out.label = default_label;
  return errors;
}

FieldErrors check_indicator(const std::string& name, const std::string& value,
                            const std::string& target, const std::string& unit, Indicator& out) {
  FieldErrors errors;
  out.name = trim(name);
  if (out.name.empty())
    errors.push_back({"indicator_name", "Geef de indicator een naam."});
  else
    check_text(errors, "indicator_name", out.name, action_name_max);
  if (auto v = parse_number(value))
    out.value = *v;
  else
    errors.push_back({"indicator_value", "Geef de waarde als een getal, zoals 84."});
  out.target.reset();
  if (!trim(target).empty()) {
    if (auto t = parse_number(target))
      out.target = *t;
    else
      errors.push_back({"indicator_target",
                        "Geef het streefcijfer als een getal, of laat het "
                        "veld leeg."});
  }
  out.unit = trim(unit);
  check_text(errors, "indicator_unit", out.unit, action_unit_max);
  return errors;
}

std::optional<double> parse_number(const std::string& input) {
  std::string text = trim(input);
  if (text.empty() || text.size() > 20) return std::nullopt;
  std::replace(text.begin(), text.end(), ',', '.');
  if (!std::all_of(text.begin(), text.end(),
                   [](char c) { return (c >= '0' && c <= '9') || c == '.' || c == '-'; }))
    return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(v) || std::fabs(v) > 1e12)
    return std::nullopt;
  return v;
}

std::string format_number(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  std::ostringstream out;
  out.precision(12);
  out << v;
  std::string s = out.str();
  std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

std::string output_kind_label(const std::string& kind) {
  if (kind == "resource") return "hulpmiddel";
  if (kind == "series") return "vormingsreeks";
  if (kind == "campaign") return "campagne";
  return "link";
}

}  // namespace schakel::signals

namespace schakel::signals {

bool is_network_coordinator(const std::optional<web::Principal>& user) {
  return web::has_role(user, Role::coordinator) || web::has_role(user, Role::admin);
}

bool may_edit_action(const std::optional<web::Principal>& user, const Action& a) {
  if (is_network_coordinator(user)) return true;
  return web::has_role(user, Role::spoc) && a.owner_kind == "municipality" && a.owner_nis_code &&
         web::speaks_for(user, *a.owner_nis_code);
}

void log_action(soci::session& sql, const std::optional<web::Principal>& user, std::int64_t id,
                std::int64_t now, const std::string& event, const std::string& summary) {
  TimelineEntry e;
  e.subject_kind = "action";
  e.subject_id = id;
  e.at = now;
  if (user) e.actor_user_id = user->id;
  e.event = event;
  e.summary = summary;
  TimelineStore::append(sql, e);
}

}  // namespace schakel::signals
