#pragma once
// The printable report of one goal for the network's yearly reporting (A4 PDF,
// cairo/pango, DejaVu Sans): the goal, its roll-up, and every action serving it
// (public or not) with progress, standing, status, dates, milestones, outputs,
// indicators and the needs it answers; parts under their action. Each page
// carries the date and "Pagina X van N".
#include <string>

#include "signals/goal_service.hpp"

namespace schakel::signals {

// The PDF of `view` (from GoalService::goal with public_only false), dated
// `date_text` ("5 december 2026"). Throws std::runtime_error when cairo fails.
std::string render_goal_report_pdf(const GoalView& view, const std::string& date_text);

}  // namespace schakel::signals
