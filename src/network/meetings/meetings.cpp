#include "network/meetings/meetings.hpp"

#include <algorithm>

#include "app/app.hpp"
#include "core/clock.hpp"
#include "network/meetings/demo.hpp"
#include "network/meetings/people.hpp"
#include "network/meetings/routes.hpp"
#include "network/meetings/search.hpp"
#include "network/meetings/store.hpp"
#include "search/engine.hpp"
#include "signals/action_refs.hpp"

namespace schakel::meetings {

namespace {

constexpr std::int64_t prepare_window = 14 * 24 * 3600;

std::vector<AttentionLine> attention(soci::session& sql, std::int64_t now) {
  std::vector<AttentionLine> lines;
  const auto to_prepare = MeetingStore::meetings_to_prepare(sql, now, now + prepare_window);
  if (!to_prepare.empty()) {
    const auto n = static_cast<std::int64_t>(to_prepare.size());
    lines.push_back(
        {n == 1 ? "1 overleg voor te bereiden (voorstellen of agenda)"
                : std::to_string(n) + " overleggen voor te bereiden (voorstellen of agenda)",
         n == 1 ? "/overleg/" + std::to_string(to_prepare.front()) : "/overleg", n, "warning"});
  }
  if (const auto overdue = MeetingStore::overdue_action_points(sql, format_date_input(now));
      overdue > 0)
    lines.push_back({overdue == 1
                         ? "1 actiepunt van een overleg is over tijd"
                         : std::to_string(overdue) + " actiepunten van overleggen zijn over tijd",
                     "/overleg/actiepunten", overdue, "urgent"});
  return lines;
}

// The invited people and the SPOCs of the invited municipalities, on `at`.
std::vector<std::int64_t> concerned_at(soci::session& sql, const Meeting& m, std::int64_t at) {
  std::vector<std::int64_t> out = m.people;
  for (const auto& nis : m.nis_codes)
    for (const auto id : spocs_of(sql, nis, at)) out.push_back(id);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<NewsItem> new_meetings(soci::session& sql, std::int64_t from, std::int64_t until) {
  std::vector<NewsItem> out;
  for (const auto& m : MeetingStore::created_between(sql, from, until))
    out.push_back(NewsItem{"meetings",
                           "meeting:" + std::to_string(m.id),
                           m.title,
                           "Overleg op " + format_weekday_date_nl(m.starts_at) + " om " +
                               format_time_nl(m.starts_at) + ".",
                           "/overleg/" + std::to_string(m.id),
                           {},
                           m.created_at,
                           true,
                           concerned_at(sql, m, until)});
  return out;
}

std::vector<NewsItem> new_action_points(soci::session& sql, std::int64_t from, std::int64_t until) {
  std::vector<NewsItem> out;
  for (const auto& p : MeetingStore::action_points_between(sql, from, until))
    out.push_back(
        NewsItem{"meetings",
                 "meeting-action-point:" + std::to_string(p.id),
                 "Actiepunt: " + p.text,
                 "Uit het overleg \"" + p.meeting_title + "\", klaar tegen " + p.due_on + ".",
                 "/overleg/" + std::to_string(p.meeting_id) + "#actiepunten",
                 {},
                 p.created_at,
                 true,
                 {p.owner_id}});
  return out;
}

std::optional<signals::ActionOrigin> origin_of(soci::session& sql, std::int64_t action_id) {
  auto p = MeetingStore::action_point_of_action(sql, action_id);
  if (!p) return std::nullopt;
  return signals::ActionOrigin{
      "actiepunt van het overleg \"" + p->meeting_title + "\"",
      "/overleg/" + std::to_string(p->meeting_id) + "#actiepunt-" + std::to_string(p->id)};
}

}  // namespace

void install(App& app) {
  // Every table of this feature in the full export (archive/, issue 15).
  app.add_archive_tables(archive_tables_of(
      "network", {"meetings", "meeting_municipalities", "meeting_people", "meeting_items",
                  "meeting_attendance", "meeting_decisions", "meeting_action_points"}));
  install_routes(app);
  app.search().add_source(meeting_source());
  app.add_demo_loader(DemoLoader{"meetings", 90, load_demo, &MeetingStore::delete_demo});
  app.add_attention_source(AttentionSource{"meetings", "Overleg", 60, attention});
  app.add_news_source(NewsSource{"meetings.new", new_meetings});
  app.add_news_source(NewsSource{"meetings.action_points", new_action_points});
  signals::provide_action_origin("meetings", origin_of);
}

}  // namespace schakel::meetings
