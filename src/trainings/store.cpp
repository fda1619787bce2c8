#include "trainings/store.hpp"

#include <algorithm>

#include "store/changes.hpp"
#include "store/row.hpp"
#include "trainings/calendar_store.hpp"
#include "trainings/store_rows.hpp"

namespace schakel::trainings {

using rows::series_columns;
using rows::series_from;
using rows::session_columns;
using rows::session_from;

namespace {

const char* const registration_columns =
    "id, series_id, session_id, user_id, name, email, state, queue_position, offer_expires_at, "
    "created_at, updated_at, COALESCE(nis_code, ''), sector, evaluated_at";

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
  r.nis_code = string_at(row, 11);
  r.sector = string_at(row, 12);
  r.evaluated_at = optional_int64_at(row, 13);
  return r;
}

void load_themes(soci::session& sql, Series& s) {
  long long key = s.id;
  s.themes.clear();
  soci::rowset<std::string> rows =
      (sql.prepare << "SELECT term_slug FROM training_series_themes WHERE series_id = :s ORDER "
                      "BY term_slug",
       soci::use(key));
  for (const auto& t : rows) s.themes.push_back(t);
}

void write_themes(soci::session& sql, const Series& s) {
  long long key = s.id;
  sql << "DELETE FROM training_series_themes WHERE series_id = :s", soci::use(key);
  for (const auto& t : s.themes)
    sql << "INSERT INTO training_series_themes (series_id, term_slug) VALUES (:s, :t)",
        soci::use(key), soci::use(t);
}

// The bound values of the editable series columns, in the order of the SQL below.
struct SeriesParams {
  long long hold, deadline;
  soci::indicator deadline_ind, owner_ind;
  int min_sessions, demo, late_join;
  explicit SeriesParams(const Series& s)
      : hold(s.offer_hold_seconds),
        deadline(s.registration_deadline.value_or(0)),
        deadline_ind(s.registration_deadline ? soci::i_ok : soci::i_null),
        owner_ind(s.owner_nis_code.empty() ? soci::i_null : soci::i_ok),
        min_sessions(s.certificate_min_sessions),
        demo(s.is_demo ? 1 : 0),
        late_join(s.late_join ? 1 : 0) {}
};

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

void TrainingStore::delete_demo(soci::session& sql) {
  sql << "DELETE FROM training_series WHERE is_demo = 1";
}

std::int64_t TrainingStore::insert_series(soci::session& sql, const Series& s, std::int64_t now) {
  long long id = 0, at = now;
  SeriesParams p(s);
  sql << "INSERT INTO training_series (slug, title, description, audience, organiser, "
         "owner_nis_code, region, contact, visibility, registration_unit, registration_deadline, "
         "offer_hold_seconds, status, certificate_rule, certificate_min_sessions, "
         "evaluation_unit, is_demo, late_join, created_at, updated_at) VALUES (:slug, :title, :d, "
         ":a, :o, :owner, :region, :contact, :vis, :unit, :deadline, :hold, :status, :rule, :min, "
         ":eval, :demo, :late, :c, :u) RETURNING id",
      soci::use(s.slug), soci::use(s.title), soci::use(s.description), soci::use(s.audience),
      soci::use(s.organiser), soci::use(s.owner_nis_code, p.owner_ind), soci::use(s.region),
      soci::use(s.contact), soci::use(s.visibility), soci::use(s.registration_unit),
      soci::use(p.deadline, p.deadline_ind), soci::use(p.hold), soci::use(s.status),
      soci::use(s.certificate_rule), soci::use(p.min_sessions), soci::use(s.evaluation_unit),
      soci::use(p.demo), soci::use(p.late_join), soci::use(at), soci::use(at), soci::into(id);
  Series stored = s;
  stored.id = id;
  write_themes(sql, stored);
  store::record_change(sql, "training_series", std::to_string(id), "created", now);
  return id;
}

void TrainingStore::update_series(soci::session& sql, const Series& s, std::int64_t now) {
  long long id = s.id, at = now;
  SeriesParams p(s);
  sql << "UPDATE training_series SET title = :title, description = :d, audience = :a, "
         "organiser = :o, owner_nis_code = :owner, region = :region, contact = :contact, "
         "visibility = :vis, registration_unit = :unit, registration_deadline = :deadline, "
         "offer_hold_seconds = :hold, status = :status, certificate_rule = :rule, "
         "certificate_min_sessions = :min, evaluation_unit = :eval, late_join = :late, "
         "updated_at = :u WHERE id = :id",
      soci::use(s.title), soci::use(s.description), soci::use(s.audience), soci::use(s.organiser),
      soci::use(s.owner_nis_code, p.owner_ind), soci::use(s.region), soci::use(s.contact),
      soci::use(s.visibility), soci::use(s.registration_unit),
      soci::use(p.deadline, p.deadline_ind), soci::use(p.hold), soci::use(s.status),
      soci::use(s.certificate_rule), soci::use(p.min_sessions), soci::use(s.evaluation_unit),
      soci::use(p.late_join), soci::use(at), soci::use(id);
  write_themes(sql, s);
  CalendarStore::series_changed(sql, s.id, now);  // SEQUENCE of its calendar events
  store::record_change(sql, "training_series", std::to_string(id), "updated", now);
}

void TrainingStore::mark_answers_deleted(soci::session& sql, std::int64_t series_id,
                                         std::int64_t now) {
  long long id = series_id, at = now;
  sql << "DELETE FROM training_answers WHERE registration_id IN (SELECT id FROM "
         "training_registrations WHERE series_id = :s)",
      soci::use(id);
  sql << "UPDATE training_series SET answers_deleted_at = :at WHERE id = :s", soci::use(at),
      soci::use(id);
}

std::int64_t TrainingStore::insert_session(soci::session& sql, const Session& s, std::int64_t now) {
  long long id = 0, series = s.series_id, starts = s.starts_at, ends = s.ends_at;
  int capacity = s.capacity;
  sql << "INSERT INTO training_sessions (series_id, title, module, format, address, room, "
         "online_url, starts_at, ends_at, capacity, trainers, status) VALUES (:series, :title, "
         ":module, :format, :address, :room, :url, :starts, :ends, :capacity, :trainers, "
         ":status) RETURNING id",
      soci::use(series), soci::use(s.title), soci::use(s.module), soci::use(s.format),
      soci::use(s.address), soci::use(s.room), soci::use(s.online_url), soci::use(starts),
      soci::use(ends), soci::use(capacity), soci::use(s.trainers), soci::use(s.status),
      soci::into(id);
  store::record_change(sql, "training_series", std::to_string(s.series_id), "updated", now);
  return id;
}

void TrainingStore::update_session(soci::session& sql, const Session& s, std::int64_t now) {
  long long id = s.id, starts = s.starts_at, ends = s.ends_at;
  int capacity = s.capacity;
  sql << "UPDATE training_sessions SET title = :title, module = :module, format = :format, "
         "address = :address, room = :room, online_url = :url, starts_at = :starts, ends_at = "
         ":ends, capacity = :capacity, trainers = :trainers, status = :status WHERE id = :id",
      soci::use(s.title), soci::use(s.module), soci::use(s.format), soci::use(s.address),
      soci::use(s.room), soci::use(s.online_url), soci::use(starts), soci::use(ends),
      soci::use(capacity), soci::use(s.trainers), soci::use(s.status), soci::use(id);
  CalendarStore::session_changed(sql, s.id, now);  // SEQUENCE of its calendar event
  store::record_change(sql, "training_series", std::to_string(s.series_id), "updated", now);
}

void TrainingStore::mark_reminded(soci::session& sql, std::int64_t session_id, std::int64_t now) {
  long long id = session_id, at = now;
  sql << "UPDATE training_sessions SET reminded_at = :at WHERE id = :id", soci::use(at),
      soci::use(id);
}

std::optional<Session> TrainingStore::find_session(soci::session& sql, std::int64_t id) {
  long long key = id;
  soci::rowset<soci::row> rows = (sql.prepare << std::string("SELECT ") + session_columns +
                                                     " FROM training_sessions WHERE id = :id",
                                  soci::use(key));
  for (const auto& row : rows) return session_from(row);
  return std::nullopt;
}

std::vector<Session> TrainingStore::sessions_between(soci::session& sql, std::int64_t from,
                                                     std::int64_t until) {
  long long a = from, b = until;
  std::vector<Session> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + session_columns +
                          " FROM training_sessions WHERE starts_at >= :a AND starts_at < :b "
                          "ORDER BY starts_at, id",
       soci::use(a), soci::use(b));
  for (const auto& row : rows) out.push_back(session_from(row));
  return out;
}

