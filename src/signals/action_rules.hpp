#pragma once
// The checks of action fields that the service and the CSV import share, so an
// imported action passes exactly the rules of the form (privacy guard included).
// Each returns the field errors (empty when the value may be saved) and fills
// the checked value. Runs inside the caller's session (it reads needs, goals,
// users, statuses, resources and series).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/result.hpp"
#include "signals/action_service.hpp"
#include "signals/records_rules.hpp"

namespace schakel::signals {

// True for a real date YYYY-MM-DD between 2000 and 2100.
bool is_action_date(const std::string& s);
// Free texts are checked with check_text of records_rules.hpp (length and the
// privacy guard), as signals and needs are.

// Checks an action form. `all` holds every action (for the parent's cycle check);
// `self` is the id of the action edited (nullopt when new). `out` keeps id,
// created_by and timestamps of its input and gets every checked field.
FieldErrors check_action(soci::session& sql, const ActionInput& input, Action& out,
                         const std::vector<Action>& all, std::optional<std::int64_t> self);
// True when `parent` is `self` or one of its parts (at any depth) in `all`.
bool would_cycle(const std::vector<Action>& all, std::int64_t self, std::int64_t parent);

FieldErrors check_milestone(const std::string& title, const std::string& due_on, Milestone& out);
FieldErrors check_output(soci::session& sql, const std::string& kind, const std::string& target,
                         const std::string& label, Output& out);
FieldErrors check_indicator(const std::string& name, const std::string& value,
                            const std::string& target, const std::string& unit, Indicator& out);

// A number as typed ("84", "84,5", "1.5"); nullopt when it is not one.
std::optional<double> parse_number(const std::string& text);
// A number as shown: without ".0" for whole numbers, with a comma otherwise.
std::string format_number(double v);
// The Dutch name of an output for timelines and pages: "vormingsreeks X".
std::string output_kind_label(const std::string& kind);

}  // namespace schakel::signals

namespace schakel::signals {

// The coordinator or an admin: they create and edit every action and the statuses.
bool is_network_coordinator(const std::optional<web::Principal>& user);
// The coordinator, or a SPOC of the municipality that owns `a`.
bool may_edit_action(const std::optional<web::Principal>& user, const Action& a);
// Appends a timeline entry of action `id` (inside the change's transaction).
void log_action(soci::session& sql, const std::optional<web::Principal>& user, std::int64_t id,
                std::int64_t now, const std::string& event, const std::string& summary);

}  // namespace schakel::signals
