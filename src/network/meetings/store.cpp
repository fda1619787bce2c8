#include "network/meetings/store.hpp"

#include "store/row.hpp"

namespace schakel::meetings {

namespace {

using store::bool_at;
using store::int64_at;
using store::optional_int64_at;
using store::string_at;

const char* const meeting_columns =
    "SELECT id, title, starts_at, ends_at, format, address, online_url, proposals_until, status, "
    "sequence, created_at, updated_at FROM meetings ";

Meeting meeting_from(const soci::row& r) {
  Meeting m;
  m.id = int64_at(r, 0);
  m.title = string_at(r, 1);
  m.starts_at = int64_at(r, 2);
  m.ends_at = int64_at(r, 3);
  m.format = string_at(r, 4);
  m.address = string_at(r, 5);
  m.online_url = string_at(r, 6);
  m.proposals_until = int64_at(r, 7);
  m.status = string_at(r, 8);
  m.sequence = static_cast<int>(int64_at(r, 9));
  m.created_at = int64_at(r, 10);
  m.updated_at = int64_at(r, 11);
  return m;
}

void load_invitations(soci::session& sql, Meeting& m) {
  const long long id = m.id;
  soci::rowset<soci::row> towns =
      (sql.prepare << "SELECT nis_code FROM meeting_municipalities WHERE meeting_id = :id "
                      "ORDER BY nis_code",
       soci::use(id));
  for (const auto& r : towns) m.nis_codes.push_back(string_at(r, 0));
  soci::rowset<soci::row> people =
      (sql.prepare << "SELECT user_id FROM meeting_people WHERE meeting_id = :id ORDER BY user_id",
       soci::use(id));
  for (const auto& r : people) m.people.push_back(int64_at(r, 0));
}

std::vector<Meeting> meetings_of(soci::rowset<soci::row>& rows, soci::session& sql) {
  std::vector<Meeting> out;
  for (const auto& r : rows) out.push_back(meeting_from(r));
  for (auto& m : out) load_invitations(sql, m);
  return out;
}

void write_invitations(soci::session& sql, const Meeting& m) {
  const long long id = m.id;
  sql << "DELETE FROM meeting_municipalities WHERE meeting_id = :id", soci::use(id);
  sql << "DELETE FROM meeting_people WHERE meeting_id = :id", soci::use(id);
  for (const auto& nis : m.nis_codes)
    sql << "INSERT INTO meeting_municipalities (meeting_id, nis_code) VALUES (:id, :n)",
        soci::use(id), soci::use(nis);
  for (const auto person : m.people) {
    const long long user = person;
    sql << "INSERT INTO meeting_people (meeting_id, user_id) VALUES (:id, :u)", soci::use(id),
        soci::use(user);
  }
}

const char* const item_columns =
    "SELECT id, meeting_id, title, owner_name, minutes_planned, resource_id, action_id, need_id, "
    "status, position, minutes_md, proposed_by, created_at FROM meeting_items ";

AgendaItem item_from(const soci::row& r) {
  AgendaItem i;
  i.id = int64_at(r, 0);
  i.meeting_id = int64_at(r, 1);
  i.title = string_at(r, 2);
  i.owner_name = string_at(r, 3);
  i.minutes_planned = static_cast<int>(int64_at(r, 4));
  i.resource_id = optional_int64_at(r, 5);
  i.action_id = optional_int64_at(r, 6);
  i.need_id = optional_int64_at(r, 7);
  i.status = string_at(r, 8);
  i.position = static_cast<int>(int64_at(r, 9));
  i.minutes_md = string_at(r, 10);
  i.proposed_by = optional_int64_at(r, 11);
  i.created_at = int64_at(r, 12);
  return i;
}

const char* const point_columns =
    "SELECT p.id, p.meeting_id, p.text, p.owner_id, p.due_on, p.done, p.action_id, p.created_at, "
    "m.title FROM meeting_action_points p JOIN meetings m ON m.id = p.meeting_id ";

ActionPoint point_from(const soci::row& r) {
  ActionPoint p;
  p.id = int64_at(r, 0);
  p.meeting_id = int64_at(r, 1);
  p.text = string_at(r, 2);
  p.owner_id = int64_at(r, 3);
  p.due_on = string_at(r, 4);
  p.done = bool_at(r, 5);
  p.action_id = optional_int64_at(r, 6);
  p.created_at = int64_at(r, 7);
  p.meeting_title = string_at(r, 8);
  return p;
}

std::vector<ActionPoint> points_of(soci::rowset<soci::row>& rows) {
  std::vector<ActionPoint> out;
  for (const auto& r : rows) out.push_back(point_from(r));
  return out;
}

}  // namespace

std::optional<Meeting> MeetingStore::find(soci::session& sql, std::int64_t id) {
  const long long key = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(meeting_columns) + "WHERE id = :id", soci::use(key));
  auto found = meetings_of(rows, sql);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<Meeting> MeetingStore::upcoming(soci::session& sql, std::int64_t from) {
  const long long at = from;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(meeting_columns) + "WHERE ends_at >= :at ORDER BY starts_at, id",
       soci::use(at));
  return meetings_of(rows, sql);
}

