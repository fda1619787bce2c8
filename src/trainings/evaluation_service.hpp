#pragma once
// Evaluations of training series (issue 5, "measuring less hesitation to act"):
// the confidence questions before (at registration) and after (in the
// evaluation), the evaluation form behind a signed link, invitations and one
// reminder, the organiser's results and the coordinator's impact report.
//
// Anonymity: answers carry a pair key, an HMAC of the registration id under the
// server's signing key, never the registration. The server can tell whether a
// registration answered (to remind only those who did not); the organiser sees
// who did not answer, never who answered what.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "mail/mail.hpp"
#include "store/database.hpp"
#include "trainings/evaluation_store.hpp"
#include "trainings/statistics.hpp"
#include "trainings/types.hpp"
#include "web/form.hpp"

namespace schakel {
class App;
}

namespace schakel::trainings {

// The pair key of a registration: hmac_sha256_hex(key, "pair:<id>").
std::string pair_key(const std::string& key, std::int64_t registration_id);

// Reads the optional confidence questions of a form, fields confidence_0 ..
// confidence_<N-1> (N = confidence_questions().size()), each "" or 1..10.
// Returns N values with 0 for "not answered", or an empty vector when none was
// answered. With `required`, every question must be answered. Errors are per
// field ("confidence_<i>"), in Dutch.
Result<std::vector<int>> parse_confidence(const web::Form& form, bool required = false);

// Stores the confidence before of registration `r` (call inside the transaction
// that creates the registration, or confirms a guest's). `key` is
// store::signing_key(db). `values` as parse_confidence returns them: empty (not
// answered: nothing stored) or one per question, 0 = not answered. A second call
// replaces the earlier answers. Requires: values validated (0 or 1..10).
void record_confidence_before(soci::session& sql, const std::string& key, const Registration& r,
                              const std::vector<int>& values);

// The view model of the partial template "trainings/evaluation_confidence_fields"
// (radio groups 1-10 per question in a fieldset): {"confidence_questions": [{index,
// name, legend, error, options: [{value, checked}]}], "confidence_required"}.
// `values` are the answers to show again (may be empty), `errors` the failed
// parse_confidence (or nullptr).
nlohmann::json confidence_fields_model(const std::vector<int>& values, const Error* errors,
                                       bool required = false);

// The same fields rendered as HTML, to place with {{{...}}} in a registration
// form (defined in evaluation_routes.cpp).
std::string render_confidence_fields(const App& app, const std::vector<int>& values,
                                     const Error* errors, bool required = false);

// The absolute link to the evaluation form of `r` for mails:
// <base>/vorming/evaluatie?token=... signed for purpose "evaluation" with subject
// "<registration id>[-<session id>]", valid evaluation_link_seconds. Give
// `session_id` when the series is evaluated per session (evaluation_unit
// "session"), nullopt otherwise (defined in evaluation_routes.cpp).
std::string evaluation_link(App& app, const Registration& r,
                            std::optional<std::int64_t> session_id);

// What the evaluation form sends, validated.
struct EvaluationInput {
  int satisfaction = 0;  // 1-5
  int usefulness = 0;    // 1-5
  std::vector<std::string> will_use;
  std::string free_text;        // at most 4000 characters
  std::vector<int> confidence;  // after, one per question (1-10)
};
// Fields: satisfaction, usefulness, will_use (repeated), free_text, confidence_<i>
// (all required). Errors per field in Dutch.
Result<EvaluationInput> parse_evaluation(const web::Form& form);

// The subject of an evaluation token: "<registration>" or "<registration>-<session>".
std::string evaluation_subject(std::int64_t registration_id,
                               std::optional<std::int64_t> session_id);
// How long an evaluation link works.
constexpr std::int64_t evaluation_link_seconds = 60 * 86400;
// How long after the end of a series (or session) its participants are still invited.
constexpr std::int64_t invitation_window_seconds = 14 * 86400;

// What an evaluation link points to.
struct EvaluationTarget {
  Registration registration;
  Series series;
  std::optional<Session> session;  // set when the series is evaluated per session
};

// An evaluation that is due: a participant holding a place whose series (or
// session, per evaluation_unit) has ended.
struct DueEvaluation {
  Registration registration;
  std::optional<std::int64_t> session_id;
  std::int64_t ended_at = 0;
};

struct Pending {
  DueEvaluation due;
  std::optional<std::int64_t> reminded_at;
};

struct ConfidenceResult {
  std::string question;
  Summary before;
  Summary after;
  PairedChange change;  // over the participants who answered both
};

struct OptionCount {
  Choice option;
  int count = 0;
};

// The organiser's view of one series.
struct SeriesResults {
  // Due evaluations that were invited, or answered before the invitation. Every
  // figure below counts only these: answered <= expected, rows.size() ==
  // answered, a question's pairs <= answered.
  int expected = 0;
  int answered = 0;  // of those, answered
  std::vector<Pending> pending;
  Summary satisfaction;  // 1-5
  Summary usefulness;    // 1-5
  std::vector<ConfidenceResult> confidence;
  std::vector<OptionCount> will_use;
  std::vector<std::string> free_texts;
  std::vector<EvaluationRow> rows;             // for the export
  std::vector<ConfidenceRow> confidence_rows;  // for the export
};

// One row of the impact report: a group of series or of participants.
struct ImpactGroup {
  std::string dimension;  // "theme", "format", "sector", "year", "all"
  // Theme slug, format, sector, year, "". A series counts under the format of all
  // its sessions, or under "mixed" when they have more than one format.
  std::string value;
  int series = 0;
  int participants = 0;  // registrations holding a place
  int responses = 0;     // evaluations
  Summary satisfaction;
  Summary usefulness;
  // Per participant the mean of the questions answered both before and after.
  PairedChange confidence;
};

class EvaluationService {
 public:
  // Requires: `db` and `clock` outlive the service; `key` is store::signing_key(db).
  EvaluationService(store::Database& db, const Clock& clock, std::string key)
      : db_(db), clock_(clock), key_(std::move(key)) {}

