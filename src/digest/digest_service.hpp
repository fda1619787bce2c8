#pragma once
// The daily and weekly digests (issue 14): for each person, the news of a
// period that they may see and want at that frequency, grouped by kind and
// theme, without items an earlier digest sent them; queued once per person and
// period, whatever the number of nodes or crashes.
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "catalog/types.hpp"
#include "digest/period.hpp"
#include "digest/types.hpp"

namespace schakel::digest {

// The items of one theme ("" for items without a wanted theme) of one kind.
struct ThemeGroup {
  std::string theme;  // catalog theme slug, or ""
  std::string label;  // its Dutch label; "Algemeen" for ""
  std::vector<NewsItem> items;
};

struct KindGroup {
  Kind kind = Kind::resources;
  std::vector<ThemeGroup> themes;
};

struct Digest {
  std::vector<KindGroup> kinds;  // in the order of all_kinds(), only kinds with items
  // Every item's key, in the order shown.
  std::vector<std::string> keys() const;
  bool empty() const { return kinds.empty(); }
};

// True when a person (`user_id`, `role`) may see `item`: network_only items
// only for SPOCs, coordinators and admins; an item with for_users only for
// those people.
bool may_see(const NewsItem& item, std::int64_t user_id, Role role);

// The digest at `frequency` of the person whose choices are `prefs`, from
// `items`: those they may see and want at that frequency (an item with themes
// when any of its themes is wanted so, else the kind's choice), leaving out
// `already_sent`. An item goes under its first wanted theme in the order of
// `themes` (the catalog's); items without themes go under "". Themes follow the
// catalog's order with "" last; items keep their order.
Digest build_digest(const Preferences& prefs, std::int64_t user_id, Frequency frequency,
                    const std::vector<NewsItem>& items, const std::set<std::string>& already_sent,
                    const std::vector<catalog::Term>& themes);

// Sends the digests; thread-safe as far as the database is (each person is one
// transaction).
class DigestRunner {
 public:
  explicit DigestRunner(App& app) : app_(app) {}

  // Sends the digests of the last completed day and week at the app's clock.
  // Returns how many mails this call queued.
  int run();
  // Sends the digests of `period` to everyone who has not had theirs; returns
  // how many mails this call queued. A person whose digest would be empty gets
  // nothing (and no row: a later run looks again).
  int run_period(const Period& period);

  // Test hook: called after each person's digest committed, with their id. An
  // exception thrown here ends the run as a crash would.
  std::function<void(std::int64_t user_id)> after_send;

 private:
  App& app_;
};

// The name of the scheduled job ("digest.send", every 15 minutes).
inline constexpr const char* digest_job = "digest.send";

}  // namespace schakel::digest
