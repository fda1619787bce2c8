#pragma once
// Read-only queries of the overviews (coordinator overview, goal pages, the
// public page, the goal report): everything about actions, needs and open
// signals that progress.hpp needs, read in one go. Writes go through the
// records and actions stores; nothing here changes a row.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "signals/types.hpp"
#include "store/database.hpp"

namespace schakel::signals {

// What the overviews are computed from.
struct OverviewData {
  std::vector<ActionStatus> statuses;  // by position
  // Every action with its need ids, goal numbers, milestones (by due date),
  // outputs and indicators (by id), ordered by id.
  std::vector<Action> actions;
  std::vector<Need> needs;  // with themes and signal ids, ordered by id
  // Open signals (closed_at NULL) per (municipality, theme), own-municipality-only
  // signals included; a signal with two themes counts under both.
  std::map<std::pair<std::string, std::string>, int> open_signals;
  // The page of each output (by output id) that anonymous visitors may open: a
  // published public resource (/kennisbank/{slug}) or training series
  // (/vorming/{slug}), or an outside https link. Outputs not in the map are shown
  // by their label only on public pages.
  std::map<std::int64_t, std::string> public_hrefs;
};

class OverviewStore {
 public:
  explicit OverviewStore(store::Database& db) : db_(db) {}
  // Everything above, read on one connection, one query after the other.
  OverviewData load();

 private:
  store::Database& db_;
};

}  // namespace schakel::signals
