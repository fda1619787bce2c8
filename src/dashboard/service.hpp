#pragma once
// The coordinator's dashboard: the lines every feature registered
// (AttentionSource, app.hpp) grouped under their headings, and the figures of
// the network's four goals for a year, as one list of figures that the page,
// its charts, the PDF and the XLSX all show (so they agree).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "core/result.hpp"
#include "core/role.hpp"
#include "web/http.hpp"

namespace schakel::dashboard {

// Years a report may be asked for.
inline constexpr int first_year = 2000;
inline constexpr int last_year = 2100;

// One heading of the dashboard with its lines, in the sources' order.
struct LineGroup {
  std::string heading;
  std::vector<AttentionLine> lines;
};

// One figure of a goal: "Deelnemers" 42.
struct Figure {
  std::string label;
  std::int64_t value = 0;
  std::string unit;  // "" or "%" (written after the value)
};

// One of the four goals with its figures for the year.
struct GoalFigures {
  int number = 0;      // 1..4
  std::string title;   // the goal's title as the coordinator set it (signals' goals)
  std::string source;  // where the figures come from, e.g. "Vorming"
  std::vector<Figure> figures;
};

struct YearReport {
  int year = 0;
  std::vector<GoalFigures> goals;  // by number
};

// "2026" -> 2026. invalid (field "jaar", a Dutch message) for anything but
// four digits from first_year to last_year.
Result<int> parse_year(const std::string& text);

class DashboardService {
 public:
  // Requires: `app` outlives the service.
  explicit DashboardService(App& app) : app_(app) {}

  // Every line of every source `user` may follow (shows_to), grouped by heading
  // (in the order the first source of each heading comes), at the clock's now.
  // Coordinators and admins only (forbidden otherwise).
  Result<std::vector<LineGroup>> lines(const std::optional<web::Principal>& user);
  // The figures of the four goals for Brussels year `year`. Coordinators and
  // admins only (forbidden otherwise); invalid for a year outside first_year..last_year.
  Result<YearReport> report(const std::optional<web::Principal>& user, int year);
  // The current Brussels year of the clock.
  int this_year() const;

 private:
  App& app_;
};

// Whether the lines of source `key` show to `role`, so that no line leads to a
// page that refuses its reader: a coordinator sees every source but the mail
// failures (the outbox is admin-only, and mails hold personal data) and the
// backups (an admin's page); an admin sees those two and the signals' lines (the overview opens for
// admins), not the others (their pages are the coordinator's or the
// organisers'). Other roles see none.
bool shows_to(const std::string& key, Role role);

}  // namespace schakel::dashboard
