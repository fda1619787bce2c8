#pragma once
// Field checks shared by the account services (service.cpp, *_service.cpp):
// each appends its Dutch message to `errors` and changes nothing else.
#include <cstddef>
#include <string>

#include "core/result.hpp"

namespace schakel::accounts {

// Checks a free-text field: required or not, at most `max` bytes, valid UTF-8, no control
// characters.
void check_text(FieldErrors& errors, const std::string& field, const std::string& value,
                std::size_t max, bool required, const std::string& label);
// Checks an e-mail address: present and plausible.
void check_email(FieldErrors& errors, const std::string& field, const std::string& email);

}  // namespace schakel::accounts
