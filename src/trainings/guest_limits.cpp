#include "trainings/guest_limits.hpp"

#include <cctype>

#include "core/client_key.hpp"
#include "core/random.hpp"
#include "core/wait.hpp"

namespace schakel::trainings {

namespace {

bool looks_like_link(const std::string& name) {
  std::string lower;
  for (unsigned char c : name) lower.push_back(static_cast<char>(std::tolower(c)));
  if (lower.find("://") != std::string::npos || lower.find("www") != std::string::npos ||
      lower.find('@') != std::string::npos || lower.find('/') != std::string::npos)
    return true;
  // A dot between a letter or digit and two letters ("example.com", "bit.ly").
  for (std::size_t i = 1; i + 2 < lower.size(); ++i)
    if (lower[i] == '.' && std::isalnum(static_cast<unsigned char>(lower[i - 1])) &&
        std::isalpha(static_cast<unsigned char>(lower[i + 1])) &&
        std::isalpha(static_cast<unsigned char>(lower[i + 2])))
      return true;
  return false;
}

int digits(const std::string& name) {
  int n = 0;
  for (unsigned char c : name) n += std::isdigit(c) ? 1 : 0;
  return n;
}

}  // namespace

Status check_guest_name(const std::string& name) {
  if (looks_like_link(name))
    return Error::invalid("name",
                          "Vul alleen je naam in, zonder webadres of e-mailadres. We gebruiken je "
                          "naam in de bevestigingsmail.");
  if (digits(name) >= 4)
    return Error::invalid("name",
                          "Vul alleen je naam in, zonder telefoonnummer of andere cijfers. We "
                          "gebruiken je naam in de bevestigingsmail.");
  return ok_status();
}

Status reserve_guest_mail(store::RateLimiter& limiter, const std::string& email,
                          const std::string& ip) {
  const auto ip_slot = limiter.reserve("guest:ip:" + client_key(ip), guest_mails_per_ip);
  if (ip_slot.wait > 0) return Error{Failure::busy, {{"email", wait_message(ip_slot.wait)}}};
  const auto address_slot =
      limiter.reserve("guest:to:" + sha256_hex(email), guest_mails_per_address);
  if (address_slot.wait > 0) {
    limiter.release(ip_slot.id);
    return Error{Failure::busy,
                 {{"email", "Er zijn al verschillende bevestigingsmails naar dit adres gestuurd. " +
                                wait_message(address_slot.wait)}}};
  }
  return ok_status();
}

}  // namespace schakel::trainings
