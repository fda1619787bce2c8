#pragma once
// Markdown to HTML with cmark-gfm in safe mode: raw HTML is dropped and links
// with dangerous schemes (javascript:, vbscript:, file:, most data:) are emptied.
// GFM tables, strikethrough and autolinks are on.
#include <string>

namespace schakel::view {

// HTML for `markdown` (valid UTF-8 expected; invalid bytes are replaced).
// The result is safe to insert with {{{ }}} in a template.
std::string render_markdown(const std::string& markdown);

}  // namespace schakel::view
