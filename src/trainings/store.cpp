#include "trainings/store.hpp"

#include "store/changes.hpp"
#include "store/row.hpp"

namespace schakel::trainings {

namespace {

const char* const registration_columns =
    "id, series_id, session_id, user_id, name, email, state, queue_position, offer_expires_at, "
    "created_at, updated_at";

Registration registration_from(const soci::row& row) {
  using namespace store;
  Registration r;
  r.id = int64_at(row, 0);
  r.unit.series_id = int64_at(row, 1);
  r.unit.session_id = optional_int64_at(row, 2);
  r.user_id = optional_int64_at(row, 3);
  r.name = string_at(row, 4);
  r.email = string_at(row, 5);
  r.state = string_at(row, 6);
  r.queue_position = optional_int64_at(row, 7);
  r.offer_expires_at = optional_int64_at(row, 8);
  r.created_at = int64_at(row, 9);
  r.updated_at = int64_at(row, 10);
  return r;
}

// The unit as two parameters: the series and the session id, 0 for the series.
struct UnitParams {
  long long series;
  long long session;
  explicit UnitParams(const Unit& u) : series(u.series_id), session(u.session_id.value_or(0)) {}
};

const char* const unit_condition = "series_id = :series AND COALESCE(session_id, 0) = :session";

std::vector<Registration> select_registrations(soci::session& sql, const std::string& where,
                                               const Unit& unit) {
  UnitParams p(unit);
  std::vector<Registration> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + registration_columns +
                          " FROM training_registrations WHERE " + unit_condition + where,
       soci::use(p.series), soci::use(p.session));
  for (const auto& row : rows) out.push_back(registration_from(row));
  return out;
}

}  // namespace

std::int64_t TrainingStore::insert_series(soci::session& sql, const Series& s, std::int64_t now) {
  long long id = 0, at = now, hold = s.offer_hold_seconds;
  long long deadline = s.registration_deadline.value_or(0);
  soci::indicator deadline_ind = s.registration_deadline ? soci::i_ok : soci::i_null;
  soci::indicator owner_ind = s.owner_nis_code.empty() ? soci::i_null : soci::i_ok;
  sql << "INSERT INTO training_series (slug, title, description, audience, organiser, "
         "owner_nis_code, region, contact, visibility, registration_unit, registration_deadline, "
         "offer_hold_seconds, status, created_at, updated_at) VALUES (:slug, :title, :d, :a, :o, "
         ":owner, :region, :contact, :vis, :unit, :deadline, :hold, :status, :c, :u) RETURNING id",
      soci::use(s.slug), soci::use(s.title), soci::use(s.description), soci::use(s.audience),
      soci::use(s.organiser), soci::use(s.owner_nis_code, owner_ind), soci::use(s.region),
      soci::use(s.contact), soci::use(s.visibility), soci::use(s.registration_unit),
      soci::use(deadline, deadline_ind), soci::use(hold), soci::use(s.status), soci::use(at),
      soci::use(at), soci::into(id);
  store::record_change(sql, "training_series", std::to_string(id), "created", now);
  return id;
}

std::int64_t TrainingStore::insert_session(soci::session& sql, const Session& s) {
  long long id = 0, series = s.series_id, starts = s.starts_at, ends = s.ends_at;
  int capacity = s.capacity;
  sql << "INSERT INTO training_sessions (series_id, module, format, address, room, online_url, "
         "starts_at, ends_at, capacity, trainers, status) VALUES (:series, :module, :format, "
         ":address, :room, :url, :starts, :ends, :capacity, :trainers, :status) RETURNING id",
      soci::use(series), soci::use(s.module), soci::use(s.format), soci::use(s.address),
      soci::use(s.room), soci::use(s.online_url), soci::use(starts), soci::use(ends),
      soci::use(capacity), soci::use(s.trainers), soci::use(s.status), soci::into(id);
  return id;
}

std::optional<Series> TrainingStore::find_series(soci::session& sql, std::int64_t id) {
  long long key = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, slug, title, description, audience, organiser, "
                      "COALESCE(owner_nis_code, ''), region, contact, visibility, "
                      "registration_unit, registration_deadline, offer_hold_seconds, status, "
                      "created_at, updated_at FROM training_series WHERE id = :id",
       soci::use(key));
  for (const auto& row : rows) {
    using namespace store;
    Series s;
    s.id = int64_at(row, 0);
    std::size_t i = 1;
    for (std::string* field :
         {&s.slug, &s.title, &s.description, &s.audience, &s.organiser, &s.owner_nis_code,
          &s.region, &s.contact, &s.visibility, &s.registration_unit})
      *field = string_at(row, i++);
    s.registration_deadline = optional_int64_at(row, i++);
    s.offer_hold_seconds = int64_at(row, i++);
    s.status = string_at(row, i++);
    s.created_at = int64_at(row, i++);
    s.updated_at = int64_at(row, i++);
    return s;
  }
  return std::nullopt;
}

