#pragma once
// Internal to the search index (index*.cpp): term prefixes, the per-thread word
// helpers, the in-memory facet table and SearchIndex::Impl. Not for other
// modules; Xapian's headers stay out of index.hpp by being here.
#include <xapian.h>
#include <roaring/roaring.hh>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "search/facet_rows.hpp"
#include "search/index.hpp"
#include "search/text.hpp"

namespace schakel::search {

// Term prefixes (Xapian's convention: upper-case letters).
//   plain folded word, with positions (phrases, exact matches): no prefix
//   "Z" stem of a word or of a compound's part
//   "Q" unique key; "X" facet:value (visibility too, as the facet "_visibility")
const std::string stem_prefix = "Z";
const std::string key_prefix = "Q";
const std::string facet_prefix = "X";
constexpr Xapian::valueno date_slot = 0;
// The facet (in the in-memory table only) that holds a document's visibility.
const std::string visibility_facet = "_visibility";
constexpr Xapian::termpos field_gap = 100;
constexpr std::size_t max_term_bytes = 200;  // Xapian's limit is 245
// The terms put() writes, as a version: an index of another version is rebuilt
// when it is opened (SearchIndex::recreated()). Bump it whenever put() or the
// text functions it uses (tokenize, compound_parts, diminutive_bases,
// bracket_words) change which terms a document gets.
//   1 (no "format" metadata): words, stems, compound parts
//   2: also bracket words, diminutive bases, compounds with an unknown first part
const std::string index_format = "2";

// The stem of a folded word, remembered per thread (Xapian's stemmer is the
// costliest step of marking snippets).
std::string stem_of(const std::string& word);
// diminutive_bases() with a per-thread memo (empty when `word` is no diminutive).
const std::vector<std::string>& bases_of(const std::string& word);
// The stems a word is searched by: those of its base words when it is a
// diminutive ("postkaartjes" → "postkaart"), so diminutives meet their base
// word; its own stem otherwise.
std::vector<std::string> search_stems(const std::string& word);
// compound_parts() with a per-thread memo: running text repeats its words, and
// indexing or marking snippets asks for the same words again and again.
const std::vector<std::string>& parts_of(const std::string& word);
// The term of a facet value ("X" facet ":" value, cut to the term limit).
std::string facet_term(const std::string& facet, const std::string& value);
bool is_digits(const std::string& w);

// Runs `f`, turning Xapian's exceptions (which are no std::exception) into IndexError.
template <typename F>
auto guarded(const char* what, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const Xapian::Error& e) {
    throw IndexError(std::string(what) + ": " + e.get_description());
  }
}

// The hash a word or stem is known by in Marks::keys.
std::size_t marking_key(const std::string& word_or_stem);

// The marking keys of a text's tokens: for token k, keys[begin[k]] up to
// keys[begin[k + 1]] are the keys of its word and of every stem that marks it
// (its search stems and those of its compound parts). Computed once per
// stored document, so marking a page's snippets hashes no word.
struct TokenKeys {
  std::vector<std::size_t> keys;
  std::vector<std::uint32_t> begin;  // tokens + 1 entries
  std::span<const std::size_t> of(std::size_t token) const {
    return {keys.data() + begin[token], keys.data() + begin[token + 1]};
  }
};
TokenKeys token_keys(const std::vector<Token>& tokens);

// The facet values of every document, by docid, laid out flat: what put() and
// remove() need to take a document out of the value bitmaps it was in.
class FacetTable {
 public:
  static constexpr std::size_t stride = 16;  // slot 0: count; up to 15 value ids
  std::size_t size() const { return flat_.size() / stride; }
  std::span<const std::uint32_t> get(Xapian::docid d) const {
    if (d >= size()) return {};
    const std::uint32_t count = flat_[d * stride];
    if (count == overflowed) {
      auto it = overflow_.find(d);
      return it == overflow_.end() ? std::span<const std::uint32_t>() : it->second;
    }
    return {flat_.data() + d * stride + 1, count};
  }
  void set(Xapian::docid d, const std::vector<std::uint32_t>& ids) {
    if (size() <= d) flat_.resize((d + 1) * stride, 0);
    overflow_.erase(d);
    if (ids.size() < stride) {
      flat_[d * stride] = static_cast<std::uint32_t>(ids.size());
      std::copy(ids.begin(), ids.end(), flat_.begin() + d * stride + 1);
    } else {
      flat_[d * stride] = overflowed;
      overflow_[d] = ids;
    }
  }
  void erase(Xapian::docid d) {
    if (d < size()) flat_[d * stride] = 0;
    overflow_.erase(d);
  }
  void clear() {
    flat_.clear();
    overflow_.clear();
  }

