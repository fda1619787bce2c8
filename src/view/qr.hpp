#pragma once
// QR codes (libqrencode): the module matrix, for drawing in a PDF, and an SVG
// for pages.
#include <string>
#include <vector>

namespace schakel::view {

struct QrMatrix {
  int size = 0;            // modules per side, without the quiet zone
  std::vector<bool> dark;  // size*size, row by row
  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)]; }
};

// The QR code of `text` (error correction level M). Throws std::runtime_error
// when `text` does not fit in a QR code.
QrMatrix qr_encode(const std::string& text);

// An SVG of the code with a four-module quiet zone, role="img" and `label` as its
// accessible name (escaped here). Scales with its container.
std::string qr_svg(const std::string& text, const std::string& label);

}  // namespace schakel::view
