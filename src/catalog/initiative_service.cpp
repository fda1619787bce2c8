// The rules of the policy fields of initiatives and funding calls, and the
// calendar arithmetic behind "running", "open" and "closes in N days".
#include <cstdio>
#include <optional>

#include "catalog/initiative.hpp"
#include "catalog/store.hpp"
#include "core/clock.hpp"

namespace schakel::catalog {

namespace {

struct Ymd {
  int y = 0, m = 0, d = 0;
};

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int month_days(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}

std::optional<Ymd> parse(const std::string& t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  for (std::size_t i : std::initializer_list<std::size_t>{0, 1, 2, 3, 5, 6, 8, 9})
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
  Ymd out{std::stoi(t.substr(0, 4)), std::stoi(t.substr(5, 2)), std::stoi(t.substr(8, 2))};
  if (out.y < 1900 || out.m < 1 || out.m > 12 || out.d < 1 || out.d > month_days(out.y, out.m))
    return std::nullopt;
  return out;
}

// Days since 1970-01-01 of a proleptic Gregorian date (civil-from-days inverse).
std::int64_t day_number(const Ymd& v) {
  const int y = v.y - (v.m <= 2 ? 1 : 0);
  const int era = y / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (v.m + (v.m > 2 ? -3 : 9)) + 2) / 5 + v.d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

std::string from_day_number(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", y, m, d);
  return out;
}

}  // namespace

bool valid_date(const std::string& text) { return parse(text).has_value(); }

std::string date_of(std::int64_t unix_seconds) { return format_date_input(unix_seconds); }

std::string add_days(const std::string& date, int days) {
  return from_day_number(day_number(*parse(date)) + days);
}

int days_between(const std::string& from, const std::string& to) {
  return static_cast<int>(day_number(*parse(to)) - day_number(*parse(from)));
}

void clear_policy_fields(Resource& r) {
  if (!kind_has_policy(r.kind)) {
    r.policy_level.clear();
    r.policy_domains.clear();
  }
  if (r.kind != "funding_call") r.deadline.clear();
  if (r.kind != "initiative") {
    r.running_from.clear();
    r.running_until.clear();
  }
}

void check_policy(soci::session& sql, FieldErrors& errors, const Resource& r) {
  if (!kind_has_policy(r.kind)) return;
  if (r.policy_level.empty())
    errors.push_back({"policy_level", "Kies een beleidsniveau."});
  else if (!is_choice(policy_levels(), r.policy_level))
    errors.push_back({"policy_level", "Kies een beleidsniveau uit de lijst."});
  if (r.policy_domains.empty())
    errors.push_back({"policy_domains", "Kies minstens één beleidsdomein."});
  else if (r.policy_domains.size() > 20 ||
           !CatalogStore::unknown_terms(sql, "policy_domain", r.policy_domains).empty())
    errors.push_back({"policy_domains", "Kies beleidsdomeinen uit de lijst."});
  if (r.kind == "funding_call") {
    if (r.deadline.empty())
      errors.push_back({"deadline", "Vul de uiterste indiendatum van de oproep in."});
    else if (!valid_date(r.deadline))
      errors.push_back({"deadline", "Schrijf de uiterste datum als jjjj-mm-dd, bv. 2027-03-31."});
  }
  if (r.kind == "initiative") {
    const bool from_ok = r.running_from.empty() || valid_date(r.running_from);
    const bool until_ok = r.running_until.empty() || valid_date(r.running_until);
    if (!from_ok)
      errors.push_back({"running_from", "Schrijf de startdatum als jjjj-mm-dd, bv. 2027-01-01."});
    if (!until_ok)
      errors.push_back({"running_until", "Schrijf de einddatum als jjjj-mm-dd, bv. 2027-12-31."});
    if (from_ok && until_ok && !r.running_from.empty() && !r.running_until.empty() &&
        r.running_until < r.running_from)
      errors.push_back({"running_until", "De einddatum ligt voor de startdatum."});
  }
}

std::int64_t next_midnight(std::int64_t unix_seconds) {
  const auto at = brussels_to_utc(add_days(date_of(unix_seconds), 1), "00:00");
  return at ? *at : unix_seconds + 3600;
}

std::string date_label_nl(const std::string& date) {
  if (!valid_date(date)) return "";
  auto at = brussels_to_utc(date, "12:00");
  return at ? format_date_nl(*at) : "";
}

std::string days_left_label(const std::string& deadline, const std::string& today) {
  const int days = days_between(today, deadline);
  if (days < 0) return "afgesloten";
  if (days == 0) return "sluit vandaag";
  if (days == 1) return "nog 1 dag";
  return "nog " + std::to_string(days) + " dagen";
}

nlohmann::json policy_facts(const Resource& r, const std::string& today) {
  nlohmann::json out = nlohmann::json::array();
  if (r.kind == "funding_call" && valid_date(r.deadline))
    out.push_back(
        {{"label", "Uiterste indiendatum"},
         {"value", date_label_nl(r.deadline) + " (" + days_left_label(r.deadline, today) + ")"}});
  if (r.kind == "initiative" && (valid_date(r.running_from) || valid_date(r.running_until))) {
    std::string period;
    if (valid_date(r.running_from)) period = "vanaf " + date_label_nl(r.running_from);
    if (valid_date(r.running_until))
      period += (period.empty() ? "tot en met " : " tot en met ") + date_label_nl(r.running_until);
    out.push_back({{"label", "Looptijd"}, {"value", period}});
  }
  return out;
}

bool is_current(const Resource& r, const std::string& today) {
  if (r.status != "published") return false;
  if (r.kind == "funding_call") return !r.deadline.empty() && r.deadline >= today;
  if (r.kind == "initiative")
    return (r.running_from.empty() || r.running_from <= today) &&
           (r.running_until.empty() || r.running_until >= today);
  return false;
}

}  // namespace schakel::catalog