 private:
  static constexpr std::uint32_t overflowed = 0xFFFFFFFF;
  std::vector<std::uint32_t> flat_;
  std::unordered_map<Xapian::docid, std::vector<std::uint32_t>> overflow_;
};

struct SearchIndex::Impl {
  std::string path;
  std::mutex writer_mutex;  // guards writer, spelled
  Xapian::WritableDatabase writer;
  std::unordered_set<std::string> spelled;  // words given to the spelling table

  // Readers for concurrent searches, reopened when `generation` moves on.
  struct Reader {
    Xapian::Database db;
    std::uint64_t generation = 0;
  };
  std::mutex pool_mutex;  // guards pool
  std::vector<std::unique_ptr<Reader>> pool;
  std::atomic<std::uint64_t> generation{1};

  // Facet values per document, in memory so that counting needs no disk reads.
  // guards doc_values, value_ids, values, value_docs, facet_values, doc_dates
  mutable std::shared_mutex facet_mutex;
  FacetTable doc_values;                                     // by Xapian docid
  std::unordered_map<std::string, std::uint32_t> value_ids;  // facet term -> id
  std::vector<std::pair<std::string, std::string>> values;   // id -> (facet, value)
  // By value id: the documents that have the value (a compressed bitmap of
  // docids). Always the transpose of doc_values: facet counts and visibility
  // are intersections of these with the match.
  std::vector<Roaring> value_docs;
  // By facet name: its value ids, in id order.
  std::unordered_map<std::string, std::vector<std::uint32_t>> facet_values;
  // A facet's values as one small code per document, while no document has
  // two of its values: counting it over many documents is then one pass over
  // a dense array (2 bytes a document) instead of an intersection per value.
  // codes[d] is 1 + the position of document d's value in facet_values[facet],
  // 0 when d has none. Once a document has two values of the facet (or the
  // facet more values than a code holds) `single` is false and the codes are
  // dropped for good (until clear_doc_values). Always agrees with doc_values.
  struct FacetColumn {
    bool single = true;
    std::vector<std::uint16_t> codes;  // by docid
  };
  std::unordered_map<std::string, FacetColumn> columns;  // by facet name
  std::vector<FacetColumn*> value_column;                // by value id (map nodes are stable)
  std::vector<std::uint16_t> value_code;                 // by value id: its code (0: too many)
  std::vector<std::int64_t> doc_dates;                   // by Xapian docid
  // The values of every facet of at most 64 values as bits of one row per
  // document. Always agrees with doc_values (value_id, set_codes,
  // erase_doc_values and clear_doc_values keep it so).
  FacetRows rows;
  // Moves on with every change to value_docs (set_doc_values,
  // erase_doc_values, clear_doc_values, load_facets): what a union of value
  // bitmaps kept for later searches depends on. Guarded by facet_mutex.
  std::uint64_t values_version = 0;
  // The documents of each set of visibilities searched lately (key: the
  // sorted visibilities, each as its length, a colon and itself) as of values_version `version`;
  // at most 16 entries (see visible_docs in index_search.cpp).
  struct Visible {
    std::uint64_t version = 0;
    std::shared_ptr<const Roaring> docs;
  };
  std::mutex visible_mutex;  // guards visible_cache
  std::unordered_map<std::string, Visible> visible_cache;
  // Moves on when a document's date changes or a document is new to the table
  // (set_doc_values, load_facets, clear_doc_values): what orders derived from
  // the dates (DateOrder, PostingList::order) depend on. A removal leaves it:
  // an order may hold removed documents, as a page only takes results from it.
  // Guarded by facet_mutex.
  std::uint64_t order_version = 0;
  // Orders built (DateOrder and PostingList::Order), for tests and notes.
  std::atomic<std::uint64_t> order_builds{0};

