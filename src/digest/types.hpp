#pragma once
// What a person hears about by mail (issue 14): per kind of news and per theme,
// nothing, a daily or a weekly digest; and whether they get the newsletter.
// Stored in notification_preferences (migrations/0024_notifications.sql).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/role.hpp"

namespace schakel::digest {

enum class Kind {
  resources,    // new kennisbank resources
  trainings,    // new trainings (series)
  initiatives,  // new initiatives and funding calls
  meetings,     // meetings and action points (SPOCs and coordinators)
  newsletter,   // the coordinator's newsletter (none or weekly = "yes")
};

enum class Frequency { none, daily, weekly };

// Every kind, in the order the settings page shows them.
const std::vector<Kind>& all_kinds();
// Stored names: "resources", "trainings", "initiatives", "meetings", "newsletter".
std::string_view kind_name(Kind kind);
std::optional<Kind> parse_kind(std::string_view name);
// Dutch labels for the settings page ("Nieuwe kennisbankitems", ...).
std::string_view kind_label(Kind kind);
// Stored names: "none", "daily", "weekly".
std::string_view frequency_name(Frequency frequency);
std::optional<Frequency> parse_frequency(std::string_view name);
// Dutch labels: "Niets", "Dagelijks overzicht", "Wekelijks overzicht".
std::string_view frequency_label(Frequency frequency);

// True when a person with `role` may choose mails of `kind` (meetings only for
// SPOCs, coordinators and admins).
bool kind_offered(Kind kind, Role role);
// What a person who never chose gets: weekly for every kind offered to their
// role (the newsletter included), none for the others.
Frequency default_frequency(Kind kind, Role role);

// One stored choice; theme "" is the choice for the whole kind.
struct Preference {
  Kind kind = Kind::resources;
  std::string theme;
  Frequency frequency = Frequency::weekly;
};

// A person's choices (the rows that differ from the defaults).
struct Preferences {
  Role role = Role::professional;
  std::vector<Preference> rows;
  // The frequency for news of `kind` about `theme` ("" for news without a
  // theme): the theme's own row, else the kind's row, else the default. A kind
  // not offered to the role is always none.
  Frequency of(Kind kind, const std::string& theme = {}) const;
};

}  // namespace schakel::digest
