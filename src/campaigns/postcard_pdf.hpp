#pragma once
// The printable postcards (cairo + pango, DejaVu Sans): an A6 card with its
// front (title, the call to 1712, 101/112, the municipality's help lines and a
// QR code) and back (the tips), and a sheet of four such cards on A4.
#include <optional>
#include <string>
#include <vector>

#include "campaigns/types.hpp"

namespace schakel::campaigns {

// What one municipality's card of one theme shows.
struct CardContent {
  Postcard postcard;
  std::string municipality;          // its Dutch name
  std::vector<HelpLine> help_lines;  // at most 2
  std::string url;                   // the QR target, {base_url}/k/{code}
};

// A6 portrait (105 x 148 mm): page 1 the front, page 2 the back. With
// `crop_marks` each page is 10 mm larger on every side and carries crop marks
// at the card's corners. Throws std::runtime_error when cairo fails.
std::string render_card_pdf(const CardContent& card, bool crop_marks);

// A4 portrait with four copies of the card in a 2 x 2 grid (A4 is exactly four
// A6): page 1 the fronts, page 2 the backs (the same card in every cell, so
// duplex printing on either edge lines up). With `crop_marks`, short cut guides
// at the sheet's edges mark the middle lines.
std::string render_sheet_pdf(const CardContent& card, bool crop_marks);

// How "fits the card" is checked: the title, the call to 1712 and the tips are
// laid out with pango in the fonts and widths of the card, and each must stay
// inside its box. The name of the first field that overflows ("title",
// "call_to_action", "tips"), or nullopt when everything fits.
std::optional<std::string> overflowing_field(const Postcard& postcard);

}  // namespace schakel::campaigns
