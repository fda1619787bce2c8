#pragma once
// The rules of platform meetings: who sees and changes what, the bounds of every
// field, the proposal deadline, the order of the agenda, the mails with their
// .ics, and an action point that becomes an action of the signals feature.
//
// Permissions: SPOCs, coordinators and admins see every meeting (network-only);
// the online link only the invited (people, SPOCs of invited municipalities) and
// coordinators/admins. Coordinators and admins create, edit, cancel, order the
// agenda, record attendance, minutes, decisions and action points. A SPOC
// proposes agenda items until the deadline and marks their own action points done.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "mail/mail.hpp"
#include "network/meetings/types.hpp"
#include "store/database.hpp"
#include "store/rate_limits.hpp"
#include "web/http.hpp"

namespace schakel::meetings {

// Bounds (characters, counts).
constexpr std::size_t title_max = 200, address_max = 300, url_max = 2000, owner_name_max = 120,
                      minutes_md_max = 20000, decision_max = 2000, point_max = 500,
                      invited_max = 100;
constexpr int planned_minutes_max = 480;
// Mails by form (create, edit, cancel, send the agenda) per account.
inline constexpr store::RateRule mail_forms_per_hour{20, 3600};
// Proposals per account, and other rows (items, decisions, action points).
inline constexpr store::RateRule proposals_per_hour{20, 3600};
inline constexpr store::RateRule writes_per_hour{300, 3600};

// The meeting form as typed.
struct MeetingInput {
  std::string title, date, starts, ends, format, address, online_url, proposals_until;
  std::vector<std::string> nis_codes;
  std::string people;  // e-mail addresses, one per line (or separated by commas)
};
MeetingInput input_of(const Meeting& m, const std::vector<std::string>& people_emails);

// The agenda item form as typed.
struct ItemInput {
  std::string title, owner_name, minutes_planned, resource, need_id, action_id;
};

// Builds a mail for `to` from template `name` (App::compose_mail).
using MailComposer =
    std::function<mail::Mail(const std::string& to, const std::string& name, nlohmann::json model)>;

// The coordinator or an admin.
bool is_meeting_organiser(const std::optional<web::Principal>& user);

class MeetingService {
 public:
  MeetingService(store::Database& db, const Clock& clock, std::string base_url = {},
                 MailComposer composer = {})
      : db_(db), clock_(clock), base_url_(std::move(base_url)), composer_(std::move(composer)) {}

  // Upcoming meetings (not yet ended) soonest first, and the archive latest
  // first. forbidden outside the network.
  Result<std::vector<Meeting>> upcoming(const std::optional<web::Principal>& user);
  Result<std::vector<Meeting>> archive(const std::optional<web::Principal>& user);
  // Everything about one meeting. not_found; forbidden outside the network.
  Result<MeetingRecord> record(const std::optional<web::Principal>& user, std::int64_t id);
  // True when `user` may see the online link of `m`: invited in person, a SPOC of
  // an invited municipality, or an organiser.
  bool sees_link(const std::optional<web::Principal>& user, const Meeting& m);
  // The people a meeting concerns: the invited and the SPOCs of the invited
  // municipalities (user ids, without duplicates, sorted).
  std::vector<std::int64_t> concerned(const Meeting& m);

  // Creates a meeting and mails the invitation with its .ics to the concerned.
  // invalid with field errors named after MeetingInput's members; busy past the
  // rate limit; forbidden for anyone but an organiser.
  Result<Meeting> create(const std::optional<web::Principal>& user, const MeetingInput& input);
  // Changes meeting `id`, raises its SEQUENCE and mails the update (same UID).
  Result<Meeting> update(const std::optional<web::Principal>& user, std::int64_t id,
                         const MeetingInput& input);
  // Cancels meeting `id` and mails a METHOD:CANCEL .ics. conflict when cancelled.
  Status cancel(const std::optional<web::Principal>& user, std::int64_t id);
  // Mails the current agenda (with the .ics) to the concerned.
  Status send_agenda(const std::optional<web::Principal>& user, std::int64_t id);

  // A SPOC proposes an item (status proposed) before the deadline; an organiser
  // adds it to the agenda at once (accepted, last). Field errors title,
  // owner_name, minutes_planned, resource, need_id, action_id; conflict after
  // the deadline or for a cancelled meeting; busy past the rate limit.
  Result<AgendaItem> add_item(const std::optional<web::Principal>& user, std::int64_t meeting_id,
                              const ItemInput& input);
  // decision "accept" (to the end of the agenda), "decline", "up" or "down".
  Status place_item(const std::optional<web::Principal>& user, std::int64_t meeting_id,
                    std::int64_t item_id, const std::string& decision);
  // The minutes of an accepted item (Markdown). Field error minutes.
  Status save_minutes(const std::optional<web::Principal>& user, std::int64_t meeting_id,
                      std::int64_t item_id, const std::string& minutes);
  // Who came: ids among the concerned. Field error attendees.
  Status set_attendance(const std::optional<web::Principal>& user, std::int64_t meeting_id,
                        const std::vector<std::string>& user_ids);
  // Field error decision.
  Result<Decision> add_decision(const std::optional<web::Principal>& user, std::int64_t meeting_id,
                                const std::string& text);
  // Field errors point_text, point_owner (one of the concerned or an organiser),
  // point_due_on (YYYY-MM-DD).
  Result<ActionPoint> add_action_point(const std::optional<web::Principal>& user,
                                       std::int64_t meeting_id, const std::string& text,
                                       const std::string& owner_id, const std::string& due_on);
  // Marks an action point done or open: its owner or an organiser.
  Status mark_done(const std::optional<web::Principal>& user, std::int64_t meeting_id,
                   std::int64_t point_id, bool done);
  // Makes an action of the signals feature from the action point (through its
  // ActionService: rules, privacy guard, timeline) and keeps its id. conflict
  // when it already has one; the action's errors come back as they are.
  Result<std::int64_t> make_action(const std::optional<web::Principal>& user,
                                   std::int64_t meeting_id, std::int64_t point_id);

  // Open action points across meetings: an organiser's `all` gives everyone's,
  // else the user's own. forbidden outside the network.
  Result<std::vector<ActionPoint>> open_action_points(const std::optional<web::Principal>& user,
                                                      bool all);

 private:
  std::optional<Error> over_limit(const web::Principal& user, const char* bucket,
                                  const store::RateRule& rule);
  Result<Meeting> checked(soci::session& sql, const MeetingInput& input, bool is_new);
  // The invited people and the SPOCs of the invited municipalities, sorted, once each.
  std::vector<std::int64_t> concerned(soci::session& sql, const Meeting& m);
  // Queues the meeting's mail `template_name` with its .ics to every concerned person.
  void mail_concerned(soci::session& sql, const Meeting& m, const std::string& template_name);
  // The same for `people` (sorted ids); a network role is required to receive it.
  void mail_people(soci::session& sql, const Meeting& m, const std::string& template_name,
                   const std::vector<std::int64_t>& people);

  store::Database& db_;
  const Clock& clock_;
  std::string base_url_;
  MailComposer composer_;
};

}  // namespace schakel::meetings
