#pragma once
// The coordinator's newsletter (issue 14): a Markdown text sent once to one
// segment of the network's people, spread over time through the mail outbox,
// and kept in a public archive once sent.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/role.hpp"

namespace schakel::digest {

// Bounds of the compose form.
inline constexpr std::size_t newsletter_subject_max = 200;  // characters
inline constexpr std::size_t newsletter_body_max = 50'000;  // characters
// At most this many newsletter mails are handed over per minute: the k-th
// recipient (from 0) gets send_at = start + (k / newsletter_per_minute) * 60.
inline constexpr std::int64_t newsletter_per_minute = 60;
// The longest period the template may gather news from.
inline constexpr std::int64_t newsletter_period_max_days = 366;

enum class NewsletterStatus { draft, sending, sent };

// Stored names: "draft", "sending", "sent".
std::string_view newsletter_status_name(NewsletterStatus status);
std::optional<NewsletterStatus> parse_newsletter_status(std::string_view name);

struct Newsletter {
  std::int64_t id = 0;
  std::string subject;  // one line, plain text
  std::string body;     // Markdown
  NewsletterStatus status = NewsletterStatus::draft;
  std::string segment;  // NewsletterSegment::key() once sent; "" for a draft
  int recipient_count = 0;
  bool is_demo = false;
  std::optional<std::int64_t> created_by;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::optional<std::int64_t> sent_at;
};

// Who a newsletter goes to. Always only active accounts whose newsletter is not
// turned off (Preferences::of(Kind::newsletter) != none).
struct NewsletterSegment {
  enum class By {
    role,                // every person with `role`
    municipality,        // people whose home municipality is `value` or who are its SPOC
    municipality_spocs,  // the SPOCs of municipality `value`
    theme,               // people who get news of any kind about theme `value`
  };
  By by = By::role;
  Role role = Role::professional;  // for By::role
  std::string value;               // a NIS code or a theme slug

  // "role:spoc", "municipality:44021", "municipality_spocs:44021", "theme:partner_violence".
  std::string key() const;
};

// The segment of a stored key; nullopt for anything malformed. Does not check
// that the municipality or theme exists (the service does).
std::optional<NewsletterSegment> parse_newsletter_segment(std::string_view key);

// The form's choice names of a segment ("professionals", "spocs",
// "coordinators", "municipality", "municipality_spocs", "theme") with the
// municipality or theme the form gives beside it; nullopt for an unknown
// choice or a missing value.
std::optional<NewsletterSegment> segment_of_choice(std::string_view choice,
                                                   const std::string& municipality,
                                                   const std::string& theme);

// True when a newsletter sent to the segment of `key` is for the network only
// (a role other than professionals, or the SPOCs of a municipality): its text
// may speak of network matters, so the public archive leaves it out. A
// malformed key counts as network-only.
bool segment_is_network_only(std::string_view key);

// The k-th recipient's send_at (k from 0) for a send that starts at `start`,
// with at most `per_minute` mails a minute. Requires: per_minute > 0.
std::int64_t spread_send_at(std::int64_t start, std::size_t k, std::int64_t per_minute);

}  // namespace schakel::digest