std::vector<Meeting> MeetingStore::archive(soci::session& sql, std::int64_t before) {
  const long long at = before;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(meeting_columns) +
                          "WHERE ends_at < :at ORDER BY starts_at DESC, id DESC",
       soci::use(at));
  return meetings_of(rows, sql);
}

std::vector<std::int64_t> MeetingStore::ids(soci::session& sql) {
  std::vector<std::int64_t> out;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT id FROM meetings ORDER BY id");
  for (const auto& r : rows) out.push_back(int64_at(r, 0));
  return out;
}

std::vector<Meeting> MeetingStore::created_between(soci::session& sql, std::int64_t from,
                                                   std::int64_t until) {
  const long long a = from, b = until;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(meeting_columns) +
                          "WHERE created_at >= :a AND created_at < :b AND status = 'planned' "
                          "ORDER BY created_at, id",
       soci::use(a), soci::use(b));
  return meetings_of(rows, sql);
}

std::int64_t MeetingStore::insert(soci::session& sql, const Meeting& m,
                                  std::optional<std::int64_t> by, bool is_demo, std::int64_t now) {
  long long id = 0;
  const long long starts = m.starts_at, ends = m.ends_at, until = m.proposals_until, at = now,
                  creator = by.value_or(0);
  const int demo = is_demo ? 1 : 0, sequence = m.sequence;
  soci::indicator creator_ind = by ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO meetings (title, starts_at, ends_at, format, address, online_url, "
         "proposals_until, status, sequence, created_by, is_demo, created_at, updated_at) VALUES "
         "(:t, :s, :e, :f, :a, :u, :p, :st, :sq, :c, :d, :at, :at2) RETURNING id",
      soci::use(m.title), soci::use(starts), soci::use(ends), soci::use(m.format),
      soci::use(m.address), soci::use(m.online_url), soci::use(until), soci::use(m.status),
      soci::use(sequence), soci::use(creator, creator_ind), soci::use(demo), soci::use(at),
      soci::use(at), soci::into(id);
  Meeting saved = m;
  saved.id = id;
  write_invitations(sql, saved);
  return id;
}

void MeetingStore::update(soci::session& sql, const Meeting& m, std::int64_t now) {
  const long long id = m.id, starts = m.starts_at, ends = m.ends_at, until = m.proposals_until,
                  at = now;
  const int sequence = m.sequence;
  sql << "UPDATE meetings SET title = :t, starts_at = :s, ends_at = :e, format = :f, "
         "address = :a, online_url = :u, proposals_until = :p, status = :st, sequence = :sq, "
         "updated_at = :at WHERE id = :id",
      soci::use(m.title), soci::use(starts), soci::use(ends), soci::use(m.format),
      soci::use(m.address), soci::use(m.online_url), soci::use(until), soci::use(m.status),
      soci::use(sequence), soci::use(at), soci::use(id);
  write_invitations(sql, m);
}

std::vector<AgendaItem> MeetingStore::items(soci::session& sql, std::int64_t meeting_id) {
  const long long id = meeting_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(item_columns) +
                          "WHERE meeting_id = :id ORDER BY CASE status WHEN 'accepted' THEN 0 "
                          "WHEN 'proposed' THEN 1 ELSE 2 END, position, id",
       soci::use(id));
  std::vector<AgendaItem> out;
  for (const auto& r : rows) out.push_back(item_from(r));
  return out;
}

