#pragma once
// Abuse limits of the guest registration form, which sends a mail to an address
// anyone can type: a few mails per address and per IP, and a name that cannot
// carry a link or a phone number into that mail.
#include <string>

#include "core/result.hpp"
#include "store/rate_limits.hpp"

namespace schakel::trainings {

inline constexpr store::RateRule guest_mails_per_address{3, 900};
inline constexpr store::RateRule guest_mails_per_ip{10, 900};

// Errors (field "name"): the name holds a web address, an e-mail address or a
// phone number (4 digits or more). Names are shown in the mail's greeting.
Status check_guest_name(const std::string& name);
// Counts one confirmation mail to `email` (normalised) from `ip` before it is
// queued; parallel requests cannot all pass. Error busy (field "email") with
// the wait in Dutch when over either limit; nothing is counted then.
Status reserve_guest_mail(store::RateLimiter& limiter, const std::string& email,
                          const std::string& ip);

}  // namespace schakel::trainings
