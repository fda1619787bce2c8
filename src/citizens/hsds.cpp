#include "citizens/hsds.hpp"

#include <algorithm>
#include <map>

#include "citizens/opening_hours.hpp"

namespace schakel::citizens {

namespace {

using nlohmann::json;

std::string numbered(const std::string& prefix, std::size_t n) {
  return prefix + "-" + std::to_string(n);
}

json area_records(const HelpService& s, const std::string& sid, std::size_t* next,
                  const std::function<std::string(const std::string&)>& name_of) {
  json out = json::array();
  auto add = [&](const std::string& name, const std::string& type, const std::string& extent) {
    out.push_back({{"id", numbered("area", ++*next)},
                   {"service_id", sid},
                   {"name", name},
                   {"extent_type", type},
                   {"extent", extent}});
  };
  if (s.area.kind == AreaKind::flanders) add("Vlaanderen", "schakel_region", "Vlaanderen");
  if (s.area.kind == AreaKind::province) add(s.area.province, "schakel_province", s.area.province);
  if (s.area.kind == AreaKind::municipalities)
    for (const auto& nis : s.area.nis_codes) add(name_of(nis), "schakel_nis_code", nis);
  return out;
}

struct Counters {
  std::size_t location = 0, phone = 0, schedule = 0, area = 0, language = 0, access = 0;
};

void export_children(const HelpService& s, const std::string& sid, Counters& n, json& doc,
                     const std::function<std::string(const std::string&)>& name_of) {
  if (s.location) {
    const std::string lid = numbered("loc", ++n.location);
    doc["locations"].push_back({{"id", lid},
                                {"location_type", "physical"},
                                {"name", s.name},
                                {"schakel_nis_code", s.location->nis_code},
                                {"addresses", json::array({{{"id", numbered("addr", n.location)},
                                                            {"location_id", lid},
                                                            {"address_type", "physical"},
                                                            {"address_1", s.location->address},
                                                            {"city", name_of(s.location->nis_code)},
                                                            {"postal_code", s.location->postcode},
                                                            {"country", "BE"}}})}});
    doc["service_at_locations"].push_back(
        {{"id", numbered("sal", n.location)}, {"service_id", sid}, {"location_id", lid}});
    if (!s.location->accessibility.empty())
      doc["accessibility"].push_back({{"id", numbered("acc", ++n.access)},
                                      {"location_id", lid},
                                      {"description", s.location->accessibility}});
  }
  for (const auto& p : s.phones)
    doc["phones"].push_back({{"id", numbered("phone", ++n.phone)},
                             {"service_id", sid},
                             {"number", p.number},
                             {"description", p.description}});
  for (const auto& h : s.hours)
    doc["schedules"].push_back({{"id", numbered("sched", ++n.schedule)},
                                {"service_id", sid},
                                {"freq", "WEEKLY"},
                                {"wkst", "MO"},
                                {"byday", byday_of(h.days)},
                                {"opens_at", format_minutes(h.opens)},
                                {"closes_at", format_minutes(h.closes)},
                                {"description", format_period(h)}});
  for (auto& a : area_records(s, sid, &n.area, name_of)) doc["service_areas"].push_back(a);
  for (const auto& l : s.languages)
    doc["languages"].push_back(
        {{"id", numbered("lang", ++n.language)}, {"service_id", sid}, {"code", l}});
}

}  // namespace

json hsds_json(const std::vector<HelpService>& services,
               const std::function<std::string(const std::string&)>& name_of) {
  json doc = json::object();
  for (const char* table : {"organizations", "services", "locations", "service_at_locations",
                            "phones", "schedules", "service_areas", "languages", "accessibility"})
    doc[table] = json::array();
  std::map<std::string, std::string> organization_ids;
  Counters n;
  std::size_t service_number = 0;
  for (const auto& s : services) {
    auto [it, added] =
        organization_ids.try_emplace(s.organization, numbered("org", organization_ids.size() + 1));
    if (added)
      doc["organizations"].push_back(
          {{"id", it->second}, {"name", s.organization}, {"description", ""}});
    const std::string sid = numbered("svc", ++service_number);
    doc["services"].push_back({{"id", sid},
                               {"organization_id", it->second},
                               {"name", s.name},
                               {"description", s.description},
                               {"url", s.url},
                               {"email", s.email},
                               {"status", "active"},
                               {"schakel_type", service_type_code(s.type)},
                               {"schakel_referral", referral_code(s.referral)},
                               {"schakel_themes", s.themes},
                               {"schakel_target_groups", s.target_groups},
                               {"schakel_demo", s.is_demo}});
    export_children(s, sid, n, doc, name_of);
  }
  return doc;
}

}  // namespace schakel::citizens
