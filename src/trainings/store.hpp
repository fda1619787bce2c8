#pragma once
// SQL of the training series: series, sessions and registrations.
#include <optional>
#include <vector>

#include "store/database.hpp"
#include "trainings/types.hpp"

namespace schakel::trainings {

class TrainingStore {
 public:
  // Series, with their themes. insert_series returns the new id; slugs are unique.
  static std::int64_t insert_series(soci::session& sql, const Series& s, std::int64_t now);
  // Deletes the demo series with everything hanging off them (sessions,
  // registrations, attendance, evaluations, certificates): demo --force.
  static void delete_demo(soci::session& sql);
  // Writes every editable field of `s` (not slug, created_at, answers_deleted_at, is_demo).
  static void update_series(soci::session& sql, const Series& s, std::int64_t now);
  static std::optional<Series> find_series(soci::session& sql, std::int64_t id);
  static std::optional<Series> find_series_by_slug(soci::session& sql, const std::string& slug);
  // Every series in creation order (any status): the callers filter.
  static std::vector<Series> all_series(soci::session& sql);
  static std::int64_t count_published(soci::session& sql);
  static bool slug_taken(soci::session& sql, const std::string& slug);
  // Deletes the answers to the registration questions and records when.
  static void mark_answers_deleted(soci::session& sql, std::int64_t series_id, std::int64_t now);

  // Sessions. A change to a session records a change of its series (feeds, search).
  static std::int64_t insert_session(soci::session& sql, const Session& s, std::int64_t now);
  static void update_session(soci::session& sql, const Session& s, std::int64_t now);
  static void mark_reminded(soci::session& sql, std::int64_t session_id, std::int64_t now);
  static std::optional<Session> find_session(soci::session& sql, std::int64_t id);
  // Sessions of a series by start time.
  static std::vector<Session> sessions_of(soci::session& sql, std::int64_t series_id);
  // Sessions (of any series) starting in [from, until), by start time.
  static std::vector<Session> sessions_between(soci::session& sql, std::int64_t from,
                                               std::int64_t until);

  // The optional questions of a series, in order.
  static std::vector<Question> questions_of(soci::session& sql, std::int64_t series_id);
  // Makes the questions exactly `labels` in that order; an unchanged label keeps its answers.
  static void replace_questions(soci::session& sql, std::int64_t series_id,
                                const std::vector<std::string>& labels);
  // Stores an answer ("" removes it).
  static void save_answer(soci::session& sql, std::int64_t registration_id,
                          std::int64_t question_id, const std::string& answer);
  static std::vector<Answer> answers_of_series(soci::session& sql, std::int64_t series_id);

  // Guests waiting to confirm their address (training_pending).
  struct Pending {
    std::int64_t id = 0;
    Unit unit;
    std::string name, email, nis_code, sector, details;  // details: JSON
    std::int64_t expires_at = 0;
  };
  static void insert_pending(soci::session& sql, const std::string& token_hash, const Pending& p,
                             std::int64_t now);
  // The pending registration of `token_hash`, removed (a link works once);
  // nullopt when unknown or expired.
  static std::optional<Pending> take_pending(soci::session& sql, const std::string& token_hash,
                                             std::int64_t now);
  static std::optional<Pending> find_pending(soci::session& sql, const std::string& token_hash,
                                             std::int64_t now);
  static int delete_expired_pending(soci::session& sql, std::int64_t now);

  // Every registration of a series: by session, then places, queue, the rest.
  static std::vector<Registration> of_series(soci::session& sql, std::int64_t series_id);
  // Registrations of a signed-in user or an address, newest first.
  static std::vector<Registration> of_person(soci::session& sql,
                                             std::optional<std::int64_t> user_id,
                                             const std::string& email);
  static std::optional<Registration> find_registration(soci::session& sql, std::int64_t id);

  // Places of `unit`: the session's capacity, or for the whole series the
  // smallest capacity of its planned sessions (0 when it has none).
  static int capacity(soci::session& sql, const Unit& unit);
  // Registrations of `unit` that hold a place (registered or offered).
  static int holding(soci::session& sql, const Unit& unit);
  // The active registration (registered, waitlisted, offered) of `email` for `unit`.
  static std::optional<Registration> active(soci::session& sql, const Unit& unit,
                                            const std::string& email);
  // The queue position after the last one of `unit` (1 for an empty queue).
  static std::int64_t next_position(soci::session& sql, const Unit& unit);
  // The first waitlisted registration of `unit` in queue order.
  static std::optional<Registration> first_waitlisted(soci::session& sql, const Unit& unit);
  // Offers whose time ran out before `now`.
  static std::vector<Registration> expired_offers(soci::session& sql, std::int64_t now);
  // Every registration of `unit`: places first, then the queue, then the rest.
  static std::vector<Registration> of_unit(soci::session& sql, const Unit& unit);

  // Inserts `r` (id and timestamps set here); returns the id. Throws
  // store::StoreError{conflict} when the person already has an active one.
  static std::int64_t insert_registration(soci::session& sql, const Registration& r,
                                          std::int64_t now);
  // Writes the name of a registration (the name its certificate will carry).
  static void update_name(soci::session& sql, std::int64_t registration_id, const std::string& name,
                          std::int64_t now);
  // Writes state, queue position and offer expiry of `r`.
  static void update_state(soci::session& sql, const Registration& r, std::int64_t now);
};

}  // namespace schakel::trainings