  // Every document by date, newest first (ties: lower docid first), as of
  // order_version `version`: a page of newest results is the first documents
  // of this order that are results, so a page needs no sort of every result.
  // Built at most once per index revision (`revision`: that of the reader
  // that built it): between commits a stale order is not rebuilt,
  // searches rank without it until the next revision.
  struct DateOrder {
    std::uint64_t version = 0;
    std::uint64_t revision = 0;
    std::vector<Xapian::docid> docs;
  };
  std::mutex date_order_mutex;  // guards date_order
  std::shared_ptr<const DateOrder> date_order;

  // Postings of terms and phrases as read at one revision (the key's number:
  // the reader's Database::get_revision(), see search()), so a popular word
  // is decoded from disk once per index change instead of once per search.
  struct Posting {
    Xapian::docid doc;
    Xapian::termcount wdf;
  };
  // One posting list, by ascending docid, and the same documents as a bitmap;
  // with each posting's relevance weight, computed once for `weighed_docs`
  // documents in the index (see score() in index_search.cpp).
  struct PostingList {
    std::vector<Posting> list;
    Roaring docs;
    std::vector<float> weights;  // by position in list
    double weighed_docs = 0;
    std::size_t size() const { return list.size(); }
    // By block of 2^block_shift docids from the block of the first posting:
    // the position in list of the block's first posting (one more entry ends
    // the last block), so finding a document's posting searches one block's
    // postings, not the whole list. Kept only for lists of at least
    // min_blocked postings whose docids are dense enough that the blocks
    // number at most four per posting; other lists are searched whole.
    static constexpr unsigned block_shift = 8;
    static constexpr std::size_t min_blocked = 64;
    std::vector<std::uint32_t> blocks;
    std::uint32_t first_block = 0;  // the block of blocks[0]
    // Fills `blocks` for `list`. Requires: list sorted by docid.
    void index_blocks() {
      blocks.clear();
      first_block = 0;
      if (list.size() < min_blocked) return;
      const std::size_t first = list.front().doc >> block_shift;
      const std::size_t count = (list.back().doc >> block_shift) - first + 2;
      if (count > 4 * list.size()) return;
      first_block = static_cast<std::uint32_t>(first);
      blocks.resize(count);
      std::size_t i = 0;
      for (std::size_t b = 0; b < count; ++b) {
        while (i < list.size() && (list[i].doc >> block_shift) < first + b) ++i;
        blocks[b] = static_cast<std::uint32_t>(i);
      }
    }
    // The position in list of document `d`'s posting, or -1 when it has none.
    // Requires: index_blocks() since list last changed.
    std::ptrdiff_t find(Xapian::docid d) const {
      auto first = list.begin(), last = list.end();
      if (!blocks.empty()) {
        const std::size_t b = d >> block_shift;
        if (b < first_block || b - first_block + 1 >= blocks.size()) return -1;
        first = list.begin() + blocks[b - first_block];
        last = list.begin() + blocks[b - first_block + 1];
      }
      const auto p = std::lower_bound(
          first, last, d,
          [](const Posting& posting, Xapian::docid doc) { return posting.doc < doc; });
      return p != last && p->doc == d ? p - list.begin() : -1;
    }
    // Positions in list by weight (highest first), then date (newest first),
    // then docid: the ranking of a query of this one alternative. Built once,
    // at its first use, for the order_version of the dates it used (a list
    // belongs to one revision: a stale order waits for the next one's list).
    // Each entry holds a posting's docid and weight side by side: reading the
    // order reads one array front to back, where positions into `list` and
    // `weights` would read both at random.
    struct OrderEntry {
      Xapian::docid doc = 0;
      float weight = 0.0f;
    };
    struct Order {
      std::uint64_t version = 0;
      std::vector<OrderEntry> entries;
    };
    mutable std::mutex order_mutex;  // guards order and by_doc
    mutable std::shared_ptr<const Order> order;
    // The weights by docid (0 where the list has no posting), for lists dense
    // enough that this costs at most 16 bytes a posting: scoring a result then
    // reads one float instead of searching the list. Built at the list's first
    // scoring that wants it (weights_by_doc in index_rank.cpp).
    mutable std::shared_ptr<const std::vector<float>> by_doc;
    // True when the list may have by_doc: at most 4 docids a posting.
    bool dense() const { return !list.empty() && list.back().doc / 4 <= list.size(); }
  };
  using Postings = std::shared_ptr<const PostingList>;
  std::mutex postings_mutex;  // guards postings, postings_size and the limits below
  std::unordered_map<std::string, std::pair<std::uint64_t, Postings>> postings;
  std::size_t postings_size = 0;  // charged units held (posting_charge), at most the limit
  // Per posting: 8 bytes, its weight 4 and its place in the weight order 4
  // (group lists, merged from their alternatives', count too): about 70 MB.
  std::size_t max_cached_postings = 4'000'000;
  // Entries (each a key and a map node besides its postings): at most this many.
  std::size_t max_cached_entries = 100'000;

