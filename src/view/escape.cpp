#include "view/escape.hpp"

namespace schakel::view {

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // Control characters other than tab, line feed and carriage return are
        // not allowed in XML 1.0 at all, not even as references: left out.
        if (c < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') break;
        if (c == 0x7F) break;
        out += ch;
    }
  }
  return out;
}

}  // namespace schakel::view
