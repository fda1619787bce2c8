// The Flesch-Douma score against values computed by hand (counts in the comments).
#include "citizens/readability.hpp"

#include <gtest/gtest.h>

namespace schakel::citizens {
namespace {

TEST(DutchSyllables, CountsVowelGroupsDiphthongsOnceAndDiaeresisAsANewGroup) {
  EXPECT_EQ(dutch_syllables("je"), 1);
  EXPECT_EQ(dutch_syllables("mijn"), 1);                // ij
  EXPECT_EQ(dutch_syllables("huis"), 1);                // ui
  EXPECT_EQ(dutch_syllables("geweld"), 2);              // e, e
  EXPECT_EQ(dutch_syllables("getuigen"), 3);            // e, ui, e
  EXPECT_EQ(dutch_syllables("Kindermishandeling"), 6);  // i, e, i, a, e, i
  EXPECT_EQ(dutch_syllables("ideeën"), 3);              // i, ee, ë
  EXPECT_EQ(dutch_syllables("coördinator"), 5);         // o, ö, i, a, o
  EXPECT_EQ(dutch_syllables("psychologische"), 5);      // y, o, o, i, e
  EXPECT_EQ(dutch_syllables("1712"), 1);                // no vowel: one
}

TEST(Readability, ShortSentencesWithCommonWordsAreEasy) {
  // "Je bent niet alleen. Bel 1712."
  // words: Je(1) bent(1) niet(1) alleen(2) | Bel(1) 1712(1) = 6 words, 7 syllables,
  // 2 sentences. 206.84 - 0.77 * (700 / 6) - 0.93 * 3 = 114.2167
  auto r = readability("Je bent niet alleen. Bel 1712.");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->counts.words, 6);
  EXPECT_EQ(r->counts.syllables, 7);
  EXPECT_EQ(r->counts.sentences, 2);
  EXPECT_NEAR(r->score, 114.2167, 0.001);
  EXPECT_EQ(r->level, ReadingLevel::easy);
}

TEST(Readability, OneLongSentenceOfLongWordsIsHard) {
  // Intrafamiliaal(5: I, a, a, i, iaa) geweld(2) veroorzaakt(3) langdurige(4)
  // psychologische(5) schade(2) bij(1) slachtoffers(3) en(1) getuigen(3)
  // = 10 words, 29 syllables, 1 sentence. 206.84 - 0.77 * 290 - 0.93 * 10 = -25.76
  auto r = readability(
      "Intrafamiliaal geweld veroorzaakt langdurige psychologische schade bij slachtoffers en "
      "getuigen.");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->counts.words, 10);
  EXPECT_EQ(r->counts.syllables, 29);
  EXPECT_EQ(r->counts.sentences, 1);
  EXPECT_NEAR(r->score, -25.76, 0.001);
  EXPECT_EQ(r->level, ReadingLevel::hard);
}

TEST(Readability, MarkdownLinesEndSentencesAndLinkTargetsAreNotRead) {
  // "## Wat kun je doen" (4 words: Wat 1, kun 1, je 1, doen 1) is a sentence of its
  // own; "- Luister naar het kind" (Luister 2, naar 1, het 1, kind 1) too;
  // "[Bel 1712](tel:1712)." reads "Bel 1712" (2 words, 2 syllables).
  // 10 words, 4 + 5 + 2 = 11 syllables, 3 sentences:
  // 206.84 - 0.77 * 110 - 0.93 * (10 / 3) = 119.04
  auto r = readability("## Wat kun je doen\n\n- Luister naar het kind\n\n[Bel 1712](tel:1712).");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->counts.words, 10);
  EXPECT_EQ(r->counts.syllables, 11);
  EXPECT_EQ(r->counts.sentences, 3);
  EXPECT_NEAR(r->score, 119.04, 0.001);
}

TEST(Readability, ADecimalPointDoesNotEndASentence) {
  // "Bel tussen 9.00 en 17.00 uur." Bel(1) tussen(2) 9(1) 00(1) en(1) 17(1) 00(1) uur(1)
  // = 8 words, 9 syllables, 1 sentence: 206.84 - 0.77 * 112.5 - 0.93 * 8 = 112.775
  auto r = readability("Bel tussen 9.00 en 17.00 uur.");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->counts.sentences, 1);
  EXPECT_EQ(r->counts.words, 8);
  EXPECT_EQ(r->counts.syllables, 9);
  EXPECT_NEAR(r->score, 112.775, 0.001);
}

TEST(Readability, DashesAndQuotesAreNoWords) {
  // "Bel 1712 – gratis en „anoniem”." Bel(1) 1712(1) gratis(2) en(1) anoniem(3: a, o, ie)
  // = 5 words, 8 syllables, 1 sentence: 206.84 - 0.77 * 160 - 0.93 * 5 = 78.99
  auto r = readability("Bel 1712 \u2013 gratis en \u201eanoniem\u201d.");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->counts.words, 5);
  EXPECT_EQ(r->counts.syllables, 8);
  EXPECT_NEAR(r->score, 78.99, 0.001);
}

TEST(Readability, LevelsFollowTheBoundaries) {
  EXPECT_EQ(level_of(60.5), ReadingLevel::easy);
  EXPECT_EQ(level_of(60), ReadingLevel::moderate);
  EXPECT_EQ(level_of(30), ReadingLevel::moderate);
  EXPECT_EQ(level_of(29.9), ReadingLevel::hard);
  EXPECT_FALSE(readability("  -- ##  "));
}

}  // namespace
}  // namespace schakel::citizens
