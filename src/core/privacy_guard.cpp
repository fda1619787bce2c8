#include "core/privacy_guard.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

// How the guard reads a text: one pass per kind of identifier, each linear in
// the size of the text (every detector looks at a bounded window around the
// place it starts from, or walks a run once). The candidates of all kinds are
// then sorted and the overlapping ones dropped (earliest first, longest first).
//
// Digit runs: digits in groups joined by one separator (space . - /), e.g.
// "0470 12 34 56" or "85.07.30-033.28". A phone or national number must start
// and end on a group boundary and may not use a group that is part of a date
// (30.07.2026, 2026-07-30), so dates, times, amounts (€ 1.250,00 stops at the
// comma), postcodes, NIS codes and counts never add up to one.
namespace schakel {
namespace {

using Findings = std::vector<IdentifierFinding>;

bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool is_ascii_alnum(unsigned char c) { return is_digit(c) || is_ascii_letter(c); }
// A letter of a word, counting every non-ASCII byte (é, ë, ...) as one.
bool is_word_char(unsigned char c) { return is_ascii_letter(c) || c >= 0x80; }
unsigned char lower(unsigned char c) {
  return is_upper(c) ? static_cast<unsigned char>(c - 'A' + 'a') : c;
}

unsigned char at(std::string_view text, std::size_t i) {
  return i < text.size() ? static_cast<unsigned char>(text[i]) : 0;
}
unsigned char before(std::string_view text, std::size_t i) {
  return i > 0 ? static_cast<unsigned char>(text[i - 1]) : 0;
}

// ---------------------------------------------------------------- digit runs

struct Group {
  std::size_t begin = 0;  // offset of the first digit
  std::size_t end = 0;    // one past the last digit
  bool in_date = false;
};

bool is_run_separator(unsigned char c) { return c == ' ' || c == '.' || c == '-' || c == '/'; }

std::size_t digits_of(const Group& g) { return g.end - g.begin; }

int value_of(std::string_view text, const Group& g) {
  int v = 0;
  for (std::size_t i = g.begin; i < g.end && i < g.begin + 4; ++i) v = v * 10 + (text[i] - '0');
  return v;
}

// Marks groups a, b, c (joined by one and the same separator) that read as a
// date: day month year or year month day, with plausible values.
void mark_dates(std::string_view text, std::vector<Group>& groups) {
  for (std::size_t i = 0; i + 2 < groups.size(); ++i) {
    Group& a = groups[i];
    Group& b = groups[i + 1];
    Group& c = groups[i + 2];
    const char sep1 = text[a.end];
    const char sep2 = text[b.end];
    if (sep1 != sep2 || digits_of(b) > 2) continue;
    const int month = value_of(text, b);
    if (month < 1 || month > 12) continue;
    const bool dmy =
        digits_of(a) <= 2 && digits_of(c) == 4 && value_of(text, a) >= 1 && value_of(text, a) <= 31;
    const bool ymd =
        digits_of(a) == 4 && digits_of(c) <= 2 && value_of(text, c) >= 1 && value_of(text, c) <= 31;
    if (dmy || ymd) a.in_date = b.in_date = c.in_date = true;
  }
}

bool valid_national_check(const std::string& d) {
  // d holds 11 digits: nine of birth date and counter, two of check.
  std::uint64_t base = 0;
  for (std::size_t i = 0; i < 9; ++i) base = base * 10 + static_cast<std::uint64_t>(d[i] - '0');
  const std::uint64_t check = static_cast<std::uint64_t>((d[9] - '0') * 10 + (d[10] - '0'));
  return 97 - base % 97 == check || 97 - (2000000000ULL + base) % 97 == check;
}

// national_number, bis_number, or nothing (returns false) for 11 digits.
bool national_kind(const std::string& d, IdentifierKind& kind) {
  if (!valid_national_check(d)) return false;
  const int month = (d[2] - '0') * 10 + (d[3] - '0');
  const int day = (d[4] - '0') * 10 + (d[5] - '0');
  if (day > 31) return false;
  if (month <= 12) {
    kind = IdentifierKind::national_number;
    return true;
  }
  if ((month >= 20 && month <= 32) || (month >= 40 && month <= 52)) {
    kind = IdentifierKind::bis_number;
    return true;
  }
  return false;
}

// Numbers of services, not of persons: 0800 (free), 090x (paying), 070/077/078
// (national numbers of organisations).
bool is_service_number(const std::string& n) {
  return n.rfind("080", 0) == 0 || n.rfind("090", 0) == 0 || n.rfind("070", 0) == 0 ||
         n.rfind("077", 0) == 0 || n.rfind("078", 0) == 0;
}

// `d` are the digits of a span; `plus` whether a '+' stands right before it.
bool is_phone(const std::string& d, bool plus) {
  std::string national;
  if (plus) {
    if (d.rfind("32", 0) != 0) return false;
    national = "0" + d.substr(2);
  } else if (d.rfind("0032", 0) == 0) {
    national = "0" + d.substr(4);
  } else if (d.size() >= 2 && d[0] == '0' && d[1] != '0') {
    national = d;
  } else {
    return false;
  }
  if (national.size() == 10) return national[1] == '4' && national[2] >= '5';  // mobile 045x-049x
  if (national.size() == 9) return national[1] != '0' && !is_service_number(national);
  return false;
}

// Looks at every span of whole groups that starts at `first` and is at most
// 13 digits long (the longest phone form, 0032 + 9).
void spans_from(std::string_view text, const std::vector<Group>& groups, std::size_t first,
                Findings& out) {
  const Group& start = groups[first];
  const unsigned char lead = before(text, start.begin);
  const bool plus = lead == '+';
  if (first == 0 && !plus && (is_ascii_alnum(lead) || lead == ',')) return;
  // Inside a run, a span starts only after a space or a date: "85.07.30-033.29"
  // holds no phone "07.30-033.29".
  if (first > 0 && !groups[first - 1].in_date && lead != ' ') return;
  if (plus && is_ascii_alnum(before(text, start.begin - 1))) return;
  std::string d;
  for (std::size_t g = first; g < groups.size(); ++g) {
    if (groups[g].in_date) return;
    if (d.size() + digits_of(groups[g]) > 13) return;
    d.append(text.substr(groups[g].begin, digits_of(groups[g])));
    const unsigned char next = at(text, groups[g].end);
    if (is_ascii_letter(next) || (next == ',' && is_digit(at(text, groups[g].end + 1))))
      continue;  // "12u", "1,5"
    const bool last = g + 1 == groups.size();
    if (!last && !groups[g + 1].in_date && next != ' ')
      continue;  // ends after a space or before a date
    IdentifierKind kind;
    const std::size_t begin = plus ? start.begin - 1 : start.begin;
    const std::size_t length = groups[g].end - begin;
    if (is_phone(d, plus)) {
      out.push_back({IdentifierKind::phone, begin, length});
    } else if (!plus && d.size() == 11 && national_kind(d, kind)) {
      out.push_back({kind, start.begin, groups[g].end - start.begin});
    }
  }
}

void find_numbers(std::string_view text, Findings& out) {
  std::size_t i = 0;
  std::vector<Group> run;
  while (i < text.size()) {
    if (!is_digit(at(text, i))) {
      ++i;
      continue;
    }
    // One run: groups joined by a single separator.
    run.clear();
    while (true) {
      Group g;
      g.begin = i;
      while (is_digit(at(text, i))) ++i;
      g.end = i;
      run.push_back(g);
      if (is_run_separator(at(text, i)) && is_digit(at(text, i + 1))) {
        ++i;
        continue;
      }
      break;
    }
    mark_dates(text, run);
    for (std::size_t g = 0; g < run.size(); ++g) spans_from(text, run, g, out);
  }
}

// --------------------------------------------------------------------- e-mail

bool is_local_char(unsigned char c) {
  return is_ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool is_domain_char(unsigned char c) { return is_ascii_alnum(c) || c == '.' || c == '-'; }

void find_emails(std::string_view text, Findings& out) {
  for (std::size_t at_sign = 0; at_sign < text.size(); ++at_sign) {
    if (text[at_sign] != '@') continue;
    std::size_t begin = at_sign;
    while (begin > 0 && is_local_char(before(text, begin))) --begin;
    while (begin < at_sign && !is_ascii_alnum(at(text, begin))) ++begin;  // no leading dots
    if (begin == at_sign) continue;
    std::size_t end = at_sign + 1;
    while (is_domain_char(at(text, end))) ++end;
    while (end > at_sign + 1 && !is_ascii_alnum(before(text, end)))
      --end;  // "a@b.be." ends a sentence
    const std::string_view domain = text.substr(at_sign + 1, end - at_sign - 1);
    const std::size_t dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || domain.size() - dot - 1 < 2) continue;
    bool tld_letters = true;
    for (std::size_t k = dot + 1; k < domain.size(); ++k)
      tld_letters = tld_letters && is_ascii_letter(domain[k]);
    if (!tld_letters) continue;
    out.push_back({IdentifierKind::email, begin, end - begin});
  }
}

// ----------------------------------------------------------------------- IBAN

int iban_value(unsigned char c) { return is_digit(c) ? c - '0' : lower(c) - 'a' + 10; }

std::uint32_t mod97_append(std::uint32_t rem, unsigned char c) {
  const int v = iban_value(c);
  return v >= 10 ? (rem * 100 + static_cast<std::uint32_t>(v)) % 97
                 : (rem * 10 + static_cast<std::uint32_t>(v)) % 97;
}

// Country code (two letters), two check digits, then 11 to 30 letters or
// digits, with or without a space (or dash) between groups of four.
void find_ibans(std::string_view text, Findings& out) {
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
    if (!is_ascii_letter(at(text, i)) || !is_ascii_letter(at(text, i + 1)) ||
        !is_digit(at(text, i + 2)) || !is_digit(at(text, i + 3)) ||
        is_ascii_alnum(before(text, i)) || before(text, i) >= 0x80) {
      continue;
    }
    std::uint32_t rem = 0;
    std::size_t count = 4;
    std::size_t j = i + 4;
    std::size_t best_end = 0;
    while (count < 34) {
      unsigned char c = at(text, j);
      if ((c == ' ' || c == '-') && is_ascii_alnum(at(text, j + 1)) && (count % 4 == 0)) {
        ++j;
        c = at(text, j);
      }
      if (!is_ascii_alnum(c)) break;
      rem = mod97_append(rem, c);
      ++count;
      ++j;
      if (count >= 15 && !is_ascii_alnum(at(text, j))) {
        std::uint32_t total = rem;
        for (std::size_t k = i; k < i + 4; ++k) total = mod97_append(total, at(text, k));
        if (total == 1) best_end = j;
      }
    }
    if (best_end != 0) {
      out.push_back({IdentifierKind::iban, i, best_end - i});
      i = best_end - 1;
    }
  }
}

// ------------------------------------------------------------- licence plates

bool letters3(std::string_view text, std::size_t i) {
  return is_upper(at(text, i)) && is_upper(at(text, i + 1)) && is_upper(at(text, i + 2));
}
bool digits3(std::string_view text, std::size_t i) {
  return is_digit(at(text, i)) && is_digit(at(text, i + 1)) && is_digit(at(text, i + 2));
}
bool word_edge_before(std::string_view text, std::size_t i) {
  const unsigned char c = before(text, i);
  return !is_ascii_alnum(c) && c < 0x80 && c != '-' && c != '.';
}
bool word_edge_after(std::string_view text, std::size_t i) {
  const unsigned char c = at(text, i);
  if (c == '.' || c == '-') return !is_ascii_alnum(at(text, i + 1));
  return !is_ascii_alnum(c) && c < 0x80;
}

// 1-ABC-123 (since 2010; capitals; separator -, space, dot or none: the
// digit-letters-digits shape is plain) and ABC-123 (before; only with - or ., since "CAW 112"
// or "ABC123" as a code is too common in text).
void find_plates(std::string_view text, Findings& out) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = at(text, i);
    if (c >= '1' && c <= '9' && word_edge_before(text, i)) {
      const unsigned char s1 = at(text, i + 1);
      const bool sep = s1 == '-' || s1 == ' ' || s1 == '.';
      const std::size_t l = i + 1 + (sep ? 1 : 0);
      if (!letters3(text, l)) continue;
      const unsigned char s2 = at(text, l + 3);
      if (sep != (s2 == s1)) continue;
      const std::size_t d = l + 3 + (sep ? 1 : 0);
      if (digits3(text, d) && word_edge_after(text, d + 3)) {
        out.push_back({IdentifierKind::licence_plate, i, d + 3 - i});
        i = d + 2;
      }
    } else if (is_upper(c) && word_edge_before(text, i) && letters3(text, i)) {
      const unsigned char s = at(text, i + 3);
      if ((s == '-' || s == '.') && digits3(text, i + 4) && word_edge_after(text, i + 7)) {
        out.push_back({IdentifierKind::licence_plate, i, 7});
        i += 6;
      }
    }
  }
}

