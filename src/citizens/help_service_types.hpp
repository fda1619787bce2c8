#pragma once
// The directory of local help services (issue 12), shaped after Open Referral's Human
// Services Data Specification 3.0: an organisation offers a service, at a location,
// with phones, a weekly schedule, a service area, languages and accessibility.
// Typed values here; the rules that check them are in help_service_service.hpp.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace schakel::citizens {

// The kinds of service every Flemish region has (FACTS.md "Help-service directory"),
// in the order the local help page shows them.
enum class ServiceType { caw, vk, veilig_huis, zsg, police, ocmw, clb, gp, other };
inline constexpr std::array<ServiceType, 9> all_service_types = {
    ServiceType::caw, ServiceType::vk,     ServiceType::veilig_huis,
    ServiceType::zsg, ServiceType::police, ServiceType::ocmw,
    ServiceType::clb, ServiceType::gp,     ServiceType::other};
// Stable code ("caw", "vertrouwenscentrum", ...) used in forms and exports.
std::string service_type_code(ServiceType t);
// Dutch label ("CAW", "Vertrouwenscentrum Kindermishandeling", ...).
std::string service_type_label(ServiceType t);
std::optional<ServiceType> service_type_from_code(const std::string& code);

// How a person gets in: on their own, or only through a professional's referral.
enum class Referral { self, professional };
std::string referral_code(Referral r);  // "self", "professional"
std::string referral_label(Referral r);
std::optional<Referral> referral_from_code(const std::string& code);

// The themes of the catalog (common brief): partner_violence, child_abuse, elder_abuse.
const std::vector<std::string>& theme_codes();
std::string theme_label(const std::string& code);  // "" when unknown
// Target groups: children, youth, adults, elderly, perpetrators.
const std::vector<std::string>& target_group_codes();
std::string target_group_label(const std::string& code);  // "" when unknown

// Where a service works: some municipalities, one province, or all of Flanders.
enum class AreaKind { municipalities, province, flanders };
std::string area_kind_code(AreaKind k);  // "local", "province", "flanders"
std::optional<AreaKind> area_kind_from_code(const std::string& code);
// The five Flemish provinces as reference/municipalities name them.
const std::vector<std::string>& flemish_provinces();

struct ServiceArea {
  AreaKind kind = AreaKind::municipalities;
  std::vector<std::string> nis_codes;  // kind municipalities: at least one; the first maintains it
  std::string province;                // kind province
};

struct Phone {
  std::string number;       // as entered, checked by check_phone
  std::string description;  // "Onthaal", "Nacht en weekend", may be empty
};

// One weekly opening period: on the days of `days` (bit 0 = Monday ... bit 6 =
// Sunday), from `opens` to `closes`, in minutes after midnight (closes may be 1440).
struct WeeklyHours {
  std::uint8_t days = 0;
  int opens = 0;
  int closes = 0;
  bool operator==(const WeeklyHours&) const = default;
};

struct Location {
  std::string address;  // street and number
  std::string postcode;
  std::string nis_code;  // the municipality of the address
  std::string accessibility;
};

struct HelpService {
  std::int64_t id = 0;
  std::string organization;
  std::string name;
  std::string description;
  ServiceType type = ServiceType::other;
  Referral referral = Referral::self;
  std::vector<std::string> themes;
  std::vector<std::string> target_groups;
  std::vector<std::string> languages;  // ISO 639-1 codes: nl, fr, en ...
  std::vector<WeeklyHours> hours;
  std::string url;    // https only, may be empty
  std::string email;  // may be empty
  std::vector<Phone> phones;
  std::optional<Location> location;
  ServiceArea area;
  bool is_demo = false;

  // The municipality that maintains the service ("" for supra-local ones, which the
  // coordinator maintains): the first municipality of a local area.
  std::string owner_nis_code() const {
    return area.kind == AreaKind::municipalities && !area.nis_codes.empty() ? area.nis_codes[0]
                                                                            : "";
  }
};

// --- Checks of single values (plain Dutch messages; nullopt when fine) ---------------------

// A Belgian phone number: 0 + 8 or 9 digits (or +32 / 0032 instead of the 0), or a
// short number (100, 101, 112, 1712, 116 000 ...: 3 to 6 digits starting with 1).
// Spaces, dots, slashes, hyphens and brackets are allowed between digits.
std::optional<std::string> check_phone(const std::string& number);
// The tel: target of a checked number: "+3292345678" or the short number's digits.
std::string tel_href(const std::string& number);
// An https:// address without blanks.
std::optional<std::string> check_https_url(const std::string& url);

// Opening hours as lines "ma-vr 9:00-17:00" or "ma, wo, vr 9:00-12:00, 13:00-17:00":
// Dutch day abbreviations (ma di wo do vr za zo, ranges with "-", lists with ","),
// then one or more periods. Parsed to one WeeklyHours per period; an error names the
// line ("regel 2: ...").
struct HoursParse {
  std::vector<WeeklyHours> hours;
  std::string error;  // empty when parsed
};
HoursParse parse_hours(const std::string& text);
// The canonical text of `hours`: one line per period ("ma-vr 09:00-17:00").
std::string format_hours(const std::vector<WeeklyHours>& hours);
// One period as a line, and its days as iCalendar BYDAY ("MO,TU,WE,TH,FR").
std::string format_period(const WeeklyHours& h);
std::string byday_of(std::uint8_t days);
// The days of a BYDAY list, or nullopt when it names something else or nothing.
std::optional<std::uint8_t> days_of_byday(const std::string& byday);
// Times of day are written and read by opening_hours.hpp (format_minutes,
// parse_time_of_day), the one parser of the citizens feature.

}  // namespace schakel::citizens
