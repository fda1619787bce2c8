#pragma once
// Keeps the search index in step with the database: features register the
// documents they want found (install(App&)), the engine builds the index from
// them, follows the change feed and answers searches with the current synonyms.
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "search/index.hpp"
#include "store/changes.hpp"
#include "store/database.hpp"

namespace schakel::search {

// The documents of one feature.
struct DocumentSource {
  std::string entity;  // the change-feed entity whose changes re-index, e.g. "resource"
  // How many documents a full build will emit (for the progress bar).
  std::function<std::int64_t(soci::session&)> count;
  // Emits every document that belongs in the index.
  std::function<void(soci::session&, const std::function<void(const IndexDocument&)>&)> all;
  // The document of `entity_id`, or nullopt when it must not be found (draft, deleted).
  std::function<std::optional<IndexDocument>(soci::session&, const std::string& entity_id)> one;
  // The index key of `entity_id` (to remove it).
  std::function<std::string(const std::string& entity_id)> key;
};

// Progress of a full build: documents done and the total expected.
using Progress = std::function<void(std::int64_t done, std::int64_t total)>;

// The thesaurus of the field, embedded from reference/ at build time.
inline constexpr const char* thesaurus_path = "reference/thesaurus.txt";

class SearchEngine {
 public:
  // Requires: `db` migrated and outliving the engine.
  explicit SearchEngine(store::Database& db);
  ~SearchEngine();

  // Registers a feature's documents. Requires: before open().
  void add_source(DocumentSource source);

  // Opens the index in folder `path`. When it is new, damaged, of an older
  // format or was never completed it is rebuilt from the database; otherwise it
  // catches up with the changes it missed. First adds the field's thesaurus
  // (thesaurus_path) to the synonym list once per thesaurus version
  // (search/synonym_store.hpp: seed_thesaurus). Throws IndexError when the folder is locked by
  // another process. With `rebuild`, the index is always rebuilt (`schakel reindex`).
  void open(const std::string& path, const Progress& progress = {}, bool rebuild = false);
  bool is_open() const { return index_ != nullptr; }

  // Rebuilds the whole index from the database. Requires: open; no concurrent
  // apply(). Searches may run meanwhile (they see the old or the new state).
  void rebuild(const Progress& progress = {});

  // Re-indexes what `changes` touch and reloads the synonyms when they changed.
  // Called from the change follower's thread.
  void apply(const std::vector<store::Change>& changes);

  // Searches with the current synonyms. An engine that is not open finds nothing.
  SearchOutcome search(const SearchQuery& query) const;

  // The synonym list as the coordinator wrote it.
  std::string synonyms_text() const;
  // Replaces the synonym list (errors by line, field "synonyms"); records a change.
  Status save_synonyms(const std::string& text, std::int64_t user_id, std::int64_t now);

  const SearchIndex* index() const { return index_.get(); }
  // The change-feed position the engine has applied (-1 before open()).
  std::int64_t position() const { return position_.load(); }

 private:
  void reload_synonyms();
  void seed_thesaurus();
  void catch_up();
  store::Database& db_;
  std::vector<DocumentSource> sources_;
  std::unique_ptr<SearchIndex> index_;
  std::atomic<std::int64_t> position_{-1};    // written by open(), rebuild() and apply()
  mutable std::shared_mutex synonyms_mutex_;  // guards synonyms_, synonyms_text_
  std::shared_ptr<const Synonyms> synonyms_;
  std::string synonyms_text_;
};

}  // namespace schakel::search
