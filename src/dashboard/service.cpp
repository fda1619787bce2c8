#include "dashboard/service.hpp"

#include <algorithm>
#include <cctype>

#include "campaigns/attention.hpp"
#include "catalog/attention.hpp"
#include "core/clock.hpp"
#include "signals/attention.hpp"
#include "signals/goal_service.hpp"
#include "trainings/attention.hpp"
#include "web/access.hpp"

namespace schakel::dashboard {

namespace {

bool may_open(const std::optional<web::Principal>& user) {
  return web::has_role(user, Role::coordinator) || web::has_role(user, Role::admin);
}

Error not_yours() {
  return Error::of(Failure::forbidden, "Alleen de coördinator ziet het coördinatieoverzicht.");
}

// The first and the last second + 1 of Brussels year `year`.
std::pair<std::int64_t, std::int64_t> year_range(int year) {
  const auto from = brussels_to_utc(std::to_string(year) + "-01-01", "00:00");
  const auto until = brussels_to_utc(std::to_string(year + 1) + "-01-01", "00:00");
  return {from.value_or(0), until.value_or(0)};
}

std::string goal_title(const std::vector<signals::GoalSummary>& goals, int number) {
  for (const auto& g : goals)
    if (g.goal.number == number) return g.goal.title;
  return "Doelstelling " + std::to_string(number);
}

}  // namespace

bool shows_to(const std::string& key, Role role) {
  if (role == Role::coordinator) return key != "mail.failures" && key != "archive.backups";
  if (role == Role::admin)
    return key == "mail.failures" || key == "archive.backups" || key == "signals.needs" ||
           key == "signals.overdue";
  return false;
}

Result<int> parse_year(const std::string& text) {
  const bool digits = text.size() == 4 && std::all_of(text.begin(), text.end(), [](char c) {
                        return std::isdigit(static_cast<unsigned char>(c)) != 0;
                      });
  const int year = digits ? std::stoi(text) : 0;
  if (year < first_year || year > last_year)
    return Error::invalid("jaar", "Kies een jaar van " + std::to_string(first_year) + " tot " +
                                      std::to_string(last_year) + ", zoals 2026.");
  return year;
}

int DashboardService::this_year() const {
  return std::stoi(format_date_input(app_.clock().now()).substr(0, 4));
}

Result<std::vector<LineGroup>> DashboardService::lines(const std::optional<web::Principal>& user) {
  if (!may_open(user)) return not_yours();
  const std::int64_t now = app_.clock().now();
  std::vector<LineGroup> groups;
  app_.db().run([&](soci::session& sql) {
    for (const AttentionSource& source : app_.attention_sources()) {
      if (!shows_to(source.key, user->role)) continue;
      std::vector<AttentionLine> found = source.lines(sql, now);
      if (found.empty()) continue;
      auto group = std::find_if(groups.begin(), groups.end(),
                                [&](const LineGroup& g) { return g.heading == source.group; });
      if (group == groups.end()) group = groups.insert(groups.end(), LineGroup{source.group, {}});
      for (auto& l : found) group->lines.push_back(std::move(l));
    }
  });
  return groups;
}

// Long because: the four goals, each with the figures of its feature, in the
// order the page, the PDF and the XLSX show them.
Result<YearReport> DashboardService::report(const std::optional<web::Principal>& user, int year) {
  if (!may_open(user)) return not_yours();
  if (year < first_year || year > last_year) return parse_year(std::to_string(year)).error();
  const auto range = year_range(year);
  const std::int64_t from = range.first, until = range.second;
  store::Database& db = app_.db();
  catalog::YearFigures kb;
  trainings::YearFigures tr;
  db.run([&](soci::session& sql) {
    kb = catalog::year_figures(sql, from, until);
    tr = trainings::year_figures(sql, from, until);
  });
  const campaigns::YearFigures cards = campaigns::year_figures(db, from, until);
  const signals::YearFigures sig = signals::year_figures(db, from, until);
  const auto goals = signals::GoalService(db, app_.clock()).public_summaries();
  YearReport r{year, {}};
  r.goals.push_back(
      {1,
       goal_title(goals, 1),
       "Kennisbank",
       {{"Nieuwe fiches in de kennisbank", kb.published, ""},
        {"Fiches in de kennisbank op het einde van het jaar", kb.published_total, ""}}});
  r.goals.push_back({2,
                     goal_title(goals, 2),
                     "Vorming",
                     {{"Vormingsreeksen", tr.series, ""},
                      {"Deelnemers", tr.participants, ""},
                      {"Uitgereikte attesten", tr.certificates, ""},
                      {"Ingevulde evaluaties", tr.evaluations, ""}}});
  r.goals.push_back({3,
                     goal_title(goals, 3),
                     "Campagnes",
                     {{"Verdelingsrondes", cards.rounds, ""},
                      {"Verdeelde postkaarten", cards.cards, ""},
                      {"Bereikte gemeenten", cards.municipalities, ""},
                      {"Scans van de QR-code", cards.scans, ""}}});
  r.goals.push_back({4,
                     goal_title(goals, 4),
                     "Signalen en acties",
                     {{"Nieuwe signalen", sig.signals, ""},
                      {"Nieuwe noden", sig.needs, ""},
                      {"Acties in het jaar", sig.actions, ""},
                      {"Gemiddelde voortgang van die acties", sig.progress, "%"}}});
  return r;
}

}  // namespace schakel::dashboard
