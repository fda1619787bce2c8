#pragma once
// SQL of the digests: which person got a digest for which period
// (digest_sends) and which items they were sent (digest_sent_items).
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace schakel::digest {

struct DigestStore {
  // True when `user_id` already got the digest of `period_key`.
  static bool sent(soci::session& sql, std::int64_t user_id, const std::string& period_key);
  // The keys of every item ever sent to `user_id` in a digest.
  static std::set<std::string> sent_keys(soci::session& sql, std::int64_t user_id);
  // Claims the digest of (`user_id`, `period_key`): true when this call wrote
  // the row, false when it exists (another node or an earlier run sent it).
  // Requires: inside the transaction that also queues the mail and records
  // the items, so that the claim and the send commit together. On PostgreSQL a
  // racing claim waits for the first transaction and then finds its row.
  static bool claim(soci::session& sql, std::int64_t user_id, const std::string& period_key,
                    std::int64_t now);
  // Completes a claimed send: the message id, the item count and every item
  // key (items already recorded are kept as they were). Requires: claim() in
  // the same transaction.
  static void record(soci::session& sql, std::int64_t user_id, const std::string& period_key,
                     const std::vector<std::string>& item_keys, const std::string& message_id,
                     std::int64_t now);
};

}  // namespace schakel::digest
