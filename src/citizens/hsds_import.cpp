// Reading an HSDS JSON document back into services (see hsds.hpp). Everything is
// checked before anything is kept: a problem anywhere refuses the whole file, and
// each problem names its table, record number and id.
#include <algorithm>
#include <map>

#include "citizens/hsds.hpp"
#include "citizens/hsds_checks.hpp"
#include "citizens/opening_hours.hpp"

namespace schakel::citizens {

namespace {

using nlohmann::json;

// Walks one table of the document, naming each record for messages.
class Reader {
 public:
  Reader(const json& doc, std::vector<std::string>* errors) : doc_(doc), errors_(errors) {}

  template <class F>
  void each(const char* table, F&& f) {
    auto it = doc_.find(table);
    if (it == doc_.end()) return;
    if (!it->is_array()) {
      errors_->push_back(std::string(table) + ": dit moet een lijst zijn.");
      return;
    }
    std::size_t number = 0;
    for (const auto& record : *it) {
      ++number;
      where_ = std::string(table) + ", record " + std::to_string(number);
      if (!record.is_object()) {
        fail("dit is geen object");
        continue;
      }
      if (auto id = record.find("id"); id != record.end() && id->is_string())
        where_ += " (" + id->get<std::string>() + ")";
      f(record);
    }
  }

  void fail(const std::string& message) { errors_->push_back(where_ + ": " + message + "."); }

  // The text of `key` ("" when absent; a problem when it is not text).
  std::string text(const json& record, const char* key) {
    auto it = record.find(key);
    if (it == record.end() || it->is_null()) return "";
    if (!it->is_string()) {
      fail(std::string(key) + " moet tekst zijn");
      return "";
    }
    return it->get<std::string>();
  }

  std::vector<std::string> texts(const json& record, const char* key) {
    std::vector<std::string> out;
    auto it = record.find(key);
    if (it == record.end() || it->is_null()) return out;
    if (!it->is_array()) {
      fail(std::string(key) + " moet een lijst zijn");
      return out;
    }
    for (const auto& v : *it) {
      if (v.is_string())
        out.push_back(v.get<std::string>());
      else
        fail(std::string(key) + " moet een lijst van teksten zijn");
    }
    return out;
  }

  const std::string& where() const { return where_; }

