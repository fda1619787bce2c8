#pragma once
// Escaping for XML and SVG written by hand (feeds, charts, QR codes).
#include <string>
#include <string_view>

namespace schakel::view {

// `text` escaped for XML character data and attribute values. Characters that
// XML 1.0 does not allow (most control characters) are left out.
std::string xml_escape(std::string_view text);

}  // namespace schakel::view
