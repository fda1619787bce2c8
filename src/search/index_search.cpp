// Query execution: the query planned with synonyms, evaluated over cached
// posting lists kept as compressed bitmaps, restricted to what the searcher may
// see, filtered by facets, counted (cardinalities of bitmap intersections),
// ranked and paged; with a spelling correction when nothing matches.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <unordered_set>

#include "search/index_counts.hpp"
#include "search/index_internal.hpp"
#include "search/index_rank.hpp"
#include "search/query.hpp"
#include "search/text.hpp"

namespace schakel::search {

std::atomic<SearchStrategy> search_strategy{SearchStrategy::choose};

namespace {

// The words in this order, next to each other. Requires: two or more words.
Xapian::Query phrase_query(const std::vector<std::string>& words) {
  std::vector<Xapian::Query> terms;
  for (const auto& w : words) terms.emplace_back(w);
  return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                       static_cast<Xapian::termcount>(words.size()));
}

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
  marks.index_keys();
  return plan;
}

// The relevance a posting adds to its document, in the manner of BM25 without
// length normalisation: idf × (k1 + 1) × wdf / (wdf + k1), the idf counted once
// per word of a phrase (title words weigh more through their wdf; rarer words
// more through idf).
float posting_weight(double total_docs, std::size_t postings, std::size_t words,
                     Xapian::termcount wdf) {
  constexpr double k1 = 1.2;
  const double df = static_cast<double>(postings);
  const double idf =
      std::log(1.0 + (total_docs - df + 0.5) / (df + 0.5)) * static_cast<double>(words);
  return static_cast<float>(idf * (k1 + 1) * wdf / (wdf + k1));
}

// The postings of one alternative: a word's stem and the word itself (wdf
// summed), or the matches of a phrase (wdf 1), with their documents as a
// bitmap. Cached per index revision (the reader's).
SearchIndex::Impl::Postings alternative_postings(SearchIndex::Impl& impl, Xapian::Database& db,
                                                 std::uint64_t gen,
                                                 const std::vector<std::string>& alternative) {
  std::string key;
  for (const auto& w : alternative) key += w + ' ';
  if (auto cached = impl.cached_postings(key, gen)) return cached;
  auto postings = std::make_shared<SearchIndex::Impl::PostingList>();
  auto& list = postings->list;
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
  std::vector<std::uint32_t> docs;
  docs.reserve(list.size());
  for (const auto& posting : list) docs.push_back(posting.doc);
  postings->index_blocks();
  postings->docs.addMany(docs.size(), docs.data());
  postings->docs.runOptimize();
  postings->weighed_docs = std::max<double>(1, db.get_doccount());
  postings->weights.reserve(list.size());
  for (const auto& posting : list)
    postings->weights.push_back(
        posting_weight(postings->weighed_docs, list.size(), alternative.size(), posting.wdf));
  SearchIndex::Impl::Postings shared = std::move(postings);
  impl.cache_postings(key, gen, shared);
  return shared;
}

// `postings` (of an alternative of `words` words) with weights for
// `total_docs` documents: itself when it was weighed so, else a copy weighed
// anew (a reader of a newer revision than the one that filled the cache).
SearchIndex::Impl::Postings weighed_for(SearchIndex::Impl::Postings postings, std::size_t words,
                                        double total_docs) {
  if (postings->weighed_docs == total_docs) return postings;
  auto copy = std::make_shared<SearchIndex::Impl::PostingList>();
  copy->list = postings->list;
  copy->blocks = postings->blocks;
  copy->first_block = postings->first_block;
  copy->docs = postings->docs;
  copy->weighed_docs = total_docs;
  copy->weights.reserve(copy->list.size());
  for (const auto& posting : copy->list)
    copy->weights.push_back(posting_weight(total_docs, copy->list.size(), words, posting.wdf));
  return copy;
}

// The postings of a group: every document of any of its alternatives, with
// the sum of their weights (added in alternative order), and all of them as a
// bitmap. A group of one alternative is that alternative's list. Cached per
// index revision like the alternatives' lists, when weighed for the
// revision's number of documents.
SearchIndex::Impl::Postings group_postings(SearchIndex::Impl& impl, Xapian::Database& db,
                                           std::uint64_t gen, const QueryGroup& group,
                                           double total_docs) {
  if (group.alternatives.size() == 1)
    return weighed_for(alternative_postings(impl, db, gen, group.alternatives.front()),
                       group.alternatives.front().size(), total_docs);
  std::string key = "|";  // no alternative's key starts so
  for (const auto& alternative : group.alternatives) {
    for (const auto& w : alternative) key += w + ' ';
    key += '|';
  }
  if (auto cached = impl.cached_postings(key, gen); cached && cached->weighed_docs == total_docs)
    return cached;
  auto merged = std::make_shared<SearchIndex::Impl::PostingList>();
  merged->weighed_docs = total_docs;
  bool cacheable = true;
  std::vector<SearchIndex::Impl::Posting> list;
  std::vector<float> weights;
  for (const auto& alternative : group.alternatives) {
    auto own = alternative_postings(impl, db, gen, alternative);
    cacheable = cacheable && own->weighed_docs == total_docs;
    own = weighed_for(std::move(own), alternative.size(), total_docs);
    // Merge by docid; a document in both adds this alternative's weight.
    list.clear();
    weights.clear();
    std::size_t i = 0, j = 0;
    const auto& a = merged->list;
    const auto& b = own->list;
    while (i < a.size() || j < b.size()) {
      if (j == b.size() || (i < a.size() && a[i].doc < b[j].doc)) {
        list.push_back(a[i]);
        weights.push_back(merged->weights[i++]);
      } else if (i == a.size() || b[j].doc < a[i].doc) {
        list.push_back({b[j].doc, 0});
        weights.push_back(0.0f + own->weights[j++]);
      } else {
        list.push_back(a[i]);
        weights.push_back(merged->weights[i++] + own->weights[j++]);
      }
    }
    merged->list.swap(list);
    merged->weights.swap(weights);
    merged->docs |= own->docs;
  }
  merged->docs.runOptimize();
  merged->index_blocks();
  SearchIndex::Impl::Postings shared = std::move(merged);
  if (cacheable) impl.cache_postings(key, gen, shared);
  return shared;
}

