#pragma once
// The stored mail choices of people (table notification_preferences). Only the
// rows that differ from the defaults of digest::default_frequency are kept, so a
// person who never chose has none.
#include <cstdint>
#include <map>
#include <vector>

#include <soci/soci.h>

#include "digest/types.hpp"

namespace schakel::digest {

struct PreferenceStore {
  // The choices of `user_id`, whose role is `role` (the caller knows it).
  static Preferences load(soci::session& sql, std::int64_t user_id, Role role);
  // The stored rows of every person that has any, by user id: for a digest or
  // newsletter run that walks many people at once.
  static std::map<std::int64_t, std::vector<Preference>> all_rows(soci::session& sql);
  // Replaces every row of `user_id` with `rows`. Requires: at most one row per
  // (kind, theme); inside the caller's transaction.
  static void replace(soci::session& sql, std::int64_t user_id, const std::vector<Preference>& rows,
                      std::int64_t now);
  // Sets the whole `kind` of `user_id` to none, dropping its theme rows (the
  // one-click unsubscribe of a mail).
  static void turn_off(soci::session& sql, std::int64_t user_id, Kind kind, std::int64_t now);
};

}  // namespace schakel::digest
