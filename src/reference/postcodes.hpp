#pragma once
// Finding a municipality from what a person types: a postcode (bpost's list, migration
// 0002) or a name, which may be a municipality's name or that of a deelgemeente
// (a locality of the postcode list, e.g. "Mariakerke" for Gent).
#include <string>
#include <vector>

#include "reference/municipalities.hpp"
#include "store/database.hpp"

namespace schakel::reference {

// The municipalities that postcode `postcode` (4 digits) serves, by Dutch name, each
// once. Empty when the postcode is unknown or not 4 digits.
std::vector<Municipality> municipalities_for_postcode(store::Database& db,
                                                      const std::string& postcode);

// The municipalities whose Dutch name, or one of whose localities in the postcode list,
// is `name`, compared without case, surrounding blanks, and with hyphens as spaces
// ("sint niklaas" finds Sint-Niklaas), by Dutch name, each once. Several when
// localities of different municipalities share a name (Beveren, Berg).
std::vector<Municipality> municipalities_named(store::Database& db, const std::string& name);

// What a person typed in a "postcode or municipality" field: a 4-digit postcode, a
// 5-digit NIS code, or a name. The matching municipalities, each once; empty when
// nothing matches.
std::vector<Municipality> find_place(store::Database& db, const std::string& text);

// `text` folded for name comparison: trimmed, ASCII lower case, hyphens and runs of
// blanks as one space.
std::string fold_place_name(const std::string& text);

}  // namespace schakel::reference
