// Search quality on a fixed small corpus: each test names the behaviour a
// professional relies on and the result it must give first.
#include "search/index.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <fstream>

#include "search/index_internal.hpp"
#include "search/text.hpp"
#include "test_support.hpp"

namespace schakel::search {
namespace {

IndexDocument doc(std::string key, std::string title, std::string summary,
                  std::vector<std::pair<std::string, std::string>> facets = {},
                  std::string visibility = "public", std::int64_t date = 0) {
  IndexDocument d;
  d.key = std::move(key);
  d.fields = {{title, 5}, {summary, 2}};
  d.facets = std::move(facets);
  d.visibility = std::move(visibility);
  d.date = date;
  d.snippet_source = summary;
  d.data = "{\"title\":\"" + title + "\"}";
  return d;
}

std::vector<std::string> keys(const SearchOutcome& o) {
  std::vector<std::string> out;
  for (const auto& h : o.hits) out.push_back(h.key);
  return out;
}

int count_of(const SearchOutcome& o, const std::string& facet, const std::string& value) {
  auto it = o.facets.find(facet);
  if (it == o.facets.end()) return -1;
  for (const auto& c : it->second)
    if (c.value == value) return c.count;
  return 0;
}

class SearchQuality : public ::testing::Test {
 protected:
  void SetUp() override {
    index = std::make_unique<SearchIndex>((dir.path() / "index").string());
    synonyms = Synonyms::parse(
                   "huiselijk geweld, intrafamiliaal geweld, IFG\n"
                   "partnergeweld, relationeel geweld\n")
                   .value();
    index->put(doc("kind", "Signalen van kindermishandeling herkennen",
                   "Een fiche voor leerkrachten over vroege signalen bij kinderen.",
                   {{"kind", "tool"},
                    {"theme", "child_abuse"},
                    {"track", "prevention"},
                    {"audience", "teachers"}},
                   "public", 100));
    index->put(doc("ouder", "Buurtaanpak ouderenmishandeling",
                   "Wijkwerkers en huisartsen werken samen rond oudere slachtoffers.",
                   {{"kind", "good_practice"},
                    {"theme", "elder_abuse"},
                    {"track", "care"},
                    {"audience", "general_practitioners"}},
                   "public", 300));
    index->put(doc("fiche", "De slachtofferfiche van de politie",
                   "Hoe de politie een slachtoffer doorverwijst naar hulp.",
                   {{"kind", "tool"},
                    {"theme", "partner_violence"},
                    {"track", "enforcement"},
                    {"audience", "police"}},
                   "public", 200));
    index->put(doc("ifg", "Beleidsnota intrafamiliaal geweld",
                   "Een lokaal beleid tegen intrafamiliaal geweld in vijf stappen.",
                   {{"kind", "document"}, {"theme", "partner_violence"}, {"track", "care"}},
                   "public", 400));
    index->put(doc("cafe", "Praatcafé voor mantelzorgers",
                   "Een avond in het café over zorg en spanning thuis.",
                   {{"kind", "initiative"}, {"theme", "elder_abuse"}, {"track", "prevention"}},
                   "public", 50));
    index->put(doc("geheim", "Draaiboek risicotaxatie voor het ketenoverleg",
                   "Alleen voor professionals: het draaiboek van de casusoverleggen.",
                   {{"kind", "tool"}, {"theme", "partner_violence"}, {"track", "enforcement"}},
                   "professionals", 500));
    index->put(doc("relatie", "Relationeel geweld bij jongeren",
                   "Een lespakket over gezonde relaties en geweld tussen jongeren.",
                   {{"kind", "tool"},
                    {"theme", "partner_violence"},
                    {"track", "prevention"},
                    {"audience", "teachers"}},
                   "public", 250));
    index->commit(7);
  }

  SearchOutcome find(std::string text, std::vector<std::string> visible = {"public"},
                     std::map<std::string, std::vector<std::string>> filters = {}) {
    SearchQuery q;
    q.text = std::move(text);
    q.visibilities = std::move(visible);
    q.filters = std::move(filters);
    q.facet_names = {"kind", "theme", "track", "audience"};
    return index->search(q, synonyms);
  }

