#include "campaigns/types.hpp"

#include "core/text.hpp"
#include "reference/place_code.hpp"

namespace schakel::campaigns {

const std::vector<Choice>& postcard_themes() {
  static const std::vector<Choice> list = {{"partner_violence", "Partnergeweld"},
                                           {"child_abuse", "Kindermishandeling"},
                                           {"elder_abuse", "Ouderenmis(be)handeling"}};
  return list;
}

const std::vector<Choice>& place_types() {
  static const std::vector<Choice> list = {
      {"pharmacy", "Apotheek"},   {"gp_practice", "Huisartsenpraktijk"},
      {"library", "Bibliotheek"}, {"school", "School"},
      {"police", "Politie"},      {"welfare_office", "OCMW of sociaal huis"},
      {"other", "Andere"}};
  return list;
}

std::string theme_letter(const std::string& theme) {
  if (theme == "partner_violence") return "p";
  if (theme == "child_abuse") return "k";
  if (theme == "elder_abuse") return "e";
  return "";
}

std::string scan_code(const std::string& theme, const std::string& nis_code) {
  const std::string letter = theme_letter(theme), place = reference::place_code(nis_code);
  if (letter.empty() || place.empty()) return "";
  return letter + place;
}

std::optional<ScanTarget> parse_scan_code(const std::string& code) {
  if (code.size() != 5) return std::nullopt;
  std::string lower = code;
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  std::string theme;
  for (const auto& t : postcard_themes())
    if (theme_letter(t.value) == lower.substr(0, 1)) theme = t.value;
  if (theme.empty()) return std::nullopt;
  auto nis = reference::nis_for_place_code(lower.substr(1));
  if (!nis) return std::nullopt;
  return ScanTarget{theme, *nis};
}

std::vector<std::string> tip_lines(const std::string& tips) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= tips.size()) {
    std::size_t end = tips.find('\n', start);
    if (end == std::string::npos) end = tips.size();
    std::string line = trim(std::string_view(tips).substr(start, end - start));
    if (!line.empty()) out.push_back(line);
    start = end + 1;
  }
  return out;
}

}  // namespace schakel::campaigns
