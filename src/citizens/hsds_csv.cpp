// The flat CSV of the directory (see hsds.hpp): one row per service, lists joined by
// "|", RFC 4180 quoting. Reading checks every row before anything is kept.
#include <sstream>

#include "citizens/hsds.hpp"
#include "citizens/hsds_checks.hpp"
#include "core/text.hpp"

namespace schakel::citizens {

namespace {

std::string quoted(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string joined(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& s : list) out += (out.empty() ? "" : "|") + s;
  return out;
}

std::vector<std::string> parts(const std::string& text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, '|')) out.push_back(part);
  if (text.back() == '|') out.emplace_back();
  return out;
}

std::vector<std::string> row_of(const HelpService& s) {
  std::vector<std::string> hours, phones;
  for (const auto& h : s.hours) hours.push_back(format_period(h));
  for (const auto& p : s.phones)
    phones.push_back(p.number + (p.description.empty() ? "" : ": " + p.description));
  const Location l = s.location.value_or(Location{});
  const std::string area = s.area.kind == AreaKind::municipalities ? joined(s.area.nis_codes)
                           : s.area.kind == AreaKind::province     ? s.area.province
                                                                   : "Vlaanderen";
  return {s.organization,
          s.name,
          s.description,
          service_type_code(s.type),
          referral_code(s.referral),
          joined(s.themes),
          joined(s.target_groups),
          joined(s.languages),
          joined(hours),
          joined(phones),
          s.url,
          s.email,
          l.address,
          l.postcode,
          l.nis_code,
          l.accessibility,
          area_kind_code(s.area.kind),
          area,
          s.is_demo ? "ja" : "nee"};
}

// One CSV record starting at `pos` (advanced past it); false at the end of `text`
// or on an unclosed quote (then *broken is set).
bool next_record(const std::string& text, std::size_t& pos, std::vector<std::string>& fields,
                 int& line, bool* broken) {
  fields.clear();
  if (pos >= text.size()) return false;
  std::string field;
  bool in_quotes = false;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (in_quotes) {
      if (c == '"' && pos + 1 < text.size() && text[pos + 1] == '"') {
        field += '"';
        ++pos;
      } else if (c == '"') {
        in_quotes = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"' && field.empty()) {
      in_quotes = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      ++pos;
      ++line;
      break;
    } else if (c != '\r') {
      field += c;
    }
  }
  if (in_quotes) *broken = true;
  fields.push_back(std::move(field));
  return true;
}

// The service of one row, or problems added to `errors` under `where`.
HelpService service_of_row(const std::vector<std::string>& f, const HsdsReference& ref,
                           const std::string& where, std::vector<std::string>& errors) {
  HelpService s;
  s.organization = f[0];
  s.name = f[1];
  s.description = f[2];
  s.themes = parts(f[5]);
  s.target_groups = parts(f[6]);
  s.languages = parts(f[7]);
  std::string hours_text;
  for (const auto& h : parts(f[8])) hours_text += h + "\n";
  const auto hours = parse_hours(hours_text);
  if (!hours.error.empty()) errors.push_back(where + "ongeldige openingsuren. " + hours.error);
  s.hours = hours.hours;
  for (const auto& p : parts(f[9])) {
    const auto colon = p.find(':');
    s.phones.push_back(Phone{trim(p.substr(0, colon)),
                             colon == std::string::npos ? "" : trim(p.substr(colon + 1))});
  }
  s.url = f[10];
  s.email = f[11];
  if (!f[12].empty() || !f[13].empty() || !f[14].empty())
    s.location = Location{f[12], f[13], f[14], f[15]};
  const auto kind = area_kind_from_code(f[16]);
  if (!kind) errors.push_back(where + "onbekend werkgebied \"" + f[16] + "\".");
  s.area.kind = kind.value_or(AreaKind::municipalities);
  if (s.area.kind == AreaKind::municipalities) s.area.nis_codes = parts(f[17]);
  if (s.area.kind == AreaKind::province) s.area.province = f[17];
  if (s.area.kind == AreaKind::flanders && f[17] != "Vlaanderen")
    errors.push_back(where + "het werkgebied \"flanders\" heet Vlaanderen.");
  if (f[18] != "ja" && f[18] != "nee") errors.push_back(where + "demo is ja of nee.");
  s.is_demo = f[18] == "ja";
  for (const auto& problem : check_imported(s, f[3], f[4], ref, &s))
    errors.push_back(where + problem);
  return s;
}

}  // namespace

const std::vector<std::string>& hsds_csv_columns() {
  static const std::vector<std::string> columns = {"organization",
                                                   "name",
                                                   "description",
                                                   "schakel_type",
                                                   "schakel_referral",
                                                   "schakel_themes",
                                                   "schakel_target_groups",
                                                   "languages",
                                                   "schedules",
                                                   "phones",
                                                   "url",
                                                   "email",
                                                   "address_1",
                                                   "postal_code",
                                                   "schakel_nis_code",
                                                   "accessibility",
                                                   "service_area_type",
                                                   "service_area",
                                                   "schakel_demo"};
  return columns;
}

std::string hsds_csv(const std::vector<HelpService>& services) {
  std::string out;
  auto write = [&out](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + quoted(row[i]);
    out += "\r\n";
  };
  write(hsds_csv_columns());
  for (const auto& s : services) write(row_of(s));
  return out;
}

HsdsImport parse_hsds_csv(const std::string& text, const HsdsReference& ref) {
  HsdsImport out;
  std::size_t pos = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  int line = 1;
  bool broken = false;
  std::vector<std::string> fields;
  if (!next_record(text, pos, fields, line, &broken) || fields != hsds_csv_columns()) {
    out.errors.push_back("Regel 1: de kolommen moeten deze zijn: " + [] {
      std::string all;
      for (const auto& c : hsds_csv_columns()) all += (all.empty() ? "" : ",") + c;
      return all;
    }() + ".");
    return out;
  }
  for (int start = line; next_record(text, pos, fields, line, &broken); start = line) {
    const std::string where = "Regel " + std::to_string(start) + ": ";
    if (fields.size() == 1 && fields[0].empty()) continue;  // an empty line
    if (broken) {
      out.errors.push_back(where + "een aanhalingsteken wordt niet gesloten.");
      break;
    }
    if (fields.size() != hsds_csv_columns().size()) {
      out.errors.push_back(where + "er zijn " + std::to_string(fields.size()) + " kolommen, " +
                           std::to_string(hsds_csv_columns().size()) + " verwacht.");
      continue;
    }
    out.services.push_back(service_of_row(fields, ref, where, out.errors));
  }
  if (out.services.empty() && out.errors.empty()) out.errors.push_back("Het bestand is leeg.");
  if (!out.errors.empty()) out.services.clear();
  return out;
}

}  // namespace schakel::citizens