  testing::TempDir dir;
  std::unique_ptr<SearchIndex> index;
  Synonyms synonyms;
};

TEST_F(SearchQuality, StemmingFindsOtherFormsOfAWord) {
  auto o = find("signaal");
  ASSERT_FALSE(o.hits.empty());
  EXPECT_EQ(o.hits.front().key, "kind");
  auto k = keys(find("slachtoffers"));
  EXPECT_NE(std::find(k.begin(), k.end(), "fiche"), k.end());
}

TEST_F(SearchQuality, DecompoundingFindsThePartsOfCompounds) {
  auto o = find("mishandeling");
  EXPECT_EQ(o.total, 2);
  auto k = keys(o);
  EXPECT_NE(std::find(k.begin(), k.end(), "kind"), k.end());
  EXPECT_NE(std::find(k.begin(), k.end(), "ouder"), k.end());
  auto fiche = keys(find("fiche"));
  EXPECT_NE(std::find(fiche.begin(), fiche.end(), "fiche"), fiche.end());
  // A word that only occurs inside compounds is still corrected when mistyped.
  auto typo = find("mishandleing");
  EXPECT_EQ(typo.suggestion, "mishandeling");
  EXPECT_EQ(typo.total, 2);
}

TEST_F(SearchQuality, SynonymsFindTheOtherWords) {
  auto o = find("huiselijk geweld");
  ASSERT_FALSE(o.hits.empty());
  EXPECT_EQ(o.hits.front().key, "ifg");
  EXPECT_EQ(find("IFG").hits.front().key, "ifg");
  auto partner = keys(find("partnergeweld"));
  EXPECT_NE(std::find(partner.begin(), partner.end(), "relatie"), partner.end());
}

TEST_F(SearchQuality, ATypoInALongWordStillFindsTheRightResourceFirst) {
  auto o = find("kindermishandleing");
  EXPECT_TRUE(o.used_suggestion);
  EXPECT_EQ(o.suggestion, "kindermishandeling");
  ASSERT_FALSE(o.hits.empty());
  EXPECT_EQ(o.hits.front().key, "kind");
  auto o2 = find("beleidsntoa");
  ASSERT_FALSE(o2.hits.empty());
  EXPECT_EQ(o2.hits.front().key, "ifg");
}

TEST_F(SearchQuality, AccentsDoNotMatter) {
  EXPECT_EQ(find("cafe").hits.front().key, "cafe");
  EXPECT_EQ(find("PRAATCAFÉ").hits.front().key, "cafe");
}

TEST_F(SearchQuality, PhrasesNeedTheWordsTogether) {
  EXPECT_EQ(keys(find("\"geweld tussen\"")), std::vector<std::string>{"relatie"});
  EXPECT_EQ(find("\"tussen geweld\"").total, 0);
}

TEST_F(SearchQuality, ExcludedWordsRemoveResults) {
  auto with = find("geweld");
  auto without = find("geweld -jongeren");
  EXPECT_EQ(without.total, with.total - 1);
}

TEST_F(SearchQuality, FacetCountsAreOrWithinAFacetAndAndAcross) {
  auto all = find("");
  EXPECT_EQ(all.total, 6);  // the professionals-only one is not there
  EXPECT_EQ(count_of(all, "kind", "tool"), 3);
  EXPECT_EQ(count_of(all, "track", "prevention"), 3);

  auto tools = find("", {"public"}, {{"kind", {"tool"}}});
  EXPECT_EQ(tools.total, 3);
  // Other kinds keep their count, as if chosen in addition (OR).
  EXPECT_EQ(count_of(tools, "kind", "document"), 1);
  // Other facets count within the tools only (AND).
  EXPECT_EQ(count_of(tools, "track", "prevention"), 2);
  EXPECT_EQ(count_of(tools, "track", "care"), 0);

  auto two = find("", {"public"}, {{"kind", {"tool", "document"}}});
  EXPECT_EQ(two.total, 4);
  auto both = find("", {"public"}, {{"kind", {"tool", "document"}}, {"track", {"care"}}});
  EXPECT_EQ(both.total, 1);
  EXPECT_EQ(keys(both), std::vector<std::string>{"ifg"});
  EXPECT_EQ(count_of(both, "kind", "good_practice"), 1);
}

TEST_F(SearchQuality, VisibilityHoldsInResultsFacetsAndSuggestions) {
  EXPECT_EQ(find("draaiboek").total, 0);
  EXPECT_EQ(find("draaiboek", {"public", "professionals"}).hits.front().key, "geheim");
  auto typo = find("risicotaxatei");
  EXPECT_EQ(typo.total, 0);
  EXPECT_EQ(typo.suggestion, "");
  // Counts of an empty result for the public: nothing of the hidden resource.
  EXPECT_EQ(count_of(find("ketenoverleg"), "kind", "tool"), 0);
  EXPECT_EQ(count_of(find(""), "kind", "tool"), 3);
  for (const auto& [facet, counts] : find("").facets)
    for (const auto& c : counts) EXPECT_NE(c.value, "") << facet;
  EXPECT_EQ(find("", {}).total, 0);
}

TEST_F(SearchQuality, NewestFirstOrdersByDate) {
  SearchQuery q;
  q.visibilities = {"public"};
  q.newest_first = true;
  q.limit = 3;
  auto o = index->search(q, synonyms);
  EXPECT_EQ(keys(o), (std::vector<std::string>{"ifg", "ouder", "relatie"}));
  q.offset = 3;
  EXPECT_EQ(keys(index->search(q, synonyms)), (std::vector<std::string>{"fiche", "kind", "cafe"}));
}

TEST_F(SearchQuality, SnippetsMarkTheMatchesAndEscapeTheRest) {
  index->put(doc("xss", "Een <script> in de titel", "Tekst met <b>tags</b> & geweld erin."));
  index->commit(8);
  auto o = find("tags");
  ASSERT_EQ(o.hits.size(), 1u);
  EXPECT_EQ(o.hits.front().snippet_html,
            "Tekst met &lt;b&gt;<mark>tags</mark>&lt;/b&gt; &amp; geweld erin.");
}

TEST_F(SearchQuality, SnippetsEscapeQuotesAroundMarksAndLeaveStopWordsUnmarked) {
  index->put(doc("quotes", "Aanhalingstekens", "Zeg \"stop\" en 'stop' naar <huis> & blijf."));
  index->commit(8);
  auto o = find("stop naar");
  ASSERT_EQ(o.hits.size(), 1u);
  EXPECT_EQ(o.hits.front().snippet_html,
            "Zeg &quot;<mark>stop</mark>&quot; en &#39;<mark>stop</mark>&#39; naar &lt;huis&gt; "
            "&amp; blijf.");
}

TEST_F(SearchQuality, RemovedAndReplacedDocumentsAreFoundAsTheyAreNow) {
  index->remove("cafe");
  index->put(doc("kind", "Nieuwe titel zonder het oude woord", "Iets anders."));
  index->commit(9);
  EXPECT_EQ(find("praatcafe").total, 0);
  EXPECT_EQ(find("signalen").total, 0);
  EXPECT_EQ(find("nieuwe").hits.front().key, "kind");
  EXPECT_EQ(count_of(find(""), "kind", "tool"), 2);
}

TEST_F(SearchQuality, AWordWithABracketedPartIsFoundByEitherFullForm) {
  index->put(doc("buurt", "Buurtaanpak ouderenmis(be)handeling",
                 "Een buurtteam herkent ouderenmis(be)handeling."));
  index->commit(8);
  // Only this one has the long form, inside a compound or not.
  for (const char* query : {"ouderenmisbehandeling", "misbehandeling"})
    EXPECT_EQ(keys(find(query)), std::vector<std::string>{"buurt"}) << query;
  // The short form, or the word as written, finds it and "ouderenmishandeling".
  for (const char* query :
       {"ouderenmishandeling", "ouderenmis(be)handeling", "OUDERENMIS(BE)HANDELING"}) {
    auto k = keys(find(query));
    std::sort(k.begin(), k.end());
    EXPECT_EQ(k, (std::vector<std::string>{"buurt", "ouder"})) << query;
  }
  // The snippet marks the word as written.
  auto o = find("ouderenmishandeling");
  for (const auto& hit : o.hits) {
    if (hit.key == "buurt") {
      EXPECT_EQ(hit.snippet_html, "Een buurtteam herkent <mark>ouderenmis(be)handeling</mark>.");
    }
  }
}

TEST_F(SearchQuality, DiminutivesAndPluralsMeetTheirBaseWord) {
  index->put(doc("kaartjes", "Postkaartjes voor burgers", "Drie kaartjes met tips."));
  index->put(doc("kaart", "Een postkaart", "Voor in de bus."));
  index->commit(8);
  const std::vector<std::string> both{"kaart", "kaartjes"};
  for (const char* query : {"postkaart", "postkaartje", "postkaartjes", "postkaarten"}) {
    auto k = keys(find(query));
    std::sort(k.begin(), k.end());
    EXPECT_EQ(k, both) << query;
  }
  auto snippet = find("kaart").hits;
  ASSERT_FALSE(snippet.empty());
  auto k = keys(find("kaart"));
  std::sort(k.begin(), k.end());
  EXPECT_EQ(k, both);
}

TEST_F(SearchQuality, ACompoundWithAnUnknownFirstPartIsFoundByItsParts) {
  index->put(doc("sibling", "Siblinggeweld in het gezin", "Over broers en zussen."));
  index->commit(8);
  EXPECT_NE(find("geweld").total, 0);
  auto k = keys(find("geweld"));
  EXPECT_NE(std::find(k.begin(), k.end(), "sibling"), k.end());
  EXPECT_EQ(keys(find("sibling")), std::vector<std::string>{"sibling"});
}

TEST_F(SearchQuality, StopWordsAreNeitherRequiredNorMarked) {
  index->put(doc("preventie", "Preventie", "Preventie van geweld in het gezin."));
  index->commit(8);
  auto o = find("preventie van geweld");
  ASSERT_FALSE(o.hits.empty());
  EXPECT_EQ(o.hits.front().key, "preventie");
  EXPECT_EQ(o.hits.front().snippet_html,
            "<mark>Preventie</mark> van <mark>geweld</mark> in het gezin.");
  // A word that is not in the text but carries no meaning does not hide it.
  EXPECT_EQ(keys(find("preventie tegen geweld")).front(), "preventie");
  // A query of only such words still searches them.
  EXPECT_GT(find("van").total, 0);
}

TEST(SearchIndexFiles, AnIndexOfAnOlderFormatIsRebuilt) {
  testing::TempDir dir;
  auto path = (dir.path() / "index").string();
  {
    // What the previous version wrote: a position, no format.
    Xapian::WritableDatabase old(path, Xapian::DB_CREATE_OR_OPEN);
    Xapian::Document d;
    d.add_term("Qa");
    old.add_document(d);
    old.set_metadata("position", "42");
    old.commit();
  }
  {
    SearchIndex index(path);
    EXPECT_TRUE(index.recreated());
    index.clear();
    index.put(doc("a", "Titel", "Samenvatting"));
    index.commit(43);
  }
  SearchIndex current(path);
  EXPECT_FALSE(current.recreated());
  EXPECT_EQ(current.position(), 43);
}

TEST(SearchIndexFiles, KeepsItsPositionAndRebuildsWhenDamaged) {
  testing::TempDir dir;
  auto path = (dir.path() / "index").string();
  {
    SearchIndex index(path);
    EXPECT_TRUE(index.recreated());
    EXPECT_EQ(index.position(), -1);
    index.put(doc("a", "Titel", "Samenvatting"));
    index.commit(42);
  }
  {
    SearchIndex index(path);
    EXPECT_FALSE(index.recreated());
    EXPECT_EQ(index.position(), 42);
    EXPECT_EQ(index.size(), 1u);
  }
  for (const auto& entry : std::filesystem::directory_iterator(path)) {
    std::ofstream out(entry.path(), std::ios::binary | std::ios::trunc);
    out << "kapot";
  }
  SearchIndex damaged(path);
  EXPECT_TRUE(damaged.recreated());
  EXPECT_EQ(damaged.size(), 0u);
}

TEST(SearchIndexFiles, ASecondWriterIsRefusedWithAClearError) {
  testing::TempDir dir;
  auto path = (dir.path() / "index").string();
  SearchIndex first(path);
  try {
    SearchIndex second(path);
    FAIL() << "a second writer opened the index";
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("in use"), std::string::npos);
  }
}

}  // namespace
}  // namespace schakel::search

