#pragma once
// The one check of an e-mail address, shared by accounts and guest registrations.
#include <string_view>

namespace schakel {

// True for an address we send mail to: local@domain, at most 254 bytes; the
// local part a dot-atom (letters, digits, !#$%&'*+/=?^_`{|}~- and single dots,
// or UTF-8); the domain two or more labels of letters, digits and inner hyphens
// (or UTF-8), as in "naam@gemeente.be". Rejects quotes, brackets, spaces,
// commas, control characters and anything after the domain.
bool valid_email_address(std::string_view email);

}  // namespace schakel
