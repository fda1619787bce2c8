#pragma once
// SQL of the calendar feeds: which sessions each feed shows, the change counters
// behind their SEQUENCE, and the secret tokens of the private feeds.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "trainings/ical.hpp"
#include "trainings/types.hpp"

namespace schakel::trainings {

class CalendarStore {
 public:
  // Records a change to one session (time, place, link, status, ...): its event's
  // SEQUENCE grows and LAST-MODIFIED becomes `now`. Call in the transaction of
  // every write to the session (TrainingStore::update_session does).
  static void session_changed(soci::session& sql, std::int64_t session_id, std::int64_t now);
  // Records a change to a series that shows in all its events (title, organiser,
  // cancellation): the SEQUENCE of every session grows. TrainingStore::update_series
  // calls it.
  static void series_changed(soci::session& sql, std::int64_t series_id, std::int64_t now);

  // The public calendar: sessions ending at or after `from` of public series that
  // are published or cancelled (a cancelled series stays in the feed, its events
  // CANCELLED, so subscribed calendars learn of it). By start time.
  static std::vector<CalendarEntry> public_entries(soci::session& sql, std::int64_t from);
  // Every session of series `series_id` by start time, whatever its status: the
  // caller decides whether the series may be shown.
  static std::vector<CalendarEntry> series_entries(soci::session& sql, std::int64_t series_id);
  // The sessions `user_id` holds a place for: registrations in state registered,
  // for the whole series (all its sessions) or one session. Cancelled sessions and
  // sessions of a cancelled series stay (their events CANCELLED). By start time.
  static std::vector<CalendarEntry> user_entries(soci::session& sql, std::int64_t user_id);
  // The sessions of a registration unit: all of the series, or the one session.
  static std::vector<CalendarEntry> unit_entries(soci::session& sql, const Unit& unit);

  // The token of the user's private feed, made on first use.
  static std::string feed_token(soci::session& sql, std::int64_t user_id, std::int64_t now);
  // Replaces the user's token with a new one (the old URL stops working); returns it.
  static std::string reset_feed_token(soci::session& sql, std::int64_t user_id, std::int64_t now);
  // Whose feed `token` opens; nullopt for an unknown or malformed token.
  static std::optional<std::int64_t> feed_owner(soci::session& sql, const std::string& token);
};

}  // namespace schakel::trainings
