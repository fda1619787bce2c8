#pragma once
// The key under which per-address limits count a client (rate limits, the cap
// on open connections per peer).
#include <string>
#include <string_view>

namespace schakel {

// An IPv4 address counts on its own ("192.0.2.7"); an IPv6 address counts by
// its /64 prefix ("2001:db8:1:2::/64"), because one subscriber or server gets a
// whole /64 and could otherwise take a fresh address for every attempt. An
// IPv4-mapped IPv6 address ("::ffff:192.0.2.7") counts as its IPv4 address. A
// zone ("fe80::1%eth0") is ignored. Anything that is not an address (empty,
// spaces, a host name, a prefix) gives "unknown", so that such clients share
// one key rather than escape the limit.
std::string client_key(std::string_view address);

}  // namespace schakel
