#include "reference/postcodes.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "store/row.hpp"

namespace schakel::reference {

namespace {

bool all_digits(const std::string& s, std::size_t n) {
  return s.size() == n &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

// The municipalities of `codes`, by Dutch name.
std::vector<Municipality> by_name(store::Database& db, const std::set<std::string>& codes) {
  std::vector<Municipality> out;
  for (const auto& code : codes)
    if (auto m = find_municipality(db, code)) out.push_back(*m);
  std::sort(out.begin(), out.end(),
            [](const Municipality& a, const Municipality& b) { return a.name_nl < b.name_nl; });
  return out;
}

}  // namespace

std::string fold_place_name(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    const bool blank = c == ' ' || c == '-' || c == '\t' || c == '\r' || c == '\n';
    if (blank) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(std::tolower(c));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<Municipality> municipalities_for_postcode(store::Database& db,
                                                      const std::string& postcode) {
  if (!all_digits(postcode, 4)) return {};
  std::set<std::string> codes;
  db.run([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT nis_code FROM postcodes WHERE postcode = :p", soci::use(postcode));
    for (const auto& r : rows) codes.insert(store::string_at(r, 0));
  });
  return by_name(db, codes);
}

std::vector<Municipality> municipalities_named(store::Database& db, const std::string& name) {
  const std::string folded = fold_place_name(name);
  if (folded.empty()) return {};
  std::set<std::string> codes;
  db.run([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT nis_code FROM postcodes WHERE REPLACE(LOWER(locality), '-', ' ') "
                        "= :a UNION SELECT nis_code FROM municipalities WHERE "
                        "REPLACE(LOWER(name_nl), '-', ' ') = :b",
         soci::use(folded, "a"), soci::use(folded, "b"));
    for (const auto& r : rows) codes.insert(store::string_at(r, 0));
  });
  return by_name(db, codes);
}

std::vector<Municipality> find_place(store::Database& db, const std::string& text) {
  const std::string folded = fold_place_name(text);
  if (all_digits(folded, 4)) return municipalities_for_postcode(db, folded);
  if (all_digits(folded, 5)) {
    if (auto m = find_municipality(db, folded)) return {*m};
    return {};
  }
  return municipalities_named(db, folded);
}

}  // namespace schakel::reference
