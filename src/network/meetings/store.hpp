#pragma once
// All SQL of platform meetings. Functions run inside the caller's session (a
// transaction for writes) and check nothing beyond what the schema holds: the
// rules are in service.hpp.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "network/meetings/types.hpp"

namespace schakel::meetings {

struct MeetingStore {
  // The meeting with its invited municipalities and people, or nullopt.
  static std::optional<Meeting> find(soci::session& sql, std::int64_t id);
  // Meetings that end at or after `from` (upcoming: soonest first), or that ended
  // before it (archive: latest first).
  static std::vector<Meeting> upcoming(soci::session& sql, std::int64_t from);
  static std::vector<Meeting> archive(soci::session& sql, std::int64_t before);
  // Every meeting id (for the search index).
  static std::vector<std::int64_t> ids(soci::session& sql);
  // Meetings created in [from, until), oldest first (news for digests).
  static std::vector<Meeting> created_between(soci::session& sql, std::int64_t from,
                                              std::int64_t until);
  // Inserts `m` with its invitations; returns the new id.
  static std::int64_t insert(soci::session& sql, const Meeting& m, std::optional<std::int64_t> by,
                             bool is_demo, std::int64_t now);
  // Replaces the fields, status, sequence and invitations of meeting `m.id`.
  static void update(soci::session& sql, const Meeting& m, std::int64_t now);

  // Agenda items, accepted by position first, then proposed, then declined.
  static std::vector<AgendaItem> items(soci::session& sql, std::int64_t meeting_id);
  static std::optional<AgendaItem> find_item(soci::session& sql, std::int64_t meeting_id,
                                             std::int64_t item_id);
  static std::int64_t insert_item(soci::session& sql, const AgendaItem& item);
  // Sets the status and position of an item.
  static void set_item_place(soci::session& sql, std::int64_t item_id, const std::string& status,
                             int position);
  static void set_item_minutes(soci::session& sql, std::int64_t item_id,
                               const std::string& minutes);
  // The highest position among the accepted items of the meeting (0 when none).
  static int last_position(soci::session& sql, std::int64_t meeting_id);

  static std::vector<Attendee> attendance(soci::session& sql, std::int64_t meeting_id);
  static void replace_attendance(soci::session& sql, std::int64_t meeting_id,
                                 const std::vector<Attendee>& attendees);

  static std::vector<Decision> decisions(soci::session& sql, std::int64_t meeting_id);
  static std::int64_t insert_decision(soci::session& sql, const Decision& d);

  static std::vector<ActionPoint> action_points(soci::session& sql, std::int64_t meeting_id);
  static std::optional<ActionPoint> find_action_point(soci::session& sql, std::int64_t id);
  // Open action points across meetings, earliest due first; of one owner when given.
  static std::vector<ActionPoint> open_action_points(soci::session& sql,
                                                     std::optional<std::int64_t> owner_id);
  // Action points created in [from, until), oldest first (news for digests).
  static std::vector<ActionPoint> action_points_between(soci::session& sql, std::int64_t from,
                                                        std::int64_t until);
  // The action point whose action is `action_id`, or nullopt.
  static std::optional<ActionPoint> action_point_of_action(soci::session& sql,
                                                           std::int64_t action_id);
  static std::int64_t insert_action_point(soci::session& sql, const ActionPoint& p);
  static void set_action_point_done(soci::session& sql, std::int64_t id, bool done);
  // Links point `id` to the action made of it; false (nothing changed) when it
  // already has one.
  static bool set_action_point_action(soci::session& sql, std::int64_t id, std::int64_t action_id);

  // Counts for the dashboard: meetings starting in [from, until) that have
  // proposals waiting or no accepted item; action points not done due before `day`.
  static std::vector<std::int64_t> meetings_to_prepare(soci::session& sql, std::int64_t from,
                                                       std::int64_t until);
  static std::int64_t overdue_action_points(soci::session& sql, const std::string& day);

  // Deletes the demo meetings (demo --force).
  static void delete_demo(soci::session& sql);
};

}  // namespace schakel::meetings
