#pragma once
// Rows of signals, needs and actions written with plain SQL for the overview's
// tests (the records and actions stores are other parts of the feature), and
// the fixed data set whose figures overview_test.cpp computes by hand.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace schakel::signals::testdata {

inline std::int64_t last_id(soci::session& sql, const std::string& table) {
  long long id = 0;
  sql << "SELECT MAX(id) FROM " + table, soci::into(id);
  return id;
}

inline std::int64_t status_id(soci::session& sql, const std::string& label) {
  long long id = 0;
  sql << "SELECT id FROM action_statuses WHERE label = :l", soci::use(label), soci::into(id);
  return id;
}

inline std::int64_t signal(soci::session& sql, const std::string& nis,
                           const std::vector<std::string>& themes, bool closed = false,
                           bool own_only = false) {
  const int own = own_only ? 1 : 0;
  soci::indicator closed_ind = closed ? soci::i_ok : soci::i_null;
  long long closed_at = 1000;
  sql << "INSERT INTO signals (nis_code, description, observed_on, own_municipality_only, "
         "closed_at, created_at, updated_at) VALUES (:n, 'Een situatie', '2026-01-10', :o, :c, "
         "1, 1)",
      soci::use(nis), soci::use(own), soci::use(closed_at, closed_ind);
  const long long id = last_id(sql, "signals");
  for (const auto& t : themes)
    sql << "INSERT INTO signal_themes (signal_id, theme) VALUES (:s, :t)", soci::use(id),
        soci::use(t);
  return id;
}

inline std::int64_t need(soci::session& sql, const std::string& title,
                         const std::optional<std::string>& nis,
                         const std::vector<std::string>& themes, const std::string& status) {
  std::string code = nis.value_or("");
  soci::indicator nis_ind = nis ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO needs (title, nis_code, status, status_reason, created_at, updated_at) "
         "VALUES (:t, :n, :s, 'reden', 1, 1)",
      soci::use(title), soci::use(code, nis_ind), soci::use(status);
  const long long id = last_id(sql, "needs");
  for (const auto& t : themes)
    sql << "INSERT INTO need_themes (need_id, theme) VALUES (:n, :t)", soci::use(id), soci::use(t);
  return id;
}

struct ActionRow {
  std::string title{};
  std::optional<std::int64_t> parent{};
  std::optional<std::string> owner_nis{};  // owner kind municipality; else partner
  std::string starts_on = "2000-01-01";
  std::optional<std::string> ends_on = std::string("2999-12-31");
  std::string status = "Loopt";
  std::optional<int> progress{};
  bool is_public = false;
  std::vector<std::int64_t> needs{};
  std::vector<int> goals{};
};

inline std::int64_t action(soci::session& sql, const ActionRow& a) {
  const std::string kind = a.owner_nis ? "municipality" : "partner";
  std::string nis = a.owner_nis.value_or(""), ends = a.ends_on.value_or("");
  long long parent = a.parent.value_or(0);
  int progress = a.progress.value_or(0);
  soci::indicator nis_ind = a.owner_nis ? soci::i_ok : soci::i_null;
  soci::indicator ends_ind = a.ends_on ? soci::i_ok : soci::i_null;
  soci::indicator parent_ind = a.parent ? soci::i_ok : soci::i_null;
  soci::indicator progress_ind = a.progress ? soci::i_ok : soci::i_null;
  const long long status = status_id(sql, a.status);
  const int is_public = a.is_public ? 1 : 0;
  sql << "INSERT INTO actions (parent_id, title, owner_kind, owner_nis_code, owner_partner, "
         "starts_on, ends_on, status_id, progress, is_public, created_at, updated_at) VALUES "
         "(:p, :t, :k, :n, 'Partner', :s, :e, :st, :pr, :pub, 1, 1)",
      soci::use(parent, parent_ind), soci::use(a.title), soci::use(kind), soci::use(nis, nis_ind),
      soci::use(a.starts_on), soci::use(ends, ends_ind), soci::use(status),
      soci::use(progress, progress_ind), soci::use(is_public);
  const long long id = last_id(sql, "actions");
  for (const long long n : a.needs)
    sql << "INSERT INTO action_needs (action_id, need_id) VALUES (:a, :n)", soci::use(id),
        soci::use(n);
  for (int g : a.goals)
    sql << "INSERT INTO action_goals (action_id, goal_number) VALUES (:a, :g)", soci::use(id),
        soci::use(g);
  return id;
}

inline void milestone(soci::session& sql, long long action_id, const std::string& title,
                      const std::string& due_on) {
  sql << "INSERT INTO action_milestones (action_id, title, due_on) VALUES (:a, :t, :d)",
      soci::use(action_id), soci::use(title), soci::use(due_on);
}

inline void output(soci::session& sql, long long action_id, const std::string& kind,
                   const std::string& target, const std::string& label) {
  sql << "INSERT INTO action_outputs (action_id, kind, target, label) VALUES (:a, :k, :t, :l)",
      soci::use(action_id), soci::use(kind), soci::use(target), soci::use(label);
}

inline void indicator(soci::session& sql, long long action_id, const std::string& name,
                      double value, double target, const std::string& unit) {
  sql << "INSERT INTO action_indicators (action_id, name, value, target, unit) VALUES "
         "(:a, :n, :v, :t, :u)",
      soci::use(action_id), soci::use(name), soci::use(value), soci::use(target), soci::use(unit);
}

}  // namespace schakel::signals::testdata