// ------------------------------------------------------------ street addresses

struct StreetWord {
  std::string_view suffix;
  bool lowercase_compound;  // "kerkstraat 12" counts too, not only "Kerkstraat 12"
};

constexpr std::array<StreetWord, 22> street_words{{
    {"straat", true},    {"laan", true},   {"plein", true},   {"steenweg", true}, {"dreef", true},
    {"kaai", true},      {"singel", true}, {"gracht", true},  {"lei", false},     {"weg", false},
    {"markt", false},    {"baan", false},  {"dijk", false},   {"vest", false},    {"hof", false},
    {"pad", false},      {"wegel", false}, {"kouter", false}, {"berg", false},    {"vliet", false},
    {"boulevard", true}, {"avenue", true},
}};

bool ends_with_ci(std::string_view word, std::string_view suffix) {
  if (word.size() < suffix.size()) return false;
  for (std::size_t k = 0; k < suffix.size(); ++k) {
    if (lower(static_cast<unsigned char>(word[word.size() - suffix.size() + k])) != suffix[k])
      return false;
  }
  return true;
}

// Whether `word` names a street: it ends in a street word and is capitalised
// (Kerkstraat, Grote Markt) or is a compound of a common street word
// (kerkstraat). "straten" and "onderweg" are not streets.
bool is_street_word(std::string_view word) {
  if (word.empty()) return false;
  const bool capital = is_upper(static_cast<unsigned char>(word[0]));
  for (const StreetWord& s : street_words) {
    if (!ends_with_ci(word, s.suffix)) continue;
    if (capital) return true;
    if (s.lowercase_compound && word.size() >= s.suffix.size() + 3) return true;
  }
  return false;
}

