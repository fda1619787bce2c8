#include "search/index.hpp"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <filesystem>
#include <set>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "search/decompound.hpp"
#include "search/query.hpp"
#include "search/text.hpp"

namespace schakel::search {

namespace {

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

Xapian::Stem& stemmer() {
  // Xapian::Stem keeps state while stemming: one per thread.
  thread_local Xapian::Stem dutch("dutch");
  return dutch;
}

// The stem of a folded word, remembered per thread (Xapian's stemmer is the
// costliest step of marking snippets).
std::string stem_of(const std::string& word) {
  thread_local std::unordered_map<std::string, std::string> memo;
  auto it = memo.find(word);
  if (it != memo.end()) return it->second;
  if (memo.size() > 200'000) memo.clear();
  return memo.emplace(word, stemmer()(word)).first->second;
}

// diminutive_bases() with a per-thread memo (empty when `word` is no diminutive).
const std::vector<std::string>& bases_of(const std::string& word) {
  thread_local std::unordered_map<std::string, std::vector<std::string>> memo;
  auto it = memo.find(word);
  if (it != memo.end()) return it->second;
  if (memo.size() > 200'000) memo.clear();
  return memo.emplace(word, diminutive_bases(word, Dictionary::dutch())).first->second;
}

// The stems a word is searched by: those of its base words when it is a
// diminutive ("postkaartjes" → "postkaart"), so diminutives meet their base
// word; its own stem otherwise.
std::vector<std::string> search_stems(const std::string& word) {
  const auto& bases = bases_of(word);
  if (bases.empty()) return {stem_of(word)};
  std::vector<std::string> out;
  for (const auto& base : bases) out.push_back(stem_of(base));
  return out;
}

// compound_parts() with a per-thread memo: running text repeats its words, and
// indexing or marking snippets asks for the same words again and again.
const std::vector<std::string>& parts_of(const std::string& word) {
  thread_local std::unordered_map<std::string, std::vector<std::string>> memo;
  auto it = memo.find(word);
  if (it != memo.end()) return it->second;
  if (memo.size() > 200'000) memo.clear();
  return memo.emplace(word, compound_parts(word, Dictionary::dutch())).first->second;
}

std::string facet_term(const std::string& facet, const std::string& value) {
  return (facet_prefix + facet + ":" + value).substr(0, max_term_bytes);
}

bool is_digits(const std::string& w) {
  return std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string escape_html(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Runs `f`, turning Xapian's exceptions (which are no std::exception) into IndexError.
template <typename F>
auto guarded(const char* what, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const Xapian::Error& e) {
    throw IndexError(std::string(what) + ": " + e.get_description());
  }
}

}  // namespace

// The facet values of every document, by docid, laid out flat: a search walks
// all of them, and one cache line per document beats a heap vector each.
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
  mutable std::shared_mutex facet_mutex;                     // guards doc_values, value_ids, values
  FacetTable doc_values;                                     // by Xapian docid
  std::unordered_map<std::string, std::uint32_t> value_ids;  // facet term -> id
  std::vector<std::pair<std::string, std::string>> values;   // id -> (facet, value)
  std::vector<std::int64_t> doc_dates;                       // by Xapian docid

  // Postings of terms and phrases as read at one generation, so a popular word
  // is decoded from disk once per index change instead of once per search.
  struct Posting {
    Xapian::docid doc;
    Xapian::termcount wdf;
  };
  using Postings = std::shared_ptr<const std::vector<Posting>>;
  std::mutex postings_mutex;  // guards postings, postings_size
  std::unordered_map<std::string, std::pair<std::uint64_t, Postings>> postings;
  std::size_t postings_size = 0;  // postings held, at most max_cached_postings

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
    return id;
  }
  // Requires: facet_mutex held exclusively.
  void set_doc_values(Xapian::docid id, std::vector<std::uint32_t> ids, std::int64_t date) {
    if (doc_dates.size() <= id) doc_dates.resize(id + 1, 0);
    doc_values.set(id, ids);
    doc_dates[id] = date;
  }

  // The cached postings of `key` at `generation`, or null.
  Postings cached_postings(const std::string& key, std::uint64_t gen) {
    std::lock_guard lock(postings_mutex);
    auto it = postings.find(key);
    return it != postings.end() && it->second.first == gen ? it->second.second : nullptr;
  }
  void cache_postings(const std::string& key, std::uint64_t gen, Postings list) {
    constexpr std::size_t max_cached_postings = 4'000'000;  // about 32 MB
    std::lock_guard lock(postings_mutex);
    if (postings_size + list->size() > max_cached_postings) {
      postings.clear();
      postings_size = 0;
    }
    if (list->size() > max_cached_postings) return;
    auto& slot = postings[key];
    if (slot.second) postings_size -= slot.second->size();
    postings_size += list->size();
    slot = {gen, std::move(list)};
  }

  // Loads the facet table from the index (at open).
  void load_facets() {
    std::unique_lock lock(facet_mutex);
    std::vector<std::vector<std::uint32_t>> loaded;
    for (auto t = writer.allterms_begin(facet_prefix); t != writer.allterms_end(facet_prefix);
         ++t) {
      std::string term = *t;
      auto colon = term.find(':');
      if (colon == std::string::npos) continue;
      auto id = value_id(term.substr(1, colon - 1), term.substr(colon + 1));
      for (auto p = writer.postlist_begin(term); p != writer.postlist_end(term); ++p) {
        if (loaded.size() <= *p) loaded.resize(*p + 1);
        loaded[*p].push_back(id);
      }
    }
    for (std::size_t d = 0; d < loaded.size(); ++d)
      if (!loaded[d].empty()) doc_values.set(static_cast<Xapian::docid>(d), loaded[d]);
    doc_dates.assign(doc_values.size(), 0);
    for (auto v = writer.valuestream_begin(date_slot); v != writer.valuestream_end(date_slot); ++v)
      if (v.get_docid() < doc_dates.size())
        doc_dates[v.get_docid()] = static_cast<std::int64_t>(Xapian::sortable_unserialise(*v));
  }
};

namespace {

void open_writer(SearchIndex::Impl& impl, int flags) {
  impl.writer = Xapian::WritableDatabase(impl.path, flags);
}

}  // namespace

SearchIndex::SearchIndex(std::string path)
    : path_(std::move(path)), impl_(std::make_unique<Impl>()) {
  impl_->path = path_;
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(fs::path(path_).parent_path(), ec);
  const bool existed = fs::exists(fs::path(path_) / "iamglass");
  try {
    open_writer(*impl_, Xapian::DB_CREATE_OR_OPEN);
    impl_->writer.get_doccount();
    // A cheap read of every table: a damaged file usually fails here.
    impl_->writer.get_metadata("position");
    impl_->load_facets();
    recreated_ = !existed;
  } catch (const Xapian::DatabaseLockError& e) {
    throw IndexError("the search index " + path_ + " is in use by another process: " + e.get_msg());
  } catch (const Xapian::Error&) {
    // Derived data: throw it away and start again.
    impl_->writer = Xapian::WritableDatabase();
    fs::remove_all(path_, ec);
    try {
      open_writer(*impl_, Xapian::DB_CREATE_OR_OVERWRITE);
    } catch (const Xapian::Error& e) {
      throw IndexError("cannot create the search index " + path_ + ": " + e.get_msg());
    }
    std::unique_lock lock(impl_->facet_mutex);
    impl_->doc_values.clear();
    recreated_ = true;
  }
  if (impl_->writer.get_metadata("position").empty()) recreated_ = true;
  // Written by an older version with other terms: it needs a full build.
  if (impl_->writer.get_metadata("format") != index_format) recreated_ = true;
}

SearchIndex::~SearchIndex() {
  try {
    impl_->pool.clear();
    impl_->writer.close();
  } catch (...) {
    // Closing only releases the lock and handles; nothing to report.
  }
}

std::int64_t SearchIndex::position() const {
  return guarded("reading the index position", [&]() -> std::int64_t {
    std::lock_guard lock(impl_->writer_mutex);
    auto text = impl_->writer.get_metadata("position");
    if (text.empty()) return -1;
    try {
      return std::stoll(text);
    } catch (const std::exception&) {
      return -1;
    }
  });
}

void SearchIndex::put(const IndexDocument& doc) {
  guarded("indexing a document", [&] {
    Xapian::Document xdoc;
    Xapian::termpos pos = 1;
    std::set<std::string> spelled;
    // The stems a word is found by: its own, its diminutive's base word, and
    // those of the parts of either when it is a compound.
    auto add_stems = [&](const std::string& w, int weight) {
      xdoc.add_term(stem_prefix + stem_of(w), weight);
      for (const auto& part : parts_of(w)) {
        xdoc.add_term(stem_prefix + stem_of(part), weight);
        spelled.insert(part);
      }
      for (const auto& base : bases_of(w)) {
        xdoc.add_term(stem_prefix + stem_of(base), weight);
        for (const auto& part : parts_of(base)) xdoc.add_term(stem_prefix + stem_of(part), weight);
      }
    };
    for (const auto& field : doc.fields) {
      for (const auto& token : tokenize(field.text)) {
        const auto& w = token.word;
        if (w.size() > max_term_bytes) continue;
        xdoc.add_posting(w, pos++, field.weight);
        if (w.size() >= 4 && !is_digits(w)) spelled.insert(w);
        add_stems(w, field.weight);
      }
      // "mis(be)handeling" is also found as "mishandeling" and "misbehandeling".
      for (const auto& bracketed : bracket_words(field.text)) {
        if (bracketed.with.size() > max_term_bytes) continue;
        for (const auto* form : {&bracketed.without, &bracketed.with}) {
          xdoc.add_term(*form, field.weight);
          spelled.insert(*form);
          add_stems(*form, field.weight);
        }
        // The compound part the bracketed letters fall in, with them:
        // "ouderenmis(be)handeling" is ouderen + mishandeling, so also
        // "misbehandeling" (which the word list does not know).
        const auto inserted =
            bracketed.with.substr(bracketed.at, bracketed.with.size() - bracketed.without.size());
        std::size_t from = 0;
        for (const auto& part : parts_of(bracketed.without)) {
          const auto begin = bracketed.without.find(part, from);
          if (begin == std::string::npos) break;
          from = begin + part.size();
          if (bracketed.at < begin || bracketed.at >= from) continue;
          std::string with_part = part;
          with_part.insert(bracketed.at - begin, inserted);
          xdoc.add_term(stem_prefix + stem_of(with_part), field.weight);
          spelled.insert(with_part);
          break;
        }
      }
      pos += field_gap;
    }
    xdoc.add_boolean_term(key_prefix + doc.key);
    for (const auto& [facet, value] : doc.facets) xdoc.add_boolean_term(facet_term(facet, value));
    // Also as a facet value, so the in-memory table knows who may see it.
    xdoc.add_boolean_term(facet_term(visibility_facet, doc.visibility));
    xdoc.add_value(date_slot, Xapian::sortable_serialise(static_cast<double>(doc.date)));
    std::string data = doc.key;
    data += '\0';
    data += doc.snippet_source;
    data += '\0';
    data += doc.data;
    xdoc.set_data(data);

    std::lock_guard lock(impl_->writer_mutex);
    // Each word once per process: Xapian's spelling table is costly to update
    // and only needs to know that a word exists (suggestions are verified).
    for (const auto& w : spelled)
      if (impl_->spelled.insert(w).second) impl_->writer.add_spelling(w);
    auto id = impl_->writer.replace_document(key_prefix + doc.key, xdoc);
    std::unique_lock facets(impl_->facet_mutex);
    std::vector<std::uint32_t> ids;
    for (const auto& [facet, value] : doc.facets) ids.push_back(impl_->value_id(facet, value));
    ids.push_back(impl_->value_id(visibility_facet, doc.visibility));
    impl_->set_doc_values(id, std::move(ids), doc.date);
  });
}

void SearchIndex::remove(const std::string& key) {
  guarded("removing a document", [&] {
    std::lock_guard lock(impl_->writer_mutex);
    auto term = key_prefix + key;
    std::vector<Xapian::docid> ids;
    for (auto p = impl_->writer.postlist_begin(term); p != impl_->writer.postlist_end(term); ++p)
      ids.push_back(*p);
    impl_->writer.delete_document(term);
    std::unique_lock facets(impl_->facet_mutex);
    for (auto id : ids) impl_->doc_values.erase(id);
  });
}

void SearchIndex::commit(std::int64_t position) {
  guarded("committing the index", [&] {
    std::lock_guard lock(impl_->writer_mutex);
    impl_->writer.set_metadata("position", std::to_string(position));
    impl_->writer.set_metadata("format", index_format);
    impl_->writer.commit();
    impl_->generation.fetch_add(1);
  });
}

void SearchIndex::clear() {
  guarded("clearing the index", [&] {
    std::lock_guard lock(impl_->writer_mutex);
    std::vector<Xapian::docid> ids;
    for (auto p = impl_->writer.postlist_begin(""); p != impl_->writer.postlist_end(""); ++p)
      ids.push_back(*p);
    for (auto id : ids) impl_->writer.delete_document(id);
    // Spelling data of removed words stays; a suggestion is only shown when it finds
    // visible results, so a stale word is never suggested.
    std::unique_lock facets(impl_->facet_mutex);
    impl_->doc_values.clear();
  });
}

std::uint32_t SearchIndex::size() const {
  return guarded("counting documents", [&]() -> std::uint32_t {
    auto reader = impl_->acquire();
    auto n = reader->db.get_doccount();
    impl_->release(std::move(reader));
    return n;
  });
}

std::uint64_t SearchIndex::disk_bytes() const {
  std::uint64_t total = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(path_, ec))
    if (entry.is_regular_file(ec)) total += entry.file_size(ec);
  return total;
}

namespace {

// Counts facet values over every match (see SearchOutcome::facets). Facet
// `index` i of a value is its position in `facets`; selected values are
// flagged. A document counts for a value of facet f when it satisfies every
// selected facet except possibly f.
class FacetCounter {
 public:
  FacetCounter(const FacetTable& doc_values, const std::vector<int>& facet_of,
               const std::vector<char>& selected, std::uint32_t selected_facets)
      : doc_values_(doc_values),
        facet_of_(facet_of),
        selected_(selected),
        selected_facets_(selected_facets),
        counts_(facet_of.size(), 0) {}

