// Query execution: the query planned with synonyms, evaluated over cached
// posting lists kept as compressed bitmaps, restricted to what the searcher may
// see, filtered by facets, counted (cardinalities of bitmap intersections),
// ranked and paged; with a spelling correction when nothing matches.
#include <algorithm>
#include <cmath>
#include <map>

#include "search/index_internal.hpp"
#include "search/query.hpp"
#include "search/text.hpp"

namespace schakel::search {

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
// bitmap. Cached per index generation.
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

// One alternative's posting list and its number of words (a phrase's idf
// counts once per word).
struct AlternativePostings {
  SearchIndex::Impl::Postings postings;
  std::size_t words = 1;
  const Roaring& docs() const { return postings->docs; }
};

// One group of the plan with the posting lists of its alternatives.
struct GroupPostings {
  std::vector<AlternativePostings> alternatives;
  bool excluded = false;
};

// The posting lists of every alternative of `plan` (from the cache or the disk).
std::vector<GroupPostings> plan_postings(SearchIndex::Impl& impl, Xapian::Database& db,
                                         std::uint64_t gen, const std::vector<QueryGroup>& plan) {
  std::vector<GroupPostings> groups;
  groups.reserve(plan.size());
  for (const auto& group : plan) {
    GroupPostings g;
    g.excluded = group.excluded;
    for (const auto& alternative : group.alternatives)
      g.alternatives.push_back(
          {alternative_postings(impl, db, gen, alternative), alternative.size()});
    groups.push_back(std::move(g));
  }
  return groups;
}

// The documents the searcher may see: those with one of the query's
// visibilities. Requires: impl.facet_mutex held.
Roaring visible_docs(const SearchIndex::Impl& impl, const SearchQuery& q) {
  Roaring visible;
  for (const auto& v : q.visibilities) {
    auto it = impl.value_ids.find(facet_term(visibility_facet, v));
    if (it != impl.value_ids.end()) visible |= impl.value_docs[it->second];
  }
  return visible;
}

// The documents of `visible` that match the plan: each included group met by
// one of its alternatives, no excluded group met. Visibility is part of the
// match from the start, so nothing unseen is ever counted or paged.
Roaring match_docs(const std::vector<GroupPostings>& groups, Roaring visible) {
  Roaring matched = std::move(visible);
  for (const auto& group : groups) {
    if (matched.isEmpty()) break;
    if (group.alternatives.size() == 1) {
      const auto& docs = group.alternatives.front().docs();
      if (group.excluded)
        matched -= docs;
      else
        matched &= docs;
      continue;
    }
    Roaring any;
    for (const auto& alternative : group.alternatives) any |= alternative.docs();
    if (group.excluded)
      matched -= any;
    else
      matched &= any;
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

// One involved facet: its value ids (in id order) and which of them are
// selected; when the query selects values of it, the documents having any of
// them (`chosen`).
struct FacetPart {
  const std::vector<std::uint32_t>* ids = nullptr;  // null when nothing has the facet
  std::vector<char> selected;                       // by position in *ids
  bool has_selection = false;
  Roaring chosen;
};

// Requires: impl.facet_mutex held.
std::vector<FacetPart> select_facets(const SearchIndex::Impl& impl, const SearchQuery& q,
                                     const std::vector<std::string>& facet_names) {
  std::vector<FacetPart> parts(facet_names.size());
  for (std::size_t f = 0; f < facet_names.size(); ++f) {
    auto& part = parts[f];
    auto sel = q.filters.find(facet_names[f]);
    part.has_selection = sel != q.filters.end() && !sel->second.empty();
    auto ids = impl.facet_values.find(facet_names[f]);
    if (ids == impl.facet_values.end()) continue;
    part.ids = &ids->second;
    part.selected.assign(ids->second.size(), 0);
    if (!part.has_selection) continue;
    for (std::size_t i = 0; i < ids->second.size(); ++i) {
      const auto v = ids->second[i];
      if (std::find(sel->second.begin(), sel->second.end(), impl.values[v].second) ==
          sel->second.end())
        continue;
      part.selected[i] = 1;
      part.chosen |= impl.value_docs[v];
    }
  }
  return parts;
}

// `matched` restricted to every selected facet except facet `skip` (none when
// `skip` is parts.size()): the documents that meet all the other selections.
Roaring meeting_selections(const Roaring& matched, const std::vector<FacetPart>& parts,
                           std::size_t skip) {
  Roaring out = matched;
  for (std::size_t f = 0; f < parts.size(); ++f)
    if (f != skip && parts[f].has_selection) out &= parts[f].chosen;
  return out;
}

// The counted facets' values into `facets` (see SearchOutcome::facets): for a
// value of facet f, the number of matches that have it and meet every selected
// facet other than f. `results` is `matched` meeting every selection.
// Requires: impl.facet_mutex held.
void count_facets(const SearchIndex::Impl& impl, const SearchQuery& q,
                  const std::vector<std::string>& facet_names, const std::vector<FacetPart>& parts,
                  const Roaring& matched, const Roaring& results,
                  std::map<std::string, std::vector<FacetCount>>& facets) {
  for (std::size_t f = 0; f < facet_names.size(); ++f) {
    const auto& name = facet_names[f];
    if (std::find(q.facet_names.begin(), q.facet_names.end(), name) == q.facet_names.end())
      continue;
    if (std::find(facet_names.begin(), facet_names.begin() + static_cast<std::ptrdiff_t>(f),
                  name) != facet_names.begin() + static_cast<std::ptrdiff_t>(f))
      continue;  // listed twice
    auto& list = facets[name];
    const auto& part = parts[f];
    if (part.ids != nullptr) {
      // Counting a selected facet ignores its own selection (OR within a facet).
      Roaring own;
      if (part.has_selection) own = meeting_selections(matched, parts, f);
      const Roaring& base = part.has_selection ? own : results;
      for (std::size_t i = 0; i < part.ids->size(); ++i) {
        const auto v = (*part.ids)[i];
        const auto count = static_cast<int>(impl.value_docs[v].and_cardinality(base));
        if (count > 0 || part.selected[i])
          list.push_back({impl.values[v].second, count, part.selected[i] != 0});
      }
    }
    // Values selected but never indexed still show, with 0.
    auto sel = q.filters.find(name);
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

// A result in ranking: its relevance and date.
struct Candidate {
  float score = 0.0f;
  Xapian::docid doc = 0;
  std::int64_t date = 0;
};

// Adds to each candidate (by ascending docid) the weight of every included
// alternative's posting of it (posting_weight), in plan order.
void score(const std::vector<GroupPostings>& groups, double total_docs,
           std::vector<Candidate>& candidates) {
  for (const auto& group : groups) {
    if (group.excluded) continue;
    for (const auto& alternative : group.alternatives) {
      const auto& postings = *alternative.postings;
      const auto& list = postings.list;
      // Weighed for another number of documents (a reader of a newer revision): anew.
      const bool weighed = postings.weighed_docs == total_docs;
      auto p = list.begin();
      const bool sparse = list.size() > 8 * candidates.size();
      for (auto& c : candidates) {
        if (sparse)
          p = std::lower_bound(p, list.end(), c.doc, [](const auto& posting, Xapian::docid d) {
            return posting.doc < d;
          });
        else
          while (p != list.end() && p->doc < c.doc) ++p;
        if (p == list.end()) break;
        if (p->doc != c.doc) continue;
        c.score += weighed ? postings.weights[static_cast<std::size_t>(p - list.begin())]
                           : posting_weight(total_docs, list.size(), alternative.words, p->wdf);
      }
    }
  }
}

// The page's end of the results (up to offset + limit), in page order: by
// score (then newest), or newest first when `by_date`. Ties go to the lower
// docid, so the order is total. Requires: impl.facet_mutex held.
void rank_page(const SearchIndex::Impl& impl, const std::vector<GroupPostings>& groups,
               double total_docs, const Roaring& results, bool by_date, const SearchQuery& q,
               std::vector<Xapian::docid>& ranked) {
  // Reused by the thread's next search: the hot path allocates nothing once warm.
  thread_local std::vector<std::uint32_t> docs;
  thread_local std::vector<Candidate> candidates;
  docs.resize(results.cardinality());
  results.toUint32Array(docs.data());
  candidates.resize(docs.size());
  for (std::size_t i = 0; i < docs.size(); ++i)
    candidates[i] = {0.0f, docs[i], docs[i] < impl.doc_dates.size() ? impl.doc_dates[docs[i]] : 0};
  if (!by_date) score(groups, total_docs, candidates);
  auto before = [by_date](const Candidate& a, const Candidate& b) {
    if (!by_date && a.score != b.score) return a.score > b.score;
    if (a.date != b.date) return a.date > b.date;
    return a.doc < b.doc;
  };
  const std::size_t end =
      std::min(candidates.size(), static_cast<std::size_t>(std::max(0, q.offset)) +
                                      static_cast<std::size_t>(std::max(0, q.limit)));
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(end),
                    candidates.end(), before);
  ranked.clear();
  for (std::size_t i = 0; i < end; ++i) ranked.push_back(candidates[i].doc);
}

struct RunResult {
  SearchOutcome outcome;
  Marks marks;
};

// The documents of the page: `ranked` from the query's offset on, as hits with
// their snippets.
void add_hits(Xapian::Database& db, const std::vector<Xapian::docid>& ranked, const SearchQuery& q,
              const Marks& marks, std::vector<Hit>& hits) {
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
          make_snippet(data.substr(first_zero + 1, second_zero - first_zero - 1), marks);
      hit.data = data.substr(second_zero + 1);
    }
    hits.push_back(std::move(hit));
  }
}

RunResult run_search(SearchIndex::Impl& impl, Xapian::Database& db, std::uint64_t gen,
                     const SearchQuery& q, const ParsedQuery& parsed, const Synonyms& synonyms) {
  RunResult result;
  const auto plan = plan_query(parsed, synonyms, result.marks);
  if (q.visibilities.empty()) return result;  // sees nothing
  const auto facet_names = involved_facets(q);
  const auto groups = plan_postings(impl, db, gen, plan);
  const double total_docs = std::max<double>(1, db.get_doccount());

  // Bitmaps throughout: the visible matches, the results meeting every
  // selection, the facet counts as cardinalities of intersections, and only
  // the results ranked; no Document objects, no walk over every document.
  std::vector<Xapian::docid> ranked;
  {
    std::shared_lock lock(impl.facet_mutex);
    const Roaring matched = match_docs(groups, visible_docs(impl, q));
    const auto parts = select_facets(impl, q, facet_names);
    const Roaring results = meeting_selections(matched, parts, parts.size());
    result.outcome.total = static_cast<int>(results.cardinality());
    count_facets(impl, q, facet_names, parts, matched, results, result.outcome.facets);
    // The page: newest first when asked or when there is no text to rank by.
    rank_page(impl, groups, total_docs, results, q.newest_first || parsed.empty(), q, ranked);
  }

  add_hits(db, ranked, q, result.marks, result.outcome.hits);
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