std::optional<Series> TrainingStore::find_series(soci::session& sql, std::int64_t id) {
  long long key = id;
  soci::rowset<soci::row> rows = (sql.prepare << std::string("SELECT ") + series_columns +
                                                     " FROM training_series WHERE id = :id",
                                  soci::use(key));
  for (const auto& row : rows) {
    Series s = series_from(row);
    load_themes(sql, s);
    return s;
  }
  return std::nullopt;
}

std::optional<Series> TrainingStore::find_series_by_slug(soci::session& sql,
                                                         const std::string& slug) {
  soci::rowset<soci::row> rows = (sql.prepare << std::string("SELECT ") + series_columns +
                                                     " FROM training_series WHERE slug = :slug",
                                  soci::use(slug));
  for (const auto& row : rows) {
    Series s = series_from(row);
    load_themes(sql, s);
    return s;
  }
  return std::nullopt;
}

std::vector<Series> TrainingStore::all_series(soci::session& sql) {
  std::vector<Series> out;
  soci::rowset<soci::row> rows = (sql.prepare << std::string("SELECT ") + series_columns +
                                                     " FROM training_series ORDER BY id");
  for (const auto& row : rows) out.push_back(series_from(row));
  for (auto& s : out) load_themes(sql, s);
  return out;
}