  // Counts document `id`; true when it meets every selected facet (it is a result).
  bool add(Xapian::docid id) {
    const auto vals = doc_values_.get(id);
    std::uint32_t unsatisfied = selected_facets_;
    for (auto v : vals)
      if (v < selected_.size() && selected_[v]) unsatisfied &= ~(1u << facet_of_[v]);
    const int missing = std::popcount(unsatisfied);
    if (missing == 0) {
      ++total_;
      for (auto v : vals)
        if (v < facet_of_.size() && facet_of_[v] >= 0) ++counts_[v];
    } else if (missing == 1) {
      const int only = std::countr_zero(unsatisfied);
      for (auto v : vals)
        if (v < facet_of_.size() && facet_of_[v] == only) ++counts_[v];
    }
    return missing == 0;
  }

  int total() const { return total_; }
  const std::vector<int>& counts() const { return counts_; }

 private:
  const FacetTable& doc_values_;
  const std::vector<int>& facet_of_;
  const std::vector<char>& selected_;
  std::uint32_t selected_facets_;
  std::vector<int> counts_;
  int total_ = 0;
};

// The words in this order, next to each other. Requires: two or more words.
Xapian::Query phrase_query(const std::vector<std::string>& words) {
  std::vector<Xapian::Query> terms;
  for (const auto& w : words) terms.emplace_back(w);
  return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                       static_cast<Xapian::termcount>(words.size()));
}

// The words a snippet should mark: each query word and its stem, with synonyms.
struct Marks {
  std::set<std::string> words;
  std::set<std::string> stems;
};

// The query as a plan: groups that must all match (unless excluded), each
// satisfied by any of its alternatives; an alternative of one word matches its
// stem or the word itself, one of several words is a phrase.
struct QueryGroup {
  std::vector<std::vector<std::string>> alternatives;
  bool excluded = false;
};

// Plans `parsed`, expanding synonyms among runs of plain words. Stop words
// ("van", "de") outside phrases and synonyms are not required, unless the query
// has nothing else; they are never marked.
std::vector<QueryGroup> plan_query(const ParsedQuery& parsed, const Synonyms& synonyms,
                                   Marks& marks) {
  std::vector<QueryGroup> plan;
  auto mark = [&](const std::vector<std::string>& words) {
    for (const auto& w : words) {
      if (is_stop_word(w)) continue;
      marks.words.insert(w);
      for (auto& stem : search_stems(w)) marks.stems.insert(std::move(stem));
    }
  };
  bool only_stop_words = true;
  for (const auto& part : parsed.parts)
    if (!part.excluded)
      for (const auto& w : part.words) only_stop_words = only_stop_words && is_stop_word(w);
  std::size_t i = 0;
  const auto& parts = parsed.parts;
  while (i < parts.size()) {
    const auto& part = parts[i];
    if (part.excluded || part.phrase) {
      plan.push_back(QueryGroup{{part.words}, part.excluded});
      if (!part.excluded) mark(part.words);
      ++i;
      continue;
    }
    // A run of plain words: look for synonyms.
    std::vector<std::string> run;
    std::size_t j = i;
    while (j < parts.size() && !parts[j].excluded && !parts[j].phrase)
      run.push_back(parts[j++].words.front());
    std::size_t k = 0;
    while (k < run.size()) {
      auto found = synonyms.matches_at(run, k);
      if (found.empty()) {
        if (is_stop_word(run[k]) && !only_stop_words) {
          ++k;
          continue;
        }
        QueryGroup group{{{run[k]}}, false};
        // The other full form of a word typed with brackets ("mis(be)handeling").
        for (const auto& other : parts[i + k].spellings) group.alternatives.push_back({other});
        for (const auto& alternative : group.alternatives) mark(alternative);
        plan.push_back(std::move(group));
        ++k;
        continue;
      }
      const auto& group = synonyms.groups()[found.front().group];
      plan.push_back(QueryGroup{group.alternatives, false});
      for (const auto& alternative : group.alternatives) mark(alternative);
      k += found.front().length;
    }
    i = j;
  }
  return plan;
}

// The postings of one alternative: a word's stem and the word itself (wdf
// summed), or the matches of a phrase (wdf 1). Cached per index generation.
SearchIndex::Impl::Postings alternative_postings(SearchIndex::Impl& impl, Xapian::Database& db,
                                                 std::uint64_t gen,
                                                 const std::vector<std::string>& alternative) {
  std::string key;
  for (const auto& w : alternative) key += w + ' ';
  if (auto cached = impl.cached_postings(key, gen)) return cached;
  std::vector<SearchIndex::Impl::Posting> list;
  if (alternative.size() == 1) {
    std::map<Xapian::docid, Xapian::termcount> merged;
    std::vector<std::string> terms{alternative.front()};
    for (const auto& stem : search_stems(alternative.front())) terms.push_back(stem_prefix + stem);
    for (const auto& term : terms)
      for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p)
        merged[*p] += p.get_wdf();
    list.reserve(merged.size());
    for (const auto& [doc, wdf] : merged) list.push_back({doc, wdf});
  } else {
    Xapian::Enquire enquire(db);
    enquire.set_query(phrase_query(alternative));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    auto mset = enquire.get_mset(0, db.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) list.push_back({*it, 1});
  }
  auto shared = std::make_shared<const std::vector<SearchIndex::Impl::Posting>>(std::move(list));
  impl.cache_postings(key, gen, shared);
  return shared;
}

// The plan evaluated over posting lists: which documents match (count of
// groups met equals the number of included groups, no excluded group met),
// and a relevance score in the manner of BM25 without length normalisation
// (title words weigh more through their wdf; rarer words more through idf).
struct Evaluation {
  std::vector<std::uint8_t> match;
  std::vector<float> score;
};

Evaluation evaluate(SearchIndex::Impl& impl, Xapian::Database& db, std::uint64_t gen,
                    const std::vector<QueryGroup>& plan, std::size_t n) {
  Evaluation out;
  out.score.assign(n, 0.0f);
  int included = 0;
  for (const auto& group : plan) included += group.excluded ? 0 : 1;
  std::vector<std::uint8_t> count(n, 0);
  std::vector<std::uint8_t> excluded(n, 0);
  std::vector<std::uint16_t> last_group(n, 0xFFFF);
  const double total_docs = std::max<double>(1, db.get_doccount());
  constexpr double k1 = 1.2;
  for (std::size_t g = 0; g < plan.size(); ++g) {
    for (const auto& alternative : plan[g].alternatives) {
      auto postings = alternative_postings(impl, db, gen, alternative);
      const double df = static_cast<double>(postings->size());
      const double idf = std::log(1.0 + (total_docs - df + 0.5) / (df + 0.5)) *
                         static_cast<double>(alternative.size());
      for (const auto& [d, wdf] : *postings) {
        if (d >= n) continue;
        if (plan[g].excluded) {
          excluded[d] = 1;
          continue;
        }
        if (last_group[d] != g) {
          last_group[d] = static_cast<std::uint16_t>(g);
          ++count[d];
        }
        out.score[d] += static_cast<float>(idf * (k1 + 1) * wdf / (wdf + k1));
      }
    }
  }
  out.match.assign(n, 0);
  for (std::size_t d = 1; d < n; ++d) out.match[d] = count[d] == included && !excluded[d];
  return out;
}

bool marked(const std::string& word, const Marks& marks) {
  if (is_stop_word(word)) return false;
  auto any_stem = [&](const std::string& w) {
    for (const auto& stem : search_stems(w))
      if (marks.stems.count(stem)) return true;
    return false;
  };
  if (marks.words.count(word) || any_stem(word)) return true;
  for (const auto& part : parts_of(word))
    if (any_stem(part)) return true;
  return false;
}

// About `length` bytes of `text` around its first marked word, escaped, with the
// marked words in <mark>.
std::string make_snippet(const std::string& text, const Marks& marks, std::size_t length = 220) {
  auto tokens = tokenize(text);
  // A word with a bracketed part is one unit, marked as a whole when either
  // full form is: "<mark>ouderenmis(be)handeling</mark>".
  for (const auto& bracketed : bracket_words(text)) {
    auto first = std::find_if(tokens.begin(), tokens.end(),
                              [&](const Token& t) { return t.begin >= bracketed.begin; });
    auto last =
        std::find_if(first, tokens.end(), [&](const Token& t) { return t.begin >= bracketed.end; });
    if (first == last) continue;
    Token unit{marked(bracketed.with, marks) ? bracketed.with : bracketed.without, bracketed.begin,
               bracketed.end};
    first = tokens.erase(first, last);
    tokens.insert(first, std::move(unit));
  }
  std::vector<bool> hit(tokens.size(), false);
  std::size_t first = tokens.size();
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    if (!marks.words.empty() && marked(tokens[k].word, marks)) {
      hit[k] = true;
      if (first == tokens.size()) first = k;
    }
  }
  std::size_t begin = 0;
  if (first < tokens.size() && tokens[first].begin > length / 3) {
    // Start a few words before the first match.
    std::size_t k = first;
    while (k > 0 && tokens[first].begin - tokens[k - 1].begin < length / 3) --k;
    begin = tokens[k].begin;
  }
  std::size_t end = std::min(text.size(), begin + length);
  // Do not cut inside a word (nor a UTF-8 sequence).
  for (const auto& t : tokens)
    if (t.begin < end && t.end > end) {
      end = t.begin;
      break;
    }
  std::string out;
  if (begin > 0) out += "… ";
  std::size_t at = begin;
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    if (!hit[k] || tokens[k].begin < begin || tokens[k].end > end) continue;
    out += escape_html(std::string_view(text).substr(at, tokens[k].begin - at));
    out += "<mark>";
    out += escape_html(
        std::string_view(text).substr(tokens[k].begin, tokens[k].end - tokens[k].begin));
    out += "</mark>";
    at = tokens[k].end;
  }
  out += escape_html(std::string_view(text).substr(at, end - at));
  if (end < text.size()) out += " …";
  return out;
}

}  // namespace

