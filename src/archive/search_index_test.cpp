#include "archive/search_index.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace schakel::archive {
namespace {

TEST(PageText, ReadsTheTitleAndTheMainTextOnly) {
  const auto text = page_text(
      "<html><head><title>Babobox – Schakel</title></head><body><nav>Menu</nav>"
      "<main id=\"inhoud\"><h1>Babobox</h1>\n<p>Praten &amp; spelen</p>"
      "<script>var x = 'geheim';</script></main><footer>Voet</footer></body></html>");
  EXPECT_EQ(text.title, "Babobox – Schakel");
  EXPECT_EQ(text.text, "Babobox Praten & spelen");
}

TEST(IndexWords, FoldsAccentsDropsFunctionWordsAndKeepsBothBracketForms) {
  const auto words = index_words("Één café voor ouderenmis(be)handeling");
  const std::vector<std::string> want = {
      "cafe", "ouderenmis", "be", "handeling", "ouderenmishandeling", "ouderenmisbehandeling"};
  EXPECT_EQ(words, want);
}

TEST(StaticSearchIndex, MapsEachWordToThePagesThatHoldIt) {
  StaticSearchIndex index;
  index.add("../a/index.html", {"Kindermishandeling herkennen", "Signalen van kindermishandeling"});
  index.add("../b/index.html", {"Partnergeweld", "Praten over partnergeweld"});
  EXPECT_EQ(index.page_count(), 2u);
  EXPECT_EQ(index.pages_with("kindermishandeling"), std::vector<std::size_t>{0});
  EXPECT_EQ(index.pages_with("partnergeweld"), std::vector<std::size_t>{1});
  EXPECT_TRUE(index.pages_with("van").empty());            // a function word
  EXPECT_TRUE(index.pages_with("Partnergeweld").empty());  // only folded words
}

TEST(StaticSearchIndex, WritesAScriptThatCannotEndAnEnclosingScriptElement) {
  StaticSearchIndex index;
  index.add("../a/index.html", {"</script><b>", "tekst"});
  const auto script = index.to_script();
  const std::string prefix = "window.SCHAKEL_ZOEKINDEX = ";
  const auto at = script.find(prefix);
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(script.find("</"), std::string::npos);
  const auto json_text = script.substr(at + prefix.size(), script.rfind(';') - at - prefix.size());
  const auto json = nlohmann::json::parse(json_text);
  EXPECT_EQ(json["pages"][0][0], "../a/index.html");
  EXPECT_EQ(json["pages"][0][1], "</script><b>");
  EXPECT_EQ(json["terms"]["tekst"], nlohmann::json::array({0}));
}

}  // namespace
}  // namespace schakel::archive
