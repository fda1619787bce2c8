#pragma once
// Series and sessions as organisers edit them: the rules of the forms (dates
// not in the past, end after start, capacity at least 1, links that are links)
// and what a change means for participants (notices, places offered when the
// capacity grows).
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/database.hpp"
#include "trainings/service.hpp"
#include "trainings/types.hpp"
#include "web/http.hpp"

namespace schakel::trainings {

// The series form as typed.
struct SeriesInput {
  std::string title, description, audience, organiser, owner_nis_code, region, contact;
  std::string visibility = "public";
  std::string registration_unit = "series";
  std::string deadline;  // "YYYY-MM-DD" (registrations close at the end of that day) or ""
  std::string hold_hours = "48";
  std::string status = "draft";
  std::string certificate_rule = "all";
  std::string certificate_min_sessions;
  std::string evaluation_unit = "series";
  std::string late_join;  // "1": people may still register for the whole series once it began
  std::string questions;  // one question per line
  std::vector<std::string> themes;
};

// The session form as typed; times are Brussels wall-clock times.
struct SessionInput {
  std::string title, module = "basics", format = "in_person", address, room, online_url;
  std::string date, start, end;  // "YYYY-MM-DD", "HH:MM", "HH:MM"
  std::string capacity = "20";
  std::string trainers;
  std::string status = "planned";
};

// The form values of an existing series or session (for the edit forms).
SeriesInput input_of(const Series& s, const std::vector<Question>& questions);
SessionInput input_of(const Session& s);

class SeriesService {
 public:
  // Requires: `db` and `clock` outlive the service; `notify` as for RegistrationService.
  SeriesService(store::Database& db, const Clock& clock, Notify notify = {})
      : db_(db), clock_(clock), notify_(std::move(notify)) {}

  // Creates a series (slug from the title). Errors: forbidden (may_create for
  // the owner), invalid with field errors ("title", "deadline", ...).
  Result<Series> create(const web::Principal& actor, const SeriesInput& input);
  // Updates a series. Cancelling it cancels its places and notifies everyone
  // who held one or waited. Errors: not_found, forbidden, invalid.
  Result<Series> update(const web::Principal& actor, std::int64_t series_id,
                        const SeriesInput& input);
  // Adds a session. Errors: not_found, forbidden, invalid ("date", "start",
  // "end", "capacity", "address", "online_url", ...).
  Result<Session> add_session(const web::Principal& actor, std::int64_t series_id,
                              const SessionInput& input);
  // Updates a session: participants hear of a change of time, place or link,
  // or of a cancellation; a higher capacity offers the new places to the
  // waitlist. Errors: not_found, forbidden, invalid.
  Result<Session> update_session(const web::Principal& actor, std::int64_t series_id,
                                 std::int64_t session_id, const SessionInput& input);

 private:
  Result<Series> parse_series(soci::session& sql, const SeriesInput& input, Series base,
                              std::vector<std::string>& questions);
  Result<Session> parse_session(const SessionInput& input, Session base, bool is_new);
  store::Database& db_;
  const Clock& clock_;
  Notify notify_;
};

}  // namespace schakel::trainings
