#pragma once
// SQL of certificates (training_certificates) and the attendance they rest on
// (training_attendance, read only here).
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "trainings/certificate.hpp"

namespace schakel::trainings {

// Every write here appends a change-feed entry ("training_certificate", id), so
// pages cached on any node that offer or show a certificate are rendered anew.
// Requires of each write: inside the write's transaction.
class CertificateStore {
 public:
  // Inserts `c` (id ignored); returns the new id. Throws store::StoreError
  // {conflict} when the code is taken.
  static std::int64_t insert(soci::session& sql, const Certificate& c);
  static std::optional<Certificate> find(soci::session& sql, std::int64_t id);
  // `code` in canonical form (normalise_certificate_code).
  static std::optional<Certificate> find_by_code(soci::session& sql, const std::string& code);
  static bool code_taken(soci::session& sql, const std::string& code);
  // The newest certificate of a registration that was not replaced (valid or
  // revoked), or nullopt when none was issued.
  static std::optional<Certificate> current_of(soci::session& sql, std::int64_t registration_id);
  // Every certificate of a series, newest first.
  static std::vector<Certificate> of_series(soci::session& sql, std::int64_t series_id);
  // Marks `id` as replaced by `newer_id` at `now`.
  static void mark_replaced(soci::session& sql, std::int64_t id, std::int64_t newer_id,
                            std::int64_t now);
  // Marks `id` as revoked at `now` for `reason`.
  static void revoke(soci::session& sql, std::int64_t id, const std::string& reason,
                     std::int64_t now);

  // Sessions a registration was marked present at.
  static std::set<std::int64_t> attended(soci::session& sql, std::int64_t registration_id);
  // Presence of every registration of a series: registration id -> sessions present.
  static std::map<std::int64_t, std::set<std::int64_t>> attendance_of_series(
      soci::session& sql, std::int64_t series_id);
};

}  // namespace schakel::trainings