// The postings of every group of `plan` (from the cache or the disk), weighed
// for `total_docs` documents.
std::vector<GroupPostings> plan_postings(SearchIndex::Impl& impl, Xapian::Database& db,
                                         std::uint64_t gen, const std::vector<QueryGroup>& plan,
                                         double total_docs) {
  std::vector<GroupPostings> groups;
  groups.reserve(plan.size());
  for (const auto& group : plan)
    groups.push_back({group_postings(impl, db, gen, group, total_docs), group.excluded});
  return groups;
}

// The documents the searcher may see: those with one of the query's
// visibilities. The union is kept per set of visibilities for the value
// bitmaps as they are (values_version), so a search of the same audience
// reuses it until a document is put or removed.
// Requires: impl.facet_mutex held (shared is enough); takes visible_mutex.
std::shared_ptr<const Roaring> visible_docs(SearchIndex::Impl& impl, const SearchQuery& q) {
  std::vector<std::string> sorted = q.visibilities;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::string key;
  for (const auto& v : sorted) (key += std::to_string(v.size()) + ':') += v;  // unambiguous
  {
    std::lock_guard lock(impl.visible_mutex);
    auto it = impl.visible_cache.find(key);
    if (it != impl.visible_cache.end() && it->second.version == impl.values_version)
      return it->second.docs;
  }
  auto visible = std::make_shared<Roaring>();
  for (const auto& v : sorted) {
    auto it = impl.value_ids.find(facet_term(visibility_facet, v));
    if (it != impl.value_ids.end()) *visible |= impl.value_docs[it->second];
  }
  std::lock_guard lock(impl.visible_mutex);
  if (impl.visible_cache.size() >= 16) impl.visible_cache.clear();  // a few audiences at most
  impl.visible_cache[key] = {impl.values_version, visible};
  return visible;
}

// The documents of `visible` that match the plan: each included group met by
// one of its alternatives, no excluded group met. Visibility is part of the
// match from the start, so nothing unseen is ever counted or paged.
Roaring match_docs(const std::vector<GroupPostings>& groups, const Roaring& visible) {
  // The first included group's AND makes the new bitmap: `visible` is not copied.
  const GroupPostings* first = nullptr;
  for (const auto& group : groups)
    if (!group.excluded) {
      first = &group;
      break;
    }
  Roaring matched = first != nullptr ? visible & first->docs() : visible;
  for (const auto& group : groups) {
    if (matched.isEmpty()) break;
    if (group.excluded)
      matched -= group.docs();
    else if (&group != first)
      matched &= group.docs();
  }
  return matched;
}

// The facets a search involves: counted ones and selected ones (at most 32).
std::vector<std::string> involved_facets(const SearchQuery& q) {
  std::vector<std::string> facet_names = q.facet_names;
  for (const auto& [facet, values] : q.filters)
    if (!values.empty() &&
        std::find(facet_names.begin(), facet_names.end(), facet) == facet_names.end())
      facet_names.push_back(facet);
  if (facet_names.size() > 32) facet_names.resize(32);
  return facet_names;
}

struct RunResult {
  SearchOutcome outcome;
  Marks marks;
};

// Document `d` as stored (see put(): key NUL snippet-source NUL data), read
// from `db` and split for snippets.
SearchIndex::Impl::Stored read_stored(Xapian::Database& db, Xapian::docid d) {
  auto stored = std::make_shared<SearchIndex::Impl::StoredDoc>();
  const auto data = db.get_document(d).get_data();
  const auto first_zero = data.find('\0');
  const auto second_zero =
      first_zero == std::string::npos ? first_zero : data.find('\0', first_zero + 1);
  if (second_zero != std::string::npos) {
    stored->key = data.substr(0, first_zero);
    stored->snippet_source = data.substr(first_zero + 1, second_zero - first_zero - 1);
    stored->data = data.substr(second_zero + 1);
    stored->tokens = tokenize(stored->snippet_source);
    stored->brackets = bracket_words(stored->snippet_source);
    stored->token_keys = token_keys(stored->tokens);
  }
  return stored;
}

