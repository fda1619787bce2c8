#include "citizens/help_service_types.hpp"

#include <cctype>
#include <sstream>

#include "citizens/opening_hours.hpp"
#include "core/text.hpp"

namespace schakel::citizens {

namespace {

struct TypeInfo {
  ServiceType type;
  const char* code;
  const char* label;
};
constexpr TypeInfo type_info[] = {
    {ServiceType::caw, "caw", "CAW (Centrum Algemeen Welzijnswerk)"},
    {ServiceType::vk, "vertrouwenscentrum", "Vertrouwenscentrum Kindermishandeling"},
    {ServiceType::veilig_huis, "veilig_huis", "Veilig Huis"},
    {ServiceType::zsg, "zsg", "Zorgcentrum na Seksueel Geweld"},
    {ServiceType::police, "politie", "Politie"},
    {ServiceType::ocmw, "ocmw", "OCMW of sociaal huis"},
    {ServiceType::clb, "clb", "CLB (Centrum voor Leerlingenbegeleiding)"},
    {ServiceType::gp, "huisarts", "Huisarts"},
    {ServiceType::other, "andere", "Andere hulp"},
};

const char* const day_names[7] = {"ma", "di", "wo", "do", "vr", "za", "zo"};
const char* const ical_days[7] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string part;
  std::istringstream in(s);
  while (std::getline(in, part, sep)) out.push_back(trim(part));
  return out;
}

int day_index(const std::string& name) {
  for (int i = 0; i < 7; ++i)
    if (name == day_names[i]) return i;
  return -1;
}

// The days of "ma-vr", "ma, wo" or "za"; nullopt when a part is not a day.
std::optional<std::uint8_t> parse_days(const std::string& text) {
  std::uint8_t days = 0;
  for (const auto& part : split(text, ',')) {
    const auto dash = part.find('-');
    const int from = day_index(trim(part.substr(0, dash)));
    const int to = dash == std::string::npos ? from : day_index(trim(part.substr(dash + 1)));
    if (from < 0 || to < 0 || to < from) return std::nullopt;
    for (int d = from; d <= to; ++d) days |= static_cast<std::uint8_t>(1u << d);
  }
  if (days == 0) return std::nullopt;
  return days;
}

// One line of opening hours, or an error message.
std::string parse_line(const std::string& line, std::vector<WeeklyHours>* out) {
  // The days end where the first digit begins.
  std::size_t first_digit = 0;
  while (first_digit < line.size() && !std::isdigit(static_cast<unsigned char>(line[first_digit])))
    ++first_digit;
  if (first_digit == line.size())
    return "schrijf de dagen en dan de uren, bijvoorbeeld \"ma-vr 9:00-17:00\"";
  std::string day_text = trim(line.substr(0, first_digit));
  for (auto& c : day_text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto days = parse_days(day_text);
  if (!days) return "de dagen zijn niet duidelijk (gebruik ma, di, wo, do, vr, za, zo)";
  for (const auto& period : split(line.substr(first_digit), ',')) {
    const auto dash = period.find('-');
    if (dash == std::string::npos) return "schrijf een periode als 9:00-17:00";
    const auto opens = parse_time_of_day(trim(period.substr(0, dash)));
    const auto closes = parse_time_of_day(trim(period.substr(dash + 1)));
    if (!opens || !closes) return "de uren zijn niet duidelijk (schrijf ze als 9:00-17:00)";
    if (*closes <= *opens) return "het einduur moet na het beginuur liggen";
    out->push_back(WeeklyHours{*days, *opens, *closes});
  }
  return {};
}

std::string digits_of(const std::string& number, bool* clean) {
  std::string digits;
  *clean = true;
  for (std::size_t i = 0; i < number.size(); ++i) {
    const char c = number[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
    } else if (c == '+' && i == 0) {
      digits += "00";
    } else if (std::string(" ./-()").find(c) == std::string::npos) {
      *clean = false;
    }
  }
  return digits;
}

}  // namespace

std::string service_type_code(ServiceType t) {
  for (const auto& i : type_info)
    if (i.type == t) return i.code;
  return "andere";
}

std::string service_type_label(ServiceType t) {
  for (const auto& i : type_info)
    if (i.type == t) return i.label;
  return "Andere hulp";
}

std::optional<ServiceType> service_type_from_code(const std::string& code) {
  for (const auto& i : type_info)
    if (code == i.code) return i.type;
  return std::nullopt;
}

std::string referral_code(Referral r) { return r == Referral::self ? "self" : "professional"; }

std::string referral_label(Referral r) {
  return r == Referral::self ? "Je kunt zelf contact opnemen" : "Alleen via een hulpverlener";
}

std::optional<Referral> referral_from_code(const std::string& code) {
  if (code == "self") return Referral::self;
  if (code == "professional") return Referral::professional;
  return std::nullopt;
}

const std::vector<std::string>& theme_codes() {
  static const std::vector<std::string> codes = {"partner_violence", "child_abuse", "elder_abuse"};
  return codes;
}

std::string theme_label(const std::string& code) {
  if (code == "partner_violence") return "Partnergeweld";
  if (code == "child_abuse") return "Kindermishandeling";
  if (code == "elder_abuse") return "Ouderenmis(be)handeling";
  return "";
}

const std::vector<std::string>& target_group_codes() {
  static const std::vector<std::string> codes = {"children", "youth", "adults", "elderly",
                                                 "perpetrators"};
  return codes;
}

std::string target_group_label(const std::string& code) {
  if (code == "children") return "Kinderen";
  if (code == "youth") return "Jongeren";
  if (code == "adults") return "Volwassenen";
  if (code == "elderly") return "Ouderen";
  if (code == "perpetrators") return "Plegers";
  return "";
}

std::string area_kind_code(AreaKind k) {
  switch (k) {
    case AreaKind::municipalities:
      return "local";
    case AreaKind::province:
      return "province";
    case AreaKind::flanders:
      return "flanders";
  }
  return "local";
}

std::optional<AreaKind> area_kind_from_code(const std::string& code) {
  if (code == "local") return AreaKind::municipalities;
  if (code == "province") return AreaKind::province;
  if (code == "flanders") return AreaKind::flanders;
  return std::nullopt;
}

const std::vector<std::string>& flemish_provinces() {
  static const std::vector<std::string> names = {"Antwerpen", "Limburg", "Oost-Vlaanderen",
                                                 "Vlaams-Brabant", "West-Vlaanderen"};
  return names;
}

std::optional<std::string> check_phone(const std::string& number) {
  bool clean = true;
  std::string digits = digits_of(trim(number), &clean);
  const std::string wrong =
      "Dit is geen Belgisch telefoonnummer. Schrijf het als 09 123 45 67, 0470 12 34 56 of "
      "een kort nummer zoals 1712.";
  if (!clean || digits.empty()) return wrong;
  if (digits.rfind("0032", 0) == 0) digits = "0" + digits.substr(4);
  if (digits[0] == '1') {
    if (digits.size() >= 3 && digits.size() <= 6) return std::nullopt;
    return wrong;
  }
  if (digits[0] == '0' && digits.size() >= 9 && digits.size() <= 10 && digits[1] != '0')
    return std::nullopt;
  return wrong;
}

std::string tel_href(const std::string& number) {
  bool clean = true;
  std::string digits = digits_of(number, &clean);
  if (digits.rfind("0032", 0) == 0) digits = "0" + digits.substr(4);
  if (!digits.empty() && digits[0] == '0') return "+32" + digits.substr(1);
  return digits;
}

std::optional<std::string> check_https_url(const std::string& url) {
  if (url.rfind("https://", 0) != 0 || url.size() <= 8) return "Een webadres begint met https://";
  for (unsigned char c : url)
    if (c <= ' ' || c == '"' || c == '<' || c == '>') return "Een webadres heeft geen spaties.";
  return std::nullopt;
}

HoursParse parse_hours(const std::string& text) {
  HoursParse result;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    line = trim(line);
    if (line.empty()) continue;
    const std::string error = parse_line(line, &result.hours);
    if (!error.empty()) {
      result.hours.clear();
      result.error = "Openingsuren, regel " + std::to_string(number) + ": " + error + ".";
      return result;
    }
  }
  return result;
}

