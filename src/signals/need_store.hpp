#pragma once
// All SQL of needs and gaps (tables needs, need_themes, need_signals), and the
// read of which actions answer a need (action_needs). Functions run inside the
// caller's session (a transaction for writes); the rules are in need_service.hpp.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "signals/types.hpp"

namespace schakel::signals {

// Which needs a list shows. `scope`: "all", "supra" (supra-local: no
// municipality) or "municipality" (then `nis_code`). `theme` "": every theme.
// `status`: "open", "in_progress", "addressed", "not_addressed", "outstanding"
// (open or in_progress) or "all".
struct NeedQuery {
  std::string scope = "all";
  std::string nis_code;
  std::string theme;
  std::string status = "outstanding";
};

struct NeedStore {
  // The needs matching `q`, newest first, at most `limit`, with themes and signal ids.
  static std::vector<Need> list(soci::session& sql, const NeedQuery& q, std::size_t limit);
  static std::int64_t count(soci::session& sql, const NeedQuery& q);
  // Need `id` with its themes and signal ids, or nullopt.
  static std::optional<Need> find(soci::session& sql, std::int64_t id);
  // Inserts `n` with its themes and its signals (n.signal_ids); returns the new id.
  static std::int64_t insert(soci::session& sql, const Need& n, bool is_demo, std::int64_t now);
  // Replaces the fields and themes of need `n.id` (not its signals).
  static void update(soci::session& sql, const Need& n, std::int64_t now);
  // Groups signal `signal_id` in need `need_id` / takes it out again.
  static void link(soci::session& sql, std::int64_t need_id, std::int64_t signal_id);
  static void unlink(soci::session& sql, std::int64_t need_id, std::int64_t signal_id);
  // The actions that answer need `id`: id and title, lowest id first.
  static std::vector<std::pair<std::int64_t, std::string>> answering_actions(soci::session& sql,
                                                                             std::int64_t id);
  // Deletes the demo needs (demo --force) with their timeline entries.
  static void delete_demo(soci::session& sql);
};

}  // namespace schakel::signals
