#pragma once
// The Dutch sentence for a rate limit's wait, shared by every form that limits
// attempts (sign-in, mails by form, guest registrations).
#include <cstdint>
#include <string>

namespace schakel {

// "Te veel pogingen na elkaar. Probeer opnieuw over 12 minuten." for a wait in
// seconds (rounded up to whole minutes).
std::string wait_message(std::int64_t seconds);

}  // namespace schakel