std::optional<AgendaItem> MeetingStore::find_item(soci::session& sql, std::int64_t meeting_id,
                                                  std::int64_t item_id) {
  const long long m = meeting_id, i = item_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(item_columns) + "WHERE meeting_id = :m AND id = :i", soci::use(m),
       soci::use(i));
  for (const auto& r : rows) return item_from(r);
  return std::nullopt;
}

std::int64_t MeetingStore::insert_item(soci::session& sql, const AgendaItem& item) {
  long long id = 0;
  const long long meeting = item.meeting_id, resource = item.resource_id.value_or(0),
                  action = item.action_id.value_or(0), need = item.need_id.value_or(0),
                  by = item.proposed_by.value_or(0), at = item.created_at;
  soci::indicator resource_ind = item.resource_id ? soci::i_ok : soci::i_null,
                  action_ind = item.action_id ? soci::i_ok : soci::i_null,
                  need_ind = item.need_id ? soci::i_ok : soci::i_null,
                  by_ind = item.proposed_by ? soci::i_ok : soci::i_null;
  const int minutes = item.minutes_planned, position = item.position;
  sql << "INSERT INTO meeting_items (meeting_id, title, owner_name, minutes_planned, resource_id, "
         "action_id, need_id, status, position, minutes_md, proposed_by, created_at) VALUES "
         "(:m, :t, :o, :mp, :r, :a, :n, :s, :p, :md, :b, :at) RETURNING id",
      soci::use(meeting), soci::use(item.title), soci::use(item.owner_name), soci::use(minutes),
      soci::use(resource, resource_ind), soci::use(action, action_ind), soci::use(need, need_ind),
      soci::use(item.status), soci::use(position), soci::use(item.minutes_md),
      soci::use(by, by_ind), soci::use(at), soci::into(id);
  return id;
}

void MeetingStore::set_item_place(soci::session& sql, std::int64_t item_id,
                                  const std::string& status, int position) {
  const long long id = item_id;
  sql << "UPDATE meeting_items SET status = :s, position = :p WHERE id = :id", soci::use(status),
      soci::use(position), soci::use(id);
}

void MeetingStore::set_item_minutes(soci::session& sql, std::int64_t item_id,
                                    const std::string& minutes) {
  const long long id = item_id;
  sql << "UPDATE meeting_items SET minutes_md = :md WHERE id = :id", soci::use(minutes),
      soci::use(id);
}

int MeetingStore::last_position(soci::session& sql, std::int64_t meeting_id) {
  const long long id = meeting_id;
  long long last = 0;
  soci::indicator ind = soci::i_ok;
  sql << "SELECT MAX(position) FROM meeting_items WHERE meeting_id = :id AND status = 'accepted'",
      soci::use(id), soci::into(last, ind);
  return ind == soci::i_null ? 0 : static_cast<int>(last);
}

std::vector<Attendee> MeetingStore::attendance(soci::session& sql, std::int64_t meeting_id) {
  const long long id = meeting_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT user_id, nis_code FROM meeting_attendance WHERE meeting_id = :id "
                      "ORDER BY user_id",
       soci::use(id));
  std::vector<Attendee> out;
  for (const auto& r : rows) out.push_back({int64_at(r, 0), string_at(r, 1)});
  return out;
}

void MeetingStore::replace_attendance(soci::session& sql, std::int64_t meeting_id,
                                      const std::vector<Attendee>& attendees) {
  const long long id = meeting_id;
  sql << "DELETE FROM meeting_attendance WHERE meeting_id = :id", soci::use(id);
  for (const auto& a : attendees) {
    const long long user = a.user_id;
    sql << "INSERT INTO meeting_attendance (meeting_id, user_id, nis_code) VALUES (:m, :u, :n)",
        soci::use(id), soci::use(user), soci::use(a.nis_code);
  }
}

std::vector<Decision> MeetingStore::decisions(soci::session& sql, std::int64_t meeting_id) {
  const long long id = meeting_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, meeting_id, text, created_at FROM meeting_decisions "
                      "WHERE meeting_id = :id ORDER BY id",
       soci::use(id));
  std::vector<Decision> out;
  for (const auto& r : rows)
    out.push_back({int64_at(r, 0), int64_at(r, 1), string_at(r, 2), int64_at(r, 3)});
  return out;
}

