#include "trainings/certificate_store.hpp"

#include "store/changes.hpp"
#include "store/row.hpp"

namespace schakel::trainings {

namespace {

const char* const certificate_columns =
    "id, code, registration_id, series_id, name, series_title, dates, minutes, organiser, "
    "issued_at, revoked_at, revoke_reason, replaced_by";

Certificate certificate_from(const soci::row& row) {
  using namespace store;
  Certificate c;
  c.id = int64_at(row, 0);
  c.code = string_at(row, 1);
  c.registration_id = optional_int64_at(row, 2);
  c.series_id = int64_at(row, 3);
  c.name = string_at(row, 4);
  c.series_title = string_at(row, 5);
  c.dates = string_at(row, 6);
  c.minutes = static_cast<int>(int64_at(row, 7));
  c.organiser = string_at(row, 8);
  c.issued_at = int64_at(row, 9);
  c.revoked_at = optional_int64_at(row, 10);
  c.revoke_reason = string_at(row, 11);
  c.replaced_by = optional_int64_at(row, 12);
  return c;
}

std::vector<Certificate> select(soci::session& sql, const std::string& where, long long key) {
  std::vector<Certificate> out;
  soci::rowset<soci::row> rows = (sql.prepare << std::string("SELECT ") + certificate_columns +
                                                     " FROM training_certificates WHERE " + where,
                                  soci::use(key));
  for (const auto& row : rows) out.push_back(certificate_from(row));
  return out;
}

}  // namespace

std::int64_t CertificateStore::insert(soci::session& sql, const Certificate& c) {
  long long id = 0, series = c.series_id, issued = c.issued_at;
  long long registration = c.registration_id.value_or(0);
  soci::indicator registration_ind = c.registration_id ? soci::i_ok : soci::i_null;
  int minutes = c.minutes;
  sql << "INSERT INTO training_certificates (code, registration_id, series_id, name, "
         "series_title, dates, minutes, organiser, issued_at) VALUES (:code, :reg, :series, "
         ":name, :title, :dates, :minutes, :organiser, :issued) RETURNING id",
      soci::use(c.code), soci::use(registration, registration_ind), soci::use(series),
      soci::use(c.name), soci::use(c.series_title), soci::use(c.dates), soci::use(minutes),
      soci::use(c.organiser), soci::use(issued), soci::into(id);
  store::record_change(sql, "training_certificate", std::to_string(id), "created", issued);
  return id;
}

std::optional<Certificate> CertificateStore::find(soci::session& sql, std::int64_t id) {
  auto found = select(sql, "id = :id", id);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::optional<Certificate> CertificateStore::find_by_code(soci::session& sql,
                                                          const std::string& code) {
  soci::rowset<soci::row> rows = (sql.prepare << std::string("SELECT ") + certificate_columns +
                                                     " FROM training_certificates WHERE code = :c",
                                  soci::use(code));
  for (const auto& row : rows) return certificate_from(row);
  return std::nullopt;
}

bool CertificateStore::code_taken(soci::session& sql, const std::string& code) {
  int count = 0;
  sql << "SELECT COUNT(*) FROM training_certificates WHERE code = :c", soci::use(code),
      soci::into(count);
  return count > 0;
}

std::optional<Certificate> CertificateStore::current_of(soci::session& sql,
                                                        std::int64_t registration_id) {
  auto found = select(sql,
                      "registration_id = :r AND replaced_by IS NULL ORDER BY issued_at DESC, "
                      "id DESC",
                      registration_id);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<Certificate> CertificateStore::of_series(soci::session& sql, std::int64_t series_id) {
  return select(sql, "series_id = :s ORDER BY issued_at DESC, id DESC", series_id);
}

void CertificateStore::mark_replaced(soci::session& sql, std::int64_t id, std::int64_t newer_id,
                                     std::int64_t now) {
  long long key = id, newer = newer_id;
  sql << "UPDATE training_certificates SET replaced_by = :n WHERE id = :id", soci::use(newer),
      soci::use(key);
  store::record_change(sql, "training_certificate", std::to_string(id), "updated", now);
}

void CertificateStore::revoke(soci::session& sql, std::int64_t id, const std::string& reason,
                              std::int64_t now) {
  long long key = id, at = now;
  sql << "UPDATE training_certificates SET revoked_at = :at, revoke_reason = :r WHERE id = :id",
      soci::use(at), soci::use(reason), soci::use(key);
  store::record_change(sql, "training_certificate", std::to_string(id), "updated", now);
}

std::set<std::int64_t> CertificateStore::attended(soci::session& sql,
                                                  std::int64_t registration_id) {
  long long key = registration_id;
  std::set<std::int64_t> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT session_id FROM training_attendance WHERE registration_id = :r "
                      "AND present <> 0",
       soci::use(key));
  for (const auto& row : rows) out.insert(store::int64_at(row, 0));
  return out;
}

std::map<std::int64_t, std::set<std::int64_t>> CertificateStore::attendance_of_series(
    soci::session& sql, std::int64_t series_id) {
  long long key = series_id;
  std::map<std::int64_t, std::set<std::int64_t>> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT a.registration_id, a.session_id FROM training_attendance a JOIN "
                      "training_registrations r ON r.id = a.registration_id WHERE r.series_id "
                      "= :s AND a.present <> 0",
       soci::use(key));
  for (const auto& row : rows) out[store::int64_at(row, 0)].insert(store::int64_at(row, 1));
  return out;
}

}  // namespace schakel::trainings
