// The figures of the coordinator's overview agree with the lists they link to,
// on the merged demo of all parts (signals, needs and actions together): every
// count in the coverage matrix opens a list that shows that many records, and
// says that number in its heading.
#include <gtest/gtest.h>

#include <regex>

#include "test_support.hpp"

namespace schakel::signals {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::demo_server;
using schakel::testing::http_get;
using schakel::testing::session_cookie;

std::string unescape_amp(std::string s) {
  for (auto at = s.find("&amp;"); at != std::string::npos; at = s.find("&amp;", at + 1))
    s.replace(at, 5, "&");
  return s;
}

std::size_t occurrences(const std::string& body, const std::string& what) {
  std::size_t n = 0;
  for (auto at = body.find(what); at != std::string::npos; at = body.find(what, at + 1)) ++n;
  return n;
}

template <class B>
class FiguresAgree : public ::testing::Test {};
TYPED_TEST_SUITE(FiguresAgree, Backends, BackendNames);

TYPED_TEST(FiguresAgree, EveryMatrixCountOpensAListOfThatManyRecords) {
  SCHAKEL_REQUIRE_BACKEND(TypeParam::backend);
  auto server = demo_server(TypeParam::backend);
  const auto coordinator = session_cookie(*server, "coordinator@demo.schakel.be");
  const auto overview = http_get(server->port(), "/signalen/overzicht", coordinator);
  ASSERT_EQ(overview.status, 200);

  const std::regex cell(R"re(<a href="(/(signalen|noden|acties)\?[^"]+)">(\d+) [^<]*</a>)re");
  int cells = 0, nonzero = 0, total[3] = {0, 0, 0};
  for (auto it = std::sregex_iterator(overview.body.begin(), overview.body.end(), cell);
       it != std::sregex_iterator(); ++it) {
    const std::string href = unescape_amp((*it)[1]);
    const std::string list = (*it)[2];
    const int count = std::stoi((*it)[3]);
    ++cells;
    if (count > 0) ++nonzero;
    const auto page = http_get(server->port(), href, coordinator);
    ASSERT_EQ(page.status, 200) << href;
    const std::string item =
        list == "acties" ? "<li class=\"action-item\"" : "<li class=\"record\"";
    EXPECT_EQ(occurrences(page.body, item), static_cast<std::size_t>(count)) << href;
    total[list == "signalen" ? 0 : list == "noden" ? 1 : 2] += count;
  }
  // The demo tells a story in every column: the matrix is not empty, and the
  // check above compared real rows.
  EXPECT_GT(cells, 10);
  EXPECT_GT(nonzero, 5);
  EXPECT_GT(total[0], 0);
  EXPECT_GT(total[1], 0);
  EXPECT_GT(total[2], 0);
}

}  // namespace
}  // namespace schakel::signals
