#pragma once
// Test-only helpers of the guard part (retention, search): rows of signals,
// needs and actions written with plain SQL, so these tests do not wait for the
// records and actions parts. Included by *_test.cpp only.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace schakel::signals::test_rows {

inline std::int64_t add_signal(soci::session& sql, const std::string& nis,
                               const std::string& description,
                               const std::vector<std::string>& themes,
                               std::optional<std::int64_t> closed_at,
                               bool own_municipality_only = false,
                               std::int64_t now = 1'700'000'000) {
  long long id = 0;
  const long long at = now;
  long long closed = closed_at.value_or(0);
  soci::indicator closed_ind = closed_at ? soci::i_ok : soci::i_null;
  const int own = own_municipality_only ? 1 : 0;
  sql << "INSERT INTO signals (nis_code, description, source, observed_on, own_municipality_only, "
         "closed_at, "
         "created_at, updated_at) VALUES (:n, :d, 'schoolteams', '2026-03-01', :own, :c, :at, "
         ":at2) RETURNING id",
      soci::use(nis), soci::use(description), soci::use(own), soci::use(closed, closed_ind),
      soci::use(at), soci::use(at), soci::into(id);
  for (const auto& theme : themes) {
    sql << "INSERT INTO signal_themes (signal_id, theme) VALUES (:s, :t)", soci::use(id),
        soci::use(theme);
  }
  return id;
}

inline std::int64_t add_need(soci::session& sql, const std::string& title,
                             const std::string& description, std::optional<std::string> nis,
                             const std::vector<std::string>& themes,
                             const std::vector<std::int64_t>& signal_ids,
                             std::int64_t now = 1'700'000'000) {
  long long id = 0;
  const long long at = now;
  std::string nis_value = nis.value_or("");
  soci::indicator nis_ind = nis ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO needs (title, description, nis_code, created_at, updated_at) "
         "VALUES (:t, :d, :n, :at, :at2) RETURNING id",
      soci::use(title), soci::use(description), soci::use(nis_value, nis_ind), soci::use(at),
      soci::use(at), soci::into(id);
  for (const auto& theme : themes) {
    sql << "INSERT INTO need_themes (need_id, theme) VALUES (:n, :t)", soci::use(id),
        soci::use(theme);
  }
  for (const std::int64_t s : signal_ids) {
    const long long sid = s;
    sql << "INSERT INTO need_signals (need_id, signal_id) VALUES (:n, :s)", soci::use(id),
        soci::use(sid);
  }
  return id;
}

inline std::int64_t add_action(soci::session& sql, const std::string& title,
                               const std::string& description, const std::string& owner_nis,
                               const std::vector<std::int64_t>& need_ids,
                               std::int64_t now = 1'700'000'000) {
  long long id = 0;
  long long status = 0;
  const long long at = now;
  sql << "SELECT MIN(id) FROM action_statuses", soci::into(status);
  sql << "INSERT INTO actions (title, description, owner_kind, owner_nis_code, starts_on, "
         "status_id, "
         "created_at, updated_at) VALUES (:t, :d, 'municipality', :n, '2026-01-01', :s, :at, :at2) "
         "RETURNING id",
      soci::use(title), soci::use(description), soci::use(owner_nis), soci::use(status),
      soci::use(at), soci::use(at), soci::into(id);
  for (const std::int64_t n : need_ids) {
    const long long nid = n;
    sql << "INSERT INTO action_needs (action_id, need_id) VALUES (:a, :n)", soci::use(id),
        soci::use(nid);
  }
  return id;
}

}  // namespace schakel::signals::test_rows