// The documents of the page: `ranked` from the query's offset on, as hits with
// their snippets; their stored parts from the cache of revision `gen` (the
// reader's) or read from `db` and cached. Takes impl.stored_mutex twice.
void add_hits(SearchIndex::Impl& impl, Xapian::Database& db, std::uint64_t gen,
              const std::vector<Xapian::docid>& ranked, const SearchQuery& q, const Marks& marks,
              std::vector<Hit>& hits) {
  const std::size_t from = std::min(ranked.size(), static_cast<std::size_t>(std::max(0, q.offset)));
  std::vector<SearchIndex::Impl::Stored> page(ranked.size() - from);
  {
    std::lock_guard lock(impl.stored_mutex);
    for (std::size_t i = from; i < ranked.size(); ++i)
      page[i - from] = impl.cached_stored(ranked[i], gen);
  }
  std::vector<std::size_t> read;  // positions in page read from db
  for (std::size_t i = 0; i < page.size(); ++i)
    if (!page[i]) {
      page[i] = read_stored(db, ranked[from + i]);
      read.push_back(i);
    }
  if (!read.empty()) {
    std::lock_guard lock(impl.stored_mutex);
    for (const auto i : read) impl.cache_stored(ranked[from + i], gen, page[i]);
  }
  hits.reserve(hits.size() + page.size());
  for (const auto& stored : page) {
    Hit hit;
    hit.key = stored->key;
    hit.snippet_html = make_snippet(stored->snippet_source, stored->tokens, stored->brackets,
                                    stored->token_keys, marks);
    hit.data = stored->data;
    hits.push_back(std::move(hit));
  }
}

RunResult run_search(SearchIndex::Impl& impl, Xapian::Database& db, std::uint64_t gen,
                     const SearchQuery& q, const ParsedQuery& parsed, const Synonyms& synonyms) {
  RunResult result;
  const auto plan = plan_query(parsed, synonyms, result.marks);
  if (q.visibilities.empty()) return result;  // sees nothing
  const auto facet_names = involved_facets(q);
  const double total_docs = std::max<double>(1, db.get_doccount());
  const auto groups = plan_postings(impl, db, gen, plan, total_docs);

  // Bitmaps throughout: the visible matches, the results meeting every
  // selection, the facet counts as cardinalities of intersections, and only
  // the results ranked; no Document objects, no walk over every document.
  std::vector<Xapian::docid> ranked;
  {
    std::shared_lock lock(impl.facet_mutex);
    Roaring matched = match_docs(groups, *visible_docs(impl, q));
    // The facet table holds puts not yet committed, which this reader lacks:
    // new documents get docids past its last one, so none of those is counted
    // or paged (a query without text matches from the table alone).
    const Xapian::docid last = db.get_lastdocid();
    if (!matched.isEmpty() && matched.maximum() > last)
      roaring_bitmap_remove_range_closed(&matched.roaring, last + 1, matched.maximum());
    const auto parts = select_facets(impl, q, facet_names);
    // Without a selection the results are the matches: not copied.
    std::optional<Roaring> selected;
    if (std::any_of(parts.begin(), parts.end(), [](const FacetPart& p) { return p.has_selection; }))
      selected = meeting_selections(matched, parts, parts.size());
    const Roaring& results = selected ? *selected : matched;
    result.outcome.total = static_cast<int>(results.cardinality());
    count_facets(impl, q, facet_names, parts, matched, results, result.outcome.facets);
    // The page: newest first when asked or when there is no text to rank by.
    rank_page(impl, groups, results, q.newest_first || parsed.empty(), q, gen, ranked);
  }

  add_hits(impl, db, gen, ranked, q, result.marks, result.outcome.hits);
  return result;
}

// `parsed` with each word that the index does not know replaced by the closest
// word it does know (edit distance up to 2, words of 4+ letters). Returns false
// when nothing was replaced. A word whose postings (the word's and its
// stems') the search just cached for revision `gen` is known when they are
// not empty: no need to ask the index again.
bool correct_spelling(SearchIndex::Impl& impl, Xapian::Database& db, std::uint64_t gen,
                      ParsedQuery& parsed) {
  bool changed = false;
  for (auto& part : parsed.parts) {
    if (part.excluded) continue;
    for (auto& w : part.words) {
      if (w.size() < 4 || is_digits(w)) continue;
      if (const auto cached = impl.cached_postings(w + ' ', gen); cached && cached->size() > 0)
        continue;
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
        // Cached postings and orders are keyed by the revision the reader
        // reads, not its generation label: a reader opened between the
        // writer's commit and the generation's step (or reopened after a
        // DatabaseModifiedError) reads a newer revision than its label says.
        const std::uint64_t revision = reader->db.get_revision();
        auto run = run_search(*impl_, reader->db, revision, query, parsed, synonyms);
        ParsedQuery corrected = parsed;
        if (!parsed.empty() && correct_spelling(*impl_, reader->db, revision, corrected)) {
          auto second = run_search(*impl_, reader->db, revision, query, corrected, synonyms);
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
