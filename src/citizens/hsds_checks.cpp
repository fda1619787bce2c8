#include "citizens/hsds_checks.hpp"

#include <algorithm>

#include "core/email.hpp"

namespace schakel::citizens {

namespace {

void check_codes(const HelpService& s, std::vector<std::string>& problems) {
  if (s.themes.empty()) problems.push_back("er is geen thema.");
  for (const auto& t : s.themes)
    if (theme_label(t).empty()) problems.push_back("onbekend thema \"" + t + "\".");
  for (const auto& g : s.target_groups)
    if (target_group_label(g).empty()) problems.push_back("onbekende doelgroep \"" + g + "\".");
  for (const auto& l : s.languages)
    if (l.size() != 2 ||
        !std::all_of(l.begin(), l.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
      problems.push_back("onbekende taalcode \"" + l + "\".");
}

void check_area_and_location(const HelpService& s, const HsdsReference& ref,
                             std::vector<std::string>& problems) {
  if (s.area.kind == AreaKind::municipalities) {
    if (s.area.nis_codes.empty()) problems.push_back("er is geen gemeente in het werkgebied.");
    for (const auto& nis : s.area.nis_codes)
      if (!ref.is_municipality(nis)) problems.push_back("onbekende gemeente \"" + nis + "\".");
  }
  if (s.area.kind == AreaKind::province) {
    const auto& p = flemish_provinces();
    if (std::find(p.begin(), p.end(), s.area.province) == p.end())
      problems.push_back("onbekende provincie \"" + s.area.province + "\".");
  }
  if (!s.location) return;
  if (s.location->address.empty()) problems.push_back("het adres ontbreekt.");
  const auto of_postcode = ref.postcode_municipalities(s.location->postcode);
  if (of_postcode.empty())
    problems.push_back("onbekende postcode \"" + s.location->postcode + "\".");
  else if (std::find(of_postcode.begin(), of_postcode.end(), s.location->nis_code) ==
           of_postcode.end())
    problems.push_back("de gemeente \"" + s.location->nis_code + "\" hoort niet bij postcode " +
                       s.location->postcode + ".");
}

}  // namespace

std::vector<std::string> check_imported(const HelpService& s, const std::string& type,
                                        const std::string& referral, const HsdsReference& ref,
                                        HelpService* out) {
  std::vector<std::string> problems;
  if (s.organization.empty()) problems.push_back("de organisatie heeft geen naam.");
  if (s.name.empty()) problems.push_back("de dienst heeft geen naam.");
  if (s.organization.size() > 200 || s.name.size() > 200 || s.description.size() > 4000)
    problems.push_back("een naam of omschrijving is te lang.");
  if (auto t = service_type_from_code(type))
    out->type = *t;
  else
    problems.push_back("onbekende soort \"" + type + "\".");
  if (auto r = referral_from_code(referral))
    out->referral = *r;
  else
    problems.push_back("onbekende toegang \"" + referral + "\" (self of professional).");
  if (s.phones.empty()) problems.push_back("er is geen telefoonnummer.");
  for (const auto& p : s.phones)
    if (check_phone(p.number)) problems.push_back("ongeldig telefoonnummer \"" + p.number + "\".");
  if (!s.url.empty() && check_https_url(s.url))
    problems.push_back("het webadres moet met https:// beginnen.");
  if (!s.email.empty() && !valid_email_address(s.email))
    problems.push_back("ongeldig e-mailadres \"" + s.email + "\".");
  check_codes(s, problems);
  check_area_and_location(s, ref, problems);
  return problems;
}

}  // namespace schakel::citizens