std::int64_t TrainingStore::count_published(soci::session& sql) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM training_series WHERE status = 'published'", soci::into(n);
  return n;
}

bool TrainingStore::slug_taken(soci::session& sql, const std::string& slug) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM training_series WHERE slug = :slug", soci::use(slug), soci::into(n);
  return n > 0;
}

std::vector<Session> TrainingStore::sessions_of(soci::session& sql, std::int64_t series_id) {
  long long key = series_id;
  std::vector<Session> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + session_columns +
                          " FROM training_sessions WHERE series_id = :s ORDER BY starts_at, id",
       soci::use(key));
  for (const auto& row : rows) out.push_back(session_from(row));
  return out;
}

std::vector<Question> TrainingStore::questions_of(soci::session& sql, std::int64_t series_id) {
  long long key = series_id;
  std::vector<Question> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, series_id, position, label FROM training_questions WHERE "
                      "series_id = :s ORDER BY position, id",
       soci::use(key));
  for (const auto& row : rows)
    out.push_back(Question{store::int64_at(row, 0), store::int64_at(row, 1),
                           static_cast<int>(store::int64_at(row, 2)), store::string_at(row, 3)});
  return out;
}

void TrainingStore::replace_questions(soci::session& sql, std::int64_t series_id,
                                      const std::vector<std::string>& labels) {
  long long key = series_id;
  auto existing = questions_of(sql, series_id);
  // Keep questions whose label stays (their answers stay too); drop the others.
  for (const auto& q : existing) {
    if (std::find(labels.begin(), labels.end(), q.label) == labels.end()) {
      long long qid = q.id;
      sql << "DELETE FROM training_questions WHERE id = :id", soci::use(qid);
    }
  }
  int position = 0;
  for (const auto& label : labels) {
    ++position;
    auto found = std::find_if(existing.begin(), existing.end(),
                              [&](const Question& q) { return q.label == label; });
    if (found != existing.end()) {
      long long qid = found->id;
      sql << "UPDATE training_questions SET position = :p WHERE id = :id", soci::use(position),
          soci::use(qid);
    } else {
      sql << "INSERT INTO training_questions (series_id, position, label) VALUES (:s, :p, :l)",
          soci::use(key), soci::use(position), soci::use(label);
    }
  }
}

void TrainingStore::save_answer(soci::session& sql, std::int64_t registration_id,
                                std::int64_t question_id, const std::string& answer) {
  long long r = registration_id, q = question_id;
  sql << "DELETE FROM training_answers WHERE registration_id = :r AND question_id = :q",
      soci::use(r), soci::use(q);
  if (!answer.empty())
    sql << "INSERT INTO training_answers (registration_id, question_id, answer) VALUES (:r, :q, "
           ":a)",
        soci::use(r), soci::use(q), soci::use(answer);
}

std::vector<Answer> TrainingStore::answers_of_series(soci::session& sql, std::int64_t series_id) {
  long long key = series_id;
  std::vector<Answer> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT a.registration_id, a.question_id, a.answer FROM training_answers a "
                      "JOIN training_registrations r ON r.id = a.registration_id WHERE "
                      "r.series_id = :s ORDER BY a.registration_id, a.question_id",
       soci::use(key));
  for (const auto& row : rows)
    out.push_back(
        Answer{store::int64_at(row, 0), store::int64_at(row, 1), store::string_at(row, 2)});
  return out;
}

std::vector<Registration> TrainingStore::of_series(soci::session& sql, std::int64_t series_id) {
  long long key = series_id;
  std::vector<Registration> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + registration_columns +
                          " FROM training_registrations WHERE series_id = :s ORDER BY "
                          "COALESCE(session_id, 0), CASE state WHEN 'registered' THEN 0 WHEN "
                          "'offered' THEN 1 WHEN 'waitlisted' THEN 2 ELSE 3 END, "
                          "queue_position, id",
       soci::use(key));
  for (const auto& row : rows) out.push_back(registration_from(row));
  return out;
}

