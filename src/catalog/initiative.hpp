#pragma once
// Initiatives across levels and domains (issue 14): the rules of the policy
// fields of initiatives and funding calls, what "running" and "open" mean, and
// the calendar-date arithmetic they need. Dates are Brussels calendar dates as
// "YYYY-MM-DD" (what a date input sends).
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "catalog/types.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace schakel::catalog {

// Calls closing within this many days (today included) are listed on
// /initiatieven and counted on the coordinator's dashboard.
inline constexpr int closing_days = 30;

// True for a real calendar date written "YYYY-MM-DD".
bool valid_date(const std::string& text);
// The Brussels calendar date of a moment, "YYYY-MM-DD".
std::string date_of(std::int64_t unix_seconds);
// `date` moved by `days` (may be negative). Requires: valid_date(date).
std::string add_days(const std::string& date, int days);
// Whole days from `from` to `to` (negative when `to` is earlier).
// Requires: both valid_date.
int days_between(const std::string& from, const std::string& to);

// Empties the policy fields a kind does not have: level and domains outside
// initiatives and funding calls, the deadline outside funding calls, the
// running period outside initiatives. A form sends every field whatever the
// kind (it works without JavaScript), so what a kind does not show is dropped.
void clear_policy_fields(Resource& r);
// Field errors of the policy fields: an unknown level ("policy_level"), unknown
// domains ("policy_domains"), a funding call without a valid deadline
// ("deadline"), an invalid date or an end before the start ("running_from",
// "running_until"). Initiatives and funding calls need a level and a domain.
void check_policy(soci::session& sql, FieldErrors& errors, const Resource& r);

// A published initiative runs on `today` when its period (either end may be
// open) contains it; a published funding call is open until its deadline,
// that day included. Other kinds are never current.
bool is_current(const Resource& r, const std::string& today);

// The first moment of the next Brussels day after `unix_seconds` (until when a
// page that counts days may be cached).
std::int64_t next_midnight(std::int64_t unix_seconds);
// "31 maart 2027" for a valid date ("" otherwise).
std::string date_label_nl(const std::string& date);
// "vandaag", "morgen", "nog 12 dagen" or "afgesloten" for a deadline seen on `today`.
std::string days_left_label(const std::string& deadline, const std::string& today);
// The deadline or running period of an initiative or funding call as
// label/value pairs for its page (empty for other kinds).
nlohmann::json policy_facts(const Resource& r, const std::string& today);

// The news of digests (initiative_news.cpp): key "catalog.initiatives", kind
// "initiatives": initiatives and funding calls first published in the period,
// with the resource's themes; network_only for network visibility.
NewsSource initiative_news_source();

// The policy fields of the demo initiative `r` (the Gent one of demo.cpp).
void add_demo_policy(Resource& r, const std::string& today);
// The demo initiatives and funding calls, by `author` (catalog's DemoLoader).
void load_initiative_demo(soci::session& sql, const Clock& clock,
                          std::optional<std::int64_t> author);

// Registers the overview page /initiatieven, the dashboard line of closing
// funding calls, the news source of digests and the job that re-indexes
// initiatives whose period starts or ends (initiative_routes.cpp).
void install_initiatives(App& app);

}  // namespace schakel::catalog
