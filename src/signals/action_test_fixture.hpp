#pragma once
// Test fixture of actions: a fresh database on SQLite or PostgreSQL with the
// four goals, three users (coordinator, SPOC of Gent, SPOC of Aalst), needs made
// with plain SQL (the records part owns them), a training series and a
// kennisbank resource to link as outputs.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "signals/action_service.hpp"
#include "test_support.hpp"

namespace schakel::signals::testing {

template <class B>
class ActionTest : public schakel::testing::BackendTest<B> {
 protected:
  void SetUp() override {
    schakel::testing::BackendTest<B>::SetUp();
    if (!this->database_) return;
    seed(this->db());
    service_ = std::make_unique<ActionService>(this->db(), clock_);
    coordinator_ = person(Role::coordinator, {}, user_id("coordinator@test.be"));
    gent_ = person(Role::spoc, {"44021"}, user_id("gent@test.be"));
    aalst_ = person(Role::spoc, {"41002"}, user_id("aalst@test.be"));
  }

  static web::Principal person(Role role, std::vector<std::string> spoc_of, std::int64_t id) {
    web::Principal p;
    p.id = id;
    p.role = role;
    p.spoc_of = std::move(spoc_of);
    return p;
  }

  // Users, goals, needs (ids need_gent_, need_supra_), a series and a resource.
  void seed(store::Database& db) {
    db.transact([&](soci::session& sql) {
      for (const char* address : {"coordinator@test.be", "gent@test.be", "aalst@test.be"}) {
        const std::string email = address;
        const std::string role = email.starts_with("coordinator") ? "coordinator" : "spoc";
        sql << "INSERT INTO users (email, display_name, password_hash, role, created_at) VALUES "
               "(:e, :e2, 'x', :r, 1)",
            soci::use(email), soci::use(email), soci::use(role);
      }
      for (int n = 1; n <= 4; ++n) {
        const std::string title = "Doel " + std::to_string(n);
        sql << "INSERT INTO goals (number, title, description) VALUES (:n, :t, '')", soci::use(n),
            soci::use(title);
      }
    });
    need_gent_ = add_need(db, "Leerkrachten weten niet hoe te beginnen", "44021", {"child_abuse"});
    need_supra_ = add_need(db, "Eerstelijnswerkers herkennen het niet", std::nullopt,
                           {"elder_abuse", "partner_violence"});
    db.transact([&](soci::session& sql) {
      sql << "INSERT INTO training_series (slug, title, status, created_at, updated_at) VALUES "
             "('ouderen-test', 'Ouderenmis(be)handeling', 'published', 1, 1) RETURNING id",
          soci::into(series_id_);
      sql << "INSERT INTO resources (slug, kind, title, summary, created_at, updated_at) VALUES "
             "('leidraad-test', 'tool', 'Gespreksleidraad', 'Kort', 1, 1) RETURNING id",
          soci::into(resource_id_);
    });
  }

  std::int64_t add_need(store::Database& db, const std::string& title,
                        std::optional<std::string> nis, const std::vector<std::string>& themes) {
    long long id = 0;
    db.transact([&](soci::session& sql) {
      soci::indicator ind = nis ? soci::i_ok : soci::i_null;
      std::string code = nis.value_or("");
      sql << "INSERT INTO needs (title, nis_code, status, created_at, updated_at) VALUES (:t, :n, "
             "'in_progress', 1, 1) RETURNING id",
          soci::use(title), soci::use(code, ind), soci::into(id);
      for (const auto& t : themes)
        sql << "INSERT INTO need_themes (need_id, theme) VALUES (:n, :t)", soci::use(id),
            soci::use(t);
    });
    return id;
  }

  std::int64_t user_id(const std::string& email) {
    long long id = 0;
    this->db().run([&](soci::session& sql) {
      sql << "SELECT id FROM users WHERE email = :e", soci::use(email), soci::into(id);
    });
    return id;
  }

  long long count(const std::string& table) {
    long long n = 0;
    this->db().run(
        [&](soci::session& sql) { sql << "SELECT COUNT(*) FROM " + table, soci::into(n); });
    return n;
  }

  std::int64_t status_id(const std::string& label) {
    for (const auto& s : service_->statuses())
      if (s.label == label) return s.id;
    return 0;
  }

  // A valid form: owned by Gent, status "Loopt", answering the Gent need, goal 1.
  ActionInput input(const std::string& title = "Gespreksleidraad voor leerkrachten") {
    ActionInput in;
    in.title = title;
    in.description = "Een leidraad en een vorming voor schoolteams.";
    in.owner_kind = "municipality";
    in.owner_nis_code = "44021";
    in.starts_on = "2026-09-01";
    in.ends_on = "2027-06-30";
    in.status_id = std::to_string(status_id("Loopt"));
    in.need_ids = {std::to_string(need_gent_)};
    in.goal_numbers = {"1"};
    return in;
  }

  ManualClock clock_{1793520000};  // 2026-11-01
  std::unique_ptr<ActionService> service_;
  std::optional<web::Principal> coordinator_, gent_, aalst_;
  long long need_gent_ = 0, need_supra_ = 0, series_id_ = 0, resource_id_ = 0;
};

}  // namespace schakel::signals::testing
