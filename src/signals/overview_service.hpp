#pragma once
// The coordinator's overview (/signalen/overzicht): the coverage matrix, the
// roll-ups and the lists of problems, from the member municipalities, the
// catalog's themes and OverviewData (figures per overview.hpp).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "signals/goals.hpp"
#include "signals/overview.hpp"
#include "store/database.hpp"
#include "web/http.hpp"

namespace schakel::signals {

struct Overview {
  std::string today;  // YYYY-MM-DD in Brussels
  OverviewData data;
  std::map<std::int64_t, int> progress;  // counted_progress of every action
  std::vector<Goal> goals;
  // Rows: the member municipalities by name; columns: the catalog themes in use.
  CoverageMatrix matrix;
  RollUps roll_ups;
  std::vector<Need> needs_without_action;
  std::vector<Action> actions_without_need;
  std::vector<Action> overdue;
  std::map<std::string, std::string> theme_labels;         // slug -> Dutch label
  std::map<std::string, std::string> municipality_labels;  // NIS code -> name
};

class OverviewService {
 public:
  OverviewService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  // The overview for `user`: coordinators and admins only (forbidden otherwise).
  Result<Overview> overview(const std::optional<web::Principal>& user);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace schakel::signals
