// The search engine's start: an index that describes another database is
// rebuilt rather than caught up.
#include "search/engine.hpp"

#include <gtest/gtest.h>

#include "store/changes.hpp"
#include "test_support.hpp"

namespace schakel::search {
namespace {

// A source of one document per entry of `words` (entity "word").
DocumentSource words_source(std::vector<std::string> words) {
  auto docs = [words](soci::session&, const std::function<void(const IndexDocument&)>& emit) {
    for (const auto& w : words) emit(IndexDocument{"word:" + w, {{w, 1}}, {}, "public", 0, w, ""});
  };
  return {"word", [n = words.size()](soci::session&) { return static_cast<std::int64_t>(n); }, docs,
          [](soci::session&, const std::string&) { return std::optional<IndexDocument>{}; },
          [](const std::string& id) { return "word:" + id; }};
}

TEST(SearchEngineOpen, RebuildsAnIndexThatIsAheadOfTheChangeFeed) {
  testing::TempDir dir;
  const auto path = (dir.path() / "index").string();
  {
    // The former database: three changes and two documents.
    testing::TestDatabase former(store::Backend::sqlite);
    former.migrate();
    former.db().transact([](soci::session& sql) {
      for (int i = 1; i <= 3; ++i)
        store::record_change(sql, "other", std::to_string(i), "update", i);
    });
    SearchEngine engine(former.db());
    engine.add_source(words_source({"alfa", "beta"}));
    engine.open(path);
    ASSERT_EQ(engine.index()->size(), 2u);
  }
  // A restored or imported database has an empty feed and other documents: the
  // same folder's index is ahead of it, so it is built again.
  testing::TestDatabase restored(store::Backend::sqlite);
  restored.migrate();
  SearchEngine engine(restored.db());
  engine.add_source(words_source({"gamma"}));
  engine.open(path);
  EXPECT_EQ(engine.index()->size(), 1u);
}

}  // namespace
}  // namespace schakel::search