std::vector<Session> TrainingStore::sessions_of(soci::session& sql, std::int64_t series_id) {
  long long key = series_id;
  std::vector<Session> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, series_id, module, format, address, room, online_url, "
                      "starts_at, ends_at, capacity, trainers, status FROM training_sessions "
                      "WHERE series_id = :s ORDER BY starts_at, id",
       soci::use(key));
  for (const auto& row : rows) {
    using namespace store;
    Session s;
    s.id = int64_at(row, 0);
    s.series_id = int64_at(row, 1);
    s.module = string_at(row, 2);
    s.format = string_at(row, 3);
    s.address = string_at(row, 4);
    s.room = string_at(row, 5);
    s.online_url = string_at(row, 6);
    s.starts_at = int64_at(row, 7);
    s.ends_at = int64_at(row, 8);
    s.capacity = static_cast<int>(int64_at(row, 9));
    s.trainers = string_at(row, 10);
    s.status = string_at(row, 11);
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<Registration> TrainingStore::find_registration(soci::session& sql, std::int64_t id) {
  long long key = id;
  soci::rowset<soci::row> rows = (sql.prepare << std::string("SELECT ") + registration_columns +
                                                     " FROM training_registrations WHERE id = :id",
                                  soci::use(key));
  for (const auto& row : rows) return registration_from(row);
  return std::nullopt;
}

int TrainingStore::capacity(soci::session& sql, const Unit& unit) {
  long long places = 0, key = unit.session_id.value_or(0), series = unit.series_id;
  soci::indicator ind = soci::i_null;
  if (unit.session_id)
    sql << "SELECT capacity FROM training_sessions WHERE id = :id AND series_id = :s AND "
           "status = 'planned'",
        soci::use(key), soci::use(series), soci::into(places, ind);
  else
    sql << "SELECT MIN(capacity) FROM training_sessions WHERE series_id = :s AND status = "
           "'planned'",
        soci::use(series), soci::into(places, ind);
  return ind == soci::i_ok ? static_cast<int>(places) : 0;
}

int TrainingStore::holding(soci::session& sql, const Unit& unit) {
  UnitParams p(unit);
  long long n = 0;
  sql << std::string("SELECT COUNT(*) FROM training_registrations WHERE ") + unit_condition +
             " AND state IN ('registered', 'offered')",
      soci::use(p.series), soci::use(p.session), soci::into(n);
  return static_cast<int>(n);
}

std::optional<Registration> TrainingStore::active(soci::session& sql, const Unit& unit,
                                                  const std::string& email) {
  UnitParams p(unit);
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + registration_columns +
                          " FROM training_registrations WHERE " + unit_condition +
                          " AND email = :email AND state IN ('registered', 'waitlisted', "
                          "'offered')",
       soci::use(p.series), soci::use(p.session), soci::use(email));
  for (const auto& row : rows) return registration_from(row);
  return std::nullopt;
}

std::int64_t TrainingStore::next_position(soci::session& sql, const Unit& unit) {
  UnitParams p(unit);
  long long last = 0;
  soci::indicator ind = soci::i_null;
  sql << std::string("SELECT MAX(queue_position) FROM training_registrations WHERE ") +
             unit_condition,
      soci::use(p.series), soci::use(p.session), soci::into(last, ind);
  return (ind == soci::i_ok ? last : 0) + 1;
}

std::optional<Registration> TrainingStore::first_waitlisted(soci::session& sql, const Unit& unit) {
  auto list = select_registrations(
      sql, " AND state = 'waitlisted' ORDER BY queue_position, id LIMIT 1", unit);
  if (list.empty()) return std::nullopt;
  return list.front();
}

std::vector<Registration> TrainingStore::expired_offers(soci::session& sql, std::int64_t now) {
  long long at = now;
  std::vector<Registration> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + registration_columns +
                          " FROM training_registrations WHERE state = 'offered' AND "
                          "offer_expires_at <= :now ORDER BY offer_expires_at, id",
       soci::use(at));
  for (const auto& row : rows) out.push_back(registration_from(row));
  return out;
}

std::vector<Registration> TrainingStore::of_unit(soci::session& sql, const Unit& unit) {
  return select_registrations(
      sql,
      " ORDER BY CASE state WHEN 'registered' THEN 0 WHEN 'offered' THEN 1 WHEN 'waitlisted' "
      "THEN 2 ELSE 3 END, queue_position, id",
      unit);
}

std::int64_t TrainingStore::insert_registration(soci::session& sql, const Registration& r,
                                                std::int64_t now) {
  long long id = 0, series = r.unit.series_id, session = r.unit.session_id.value_or(0), at = now;
  soci::indicator session_ind = r.unit.session_id ? soci::i_ok : soci::i_null;
  long long user = r.user_id.value_or(0);
  soci::indicator user_ind = r.user_id ? soci::i_ok : soci::i_null;
  long long position = r.queue_position.value_or(0);
  soci::indicator position_ind = r.queue_position ? soci::i_ok : soci::i_null;
  long long expires = r.offer_expires_at.value_or(0);
  soci::indicator expires_ind = r.offer_expires_at ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO training_registrations (series_id, session_id, user_id, name, email, state, "
         "queue_position, offer_expires_at, created_at, updated_at) VALUES (:series, :session, "
         ":user, :name, :email, :state, :position, :expires, :c, :u) RETURNING id",
      soci::use(series), soci::use(session, session_ind), soci::use(user, user_ind),
      soci::use(r.name), soci::use(r.email), soci::use(r.state), soci::use(position, position_ind),
      soci::use(expires, expires_ind), soci::use(at), soci::use(at), soci::into(id);
  store::record_change(sql, "training_registration", std::to_string(id), "created", now);
  return id;
}

void TrainingStore::update_state(soci::session& sql, const Registration& r, std::int64_t now) {
  long long id = r.id, at = now;
  long long position = r.queue_position.value_or(0);
  soci::indicator position_ind = r.queue_position ? soci::i_ok : soci::i_null;
  long long expires = r.offer_expires_at.value_or(0);
  soci::indicator expires_ind = r.offer_expires_at ? soci::i_ok : soci::i_null;
  sql << "UPDATE training_registrations SET state = :state, queue_position = :position, "
         "offer_expires_at = :expires, updated_at = :u WHERE id = :id",
      soci::use(r.state), soci::use(position, position_ind), soci::use(expires, expires_ind),
      soci::use(at), soci::use(id);
  store::record_change(sql, "training_registration", std::to_string(r.id), "updated", now);
}

}  // namespace schakel::trainings
