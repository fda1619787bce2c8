#pragma once
// SQL of the evaluations: anonymous answers (by pair key, never by registration),
// confidence before and after, and the invitation and reminder markers that
// belong to registrations.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace schakel::trainings {

// One stored evaluation: nothing in it points to a person.
struct EvaluationRow {
  std::int64_t id = 0;
  std::int64_t series_id = 0;
  std::optional<std::int64_t> session_id;  // nullopt: the whole series
  std::string pair_key;
  std::string sector;
  int satisfaction = 0;               // 1-5
  int usefulness = 0;                 // 1-5
  std::vector<std::string> will_use;  // use_options() values
  std::string free_text;
  std::int64_t submitted_on = 0;  // midnight UTC of the day
};

struct ConfidenceRow {
  std::int64_t series_id = 0;
  std::string pair_key;
  std::string phase;  // "before" or "after"
  int question = 0;   // index in confidence_questions()
  int value = 0;      // 1-10
  std::string sector;
};

class EvaluationStore {
 public:
  // Inserts `e` (id ignored) and returns the id, with a change-feed entry of
  // its series. Throws store::StoreError{conflict} when this pair key already
  // evaluated this series or session. Requires: inside the write's transaction.
  static std::int64_t insert_evaluation(soci::session& sql, const EvaluationRow& e);
  static bool evaluated(soci::session& sql, std::int64_t series_id,
                        std::optional<std::int64_t> session_id, const std::string& pair_key);
  // Makes the answers of `pair_key` in `phase` exactly `values` (index = question;
  // a value outside 1-10 is "not answered" and not stored).
  static void replace_confidence(soci::session& sql, std::int64_t series_id,
                                 const std::string& pair_key, const std::string& phase,
                                 const std::vector<int>& values, const std::string& sector);
  // Evaluations of one series (or of all series with nullopt), by id.
  static std::vector<EvaluationRow> evaluations(soci::session& sql,
                                                std::optional<std::int64_t> series_id);
  // Confidence answers of one series (or all), by series, pair key, phase, question.
  static std::vector<ConfidenceRow> confidence(soci::session& sql,
                                               std::optional<std::int64_t> series_id);

  // Registration markers: that it answered (any evaluation; in the transaction
  // of insert_evaluation, whose change-feed entry also announces this marker:
  // it writes none itself, so the feed never names the registration beside an
  // anonymous answer) and the one reminder (shown on no page).
  static void mark_evaluated(soci::session& sql, std::int64_t registration_id, std::int64_t now);
  static void mark_reminded(soci::session& sql, std::int64_t registration_id, std::int64_t now);
  static std::optional<std::int64_t> reminded_at(soci::session& sql, std::int64_t registration_id);

  // Invitations: one per registration and evaluation moment (session 0 = series).
  static bool invited(soci::session& sql, std::int64_t registration_id, std::int64_t session_key);
  static void mark_invited(soci::session& sql, std::int64_t registration_id,
                           std::int64_t session_key, std::int64_t now);
};

}  // namespace schakel::trainings
