#include "trainings/attention.hpp"

#include <functional>

#include "app/app.hpp"
#include "trainings/attention_store.hpp"

namespace schakel::trainings {

namespace {

using Counts = std::vector<attention_store::SeriesCount>;

// One line per series: `text(count)` after the title, linking to `page` of the series.
std::vector<AttentionLine> lines_of(const Counts& counts, const std::string& page,
                                    const std::function<std::string(std::int64_t)>& text,
                                    const std::string& level) {
  std::vector<AttentionLine> out;
  for (const auto& c : counts)
    out.push_back(
        {c.title + ": " + text(c.count), "/vorming/" + c.slug + "/" + page, c.count, level});
  return out;
}

std::string low_text(std::int64_t n) {
  return (n == 1 ? std::string("1 sessie") : std::to_string(n) + " sessies") + " binnen " +
         std::to_string(low_fill_days) + " dagen voor minder dan " +
         std::to_string(low_fill_percent) + "% gevuld";
}

std::string waitlist_text(std::int64_t n) {
  return (n == 1 ? std::string("1 persoon") : std::to_string(n) + " personen") +
         " op de wachtlijst";
}

std::string reminder_text(std::int64_t n) {
  return (n == 1 ? std::string("1 evaluatie wacht") : std::to_string(n) + " evaluaties wachten") +
         " op een herinnering";
}

}  // namespace

void install_attention(App& app) {
  app.add_attention_source(
      {"trainings.low", "Vorming", 20, [](soci::session& sql, std::int64_t now) {
         return lines_of(attention_store::low_sessions(sql, now), "deelnemers", low_text,
                         "warning");
       }});
  app.add_attention_source(
      {"trainings.waitlist", "Vorming", 21, [](soci::session& sql, std::int64_t now) {
         return lines_of(attention_store::waitlists(sql, now), "deelnemers", waitlist_text, "info");
       }});
  app.add_attention_source(
      {"trainings.evaluations", "Vorming", 22, [](soci::session& sql, std::int64_t) {
         return lines_of(attention_store::evaluations_to_remind(sql), "evaluatie", reminder_text,
                         "info");
       }});
}

YearFigures year_figures(soci::session& sql, std::int64_t from, std::int64_t until) {
  return attention_store::year_figures(sql, from, until);
}

}  // namespace schakel::trainings
