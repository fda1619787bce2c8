#pragma once
// The view models of actions and goals that the goal pages, the public page
// "Wat doet het netwerk?" and the overview share (JSON for their templates).
// Only what may be public: titles, progress, standing, dates, outputs (their
// labels; a link only to a page anonymous visitors may open, see
// OverviewData::public_hrefs), indicators.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "signals/goal_service.hpp"

namespace schakel::signals {

// "30 juni 2026" for "2026-06-30"; the text itself when it is no date.
std::string date_nl(const std::string& ymd);
// A figure in Dutch: "84", "2,5", "1.250".
std::string number_nl(double value);

// {id, title, description, progress, standing, standing_label, status_label,
//  starts_on, ends_on, outputs [{label, href}], has_outputs, indicators [{name, value}],
//  has_indicators, milestones [{title, due_on, done_on, done}], has_milestones}
nlohmann::json action_model(const Action& action, const std::map<std::int64_t, int>& progress,
                            const OverviewData& data, const std::string& today);

// A goal with its actions: {number, title, description, roll_up_progress,
// roll_up_actions, has_actions, actions [action_model + parts [action_model], has_parts]}.
nlohmann::json goal_model(const GoalView& view);

}  // namespace schakel::signals
