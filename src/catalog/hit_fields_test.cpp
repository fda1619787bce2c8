// The quick reader of a search hit's stored data: the same fields as a parsed
// JSON document gives, and nullopt (so the page reads the document whole) for
// anything it does not take.
#include "catalog/hit_fields.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace schakel::catalog {
namespace {

TEST(CatalogHitFields, ReadsTheFieldsTheIndexersWrite) {
  const std::string data = nlohmann::json{
      {"id", 7},
      {"slug", "werkfiche-\"gesprek\""},
      {"href", "/vorming/reeks"},
      {"title", "Één \\ werkfiche\n<b>"},
      {"summary", "Lang verhaal"},
      {"kind", "tool"},
      {"kind_label", "Hulppagina"},
      {"visibility", "public"},
      {"published_at",
       1767225600}}.dump();
  const auto f = read_hit_fields(data);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->slug, "werkfiche-\"gesprek\"");
  EXPECT_EQ(f->href, "/vorming/reeks");
  EXPECT_TRUE(f->has_href);
  EXPECT_EQ(f->title, "Één \\ werkfiche\n<b>");
  EXPECT_EQ(f->kind, "tool");
  EXPECT_EQ(f->kind_label, "Hulppagina");
  EXPECT_TRUE(f->has_kind_label);
  EXPECT_EQ(f->published_at, 1767225600);
}

TEST(CatalogHitFields, AbsentFieldsStayEmptyAndSay) {
  const auto f = read_hit_fields(R"({"slug":"a","title":"T","kind":"tool"})");
  ASSERT_TRUE(f.has_value());
  EXPECT_FALSE(f->has_href);
  EXPECT_FALSE(f->has_kind_label);
  EXPECT_EQ(f->href, "");
  EXPECT_EQ(f->published_at, 0);
}

TEST(CatalogHitFields, SkipsNestedValuesOfOtherMembersAndTakesTheLastDuplicate) {
  const auto f = read_hit_fields(
      R"({"extra":{"title":"inner","list":[1,"x",{"kind":"no"}],"n":null},"title":"first",)"
      R"("flag":true,"none":null,"title":"last","published_at":12.9,"kind":"tool"})");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->title, "last");
  EXPECT_EQ(f->kind, "tool");
  EXPECT_EQ(f->published_at, 12);  // as json::value<std::int64_t> converts it
  // A member of another type, then again as a string: the last one counts.
  const auto again = read_hit_fields(R"({"title":5,"title":"twee"})");
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->title, "twee");
}

TEST(CatalogHitFields, LeavesAnythingElseToTheFullParse) {
  for (const char* bad : {
           "",                                  // nothing
           "not json",                          // malformed
           R"({"title":"open)",                 // cut off
           R"({"title":"a"} trailing)",         // more after the object
           R"(["title","a"])",                  // not an object
           R"("title")",                        // not an object
           "42",                                // not an object
           R"({"title":5})",                    // a named member of another type
           R"({"href":null})",                  // null where a string is read
           R"({"kind":{"a":1}})",               // an object where a string is read
           R"({"kind_label":["x"]})",           // an array where a string is read
           R"({"published_at":"2026-01-01"})",  // a string where a number is read
           R"({"published_at":true})",          // a boolean where a number is read
           "{\"title\":\"\xff\"}",              // not UTF-8
       })
    EXPECT_FALSE(read_hit_fields(bad).has_value()) << bad;
}

// Inputs the quick reader takes give what the full parse gave the page, field by
// field: numbers at the edges of int64 and unsigned, escapes, nested names.
TEST(CatalogHitFields, AgreesWithTheFullParseOnEdgeValues) {
  for (const std::string data : {
           R"({"published_at":18446744073709551615})",
           R"({"published_at":9223372036854775807})",
           R"({"published_at":-9223372036854775808})",
           R"({"published_at":-12.75})",
           R"({"published_at":1.7e9,"published_at":3})",
           R"({"title":"\u00e9\ud83d\ude00\n\"","slug":"\/a"})",
           R"({"x":{"title":"binnen","href":"/x"},"title":"buiten"})",
           R"({"x":[{"kind":"a"},["kind"]],"kind":"tool","kind_label":""})",
           R"({"href":"","kind_label":"Hulppagina","href":"/h"})",
       }) {
    const auto f = read_hit_fields(data);
    ASSERT_TRUE(f.has_value()) << data;
    const auto doc = nlohmann::json::parse(data);
    EXPECT_EQ(f->href, doc.value("href", "")) << data;
    EXPECT_EQ(f->has_href, doc.contains("href")) << data;
    EXPECT_EQ(f->slug, doc.value("slug", "")) << data;
    EXPECT_EQ(f->title, doc.value("title", "")) << data;
    EXPECT_EQ(f->kind, doc.value("kind", "")) << data;
    EXPECT_EQ(f->kind_label, doc.value("kind_label", "")) << data;
    EXPECT_EQ(f->has_kind_label, doc.contains("kind_label")) << data;
    EXPECT_EQ(f->published_at, doc.value("published_at", std::int64_t{0})) << data;
  }
}

// The memo answers what the reader answers, for data seen before or not, for
// data it does not take, and after it was emptied for being full.
TEST(CatalogHitFields, TheMemoAnswersWhatTheReaderAnswers) {
  const std::string first = R"({"slug":"een","title":"Eén","kind":"tool","published_at":5})";
  const std::string second = R"({"slug":"twee","title":"Twee","kind":"practice"})";
  for (int round = 0; round < 2; ++round)
    for (const auto* data : {&first, &second}) {
      const auto remembered = remembered_hit_fields(*data);
      ASSERT_TRUE(remembered.has_value());
      const auto read = read_hit_fields(*data);
      EXPECT_EQ(remembered->slug, read->slug);
      EXPECT_EQ(remembered->title, read->title);
      EXPECT_EQ(remembered->kind, read->kind);
      EXPECT_EQ(remembered->published_at, read->published_at);
    }
  EXPECT_FALSE(remembered_hit_fields(R"({"title":5})").has_value());
  EXPECT_FALSE(remembered_hit_fields(R"({"title":5})").has_value());
  for (std::size_t i = 0; i <= hit_fields_memo_size; ++i)
    ASSERT_EQ(remembered_hit_fields(R"({"slug":")" + std::to_string(i) + R"("})")->slug,
              std::to_string(i));
  EXPECT_EQ(remembered_hit_fields(first)->title, "Eén");
  EXPECT_EQ(remembered_hit_fields(R"({"slug":"0"})")->slug, "0");
}

}  // namespace
}  // namespace schakel::catalog