std::vector<Registration> TrainingStore::of_person(soci::session& sql,
                                                   std::optional<std::int64_t> user_id,
                                                   const std::string& email) {
  long long user = user_id.value_or(-1);
  std::vector<Registration> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + registration_columns +
                          " FROM training_registrations WHERE user_id = :u OR email = :e ORDER "
                          "BY created_at DESC, id DESC",
       soci::use(user), soci::use(email));
  for (const auto& row : rows) out.push_back(registration_from(row));
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
  soci::indicator nis_ind = r.nis_code.empty() ? soci::i_null : soci::i_ok;
  sql << "INSERT INTO training_registrations (series_id, session_id, user_id, name, email, state, "
         "queue_position, offer_expires_at, nis_code, sector, created_at, updated_at) VALUES "
         "(:series, :session, :user, :name, :email, :state, :position, :expires, :nis, :sector, "
         ":c, :u) RETURNING id",
      soci::use(series), soci::use(session, session_ind), soci::use(user, user_ind),
      soci::use(r.name), soci::use(r.email), soci::use(r.state), soci::use(position, position_ind),
      soci::use(expires, expires_ind), soci::use(r.nis_code, nis_ind), soci::use(r.sector),
      soci::use(at), soci::use(at), soci::into(id);
  store::record_change(sql, "training_registration", std::to_string(id), "created", now);
  return id;
}

void TrainingStore::update_name(soci::session& sql, std::int64_t registration_id,
                                const std::string& name, std::int64_t now) {
  long long id = registration_id, at = now;
  sql << "UPDATE training_registrations SET name = :name, updated_at = :u WHERE id = :id",
      soci::use(name), soci::use(at), soci::use(id);
  store::record_change(sql, "training_registration", std::to_string(registration_id), "updated",
                       now);
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

void TrainingStore::insert_pending(soci::session& sql, const std::string& token_hash,
                                   const Pending& p, std::int64_t now) {
  long long series = p.unit.series_id, session = p.unit.session_id.value_or(0), at = now,
            expires = p.expires_at;
  soci::indicator session_ind = p.unit.session_id ? soci::i_ok : soci::i_null;
  soci::indicator nis_ind = p.nis_code.empty() ? soci::i_null : soci::i_ok;
  sql << "INSERT INTO training_pending (token_hash, series_id, session_id, name, email, nis_code, "
         "sector, details, created_at, expires_at) VALUES (:t, :series, :session, :name, :email, "
         ":nis, :sector, :details, :c, :e)",
      soci::use(token_hash), soci::use(series), soci::use(session, session_ind), soci::use(p.name),
      soci::use(p.email), soci::use(p.nis_code, nis_ind), soci::use(p.sector), soci::use(p.details),
      soci::use(at), soci::use(expires);
}

std::optional<TrainingStore::Pending> TrainingStore::find_pending(soci::session& sql,
                                                                  const std::string& token_hash,
                                                                  std::int64_t now) {
  long long at = now;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, series_id, session_id, name, email, COALESCE(nis_code, ''), "
                      "sector, details, expires_at FROM training_pending WHERE token_hash = :t "
                      "AND expires_at > :now",
       soci::use(token_hash), soci::use(at));
  for (const auto& row : rows) {
    using namespace store;
    Pending p;
    p.id = int64_at(row, 0);
    p.unit.series_id = int64_at(row, 1);
    p.unit.session_id = optional_int64_at(row, 2);
    p.name = string_at(row, 3);
    p.email = string_at(row, 4);
    p.nis_code = string_at(row, 5);
    p.sector = string_at(row, 6);
    p.details = string_at(row, 7);
    p.expires_at = int64_at(row, 8);
    return p;
  }
  return std::nullopt;
}

std::optional<TrainingStore::Pending> TrainingStore::take_pending(soci::session& sql,
                                                                  const std::string& token_hash,
                                                                  std::int64_t now) {
  auto p = find_pending(sql, token_hash, now);
  if (p) {
    long long id = p->id;
    sql << "DELETE FROM training_pending WHERE id = :id", soci::use(id);
  }
  return p;
}

int TrainingStore::delete_expired_pending(soci::session& sql, std::int64_t now) {
  long long at = now;
  soci::statement st =
      (sql.prepare << "DELETE FROM training_pending WHERE expires_at <= :now", soci::use(at));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

}  // namespace schakel::trainings
