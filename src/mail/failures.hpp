#pragma once
// How many outbox messages need a person's decision (for the coordinator's
// dashboard, issue 14).
#include <cstdint>

#include <soci/soci.h>

namespace schakel::mail {

// Messages in the outbox with status 'failed' or 'uncertain' (they are not
// retried until an admin puts them back in the queue: Outbox::resend).
std::int64_t count_failures(soci::session& sql);

}  // namespace schakel::mail
