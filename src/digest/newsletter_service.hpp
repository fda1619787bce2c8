#pragma once
// The newsletter's rules (issue 14): only coordinators compose, test and send;
// the archive shows sent newsletters to everyone and drafts only to
// coordinators; a send goes once to one segment, spread through the outbox.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "digest/newsletter_types.hpp"
#include "mail/mail.hpp"
#include "web/http.hpp"

namespace schakel {
class App;
}

namespace schakel::digest {

// Where the template gathers news from: two Brussels dates "YYYY-MM-DD", both
// days included.
struct NewsletterPeriod {
  std::string from;
  std::string until;
};

// What the coordinator writes.
struct NewsletterDraft {
  std::string subject;
  std::string body;  // Markdown
};

// One person a newsletter goes to.
struct NewsletterRecipient {
  std::int64_t user_id = 0;
  std::string email;
  std::string name;
};

// The default period at `now`: from the same day a month ago until today.
NewsletterPeriod default_period(std::int64_t now);
// Field errors of `draft` (subject: required, one line, at most
// newsletter_subject_max characters; body: required, at most
// newsletter_body_max characters); empty when it may be saved.
FieldErrors validate_draft(const NewsletterDraft& draft);

// Thread-safe (state lives in the database). Requires: `app` outlives it;
// per_minute > 0 (how many newsletter mails the outbox may hand over a minute).
class NewsletterService {
 public:
  explicit NewsletterService(App& app, std::int64_t per_minute = newsletter_per_minute)
      : app_(app), per_minute_(per_minute) {}

  // The Markdown of a newsletter that lists the news of `period`: the items of
  // the app's news sources of kind resources, trainings and initiatives that
  // are for everyone (not network_only, no for_users), and the signals'
  // public actions created in the period, each with an absolute link. invalid
  // (fields "from", "until") for a malformed date, a period that ends before
  // it starts or is longer than newsletter_period_max_days.
  Result<std::string> template_body(const NewsletterPeriod& period);

  // A new draft by `actor`. forbidden for anyone but a coordinator; invalid
  // with validate_draft's errors; busy past 30 new drafts an hour.
  Result<Newsletter> create(const web::Principal& actor, const NewsletterDraft& draft);
  // Changes draft `id`. forbidden, invalid as create; not_found for an unknown
  // id; conflict when it is no longer a draft.
  Result<Newsletter> update(const web::Principal& actor, std::int64_t id,
                            const NewsletterDraft& draft);
  // Newsletter `id` as `user` may see it: a sent one for everyone (one sent to
  // a network-only segment only for SPOCs, coordinators and admins), a draft or
  // one being sent only for coordinators (not_found for others).
  Result<Newsletter> find(const std::optional<web::Principal>& user, std::int64_t id);
  // Sent newsletters `user` may read (see find), newest first.
  std::vector<Newsletter> archive(const std::optional<web::Principal>& user);
  // Drafts and newsletters being sent, last changed first (coordinators' page).
  std::vector<Newsletter> unsent();

  // The segment of the form's choice; invalid (field "segment", "municipality"
  // or "theme") for an unknown choice, a municipality that is not a member or
  // a theme that does not exist.
  Result<NewsletterSegment> segment(const std::string& choice, const std::string& municipality,
                                    const std::string& theme);
  // Who `segment` reaches now, by user id: active accounts in the segment whose
  // newsletter is not turned off.
  std::vector<NewsletterRecipient> recipients(const NewsletterSegment& segment);
  // A Dutch description of a segment ("alle SPOC's", "de SPOC's van Gent").
  std::string describe(const NewsletterSegment& segment);

  // Mails newsletter `id` to `actor` only, marked as a test. forbidden,
  // not_found as find; busy past 10 tests an hour.
  Status send_test(const web::Principal& actor, std::int64_t id);
  // Sends draft `id` to `segment`: draft -> sending -> sent in one transaction
  // under conditional UPDATEs, one recorded recipient and one queued mail per
  // person, send_at spread by spread_send_at. `expected` is the number the
  // coordinator confirmed: conflict when the segment now holds another number
  // (nothing sent) or when the newsletter is no longer a draft (sent once
  // only); invalid when the segment reaches nobody. Returns how many mails
  // were queued.
  Result<int> send(const web::Principal& actor, std::int64_t id, const NewsletterSegment& segment,
                   int expected);

  // The mail of `letter` for `to` (with its unsubscribe link and headers).
  mail::Mail mail_for(const Newsletter& letter, const NewsletterRecipient& to,
                      const std::string& signing_key, bool test);

 private:
  App& app_;
  std::int64_t per_minute_;
};

}  // namespace schakel::digest