  // The link token for `r` (and `session_id` when evaluated per session).
  std::string token_for(std::int64_t registration_id, std::optional<std::int64_t> session_id) const;
  // The registration, series and session of a token. Errors: forbidden (tampered,
  // expired, not holding a place), not_found (gone), conflict (cancelled, or
  // already evaluated: "Je hebt deze vorming al geëvalueerd.").
  Result<EvaluationTarget> open(const std::string& token) const;
  // Stores the evaluation and the confidence after, and marks the registration
  // evaluated, in one transaction. Errors as open(); nothing changes on an error.
  // Evaluated per session, the confidence after of the latest evaluation counts
  // (one "after" per participant and series).
  Result<EvaluationTarget> submit(const std::string& token, const EvaluationInput& input);

  // Evaluations of `series` that are due at `now` (ended, participant holding a place).
  static std::vector<DueEvaluation> due(soci::session& sql, const Series& series, std::int64_t now);
  // Mails every due evaluation not yet invited (any series), once, when it
  // became due less than invitation_window_seconds ago (so series that ended
  // long before, e.g. before this feature ran, are not mailed out of the blue).
  // `compose` makes the mail for a due evaluation and its token. Returns how
  // many were sent.
  int send_invitations(
      const std::function<mail::Mail(const DueEvaluation&, const std::string& token)>& compose);
  // Mails one reminder to each participant of `series` who has not answered a due
  // evaluation and was not reminded before. Returns how many were sent (0: nobody left).
  int send_reminders(
      const Series& series,
      const std::function<mail::Mail(const DueEvaluation&, const std::string& token)>& compose);

  SeriesResults results(const Series& series) const;
  // The figures across every published series, grouped by theme, format, sector
  // and year, after one "all" row.
  std::vector<ImpactGroup> impact() const;

 private:
  Result<EvaluationTarget> check(soci::session& sql, const std::string& token) const;
  store::Database& db_;
  const Clock& clock_;
  std::string key_;
};

}  // namespace schakel::trainings