std::int64_t MeetingStore::insert_decision(soci::session& sql, const Decision& d) {
  long long id = 0;
  const long long meeting = d.meeting_id, at = d.created_at;
  sql << "INSERT INTO meeting_decisions (meeting_id, text, created_at) VALUES (:m, :t, :at) "
         "RETURNING id",
      soci::use(meeting), soci::use(d.text), soci::use(at), soci::into(id);
  return id;
}

std::vector<ActionPoint> MeetingStore::action_points(soci::session& sql, std::int64_t meeting_id) {
  const long long id = meeting_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(point_columns) + "WHERE p.meeting_id = :id ORDER BY p.id",
       soci::use(id));
  return points_of(rows);
}

std::optional<ActionPoint> MeetingStore::find_action_point(soci::session& sql, std::int64_t id) {
  const long long key = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(point_columns) + "WHERE p.id = :id", soci::use(key));
  for (const auto& r : rows) return point_from(r);
  return std::nullopt;
}

std::vector<ActionPoint> MeetingStore::open_action_points(soci::session& sql,
                                                          std::optional<std::int64_t> owner_id) {
  const long long owner = owner_id.value_or(0);
  const int all = owner_id ? 0 : 1;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(point_columns) +
                          "WHERE p.done = 0 AND (:all = 1 OR p.owner_id = :o) "
                          "ORDER BY p.due_on, p.id",
       soci::use(all), soci::use(owner));
  return points_of(rows);
}

std::vector<ActionPoint> MeetingStore::action_points_between(soci::session& sql, std::int64_t from,
                                                             std::int64_t until) {
  const long long a = from, b = until;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(point_columns) +
                          "WHERE p.created_at >= :a AND p.created_at < :b ORDER BY p.created_at, "
                          "p.id",
       soci::use(a), soci::use(b));
  return points_of(rows);
}

std::optional<ActionPoint> MeetingStore::action_point_of_action(soci::session& sql,
                                                                std::int64_t action_id) {
  const long long key = action_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(point_columns) + "WHERE p.action_id = :a", soci::use(key));
  for (const auto& r : rows) return point_from(r);
  return std::nullopt;
}

std::int64_t MeetingStore::insert_action_point(soci::session& sql, const ActionPoint& p) {
  long long id = 0;
  const long long meeting = p.meeting_id, owner = p.owner_id, at = p.created_at;
  sql << "INSERT INTO meeting_action_points (meeting_id, text, owner_id, due_on, done, "
         "created_at) VALUES (:m, :t, :o, :d, 0, :at) RETURNING id",
      soci::use(meeting), soci::use(p.text), soci::use(owner), soci::use(p.due_on), soci::use(at),
      soci::into(id);
  return id;
}

void MeetingStore::set_action_point_done(soci::session& sql, std::int64_t id, bool done) {
  const long long key = id;
  const int value = done ? 1 : 0;
  sql << "UPDATE meeting_action_points SET done = :d WHERE id = :id", soci::use(value),
      soci::use(key);
}

bool MeetingStore::set_action_point_action(soci::session& sql, std::int64_t id,
                                           std::int64_t action_id) {
  const long long key = id, action = action_id;
  soci::statement st = (sql.prepare << "UPDATE meeting_action_points SET action_id = :a "
                                       "WHERE id = :id AND action_id IS NULL",
                        soci::use(action), soci::use(key));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<std::int64_t> MeetingStore::meetings_to_prepare(soci::session& sql, std::int64_t from,
                                                            std::int64_t until) {
  const long long a = from, b = until;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT m.id FROM meetings m WHERE m.status = 'planned' AND "
                      "m.starts_at >= :a AND m.starts_at < :b AND ("
                      "EXISTS (SELECT 1 FROM meeting_items i WHERE i.meeting_id = m.id AND "
                      "i.status = 'proposed') OR NOT EXISTS (SELECT 1 FROM meeting_items i "
                      "WHERE i.meeting_id = m.id AND i.status = 'accepted')) ORDER BY m.starts_at",
       soci::use(a), soci::use(b));
  std::vector<std::int64_t> out;
  for (const auto& r : rows) out.push_back(int64_at(r, 0));
  return out;
}

std::int64_t MeetingStore::overdue_action_points(soci::session& sql, const std::string& day) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM meeting_action_points WHERE done = 0 AND due_on < :d",
      soci::use(day), soci::into(n);
  return n;
}

void MeetingStore::delete_demo(soci::session& sql) {
  sql << "DELETE FROM meetings WHERE is_demo = 1";
}

}  // namespace schakel::meetings
