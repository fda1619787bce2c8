#pragma once
// Splits Dutch compounds into the words they are made of, so that a search for
// "mishandeling" finds "kindermishandeling" and "fiche" finds "slachtofferfiche".
#include <string>
#include <string_view>
#include <vector>

#include "search/dictionary.hpp"

namespace schakel::search {

// The parts of compound `word` (folded), head first: e.g. "kindermishandeling" →
// {"kind", "mishandeling"}, "ouderenmishandeling" → {"ouderen", "mishandeling"}.
// A split is accepted when its last part is a dictionary word of 4 or more
// letters and what stands before it, after dropping a linking "s", "en", "e" or
// "er", is a dictionary word of 4 or more letters or itself such a compound.
// The longest last part wins. Empty when `word` is no compound (or longer than
// 60 bytes). Never throws for any input.
std::vector<std::string> compound_parts(std::string_view word, const Dictionary& dictionary);

}  // namespace schakel::search
