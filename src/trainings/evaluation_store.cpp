#include "trainings/evaluation_store.hpp"

#include "store/changes.hpp"
#include "store/row.hpp"

namespace schakel::trainings {

using store::int64_at;
using store::optional_int64_at;
using store::string_at;

namespace {

std::string join(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& v : list) {
    if (!out.empty()) out += ',';
    out += v;
  }
  return out;
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    auto comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

}  // namespace

std::int64_t EvaluationStore::insert_evaluation(soci::session& sql, const EvaluationRow& e) {
  long long id = 0, series = e.series_id, session = e.session_id.value_or(0), day = e.submitted_on;
  soci::indicator session_ind = e.session_id ? soci::i_ok : soci::i_null;
  const std::string will_use = join(e.will_use);
  sql << "INSERT INTO training_evaluations (series_id, session_id, pair_key, sector, "
         "satisfaction, usefulness, will_use, free_text, submitted_on) VALUES (:series, "
         ":session, :k, :sector, :sat, :use, :will, :txt, :day) RETURNING id",
      soci::use(series), soci::use(session, session_ind), soci::use(e.pair_key),
      soci::use(e.sector), soci::use(e.satisfaction), soci::use(e.usefulness), soci::use(will_use),
      soci::use(e.free_text), soci::use(day), soci::into(id);
  // Cached pages that count a series' evaluations change with it. The entry
  // names the series, not the evaluation, and its time is the day only;
  // mark_evaluated writes no entry, so the feed ties no answer to a person.
  store::record_change(sql, "training_evaluation", std::to_string(e.series_id), "created", day);
  return id;
}

bool EvaluationStore::evaluated(soci::session& sql, std::int64_t series_id,
                                std::optional<std::int64_t> session_id,
                                const std::string& pair_key) {
  long long series = series_id, session = session_id.value_or(0);
  int n = 0;
  sql << "SELECT COUNT(*) FROM training_evaluations WHERE series_id = :s AND "
         "COALESCE(session_id, 0) = :ses AND pair_key = :k",
      soci::use(series), soci::use(session), soci::use(pair_key), soci::into(n);
  return n > 0;
}

void EvaluationStore::replace_confidence(soci::session& sql, std::int64_t series_id,
                                         const std::string& pair_key, const std::string& phase,
                                         const std::vector<int>& values,
                                         const std::string& sector) {
  long long series = series_id;
  sql << "DELETE FROM training_confidence WHERE series_id = :s AND pair_key = :k AND phase = :p",
      soci::use(series), soci::use(pair_key), soci::use(phase);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i] < 1 || values[i] > 10) continue;
    int question = static_cast<int>(i), value = values[i];
    sql << "INSERT INTO training_confidence (series_id, pair_key, phase, question, value, sector) "
           "VALUES (:s, :k, :p, :q, :v, :sector)",
        soci::use(series), soci::use(pair_key), soci::use(phase), soci::use(question),
        soci::use(value), soci::use(sector);
  }
}

std::vector<EvaluationRow> EvaluationStore::evaluations(soci::session& sql,
                                                        std::optional<std::int64_t> series_id) {
  long long series = series_id.value_or(0);
  int all = series_id ? 0 : 1;
  std::vector<EvaluationRow> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, series_id, session_id, pair_key, sector, satisfaction, "
                      "usefulness, will_use, free_text, submitted_on FROM training_evaluations "
                      "WHERE (series_id = :s OR :all = 1) ORDER BY id",
       soci::use(series), soci::use(all));
  for (const auto& r : rows) {
    EvaluationRow e;
    e.id = int64_at(r, 0);
    e.series_id = int64_at(r, 1);
    e.session_id = optional_int64_at(r, 2);
    e.pair_key = string_at(r, 3);
    e.sector = string_at(r, 4);
    e.satisfaction = static_cast<int>(int64_at(r, 5));
    e.usefulness = static_cast<int>(int64_at(r, 6));
    e.will_use = split(string_at(r, 7));
    e.free_text = string_at(r, 8);
    e.submitted_on = int64_at(r, 9);
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<ConfidenceRow> EvaluationStore::confidence(soci::session& sql,
                                                       std::optional<std::int64_t> series_id) {
  long long series = series_id.value_or(0);
  int all = series_id ? 0 : 1;
  std::vector<ConfidenceRow> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT series_id, pair_key, phase, question, value, sector FROM "
                      "training_confidence WHERE (series_id = :s OR :all = 1) ORDER BY "
                      "series_id, pair_key, phase, question",
       soci::use(series), soci::use(all));
  for (const auto& r : rows)
    out.push_back(ConfidenceRow{int64_at(r, 0), string_at(r, 1), string_at(r, 2),
                                static_cast<int>(int64_at(r, 3)), static_cast<int>(int64_at(r, 4)),
                                string_at(r, 5)});
  return out;
}

void EvaluationStore::mark_evaluated(soci::session& sql, std::int64_t registration_id,
                                     std::int64_t now) {
  long long id = registration_id, at = now;
  sql << "UPDATE training_registrations SET evaluated_at = :at WHERE id = :id", soci::use(at),
      soci::use(id);
  // No change-feed entry of its own: the evaluation's entry (insert_evaluation)
  // in the same transaction moves the feed, so "Mijn vormingen" is rendered
  // anew on every node, and an entry naming the registration right after the
  // series' would tie the anonymous answer to the person.
}

void EvaluationStore::mark_reminded(soci::session& sql, std::int64_t registration_id,
                                    std::int64_t now) {
  long long id = registration_id, at = now;
  sql << "UPDATE training_registrations SET evaluation_reminded_at = :at WHERE id = :id",
      soci::use(at), soci::use(id);
}

std::optional<std::int64_t> EvaluationStore::reminded_at(soci::session& sql,
                                                         std::int64_t registration_id) {
  long long id = registration_id, at = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT evaluation_reminded_at FROM training_registrations WHERE id = :id", soci::use(id),
      soci::into(at, ind);
  if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
  return at;
}

bool EvaluationStore::invited(soci::session& sql, std::int64_t registration_id,
                              std::int64_t session_key) {
  long long id = registration_id, session = session_key;
  int n = 0;
  sql << "SELECT COUNT(*) FROM training_evaluation_invites WHERE registration_id = :r AND "
         "session_id = :s",
      soci::use(id), soci::use(session), soci::into(n);
  return n > 0;
}

void EvaluationStore::mark_invited(soci::session& sql, std::int64_t registration_id,
                                   std::int64_t session_key, std::int64_t now) {
  long long id = registration_id, session = session_key, at = now;
  sql << "INSERT INTO training_evaluation_invites (registration_id, session_id, invited_at) "
         "VALUES (:r, :s, :at)",
      soci::use(id), soci::use(session), soci::use(at);
}

}  // namespace schakel::trainings
