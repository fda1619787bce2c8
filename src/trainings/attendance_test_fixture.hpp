#pragma once
// Test data of the attendance tests: a series of Gent (registration per series)
// with two ended sessions, a cancelled one and a future one; five registrations
// (three registered, one cancelled, one waitlisted) and some marks; and a second
// series with registration per session. Times relative to `now`.
#include <cstdint>
#include <string>

#include "store/database.hpp"
#include "trainings/attendance_store.hpp"
#include "trainings/store.hpp"

namespace schakel::trainings {

struct AttendanceFixture {
  std::int64_t series = 0, first = 0, second = 0, cancelled = 0, future = 0;
  std::int64_t ann = 0, bert = 0, chris = 0, dirk_cancelled = 0, eva_waitlisted = 0;
  std::int64_t bert_user = 0;
  std::int64_t other_series = 0, other_first = 0, other_second = 0, fay = 0;
};

// Marks: first session Ann and Bert present, Chris absent; second session Ann
// present (Bert and Chris not marked); future session Ann present. Ann answered
// the question "Dieetwensen". Bert registered with account `bert_user` (a new
// account when 0).
inline AttendanceFixture make_attendance_fixture(store::Database& db, std::int64_t now,
                                                 std::int64_t bert_user = 0) {
  AttendanceFixture f;
  db.transact([&](soci::session& sql) {
    if (bert_user == 0) {
      long long at = now, id = 0;
      sql << "INSERT INTO users (email, display_name, password_hash, role, created_at) VALUES "
             "('bert.account@voorbeeld.be', 'Bert Maes', 'x', 'professional', :at) RETURNING id",
          soci::use(at), soci::into(id);
      bert_user = id;
    }
    f.bert_user = bert_user;
    auto series = [&](const std::string& slug, const std::string& unit) {
      Series s;
      s.slug = slug;
      s.title = slug == "aanwezig" ? "Aanwezigheidsreeks (test)" : "Losse sessies (test)";
      s.owner_nis_code = "44021";
      s.organiser = "Gent";
      s.status = "published";
      s.registration_unit = unit;
      return TrainingStore::insert_series(sql, s, now);
    };
    auto session = [&](std::int64_t series_id, const std::string& module, std::int64_t start,
                       const std::string& status) {
      Session s;
      s.series_id = series_id;
      s.module = module;
      s.starts_at = start;
      s.ends_at = start + 3 * 3600;
      s.capacity = 10;
      s.status = status;
      auto id = TrainingStore::insert_session(sql, s, now);
      if (status != "planned") {
        s.id = id;
        TrainingStore::update_session(sql, s, now);
      }
      return id;
    };
    auto registration = [&](std::int64_t series_id, std::optional<std::int64_t> session_id,
                            const std::string& name, const std::string& email,
                            const std::string& state, const std::string& nis,
                            const std::string& sector, std::optional<std::int64_t> user = {}) {
      Registration r;
      r.unit = Unit{series_id, session_id};
      r.user_id = user;
      r.name = name;
      r.email = email;
      r.state = state;
      r.nis_code = nis;
      r.sector = sector;
      if (state == "waitlisted") r.queue_position = 1;
      // Registered before the series began: every session counts for them.
      return TrainingStore::insert_registration(sql, r, now - 30 * 86400);
    };
    f.series = series("aanwezig", "series");
    f.first = session(f.series, "basics", now - 10 * 86400, "planned");
    f.second = session(f.series, "deepening", now - 3 * 86400, "planned");
    f.cancelled = session(f.series, "intervision", now - 86400, "cancelled");
    f.future = session(f.series, "follow_up", now + 5 * 86400, "planned");
    f.ann = registration(f.series, {}, "Ann Peeters", "ann@voorbeeld.be", "registered", "44021",
                         "education");
    f.bert = registration(f.series, {}, "Bert Maes", "bert@voorbeeld.be", "registered", "44021",
                          "welfare", bert_user);
    f.chris = registration(f.series, {}, "Chris Wouters", "Chris@Voorbeeld.be", "registered",
                           "41002", "education");
    f.dirk_cancelled = registration(f.series, {}, "Dirk Janssens", "dirk@voorbeeld.be", "cancelled",
                                    "44021", "education");
    f.eva_waitlisted = registration(f.series, {}, "Eva Claes", "eva@voorbeeld.be", "waitlisted",
                                    "44021", "welfare");
    TrainingStore::replace_questions(sql, f.series, {"Dieetwensen"});
    TrainingStore::save_answer(sql, f.ann, TrainingStore::questions_of(sql, f.series).front().id,
                               "Vegetarisch");
    auto mark = [&](std::int64_t session_id, std::int64_t registration_id, bool present) {
      AttendanceStore::save(sql, Mark{session_id, registration_id, present, "list", {}, now});
    };
    mark(f.first, f.ann, true);
    mark(f.first, f.bert, true);
    mark(f.first, f.chris, false);
    mark(f.second, f.ann, true);
    mark(f.future, f.ann, true);

    f.other_series = series("losse-sessies", "session");
    f.other_first = session(f.other_series, "basics", now + 2 * 86400, "planned");
    f.other_second = session(f.other_series, "deepening", now + 9 * 86400, "planned");
    f.fay = registration(f.other_series, f.other_first, "Fay Dubois", "fay@voorbeeld.be",
                         "registered", "", "");
  });
  return f;
}

}  // namespace schakel::trainings
