#pragma once
// SQL of the newsletter (tables newsletters and newsletter_recipients, owner
// digest; migrations/0028_newsletters.sql). Every function works inside the
// caller's session or transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "digest/newsletter_types.hpp"

namespace schakel::digest {

struct NewsletterStore {
  // Inserts `letter` (subject, body, status, segment, recipient_count, is_demo,
  // created_by, sent_at) and records a change; returns its id.
  static std::int64_t insert(soci::session& sql, const Newsletter& letter, std::int64_t now);
  // Changes subject and body of draft `id`; false (nothing changed) when `id`
  // is no longer a draft or does not exist.
  static bool update_draft(soci::session& sql, std::int64_t id, const std::string& subject,
                           const std::string& body, std::int64_t now);
  static std::optional<Newsletter> find(soci::session& sql, std::int64_t id);
  // Sent newsletters, newest first (by sent_at, then id).
  static std::vector<Newsletter> sent(soci::session& sql);
  // Drafts and newsletters being sent, last changed first.
  static std::vector<Newsletter> unsent(soci::session& sql);
  // draft -> sending for `id`, with its segment key and number of recipients,
  // under a conditional UPDATE: true for exactly one caller, false when `id` is
  // not (or no longer) a draft.
  static bool claim(soci::session& sql, std::int64_t id, const std::string& segment,
                    int recipient_count, std::int64_t now);
  // Records that `user_id` gets newsletter `id` at `send_at`; false when that
  // person was already recorded (the unique key), so the caller queues no mail.
  static bool add_recipient(soci::session& sql, std::int64_t id, std::int64_t user_id,
                            std::int64_t send_at);
  // sending -> sent for `id` at `now` and records a change; false when `id` was
  // not being sent.
  static bool finish(soci::session& sql, std::int64_t id, std::int64_t now);
  // The recorded recipients of `id` as (user id, send_at), by send_at then user id.
  static std::vector<std::pair<std::int64_t, std::int64_t>> recipients(soci::session& sql,
                                                                       std::int64_t id);
  // Deletes the demo newsletters with their recipients (demo --force).
  static void delete_demo(soci::session& sql);
};

}  // namespace schakel::digest
