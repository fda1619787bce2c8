#pragma once
// SQL of the way to help: helpline_channels, helpline_hours, helpline_closing_days.
#include <optional>
#include <string>
#include <vector>

#include "citizens/helpline_types.hpp"
#include "store/database.hpp"

namespace schakel::citizens {

class HelplineStore {
 public:
  explicit HelplineStore(store::Database& db) : db_(db) {}

  // Every channel with its hours, in the order citizens see them.
  std::vector<Channel> channels();
  // The same inside the caller's transaction.
  static std::vector<Channel> channels(soci::session& sql);
  // Closing days on or after `first_day` (YYYY-MM-DD), by date.
  std::vector<ClosingDay> closing_days_from(const std::string& first_day);
  std::optional<ClosingDay> closing_day(std::int64_t id);

  // Writes the channel's address, flags and hours (the hours are replaced), inside
  // the caller's transaction, and records a change. Requires: channel.id exists.
  static void save_channel(soci::session& sql, const Channel& channel, bool hours_are_demo,
                           std::int64_t now);
  // The closing day on `day`, if any (inside a transaction, for the uniqueness check).
  static std::optional<ClosingDay> closing_day_on(soci::session& sql, const std::string& day);
  static std::int64_t add_closing_day(soci::session& sql, const ClosingDay& day, std::int64_t now);
  static void remove_closing_day(soci::session& sql, std::int64_t id, std::int64_t now);
  // Deletes the demo hours and closing days (demo --force).
  static void delete_demo(soci::session& sql);

 private:
  store::Database& db_;
};

}  // namespace schakel::citizens
