// Demo content of the directory: for each member municipality of the network's demo
// a CAW office, a police zone and an OCMW / sociaal huis; a Vertrouwenscentrum
// Kindermishandeling per province, the nine Veilig Huis regions (FACTS.md) and the
// Zorgcentrum na Seksueel Geweld in Gent. Addresses and numbers are made up, so every
// service is marked demo and shown with "(demo)"; the short numbers 101 and 112 are real.
#include "app/app.hpp"
#include "citizens/help_service_store.hpp"

namespace schakel::citizens {

namespace {

struct DemoPlace {
  const char* nis;
  const char* name;
  const char* postcode;
  const char* zone;  // telephone zone, for made-up numbers
};

// The member municipalities of the network's demo (network/routes.cpp).
constexpr DemoPlace members[] = {{"44021", "Gent", "9000", "09"},
                                 {"41002", "Aalst", "9300", "053"},
                                 {"46021", "Sint-Niklaas", "9100", "03"},
                                 {"46029", "Lokeren", "9160", "09"},
                                 {"42006", "Dendermonde", "9200", "052"},
                                 {"43005", "Eeklo", "9900", "09"},
                                 {"44088", "Merelbeke-Melle", "9820", "09"},
                                 {"34022", "Kortrijk", "8500", "056"},
                                 {"24062", "Leuven", "3000", "016"},
                                 {"12025", "Mechelen", "2800", "015"},
                                 {"71016", "Genk", "3600", "089"},
                                 {"71072", "Hasselt", "3500", "011"}};

// A made-up number in `zone`: 0 + 8 digits, ending in `n`.
std::string demo_number(const std::string& zone, int n) {
  std::string digits = zone.substr(1);
  std::string rest = std::to_string(100000 + n);
  while (digits.size() + rest.size() < 8) rest = "0" + rest;
  return zone + " " + rest.substr(0, rest.size() - 4) + " " + rest.substr(rest.size() - 4, 2) +
         " " + rest.substr(rest.size() - 2);
}

HelpService demo_service(const std::string& org, const std::string& name, ServiceType type,
                         const std::string& description) {
  HelpService s;
  s.organization = org;
  s.name = name;
  s.type = type;
  s.description = description;
  s.themes = {"partner_violence", "child_abuse", "elder_abuse"};
  s.languages = {"nl"};
  s.is_demo = true;
  return s;
}

HelpService local_service(const DemoPlace& p, ServiceType type, int n) {
  const std::string city = p.name;
  HelpService s;
  if (type == ServiceType::caw) {
    s = demo_service("CAW", "Onthaal CAW " + city, type,
                     "Je kunt hier gratis terecht met vragen over geweld in je gezin of relatie. "
                     "Ook als je je zorgen maakt over iemand anders.");
    s.hours = {WeeklyHours{0b0011111, 9 * 60, 12 * 60}, WeeklyHours{0b0001010, 13 * 60, 17 * 60}};
  } else if (type == ServiceType::police) {
    s = demo_service("Politiezone " + city, "Politie " + city, type,
                     "Bij gevaar bel je 101. Voor een klacht of een gesprek kun je langsgaan.");
    s.phones.push_back(Phone{"101", "Dringend"});
    s.hours = {WeeklyHours{0b1111111, 0, 24 * 60}};
  } else {
    s = demo_service("OCMW " + city, "Sociaal Huis " + city, type,
                     "Hulp bij geld, wonen en zorg. Je kunt ook praten over wat er thuis gebeurt.");
    s.hours = {WeeklyHours{0b0011111, 8 * 60 + 30, 12 * 60}};
  }
  s.phones.insert(s.phones.begin(), Phone{demo_number(p.zone, n), "Onthaal"});
  s.location =
      Location{"Voorbeeldstraat " + std::to_string(n), p.postcode, p.nis, "Rolstoeltoegankelijk"};
  s.area.nis_codes = {p.nis};
  return s;
}

void load_supra_local(soci::session& sql, std::int64_t now) {
  const char* provinces[][2] = {{"Oost-Vlaanderen", "09"},
                                {"West-Vlaanderen", "050"},
                                {"Antwerpen", "03"},
                                {"Vlaams-Brabant", "016"},
                                {"Limburg", "011"}};
  int n = 900;
  for (const auto& [province, zone] : provinces) {
    HelpService s = demo_service("Vertrouwenscentrum Kindermishandeling " + std::string(province),
                                 "Vertrouwenscentrum Kindermishandeling", ServiceType::vk,
                                 "Maak je je zorgen over een kind? Je kunt hier je verhaal kwijt "
                                 "en samen bekijken wat je kunt doen.");
    s.themes = {"child_abuse"};
    s.target_groups = {"children", "youth"};
    s.phones = {Phone{demo_number(zone, ++n), ""}};
    s.hours = {WeeklyHours{0b0011111, 9 * 60, 17 * 60}};
    s.area.kind = AreaKind::province;
    s.area.province = province;
    HelpServiceStore::insert(sql, s, now);
  }
  HelpService zsg = demo_service("UZ Gent", "Zorgcentrum na Seksueel Geweld Gent", ServiceType::zsg,
                                 "Na seksueel geweld krijg je hier dag en nacht zorg: medisch, "
                                 "psychologisch, en als je wilt een klacht bij de politie.");
  zsg.themes = {"partner_violence", "child_abuse"};
  zsg.phones = {Phone{demo_number("09", 950), "Dag en nacht"}};
  zsg.hours = {WeeklyHours{0b1111111, 0, 24 * 60}};
  zsg.area.kind = AreaKind::province;
  zsg.area.province = "Oost-Vlaanderen";
  HelpServiceStore::insert(sql, zsg, now);
}

void load_veilig_huis(soci::session& sql, std::int64_t now) {
  struct Region {
    const char* name;
    std::vector<std::string> area;  // the first is the city of the Veilig Huis
    const char* zone;
  };
  const Region regions[] = {{"Antwerpen", {"11002", "46021"}, "03"},
                            {"Geel", {"13008"}, "014"},
                            {"Mechelen", {"12025"}, "015"},
                            {"Hasselt", {"71072", "71016"}, "011"},
                            {"Leuven", {"24062"}, "016"},
                            {"Halle", {"23027"}, "02"},
                            {"Gent", {"44021", "41002", "46029", "42006", "43005", "44088"}, "09"},
                            {"Kortrijk", {"34022"}, "056"},
                            {"Oostende", {"35013"}, "059"}};
  int n = 960;
  for (const auto& r : regions) {
    HelpService s =
        demo_service("Veilig Huis " + std::string(r.name), "Veilig Huis " + std::string(r.name),
                     ServiceType::veilig_huis,
                     "Politie, justitie en hulpverlening werken hier samen bij ernstig "
                     "geweld in het gezin. Een hulpverlener of de politie meldt je aan.");
    s.themes = {"partner_violence", "child_abuse"};
    s.referral = Referral::professional;
    s.phones = {Phone{demo_number(r.zone, ++n), "Voor hulpverleners"}};
    s.area.nis_codes = r.area;
    HelpServiceStore::insert(sql, s, now);
  }
}

void load_demo(soci::session& sql, const Clock& clock) {
  const std::int64_t now = clock.now();
  int n = 0;
  for (const auto& p : members)
    for (const ServiceType type : {ServiceType::caw, ServiceType::police, ServiceType::ocmw})
      HelpServiceStore::insert(sql, local_service(p, type, ++n), now);
  load_supra_local(sql, now);
  load_veilig_huis(sql, now);
}

}  // namespace

void install_directory_demo(App& app) {
  app.add_demo_loader(DemoLoader{"help_services", 70, load_demo, &HelpServiceStore::remove_demo});
}

}  // namespace schakel::citizens