  std::unique_ptr<Reader> acquire() {
    std::unique_ptr<Reader> reader;
    {
      std::lock_guard lock(pool_mutex);
      if (!pool.empty()) {
        reader = std::move(pool.back());
        pool.pop_back();
      }
    }
    auto now = generation.load();
    if (!reader) {
      reader = std::make_unique<Reader>(Reader{Xapian::Database(path), now});
    } else if (reader->generation != now) {
      reader->db.reopen();
      reader->generation = now;
    }
    return reader;
  }
  void release(std::unique_ptr<Reader> reader) {
    std::lock_guard lock(pool_mutex);
    pool.push_back(std::move(reader));
  }

  // Requires: facet_mutex held exclusively.
  std::uint32_t value_id(const std::string& facet, const std::string& value) {
    auto term = facet_term(facet, value);
    auto it = value_ids.find(term);
    if (it != value_ids.end()) return it->second;
    auto id = static_cast<std::uint32_t>(values.size());
    value_ids.emplace(term, id);
    values.emplace_back(facet, value);
    value_docs.emplace_back();
    auto& ids = facet_values[facet];
    ids.push_back(id);
    value_column.push_back(&columns[facet]);
    value_code.push_back(ids.size() < 0xFFFF ? static_cast<std::uint16_t>(ids.size()) : 0);
    rows.add_value(facet_values, facet, id, ids.size() - 1, doc_values);
    return id;
  }
  // Gives document `id` the codes of `ids` (sorted, unique value ids) in the
  // facets' columns; a facet met twice, or a value without a code, ends its
  // column. Requires: facet_mutex held exclusively; `id` has no codes yet.
  void set_codes(Xapian::docid id, std::span<const std::uint32_t> ids) {
    rows.set(id, ids);
    for (const auto v : ids) {
      auto& column = *value_column[v];
      if (!column.single) continue;
      if (column.codes.size() <= id)
        column.codes.resize(std::max<std::size_t>(id + 1, doc_values.size()), 0);
      if (column.codes[id] != 0 || value_code[v] == 0) {
        column.single = false;
        column.codes = {};
        continue;
      }
      column.codes[id] = value_code[v];
    }
  }
  // Gives document `id` the values `ids` (ids from value_id()) and `date`.
  // Requires: facet_mutex held exclusively.
  // A value id given twice (a repeated pair, or two long values cut to the same
  // term) counts once, as in the value bitmaps. Moves order_version on when the
  // document is new to the table or its date changes.
  // Requires: facet_mutex held exclusively.
  void set_doc_values(Xapian::docid id, std::vector<std::uint32_t> ids, std::int64_t date) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    if (doc_dates.size() <= id) doc_dates.resize(id + 1, 0);
    if (doc_values.get(id).empty() || doc_dates[id] != date) ++order_version;
    erase_doc_values(id);
    ++values_version;
    for (auto v : ids) value_docs[v].add(id);
    doc_values.set(id, ids);
    set_codes(id, ids);
    doc_dates[id] = date;
  }
  // Takes document `id` out of the table, the value bitmaps and the columns.
  // Requires: facet_mutex held exclusively.
  void erase_doc_values(Xapian::docid id) {
    ++values_version;
    rows.erase(id);
    for (auto v : doc_values.get(id)) {
      value_docs[v].remove(id);
      auto& codes = value_column[v]->codes;
      if (id < codes.size()) codes[id] = 0;
    }
    doc_values.erase(id);
  }
  // Empties the table, the value bitmaps and the columns (the value ids stay).
  // Requires: facet_mutex held exclusively.
  void clear_doc_values() {
    doc_values.clear();
    for (auto& docs : value_docs) docs = Roaring();
    for (auto& [facet, column] : columns) column = FacetColumn();
    rows.clear();
    ++values_version;
    ++order_version;
  }

  // The cached postings of `key` at revision `gen`, or null.
  Postings cached_postings(const std::string& key, std::uint64_t gen) {
    std::lock_guard lock(postings_mutex);
    auto it = postings.find(key);
    return it != postings.end() && it->second.first == gen ? it->second.second : nullptr;
  }
  // What an entry counts against max_cached_postings: its postings, at least
  // one (an empty list of an unknown word still takes a node), its key, and
  // the weights by docid a dense list may get (up to one posting's size each).
  static std::size_t posting_charge(const std::string& key, const PostingList& list) {
    return std::max<std::size_t>(1, list.size() + list.blocks.size() / 4) + key.size() / 8 +
           (list.dense() ? list.size() : 0);
  }
  // Keeps `list` as the postings of `key` at `gen`. When the charge or the
  // number of entries would pass its limit, the cache is emptied first; a list
  // larger than the whole limit is not kept.
  void cache_postings(const std::string& key, std::uint64_t gen, Postings list) {
    const std::size_t charge = posting_charge(key, *list);
    std::lock_guard lock(postings_mutex);
    if (charge > max_cached_postings) return;
    if (auto it = postings.find(key); it != postings.end()) {
      postings_size -= posting_charge(key, *it->second.second);
      postings.erase(it);
    }
    if (postings_size + charge > max_cached_postings || postings.size() >= max_cached_entries) {
      postings.clear();
      postings_size = 0;
    }
    postings.emplace(key, std::make_pair(gen, std::move(list)));
    postings_size += charge;
  }

  // A document's stored parts as read at one revision, with its snippet
  // source already split into words: what a page of results needs of it,
  // kept so that showing a document again neither reads and inflates its
  // stored data nor tokenizes its text.
  struct StoredDoc {
    std::string key;
    std::string snippet_source;
    std::string data;
    std::vector<Token> tokens;          // tokenize(snippet_source)
    std::vector<BracketWord> brackets;  // bracket_words(snippet_source)
    TokenKeys token_keys;               // token_keys(tokens)
    // What the entry counts against max_stored_bytes: its bytes, roughly.
    std::size_t charge() const {
      std::size_t n = 128 + key.size() + snippet_source.size() + data.size() +
                      tokens.size() * sizeof(Token) + brackets.size() * sizeof(BracketWord) +
                      token_keys.keys.size() * sizeof(std::size_t) +
                      token_keys.begin.size() * sizeof(std::uint32_t);
      for (const auto& t : tokens)
        if (t.word.size() > 15) n += t.word.size() + 1;  // past the short-string buffer
      for (const auto& b : brackets) n += b.with.size() + b.without.size();
      return n;
    }
  };
  using Stored = std::shared_ptr<const StoredDoc>;
  // Stored documents by docid, each with the revision it was read at (the
  // reader's Database::get_revision()): an entry of another revision is a
  // miss, so a change is seen by the first search of the revision that has it.
  std::mutex stored_mutex;  // guards stored, stored_bytes and max_stored_bytes
  std::unordered_map<Xapian::docid, std::pair<std::uint64_t, Stored>> stored;
  std::size_t stored_bytes = 0;  // charged (StoredDoc::charge), at most the limit
  std::size_t max_stored_bytes = 32u << 20;

  // The stored document `d` of revision `gen` when cached, or null.
  // Requires: stored_mutex held.
  Stored cached_stored(Xapian::docid d, std::uint64_t gen) const {
    auto it = stored.find(d);
    return it != stored.end() && it->second.first == gen ? it->second.second : nullptr;
  }
  // Keeps `doc` as document `d` of revision `gen`, in place of what was kept
  // for `d`. When the charge would pass its limit the cache is emptied first; a
  // document larger than the whole limit is not kept. Requires: stored_mutex held.
  void cache_stored(Xapian::docid d, std::uint64_t gen, Stored doc) {
    const std::size_t charge = doc->charge();
    if (charge > max_stored_bytes) return;
    if (auto it = stored.find(d); it != stored.end()) {
      stored_bytes -= it->second.second->charge();
      stored.erase(it);
    }
    if (stored_bytes + charge > max_stored_bytes) {
      stored.clear();
      stored_bytes = 0;
    }
    stored.emplace(d, std::make_pair(gen, std::move(doc)));
    stored_bytes += charge;
  }

  // Loads the facet table from the index (at open).
  void load_facets();
};

