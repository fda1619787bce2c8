#pragma once
// The rules of signals: who sees and changes which signal, the checks of every
// field (required fields, known municipality and themes, a real date not in the
// future, bounded texts, the privacy guard), a rate limit on new signals, and a
// timeline entry plus a change-feed record in the transaction of every change.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "signals/signal_store.hpp"
#include "signals/types.hpp"
#include "store/database.hpp"
#include "web/http.hpp"

namespace schakel::signals {

// New signals per user and hour.
constexpr int signals_per_hour = 60;
// The most signals one list shows.
constexpr std::size_t signal_list_max = 500;

// The filters of /signalen as the user asked them (query parameters), and as
// applied: `gemeente` is "mijn" (a SPOC's own municipalities), "alle" or a NIS
// code; `thema` a theme slug or ""; `status` "open", "gesloten" or "alle".
// Defaults: a SPOC sees "mijn", everyone else "alle"; status "open".
struct SignalFilter {
  std::string gemeente;
  std::string thema;
  std::string status;
};

struct SignalList {
  SignalFilter filter;  // as applied (defaults filled in)
  std::vector<Signal> signals;
  std::int64_t count = 0;  // all matching signals (the list stops at signal_list_max)
};

class SignalService {
 public:
  SignalService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // The signals `user` may see that match `filter`. forbidden for anyone but a
  // SPOC, coordinator or admin; invalid (field gemeente, thema or status) for a
  // value that is not one of the agreed ones.
  Result<SignalList> list(const std::optional<web::Principal>& user, SignalFilter filter);
  // Signal `id`; not_found when it does not exist or `user` may not see it.
  Result<Signal> get(const std::optional<web::Principal>& user, std::int64_t id);
  // The timeline of signal `id`, oldest first (after the checks of get).
  Result<std::vector<TimelineEntry>> timeline(const std::optional<web::Principal>& user,
                                              std::int64_t id);
  // True when `user` may edit, close and reopen `s`.
  static bool may_edit(const std::optional<web::Principal>& user, const Signal& s);

  // A new signal (its id, closed_at and created_* are ignored). Field errors
  // description, nis_code, themes, observed_on, target_group, sector, track,
  // source, frequency; forbidden when `user` does not speak for the
  // municipality; busy past the rate limit.
  Result<Signal> create(const std::optional<web::Principal>& user, Signal s);
  // Replaces the fields of signal `s.id`, with the checks of create; the user
  // must speak for its old and its new municipality.
  Result<Signal> update(const std::optional<web::Principal>& user, Signal s);
  // Closes (closed_at = now) or reopens signal `id`; conflict when it already is.
  Status close(const std::optional<web::Principal>& user, std::int64_t id);
  Status reopen(const std::optional<web::Principal>& user, std::int64_t id);

 private:
  FieldErrors checked(Signal& s);
  Status set_closed(const std::optional<web::Principal>& user, std::int64_t id, bool closed);

  store::Database& db_;
  const Clock& clock_;
};

}  // namespace schakel::signals
