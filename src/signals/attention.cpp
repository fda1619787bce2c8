#include "signals/attention.hpp"

#include "app/app.hpp"
#include "core/clock.hpp"
#include "signals/attention_store.hpp"
#include "signals/overview.hpp"

namespace schakel::signals {

namespace {

AttentionLine line(std::size_t n, const char* one, const char* many, const char* anchor,
                   const char* level) {
  const auto count = static_cast<std::int64_t>(n);
  return {n == 1 ? std::string(one) : std::to_string(n) + many,
          std::string("/signalen/overzicht#") + anchor, count, level};
}

}  // namespace

// The lines read the same OverviewData and rules as /signalen/overzicht, so the
// counts here are the lengths of the lists that page shows. OverviewStore reads
// on its own connection (it is built on the Database, not a session).
void install_attention(App& app) {
  store::Database& db = app.db();
  app.add_attention_source(
      {"signals.needs", "Signalen en acties", 30, [&db](soci::session&, std::int64_t) {
         std::vector<AttentionLine> out;
         const auto needs = needs_without_action(OverviewStore(db).load());
         if (!needs.empty())
           out.push_back(line(needs.size(), "1 nood zonder actie", " noden zonder actie",
                              "noden-zonder-actie", "warning"));
         return out;
       }});
  app.add_attention_source(
      {"signals.overdue", "Signalen en acties", 31, [&db](soci::session&, std::int64_t now) {
         std::vector<AttentionLine> out;
         const OverviewData data = OverviewStore(db).load();
         const auto overdue = overdue_actions(data, counted_progress(data.actions, data.statuses),
                                              format_date_input(now));
         if (!overdue.empty())
           out.push_back(line(overdue.size(), "1 actie over de einddatum",
                              " acties over de einddatum", "acties-over-einddatum", "urgent"));
         return out;
       }});
}

YearFigures year_figures(store::Database& db, std::int64_t from, std::int64_t until) {
  YearFigures f;
  db.run([&](soci::session& sql) {
    f.signals = attention_store::count_signals_between(sql, from, until);
    f.needs = attention_store::count_needs_between(sql, from, until);
  });
  const std::string first = format_date_input(from), last = format_date_input(until - 1);
  const OverviewData data = OverviewStore(db).load();
  const auto progress = counted_progress(data.actions, data.statuses);
  const auto rolled = roll_up(data.actions, progress, [&](const Action& a) {
    const bool overlaps = a.starts_on <= last && (!a.ends_on || *a.ends_on >= first);
    return overlaps ? std::vector<std::string>{"year"} : std::vector<std::string>{};
  });
  if (const auto r = rolled.find("year"); r != rolled.end()) {
    f.actions = r->second.actions;
    f.progress = r->second.progress;
  }
  return f;
}

}  // namespace schakel::signals
