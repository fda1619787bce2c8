#include "digest/types.hpp"

namespace schakel::digest {

const std::vector<Kind>& all_kinds() {
  static const std::vector<Kind> kinds = {Kind::resources, Kind::trainings, Kind::initiatives,
                                          Kind::meetings, Kind::newsletter};
  return kinds;
}

std::string_view kind_name(Kind kind) {
  switch (kind) {
    case Kind::resources:
      return "resources";
    case Kind::trainings:
      return "trainings";
    case Kind::initiatives:
      return "initiatives";
    case Kind::meetings:
      return "meetings";
    case Kind::newsletter:
      return "newsletter";
  }
  return "resources";
}

std::optional<Kind> parse_kind(std::string_view name) {
  for (Kind k : all_kinds())
    if (kind_name(k) == name) return k;
  return std::nullopt;
}

std::string_view kind_label(Kind kind) {
  switch (kind) {
    case Kind::resources:
      return "Nieuw in de kennisbank";
    case Kind::trainings:
      return "Nieuwe vormingen";
    case Kind::initiatives:
      return "Nieuwe initiatieven en projectoproepen";
    case Kind::meetings:
      return "Overleg en actiepunten";
    case Kind::newsletter:
      return "Nieuwsbrief van het netwerk";
  }
  return "";
}

std::string_view frequency_name(Frequency frequency) {
  switch (frequency) {
    case Frequency::none:
      return "none";
    case Frequency::daily:
      return "daily";
    case Frequency::weekly:
      return "weekly";
  }
  return "none";
}

std::optional<Frequency> parse_frequency(std::string_view name) {
  for (Frequency f : {Frequency::none, Frequency::daily, Frequency::weekly})
    if (frequency_name(f) == name) return f;
  return std::nullopt;
}

std::string_view frequency_label(Frequency frequency) {
  switch (frequency) {
    case Frequency::none:
      return "Niets";
    case Frequency::daily:
      return "Dagelijks overzicht";
    case Frequency::weekly:
      return "Wekelijks overzicht";
  }
  return "";
}

bool kind_offered(Kind kind, Role role) { return kind != Kind::meetings || role_in_network(role); }

Frequency default_frequency(Kind kind, Role role) {
  return kind_offered(kind, role) ? Frequency::weekly : Frequency::none;
}

Frequency Preferences::of(Kind kind, const std::string& theme) const {
  if (!kind_offered(kind, role)) return Frequency::none;
  const Preference* whole = nullptr;
  for (const auto& p : rows) {
    if (p.kind != kind) continue;
    if (!theme.empty() && p.theme == theme) return p.frequency;
    if (p.theme.empty()) whole = &p;
  }
  return whole ? whole->frequency : default_frequency(kind, role);
}

}  // namespace schakel::digest
