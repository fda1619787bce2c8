#include "trainings/calendar_store.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "core/random.hpp"
#include "store/row.hpp"
#include "trainings/store.hpp"

namespace schakel::trainings {

namespace {

// What the SELECTs below return for each session, in this order.
const char* const revision_columns =
    "s.id, s.series_id, s.calendar_sequence + r.calendar_sequence, "
    "COALESCE(s.calendar_modified_at, 0), r.updated_at, s.starts_at";

struct Revision {
  std::int64_t session_id = 0;
  std::int64_t series_id = 0;
  int sequence = 0;
  std::int64_t modified_at = 0;
};

// The entries of the sessions selected by `from_where` (FROM ... WHERE ..., with
// training_sessions as s and training_series as r), by start time.
template <class... Params>
std::vector<CalendarEntry> load_entries(soci::session& sql, const std::string& from_where,
                                        const Params&... params) {
  std::vector<Revision> revisions;
  {
    const std::string query = std::string("SELECT DISTINCT ") + revision_columns + " " +
                              from_where + " ORDER BY s.starts_at, s.id";
    soci::rowset<soci::row> rows = ((sql.prepare << query), ..., soci::use(params));
    for (const auto& row : rows) {
      using namespace store;
      revisions.push_back(Revision{int64_at(row, 0), int64_at(row, 1),
                                   static_cast<int>(int64_at(row, 2)),
                                   std::max(int64_at(row, 3), int64_at(row, 4))});
    }
  }
  // One query for each series and its sessions, not one per session.
  std::map<std::int64_t, Series> series;
  std::map<std::int64_t, Session> sessions;
  for (const auto& r : revisions) {
    if (series.count(r.series_id)) continue;
    auto found = TrainingStore::find_series(sql, r.series_id);
    if (!found) continue;
    series.emplace(r.series_id, std::move(*found));
    for (auto& s : TrainingStore::sessions_of(sql, r.series_id)) sessions.emplace(s.id, s);
  }
  std::vector<CalendarEntry> out;
  out.reserve(revisions.size());
  for (const auto& r : revisions) {
    auto s = sessions.find(r.session_id);
    auto ser = series.find(r.series_id);
    if (s == sessions.end() || ser == series.end()) continue;
    out.push_back(CalendarEntry{ser->second, s->second, r.sequence, r.modified_at});
  }
  return out;
}

// A token as random_token() makes them: base64url, 43 characters for 32 bytes.
bool well_formed(const std::string& token) {
  if (token.size() < 20 || token.size() > 100) return false;
  return std::all_of(token.begin(), token.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

}  // namespace

void CalendarStore::session_changed(soci::session& sql, std::int64_t session_id, std::int64_t now) {
  long long id = session_id, at = now;
  sql << "UPDATE training_sessions SET calendar_sequence = calendar_sequence + 1, "
         "calendar_modified_at = :at WHERE id = :id",
      soci::use(at), soci::use(id);
}

void CalendarStore::series_changed(soci::session& sql, std::int64_t series_id, std::int64_t now) {
  long long id = series_id;
  (void)now;  // the series' own updated_at is the LAST-MODIFIED of its events
  sql << "UPDATE training_series SET calendar_sequence = calendar_sequence + 1 WHERE id = :id",
      soci::use(id);
}

std::vector<CalendarEntry> CalendarStore::public_entries(soci::session& sql, std::int64_t from) {
  long long after = from;
  return load_entries(sql,
                      "FROM training_sessions s JOIN training_series r ON r.id = s.series_id "
                      "WHERE r.status IN ('published', 'cancelled') AND r.visibility = 'public' "
                      "AND s.ends_at >= :since",
                      after);
}

std::vector<CalendarEntry> CalendarStore::series_entries(soci::session& sql,
                                                         std::int64_t series_id) {
  long long id = series_id;
  return load_entries(sql,
                      "FROM training_sessions s JOIN training_series r ON r.id = s.series_id "
                      "WHERE s.series_id = :id",
                      id);
}

std::vector<CalendarEntry> CalendarStore::user_entries(soci::session& sql, std::int64_t user_id) {
  long long id = user_id;
  return load_entries(sql,
                      "FROM training_registrations g JOIN training_sessions s ON s.series_id = "
                      "g.series_id AND (g.session_id IS NULL OR g.session_id = s.id) "
                      "JOIN training_series r ON r.id = s.series_id "
                      "WHERE g.user_id = :u AND g.state = 'registered'",
                      id);
}

std::vector<CalendarEntry> CalendarStore::unit_entries(soci::session& sql, const Unit& unit) {
  const std::string from =
      "FROM training_sessions s JOIN training_series r ON r.id = s.series_id WHERE ";
  long long series = unit.series_id;
  if (!unit.session_id) return load_entries(sql, from + "s.series_id = :series", series);
  long long session = *unit.session_id;
  return load_entries(sql, from + "s.series_id = :series AND s.id = :session", series, session);
}

std::string CalendarStore::feed_token(soci::session& sql, std::int64_t user_id, std::int64_t now) {
  long long id = user_id, at = now;
  const std::string fresh = random_token();
  // Two first visits at once: the second insert does nothing and both read the first.
  sql << "INSERT INTO training_calendar_feeds (user_id, token, created_at) VALUES (:u, :t, :c) "
         "ON CONFLICT (user_id) DO NOTHING",
      soci::use(id), soci::use(fresh), soci::use(at);
  std::string token;
  sql << "SELECT token FROM training_calendar_feeds WHERE user_id = :u", soci::use(id),
      soci::into(token);
  return token;
}

std::string CalendarStore::reset_feed_token(soci::session& sql, std::int64_t user_id,
                                            std::int64_t now) {
  long long id = user_id, at = now;
  const std::string fresh = random_token();
  sql << "DELETE FROM training_calendar_feeds WHERE user_id = :u", soci::use(id);
  sql << "INSERT INTO training_calendar_feeds (user_id, token, created_at) VALUES (:u, :t, :c)",
      soci::use(id), soci::use(fresh), soci::use(at);
  return fresh;
}

std::optional<std::int64_t> CalendarStore::feed_owner(soci::session& sql,
                                                      const std::string& token) {
  if (!well_formed(token)) return std::nullopt;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT user_id FROM training_calendar_feeds WHERE token = :t",
       soci::use(token));
  for (const auto& row : rows) return store::int64_at(row, 0);
  return std::nullopt;
}

}  // namespace schakel::trainings
