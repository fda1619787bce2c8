#pragma once
// Inside the citizens feature: the model of /hulp/1712 and the demo hours.
#include "citizens/helpline.hpp"
#include "core/clock.hpp"

namespace schakel::citizens {

// The public page's model: "way_to_help" (with on_helpline_page), "hours" (per
// channel with hours: label and lines of days and hours) and "closing_days" (the
// coming year's: date and name); valid_until as in way_to_help.
WayToHelp helpline_page_model(store::Database& db, std::int64_t now);

// Demo content: the hours of FACTS.md (phone on working days 9-17, chat Tuesday
// to Thursday 17-19, e-mail always) and the Belgian public holidays of 2026 and
// 2027 as closing days, all marked as demo.
void load_helpline_demo(soci::session& sql, const Clock& clock);

}  // namespace schakel::citizens
