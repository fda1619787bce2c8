#pragma once
// The checks an imported service must pass (JSON and CSV alike): the same rules as
// the maintenance form, with messages that name the value.
#include <string>
#include <vector>

#include "citizens/help_service_types.hpp"
#include "citizens/hsds.hpp"

namespace schakel::citizens {

// The problems of `s` whose type and referral came as the codes `type` and
// `referral`; fills out->type and out->referral when they are known codes. Empty
// when `s` may be kept.
std::vector<std::string> check_imported(const HelpService& s, const std::string& type,
                                        const std::string& referral, const HsdsReference& ref,
                                        HelpService* out);

}  // namespace schakel::citizens
