#include "trainings/attention_store.hpp"

#include "store/row.hpp"

namespace schakel::trainings::attention_store {

namespace {

std::vector<SeriesCount> series_counts(soci::rowset<soci::row>& rows) {
  std::vector<SeriesCount> out;
  for (const auto& r : rows)
    out.push_back({store::string_at(r, 0), store::string_at(r, 1), store::int64_at(r, 2)});
  return out;
}

}  // namespace

std::vector<SeriesCount> low_sessions(soci::session& sql, std::int64_t now) {
  long long from = now, until = now + low_fill_days * 86400, percent = low_fill_percent;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT sr.slug, sr.title, COUNT(*) FROM training_sessions s "
                      "JOIN training_series sr ON sr.id = s.series_id "
                      "WHERE sr.status = 'published' AND s.status = 'planned' "
                      "AND s.starts_at >= :f AND s.starts_at < :u "
                      "AND 100 * (SELECT COUNT(*) FROM training_registrations r "
                      "  WHERE r.series_id = s.series_id "
                      "  AND (r.session_id = s.id OR r.session_id IS NULL) "
                      "  AND r.state IN ('registered', 'offered')) < :p * s.capacity "
                      "GROUP BY sr.slug, sr.title ORDER BY sr.title, sr.slug",
       soci::use(from), soci::use(until), soci::use(percent));
  return series_counts(rows);
}

std::vector<SeriesCount> waitlists(soci::session& sql, std::int64_t now) {
  long long at = now;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT sr.slug, sr.title, COUNT(*) FROM training_registrations r "
                      "JOIN training_series sr ON sr.id = r.series_id "
                      "WHERE r.state = 'waitlisted' AND sr.status = 'published' "
                      "AND EXISTS (SELECT 1 FROM training_sessions s WHERE s.series_id = sr.id "
                      "  AND s.status = 'planned' AND s.ends_at > :now) "
                      "GROUP BY sr.slug, sr.title ORDER BY sr.title, sr.slug",
       soci::use(at));
  return series_counts(rows);
}

std::vector<SeriesCount> evaluations_to_remind(soci::session& sql) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT sr.slug, sr.title, COUNT(DISTINCT r.id) "
                      "FROM training_registrations r "
                      "JOIN training_series sr ON sr.id = r.series_id "
                      "WHERE r.state = 'registered' AND r.evaluated_at IS NULL "
                      "AND r.evaluation_reminded_at IS NULL AND EXISTS (SELECT 1 FROM "
                      "  training_evaluation_invites i WHERE i.registration_id = r.id) "
                      "GROUP BY sr.slug, sr.title ORDER BY sr.title, sr.slug");
  return series_counts(rows);
}

YearFigures year_figures(soci::session& sql, std::int64_t from, std::int64_t until) {
  long long f = from, u = until, series = 0, participants = 0, certificates = 0, evaluations = 0;
  sql << "SELECT COUNT(*) FROM training_series sr WHERE sr.status = 'published' AND EXISTS "
         "(SELECT 1 FROM training_sessions s WHERE s.series_id = sr.id AND s.status = 'planned' "
         "AND s.starts_at >= :f AND s.starts_at < :u)",
      soci::use(f), soci::use(u), soci::into(series);
  sql << "SELECT COUNT(*) FROM training_registrations r "
         "JOIN training_series sr ON sr.id = r.series_id "
         "WHERE r.state = 'registered' AND sr.status = 'published' AND EXISTS "
         "(SELECT 1 FROM training_sessions s WHERE s.series_id = r.series_id "
         "AND (r.session_id IS NULL OR s.id = r.session_id) AND s.status = 'planned' "
         "AND s.starts_at >= :f AND s.starts_at < :u)",
      soci::use(f), soci::use(u), soci::into(participants);
  sql << "SELECT COUNT(*) FROM training_certificates WHERE issued_at >= :f AND issued_at < :u "
         "AND revoked_at IS NULL",
      soci::use(f), soci::use(u), soci::into(certificates);
  sql << "SELECT COUNT(*) FROM training_evaluations WHERE submitted_on >= :f AND submitted_on < :u",
      soci::use(f), soci::use(u), soci::into(evaluations);
  return {series, participants, certificates, evaluations};
}

}  // namespace schakel::trainings::attention_store
