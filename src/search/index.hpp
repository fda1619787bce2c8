#pragma once
// The search index (DESIGN.md section 4): derived from the database, kept on
// each node's own disk with Xapian, rebuilt whenever it is missing or damaged.
// Dutch stemming, accent folding, decompounding, synonyms, spelling
// suggestions, facets with OR-counts, and visibility enforced in the match.
// Xapian's headers stay in index.cpp.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "search/synonyms.hpp"

namespace schakel::search {

// One document to index. `key` is unique across features ("resource:12").
struct IndexDocument {
  std::string key;
  struct Field {
    std::string text;
    int weight = 1;  // how much a word here counts: title 5, summary 2, body 1
  };
  std::vector<Field> fields;
  // Facet values, e.g. {"theme", "partnergeweld"}; a facet may have several.
  std::vector<std::pair<std::string, std::string>> facets;
  std::string visibility;      // "public", "professionals" or "network"
  std::int64_t date = 0;       // for "newest first"
  std::string snippet_source;  // plain text the result snippet is cut from
  std::string data;            // returned unchanged with each hit (JSON)
};

struct SearchQuery {
  std::string text;  // as typed; empty lists everything visible
  // Selected facet values: OR within a facet, AND across facets.
  std::map<std::string, std::vector<std::string>> filters;
  std::vector<std::string> visibilities;  // what the searcher may see; empty sees nothing
  std::vector<std::string> facet_names;   // facets to count
  // When > 0, each facet lists only this many of its most frequent unselected
  // values (and every selected one): a page that shows ten of 300
  // municipalities need not copy and order the rest. 0: every value.
  std::size_t facet_limit = 0;
  bool newest_first = false;
  int offset = 0;
  int limit = 10;
};

struct Hit {
  std::string key;
  std::string data;
  std::string snippet_html;  // escaped text with the matching words in <mark>
};

struct FacetCount {
  std::string value;
  int count = 0;
  bool selected = false;
};

struct SearchOutcome {
  int total = 0;  // matches with every filter applied
  std::vector<Hit> hits;
  // Per facet: every value that has matches (or is selected), with the number of
  // results selecting it would give, given the other facets' selections; the
  // most frequent first, then by value (bytewise). With SearchQuery::facet_limit
  // only the first facet_limit unselected values of that order and every
  // selected one, in the same order.
  std::map<std::string, std::vector<FacetCount>> facets;
  std::string suggestion;        // "Bedoelde je …" query, empty when none
  bool used_suggestion = false;  // nothing matched the query; results are for the suggestion
};

class IndexError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class SearchIndex {
 public:
  // Opens the index at folder `path`, creating it when missing. When it exists
  // but cannot be opened (damaged, other version) it is removed and created
  // empty; `recreated()` then says so. Throws IndexError when the folder cannot
  // be used at all (e.g. another process holds the write lock).
  explicit SearchIndex(std::string path);
  ~SearchIndex();
  SearchIndex(const SearchIndex&) = delete;
  SearchIndex& operator=(const SearchIndex&) = delete;

  // True when the index was created by the constructor (it needs a full build).
  bool recreated() const { return recreated_; }
  // The change-feed position the index reflects, as stored by commit(); -1 when
  // it was never committed.
  std::int64_t position() const;

  // Adds or replaces the document with `doc.key`. Visible to searches after commit().
  void put(const IndexDocument& doc);
  // Removes the document with `key` (no-op when absent).
  void remove(const std::string& key);
  // Makes the writes so far visible and records `position`.
  void commit(std::int64_t position);
  // Removes every document (before a full build).
  void clear();

  // Runs `query`, correcting a mistyped word when nothing matches, with
  // `synonyms` expanded. Thread-safe; many searches run at once.
  SearchOutcome search(const SearchQuery& query, const Synonyms& synonyms) const;

  // Number of documents.
  std::uint32_t size() const;
  // Bytes the index takes on disk.
  std::uint64_t disk_bytes() const;

  // Implementation detail (Xapian handles, reader pool, facet table).
  struct Impl;
  // The implementation, for the search module's own tests (its counters and
  // cache limits); other modules cannot use it (index_internal.hpp is internal).
  Impl& internals() const { return *impl_; }

 private:
  std::string path_;
  bool recreated_ = false;
  std::unique_ptr<Impl> impl_;
};

}  // namespace schakel::search
