#include "admin/mask.hpp"

namespace schakel::admin {

namespace {

bool url_safe(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

const char* const hidden = "[verborgen]";

}  // namespace

std::string mask_secrets(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (!url_safe(text[i])) {
      out.push_back(text[i++]);
      continue;
    }
    std::size_t end = i;
    bool digit = false, capital = false;
    while (end < text.size() && url_safe(text[end])) {
      digit = digit || (text[end] >= '0' && text[end] <= '9');
      capital = capital || (text[end] >= 'A' && text[end] <= 'Z');
      ++end;
    }
    const bool after_token_key = out.size() >= 6 && out.compare(out.size() - 6, 6, "token=") == 0;
    if (after_token_key || (end - i >= 20 && (digit || capital)))
      out += hidden;
    else
      out.append(text, i, end - i);
    i = end;
  }
  return out;
}

}  // namespace schakel::admin
