#pragma once
// The rules of needs and gaps: who sees and changes which need, the checks of
// every field (required title, known municipality and themes, bounded texts,
// the privacy guard, a reason when not addressed), grouping signals the user
// may see, a rate limit on new needs, and in the transaction of every change
// one timeline entry per change told plus a change-feed record.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "signals/types.hpp"
#include "store/database.hpp"
#include "web/http.hpp"

namespace schakel::signals {

// New needs per user and hour.
constexpr int needs_per_hour = 30;
constexpr std::size_t need_list_max = 500;

// The filters of /noden as asked: `gemeente` a NIS code, "bovenlokaal" or
// "alle" (default); `thema` a theme slug or ""; `status` "openstaand" (open or
// in_progress; default), "open", "in_progress", "addressed", "not_addressed" or "alle".
struct NeedFilter {
  std::string gemeente;
  std::string thema;
  std::string status;
};

struct NeedList {
  NeedFilter filter;  // as applied
  std::vector<Need> needs;
  std::int64_t count = 0;
};

// One line of a need's story: its own entries, the observation of each of its
// signals and the entries of the actions that answer it, oldest first.
struct StoryLine {
  std::int64_t at = 0;
  std::string kind;  // "need", "signal", "action"
  std::int64_t subject_id = 0;
  std::string summary;
};

struct NeedStory {
  Need need;
  std::vector<Signal> signals;                                // those the user may see
  std::vector<std::pair<std::int64_t, std::string>> actions;  // id, title
  std::vector<StoryLine> lines;
};

class NeedService {
 public:
  NeedService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // forbidden for anyone but SPOCs, coordinator, admin; invalid (gemeente,
  // thema, status) for a value that is not an agreed one.
  Result<NeedList> list(const std::optional<web::Principal>& user, NeedFilter filter);
  // not_found when there is no need `id`.
  Result<Need> get(const std::optional<web::Principal>& user, std::int64_t id);
  // The need with its signals, actions and story.
  Result<NeedStory> story(const std::optional<web::Principal>& user, std::int64_t id);
  // Coordinator and admin: every need; a SPOC: the needs of her municipalities.
  static bool may_edit(const std::optional<web::Principal>& user, const Need& n);

  // A new need prefilled from `signal_ids`: their themes and, when all are of
  // one municipality, that municipality (else supra-local). Field error
  // "signals" for a signal that does not exist or `user` may not see.
  Result<Need> draft(const std::optional<web::Principal>& user,
                     const std::vector<std::int64_t>& signal_ids);
  // Creates `n` with its signals (n.signal_ids). Field errors title,
  // description, kind, nis_code, themes, status, status_reason, signals;
  // forbidden for a municipality the user does not speak for; busy past the rate limit.
  Result<Need> create(const std::optional<web::Principal>& user, Need n);
  // Replaces fields, themes, status and the set of signals of need `n.id`, with
  // the checks of create; forbidden when `user` may not edit it; a field error
  // nis_code when a SPOC gives it to another municipality or makes it supra-local.
  // Signals the user may not see stay grouped whatever `n.signal_ids` holds.
  Result<Need> update(const std::optional<web::Principal>& user, Need n);
  // Groups signal `signal_id` in need `need_id`; conflict when it already is.
  Status link_signal(const std::optional<web::Principal>& user, std::int64_t need_id,
                     std::int64_t signal_id);
  // The needs `user` may group signals in (open or in progress), newest first.
  std::vector<Need> editable_needs(const std::optional<web::Principal>& user);

 private:
  FieldErrors checked(const std::optional<web::Principal>& user, Need& n);

  store::Database& db_;
  const Clock& clock_;
};

// The Dutch summary of a status change: "Status gewijzigd: open → wordt aangepakt".
std::string status_change_summary(const std::string& from, const std::string& to);

}  // namespace schakel::signals
