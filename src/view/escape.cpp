#include "view/escape.hpp"

#include <array>

namespace schakel::view {

namespace {

// What becomes of each byte: 0 copied, 1 left out, else the index + 2 of its
// reference in `references`.
using ByteActions = std::array<unsigned char, 256>;
constexpr std::string_view references[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};
constexpr unsigned char leave_out = 1;

constexpr ByteActions html_actions() {
  ByteActions a{};
  a[static_cast<unsigned char>('&')] = 2;
  a[static_cast<unsigned char>('<')] = 3;
  a[static_cast<unsigned char>('>')] = 4;
  a[static_cast<unsigned char>('"')] = 5;
  a[static_cast<unsigned char>('\'')] = 6;
  return a;
}

// HTML's, and every control character that XML 1.0 forbids (all below 0x20
// but tab, line feed and carriage return, and DEL) left out.
constexpr ByteActions xml_actions() {
  ByteActions a = html_actions();
  for (unsigned c = 0; c < 0x20; ++c)
    if (c != '\t' && c != '\n' && c != '\r') a[c] = leave_out;
  a[0x7F] = leave_out;
  return a;
}

constexpr ByteActions html_table = html_actions();
constexpr ByteActions xml_table = xml_actions();

// Appends `text` to `out` with each byte treated as `actions` says; runs of
// bytes to copy are appended whole.
void append_with(std::string& out, std::string_view text, const ByteActions& actions) {
  std::size_t run = 0;  // start of the bytes not appended yet
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char action = actions[static_cast<unsigned char>(text[i])];
    if (action == 0) continue;
    out.append(text.data() + run, i - run);
    if (action != leave_out) out.append(references[action - 2]);
    run = i + 1;
  }
  out.append(text.data() + run, text.size() - run);
}

std::string escaped_with(std::string_view text, const ByteActions& actions) {
  std::string out;
  out.reserve(text.size() + 16);
  append_with(out, text, actions);
  return out;
}

}  // namespace

void append_html_escaped(std::string& out, std::string_view text) {
  append_with(out, text, html_table);
}

std::string html_escape(std::string_view text) { return escaped_with(text, html_table); }

std::string xml_escape(std::string_view text) { return escaped_with(text, xml_table); }

}  // namespace schakel::view
