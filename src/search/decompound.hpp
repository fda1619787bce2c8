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
// The longest last part wins. When no such split exists and `word` itself is
// not in the list, a known last part of 5 or more letters still splits off a
// first part the list does not know, if that part has 4 or more letters and a
// vowel: "siblinggeweld" → {"sibling", "geweld"}. Empty when `word` is no
// compound (or longer than 60 bytes). Never throws for any input.
std::vector<std::string> compound_parts(std::string_view word, const Dictionary& dictionary);

// The base words of Dutch diminutive `word` (folded), singular or plural:
// "postkaartjes" → {"postkaart"}, "boompje" → {"boom"}, "ringetje" → {"ring"},
// "mannetjes" → {"man"}, "koninkje" → {"koning"}. Xapian's Dutch stemmer leaves
// diminutives alone, so without this "postkaartje" and "postkaart" never meet.
// The candidates (-etje, -mpje, -nkje, -je, -tje) are tried in that order; the
// result is the (at most two) that the list knows as a word — "stoeltje" →
// {"stoelt", "stoel"}, as the list has the verb form "stoelt" —, else the first
// it can split as a compound, else the first candidate of 3 or more letters (the list has no words
// under 4 letters: "zusje" → {"zus"}). Empty when `word` is no diminutive.
std::vector<std::string> diminutive_bases(std::string_view word, const Dictionary& dictionary);

}  // namespace schakel::search
