#pragma once
// The postcards campaign's domain: postcards per theme, local help lines per
// municipality, distribution rounds and their registered distributions, and the
// codes printed in the cards' QR codes.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/choice.hpp"

namespace schakel::campaigns {

// The three postcard themes, by the catalog's theme slugs, with their labels.
const std::vector<Choice>& postcard_themes();
// Where cards go: pharmacy, gp_practice, library, school, police, welfare_office, other.
const std::vector<Choice>& place_types();

// The letter that stands for a theme in a scan code: "p" partner_violence
// (partnergeweld), "k" child_abuse (kindermishandeling), "e" elder_abuse (elder;
// not "o", which reads like a zero). "" for any other theme.
std::string theme_letter(const std::string& theme);

// The code of a card's QR target /k/{code}: the theme letter followed by
// reference::place_code(nis_code), e.g. "p" + "xxxx". Stable forever: printed
// cards carry it. "" when the theme or NIS code has no code.
std::string scan_code(const std::string& theme, const std::string& nis_code);

struct ScanTarget {
  std::string theme;
  std::string nis_code;
};
// The theme and NIS code of a scan code (case does not matter), or nullopt when
// `code` is no scan code. Whether the NIS code names a municipality is for the
// caller to check.
std::optional<ScanTarget> parse_scan_code(const std::string& code);

struct Postcard {
  std::string theme;
  std::string title;
  std::string tips;            // one tip per line
  std::string call_to_action;  // the call to contact 1712
  std::int64_t updated_at = 0;
};

// The tips of `tips` text, one per non-empty line, trimmed.
std::vector<std::string> tip_lines(const std::string& tips);

struct HelpLine {
  std::string label;  // "CAW Oost-Vlaanderen"
  std::string phone;  // as the SPOC wrote it, validated ("09 265 04 90")
};

struct Round {
  std::int64_t id = 0;
  std::string name;
  std::string starts_on;  // YYYY-MM-DD
  std::string ends_on;
};

struct Distribution {
  std::int64_t id = 0;
  std::int64_t round_id = 0;
  std::string nis_code;
  std::string theme;
  std::string place_type;
  std::int64_t cards = 0;
};

// One sum of cards (or scans) under a key: a theme, municipality, place type.
struct Total {
  std::string key;
  std::int64_t count = 0;
};

// The figures of one round: cards per theme, municipality and place type (each
// key with cards, in a fixed order), the detail rows, and the scans counted
// between the round's first and last day per municipality and theme.
struct RoundTotals {
  Round round;
  std::int64_t cards = 0;
  std::vector<Total> by_theme;
  std::vector<Total> by_municipality;  // key: NIS code
  std::vector<Total> by_place_type;
  std::vector<Distribution> rows;  // summed per municipality, theme and place type (id 0)
  struct Scans {
    std::string nis_code;
    std::string theme;
    std::int64_t scans = 0;
  };
  std::vector<Scans> scans;
  std::int64_t scans_total = 0;
};

}  // namespace schakel::campaigns
