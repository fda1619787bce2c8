#include "citizens/help_page_types.hpp"

#include <nlohmann/json.hpp>

namespace schakel::citizens {

const std::vector<HelpSection>& help_sections() {
  static const std::vector<HelpSection> list = {
      {"what_is_it", "Wat is het?", &HelpPage::what_is_it},
      {"recognise", "Hoe herken je het?", &HelpPage::recognise},
      {"react", "Wat kun je doen als je iets vermoedt?", &HelpPage::react},
      {"talk", "Hoe begin je een gesprek?", &HelpPage::talk},
      {"where_to_go", "Waar kun je terecht?", &HelpPage::where_to_go},
  };
  return list;
}

std::string editable_text(const HelpPage& page) {
  std::string out = page.title + "\n\n" + page.summary;
  for (const auto& s : help_sections()) out += "\n\n" + page.*(s.text);
  return out;
}

std::string snapshot_of(const HelpPage& page) {
  nlohmann::json j = {{"title", page.title}, {"summary", page.summary}};
  for (const auto& s : help_sections()) j[s.field] = page.*(s.text);
  return j.dump();
}

void apply_snapshot(HelpPage& page, const std::string& snapshot) {
  const auto j = nlohmann::json::parse(snapshot, nullptr, false);
  if (!j.is_object()) return;
  auto take = [&](const char* key, std::string& into) {
    if (auto it = j.find(key); it != j.end() && it->is_string()) into = it->get<std::string>();
  };
  take("title", page.title);
  take("summary", page.summary);
  for (const auto& s : help_sections()) take(s.field, page.*(s.text));
}

}  // namespace schakel::citizens