 private:
  const json& doc_;
  std::vector<std::string>* errors_;
  std::string where_;
};

struct Pending {
  HelpService service;
  std::string where;
  std::string raw_type, raw_referral;
  bool has_area_kind = false;
};

void read_services(Reader& r, const std::map<std::string, std::string>& organizations,
                   std::vector<Pending>& pending, std::map<std::string, std::size_t>& index) {
  r.each("services", [&](const json& rec) {
    Pending p;
    p.where = r.where();
    const std::string id = r.text(rec, "id");
    if (id.empty() || index.count(id)) r.fail("id ontbreekt of komt twee keer voor");
    auto org = organizations.find(r.text(rec, "organization_id"));
    if (org == organizations.end())
      r.fail("organization_id verwijst naar geen organisatie");
    else
      p.service.organization = org->second;
    p.service.name = r.text(rec, "name");
    p.service.description = r.text(rec, "description");
    p.service.url = r.text(rec, "url");
    p.service.email = r.text(rec, "email");
    p.raw_type = r.text(rec, "schakel_type");
    p.raw_referral = r.text(rec, "schakel_referral");
    p.service.themes = r.texts(rec, "schakel_themes");
    p.service.target_groups = r.texts(rec, "schakel_target_groups");
    if (auto demo = rec.find("schakel_demo"); demo != rec.end())
      p.service.is_demo = demo->is_boolean() && demo->get<bool>();
    index[id] = pending.size();
    pending.push_back(std::move(p));
  });
}

// The service a record refers to by service_id, or nullptr (a problem).
Pending* service_of(Reader& r, const json& rec, std::vector<Pending>& pending,
                    const std::map<std::string, std::size_t>& index) {
  auto it = index.find(r.text(rec, "service_id"));
  if (it == index.end()) {
    r.fail("service_id verwijst naar geen dienst");
    return nullptr;
  }
  return &pending[it->second];
}

void read_locations(Reader& r, std::vector<Pending>& pending,
                    const std::map<std::string, std::size_t>& index) {
  std::map<std::string, Location> locations;
  r.each("locations", [&](const json& rec) {
    Location l;
    l.nis_code = r.text(rec, "schakel_nis_code");
    auto addresses = rec.find("addresses");
    if (addresses == rec.end() || !addresses->is_array() || addresses->size() != 1 ||
        !addresses->at(0).is_object()) {
      r.fail("een locatie heeft precies één adres");
    } else {
      l.address = r.text(addresses->at(0), "address_1");
      l.postcode = r.text(addresses->at(0), "postal_code");
    }
    locations[r.text(rec, "id")] = l;
  });
  r.each("accessibility", [&](const json& rec) {
    auto it = locations.find(r.text(rec, "location_id"));
    if (it == locations.end())
      r.fail("location_id verwijst naar geen locatie");
    else
      it->second.accessibility = r.text(rec, "description");
  });
  r.each("service_at_locations", [&](const json& rec) {
    Pending* p = service_of(r, rec, pending, index);
    auto it = locations.find(r.text(rec, "location_id"));
    if (it == locations.end()) r.fail("location_id verwijst naar geen locatie");
    if (!p || it == locations.end()) return;
    if (p->service.location) r.fail("een dienst heeft hier hoogstens één locatie");
    p->service.location = it->second;
  });
}

void read_schedules(Reader& r, std::vector<Pending>& pending,
                    const std::map<std::string, std::size_t>& index) {
  r.each("schedules", [&](const json& rec) {
    Pending* p = service_of(r, rec, pending, index);
    const std::string freq = r.text(rec, "freq");
    const auto days = days_of_byday(r.text(rec, "byday"));
    const auto opens = parse_time_of_day(r.text(rec, "opens_at"));
    const auto closes = parse_time_of_day(r.text(rec, "closes_at"));
    if (freq != "WEEKLY") r.fail("ongeldige openingsuren: freq moet WEEKLY zijn");
    if (!days) r.fail("ongeldige openingsuren: byday noemt geen dagen (MO,TU,...)");
    if (!opens || !closes || *closes <= *opens)
      r.fail(
          "ongeldige openingsuren: opens_at en closes_at moeten uren zijn (09:00), het "
          "einde na het begin");
    else if (p && days && freq == "WEEKLY")
      p->service.hours.push_back(WeeklyHours{*days, *opens, *closes});
  });
}

void read_details(Reader& r, std::vector<Pending>& pending,
                  const std::map<std::string, std::size_t>& index) {
  r.each("phones", [&](const json& rec) {
    if (Pending* p = service_of(r, rec, pending, index))
      p->service.phones.push_back(Phone{r.text(rec, "number"), r.text(rec, "description")});
  });
  r.each("languages", [&](const json& rec) {
    if (Pending* p = service_of(r, rec, pending, index))
      p->service.languages.push_back(r.text(rec, "code"));
  });
  r.each("service_areas", [&](const json& rec) {
    Pending* p = service_of(r, rec, pending, index);
    if (!p) return;
    const std::string type = r.text(rec, "extent_type"), extent = r.text(rec, "extent");
    auto& area = p->service.area;
    const AreaKind kind = type == "schakel_region"     ? AreaKind::flanders
                          : type == "schakel_province" ? AreaKind::province
                                                       : AreaKind::municipalities;
    if (type != "schakel_region" && type != "schakel_province" && type != "schakel_nis_code")
      return r.fail("extent_type moet schakel_nis_code, schakel_province of schakel_region zijn");
    if (p->has_area_kind && (area.kind != kind || kind != AreaKind::municipalities))
      return r.fail("een dienst werkt voor gemeenten, één provincie of heel Vlaanderen");
    p->has_area_kind = true;
    area.kind = kind;
    if (kind == AreaKind::province) area.province = extent;
    if (kind == AreaKind::flanders && extent != "Vlaanderen")
      r.fail("schakel_region kan alleen Vlaanderen zijn");
    if (kind == AreaKind::municipalities) area.nis_codes.push_back(extent);
  });
}

}  // namespace

HsdsImport parse_hsds_json(const std::string& text, const HsdsReference& ref) {
  HsdsImport out;
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    const std::size_t end = std::min<std::size_t>(e.byte, text.size());
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(end), '\n');
    out.errors.push_back("Regel " + std::to_string(line) + ": dit is geen geldige JSON.");
    return out;
  }
  if (!doc.is_object() || !doc.contains("services")) {
    out.errors.push_back("Het bestand heeft geen lijst \"services\".");
    return out;
  }
  Reader r(doc, &out.errors);
  std::map<std::string, std::string> organizations;
  r.each("organizations", [&](const json& rec) {
    const std::string id = r.text(rec, "id"), name = r.text(rec, "name");
    if (id.empty() || organizations.count(id)) r.fail("id ontbreekt of komt twee keer voor");
    organizations[id] = name;
  });
  std::vector<Pending> pending;
  std::map<std::string, std::size_t> index;
  read_services(r, organizations, pending, index);
  read_locations(r, pending, index);
  read_schedules(r, pending, index);
  read_details(r, pending, index);
  for (auto& p : pending) {
    if (!p.has_area_kind) out.errors.push_back(p.where + ": het werkgebied ontbreekt.");
    for (const auto& problem :
         check_imported(p.service, p.raw_type, p.raw_referral, ref, &p.service))
      out.errors.push_back(p.where + ": " + problem);
    out.services.push_back(std::move(p.service));
  }
  if (!out.errors.empty()) out.services.clear();
  return out;
}

}  // namespace schakel::citizens