std::string format_period(const WeeklyHours& h) {
  std::string days;
  for (int d = 0; d < 7;) {
    if (!(h.days & (1u << d))) {
      ++d;
      continue;
    }
    int end = d;
    while (end + 1 < 7 && (h.days & (1u << (end + 1)))) ++end;
    if (!days.empty()) days += ", ";
    days += day_names[d];
    if (end > d) days += std::string("-") + day_names[end];
    d = end + 1;
  }
  return days + " " + format_minutes(h.opens) + "-" + format_minutes(h.closes);
}

std::string format_hours(const std::vector<WeeklyHours>& hours) {
  std::string out;
  for (const auto& h : hours) {
    if (!out.empty()) out += "\n";
    out += format_period(h);
  }
  return out;
}

std::string byday_of(std::uint8_t days) {
  std::string out;
  for (int d = 0; d < 7; ++d) {
    if (!(days & (1u << d))) continue;
    if (!out.empty()) out += ",";
    out += ical_days[d];
  }
  return out;
}

std::optional<std::uint8_t> days_of_byday(const std::string& byday) {
  std::uint8_t days = 0;
  for (const auto& part : split(byday, ',')) {
    int found = -1;
    for (int d = 0; d < 7; ++d)
      if (part == ical_days[d]) found = d;
    if (found < 0) return std::nullopt;
    days |= static_cast<std::uint8_t>(1u << found);
  }
  if (days == 0) return std::nullopt;
  return days;
}

}  // namespace schakel::citizens