// How a search counts facets and picks its page. `choose` (the default) takes
// the cheaper way per search; tests force each way to show they agree:
//   plain: a bitmap intersection per facet value; every result scored and
//          partially sorted
//   fast:  counting by a walk over the results' facet values; the page taken
//          from the front of a precomputed order (by date, or by weight for a
//          query of one word) when the query allows it
//   columns: counting by a pass over each facet's column of codes where it
//          has one (by intersections otherwise); the page as the plain way
//   rows:  counting every facet, selected ones too, in one pass over the
//          matches' rows of bits (FacetRows) when every involved facet has a
//          slot or a column (by intersections otherwise); the page as the plain way
//   dense: counting every facet, selected ones too, by ANDs and popcounts of
//          plain bitsets (index_dense.hpp) when every counted facet has a
//          slot or a column (as `choose` otherwise); the page as the plain way
enum class SearchStrategy { choose, plain, fast, columns, rows, dense };
extern std::atomic<SearchStrategy> search_strategy;

// The way the tests forced: true for the fast way, false for the plain way,
// nothing when the cost estimate chooses.
inline std::optional<bool> forced_way() {
  switch (search_strategy.load(std::memory_order_relaxed)) {
    case SearchStrategy::plain:
    case SearchStrategy::columns:
    case SearchStrategy::rows:
    case SearchStrategy::dense:
      return false;
    case SearchStrategy::fast:
      return true;
    case SearchStrategy::choose:
      break;
  }
  return std::nullopt;
}

