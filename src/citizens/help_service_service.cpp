#include "citizens/help_service_service.hpp"

#include <algorithm>
#include <set>
#include <sstream>

#include "citizens/help_service_store.hpp"
#include "core/email.hpp"
#include "core/text.hpp"
#include "reference/place_code.hpp"
#include "reference/postcodes.hpp"
#include "web/access.hpp"

namespace schakel::citizens {

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::string line;
  std::istringstream in(text);
  while (std::getline(in, line)) {
    line = trim(line);
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

// Lines, and also comma-separated parts of each line.
std::vector<std::string> items_of(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& line : lines_of(text)) {
    std::string part;
    std::istringstream in(line);
    while (std::getline(in, part, ','))
      if (!trim(part).empty()) out.push_back(trim(part));
  }
  return out;
}

void require_text(const std::string& value, const std::string& field, const std::string& what,
                  std::size_t max, FieldErrors& errors) {
  if (value.empty())
    errors.push_back({field, "Vul " + what + " in."});
  else if (value.size() > max)
    errors.push_back({field, "Dit is te lang (hoogstens " + std::to_string(max) + " tekens)."});
}

void check_kinds(const ServiceInput& in, HelpService& s, FieldErrors& errors) {
  if (auto t = service_type_from_code(in.type))
    s.type = *t;
  else
    errors.push_back({"soort", "Kies de soort hulp."});
  if (auto r = referral_from_code(in.referral))
    s.referral = *r;
  else
    errors.push_back({"toegang", "Kies hoe iemand bij deze hulp komt."});
  for (const auto& t : in.themes) {
    if (theme_label(t).empty()) {
      errors.push_back({"thema", "Kies thema's uit de lijst."});
      break;
    }
    if (std::find(s.themes.begin(), s.themes.end(), t) == s.themes.end()) s.themes.push_back(t);
  }
  if (in.themes.empty()) errors.push_back({"thema", "Kies minstens één thema."});
  for (const auto& g : in.target_groups) {
    if (target_group_label(g).empty()) {
      errors.push_back({"doelgroep", "Kies doelgroepen uit de lijst."});
      break;
    }
    if (std::find(s.target_groups.begin(), s.target_groups.end(), g) == s.target_groups.end())
      s.target_groups.push_back(g);
  }
  for (const auto& l : items_of(in.languages)) {
    std::string code = l;
    for (auto& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (code.size() != 2 || !std::isalpha(static_cast<unsigned char>(code[0])) ||
        !std::isalpha(static_cast<unsigned char>(code[1]))) {
      errors.push_back({"talen", "Schrijf talen als codes van twee letters: nl, fr, en."});
      break;
    }
    if (std::find(s.languages.begin(), s.languages.end(), code) == s.languages.end())
      s.languages.push_back(code);
  }
}

void check_contact(const ServiceInput& in, HelpService& s, FieldErrors& errors) {
  const auto hours = parse_hours(in.hours);
  if (!hours.error.empty()) errors.push_back({"openingsuren", hours.error});
  s.hours = hours.hours;
  int number = 0;
  for (const auto& line : lines_of(in.phones)) {
    ++number;
    const auto colon = line.find(':');
    Phone p{trim(line.substr(0, colon)),
            colon == std::string::npos ? "" : trim(line.substr(colon + 1))};
    if (auto problem = check_phone(p.number)) {
      errors.push_back({"telefoons", "Regel " + std::to_string(number) + ": " + *problem});
      break;
    }
    s.phones.push_back(p);
  }
  if (lines_of(in.phones).empty())
    errors.push_back({"telefoons", "Vul minstens één telefoonnummer in."});
  s.url = trim(in.url);
  if (!s.url.empty())
    if (auto problem = check_https_url(s.url)) errors.push_back({"website", *problem});
  s.email = trim(in.email);
  if (!s.email.empty() && !valid_email_address(s.email))
    errors.push_back({"e-mail", "Dit is geen geldig e-mailadres."});
}

void check_area(store::Database& db, const ServiceInput& in, HelpService& s, FieldErrors& errors) {
  const auto kind = area_kind_from_code(in.area_kind);
  if (!kind) {
    errors.push_back({"werkgebied", "Kies het werkgebied."});
    return;
  }
  s.area.kind = *kind;
  if (*kind == AreaKind::province) {
    const auto& provinces = flemish_provinces();
    if (std::find(provinces.begin(), provinces.end(), in.province) == provinces.end())
      errors.push_back({"provincie", "Kies een Vlaamse provincie."});
    s.area.province = in.province;
  }
  if (*kind != AreaKind::municipalities) return;
  for (const auto& item : items_of(in.municipalities)) {
    auto found = reference::find_place(db, item);
    // A municipality's own name wins over a deelgemeente of another with that name.
    const auto own = std::find_if(found.begin(), found.end(), [&](const auto& m) {
      return reference::fold_place_name(m.name_nl) == reference::fold_place_name(item);
    });
    if (own != found.end()) found = {*own};
    if (found.size() != 1) {
      errors.push_back({"gemeenten", found.empty() ? "We kennen de gemeente \"" + item + "\" niet."
                                                   : "\"" + item +
                                                         "\" past bij meer dan één gemeente. "
                                                         "Schrijf de postcode."});
      return;
    }
    auto& codes = s.area.nis_codes;
    if (std::find(codes.begin(), codes.end(), found[0].nis_code) == codes.end())
      codes.push_back(found[0].nis_code);
  }
  if (s.area.nis_codes.empty()) errors.push_back({"gemeenten", "Vul minstens één gemeente in."});
}

void check_location(store::Database& db, const ServiceInput& in, HelpService& s,
                    FieldErrors& errors) {
  const std::string address = trim(in.address), postcode = trim(in.postcode);
  if (address.empty() && postcode.empty()) return;
  if (address.empty()) errors.push_back({"adres", "Vul de straat en het huisnummer in."});
  const auto found = reference::municipalities_for_postcode(db, postcode);
  if (found.empty()) {
    errors.push_back({"postcode", "Dit is geen Belgische postcode."});
    return;
  }
  std::string nis = found[0].nis_code;
  for (const auto& m : found)
    if (std::find(s.area.nis_codes.begin(), s.area.nis_codes.end(), m.nis_code) !=
        s.area.nis_codes.end())
      nis = m.nis_code;
  s.location = Location{address, postcode, nis, trim(in.accessibility)};
}

// Upper bounds, checked first so that no long input reaches the lookups.
void check_lengths(const ServiceInput& in, FieldErrors& errors) {
  const struct {
    const std::string& value;
    const char* field;
    std::size_t max;
  } limits[] = {{in.languages, "talen", 100},
                {in.hours, "openingsuren", 1000},
                {in.phones, "telefoons", 1000},
                {in.url, "website", 500},
                {in.email, "e-mail", 254},
                {in.address, "adres", 200},
                {in.postcode, "postcode", 10},
                {in.accessibility, "toegankelijkheid", 500},
                {in.municipalities, "gemeenten", 4000}};
  for (const auto& l : limits)
    if (l.value.size() > l.max)
      errors.push_back(
          {l.field, "Dit is te lang (hoogstens " + std::to_string(l.max) + " tekens)."});
}

Error not_allowed_here() {
  return Error{Failure::invalid,
               {{"gemeenten",
                 "Je beheert alleen hulp van je eigen gemeente. Zet je gemeente als eerste in de "
                 "lijst. Bovenlokale hulp beheert de coördinator."}}};
}

}  // namespace

ServiceInput input_of(store::Database& db, const HelpService& s) {
  ServiceInput in;
  in.organization = s.organization;
  in.name = s.name;
  in.description = s.description;
  in.type = service_type_code(s.type);
  in.referral = referral_code(s.referral);
  in.themes = s.themes;
  in.target_groups = s.target_groups;
  for (const auto& l : s.languages) in.languages += (in.languages.empty() ? "" : ", ") + l;
  in.hours = format_hours(s.hours);
  for (const auto& p : s.phones)
    in.phones += p.number + (p.description.empty() ? "" : ": " + p.description) + "\n";
  in.url = s.url;
  in.email = s.email;
  if (s.location) {
    in.address = s.location->address;
    in.postcode = s.location->postcode;
    in.accessibility = s.location->accessibility;
  }
  in.area_kind = area_kind_code(s.area.kind);
  for (const auto& nis : s.area.nis_codes)
    in.municipalities += reference::municipality_name(db, nis) + "\n";
  in.province = s.area.province;
  return in;
}

Result<HelpService> HelpServices::check(const ServiceInput& in) const {
  HelpService s;
  FieldErrors errors;
  s.organization = trim(in.organization);
  s.name = trim(in.name);
  s.description = trim(in.description);
  require_text(s.organization, "organisatie", "de organisatie", 200, errors);
  require_text(s.name, "naam", "de naam van de hulp", 200, errors);
  if (s.description.size() > 4000)
    errors.push_back({"omschrijving", "Dit is te lang (hoogstens 4000 tekens)."});
  check_lengths(in, errors);
  if (!errors.empty()) return Error{Failure::invalid, errors};
  check_kinds(in, s, errors);
  check_contact(in, s, errors);
  check_area(db_, in, s, errors);
  check_location(db_, in, s, errors);
  if (!errors.empty()) return Error{Failure::invalid, errors};
  return s;
}

bool HelpServices::may_maintain(const std::optional<web::Principal>& user, const HelpService& s) {
  return web::speaks_for(user, s.owner_nis_code());
}

Result<std::int64_t> HelpServices::create(const std::optional<web::Principal>& user,
                                          const ServiceInput& in) {
  auto checked = check(in);
  if (!checked) return checked.error();
  if (!may_maintain(user, checked.value())) return not_allowed_here();
  return db_.transact([&](soci::session& sql) {
    return HelpServiceStore::insert(sql, checked.value(), clock_.now());
  });
}

Result<HelpService> HelpServices::editable(const std::optional<web::Principal>& user,
                                           std::int64_t id) const {
  auto found = db_.run([&](soci::session& sql) { return HelpServiceStore::find(sql, id); });
  if (!found) return Error::of(Failure::not_found, "Deze hulp bestaat niet (meer).");
  if (!may_maintain(user, *found))
    return Error::of(Failure::forbidden, "Je beheert deze hulp niet.");
  return *found;
}

Status HelpServices::update(const std::optional<web::Principal>& user, std::int64_t id,
                            const ServiceInput& in) {
  auto current = editable(user, id);
  if (!current) return current.error();
  auto checked = check(in);
  if (!checked) return checked.error();
  HelpService s = std::move(checked).value();
  if (!may_maintain(user, s)) return not_allowed_here();
  s.id = id;
  s.is_demo = current.value().is_demo;
  db_.transact([&](soci::session& sql) { HelpServiceStore::update(sql, s, clock_.now()); });
  return ok_status();
}

Status HelpServices::remove(const std::optional<web::Principal>& user, std::int64_t id) {
  auto current = editable(user, id);
  if (!current) return current.error();
  db_.transact([&](soci::session& sql) { HelpServiceStore::remove(sql, id); });
  return ok_status();
}

std::vector<HelpService> HelpServices::maintained_by(
    const std::optional<web::Principal>& user) const {
  if (!user) return {};
  return db_.run([&](soci::session& sql) {
    if (user->role == Role::coordinator) return HelpServiceStore::all(sql);
    std::vector<HelpService> out;
    if (user->role != Role::spoc) return out;
    for (const auto& nis : user->spoc_of)
      for (auto& s : HelpServiceStore::owned_by(sql, nis)) out.push_back(std::move(s));
    return out;
  });
}

Result<std::size_t> HelpServices::replace_all(const std::optional<web::Principal>& user,
                                              const std::vector<HelpService>& services) {
  if (!web::has_role(user, Role::coordinator))
    return Error::of(Failure::forbidden, "Alleen de coördinator leest een bestand in.");
  db_.transact([&](soci::session& sql) {
    HelpServiceStore::clear(sql);
    for (const auto& s : services) HelpServiceStore::insert(sql, s, clock_.now());
  });
  return services.size();
}

std::vector<HelpService> HelpServices::all() const {
  return db_.run([](soci::session& sql) { return HelpServiceStore::all(sql); });
}

Result<PlaceMatch> HelpServices::find_place(const std::string& text) const {
  if (trim(text).empty())
    return Error::invalid("plaats", "Vul je postcode of de naam van je gemeente in.");
  if (text.size() > 100) return Error::invalid("plaats", "Dit is te lang voor een plaatsnaam.");
  auto found = reference::find_place(db_, text);
  if (found.empty())
    return Error::invalid("plaats",
                          "We vinden deze plaats niet. Kijk de schrijfwijze na of vul je "
                          "postcode in (4 cijfers).");
  return PlaceMatch{std::move(found)};
}

Result<LocalHelp> HelpServices::local_help(const std::string& code, bool professional) const {
  const auto nis = reference::nis_for_place_code(code);
  if (!nis) return Error::of(Failure::not_found);
  return local_help_for(*nis, professional);
}

Result<LocalHelp> HelpServices::local_help_for(const std::string& nis_code,
                                               bool professional) const {
  const auto municipality = reference::find_municipality(db_, nis_code);
  if (!municipality) return Error::of(Failure::not_found);
  LocalHelp help{*municipality, {}, {}};
  const auto services = db_.run([&](soci::session& sql) {
    return HelpServiceStore::serving(sql, nis_code, municipality->province);
  });
  for (const auto& s : services) {
    if (!professional && s.referral == Referral::professional) continue;
    // Supra-local services serve Flemish municipalities only.
    if (s.area.kind != AreaKind::municipalities && municipality->region != "Vlaanderen") continue;
    (s.area.kind == AreaKind::municipalities ? help.local : help.supra_local).push_back(s);
  }
  return help;
}

std::vector<HelpService> filter_services(const std::vector<HelpService>& services,
                                         const std::string& theme,
                                         const std::string& target_group) {
  std::vector<HelpService> out;
  for (const auto& s : services) {
    const bool theme_ok =
        theme.empty() || std::find(s.themes.begin(), s.themes.end(), theme) != s.themes.end();
    const bool group_ok = target_group.empty() || s.target_groups.empty() ||
                          std::find(s.target_groups.begin(), s.target_groups.end(), target_group) !=
                              s.target_groups.end();
    if (theme_ok && group_ok) out.push_back(s);
  }
  return out;
}

}  // namespace schakel::citizens
