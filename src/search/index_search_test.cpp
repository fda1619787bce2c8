// Facet counts, totals and results of SearchIndex::search against a reference
// computed here by a plain loop over the documents, on random documents and
// random queries: the bitmaps must give exactly what walking every document
// gives, and never count what the searcher may not see.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <ostream>
#include <random>
#include <set>
#include <shared_mutex>
#include <tuple>

#include "search/index.hpp"
#include "search/index_counts.hpp"
#include "search/index_dense.hpp"
#include "search/index_internal.hpp"
#include "test_support.hpp"

namespace schakel::search {
namespace {

// Made-up words: no Dutch stem, compound part, diminutive or stop word, and
// more than two edits apart, so a document matches a word exactly when its
// text has that word.
const std::vector<std::string> vocabulary = {"blorf", "quimz", "twarb", "plonx",
                                             "jukov", "drazm", "wixel", "gnupt"};
const std::vector<std::string> visibilities = {"public", "professionals", "network"};
const std::map<std::string, std::vector<std::string>> facet_values = {
    {"theme", {"a", "b", "c", "d"}}, {"track", {"x", "y", "z"}}, {"kind", {"k1", "k2"}}};

struct Doc {
  std::set<std::string> words;
  std::map<std::string, std::set<std::string>> facets;
  std::string visibility;
  std::int64_t date = 0;
};

struct Query {
  std::vector<std::string> included, excluded;
  std::vector<std::string> visible;
  std::map<std::string, std::vector<std::string>> filters;
  bool newest_first = false;
};

IndexDocument to_index(const std::string& key, const Doc& d) {
  IndexDocument out;
  out.key = key;
  std::string text;
  for (const auto& w : d.words) text += w + " ";
  out.fields = {{text, 5}};
  for (const auto& [facet, values] : d.facets)
    for (const auto& v : values) out.facets.emplace_back(facet, v);
  out.visibility = d.visibility;
  out.date = d.date;
  out.snippet_source = text;
  return out;
}

Doc random_doc(std::mt19937& rng, std::size_t i) {
  Doc d;
  // Every word is in some document, so no query word is "corrected".
  if (i < vocabulary.size()) d.words.insert(vocabulary[i]);
  const int n = static_cast<int>(rng() % 4);
  for (int k = 0; k < n; ++k) d.words.insert(vocabulary[rng() % vocabulary.size()]);
  if (d.words.empty()) d.words.insert(vocabulary[rng() % vocabulary.size()]);
  for (const auto& [facet, values] : facet_values) {
    const int m = static_cast<int>(rng() % 3);  // none, one or two values
    for (int k = 0; k < m; ++k) d.facets[facet].insert(values[rng() % values.size()]);
  }
  d.visibility = visibilities[rng() % visibilities.size()];
  d.date = static_cast<std::int64_t>((i * 7919) % 100'003);  // distinct
  return d;
}

Query random_query(std::mt19937& rng) {
  Query q;
  const int words = static_cast<int>(rng() % 4);
  for (int k = 0; k < words; ++k) q.included.push_back(vocabulary[rng() % vocabulary.size()]);
  if (!q.included.empty() && rng() % 3 == 0)
    q.excluded.push_back(vocabulary[rng() % vocabulary.size()]);
  for (const auto& v : visibilities)
    if (rng() % 2 == 0) q.visible.push_back(v);
  for (const auto& [facet, values] : facet_values) {
    if (rng() % 2 == 0) continue;
    const int m = 1 + static_cast<int>(rng() % 2);
    for (int k = 0; k < m; ++k) q.filters[facet].push_back(values[rng() % values.size()]);
    if (rng() % 5 == 0) q.filters[facet].push_back("never-indexed");
  }
  q.newest_first = rng() % 2 == 0;
  return q;
}

SearchQuery to_search(const Query& q) {
  SearchQuery out;
  for (const auto& w : q.included) out.text += w + " ";
  for (const auto& w : q.excluded) out.text += "-" + w + " ";
  out.filters = q.filters;
  out.visibilities = q.visible;
  out.facet_names = {"theme", "track", "kind"};
  out.newest_first = q.newest_first;
  out.limit = 1000;
  return out;
}

// The reference: a walk over every document, one rule at a time.
struct Expected {
  int total = 0;
  std::vector<std::string> keys;  // the results, newest first
  std::map<std::string, std::vector<FacetCount>> facets;
};

bool has(const Doc& d, const std::string& facet, const std::string& value) {
  auto it = d.facets.find(facet);
  return it != d.facets.end() && it->second.count(value) > 0;
}

// True when `d` has a selected value of `facet`, or nothing of it is selected.
bool meets(const Doc& d, const Query& q, const std::string& facet) {
  auto it = q.filters.find(facet);
  if (it == q.filters.end() || it->second.empty()) return true;
  for (const auto& v : it->second)
    if (has(d, facet, v)) return true;
  return false;
}

Expected reference(const std::map<std::string, Doc>& docs, const Query& q) {
  Expected out;
  std::vector<std::pair<std::int64_t, std::string>> results;
  std::map<std::string, std::map<std::string, int>> counts;
  for (const auto& [key, d] : docs) {
    bool seen = false;
    for (const auto& v : q.visible) seen = seen || v == d.visibility;
    if (!seen) continue;
    bool match = true;
    for (const auto& w : q.included) match = match && d.words.count(w) > 0;
    for (const auto& w : q.excluded) match = match && d.words.count(w) == 0;
    if (!match) continue;
    bool all = true;
    for (const auto& [facet, values] : facet_values) all = all && meets(d, q, facet);
    if (all) {
      ++out.total;
      results.emplace_back(d.date, key);
    }
    for (const auto& [facet, values] : facet_values) {
      bool others = true;
      for (const auto& [other, other_values] : facet_values)
        if (other != facet) others = others && meets(d, q, other);
      if (!others) continue;
      for (const auto& v : values)
        if (has(d, facet, v)) ++counts[facet][v];
    }
  }
  std::sort(results.begin(), results.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  for (const auto& r : results) out.keys.push_back(r.second);
  for (const auto& [facet, values] : facet_values) {
    auto& list = out.facets[facet];
    auto sel = q.filters.find(facet);
    auto selected = [&](const std::string& v) {
      return sel != q.filters.end() &&
             std::find(sel->second.begin(), sel->second.end(), v) != sel->second.end();
    };
    std::set<std::string> listed;
    for (const auto& v : values) {
      const int c = counts[facet][v];
      if (c > 0 || selected(v)) {
        list.push_back({v, c, selected(v)});
        listed.insert(v);
      }
    }
    if (sel != q.filters.end())
      for (const auto& v : sel->second)
        if (listed.insert(v).second) list.push_back({v, 0, true});
    std::stable_sort(list.begin(), list.end(), [](const FacetCount& a, const FacetCount& b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
  }
  return out;
}

std::string describe(const Query& q) {
  std::string out = "words:";
  for (const auto& w : q.included) out += " " + w;
  for (const auto& w : q.excluded) out += " -" + w;
  out += "; sees:";
  for (const auto& v : q.visible) out += " " + v;
  out += "; selects:";
  for (const auto& [facet, values] : q.filters)
    for (const auto& v : values) out += " " + facet + "=" + v;
  return out;
}

// Checks one query; adds 1 to `found` (when given) when the reference finds
// something, so a test can see that its random queries are no empty cases.
void expect_same(const SearchIndex& index, const std::map<std::string, Doc>& docs, const Query& q,
                 int* found = nullptr) {
  const auto got = index.search(to_search(q), Synonyms());
  const auto want = reference(docs, q);
  SCOPED_TRACE(describe(q));
  EXPECT_FALSE(got.used_suggestion);
  if (q.visible.empty()) {
    // Who may see nothing finds nothing and counts nothing.
    EXPECT_EQ(got.total, 0);
    EXPECT_TRUE(got.hits.empty());
    return;
  }
  EXPECT_EQ(got.total, want.total);
  if (found != nullptr && want.total > 0) ++*found;
  std::vector<std::string> keys;
  for (const auto& h : got.hits) keys.push_back(h.key);
  if (q.newest_first || q.included.empty()) {
    EXPECT_EQ(keys, want.keys);
  } else {
    // Ranked by relevance: the same documents, in an order the reference does not model.
    std::sort(keys.begin(), keys.end());
    auto want_keys = want.keys;
    std::sort(want_keys.begin(), want_keys.end());
    EXPECT_EQ(keys, want_keys);
  }
  ASSERT_EQ(got.facets.size(), want.facets.size());
  for (const auto& [facet, list] : want.facets) {
    auto it = got.facets.find(facet);
    ASSERT_NE(it, got.facets.end()) << facet;
    ASSERT_EQ(it->second.size(), list.size()) << facet;
    for (std::size_t i = 0; i < list.size(); ++i) {
      EXPECT_EQ(it->second[i].value, list[i].value) << facet;
      EXPECT_EQ(it->second[i].count, list[i].count) << facet << "=" << list[i].value;
      EXPECT_EQ(it->second[i].selected, list[i].selected) << facet << "=" << list[i].value;
    }
  }
}

TEST(SearchIndexBitmaps, CountsAndResultsEqualAWalkOverEveryDocument) {
  testing::TempDir dir;
  const auto path = (dir.path() / "index").string();
  std::mt19937 rng(16);
  std::map<std::string, Doc> docs;
  std::vector<Query> queries;
  for (int i = 0; i < 60; ++i) queries.push_back(random_query(rng));
  {
    SearchIndex index(path);
    for (std::size_t i = 0; i < 400; ++i) {
      const auto key = "doc:" + std::to_string(i);
      docs[key] = random_doc(rng, i);
      index.put(to_index(key, docs[key]));
    }
    index.commit(1);
    int found = 0;
    for (const auto& q : queries) expect_same(index, docs, q, &found);
    // The random queries are no empty set of cases: most find something.
    EXPECT_GT(found, 20);

    // Changes move documents between bitmaps: replaced ones lose their old
    // values, removed ones leave every bitmap.
    for (std::size_t i = 0; i < 400; i += 3) {
      const auto key = "doc:" + std::to_string(i);
      if (i % 2 == 0) {
        index.remove(key);
        docs.erase(key);
      } else {
        auto d = random_doc(rng, i);
        d.words = docs[key].words;  // keep every word in some document
        docs[key] = d;
        index.put(to_index(key, d));
      }
    }
    index.commit(2);
    for (const auto& q : queries) expect_same(index, docs, q);
  }
  // Opened again: the bitmaps are loaded from the index on disk.
  SearchIndex reopened(path);
  for (const auto& q : queries) expect_same(reopened, docs, q);
  for (int i = 0; i < 40; ++i) expect_same(reopened, docs, random_query(rng));
}

TEST(SearchIndexBitmaps, ADocumentAnAudienceMayNotSeeNeverCounts) {
  testing::TempDir dir;
  SearchIndex index((dir.path() / "index").string());
  Doc open{{"blorf"}, {{"theme", {"a"}}, {"kind", {"k1"}}}, "public", 1};
  Doc closed{{"blorf"}, {{"theme", {"b"}}, {"kind", {"k1"}}}, "professionals", 2};
  index.put(to_index("open", open));
  index.put(to_index("closed", closed));
  index.commit(1);
  for (const std::string text : {"", "blorf"}) {
    SearchQuery q;
    q.text = text;
    q.visibilities = {"public"};
    q.facet_names = {"theme", "kind"};
    auto o = index.search(q, Synonyms());
    EXPECT_EQ(o.total, 1);
    ASSERT_EQ(o.hits.size(), 1u);
    EXPECT_EQ(o.hits[0].key, "open");
    ASSERT_EQ(o.facets["theme"].size(), 1u);  // "b" is only on the closed document
    EXPECT_EQ(o.facets["theme"][0].value, "a");
    ASSERT_EQ(o.facets["kind"].size(), 1u);
    EXPECT_EQ(o.facets["kind"][0].count, 1);
    // Selecting the closed document's value shows it with 0 and finds nothing.
    q.filters = {{"theme", {"b"}}};
    o = index.search(q, Synonyms());
    EXPECT_EQ(o.total, 0);
    EXPECT_TRUE(o.hits.empty());
    ASSERT_EQ(o.facets["kind"].size(), 0u);
    ASSERT_EQ(o.facets["theme"].size(), 2u);
    EXPECT_EQ(o.facets["theme"][0].value, "a");
    EXPECT_EQ(o.facets["theme"][0].count, 1);
    EXPECT_EQ(o.facets["theme"][1].value, "b");
    EXPECT_EQ(o.facets["theme"][1].count, 0);
    EXPECT_TRUE(o.facets["theme"][1].selected);
    // Who may see both counts both.
    q.filters.clear();
    q.visibilities = {"public", "professionals"};
    o = index.search(q, Synonyms());
    EXPECT_EQ(o.total, 2);
    EXPECT_EQ(o.facets["kind"][0].count, 2);
  }
}

// Sets how searches count and page for the life of the object.
class StrategyScope {
 public:
  explicit StrategyScope(SearchStrategy s) { search_strategy.store(s); }
  ~StrategyScope() { search_strategy.store(SearchStrategy::choose); }
  StrategyScope(const StrategyScope&) = delete;
  StrategyScope& operator=(const StrategyScope&) = delete;
};

// A document whose words repeat (1 to 3 times), so one-word queries rank by
// weight, and whose dates often tie, so ranking falls back to date and docid.
IndexDocument weighted_doc(std::mt19937& rng, std::size_t i) {
  Doc d = random_doc(rng, i);
  auto out = to_index("doc:" + std::to_string(i), d);
  std::string text;
  for (const auto& w : d.words)
    for (int k = 0, n = 1 + static_cast<int>(rng() % 3); k < n; ++k) text += w + " ";
  out.fields = {{text, 1 + static_cast<int>(rng() % 3)}};
  out.date = static_cast<std::int64_t>(rng() % 40);
  return out;
}

struct Page {
  int total = 0;
  std::vector<std::string> keys;
  std::map<std::string, std::vector<std::pair<std::string, int>>> facets;
  bool operator==(const Page&) const = default;
};

void PrintTo(const Page& p, std::ostream* os) {
  *os << p.total << " results:";
  for (const auto& k : p.keys) *os << " " << k;
}

Page page_of(const SearchIndex& index, const SearchQuery& q, SearchStrategy strategy,
             const Synonyms& synonyms = Synonyms()) {
  StrategyScope scope(strategy);
  const auto o = index.search(q, synonyms);
  Page p;
  p.total = o.total;
  for (const auto& h : o.hits) p.keys.push_back(h.key);
  for (const auto& [facet, list] : o.facets)
    for (const auto& c : list) p.facets[facet].emplace_back(c.value, c.count);
  return p;
}

TEST(SearchIndexStrategies, CountingByWalkAndPagingByOrderGiveWhatThePlainWayGives) {
  testing::TempDir dir;
  SearchIndex index((dir.path() / "index").string());
  std::mt19937 rng(1616);
  for (std::size_t i = 0; i < 600; ++i) index.put(weighted_doc(rng, i));
  index.commit(1);
  const auto parsed = Synonyms::parse("blorf, quimz twarb, wixel\nplonx, jukov, drazm");
  ASSERT_TRUE(parsed.ok());
  const Synonyms& synonyms = parsed.value();
  int compared = 0, compared_merged = 0, merged_differs = 0;
  for (int n = 0; n < 120; ++n) {
    auto q = to_search(random_query(rng));
    q.limit = 1 + static_cast<int>(rng() % 12);
    q.offset = static_cast<int>(rng() % 3) * q.limit;
    SCOPED_TRACE(q.text + (q.newest_first ? " (newest first)" : "") + " offset " +
                 std::to_string(q.offset) + " limit " + std::to_string(q.limit));
    const auto plain = page_of(index, q, SearchStrategy::plain);
    EXPECT_EQ(page_of(index, q, SearchStrategy::fast), plain);
    EXPECT_EQ(page_of(index, q, SearchStrategy::choose), plain);
    if (plain.keys.size() > 1) ++compared;
    // With synonyms, a query word becomes a group of several alternatives (a
    // phrase among them) whose postings are merged with summed weights.
    const auto merged = page_of(index, q, SearchStrategy::plain, synonyms);
    EXPECT_EQ(page_of(index, q, SearchStrategy::fast, synonyms), merged);
    EXPECT_EQ(page_of(index, q, SearchStrategy::choose, synonyms), merged);
    const bool grouped =
        q.text.find("blorf") != std::string::npos || q.text.find("plonx") != std::string::npos;
    if (grouped && !q.newest_first && merged.keys.size() > 1) {
      ++compared_merged;
      if (merged != plain) ++merged_differs;
    }
  }
  // Pages of several results, in an order that matters, were compared.
  EXPECT_GT(compared, 30);
  // So were pages ranked by merged groups, which rank otherwise than the words alone.
  EXPECT_GE(compared_merged, 8);
  EXPECT_GE(merged_differs, 5);
}

TEST(SearchIndexStrategies, TheNextSearchAfterACommitSeesTheChangeInEveryOrder) {
  testing::TempDir dir;
  SearchIndex index((dir.path() / "index").string());
  StrategyScope fast(SearchStrategy::fast);
  auto doc = [](const std::string& key, const std::string& text, std::int64_t date) {
    IndexDocument d;
    d.key = key;
    d.fields = {{text, 1}};
    d.facets = {{"kind", "tool"}};
    d.visibility = "public";
    d.date = date;
    return d;
  };
  index.put(doc("a", "blorf", 10));
  index.put(doc("b", "blorf blorf", 20));
  index.put(doc("c", "quimz", 30));
  index.commit(1);
  SearchQuery newest;
  newest.visibilities = {"public"};
  newest.newest_first = true;
  newest.limit = 1;
  SearchQuery word = newest;
  word.text = "blorf";
  word.newest_first = false;
  EXPECT_EQ(index.search(newest, Synonyms()).hits.at(0).key, "c");
  EXPECT_EQ(index.search(word, Synonyms()).hits.at(0).key, "b");  // the word twice

  // A newer document leads the newest; a document that now has the word more
  // often leads the word's ranking.
  index.put(doc("d", "quimz", 40));
  index.put(doc("a", "blorf blorf blorf", 10));
  index.commit(2);
  EXPECT_EQ(index.search(newest, Synonyms()).hits.at(0).key, "d");
  EXPECT_EQ(index.search(word, Synonyms()).hits.at(0).key, "a");

  // A removed document is on no page and counts nowhere.
  index.remove("d");
  index.remove("a");
  index.commit(3);
  EXPECT_EQ(index.search(newest, Synonyms()).hits.at(0).key, "c");
  auto o = index.search(word, Synonyms());
  EXPECT_EQ(o.total, 1);
  EXPECT_EQ(o.hits.at(0).key, "b");

  // Only the dates changed: the orders follow them too.
  index.put(doc("b", "blorf blorf", 50));
  index.commit(4);
  EXPECT_EQ(index.search(newest, Synonyms()).hits.at(0).key, "b");
}

TEST(SearchIndexStrategies, ADocumentAnAudienceMayNotSeeCountsNowhereInEitherWay) {
  testing::TempDir dir;
  SearchIndex index((dir.path() / "index").string());
  std::mt19937 rng(7);
  std::map<std::string, Doc> docs;
  for (std::size_t i = 0; i < 300; ++i) {
    const auto key = "doc:" + std::to_string(i);
    docs[key] = random_doc(rng, i);
    index.put(to_index(key, docs[key]));
  }
  index.commit(1);
  for (const auto strategy : {SearchStrategy::plain, SearchStrategy::fast}) {
    StrategyScope scope(strategy);
    for (const std::string visible : {"public", "professionals", "network"}) {
      Query q;
      q.visible = {visible};
      q.newest_first = true;
      expect_same(index, docs, q);
      q.included = {"blorf"};
      expect_same(index, docs, q);
      q.filters = {{"theme", {"a"}}};
      expect_same(index, docs, q);
    }
  }
}

TEST(SearchIndexStrategies, TheThresholdWayFindsTheBestSumThatNoSingleWordRanksFirst) {
  testing::TempDir dir;
  SearchIndex index((dir.path() / "index").string());
  auto doc = [](const std::string& key, int blorf, int quimz) {
    IndexDocument d;
    d.key = key;
    std::string text;
    for (int i = 0; i < blorf; ++i) text += "blorf ";
    for (int i = 0; i < quimz; ++i) text += "quimz ";
    d.fields = {{text, 1}};
    d.visibility = "public";
    d.date = 1;
    return d;
  };
  // "both" has neither word most often, but the highest sum (weights grow
  // ever slower with the number of times a word occurs).
  index.put(doc("blorf-most", 12, 1));
  index.put(doc("quimz-most", 1, 12));
  index.put(doc("both", 6, 6));
  index.put(doc("little", 1, 1));
  index.put(doc("blorf-only", 3, 0));
  index.commit(1);
  SearchQuery q;
  q.text = "blorf quimz";
  q.visibilities = {"public"};
  for (int limit = 1; limit <= 4; ++limit) {
    q.limit = limit;
    const auto plain = page_of(index, q, SearchStrategy::plain);
    ASSERT_EQ(plain.total, 4);
    EXPECT_EQ(plain.keys.front(), "both");
    EXPECT_EQ(page_of(index, q, SearchStrategy::fast), plain) << "limit " << limit;
  }
}

// A document of the order tests: `text`, kind `kind`, public, dated `date`.
IndexDocument dated_doc(const std::string& key, const std::string& text, std::int64_t date,
                        const std::string& kind = "tool") {
  IndexDocument d;
  d.key = key;
  d.fields = {{text, 1}};
  d.facets = {{"kind", kind}};
  d.visibility = "public";
  d.date = date;
  d.snippet_source = text;
  return d;
}

TEST(SearchIndexStrategies, APutBetweenCommitsBuildsNoOrderAgainAndPagesStayRight) {
  testing::TempDir dir;
  SearchIndex index((dir.path() / "index").string());
  auto& impl = index.internals();
  for (int i = 0; i < 40; ++i) {
    std::string text = "blorf";
    for (int k = 0; k < i % 3; ++k) text += " blorf";
    index.put(dated_doc("d" + std::to_string(i), text, i * 10));
  }
  index.commit(1);
  SearchQuery newest;
  newest.text = "blorf";
  newest.visibilities = {"public"};
  newest.newest_first = true;
  newest.limit = 5;
  newest.facet_names = {"kind"};
  SearchQuery word = newest;  // ranked by the weight order of the one word
  word.newest_first = false;
  auto expect_plain = [&](const SearchQuery& q) {
    EXPECT_EQ(page_of(index, q, SearchStrategy::fast), page_of(index, q, SearchStrategy::plain));
    EXPECT_EQ(page_of(index, q, SearchStrategy::choose), page_of(index, q, SearchStrategy::plain));
  };
  EXPECT_EQ(page_of(index, newest, SearchStrategy::fast).keys.front(), "d39");
  EXPECT_EQ(impl.order_builds.load(), 1u);  // the date order
  page_of(index, word, SearchStrategy::fast);
  EXPECT_EQ(impl.order_builds.load(), 2u);  // and the word's weight order
  expect_plain(newest);
  expect_plain(word);
  EXPECT_EQ(impl.order_builds.load(), 2u);

  // Before the commit: a new document, and an older one dated newest. The
  // orders are stale; searches rank without them and build none again.
  index.put(dated_doc("new", "blorf", 1000));
  index.put(dated_doc("d3", "blorf", 2000));
  for (int n = 0; n < 3; ++n) {
    expect_plain(newest);
    expect_plain(word);
    // The reader has not seen "new"; d3's date is the table's.
    EXPECT_EQ(page_of(index, newest, SearchStrategy::fast).keys.front(), "d3");
  }
  EXPECT_EQ(impl.order_builds.load(), 2u);

  // The commit: the next search builds each order once for the new generation.
  index.commit(2);
  const auto after = page_of(index, newest, SearchStrategy::fast);
  ASSERT_GE(after.keys.size(), 2u);
  EXPECT_EQ(after.keys[0], "d3");
  EXPECT_EQ(after.keys[1], "new");
  EXPECT_EQ(impl.order_builds.load(), 3u);
  page_of(index, word, SearchStrategy::fast);
  EXPECT_EQ(impl.order_builds.load(), 4u);
  expect_plain(newest);
  expect_plain(word);
  EXPECT_EQ(impl.order_builds.load(), 4u);

  // A removal and a change of facets alone leave the dates: the date order
  // stays (a removed document is no result, so no page takes it).
  index.remove("d39");
  index.put(dated_doc("d38", "blorf", 380, "other"));
  index.commit(3);
  expect_plain(newest);
  EXPECT_EQ(impl.order_builds.load(), 4u);
  const auto removed = page_of(index, newest, SearchStrategy::fast);
  EXPECT_EQ(removed.total, 40);
  EXPECT_TRUE(std::find(removed.keys.begin(), removed.keys.end(), "d39") == removed.keys.end());
  EXPECT_EQ(removed.keys.at(2), "d38");
}

TEST(SearchIndexStrategies, AFarPageGivesUpTheThresholdWayBeforeBuildingAnyOrder) {
  testing::TempDir dir;
  SearchIndex index((dir.path() / "index").string());
  auto& impl = index.internals();
  // Enough results (4,096 or more) for `choose` to consider the threshold way.
  for (int i = 0; i < 4200; ++i)
    index.put(dated_doc("d" + std::to_string(i), i % 7 == 0 ? "blorf quimz quimz" : "blorf quimz",
                        i % 50));
  index.commit(1);
  SearchQuery q;
  q.text = "blorf quimz";
  q.visibilities = {"public"};
  q.limit = 10;
  q.offset = 3000;  // the page ends past a quarter of the results: the budget
  const auto plain = page_of(index, q, SearchStrategy::plain);
  ASSERT_EQ(plain.keys.size(), 10u);
  EXPECT_EQ(page_of(index, q, SearchStrategy::choose), plain);
  EXPECT_EQ(impl.order_builds.load(), 0u);
  // A first page is cheap by the threshold way: it builds both words' orders.
  q.offset = 0;
  EXPECT_EQ(page_of(index, q, SearchStrategy::choose), page_of(index, q, SearchStrategy::plain));
  EXPECT_EQ(impl.order_builds.load(), 2u);
}

TEST(SearchIndexStrategies, ARepeatedFacetValueCountsOnceInEitherWay) {
  testing::TempDir dir;
  SearchIndex index((dir.path() / "index").string());
  auto twice = dated_doc("twice", "blorf", 1);
  twice.facets = {{"theme", "x"}, {"theme", "x"}};
  // Two values that share their first 200 bytes are one term, so one value.
  const std::string stem(230, 'l');
  auto cut = dated_doc("cut", "blorf", 2);
  cut.facets = {{"theme", stem + "1"}, {"theme", stem + "2"}};
  index.put(twice);
  index.put(cut);
  index.commit(1);
  for (const bool selected : {false, true}) {
    SearchQuery q;
    q.visibilities = {"public"};
    q.facet_names = {"theme"};
    if (selected) q.filters = {{"theme", {"x"}}};
    for (const std::string text : {"", "blorf"}) {
      q.text = text;
      SCOPED_TRACE(text + (selected ? " (x selected)" : ""));
      for (const auto strategy : {SearchStrategy::plain, SearchStrategy::fast}) {
        const auto page = page_of(index, q, strategy);
        ASSERT_EQ(page.facets.at("theme").size(), 2u);
        for (const auto& [value, count] : page.facets.at("theme")) EXPECT_EQ(count, 1) << value;
      }
    }
  }
}

TEST(SearchIndexStrategies, ADocumentNotYetCommittedIsNeitherCountedNorPaged) {
  testing::TempDir dir;
  SearchIndex index((dir.path() / "index").string());
  index.put(dated_doc("old", "blorf", 1));
  index.commit(1);
  index.put(dated_doc("new", "blorf", 2));  // newest, not yet committed
  for (const auto strategy : {SearchStrategy::plain, SearchStrategy::fast}) {
    for (const std::string text : {"", "blorf"}) {
      SCOPED_TRACE(text);
      SearchQuery q;
      q.text = text;
      q.visibilities = {"public"};
      q.newest_first = true;
      q.facet_names = {"kind"};
      const auto page = page_of(index, q, strategy);
      EXPECT_EQ(page.total, 1);
      EXPECT_EQ(page.keys, std::vector<std::string>{"old"});
      EXPECT_EQ(page.facets.at("kind"), (std::vector<std::pair<std::string, int>>{{"tool", 1}}));
    }
  }
  index.commit(2);
  SearchQuery q;
  q.visibilities = {"public"};
  EXPECT_EQ(page_of(index, q, SearchStrategy::fast).keys, (std::vector<std::string>{"new", "old"}));
}

// An empty index and its implementation, for tests of the postings cache.
class SearchIndexCache : public ::testing::Test {
 protected:
  testing::TempDir dir;
  SearchIndex index{(dir.path() / "index").string()};
  SearchIndex::Impl& impl = index.internals();
};

TEST_F(SearchIndexCache, AReaderOpenedWhileACommitIsUnderWayCachesNothingForOlderReaders) {
  index.put(dated_doc("a", "blorf quimz", 1));
  index.commit(1);
  SearchQuery q;
  q.visibilities = {"public"};
  q.text = "blorf";
  ASSERT_EQ(index.search(q, Synonyms()).total, 1);
  auto older = impl.acquire();  // a reader of the first revision, kept aside
  // The window inside commit(): the writer has committed, the generation has
  // not moved on yet. A reader opened now reads the new revision under the
  // old generation's label.
  index.put(dated_doc("a", "blorf", 1));  // no longer has the word
  index.put(dated_doc("b", "quimz", 2));
  {
    std::lock_guard lock(impl.writer_mutex);
    impl.writer.commit();
  }
  q.text = "quimz";
  const auto newer = index.search(q, Synonyms());  // a new reader: "b" only
  ASSERT_EQ(newer.total, 1);
  EXPECT_EQ(newer.hits.at(0).key, "b");
  // The older reader searches next (the pool hands out its last reader
  // first): it must read its own revision's postings, not the newer ones.
  impl.release(std::move(older));
  const auto o = index.search(q, Synonyms());
  EXPECT_EQ(o.total, 1);
  ASSERT_EQ(o.hits.size(), 1u);
  EXPECT_EQ(o.hits[0].key, "a");
  impl.generation.fetch_add(1);  // the window closes
  const auto after = index.search(q, Synonyms());
  ASSERT_EQ(after.total, 1);
  EXPECT_EQ(after.hits.at(0).key, "b");
}

TEST_F(SearchIndexCache, ManyUnknownWordsKeepTheEntriesBounded) {
  index.put(dated_doc("a", "blorf", 1));
  index.commit(1);
  auto entries = [&] {
    std::lock_guard lock(impl.postings_mutex);
    return impl.postings.size();
  };
  SearchQuery q;
  q.visibilities = {"public"};
  q.text = "vrplx";
  index.search(q, Synonyms());
  {
    // An empty list is charged too.
    std::lock_guard lock(impl.postings_mutex);
    EXPECT_GE(impl.postings_size, impl.postings.size());
    EXPECT_GT(impl.postings_size, 0u);
  }
  {
    std::lock_guard lock(impl.postings_mutex);
    impl.max_cached_entries = 50;
  }
  std::size_t most = 0;
  for (int i = 0; i < 200; ++i) {
    // Made-up words no document has: each an empty list of its own.
    q.text = std::string("vrq") + static_cast<char>('a' + i % 26) +
             static_cast<char>('a' + i / 26) + "xz";
    EXPECT_EQ(index.search(q, Synonyms()).total, 0);
    most = std::max(most, entries());
  }
  EXPECT_LE(most, 50u);
  EXPECT_GT(most, 10u);  // the cache was in use
}

// A document with one value of "kind" and one of "scope" (or none) and any
// values of "theme": the first two get columns of codes, "theme" does not.
IndexDocument column_doc(std::mt19937& rng, std::size_t i) {
  IndexDocument d;
  d.key = "doc:" + std::to_string(i);
  std::string text;
  for (int k = 0, n = 1 + static_cast<int>(rng() % 3); k < n; ++k)
    text += vocabulary[rng() % vocabulary.size()] + " ";
  d.fields = {{text, 1}};
  d.snippet_source = text;
  if (rng() % 5 != 0) d.facets.emplace_back("kind", "k" + std::to_string(rng() % 6));
  if (rng() % 7 != 0) d.facets.emplace_back("scope", "s" + std::to_string(rng() % 40));
  for (int k = 0, n = static_cast<int>(rng() % 3); k < n; ++k)
    d.facets.emplace_back("theme", "t" + std::to_string(rng() % 5));
  d.visibility = visibilities[rng() % visibilities.size()];
  d.date = static_cast<std::int64_t>(rng() % 500);
  return d;
}

SearchQuery column_query(std::mt19937& rng) {
  SearchQuery q;
  for (int k = 0, n = static_cast<int>(rng() % 3); k < n; ++k)
    q.text += vocabulary[rng() % vocabulary.size()] + " ";
  for (const auto& v : visibilities)
    if (rng() % 3 != 0) q.visibilities.push_back(v);
  if (rng() % 3 == 0) q.filters["kind"] = {"k" + std::to_string(rng() % 7)};
  if (rng() % 3 == 0)
    q.filters["scope"] = {"s" + std::to_string(rng() % 40), "s" + std::to_string(rng() % 40)};
  if (rng() % 3 == 0) q.filters["theme"] = {"t" + std::to_string(rng() % 5)};
  q.facet_names = {"kind", "scope", "theme"};
  q.newest_first = rng() % 2 == 0;
  q.limit = 10;
  return q;
}

TEST(SearchIndexStrategies, CountingByColumnsGivesWhatThePlainWayGives) {
  testing::TempDir dir;
  SearchIndex index((dir.path() / "index").string());
  std::mt19937 rng(1618);
  for (std::size_t i = 0; i < 800; ++i) index.put(column_doc(rng, i));
  index.commit(1);
  {
    auto& impl = index.internals();
    std::shared_lock lock(impl.facet_mutex);
    EXPECT_TRUE(impl.columns.at("kind").single);
    EXPECT_TRUE(impl.columns.at("scope").single);
    EXPECT_FALSE(impl.columns.at("theme").single);  // documents with two themes
  }
  int counted = 0;
  for (int n = 0; n < 150; ++n) {
    const auto q = column_query(rng);
    SCOPED_TRACE(q.text + (q.newest_first ? " (newest first)" : ""));
    const auto plain = page_of(index, q, SearchStrategy::plain);
    EXPECT_EQ(page_of(index, q, SearchStrategy::columns), plain);
    EXPECT_EQ(page_of(index, q, SearchStrategy::fast), plain);
    EXPECT_EQ(page_of(index, q, SearchStrategy::choose), plain);
    if (plain.facets.count("scope") && plain.facets.at("scope").size() > 3) ++counted;
  }
  EXPECT_GT(counted, 60);  // counts of many values were compared
}

TEST(SearchIndexStrategies, AColumnFollowsEveryChangeAndEndsWhenADocumentHasTwoValues) {
  testing::TempDir dir;
  const auto path = (dir.path() / "index").string();
  using Counts = std::vector<std::pair<std::string, int>>;
  SearchQuery q;
  q.visibilities = {"public"};
  q.facet_names = {"kind"};
  auto kinds = [&](const SearchIndex& index) {
    const auto page = page_of(index, q, SearchStrategy::columns);
    EXPECT_EQ(page, page_of(index, q, SearchStrategy::plain));
    return page.facets.count("kind") ? page.facets.at("kind") : Counts{};
  };
  auto single = [](const SearchIndex& index) {
    auto& impl = index.internals();
    std::shared_lock lock(impl.facet_mutex);
    return impl.columns.at("kind").single;
  };
  {
    SearchIndex index(path);
    index.put(dated_doc("a", "blorf", 1, "k1"));
    index.put(dated_doc("b", "blorf", 2, "k2"));
    index.commit(1);
    EXPECT_EQ(kinds(index), (Counts{{"k1", 1}, {"k2", 1}}));
    index.put(dated_doc("a", "blorf", 1, "k2"));
    index.commit(2);
    EXPECT_EQ(kinds(index), (Counts{{"k2", 2}}));
    index.remove("b");
    index.commit(3);
    EXPECT_EQ(kinds(index), (Counts{{"k2", 1}}));
    index.put(dated_doc("c", "quimz", 3, "k3"));
    index.commit(4);
  }
  // Opened again: the column is built from the index as it was left.
  SearchIndex index(path);
  EXPECT_TRUE(single(index));
  EXPECT_EQ(kinds(index), (Counts{{"k2", 1}, {"k3", 1}}));
  // A document of two kinds ends the column; counting stays exact.
  auto two = dated_doc("d", "blorf", 4, "k1");
  two.facets.emplace_back("kind", "k3");
  index.put(two);
  index.commit(5);
  EXPECT_FALSE(single(index));
  EXPECT_EQ(kinds(index), (Counts{{"k3", 2}, {"k1", 1}, {"k2", 1}}));
  index.clear();
  index.put(dated_doc("e", "blorf", 5, "k1"));
  index.commit(6);
  EXPECT_TRUE(single(index));  // cleared, the column starts again
  EXPECT_EQ(kinds(index), (Counts{{"k1", 1}}));
}

// A document with one value of "kind" (6 values) and of "scope" (80 values,
// more than a row's slot holds: a column of codes) or none, and any values of
// "theme", "track" and "audience" (several per document: rows only), and of
// "region" (selected, never counted).
IndexDocument row_doc(std::mt19937& rng, std::size_t i) {
  IndexDocument d = column_doc(rng, i);
  d.facets.clear();
  if (rng() % 5 != 0) d.facets.emplace_back("kind", "k" + std::to_string(rng() % 6));
  if (rng() % 7 != 0) d.facets.emplace_back("scope", "s" + std::to_string(rng() % 80));
  for (int k = 0, n = static_cast<int>(rng() % 4); k < n; ++k)
    d.facets.emplace_back("theme", "t" + std::to_string(rng() % 10));
  for (int k = 0, n = static_cast<int>(rng() % 3); k < n; ++k)
    d.facets.emplace_back("track", "t" + std::to_string(rng() % 3));
  for (int k = 0, n = static_cast<int>(rng() % 3); k < n; ++k)
    d.facets.emplace_back("audience", "a" + std::to_string(rng() % 7));
  if (rng() % 2 == 0) d.facets.emplace_back("region", "r" + std::to_string(rng() % 4));
  return d;
}

// Selects one or two values (sometimes one never indexed) of some facets.
SearchQuery row_query(std::mt19937& rng, const std::map<std::string, int>& values) {
  SearchQuery q = column_query(rng);
  q.filters.clear();
  for (const auto& [facet, count] : values) {
    if (rng() % 3 != 0) continue;
    for (int k = 0, n = 1 + static_cast<int>(rng() % 2); k < n; ++k)
      q.filters[facet].push_back(facet.substr(0, 1) + std::to_string(rng() % count));
    if (rng() % 6 == 0) q.filters[facet].push_back("never-indexed");
  }
  q.facet_names = {"kind", "scope", "theme", "track", "audience"};
  return q;
}

const std::map<std::string, int> row_facets = {{"kind", 6},  {"scope", 80},   {"theme", 10},
                                               {"track", 3}, {"audience", 7}, {"region", 4}};

// Every way of counting, the one pass over rows and the count by bitsets
// among them, gives what the plain way gives; so does the estimate's choice.
TEST(SearchIndexStrategies, CountingByRowsGivesWhatEveryOtherWayGives) {
  testing::TempDir dir;
  SearchIndex index((dir.path() / "index").string());
  std::mt19937 rng(1619);
  for (std::size_t i = 0; i < 900; ++i) index.put(row_doc(rng, i));
  index.commit(1);
  {
    auto& impl = index.internals();
    std::shared_lock lock(impl.facet_mutex);
    for (const auto* facet : {"kind", "theme", "track", "audience", "region"})
      EXPECT_GT(impl.rows.slot(facet).width, 0u) << facet;
    EXPECT_EQ(impl.rows.slot("scope").width, 0u);  // 80 values: by its column of codes
    EXPECT_TRUE(impl.columns.at("scope").single);
  }
  int selected = 0, several = 0, by_rows = 0, by_bitsets = 0, chosen_bitsets = 0;
  for (int n = 0; n < 200; ++n) {
    const auto q = row_query(rng, row_facets);
    SCOPED_TRACE(q.text + (q.newest_first ? " (newest first)" : ""));
    const auto plain = page_of(index, q, SearchStrategy::plain);
    const auto passes = row_passes.load();
    EXPECT_EQ(page_of(index, q, SearchStrategy::rows), plain);
    if (row_passes.load() > passes) ++by_rows;
    const auto dense = dense_passes.load();
    EXPECT_EQ(page_of(index, q, SearchStrategy::dense), plain);
    if (dense_passes.load() > dense) ++by_bitsets;
    EXPECT_EQ(page_of(index, q, SearchStrategy::columns), plain);
    EXPECT_EQ(page_of(index, q, SearchStrategy::fast), plain);
    const auto before_choice = dense_passes.load();
    EXPECT_EQ(page_of(index, q, SearchStrategy::choose), plain);
    if (dense_passes.load() > before_choice) ++chosen_bitsets;
    if (q.filters.size() >= 2 && plain.total > 0) ++several;
    if (!q.filters.empty()) ++selected;
  }
  EXPECT_GT(selected, 100);    // selections were compared
  EXPECT_GT(several, 20);      // and several at once, with results
  EXPECT_GT(by_rows, 150);     // by one pass over rows
  EXPECT_GT(by_bitsets, 150);  // by bitsets
  // 900 documents make about 15 words a bitset: the estimate takes bitsets
  // for most searches.
  EXPECT_GT(chosen_bitsets, 100);
}

// Hand-counted: a {t1 t2, k1}, b {t2, k2}, c {t3, k1}, d {t1, k2}. Selecting
// theme t1 and kind k1 leaves a; the themes count over the k1 documents (a,
// c), the kinds over the t1 documents (a, d).
TEST(SearchIndexStrategies, RowsCountEachSelectedFacetOverTheOtherSelections) {
  testing::TempDir dir;
  SearchIndex index((dir.path() / "index").string());
  auto doc = [&](const std::string& key, std::vector<std::string> themes, const std::string& kind) {
    auto d = dated_doc(key, "blorf", 1, kind);
    for (auto& t : themes) d.facets.emplace_back("theme", std::move(t));
    index.put(d);
  };
  doc("a", {"t1", "t2"}, "k1");
  doc("b", {"t2"}, "k2");
  doc("c", {"t3"}, "k1");
  doc("d", {"t1"}, "k2");
  index.commit(1);
  using Counts = std::vector<std::pair<std::string, int>>;
  SearchQuery q;
  q.visibilities = {"public"};
  q.facet_names = {"theme", "kind"};
  q.filters = {{"theme", {"t1"}}, {"kind", {"k1"}}};
  for (const auto strategy : {SearchStrategy::rows, SearchStrategy::dense, SearchStrategy::plain}) {
    SCOPED_TRACE(static_cast<int>(strategy));
    const auto page = page_of(index, q, strategy);
    EXPECT_EQ(page.total, 1);
    EXPECT_EQ(page.keys, (std::vector<std::string>{"a"}));
    EXPECT_EQ(page.facets.at("theme"), (Counts{{"t1", 1}, {"t2", 1}, {"t3", 1}}));
    EXPECT_EQ(page.facets.at("kind"), (Counts{{"k1", 1}, {"k2", 1}}));
  }
  q.filters = {{"theme", {"t2", "t3"}}};  // a, b, c; kinds over them, themes over all four
  for (const auto strategy : {SearchStrategy::rows, SearchStrategy::dense}) {
    const auto page = page_of(index, q, strategy);
    EXPECT_EQ(page.total, 3);
    EXPECT_EQ(page.facets.at("theme"), (Counts{{"t1", 2}, {"t2", 2}, {"t3", 1}}));
    EXPECT_EQ(page.facets.at("kind"), (Counts{{"k1", 2}, {"k2", 1}}));
  }
}

// A facet growing past a row's 64 bits leaves the rows (laid out anew); a
// search counting it then counts otherwise, one not involving it still by
// rows; every count stays exact.
TEST(SearchIndexStrategies, AFacetPassingSixtyFourValuesLeavesTheRowsAndCountsStayExact) {
  testing::TempDir dir;
  SearchIndex index((dir.path() / "index").string());
  auto& impl = index.internals();
  std::mt19937 rng(1620);
  auto put = [&](std::size_t i, int values) {
    auto d = row_doc(rng, i);
    for (int k = 0, n = 1 + static_cast<int>(rng() % 3); k < n; ++k)
      d.facets.emplace_back("big", "b" + std::to_string(rng() % values));
    index.put(d);
  };
  auto slot = [&](const char* facet) {
    std::shared_lock lock(impl.facet_mutex);
    return impl.rows.slot(facet).width;
  };
  for (std::size_t i = 0; i < 500; ++i) put(i, 60);
  index.commit(1);
  EXPECT_EQ(slot("big"), 64u);
  auto facets = row_facets;
  facets["big"] = 64;
  auto compare = [&](bool big_in_rows) {
    int by_rows = 0;
    for (int n = 0; n < 60; ++n) {
      auto q = row_query(rng, facets);
      if (n % 2 == 0) q.facet_names.push_back("big");
      SCOPED_TRACE(q.text);
      const auto plain = page_of(index, q, SearchStrategy::plain);
      const auto passes = row_passes.load();
      EXPECT_EQ(page_of(index, q, SearchStrategy::rows), plain);
      EXPECT_EQ(page_of(index, q, SearchStrategy::dense), plain);
      EXPECT_EQ(page_of(index, q, SearchStrategy::choose), plain);
      const bool involved = n % 2 == 0 || q.filters.count("big") > 0;
      if (row_passes.load() > passes) ++by_rows;
      if (involved && !big_in_rows) {
        EXPECT_EQ(row_passes.load(), passes);
      }
    }
    EXPECT_GT(by_rows, 5);
  };
  compare(true);
  for (std::size_t i = 500; i < 700; ++i) put(i, 70);  // values b60 .. b69 join
  index.commit(2);
  EXPECT_EQ(slot("big"), 0u);
  EXPECT_GT(slot("theme"), 0u);
  facets["big"] = 70;
  compare(false);
}

// The rows follow every change: a document's new values, its removal, its
// visibility, a clear, and the index opened again.
TEST(SearchIndexStrategies, RowsFollowEveryChangeOfADocumentsValues) {
  testing::TempDir dir;
  const auto path = (dir.path() / "index").string();
  using Counts = std::vector<std::pair<std::string, int>>;
  SearchQuery q;
  q.visibilities = {"public"};
  q.facet_names = {"theme"};
  auto themes = [&](const SearchIndex& index) {
    const auto page = page_of(index, q, SearchStrategy::rows);
    EXPECT_EQ(page, page_of(index, q, SearchStrategy::plain));
    EXPECT_EQ(page, page_of(index, q, SearchStrategy::dense));
    return page.facets.count("theme") ? page.facets.at("theme") : Counts{};
  };
  auto doc = [](const std::string& key, std::vector<std::string> values) {
    auto d = dated_doc(key, "blorf", 1);
    for (auto& t : values) d.facets.emplace_back("theme", std::move(t));
    return d;
  };
  {
    SearchIndex index(path);
    index.put(doc("a", {"t1", "t2"}));
    index.put(doc("b", {"t2"}));
    index.commit(1);
    EXPECT_EQ(themes(index), (Counts{{"t2", 2}, {"t1", 1}}));
    index.put(doc("a", {"t3"}));
    index.commit(2);
    EXPECT_EQ(themes(index), (Counts{{"t2", 1}, {"t3", 1}}));
    auto hidden = doc("b", {"t2", "t4"});
    hidden.visibility = "professionals";
    index.put(hidden);
    index.commit(3);
    EXPECT_EQ(themes(index), (Counts{{"t3", 1}}));
    index.remove("a");
    index.commit(4);
    EXPECT_EQ(themes(index), Counts{});
    index.clear();
    index.put(doc("c", {"t4", "t5", "t6", "t7", "t8"}));  // theme's slot grows
    index.commit(5);
    EXPECT_EQ(themes(index), (Counts{{"t4", 1}, {"t5", 1}, {"t6", 1}, {"t7", 1}, {"t8", 1}}));
    index.put(hidden);
    index.commit(6);
  }
  SearchIndex index(path);  // opened again: the rows are built from the index
  EXPECT_EQ(themes(index), (Counts{{"t4", 1}, {"t5", 1}, {"t6", 1}, {"t7", 1}, {"t8", 1}}));
  q.visibilities = {"professionals"};
  EXPECT_EQ(themes(index), (Counts{{"t2", 1}, {"t4", 1}}));
}

// A document as a search for its word shows it: its key, data and snippet.
Hit only_hit(const SearchIndex& index, const std::string& word) {
  SearchQuery q;
  q.visibilities = {"public"};
  q.text = word;
  const auto o = index.search(q, Synonyms());
  EXPECT_EQ(o.hits.size(), 1u);
  return o.hits.empty() ? Hit{} : o.hits.front();
}

IndexDocument stored_doc(const std::string& key, const std::string& text, const std::string& data) {
  auto d = dated_doc(key, text, 1);
  d.data = data;
  return d;
}

TEST_F(SearchIndexCache, AChangedDocumentShowsItsNewTextAndDataOnTheNextSearch) {
  index.put(stored_doc("a", "blorf eerste versie", R"({"v":1})"));
  index.commit(1);
  for (int i = 0; i < 2; ++i) {  // read, then from the cache
    const auto hit = only_hit(index, "blorf");
    EXPECT_EQ(hit.key, "a");
    EXPECT_EQ(hit.data, R"({"v":1})");
    EXPECT_EQ(hit.snippet_html, "<mark>blorf</mark> eerste versie");
  }
  index.put(stored_doc("a", "tweede blorf", R"({"v":2})"));
  index.commit(2);
  const auto hit = only_hit(index, "blorf");
  EXPECT_EQ(hit.data, R"({"v":2})");
  EXPECT_EQ(hit.snippet_html, "tweede <mark>blorf</mark>");
  index.remove("a");
  index.commit(3);
  SearchQuery q;
  q.visibilities = {"public"};
  q.text = "blorf";
  EXPECT_EQ(index.search(q, Synonyms()).total, 0);
}

TEST_F(SearchIndexCache, AReaderOfAnOlderRevisionShowsItsOwnRevisionsDocument) {
  index.put(stored_doc("a", "blorf oud", "old"));
  index.commit(1);
  EXPECT_EQ(only_hit(index, "blorf").data, "old");
  auto older = impl.acquire();  // a reader of the first revision, kept aside
  // Committed, the generation not moved on yet (the window inside commit()):
  // the older reader is handed out again as it is.
  index.put(stored_doc("a", "blorf nieuw", "new"));
  {
    std::lock_guard lock(impl.writer_mutex);
    impl.writer.commit();
  }
  EXPECT_EQ(only_hit(index, "blorf").data, "new");  // a new reader reads the second
  impl.release(std::move(older));                   // handed out next
  const auto hit = only_hit(index, "blorf");
  EXPECT_EQ(hit.data, "old");
  EXPECT_EQ(hit.snippet_html, "<mark>blorf</mark> oud");
  impl.generation.fetch_add(1);  // the window closes: every reader reads the second
  EXPECT_EQ(only_hit(index, "blorf").data, "new");
}

TEST_F(SearchIndexCache, StoredDocumentsStayWithinTheirBudget) {
  for (int i = 0; i < 60; ++i)
    index.put(stored_doc("d" + std::to_string(i), "blorf " + std::string(200, 'x'),
                         "data " + std::to_string(i)));
  index.commit(1);
  {
    std::lock_guard lock(impl.stored_mutex);
    impl.max_stored_bytes = 4000;  // room for a few of them
  }
  SearchQuery q;
  q.visibilities = {"public"};
  q.text = "blorf";
  q.limit = 7;
  std::size_t most = 0;
  for (int page = 0; page < 8; ++page) {
    q.offset = page * 7;
    const auto o = index.search(q, Synonyms());
    ASSERT_EQ(o.hits.size(), 7u);
    for (const auto& hit : o.hits)
      EXPECT_EQ(hit.data, "data " + hit.key.substr(1));  // the hit's own data
    std::lock_guard lock(impl.stored_mutex);
    EXPECT_LE(impl.stored_bytes, impl.max_stored_bytes);
    most = std::max(most, impl.stored.size());
  }
  EXPECT_GT(most, 2u);  // the cache was in use
}

TEST_F(SearchIndexCache, AVisibilityChangeIsSeenByTheNextSearchOfEveryAudience) {
  index.put(dated_doc("a", "blorf", 1));
  index.put(dated_doc("b", "blorf", 2));
  index.commit(1);
  SearchQuery pub;
  pub.visibilities = {"public"};
  pub.text = "blorf";
  SearchQuery pro = pub;
  pro.visibilities = {"professionals", "public", "professionals"};  // unsorted, repeated
  for (int i = 0; i < 2; ++i) {                                     // computed, then kept
    EXPECT_EQ(index.search(pub, Synonyms()).total, 2);
    EXPECT_EQ(index.search(pro, Synonyms()).total, 2);
  }
  auto hidden = dated_doc("a", "blorf", 1);
  hidden.visibility = "professionals";
  index.put(hidden);
  index.commit(2);
  for (int i = 0; i < 2; ++i) {
    const auto o = index.search(pub, Synonyms());
    EXPECT_EQ(o.total, 1);
    ASSERT_EQ(o.hits.size(), 1u);
    EXPECT_EQ(o.hits[0].key, "b");
    EXPECT_EQ(index.search(pro, Synonyms()).total, 2);
  }
  index.remove("b");
  index.commit(3);
  EXPECT_EQ(index.search(pub, Synonyms()).total, 0);
  EXPECT_EQ(index.search(pro, Synonyms()).total, 1);
  {
    std::lock_guard lock(impl.visible_mutex);
    EXPECT_EQ(impl.visible_cache.size(), 2u);  // one entry per audience
  }
}

// Each posting found at its position and nothing else found, for a short list
// (searched whole), a dense list starting far from docid 0 (searched by block)
// and a long sparse list (searched whole: its blocks would outnumber its
// postings); the blocks never number more than four per posting.
TEST(SearchIndexPostings, FindGivesEachPostingsPositionAndNothingForOtherDocuments) {
  SearchIndex::Impl::PostingList postings;
  EXPECT_EQ(postings.find(1), -1);  // no blocks yet: nothing
  std::vector<std::vector<Xapian::docid>> lists;
  lists.push_back({1, 2, 255, 256, 257, 511, 512, 1500, 70000, 70001});
  lists.emplace_back();
  for (Xapian::docid d = 900000; d < 905000; d += 7) lists.back().push_back(d);
  lists.emplace_back();
  for (Xapian::docid d = 3; d < 1000000; d += 9973) lists.back().push_back(d);
  const bool blocked[] = {false, true, false};
  for (std::size_t n = 0; n < lists.size(); ++n) {
    const auto& docs = lists[n];
    postings.list.clear();
    for (const auto d : docs) postings.list.push_back({d, 1});
    postings.index_blocks();
    EXPECT_LE(postings.blocks.size(), 4 * postings.list.size());
    EXPECT_EQ(!postings.blocks.empty(), blocked[n]) << n;
    std::set<Xapian::docid> probes{0};
    for (const auto d : docs)
      for (const Xapian::docid near : {d - 1, d, d + 1, d + 256, d + 300}) probes.insert(near);
    for (const auto d : probes) {
      std::ptrdiff_t want = -1;
      for (std::size_t i = 0; i < postings.list.size(); ++i)
        if (postings.list[i].doc == d) want = static_cast<std::ptrdiff_t>(i);
      ASSERT_EQ(postings.find(d), want) << d;
    }
  }
  postings.list.clear();
  postings.index_blocks();
  EXPECT_EQ(postings.find(1), -1);
}

// Dense lists are scored by reading their weights by docid (weights_by_doc),
// in full scoring and in the threshold way: the pages must be those of the
// plain way, which searches the lists, for pages near and far, scores that tie
// (equal word counts, repeated dates), several audiences, and again after a
// revision that changes, adds and removes documents (new lists, new weights).
TEST(SearchIndexStrategies, WeightsReadByDocidPageAsSearchingTheListsDoes) {
  testing::TempDir dir;
  SearchIndex index((dir.path() / "index").string());
  auto& impl = index.internals();
  std::mt19937 rng(1917);
  // Half the vocabulary made common (in most documents): dense lists.
  auto dense_doc = [&](std::size_t i) {
    auto d = weighted_doc(rng, i);
    for (int k = 0, n = 1 + static_cast<int>(rng() % 3); k < n; ++k)
      d.fields.front().text += " " + vocabulary[rng() % 4];
    return d;
  };
  for (std::size_t i = 0; i < 1200; ++i) index.put(dense_doc(i));
  index.commit(1);
  int compared = 0;
  auto compare = [&](int queries) {
    for (int n = 0; n < queries; ++n) {
      auto q = to_search(random_query(rng));
      q.newest_first = false;
      q.limit = 1 + static_cast<int>(rng() % 12);
      q.offset = static_cast<int>(rng() % 4) * q.limit;
      SCOPED_TRACE(q.text + " offset " + std::to_string(q.offset) + " limit " +
                   std::to_string(q.limit));
      const auto plain = page_of(index, q, SearchStrategy::plain);
      EXPECT_EQ(page_of(index, q, SearchStrategy::choose), plain);
      EXPECT_EQ(page_of(index, q, SearchStrategy::fast), plain);
      if (plain.keys.size() > 1) ++compared;
    }
  };
  auto lists_read_by_docid = [&] {
    std::lock_guard lock(impl.postings_mutex);
    int n = 0;
    for (const auto& [key, entry] : impl.postings) {
      std::lock_guard order_lock(entry.second->order_mutex);
      if (entry.second->by_doc) ++n;
    }
    return n;
  };
  compare(60);
  EXPECT_GT(lists_read_by_docid(), 3);
  for (std::size_t i = 0; i < 1200; i += 7) index.put(dense_doc(i));
  for (std::size_t i = 1200; i < 1400; ++i) index.put(dense_doc(i));
  for (std::size_t i = 3; i < 1200; i += 11) index.remove("doc:" + std::to_string(i));
  index.commit(2);
  compare(60);
  EXPECT_GT(compared, 50);
  EXPECT_GT(lists_read_by_docid(), 3);  // the new revision's lists
}

// A facet's values are listed most frequent first, then in byte order of the
// value: past their first eight bytes too, and for a value that begins
// another, in every way of counting.
TEST(SearchIndexFacets, ValuesOfEqualCountsFollowByteOrderPastTheirFirstEightBytes) {
  testing::TempDir dir;
  SearchIndex index((dir.path() / "index").string());
  const std::vector<std::string> once = {"gemeente-b", "\xc3\xa9-accent", "gemeente-a2",
                                         "Zeta",       "gemeente",        "gemeente-a"};
  std::size_t n = 0;
  auto put = [&](const std::string& value) {
    Doc d;
    d.words = {vocabulary[0]};
    d.facets["municipality"] = {value};
    d.visibility = "public";
    d.date = static_cast<std::int64_t>(++n);
    index.put(to_index("doc:" + std::to_string(n), d));
  };
  for (const auto& value : once) put(value);
  put("gemeente-c");
  put("gemeente-c");
  index.commit(1);
  for (const auto strategy :
       {SearchStrategy::choose, SearchStrategy::plain, SearchStrategy::columns,
        SearchStrategy::rows, SearchStrategy::dense}) {
    const StrategyScope scope(strategy);
    SearchQuery q;
    q.visibilities = {"public"};
    q.facet_names = {"municipality"};
    const auto outcome = index.search(q, Synonyms());
    std::vector<std::pair<std::string, int>> listed;
    for (const auto& c : outcome.facets.at("municipality")) listed.emplace_back(c.value, c.count);
    EXPECT_EQ(listed, (std::vector<std::pair<std::string, int>>{{"gemeente-c", 2},
                                                                {"Zeta", 1},
                                                                {"gemeente", 1},
                                                                {"gemeente-a", 1},
                                                                {"gemeente-a2", 1},
                                                                {"gemeente-b", 1},
                                                                {"\xc3\xa9-accent", 1}}));
  }
}

// With a facet limit, a facet lists the first `limit` unselected values of
// the full list and every selected value (one no document has among them), in
// the full list's order, in every way of counting and for limits below, at and
// above the number of values.
TEST(SearchIndexFacets, ALimitKeepsTheFullListsFirstUnselectedValuesAndEverySelectedOne) {
  testing::TempDir dir;
  SearchIndex index((dir.path() / "index").string());
  std::mt19937 rng(2026);
  for (std::size_t n = 0; n < 400; ++n) {
    Doc d;
    d.words = {vocabulary[rng() % 3]};
    // Skewed, so counts differ and tie.
    d.facets["municipality"] = {"m" + std::to_string((rng() % 30) * (rng() % 30) % 37)};
    d.facets["theme"] = {"t" + std::to_string(rng() % 6)};
    d.visibility = "public";
    d.date = static_cast<std::int64_t>(n);
    index.put(to_index("doc:" + std::to_string(n), d));
  }
  index.commit(1);
  const std::vector<std::map<std::string, std::vector<std::string>>> selections = {
      {},
      {{"municipality", {"m0", "m5", "nowhere"}}},
      {{"theme", {"t1"}}, {"municipality", {"m36"}}},
  };
  int shortened = 0;
  for (const auto strategy :
       {SearchStrategy::choose, SearchStrategy::plain, SearchStrategy::columns,
        SearchStrategy::rows, SearchStrategy::dense}) {
    const StrategyScope scope(strategy);
    for (const auto& filters : selections)
      for (const std::size_t limit : {1u, 3u, 10u, 100u}) {
        SearchQuery q;
        q.text = vocabulary[0];
        q.visibilities = {"public"};
        q.facet_names = {"municipality", "theme"};
        q.filters = filters;
        const auto full = index.search(q, Synonyms());
        q.facet_limit = limit;
        const auto limited = index.search(q, Synonyms());
        for (const auto& facet : q.facet_names) {
          SCOPED_TRACE(facet + " limit " + std::to_string(limit));
          std::vector<std::tuple<std::string, int, bool>> expected, got;
          std::size_t unselected = 0;
          for (const auto& c : full.facets.at(facet))
            if (c.selected || unselected++ < limit)
              expected.emplace_back(c.value, c.count, c.selected);
          for (const auto& c : limited.facets.at(facet))
            got.emplace_back(c.value, c.count, c.selected);
          EXPECT_EQ(got, expected);
          if (got.size() < full.facets.at(facet).size()) ++shortened;
          for (const auto& selected :
               filters.count(facet) ? filters.at(facet) : std::vector<std::string>{})
            EXPECT_TRUE(std::any_of(got.begin(), got.end(), [&](const auto& t) {
              return std::get<0>(t) == selected && std::get<2>(t);
            })) << selected;
        }
      }
  }
  EXPECT_GT(shortened, 20);
}

}  // namespace
}  // namespace schakel::search
