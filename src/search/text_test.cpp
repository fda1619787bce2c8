#include "search/text.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/embedded.hpp"
#include "search/engine.hpp"

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

TEST(Decompound, SplitsOffAKnownLastPartAfterAnUnknownFirstPart) {
  const auto& dict = Dictionary::dutch();
  ASSERT_FALSE(dict.contains("sibling"));  // the point: a head the list does not know
  EXPECT_EQ(compound_parts("siblinggeweld", dict), (std::vector<std::string>{"sibling", "geweld"}));
  EXPECT_EQ(compound_parts("relatiegeweld", dict), (std::vector<std::string>{"relatie", "geweld"}));
  // No false splits: a short last part ("box", "cast"), a head without a vowel
  // or of fewer than 4 letters, or a word the list knows as a whole.
  EXPECT_TRUE(compound_parts("babobox", dict).empty());
  EXPECT_TRUE(compound_parts("podcast", dict).empty());
  EXPECT_TRUE(compound_parts("xxxxgeweld", dict).empty());
  EXPECT_TRUE(compound_parts("ifggeweld", dict).empty());
  EXPECT_TRUE(compound_parts("webinars", dict).empty());
  EXPECT_TRUE(compound_parts("intervisie", dict).empty());
  EXPECT_TRUE(compound_parts("organisatie", dict).empty());
}

TEST(Decompound, FindsTheBaseWordOfDiminutives) {
  const auto& dict = Dictionary::dutch();
  for (const auto& [word, base] :
       std::vector<std::pair<std::string, std::string>>{{"postkaartje", "postkaart"},
                                                        {"postkaartjes", "postkaart"},
                                                        {"kaartje", "kaart"},
                                                        {"huisjes", "huis"},
                                                        {"boekje", "boek"},
                                                        {"boompje", "boom"},
                                                        {"filmpjes", "film"},
                                                        {"ringetje", "ring"},
                                                        {"bloemetjes", "bloem"},
                                                        {"mannetje", "man"},
                                                        {"stoeltje", "stoel"},
                                                        {"broertjes", "broer"},
                                                        {"koninkje", "koning"},
                                                        {"zusje", "zus"},
                                                        {"foldertje", "folder"}}) {
    auto bases = diminutive_bases(word, dict);
    EXPECT_NE(std::find(bases.begin(), bases.end(), base), bases.end()) << word;
    EXPECT_LE(bases.size(), 2u) << word;
  }
  for (const char* plain : {"postkaart", "postkaarten", "geweld", "kinderen", "je", "jes", "",
                            "kind1je", "mishandeling"})
    EXPECT_TRUE(diminutive_bases(plain, dict).empty()) << plain;
  // Only one base when the list knows one candidate.
  EXPECT_EQ(diminutive_bases("postkaartjes", dict), std::vector<std::string>{"postkaart"});
}

TEST(BracketWords, GivesBothFullFormsAlsoInsideCompounds) {
  const std::string text =
      "Over ouderenmis(be)handeling, vriend(in) en (groot)ouders; f(x) = (niet)";
  auto words = bracket_words(text);
  ASSERT_EQ(words.size(), 4u);
  EXPECT_EQ(words[0].without, "ouderenmishandeling");
  EXPECT_EQ(words[0].at, 10u);
  EXPECT_EQ(words[0].with, "ouderenmisbehandeling");
  EXPECT_EQ(text.substr(words[0].begin, words[0].end - words[0].begin), "ouderenmis(be)handeling");
  EXPECT_EQ(words[1].without, "vriend");
  EXPECT_EQ(words[1].with, "vriendin");
  EXPECT_EQ(text.substr(words[1].begin, words[1].end - words[1].begin), "vriend(in)");
  EXPECT_EQ(words[2].without, "ouders");
  EXPECT_EQ(words[2].with, "grootouders");
  EXPECT_EQ(words[3].without, "f");
  EXPECT_EQ(words[3].with, "fx");
  EXPECT_TRUE(bracket_words("geen haakjes (hier staat een zin)").empty());
  EXPECT_TRUE(bracket_words("mis(behandelingvanouderen)").empty());  // more than 8 letters
  EXPECT_TRUE(bracket_words("((((").empty());
  EXPECT_TRUE(bracket_words(")(a)(").size() <= 1);
}

TEST(MarkdownToPlain, LeavesOutMarksAndKeepsWords) {
  EXPECT_EQ(markdown_to_plain("Een reeks.\n\n*Voorbeeldreeks (demo).*"),
            "Een reeks. Voorbeeldreeks (demo).");
  EXPECT_EQ(
      markdown_to_plain("## Kop\n- een **vet** punt\n- een [link](https://x.be/a_b)\n> citaat"),
      "Kop een vet punt een link citaat");
  EXPECT_EQ(markdown_to_plain("ouderenmis(be)handeling en snake_case"),
            "ouderenmis(be)handeling en snake_case");
  EXPECT_EQ(markdown_to_plain("1. eerste\n2. tweede, 1712."), "eerste tweede, 1712.");
  EXPECT_EQ(markdown_to_plain("één twee", 5), "één");
  EXPECT_EQ(markdown_to_plain("één twee", 3), "é");
  EXPECT_EQ(markdown_to_plain("één", 1), "");
}

TEST(StopWords, AreTheSmallFunctionWords) {
  for (const char* w : {"van", "de", "het", "een", "en", "voor", "tussen"})
    EXPECT_EQ(is_stop_word(w), std::string(w) != "tussen") << w;
  EXPECT_FALSE(is_stop_word("geweld"));
  EXPECT_FALSE(is_stop_word(""));
}

