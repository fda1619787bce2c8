#pragma once
// The rules of /profiel/meldingen and /meldingen/uitschrijven: reading a person's choices
// from the settings form, saving them, and the one-click unsubscribe.
#include <cstdint>
#include <string>
#include <vector>

#include "catalog/types.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "digest/types.hpp"
#include "digest/unsubscribe.hpp"
#include "store/database.hpp"
#include "store/rate_limits.hpp"
#include "web/form.hpp"

namespace schakel::digest {

// Saves of the settings form per person, and unsubscribe posts per client.
inline constexpr store::RateRule settings_saves_per_hour{30, 3600};
inline constexpr store::RateRule unsubscribes_per_client{20, 900};

// True for the kinds whose choice can differ per theme (meetings and the
// newsletter have no themes).
bool kind_has_themes(Kind kind);

// Form field names: "kind_resources", "theme_resources_child_abuse", "newsletter".
std::string kind_field(Kind kind);
std::string theme_field(Kind kind, const std::string& theme);

// The stored rows for the settings form `form` of a person with `role`, given
// the catalog's `themes`. The form holds, for every digest kind offered to the
// role, kind_<kind> = none|daily|weekly; for kinds with themes, optionally
// theme_<kind>_<slug> = ""|none|daily|weekly ("" follows the kind); and
// newsletter = yes|no. Returns only rows that differ from the defaults (a kind
// row unlike default_frequency, a theme row unlike its kind's choice). Invalid
// (with the field) for a missing or unknown value, a field for a kind not
// offered to the role, or an unknown theme or field.
Result<std::vector<Preference>> parse_settings(const web::Form& form, Role role,
                                               const std::vector<catalog::Term>& themes);

class SettingsService {
 public:
  SettingsService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // The choices of `user_id` (role `role`).
  Preferences load(std::int64_t user_id, Role role);
  // Parses `form` (parse_settings) and replaces the person's rows. Busy beyond
  // settings_saves_per_hour; invalid as parse_settings; nothing changes then.
  Result<Preferences> save(std::int64_t user_id, Role role, const web::Form& form);

  // What `token` would turn off; invalid ("token") when it is tampered,
  // expired or names a person who no longer exists. Reads only.
  Result<UnsubscribeTarget> check(const std::string& token);
  // Turns off what `token` names (PreferenceStore::turn_off, for every digest
  // kind of a digest link). Busy beyond unsubscribes_per_client for
  // `client` (core/client_key.hpp); invalid as check(); nothing changes then.
  Result<UnsubscribeTarget> unsubscribe(const std::string& token, const std::string& client);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace schakel::digest
