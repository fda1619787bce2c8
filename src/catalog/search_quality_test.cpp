// The search-quality set (tests/search_quality.tsv) run on the real index built
// from the demo content: every query must find each of its expected results in
// the top 10. Prints recall and mean reciprocal rank, so a change to the search
// shows what it wins or loses.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "catalog/search.hpp"
#include "search/engine.hpp"
#include "test_support.hpp"

namespace schakel::catalog {
namespace {

using schakel::testing::TestServer;

struct QualityCase {
  std::string query;
  std::vector<std::string> expected;  // result paths, e.g. "/kennisbank/postkaartjes"
};

std::vector<QualityCase> load_quality_set(const std::string& path) {
  std::vector<QualityCase> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    QualityCase c;
    c.query = line.substr(0, tab);
    auto end = line.find('\t', tab + 1);
    std::istringstream expected(
        line.substr(tab + 1, end == std::string::npos ? end : end - tab - 1));
    for (std::string p; expected >> p;) c.expected.push_back(p);
    out.push_back(std::move(c));
  }
  return out;
}

// The page a hit links to: a training series has its own; a resource is in the kennisbank.
std::string path_of(const search::Hit& hit) {
  auto data = nlohmann::json::parse(hit.data, nullptr, false);
  if (data.is_discarded()) return hit.key;
  if (data.contains("href")) return data["href"].get<std::string>();
  return "/kennisbank/" + data.value("slug", std::string());
}

TEST(SearchQualitySet, DemoContentFindsTheExpectedResults) {
  const auto cases = load_quality_set(SCHAKEL_SEARCH_QUALITY_SET);
  ASSERT_GE(cases.size(), 50u) << "the set at " << SCHAKEL_SEARCH_QUALITY_SET;
  TestServer server(store::Backend::sqlite, {}, true);
  ASSERT_TRUE(server.app().search().is_open());

  int expected_total = 0, found_total = 0;
  double reciprocal_ranks = 0;
  for (const auto& c : cases) {
    search::SearchQuery q;
    q.text = c.query;
    q.visibilities = {"public", "professionals", "network"};
    q.limit = 10;
    const auto outcome = server.app().search().search(q);
    std::vector<std::string> got;
    for (const auto& hit : outcome.hits) got.push_back(path_of(hit));
    std::size_t first = 0;  // rank of the first expected result, 0 when none
    for (const auto& want : c.expected) {
      ++expected_total;
      auto at = std::find(got.begin(), got.end(), want);
      if (at == got.end()) {
        ADD_FAILURE() << "\"" << c.query << "\" does not find " << want << " in the top 10";
        continue;
      }
      ++found_total;
      const auto rank = static_cast<std::size_t>(at - got.begin()) + 1;
      if (first == 0 || rank < first) first = rank;
    }
    if (first > 0) reciprocal_ranks += 1.0 / static_cast<double>(first);
  }
  const double recall = expected_total ? 100.0 * found_total / expected_total : 0;
  const double mrr = cases.empty() ? 0 : reciprocal_ranks / static_cast<double>(cases.size());
  std::printf(
      "search quality: %zu queries, recall in the top 10 %.1f%% (%d of %d), "
      "mean reciprocal rank %.3f\n",
      cases.size(), recall, found_total, expected_total, mrr);
  EXPECT_EQ(found_total, expected_total) << "recall must be 100%";
}

}  // namespace
}  // namespace schakel::catalog