namespace {

struct RunResult {
  SearchOutcome outcome;
  Marks marks;
};

RunResult run_search(SearchIndex::Impl& impl, Xapian::Database& db, std::uint64_t gen,
                     const SearchQuery& q, const ParsedQuery& parsed, const Synonyms& synonyms) {
  RunResult result;
  const auto plan = plan_query(parsed, synonyms, result.marks);
  if (q.visibilities.empty()) return result;  // sees nothing

  // The facets involved: counted ones and selected ones (at most 32).
  std::vector<std::string> facet_names = q.facet_names;
  for (const auto& [facet, values] : q.filters)
    if (!values.empty() &&
        std::find(facet_names.begin(), facet_names.end(), facet) == facet_names.end())
      facet_names.push_back(facet);
  if (facet_names.size() > 32) facet_names.resize(32);

  // One pass over the posting lists: the total, the facet counts and the
  // ranked page, all from the in-memory table; no Document objects.
  std::vector<Xapian::docid> ranked;
  {
    std::shared_lock lock(impl.facet_mutex);
    const auto nvalues = impl.values.size();
    std::vector<int> facet_of(nvalues, -1);
    std::vector<char> selected(nvalues, 0);
    std::uint32_t selected_facets = 0;
    for (std::size_t v = 0; v < nvalues; ++v) {
      const auto& [facet, value] = impl.values[v];
      auto it = std::find(facet_names.begin(), facet_names.end(), facet);
      if (it == facet_names.end()) continue;
      facet_of[v] = static_cast<int>(it - facet_names.begin());
      auto f = q.filters.find(facet);
      if (f != q.filters.end() &&
          std::find(f->second.begin(), f->second.end(), value) != f->second.end())
        selected[v] = 1;
    }
    for (const auto& [facet, values] : q.filters) {
      if (values.empty()) continue;
      auto it = std::find(facet_names.begin(), facet_names.end(), facet);
      if (it != facet_names.end()) selected_facets |= 1u << (it - facet_names.begin());
    }
    // Every visible match, from posting lists and the in-memory table: no
    // scoring, no Document objects (a Xapian MatchSpy costs one per match).
    std::vector<char> visible_value(nvalues, 0);
    for (const auto& v : q.visibilities) {
      auto it = impl.value_ids.find(facet_term(visibility_facet, v));
      if (it != impl.value_ids.end()) visible_value[it->second] = 1;
    }
    const std::size_t n = impl.doc_values.size();
    const auto eval = evaluate(impl, db, gen, plan, n);
    FacetCounter spy(impl.doc_values, facet_of, selected, selected_facets);
    for (std::size_t d = 1; d < n; ++d) {
      if (!eval.match[d]) continue;
      bool visible = false;
      for (auto v : impl.doc_values.get(static_cast<Xapian::docid>(d)))
        visible = visible || visible_value[v];
      if (visible && spy.add(static_cast<Xapian::docid>(d)))
        ranked.push_back(static_cast<Xapian::docid>(d));
    }
    // The page: by score (then newest), or newest first when asked or when
    // there is no text to rank by.
    const bool by_date = q.newest_first || parsed.empty();
    auto before = [&](Xapian::docid a, Xapian::docid b) {
      const auto da = impl.doc_dates[a], db_ = impl.doc_dates[b];
      if (!by_date && eval.score[a] != eval.score[b]) return eval.score[a] > eval.score[b];
      if (da != db_) return da > db_;
      return a < b;
    };
    const std::size_t end =
        std::min(ranked.size(), static_cast<std::size_t>(std::max(0, q.offset)) +
                                    static_cast<std::size_t>(std::max(0, q.limit)));
    std::partial_sort(ranked.begin(), ranked.begin() + end, ranked.end(), before);
    ranked.resize(end);
    result.outcome.total = spy.total();
    for (std::size_t f = 0; f < facet_names.size(); ++f) {
      if (std::find(q.facet_names.begin(), q.facet_names.end(), facet_names[f]) ==
          q.facet_names.end())
        continue;
      auto& list = result.outcome.facets[facet_names[f]];
      for (std::size_t v = 0; v < nvalues; ++v)
        if (facet_of[v] == static_cast<int>(f) && (spy.counts()[v] > 0 || selected[v]))
          list.push_back({impl.values[v].second, spy.counts()[v], selected[v] != 0});
      // Values selected but never indexed still show, with 0.
      auto sel = q.filters.find(facet_names[f]);
      if (sel != q.filters.end())
        for (const auto& value : sel->second)
          if (std::none_of(list.begin(), list.end(),
                           [&](const FacetCount& c) { return c.value == value; }))
            list.push_back({value, 0, true});
      std::stable_sort(list.begin(), list.end(), [](const FacetCount& a, const FacetCount& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
      });
    }
  }

  // The documents of the page.
  for (std::size_t i = static_cast<std::size_t>(std::max(0, q.offset)); i < ranked.size(); ++i) {
    auto doc = db.get_document(ranked[i]);
    auto data = doc.get_data();
    // Stored as key NUL snippet-source NUL data (see put()).
    auto first_zero = data.find('\0');
    auto second_zero =
        first_zero == std::string::npos ? first_zero : data.find('\0', first_zero + 1);
    Hit hit;
    if (second_zero != std::string::npos) {
      hit.key = data.substr(0, first_zero);
      hit.snippet_html =
          make_snippet(data.substr(first_zero + 1, second_zero - first_zero - 1), result.marks);
      hit.data = data.substr(second_zero + 1);
    }
    result.outcome.hits.push_back(std::move(hit));
  }
  return result;
}

// `parsed` with each word that the index does not know replaced by the closest
// word it does know (edit distance up to 2, words of 4+ letters). Returns false
// when nothing was replaced.
bool correct_spelling(Xapian::Database& db, ParsedQuery& parsed) {
  bool changed = false;
  for (auto& part : parsed.parts) {
    if (part.excluded) continue;
    for (auto& w : part.words) {
      if (w.size() < 4 || is_digits(w)) continue;
      if (db.get_termfreq(w) > 0) continue;
      const auto stems = search_stems(w);
      if (std::any_of(stems.begin(), stems.end(), [&](const std::string& stem) {
            return db.get_termfreq(stem_prefix + stem) > 0;
          }))
        continue;
      auto better = db.get_spelling_suggestion(w, 2);
      if (!better.empty() && better != w) {
        w = better;
        changed = true;
      }
    }
  }
  return changed;
}

}  // namespace

SearchOutcome SearchIndex::search(const SearchQuery& query, const Synonyms& synonyms) const {
  auto parsed = parse_query(query.text);
  return guarded("searching", [&]() -> SearchOutcome {
    for (int attempt = 0;; ++attempt) {
      auto reader = impl_->acquire();
      try {
        auto run = run_search(*impl_, reader->db, reader->generation, query, parsed, synonyms);
        ParsedQuery corrected = parsed;
        if (!parsed.empty() && correct_spelling(reader->db, corrected)) {
          auto second =
              run_search(*impl_, reader->db, reader->generation, query, corrected, synonyms);
          if (second.outcome.total > 0) {
            if (run.outcome.total == 0) {
              run = std::move(second);
              run.outcome.used_suggestion = true;
            }
            run.outcome.suggestion = to_text(corrected);
          }
        }
        impl_->release(std::move(reader));
        return std::move(run.outcome);
      } catch (const Xapian::DatabaseModifiedError&) {
        // The writer moved on more than one revision: read the newest and retry.
        reader->db.reopen();
        impl_->release(std::move(reader));
        if (attempt >= 2) throw;
      }
    }
  });
}

}  // namespace schakel::search
