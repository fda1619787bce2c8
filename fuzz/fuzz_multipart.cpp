// libFuzzer harness for web::multipart_boundary and web::parse_multipart_views.
//
// The first line of the input is a Content-Type header value, the rest the body
// (the layout of fuzz/corpus/multipart and fuzz/corpus/bad/multipart). The body
// is also parsed with a fixed boundary, with default and with tiny limits, so
// the fuzzer reaches the part parser without first guessing a boundary. Every
// part's data must be a view into the body, never a copy.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "web/form.hpp"
#include "web/multipart.hpp"

using namespace schakel;

namespace {

constexpr std::string_view fixed_boundary = "schakelfuzz";

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Serialises parts as a client would; parsing the result must give them back.
std::string serialise(const std::vector<web::PartView>& parts, std::string_view boundary) {
  std::string body;
  for (const auto& p : parts) {
    body += "--" + std::string(boundary) + "\r\n";
    body += "Content-Disposition: form-data; name=" + quoted(p.name);
    if (!p.filename.empty()) body += "; filename=" + quoted(p.filename);
    body += "\r\n";
    if (!p.content_type.empty()) body += "Content-Type: " + p.content_type + "\r\n";
    body += "\r\n";
    body += p.data;
    body += "\r\n";
  }
  return body + "--" + std::string(boundary) + "--\r\n";
}

bool same_parts(const std::vector<web::PartView>& a, const std::vector<web::PartView>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name || a[i].filename != b[i].filename ||
        a[i].content_type != b[i].content_type || a[i].data != b[i].data)
      return false;
  }
  return true;
}

void check(std::string_view body, std::string_view boundary, const web::MultipartLimits& limits,
           bool round_trip) {
  auto parts = web::parse_multipart_views(body, boundary, limits);
  if (!parts) {
    FUZZ_CHECK(!parts.error().fields.empty());
    return;
  }
  const auto& list = parts.value();
  FUZZ_CHECK(list.size() <= limits.max_parts);
  std::size_t total = 0;
  for (const auto& p : list) {
    FUZZ_CHECK(!p.name.empty());
    FUZZ_CHECK(web::valid_utf8(p.name));
    FUZZ_CHECK(web::valid_utf8(p.filename));
    if (!p.is_file()) FUZZ_CHECK(web::valid_utf8(p.data));
    // The delimiter can never be inside a part's data.
    FUZZ_CHECK(p.data.find("\r\n--" + std::string(boundary)) == std::string_view::npos);
    // A view into the body, not a copy.
    FUZZ_CHECK(p.data.empty() || (p.data.data() >= body.data() &&
                                  p.data.data() + p.data.size() <= body.data() + body.size()));
    total += p.data.size();
  }
  FUZZ_CHECK(total <= body.size());
  if (round_trip) {
    const std::string serialised = serialise(list, boundary);
    auto again = web::parse_multipart_views(serialised, boundary, limits);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(same_parts(again.value(), list));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  const std::string_view content_type = input.substr(0, newline);
  const std::string_view body =
      newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);

  auto boundary = web::multipart_boundary(content_type);
  if (boundary) {
    const std::string& b = boundary.value();
    FUZZ_CHECK(!b.empty() && b.size() <= 70);
    for (char c : b)
      FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) <= 0x7E);
    check(body, b, {}, true);
  } else {
    FUZZ_CHECK(!boundary.error().fields.empty());
  }

  check(body, fixed_boundary, {}, true);
  check(input, fixed_boundary, {}, false);
  check(body, fixed_boundary, web::MultipartLimits{3, 64}, false);
  return 0;
}
