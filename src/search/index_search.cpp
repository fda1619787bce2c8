// Query execution: the query planned with synonyms, evaluated over cached
// posting lists, filtered by visibility and facets, counted, ranked and paged;
// with a spelling correction when nothing matches.
#include <algorithm>
#include <bit>
#include <cmath>
#include <map>

#include "search/index_internal.hpp"
#include "search/query.hpp"
#include "search/text.hpp"

namespace schakel::search {

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

struct RunResult {
  SearchOutcome outcome;
  Marks marks;
};

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

// By facet value id: the index in the involved facets of the value's facet (-1
// when not involved) and whether the value is selected; and a bit per involved
// facet that has a selection.
struct FacetSelection {
  std::vector<int> facet_of;
  std::vector<char> selected;
  std::uint32_t selected_facets = 0;
};

// Requires: impl.facet_mutex held.
FacetSelection select_facets(const SearchIndex::Impl& impl, const SearchQuery& q,
                             const std::vector<std::string>& facet_names) {
  const auto nvalues = impl.values.size();
  FacetSelection selection{std::vector<int>(nvalues, -1), std::vector<char>(nvalues, 0), 0};
  for (std::size_t v = 0; v < nvalues; ++v) {
    const auto& [facet, value] = impl.values[v];
    auto it = std::find(facet_names.begin(), facet_names.end(), facet);
    if (it == facet_names.end()) continue;
    selection.facet_of[v] = static_cast<int>(it - facet_names.begin());
    auto f = q.filters.find(facet);
    if (f != q.filters.end() &&
        std::find(f->second.begin(), f->second.end(), value) != f->second.end())
      selection.selected[v] = 1;
  }
  for (const auto& [facet, values] : q.filters) {
    if (values.empty()) continue;
    auto it = std::find(facet_names.begin(), facet_names.end(), facet);
    if (it != facet_names.end()) selection.selected_facets |= 1u << (it - facet_names.begin());
  }
  return selection;
}

// By facet value id: 1 for the visibilities the searcher may see.
// Requires: impl.facet_mutex held.
std::vector<char> visible_values(const SearchIndex::Impl& impl, const SearchQuery& q) {
  std::vector<char> visible_value(impl.values.size(), 0);
  for (const auto& v : q.visibilities) {
    auto it = impl.value_ids.find(facet_term(visibility_facet, v));
    if (it != impl.value_ids.end()) visible_value[it->second] = 1;
  }
  return visible_value;
}

// Keeps the page's end of `ranked` (up to offset + limit), in page order: by
// score (then newest), or newest first when `by_date`.
// Requires: impl.facet_mutex held.
void rank_page(const SearchIndex::Impl& impl, const Evaluation& eval, bool by_date,
               const SearchQuery& q, std::vector<Xapian::docid>& ranked) {
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
}

// The counted facets' values into `facets` (see SearchOutcome::facets), from
// `counts` by facet value id. Requires: impl.facet_mutex held.
void list_facets(const SearchIndex::Impl& impl, const SearchQuery& q,
                 const std::vector<std::string>& facet_names, const FacetSelection& selection,
                 const std::vector<int>& counts,
                 std::map<std::string, std::vector<FacetCount>>& facets) {
  const auto nvalues = impl.values.size();
  const auto& facet_of = selection.facet_of;
  const auto& selected = selection.selected;
  for (std::size_t f = 0; f < facet_names.size(); ++f) {
    if (std::find(q.facet_names.begin(), q.facet_names.end(), facet_names[f]) ==
        q.facet_names.end())
      continue;
    auto& list = facets[facet_names[f]];
    for (std::size_t v = 0; v < nvalues; ++v)
      if (facet_of[v] == static_cast<int>(f) && (counts[v] > 0 || selected[v]))
        list.push_back({impl.values[v].second, counts[v], selected[v] != 0});
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

  // One pass over the posting lists: the total, the facet counts and the
  // ranked page, all from the in-memory table; no Document objects.
  std::vector<Xapian::docid> ranked;
  {
    std::shared_lock lock(impl.facet_mutex);
    const auto selection = select_facets(impl, q, facet_names);
    // Every visible match, from posting lists and the in-memory table: no
    // scoring, no Document objects (a Xapian MatchSpy costs one per match).
    const auto visible_value = visible_values(impl, q);
    const std::size_t n = impl.doc_values.size();
    const auto eval = evaluate(impl, db, gen, plan, n);
    FacetCounter spy(impl.doc_values, selection.facet_of, selection.selected,
                     selection.selected_facets);
    for (std::size_t d = 1; d < n; ++d) {
      if (!eval.match[d]) continue;
      bool visible = false;
      for (auto v : impl.doc_values.get(static_cast<Xapian::docid>(d)))
        visible = visible || visible_value[v];
      if (visible && spy.add(static_cast<Xapian::docid>(d)))
        ranked.push_back(static_cast<Xapian::docid>(d));
    }
    // The page: newest first when asked or when there is no text to rank by.
    rank_page(impl, eval, q.newest_first || parsed.empty(), q, ranked);
    result.outcome.total = spy.total();
    list_facets(impl, q, facet_names, selection, spy.counts(), result.outcome.facets);
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
