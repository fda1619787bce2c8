// The newsletter's template: the Markdown that lists a period's news for
// everyone, read from the app's news sources and the signals' public actions.
#include <cstdio>
#include <set>

#include "app/app.hpp"
#include "core/clock.hpp"
#include "digest/newsletter_service.hpp"
#include "signals/goal_service.hpp"

namespace schakel::digest {

namespace {

// `text` with the characters that Markdown would read as markup escaped.
std::string md_text(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      out += ' ';
      continue;
    }
    if (std::string_view("\\`*_[]<>#|!~").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// `href` safe inside a Markdown link destination.
std::string md_href(const std::string& href) {
  std::string out;
  for (char c : href) {
    if (c == '(')
      out += "%28";
    else if (c == ')')
      out += "%29";
    else if (c == ' ')
      out += "%20";
    else if (c == '<' || c == '>' || c == '\n' || c == '\r')
      continue;
    else
      out += c;
  }
  return out;
}

struct Line {
  std::string title, href, summary;
};

void section(std::string& out, const char* heading, const std::vector<Line>& lines) {
  if (lines.empty()) return;
  out += "## ";
  out += heading;
  out += "\n\n";
  for (const auto& l : lines) {
    out += "- [" + md_text(l.title) + "](" + md_href(l.href) + ")";
    if (!l.summary.empty()) out += ": " + md_text(l.summary);
    out += "\n";
  }
  out += "\n";
}

// The UTC start of the Brussels day after `date`; nullopt when malformed.
std::optional<std::int64_t> day_after(const std::string& date) {
  const auto noon = brussels_to_utc(date, "12:00");
  if (!noon) return std::nullopt;
  return brussels_to_utc(format_date_input(*noon + 86400), "00:00");
}

int days_in_month(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

}  // namespace

NewsletterPeriod default_period(std::int64_t now) {
  const std::string today = format_date_input(now);
  int y = 0, m = 0, d = 0;
  if (std::sscanf(today.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return {today, today};
  if (--m == 0) {
    m = 12;
    --y;
  }
  d = std::min(d, days_in_month(y, m));
  char from[16];
  std::snprintf(from, sizeof from, "%04d-%02d-%02d", y, m, d);
  return {from, today};
}

// Long because: one pass over three kinds of news and the public actions,
// each turned into the lines of its section.
Result<std::string> NewsletterService::template_body(const NewsletterPeriod& period) {
  const auto start = brussels_to_utc(period.from, "00:00");
  const auto end = day_after(period.until);
  FieldErrors errors;
  if (!start) errors.push_back({"from", "Geef een geldige begindatum (jjjj-mm-dd)."});
  if (!end) errors.push_back({"until", "Geef een geldige einddatum (jjjj-mm-dd)."});
  if (start && end && *end <= *start)
    errors.push_back({"until", "De einddatum ligt voor de begindatum. Kies een latere einddatum."});
  else if (start && end && *end - *start > (newsletter_period_max_days + 1) * 86400)
    errors.push_back({"until", "Kies een periode van hoogstens een jaar."});
  if (!errors.empty()) return Error{Failure::invalid, errors};

  const std::string base = app_.base_url();
  std::map<std::string, std::vector<Line>> by_kind;
  app_.db().run([&](soci::session& sql) {
    for (const auto& source : app_.news_sources())
      for (const auto& item : source.items(sql, *start, *end)) {
        if (item.network_only || !item.for_users.empty()) continue;
        if (item.kind != "resources" && item.kind != "trainings" && item.kind != "initiatives")
          continue;
        by_kind[item.kind].push_back({item.title, base + item.href, item.summary});
      }
  });
  std::vector<Line> actions;
  std::set<std::int64_t> seen;
  for (const auto& view : signals::GoalService(app_.db(), app_.clock()).goals(true)) {
    std::vector<const signals::Action*> all;
    for (const auto& a : view.actions.top) all.push_back(&a);
    for (const auto& [parent, parts] : view.actions.parts)
      for (const auto& a : parts) all.push_back(&a);
    for (const auto* a : all) {
      if (!a->is_public || a->created_at < *start || a->created_at >= *end) continue;
      if (!seen.insert(a->id).second) continue;
      actions.push_back(
          {a->title, base + "/doelen/" + std::to_string(view.goal.number), a->description});
    }
  }

  std::string out = "Dag iedereen,\n\nDit is het nieuws van het netwerk van " +
                    format_date_nl(*start) + " tot en met " + format_date_nl(*end - 1) + ".\n\n";
  section(out, "Nieuw in de kennisbank", by_kind["resources"]);
  section(out, "Nieuwe vormingen", by_kind["trainings"]);
  section(out, "Nieuwe initiatieven en subsidieoproepen", by_kind["initiatives"]);
  section(out, "Nieuwe acties van het netwerk", actions);
  if (by_kind.empty() && actions.empty()) out += "In deze periode kwam er niets nieuws bij.\n\n";
  out += "Met vriendelijke groeten,\n\nDe coördinator van het netwerk\n";
  return out;
}

}  // namespace schakel::digest
