// docs/openapi.yaml and the router agree: every documented operation exists,
// and every route under /api/ is documented. The document is served as shipped,
// from a Dutch page for developers that every page's footer links.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>

#include "test_support.hpp"

namespace schakel {
namespace {

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::size_t indent_of(const std::string& line) { return line.find_first_not_of(' '); }

// "METHOD /path" for every operation in the `paths:` section. A line-based
// reading of the layout this file uses: path keys indented by two spaces,
// operation keys by four.
std::set<std::string> documented_operations(const std::string& file) {
  std::ifstream in(file);
  EXPECT_TRUE(in) << "cannot read " << file;
  static const std::set<std::string> methods = {"get",     "put",  "post",  "delete",
                                                "options", "head", "patch", "trace"};
  std::set<std::string> out;
  bool in_paths = false;
  std::string path;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto indent = indent_of(line);
    if (indent == std::string::npos || line[indent] == '#') continue;
    if (indent == 0) {
      in_paths = line.rfind("paths:", 0) == 0;
      path.clear();
      continue;
    }
    if (!in_paths) continue;
    const auto colon = line.find(':', indent);
    if (colon == std::string::npos) continue;
    std::string key = line.substr(indent, colon - indent);
    if (key.size() >= 2 && (key.front() == '\'' || key.front() == '"'))
      key = key.substr(1, key.size() - 2);
    if (indent == 2) {
      path = key;
    } else if (indent == 4 && !path.empty() && methods.count(key)) {
      out.insert(upper(key) + " " + path);
    }
  }
  return out;
}

TEST(OpenApi, DocumentedRoutesAndApiRoutesAgree) {
  const std::string file = std::string(SCHAKEL_SOURCE_DIR) + "/docs/openapi.yaml";
  const auto documented = documented_operations(file);
  ASSERT_FALSE(documented.empty()) << "no operations found in " << file;

  testing::TestServer server;
  std::set<std::string> routed, api_routes;
  for (const auto& route : server.app().router().routes()) {
    const std::string key = route.method + " " + route.pattern;
    routed.insert(key);
    if (route.pattern == "/api" || route.pattern.rfind("/api/", 0) == 0) api_routes.insert(key);
  }
  for (const auto& op : documented)
    EXPECT_TRUE(routed.count(op)) << "documented in openapi.yaml but not routed: " << op;
  for (const auto& route : api_routes)
    EXPECT_TRUE(documented.count(route)) << "routed but not in openapi.yaml: " << route;
  EXPECT_TRUE(documented.count("GET /api/v1/resources/{slug}"));
}

TEST(OpenApi, DocumentIsServedAsYamlAndLinkedFromTheApiPage) {
  std::ifstream in(std::string(SCHAKEL_SOURCE_DIR) + "/docs/openapi.yaml", std::ios::binary);
  ASSERT_TRUE(in);
  const std::string file{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  testing::TestServer server;

  const auto doc = testing::http_get(server.port(), "/api/v1/openapi.yaml");
  EXPECT_EQ(doc.status, 200);
  EXPECT_EQ(doc.header("Content-Type"), "application/yaml");
  EXPECT_EQ(doc.body, file) << "the served document is the one in docs/";

  const auto page = testing::http_get(server.port(), "/api");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.header("Content-Type").rfind("text/html", 0), 0u);
  EXPECT_NE(page.body.find("<h1>API voor ontwikkelaars</h1>"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/api/v1/openapi.yaml\""), std::string::npos);

  const auto home = testing::http_get(server.port(), "/");
  EXPECT_NE(home.body.find("href=\"/api\""), std::string::npos) << "the footer links the page";
}

}  // namespace
}  // namespace schakel
