#pragma once
// The lines of one attention source of the coordinator's dashboard (issue 14),
// read as the dashboard reads them: in one session, at the app's clock.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "core/clock.hpp"
#include "test_support.hpp"

namespace schakel::testing {

// The lines source `key` gives now; fails the test when no source has that key.
inline std::vector<AttentionLine> attention_lines(App& app, const std::string& key) {
  for (const AttentionSource& s : app.attention_sources())
    if (s.key == key)
      return app.db().run([&](soci::session& sql) { return s.lines(sql, app.clock().now()); });
  ADD_FAILURE() << "no attention source " << key;
  return {};
}

// The line of source `key` whose link is `href`, or a line with count 0 when none.
inline AttentionLine attention_line(App& app, const std::string& key, const std::string& href) {
  for (const AttentionLine& l : attention_lines(app, key))
    if (l.href == href) return l;
  return {};
}

// Sets a test clock to `at` (it only moves by advance()).
inline void set_clock(ManualClock& clock, std::int64_t at) { clock.advance(at - clock.now()); }

// [from, until) of Brussels year `year`, as the dashboard counts a year.
inline std::pair<std::int64_t, std::int64_t> brussels_year(int year) {
  return {*brussels_to_utc(std::to_string(year) + "-01-01", "00:00"),
          *brussels_to_utc(std::to_string(year + 1) + "-01-01", "00:00")};
}

// Base of the tests of attention sources: a server with every feature and no
// demo content on the parameter's backend, its clock at 10 March 2026, 10:00 in
// Brussels. Derived SetUp()s call this one first and return when IsSkipped().
template <class B>
class AttentionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    server_ = std::make_unique<TestServer>(B::backend);
    set_clock(server_->clock(), *brussels_to_utc("2026-03-10", "10:00"));
  }
  App& app() { return server_->app(); }
  // Adds an active account `email` with `role` (coordinators and admins with
  // their second factor set up, so pages open for them) and returns it as
  // services see it.
  web::Principal add_user(Role role, const std::string& email) {
    const std::string name(role_name(role));
    const int totp = role == Role::coordinator || role == Role::admin ? 1 : 0;
    long long id = 0;
    server_->db().transact([&](soci::session& sql) {
      sql << "INSERT INTO users (email, display_name, password_hash, role, totp_enabled, "
             "created_at) VALUES (:e, :n, 'x', :r, :t, 1) RETURNING id",
          soci::use(email), soci::use(name), soci::use(name), soci::use(totp), soci::into(id);
    });
    web::Principal p;
    p.id = id;
    p.name = name;
    p.email = email;
    p.role = role;
    p.totp_enabled = totp == 1;
    return p;
  }
  std::unique_ptr<TestServer> server_;
};

}  // namespace schakel::testing
