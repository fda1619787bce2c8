#pragma once
// E-mail: messages go into an outbox table in the same transaction as the change
// that causes them; the "mail.send" job delivers them by SMTP (libcurl) or, with
// no SMTP server configured, writes them as .eml files under DATA_DIR/mail/.
//
// Delivery is at-most-once for the moment of doubt: a message is marked
// 'sending' (committed) before it is handed to the SMTP server. A failure the
// server reports is retried with back-off; but when a node dies between handing
// over and marking 'sent', nobody knows whether the server took it, and the
// message becomes 'uncertain' instead of being sent again. Its stable Message-ID
// lets an administrator resend it by hand from the mail page and lets mail
// clients drop a duplicate. We chose this side because a second copy of a
// sign-in link or a message about violence can do more harm (a partner sees it
// twice, a link is forwarded) than a missing one that the user can request again.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace schakel::mail {

// A file sent with a mail (the .ics of a training confirmation).
struct MailAttachment {
  std::string file_name;     // shown to the recipient; made safe when composed
  std::string content_type;  // "text/calendar; charset=utf-8; method=PUBLISH"
  std::string data;          // the bytes
};

struct Mail {
  std::string to;       // one address
  std::string subject;  // plain Dutch, UTF-8
  std::string text;     // the text/plain part
  std::string html;     // the text/html part (already escaped by the template)
  std::vector<MailAttachment> attachments = {};  // none for most mails
  // Extra header fields, e.g. {"List-Unsubscribe", "<https://...>"}. A name must be
  // letters, digits and '-' and may not be one the outbox sets itself (From, To,
  // Subject, Date, Message-ID, MIME-Version, Content-*): others are dropped when
  // composed. Values are put on one line.
  std::vector<std::pair<std::string, std::string>> headers = {};
  // Not handed over before this Unix time (0: as soon as possible). Lets a bulk
  // sender (the newsletter) spread its mails over time through the one outbox.
  std::int64_t send_at = 0;
};

struct MailSettings {
  std::string smtp_url;  // "smtp://host:port" or "smtps://..."; "" writes .eml files
  std::string from = "Schakel <noreply@schakel.invalid>";
  std::string mail_dir;  // where .eml files go when smtp_url is empty
  int max_attempts = 6;
};

// `text` with the value of every "token=" parameter replaced: what the outbox
// keeps once a mail is delivered, and what the admin page shows.
std::string redact_tokens(const std::string& text);

// Queues `mail` (with its attachments and headers) inside the caller's
// transaction, due at max(now, mail.send_at). Returns its Message-ID.
std::string enqueue(soci::session& sql, const Mail& mail, std::int64_t now);

// Messages in the outbox that are not delivered, by state (for /metrics).
struct OutboxCounts {
  std::int64_t pending = 0;    // waiting for their (next) attempt
  std::int64_t sending = 0;    // claimed by a node now
  std::int64_t failed = 0;     // given up: wait for an admin
  std::int64_t uncertain = 0;  // the sender stopped mid-way: wait for an admin
};
// Reads the counts in the caller's session.
OutboxCounts outbox_counts(soci::session& sql);

// The RFC 5322 message with a multipart/alternative body (text and HTML, base64).
// With attachments the body is multipart/mixed: that alternative part first, then
// each attachment (base64, Content-Disposition attachment). A file name is reduced
// to letters, digits, '.', '-' and '_'; a content type that is not a plain
// "type/subtype; name=value" becomes application/octet-stream.
std::string compose(const Mail& mail, const std::string& from, const std::string& message_id,
                    std::int64_t date);

// Hands one message to an SMTP server. Errors (field "") carry the server's answer.
Status send_smtp(const std::string& url, const std::string& from, const std::string& to,
                 const std::string& message);

struct OutboxEntry {
  std::int64_t id = 0;
  std::string message_id;
  std::string recipient;
  std::string subject;
  std::string status;
  int attempts = 0;
  std::int64_t created_at = 0;
  std::int64_t sent_at = 0;
  std::string last_error;
};

// Thread-safe (state lives in the database).
class Outbox {
 public:
  Outbox(store::Database& db, const Clock& clock, MailSettings settings);

  // Sends every due message; returns how many were delivered. Marks messages
  // 'uncertain' whose 'sending' claim expired (their sender died mid-way).
  int send_due();
  // The newest messages, for the admin page.
  std::vector<OutboxEntry> recent(int limit);
  // The stored message by id (with its attachments), for the admin page: with
  // SMTP configured its tokens are redacted; without (demo) it is shown whole, so
  // links can be followed.
  std::optional<Mail> find(std::int64_t id);
  // Puts an 'uncertain' or 'failed' message back in the queue (an admin's decision).
  Status resend(std::int64_t id);
  // Deletes delivered messages sent before `before` (retention); returns how many.
  std::size_t purge_sent(std::int64_t before);

  const MailSettings& settings() const { return settings_; }

 private:
  bool deliver(const OutboxEntry& entry, const Mail& mail, std::string* error);
  store::Database& db_;
  const Clock& clock_;
  MailSettings settings_;
};

}  // namespace schakel::mail
