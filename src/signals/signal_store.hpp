#pragma once
// All SQL of signals (tables signals, signal_themes). Functions run inside the
// caller's session (a transaction for writes) and check nothing beyond what the
// schema holds: the rules are in signal_service.hpp. Visibility of signals
// marked own_municipality_only is applied in the SQL for the given viewer.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "signals/types.hpp"

namespace schakel::signals {

// Who looks at signals: the coordinator (and admin) sees all of them; a SPOC
// sees every signal of the network except those marked own_municipality_only
// of municipalities she does not speak for (`own`).
struct SignalViewer {
  bool sees_all = false;
  std::vector<std::string> own;  // NIS codes the viewer speaks for
};

// Which signals a list shows. Empty `municipalities`: every municipality.
// `theme` "": every theme. `status`: "open" (closed_at NULL), "closed" or "all".
struct SignalQuery {
  std::vector<std::string> municipalities;
  std::string theme;
  std::string status = "open";
};

struct SignalStore {
  // The signals matching `q` that `viewer` may see, newest observation first
  // (ties: newest id first), at most `limit`, with their themes.
  static std::vector<Signal> list(soci::session& sql, const SignalQuery& q,
                                  const SignalViewer& viewer, std::size_t limit);
  // How many signals match `q` for `viewer` (the same rows as list without a limit).
  static std::int64_t count(soci::session& sql, const SignalQuery& q, const SignalViewer& viewer);
  // Signal `id` with its themes when `viewer` may see it, else nullopt.
  static std::optional<Signal> find(soci::session& sql, std::int64_t id,
                                    const SignalViewer& viewer);
  // Inserts `s` with its themes and returns the new id.
  static std::int64_t insert(soci::session& sql, const Signal& s, bool is_demo, std::int64_t now);
  // Replaces the fields and themes of signal `s.id` (not closed_at, created_*).
  static void update(soci::session& sql, const Signal& s, std::int64_t now);
  // Sets closed_at of signal `id` (nullopt: reopened).
  static void set_closed(soci::session& sql, std::int64_t id, std::optional<std::int64_t> closed_at,
                         std::int64_t now);
  // The ids of the needs signal `id` is grouped in, lowest first.
  static std::vector<std::int64_t> need_ids(soci::session& sql, std::int64_t id);
  // Deletes the demo signals (demo --force) with their timeline entries.
  static void delete_demo(soci::session& sql);
};

}  // namespace schakel::signals
