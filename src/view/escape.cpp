#include "view/escape.hpp"

#include <array>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
#if defined(__SSE2__)
  // Most text has nothing to escape: sixteen bytes at a time are checked for
  // the five characters (x86-64 always has SSE2), and a block that holds one
  // goes byte by byte from where the plain run began.
  const char* data = text.data();
  const std::size_t size = text.size();
  const __m128i amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<'), gt = _mm_set1_epi8('>');
  const __m128i quot = _mm_set1_epi8('"'), apos = _mm_set1_epi8('\'');
  std::size_t run = 0;  // start of the bytes not appended yet
  std::size_t i = 0;
  while (i + 16 <= size) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    const __m128i hits = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(block, amp), _mm_cmpeq_epi8(block, lt)),
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, gt), _mm_cmpeq_epi8(block, quot)),
                     _mm_cmpeq_epi8(block, apos)));
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hits));
    while (mask != 0) {
      const std::size_t at = i + static_cast<std::size_t>(__builtin_ctz(mask));
      out.append(data + run, at - run);
      out.append(references[html_table[static_cast<unsigned char>(data[at])] - 2]);
      run = at + 1;
      mask &= mask - 1;
    }
    i += 16;
  }
  out.append(data + run, i - run);
  append_with(out, text.substr(i), html_table);
#else
  append_with(out, text, html_table);
#endif
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  append_html_escaped(out, text);
  return out;
}

std::string xml_escape(std::string_view text) { return escaped_with(text, xml_table); }

}  // namespace schakel::view
