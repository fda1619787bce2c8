#pragma once
// Attendance of training sessions: the list a trainer or organiser marks, the
// participant's own QR check-in, the reports across sessions and series (who
// attended which modules, no-shows, per municipality and per sector) and the
// exports of registrations and attendance.
//
// The participants of a session are the registrations in state "registered" of
// that session (registration per session) or of its series without a session
// (registration per series), made before the session started: a late joiner
// (Series::late_join) is measured only on the sessions after registering. Only
// they can be marked.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/database.hpp"
#include "trainings/attendance_store.hpp"
#include "trainings/types.hpp"
#include "view/table_export.hpp"

namespace schakel::trainings {

// One participant on the list of a session, with the mark when there is one.
struct ListRow {
  Registration registration;
  std::string municipality;  // Dutch name, "" when not given
  std::optional<Mark> mark;
  bool present() const { return mark && mark->present; }
};

struct SessionList {
  Series series;
  Session session;
  std::vector<ListRow> rows;  // by name
  int present = 0;
};

// What a report shows for one participant at one session.
enum class Cell {
  present,         // marked present
  absent,          // marked absent, or the session ended without a mark
  pending,         // the session has not ended and nobody marked yet
  not_registered,  // not a participant of this session
  cancelled,       // the session was cancelled
};

// Counts of one municipality or one sector in a report.
struct Total {
  std::string key;     // nis code or sector value, "" when not given
  std::string label;   // Dutch
  int registered = 0;  // people registered (for at least one session)
  int attended = 0;    // people present at one session or more
  int no_shows = 0;    // sessions that ended without the person present
};

struct SeriesReport {
  Series series;
  std::vector<Session> sessions;  // by start
  struct Row {
    std::string name;
    std::string email;
    std::string municipality;  // Dutch name
    std::string sector;        // Dutch label
    std::vector<Cell> cells;   // one per session
    int attended = 0;
  };
  std::vector<Row> rows;  // one per person (by e-mail), by name
  struct NoShow {
    std::string name;
    Session session;
  };
  std::vector<NoShow> no_shows;  // by session, then name
  std::vector<Total> by_municipality;
  std::vector<Total> by_sector;
};

struct CheckIn {
  Series series;
  Session session;
  Registration registration;
  bool already = false;  // was already marked present before
};

class AttendanceService {
 public:
  // Requires: `db` and `clock` outlive the service.
  AttendanceService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // The participants of `session` among `registrations` (of its series).
  static std::vector<Registration> participants(const std::vector<Registration>& registrations,
                                                const Session& session);

  // The list of session `session_id` of series `series_id`. Errors: not_found.
  Result<SessionList> session_list(std::int64_t series_id, std::int64_t session_id);

  // Marks participants of one session present (true) or absent (false) on the
  // list, all or none. `by` is the organiser, none for a trainer's link. Errors:
  // not_found (no such session in the series), conflict (session cancelled),
  // invalid "registration" (not a participant of this session).
  Result<SessionList> mark(std::int64_t series_id, std::int64_t session_id,
                           const std::vector<std::pair<std::int64_t, bool>>& marks,
                           std::optional<std::int64_t> by);

  // Checks a participant in at session `session_id` by QR code: found by
  // `user_id` when given, else by `email` (case-insensitive, surrounding spaces ignored). Checking
  // in twice is fine (already = true). Errors: not_found (no such session), conflict (session
  // cancelled), invalid "email" (no participant with this address).
  Result<CheckIn> check_in(std::int64_t session_id, std::optional<std::int64_t> user_id,
                           const std::string& email);

  // Attendance of each of `series_ids`, in that order (unknown ids left out).
  std::vector<SeriesReport> reports(const std::vector<std::int64_t>& series_ids);

  // The exports of a series (personal data: organisers only). Registrations: one
  // row per registration, with the answers to the questions while they exist.
  // Attendance: one row per person, one column per session, totals.
  view::Table registrations_table(std::int64_t series_id);
  view::Table attendance_table(std::int64_t series_id);

 private:
  store::Database& db_;
  const Clock& clock_;
};

// The totals of `reports` added up per key (municipality or sector): someone who
// took part in two series counts in each. By label.
std::vector<Total> add_up(const std::vector<SeriesReport>& reports,
                          std::vector<Total> SeriesReport::*totals);

// "Basis – 3 maart 2027" (module, title when set, date): a session's column header.
std::string session_label(const Session& session);
// The Dutch text of a report cell ("aanwezig", "afwezig", ...).
std::string cell_text(Cell cell);

}  // namespace schakel::trainings
