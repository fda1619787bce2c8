#include "citizens/directory_view.hpp"

#include <algorithm>
#include <map>

#include "reference/municipalities.hpp"

namespace schakel::citizens {

namespace {

std::string language_label(const std::string& code) {
  static const std::map<std::string, std::string> names = {
      {"nl", "Nederlands"}, {"fr", "Frans"},    {"en", "Engels"},    {"de", "Duits"},
      {"ar", "Arabisch"},   {"tr", "Turks"},    {"pl", "Pools"},     {"ro", "Roemeens"},
      {"es", "Spaans"},     {"ru", "Russisch"}, {"uk", "Oekraïens"}, {"it", "Italiaans"}};
  auto it = names.find(code);
  return it == names.end() ? code : it->second;
}

std::string area_text(store::Database& db, const ServiceArea& area) {
  if (area.kind == AreaKind::flanders) return "Heel Vlaanderen";
  if (area.kind == AreaKind::province) return "Provincie " + area.province;
  std::string out;
  for (const auto& nis : area.nis_codes)
    out += (out.empty() ? "" : ", ") + reference::municipality_name(db, nis);
  return out;
}

}  // namespace

nlohmann::json service_model(store::Database& db, const HelpService& s) {
  nlohmann::json phones = nlohmann::json::array();
  for (const auto& p : s.phones)
    phones.push_back({{"number", p.number},
                      {"href", "tel:" + tel_href(p.number)},
                      {"description", p.description}});
  nlohmann::json hours = nlohmann::json::array();
  for (const auto& h : s.hours) hours.push_back(format_period(h));
  std::string languages, themes, groups;
  for (const auto& l : s.languages)
    languages += (languages.empty() ? "" : ", ") + language_label(l);
  for (const auto& t : s.themes) themes += (themes.empty() ? "" : ", ") + theme_label(t);
  for (const auto& g : s.target_groups)
    groups += (groups.empty() ? "" : ", ") + target_group_label(g);
  nlohmann::json m = {{"id", s.id},
                      {"name", s.name},
                      {"organization", s.organization},
                      {"description", s.description},
                      {"type", service_type_label(s.type)},
                      {"is_demo", s.is_demo},
                      {"referral", referral_label(s.referral)},
                      {"professional_only", s.referral == Referral::professional},
                      {"phones", phones},
                      {"hours", hours},
                      {"has_hours", !hours.empty()},
                      {"url", s.url},
                      {"email", s.email},
                      {"languages", languages},
                      {"themes", themes},
                      {"target_groups", groups},
                      {"area", area_text(db, s.area)},
                      {"location", false}};
  if (s.location)
    m["location"] = {{"address", s.location->address},
                     {"postcode", s.location->postcode},
                     {"place", reference::municipality_name(db, s.location->nis_code)},
                     {"accessibility", s.location->accessibility}};
  return m;
}

nlohmann::json grouped_model(store::Database& db, const std::vector<HelpService>& services) {
  nlohmann::json groups = nlohmann::json::array();
  for (const ServiceType type : all_service_types) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& s : services)
      if (s.type == type) list.push_back(service_model(db, s));
    if (!list.empty()) groups.push_back({{"label", service_type_label(type)}, {"services", list}});
  }
  return groups;
}

nlohmann::json form_choices(const ServiceInput& in, bool coordinator) {
  auto has = [](const std::vector<std::string>& list, const std::string& v) {
    return std::find(list.begin(), list.end(), v) != list.end();
  };
  nlohmann::json types = nlohmann::json::array(), themes = nlohmann::json::array(),
                 groups = nlohmann::json::array(), provinces = nlohmann::json::array();
  for (const ServiceType t : all_service_types)
    types.push_back({{"code", service_type_code(t)},
                     {"label", service_type_label(t)},
                     {"selected", in.type == service_type_code(t)}});
  for (const auto& t : theme_codes())
    themes.push_back({{"code", t}, {"label", theme_label(t)}, {"checked", has(in.themes, t)}});
  for (const auto& g : target_group_codes())
    groups.push_back(
        {{"code", g}, {"label", target_group_label(g)}, {"checked", has(in.target_groups, g)}});
  for (const auto& p : flemish_provinces())
    provinces.push_back({{"name", p}, {"selected", in.province == p}});
  return {{"types", types},
          {"themes", themes},
          {"groups", groups},
          {"provinces", provinces},
          {"coordinator", coordinator},
          {"self_checked", in.referral != "professional"},
          {"professional_checked", in.referral == "professional"},
          {"local_checked", in.area_kind != "province" && in.area_kind != "flanders"},
          {"province_checked", in.area_kind == "province"},
          {"flanders_checked", in.area_kind == "flanders"}};
}

nlohmann::json form_values(const ServiceInput& in) {
  return {{"organisatie", in.organization},
          {"naam", in.name},
          {"omschrijving", in.description},
          {"talen", in.languages},
          {"openingsuren", in.hours},
          {"telefoons", in.phones},
          {"website", in.url},
          {"e-mail", in.email},
          {"adres", in.address},
          {"postcode", in.postcode},
          {"toegankelijkheid", in.accessibility},
          {"gemeenten", in.municipalities}};
}

ServiceInput input_from_form(const web::Form& form) {
  ServiceInput in;
  in.organization = form.get("organisatie");
  in.name = form.get("naam");
  in.description = form.get("omschrijving");
  in.type = form.get("soort");
  in.referral = form.get("toegang");
  in.themes = form.get_all("thema");
  in.target_groups = form.get_all("doelgroep");
  in.languages = form.get("talen");
  in.hours = form.get("openingsuren");
  in.phones = form.get("telefoons");
  in.url = form.get("website");
  in.email = form.get("e-mail");
  in.address = form.get("adres");
  in.postcode = form.get("postcode");
  in.accessibility = form.get("toegankelijkheid");
  in.area_kind = form.get("werkgebied");
  in.municipalities = form.get("gemeenten");
  in.province = form.get("provincie");
  return in;
}

}  // namespace schakel::citizens