// After the street word: spaces, a house number of 1 to 4 digits, optionally a
// letter (12A), "/3", "bus 3" or "b3". Returns the end of the address or 0.
std::size_t house_number_end(std::string_view text, std::size_t i) {
  std::size_t j = i;
  while (at(text, j) == ' ') ++j;
  if (j == i || j - i > 3) return 0;
  const std::size_t digits_begin = j;
  while (is_digit(at(text, j)) && j - digits_begin < 5) ++j;
  const std::size_t digits = j - digits_begin;
  if (digits == 0 || digits > 4 || at(text, digits_begin) == '0') return 0;
  // "Arbeidsmarkt 2026": a year, not a house number.
  if (digits == 4 && ((at(text, digits_begin) == '1' && at(text, digits_begin + 1) == '9') ||
                      (at(text, digits_begin) == '2' && at(text, digits_begin + 1) == '0'))) {
    return 0;
  }
  if (is_ascii_letter(at(text, j)) && !is_ascii_alnum(at(text, j + 1))) ++j;  // 12A
  if (at(text, j) == '/' && is_digit(at(text, j + 1))) {
    j += 1;
    while (is_digit(at(text, j))) ++j;
  } else if (at(text, j) == ' ' && lower(at(text, j + 1)) == 'b' && lower(at(text, j + 2)) == 'u' &&
             lower(at(text, j + 3)) == 's' && at(text, j + 4) == ' ' &&
             is_ascii_alnum(at(text, j + 5))) {
    j += 5;
    while (is_ascii_alnum(at(text, j))) ++j;
  }
  if (is_ascii_alnum(at(text, j)) || at(text, j) >= 0x80) return 0;
  // "Kerkstraat 12,5 %" or "12.000" are no house numbers.
  if ((at(text, j) == ',' || at(text, j) == '.') && is_digit(at(text, j + 1))) return 0;
  if (at(text, j) == ' ' && at(text, j + 1) == '%') return 0;
  if (at(text, j) == '%') return 0;
  return j;
}

