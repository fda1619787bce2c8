// The policy fields of initiatives and funding calls (issue 14).
#include "catalog/types.hpp"

namespace schakel::catalog {

bool kind_has_policy(const std::string& kind) {
  return kind == "initiative" || kind == "funding_call";
}

const std::vector<Choice>& policy_levels() {
  static const std::vector<Choice> list = {{"local", "Lokaal"},
                                           {"provincial", "Provinciaal"},
                                           {"flemish", "Vlaams"},
                                           {"federal", "Federaal"},
                                           {"european", "Europees"}};
  return list;
}

}  // namespace schakel::catalog