namespace schakel::search {
namespace {

// The snippet's keys only rule tokens out; what is marked is still what the
// words and stems say: the word itself, a compound of which it is a part,
// and another form with its stem.
TEST(SnippetKeys, MarkWordsCompoundPartsAndStemsAsTheStringsDo) {
  Marks marks;
  for (const std::string w : {"geweld", "slachtoffers"}) {
    marks.words.insert(w);
    for (auto& stem : search_stems(w)) marks.stems.insert(stem);
  }
  marks.index_keys();
  const std::string text = "Een slachtoffer van partnergeweld zoekt hulp; geweld stopt niet.";
  const auto tokens = tokenize(text);
  const auto keys = token_keys(tokens);
  ASSERT_EQ(keys.begin.size(), tokens.size() + 1);
  std::vector<std::string> may;
  for (std::size_t k = 0; k < tokens.size(); ++k)
    if (marks.may_mark(keys.of(k))) may.push_back(tokens[k].word);
  EXPECT_EQ(may, (std::vector<std::string>{"slachtoffer", "partnergeweld", "geweld"}));
  EXPECT_EQ(make_snippet(text, tokens, bracket_words(text), keys, marks),
            "Een <mark>slachtoffer</mark> van <mark>partnergeweld</mark> zoekt hulp; "
            "<mark>geweld</mark> stopt niet.");
  // Marks without keys indexed rule every token out: index_keys() is required.
  Marks unindexed = marks;
  unindexed.keys.clear();
  unindexed.key_bits = 0;
  EXPECT_FALSE(unindexed.may_mark(keys.of(1)));
}

}  // namespace
}  // namespace schakel::search
