#pragma once
// The privacy guard (issue 13): signals, needs and actions describe situations,
// never people. Before any of their free text is saved, the service asks the
// guard whether the text holds something that identifies a person, and refuses
// it when it does. Nothing of a refused text may be stored or logged: callers
// show the findings (kind and place) on the form only.
//
// What counts, with the check rules of ../shared/FACTS.md ("Identifiers"):
// national register and BIS numbers (11 digits with a valid mod-97 check for
// either century, with or without separators), Belgian phone numbers (+32, 0032
// or 0; landline or mobile; not the short help numbers such as 1712, 101, 112),
// e-mail addresses, IBANs (Belgian and foreign, valid ISO 13616 check), Belgian
// licence plates (1-ABC-123, ABC-123) and street addresses with a house number.
// Dates, years, amounts, percentages, postcodes and NIS codes pass.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace schakel {

enum class IdentifierKind {
  national_number,  // rijksregisternummer
  bis_number,
  phone,
  email,
  iban,
  licence_plate,
  street_address,
};

// One identifier found in a text: where it starts and how long it is, in bytes
// of the UTF-8 text (so a caller may point at it without copying it).
struct IdentifierFinding {
  IdentifierKind kind;
  std::size_t offset = 0;
  std::size_t length = 0;
};

// Every identifier in `text`, in order of offset, not overlapping. Empty when
// the text may be saved. Never throws for any byte sequence; runs in time linear
// in the size of the text (callers bound that size first).
std::vector<IdentifierFinding> find_identifiers(std::string_view text);

// The Dutch name of a kind for a form message, e.g. "een telefoonnummer".
std::string identifier_label(IdentifierKind kind);

// A Dutch message for a form field that names what was found and where, without
// repeating the identifier itself, e.g. "Deze tekst bevat een telefoonnummer
// (rond teken 41). Beschrijf de situatie zonder gegevens die naar een persoon
// leiden." Requires: `findings` not empty.
std::string privacy_message(std::string_view text, const std::vector<IdentifierFinding>& findings);

}  // namespace schakel