void find_addresses(std::string_view text, Findings& out) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_word_char(at(text, i))) {
      ++i;
      continue;
    }
    const std::size_t begin = i;
    while (is_word_char(at(text, i)) || (at(text, i) == '-' && is_word_char(at(text, i + 1)))) ++i;
    const std::string_view word = text.substr(begin, i - begin);
    if (!is_street_word(word)) continue;
    const std::size_t end = house_number_end(text, i);
    if (end != 0) {
      out.push_back({IdentifierKind::street_address, begin, end - begin});
      i = end;
    }
  }
}

// ------------------------------------------------------------------ messages

// 1-based position of the character at byte `offset` (UTF-8 continuation bytes
// do not count, so "é" is one character).
std::size_t character_position(std::string_view text, std::size_t offset) {
  std::size_t n = 0;
  for (std::size_t k = 0; k < offset && k < text.size(); ++k) {
    if ((static_cast<unsigned char>(text[k]) & 0xC0) != 0x80) ++n;
  }
  return n + 1;
}

}  // namespace

std::vector<IdentifierFinding> find_identifiers(std::string_view text) {
  Findings all;
  find_emails(text, all);
  find_ibans(text, all);
  find_numbers(text, all);
  find_plates(text, all);
  find_addresses(text, all);
  std::sort(all.begin(), all.end(), [](const IdentifierFinding& a, const IdentifierFinding& b) {
    if (a.offset != b.offset) return a.offset < b.offset;
    if (a.length != b.length) return a.length > b.length;
    return static_cast<int>(a.kind) < static_cast<int>(b.kind);
  });
  Findings kept;
  std::size_t covered = 0;
  for (const IdentifierFinding& f : all) {
    if (!kept.empty() && f.offset < covered) continue;
    kept.push_back(f);
    covered = f.offset + f.length;
  }
  return kept;
}

