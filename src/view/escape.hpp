#pragma once
// Escaping for HTML, XML and SVG written by hand (stitched page slots, feeds,
// charts, QR codes): one implementation that copies runs of plain text whole.
#include <string>
#include <string_view>

namespace schakel::view {

// Appends `text` to `out` escaped for HTML text and quoted attribute values:
// & < > " ' become &amp; &lt; &gt; &quot; &apos; (as the templates' renderer
// writes them); every other byte, UTF-8 sequences included, is copied as is.
void append_html_escaped(std::string& out, std::string_view text);

// `text` escaped as append_html_escaped does.
std::string html_escape(std::string_view text);

// `text` escaped for XML character data and attribute values. Characters that
// XML 1.0 does not allow (most control characters) are left out.
std::string xml_escape(std::string_view text);

}  // namespace schakel::view
