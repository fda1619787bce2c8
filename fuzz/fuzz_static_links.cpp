// libFuzzer harness for the link scanner and rewriter of the static archive
// (archive/link_rewriter.hpp) and the page text of its search index.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "archive/link_rewriter.hpp"
#include "archive/search_index.hpp"
#include "fuzz_support.hpp"

using namespace schakel;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  // Keeping every link copies the input byte for byte, and the mapper sees
  // exactly the links html_links finds.
  std::size_t seen = 0;
  const auto kept =
      archive::rewrite_links(input, [&](const archive::HtmlTag& tag, const std::string&) {
        ++seen;
        FUZZ_CHECK(!archive::url_attribute(tag.name).empty());
        return archive::LinkAction{};
      });
  FUZZ_CHECK(kept == input);
  FUZZ_CHECK(seen == archive::html_links(input).size());
  // Dropping every element never adds bytes.
  const auto dropped =
      archive::rewrite_links(input, [](const archive::HtmlTag&, const std::string&) {
        return archive::LinkAction{archive::LinkAction::Kind::drop, {}};
      });
  FUZZ_CHECK(dropped.size() <= input.size());
  // A path becomes a file inside the archive, never above it.
  for (bool html : {true, false}) {
    if (auto file = archive::archive_file(input, html)) {
      FUZZ_CHECK(!file->empty() && (*file)[0] != '/');
      FUZZ_CHECK(("/" + *file + "/").find("/../") == std::string::npos);
      // From the archive's root the link climbs nowhere.
      const auto link = "/" + archive::relative_url("index.html", *file) + "/";
      FUZZ_CHECK(link.find("/../") == std::string::npos);
    }
  }
  const auto text = archive::page_text(input);
  FUZZ_CHECK(text.text.size() <= input.size() * 2 + 1);
  return 0;
}
