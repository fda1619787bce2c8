#include "search/text.hpp"

#include <gtest/gtest.h>

#include "search/decompound.hpp"
#include "search/query.hpp"
#include "search/synonyms.hpp"

namespace schakel::search {
namespace {

TEST(Fold, LowersAndFoldsDutchAndFrenchAccents) {
  EXPECT_EQ(fold("Één Café ÏJsje"), "een cafe ijsje");
  EXPECT_EQ(fold("coördinator"), "coordinator");
  EXPECT_EQ(fold("ĳs"), "ijs");
  EXPECT_EQ(fold("Straße"), "strasse");
}

TEST(Fold, DropsInvalidBytesAndKeepsOtherScripts) {
  EXPECT_EQ(fold(std::string("a\xff"
                             "b")),
            "ab");
  EXPECT_EQ(fold("日本"), "日本");
}

TEST(Tokenize, SplitsOnPunctuationAndKeepsOffsets) {
  auto tokens = tokenize("Barst?! met IFG-module, één—twee");
  ASSERT_EQ(tokens.size(), 6u);
  EXPECT_EQ(tokens[0].word, "barst");
  EXPECT_EQ(tokens[2].word, "ifg");
  EXPECT_EQ(tokens[3].word, "module");
  EXPECT_EQ(tokens[4].word, "een");
  EXPECT_EQ(tokens[5].word, "twee");
  std::string text = "Barst?! met IFG-module, één—twee";
  EXPECT_EQ(text.substr(tokens[4].begin, tokens[4].end - tokens[4].begin), "één");
}

TEST(Tokenize, CutsLongWordsOnACharacterBoundary) {
  std::string long_word(30, 'a');
  long_word += "ééééé";
  auto tokens = tokenize(long_word, 31);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_LE(tokens[0].word.size(), 31u);
}

TEST(Decompound, SplitsCompoundsWithAndWithoutLinkingLetters) {
  const auto& dict = Dictionary::dutch();
  EXPECT_GT(dict.size(), 100'000u);
  EXPECT_EQ(compound_parts("kindermishandeling", dict),
            (std::vector<std::string>{"kind", "mishandeling"}));
  EXPECT_EQ(compound_parts("ouderenmishandeling", dict),
            (std::vector<std::string>{"ouderen", "mishandeling"}));
  EXPECT_EQ(compound_parts("slachtofferfiche", dict),
            (std::vector<std::string>{"slachtoffer", "fiche"}));
  auto parts = compound_parts("partnergeweld", dict);
  ASSERT_FALSE(parts.empty());
  EXPECT_EQ(parts.back(), "geweld");
}

TEST(Decompound, LeavesPlainWordsAndOddInputAlone) {
  const auto& dict = Dictionary::dutch();
  EXPECT_TRUE(compound_parts("geweld", dict).empty());
  EXPECT_TRUE(compound_parts("", dict).empty());
  EXPECT_TRUE(compound_parts("xxxxxxxxxxxxxxxx", dict).empty());
  EXPECT_TRUE(compound_parts(std::string(500, 'a'), dict).empty());
  EXPECT_TRUE(compound_parts("kind1mishandeling", dict).empty());
}

TEST(ParseQuery, ReadsWordsPhrasesAndExclusions) {
  auto q = parse_query("Kinderen \"huiselijk  geweld\" -test ex-partner");
  ASSERT_EQ(q.parts.size(), 5u);
  EXPECT_EQ(q.parts[0].words, std::vector<std::string>{"kinderen"});
  EXPECT_TRUE(q.parts[1].phrase);
  EXPECT_EQ(q.parts[1].words, (std::vector<std::string>{"huiselijk", "geweld"}));
  EXPECT_TRUE(q.parts[2].excluded);
  EXPECT_EQ(q.parts[3].words, std::vector<std::string>{"ex"});
  EXPECT_FALSE(q.parts[3].excluded);
  EXPECT_EQ(q.parts[4].words, std::vector<std::string>{"partner"});
  EXPECT_EQ(to_text(q), "kinderen \"huiselijk geweld\" -test ex partner");
}

TEST(ParseQuery, HandlesHostileInput) {
  EXPECT_TRUE(parse_query("").empty());
  EXPECT_TRUE(parse_query("-alleen -uitgesloten").empty());
  EXPECT_TRUE(parse_query("\"\"\"\"-").empty());
  auto unclosed = parse_query("\"partner geweld");
  ASSERT_EQ(unclosed.parts.size(), 1u);
  EXPECT_TRUE(unclosed.parts[0].phrase);
  std::string many;
  for (int i = 0; i < 100; ++i) many += "woord" + std::to_string(i) + " ";
  EXPECT_EQ(parse_query(many).parts.size(), max_query_parts);
  EXPECT_TRUE(parse_query(std::string("\xff\xfe<script>", 10)).parts.size() <= 1);
}

TEST(Synonyms, ParsesGroupsAndRejectsBadLines) {
  auto ok = Synonyms::parse(
      "# commentaar\nhuiselijk geweld, IFG, Intrafamiliaal geweld\n\ntool, instrument\n");
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok.value().groups().size(), 2u);
  EXPECT_EQ(ok.value().groups()[0].alternatives[2],
            (std::vector<std::string>{"intrafamiliaal", "geweld"}));
  auto lonely = Synonyms::parse("tool, instrument\nalleen\n");
  ASSERT_FALSE(lonely);
  EXPECT_EQ(lonely.error().fields.front().field, "synonyms");
  EXPECT_NE(lonely.error().fields.front().message.find("Regel 2"), std::string::npos);
  EXPECT_FALSE(Synonyms::parse("een twee drie vier vijf, zes"));
  std::string huge;
  while (huge.size() <= Synonyms::max_bytes) huge += "# commentaar\n";
  auto too_long = Synonyms::parse(huge);
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().fields.front().field, "synonyms");
}

TEST(Synonyms, MatchesTheLongestAlternativeFirst) {
  auto s = Synonyms::parse("geweld, agressie\nhuiselijk geweld, IFG\n").value();
  std::vector<std::string> words{"huiselijk", "geweld", "thuis"};
  auto m = s.matches_at(words, 0);
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m.front().group, 1u);
  EXPECT_EQ(m.front().length, 2u);
  EXPECT_EQ(s.matches_at(words, 1).front().group, 0u);
  EXPECT_TRUE(s.matches_at(words, 2).empty());
}

}  // namespace
}  // namespace schakel::search