std::string identifier_label(IdentifierKind kind) {
  switch (kind) {
    case IdentifierKind::national_number:
      return "een rijksregisternummer";
    case IdentifierKind::bis_number:
      return "een BIS-nummer";
    case IdentifierKind::phone:
      return "een telefoonnummer";
    case IdentifierKind::email:
      return "een e-mailadres";
    case IdentifierKind::iban:
      return "een rekeningnummer (IBAN)";
    case IdentifierKind::licence_plate:
      return "een nummerplaat";
    case IdentifierKind::street_address:
      return "een adres met huisnummer";
  }
  return "een persoonsgegeven";
}

std::string privacy_message(std::string_view text, const std::vector<IdentifierFinding>& findings) {
  std::string message = "Deze tekst bevat ";
  const std::size_t shown = std::min<std::size_t>(findings.size(), 3);
  for (std::size_t k = 0; k < shown; ++k) {
    if (k > 0) message += k + 1 == shown && findings.size() <= 3 ? " en " : ", ";
    message += identifier_label(findings[k].kind);
    message += " (rond teken " + std::to_string(character_position(text, findings[k].offset)) + ")";
  }
  if (findings.size() > 3) message += " en nog " + std::to_string(findings.size() - 3) + " andere";
  if (findings.empty()) message += "een persoonsgegeven";
  message += ". Beschrijf de situatie zonder gegevens die naar een persoon leiden.";
  return message;
}

}  // namespace schakel