TEST(ParseQuery, ReadsAWordWithABracketedPartAsOneWordWithTwoSpellings) {
  auto q = parse_query("Ouderenmis(be)handeling gent");
  ASSERT_EQ(q.parts.size(), 2u);
  EXPECT_EQ(q.parts[0].words, std::vector<std::string>{"ouderenmishandeling"});
  EXPECT_EQ(q.parts[0].spellings, std::vector<std::string>{"ouderenmisbehandeling"});
  EXPECT_EQ(q.parts[1].words, std::vector<std::string>{"gent"});
  EXPECT_TRUE(q.parts[1].spellings.empty());
}

TEST(Thesaurus, MergesIntoTheCoordinatorsListWithoutChangingTheirLines) {
  const std::string thesaurus =
      "# thesaurus-versie: 3\n"
      "partnergeweld, relatiegeweld, partnermishandeling\n"
      "stalking, belaging\n"
      "tool, instrument\n";
  EXPECT_EQ(thesaurus_version(thesaurus), 3);
  EXPECT_EQ(thesaurus_version("geen versie"), 0);
  const std::string mine =
      "# mijn lijst\n"
      "partnergeweld, geweld in de relatie\n"
      "instrument, tool, hulpmiddel\n";
  const auto merged = merge_thesaurus(mine, thesaurus, 3);
  EXPECT_EQ(merged,
            "# mijn lijst\n"
            "partnergeweld, geweld in de relatie, relatiegeweld, partnermishandeling\n"
            "instrument, tool, hulpmiddel\n"
            "# Aangevuld uit de thesaurus van het werkveld (versie 3); pas gerust aan.\n"
            "stalking, belaging");
  EXPECT_TRUE(Synonyms::parse(merged));
  // Merging again adds nothing.
  EXPECT_EQ(merge_thesaurus(merged, thesaurus, 3), merged);
  // A list that would grow past the limit stays as it is.
  std::string full;
  while (full.size() + 40 < Synonyms::max_bytes) full += "# een lange lijst met opmerkingen\n";
  EXPECT_EQ(merge_thesaurus(full, thesaurus, 3), full);
  EXPECT_EQ(merge_thesaurus("", "a, b", 1),
            "# Aangevuld uit de thesaurus van het werkveld (versie 1); pas gerust aan.\na, b");
}

TEST(Thesaurus, TheShippedThesaurusParsesAndCoversTheFieldsTerms) {
  const auto* file = embedded::find(thesaurus_path);
  ASSERT_NE(file, nullptr);
  const std::string text(file->data);
  EXPECT_GE(thesaurus_version(text), 1);
  auto parsed = Synonyms::parse(text);
  ASSERT_TRUE(parsed) << parsed.error().fields.front().message;
  EXPECT_GE(parsed.value().groups().size(), 40u);
  auto same = [&](const std::string& a, const std::string& b) {
    std::vector<std::string> wa, wb;
    for (auto& t : tokenize(a)) wa.push_back(t.word);
    for (auto& t : tokenize(b)) wb.push_back(t.word);
    for (const auto& g : parsed.value().groups())
      if (std::find(g.alternatives.begin(), g.alternatives.end(), wa) != g.alternatives.end() &&
          std::find(g.alternatives.begin(), g.alternatives.end(), wb) != g.alternatives.end())
        return true;
    return false;
  };
  EXPECT_TRUE(same("huiselijk geweld", "intrafamiliaal geweld"));
  EXPECT_TRUE(same("huiselijk geweld", "IFG"));
  EXPECT_TRUE(same("partnergeweld", "relatiegeweld"));
  EXPECT_TRUE(same("partnergeweld", "partnermishandeling"));
  EXPECT_TRUE(same("siblinggeweld", "geweld tussen broers en zussen"));
  EXPECT_TRUE(same("ouderenmishandeling", "ouderenmisbehandeling"));
  EXPECT_TRUE(same("stalking", "belaging"));
  EXPECT_TRUE(same("loverboys", "tienerpooiers"));
  EXPECT_TRUE(same("vertrouwenscentrum kindermishandeling", "VK"));
  EXPECT_TRUE(same("family justice center", "veilig huis"));
  EXPECT_TRUE(same("meldcode", "beroepsgeheim"));
  EXPECT_TRUE(same("intervisie", "supervisie"));
  // Every group of the list the database started with (migration 0006) is in
  // it, so seeding an untouched list only adds.
  for (const auto& [a, b] : std::vector<std::pair<std::string, std::string>>{
           {"huiselijk geweld", "familiaal geweld"},
           {"partnergeweld", "relationeel geweld"},
           {"partnergeweld", "geweld in de relatie"},
           {"kindermishandeling", "mishandeling van kinderen"},
           {"ouderenmishandeling", "geweld tegen ouderen"},
           {"seksueel geweld", "seksueel misbruik"},
           {"tool", "methodiek"},
           {"vorming", "opleiding"},
           {"vorming", "training"}})
    EXPECT_TRUE(same(a, b)) << a << " ~ " << b;
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
  EXPECT_FALSE(Synonyms::parse("een twee drie vier vijf zes zeven, acht"));
  // The field's phrasings need more than four words.
  EXPECT_TRUE(Synonyms::parse("siblinggeweld, geweld tussen broers en zussen"));
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
