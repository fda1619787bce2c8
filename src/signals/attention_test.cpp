// The signals' lines on the coordinator's dashboard: a need that no action
// answers shows until an action answers it; an action past its end date shows
// until it is done; and the signals' yearly figures.
#include "signals/attention.hpp"

#include <gtest/gtest.h>

#include "attention_lines.hpp"
#include "signals/action_service.hpp"
#include "signals/overview_test_data.hpp"
#include "test_support.hpp"

namespace schakel::signals {
namespace {

using schakel::testing::attention_lines;
using schakel::testing::AttentionTest;
using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::brussels_year;
namespace td = testdata;

template <class B>
class SignalsAttention : public AttentionTest<B> {
 protected:
  void SetUp() override {
    AttentionTest<B>::SetUp();
    if (this->IsSkipped()) return;
    coordinator_ = this->add_user(Role::coordinator, "coordinator@voorbeeld.be");
    this->server_->db().transact([&](soci::session& sql) {
      need_ = td::need(sql, "Geen aanbod voor ouderen (test)", std::string("44021"),
                       {"elder_abuse"}, "open");
    });
  }
  ActionInput input(const std::string& ends_on) {
    ActionInput in;
    in.title = "Vorming voor thuiszorg (test)";
    in.owner_kind = "municipality";
    in.owner_nis_code = "44021";
    in.starts_on = "2026-01-01";
    in.ends_on = ends_on;
    in.status_id = std::to_string(status("Loopt"));
    in.need_ids = {std::to_string(need_)};
    return in;
  }
  std::int64_t status(const std::string& label) {
    return this->server_->db().run([&](soci::session& sql) { return td::status_id(sql, label); });
  }
  ActionService actions() { return ActionService(this->server_->db(), this->server_->clock()); }
  web::Principal coordinator_;
  std::int64_t need_ = 0;
};
TYPED_TEST_SUITE(SignalsAttention, Backends, BackendNames);

TYPED_TEST(SignalsAttention, ANeedWithoutActionShowsUntilAnActionAnswersIt) {
  App& app = this->server_->app();
  auto lines = attention_lines(app, "signals.needs");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].count, 1);
  EXPECT_EQ(lines[0].text, "1 nood zonder actie");
  EXPECT_EQ(lines[0].href, "/signalen/overzicht#noden-zonder-actie");
  auto created = this->actions().create(this->coordinator_, this->input("2026-12-31"));
  ASSERT_TRUE(created.ok()) << created.error().fields.front().message;
  EXPECT_TRUE(attention_lines(app, "signals.needs").empty());
  EXPECT_TRUE(attention_lines(app, "signals.overdue").empty());  // it ends later
}

TYPED_TEST(SignalsAttention, AnActionPastItsEndShowsUntilItIsDone) {
  App& app = this->server_->app();
  EXPECT_TRUE(attention_lines(app, "signals.overdue").empty());
  auto created = this->actions().create(this->coordinator_, this->input("2026-02-28"));
  ASSERT_TRUE(created.ok()) << created.error().fields.front().message;
  auto lines = attention_lines(app, "signals.overdue");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].text, "1 actie over de einddatum");
  EXPECT_EQ(lines[0].href, "/signalen/overzicht#acties-over-einddatum");
  EXPECT_EQ(lines[0].level, "urgent");
  ActionInput done = input_of(created.value());
  done.status_id = std::to_string(this->status("Afgerond"));
  ASSERT_TRUE(this->actions().update(this->coordinator_, created.value().id, done).ok());
  EXPECT_TRUE(attention_lines(app, "signals.overdue").empty());
}

TYPED_TEST(SignalsAttention, FiguresCountTheYear) {
  auto running = this->actions().create(this->coordinator_, this->input("2026-12-31"));
  ASSERT_TRUE(running.ok());
  ActionInput old = this->input("2025-06-30");
  old.starts_on = "2025-01-01";
  old.status_id = std::to_string(this->status("Afgerond"));
  ASSERT_TRUE(this->actions().create(this->coordinator_, old).ok());
  const auto y2026 = brussels_year(2026), y2025 = brussels_year(2025);
  const YearFigures f2026 = year_figures(this->server_->db(), y2026.first, y2026.second);
  const YearFigures f2025 = year_figures(this->server_->db(), y2025.first, y2025.second);
  EXPECT_EQ(f2026.actions, 1);  // the one of 2025 ended before 2026
  EXPECT_EQ(f2026.progress, 50);
  EXPECT_EQ(f2025.actions, 1);
  EXPECT_EQ(f2025.progress, 100);
  EXPECT_EQ(f2026.needs, 0);  // the need was written at time 1 (1970)
  EXPECT_EQ(f2026.signals, 0);
}

}  // namespace
}  // namespace schakel::signals
