#include "search/inspect.hpp"

#include <xapian.h>

#include <filesystem>

namespace schakel::search {

IndexFacts inspect_index(const std::string& path) {
  IndexFacts facts;
  std::error_code ec;
  facts.exists = std::filesystem::exists(std::filesystem::path(path) / "iamglass", ec);
  if (!facts.exists) {
    facts.problem = "there is no index at " + path;
    return facts;
  }
  try {
    Xapian::Database db(path);
    facts.documents = db.get_doccount();
    const auto text = db.get_metadata("position");
    facts.position = text.empty() ? -1 : std::stoll(text);
    facts.opens = true;
  } catch (const Xapian::Error& e) {
    facts.problem = e.get_description();
  } catch (const std::exception& e) {
    facts.problem = e.what();
  }
  return facts;
}

}  // namespace schakel::search
