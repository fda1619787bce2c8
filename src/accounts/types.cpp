#include "accounts/types.hpp"

namespace schakel::accounts {

const std::vector<Choice>& sectors() {
  static const std::vector<Choice> list = {{"education", "Onderwijs"},
                                           {"youth_work", "Jeugdwerk"},
                                           {"welfare", "Welzijn"},
                                           {"health_care", "Gezondheidszorg"},
                                           {"police_justice", "Politie en justitie"},
                                           {"local_government", "Lokaal bestuur"},
                                           {"other", "Andere"}};
  return list;
}

const std::vector<Choice>& tracks() {
  static const std::vector<Choice> list = {{"prevention", "Nabijheid (preventie)"},
                                           {"care", "Zorg"},
                                           {"enforcement", "Grenzen (handhaving)"}};
  return list;
}

bool is_known_sector(const std::string& value) {
  for (const auto& c : sectors())
    if (value == c.value) return true;
  return false;
}

bool is_known_track(const std::string& value) {
  for (const auto& c : tracks())
    if (value == c.value) return true;
  return false;
}

}  // namespace schakel::accounts