// The words a snippet should mark: each query word and its stem, with synonyms.
// `keys` holds the hash (marking_key) of each of them and `key_bits` one bit
// per key (its hash modulo 64): a token none of whose keys is there is not
// marked, found without comparing a string. Call index_keys() once the sets
// are complete.
struct Marks {
  std::set<std::string> words;
  std::set<std::string> stems;
  std::vector<std::size_t> keys;
  std::uint64_t key_bits = 0;
  // Fills keys and key_bits from words and stems.
  void index_keys();
  // False only when no key in `token_keys` is one of the marks' keys.
  bool may_mark(std::span<const std::size_t> token_keys) const {
    for (const auto key : token_keys)
      if (((key_bits >> (key % 64)) & 1) != 0 &&
          std::find(keys.begin(), keys.end(), key) != keys.end())
        return true;
    return false;
  }
};

// About `length` bytes of `text` around its first marked word, escaped, with the
// marked words in <mark>.
std::string make_snippet(const std::string& text, const Marks& marks, std::size_t length = 220);
// The same, from `text` split already: `tokens` is tokenize(text) and
// `brackets` bracket_words(text).
// `keys` is token_keys(tokens); `marks` has its keys indexed (index_keys).
std::string make_snippet(const std::string& text, const std::vector<Token>& tokens,
                         const std::vector<BracketWord>& brackets, const TokenKeys& keys,
                         const Marks& marks, std::size_t length = 220);

}  // namespace schakel::search
