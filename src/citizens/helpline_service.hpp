#pragma once
// Rules of the way to help: who may change 1712's channels, hours and closing
// days, and what counts as a valid value. Every change is all or nothing.
#include <array>
#include <string>
#include <vector>

#include "citizens/helpline_store.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "web/http.hpp"

namespace schakel::citizens {

// What the coordinator typed for one channel on the editor.
struct ChannelForm {
  ChannelKind kind = ChannelKind::phone;
  std::string address;
  bool offered = true;
  bool always_open = false;
  std::array<std::string, days_per_week> hours;  // per weekday, Monday first, as typed
};

// The form field names of a channel's values: "phone_address", "chat_tue", ...
std::string address_field(ChannelKind kind);
std::string hours_field(ChannelKind kind, int weekday);

class HelplineService {
 public:
  HelplineService(store::Database& db, HelplineStore& store, const Clock& clock)
      : db_(db), store_(store), clock_(clock) {}

  // Saves every channel of `forms` (one per kind that exists). Only the
  // coordinator (forbidden otherwise). Invalid, with one field error per wrong
  // field and nothing saved, when: a phone number is not 3 to 15 digits (spaces
  // allowed), a chat or e-mail address does not start with https:// (e-mail also
  // mailto:) or holds spaces, or a day's hours do not read (parse_day_ranges:
  // malformed times, ranges over midnight, overlaps). A channel that is always
  // open keeps no hours.
  Status save_channels(const web::Principal& by, const std::vector<ChannelForm>& forms);

  // Adds a closing day. Only the coordinator. Invalid (fields "day", "name") when
  // the date is not an existing YYYY-MM-DD date, lies in the past (Brussels), or
  // already is a closing day, or the name is empty or longer than 80 characters.
  Result<std::int64_t> add_closing_day(const web::Principal& by, const std::string& day,
                                       const std::string& name);
  // Removes a closing day. Only the coordinator; not_found for an unknown id.
  Status remove_closing_day(const web::Principal& by, std::int64_t id);

 private:
  store::Database& db_;
  HelplineStore& store_;
  const Clock& clock_;
};

}  // namespace schakel::citizens
