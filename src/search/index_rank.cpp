// Ranking and paging: every result scored and partially sorted, or the page
// taken from an order kept per index revision (newest first, a group's weight
// order) or by the threshold algorithm over several groups' weight orders.
#include "search/index_rank.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <mutex>

#include "search/index_dense.hpp"

namespace schakel::search {

namespace {

// The results as bitset words, for the loops that test document after
// document for being a result (reading an order): a bit test, where
// Roaring's contains searches the bitmap's chunks and then a container.
class ResultBits {
 public:
  // Holds exactly the documents of `results`.
  void fill(const Roaring& results) {
    first_ = results.isEmpty() ? 0 : results.minimum() / 64;
    const std::size_t words = results.isEmpty() ? 0 : results.maximum() / 64 - first_ + 1;
    to_words(results, first_, words, words_);
  }
  bool contains(Xapian::docid d) const {
    const std::size_t w = d / 64;
    return w >= first_ && w - first_ < words_.size() && ((words_[w - first_] >> (d % 64)) & 1) != 0;
  }

 private:
  std::size_t first_ = 0;
  std::vector<std::uint64_t> words_;  // from word first_ on
};

// A result in ranking: its relevance and date.
struct Candidate {
  float score = 0.0f;
  Xapian::docid doc = 0;
  std::int64_t date = 0;
};

using PostingIt = std::vector<SearchIndex::Impl::Posting>::const_iterator;

// The first posting of [p, end) whose docid is `d` or more, found by
// galloping from p (steps of 1, 2, 4, … then a binary search in the last
// step): O(log distance) reads near p, where a binary search over all of
// [p, end) reads far-apart postings every time.
PostingIt gallop(PostingIt p, PostingIt end, Xapian::docid d) {
  std::ptrdiff_t step = 1;
  auto lo = p;
  while (end - lo > step && (lo + step)->doc < d) {
    lo += step;
    step *= 2;
  }
  const auto hi = end - lo > step ? lo + step + 1 : end;
  return std::lower_bound(lo, hi, d,
                          [](const auto& posting, Xapian::docid doc) { return posting.doc < doc; });
}

// The weights of `postings` by docid (PostingList::by_doc), built at the
// first call; null when the list is too sparse for it (PostingList::dense).
// Requires: the list's weights final (it is shared); takes
// postings.order_mutex.
std::shared_ptr<const std::vector<float>> weights_by_doc(
    const SearchIndex::Impl::PostingList& postings) {
  if (!postings.dense()) return nullptr;
  std::lock_guard lock(postings.order_mutex);
  if (!postings.by_doc) {
    auto by_doc = std::make_shared<std::vector<float>>(postings.list.back().doc + 1, 0.0f);
    for (std::size_t i = 0; i < postings.list.size(); ++i)
      (*by_doc)[postings.list[i].doc] = postings.weights[i];
    postings.by_doc = std::move(by_doc);
  }
  return postings.by_doc;
}

// Adds to each candidate (by ascending docid) the weight of every included
// group's posting of it, in plan order, searching each list. The groups are
// weighed for the index's number of documents (plan_postings). The plain way
// that the tests force, as the reference of rank_by_scores, which gives the
// same floats: a document without a posting reads 0 by docid there, and
// adding 0 to a sum of weights (all positive) leaves it as it is.
void score(const std::vector<GroupPostings>& groups, std::vector<Candidate>& candidates) {
  for (const auto& group : groups) {
    if (group.excluded) continue;
    const auto& postings = *group.postings;
    const auto& list = postings.list;
    auto p = list.begin();
    const bool sparse = list.size() > 8 * candidates.size();
    for (auto& c : candidates) {
      if (sparse)
        p = gallop(p, list.end(), c.doc);
      else
        while (p != list.end() && p->doc < c.doc) ++p;
      if (p == list.end()) break;
      if (p->doc != c.doc) continue;
      c.score += postings.weights[static_cast<std::size_t>(p - list.begin())];
    }
  }
}

// The date of document `d` (0 when it has none). Requires: impl.facet_mutex held.
std::int64_t date_of(const SearchIndex::Impl& impl, Xapian::docid d) {
  return d < impl.doc_dates.size() ? impl.doc_dates[d] : 0;
}

// True when taking a page of `end` results from the front of an order of
// `order_size` documents (testing each against `results`) costs less than
// ranking every result: the walk expects to pass order_size / |results|
// documents per result it keeps.
bool order_is_cheaper(std::size_t order_size, std::uint64_t results, std::size_t end) {
  if (const auto forced = forced_way()) return *forced;
  return results * results > 4 * static_cast<std::uint64_t>(end) * order_size;
}

// Every document newest first, for the dates as they are now; null when the
// order is stale and was already built at revision `gen` or later (it is
// built at most once per revision, so a run of puts between two commits does
// not sort every document again for each search). Requires: impl.facet_mutex
// held (shared is enough); takes date_order_mutex.
std::shared_ptr<const SearchIndex::Impl::DateOrder> date_order(SearchIndex::Impl& impl,
                                                               std::uint64_t gen) {
  std::lock_guard lock(impl.date_order_mutex);
  if (impl.date_order && impl.date_order->version == impl.order_version) return impl.date_order;
  if (impl.date_order && impl.date_order->revision >= gen) return nullptr;
  auto order = std::make_shared<SearchIndex::Impl::DateOrder>();
  order->version = impl.order_version;
  order->revision = gen;
  for (Xapian::docid d = 1; d < impl.doc_values.size(); ++d)
    if (!impl.doc_values.get(d).empty()) order->docs.push_back(d);
  std::sort(order->docs.begin(), order->docs.end(), [&](Xapian::docid a, Xapian::docid b) {
    const auto da = date_of(impl, a), db = date_of(impl, b);
    return da != db ? da > db : a < b;
  });
  impl.order_builds.fetch_add(1, std::memory_order_relaxed);
  impl.date_order = order;
  return order;
}

// The postings of `postings` by weight, then newest, then docid, for the
// dates as they are now; null when its order is stale (it is built once, at
// the list's first use: a list belongs to one revision).
// Requires: impl.facet_mutex held (shared is enough); takes postings.order_mutex.
std::shared_ptr<const SearchIndex::Impl::PostingList::Order> weight_order(
    SearchIndex::Impl& impl, const SearchIndex::Impl::PostingList& postings) {
  std::lock_guard lock(postings.order_mutex);
  if (postings.order)
    return postings.order->version == impl.order_version ? postings.order : nullptr;
  auto order = std::make_shared<SearchIndex::Impl::PostingList::Order>();
  order->version = impl.order_version;
  std::vector<std::uint32_t> positions(postings.list.size());
  for (std::uint32_t i = 0; i < positions.size(); ++i) positions[i] = i;
  std::sort(positions.begin(), positions.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (postings.weights[a] != postings.weights[b])
      return postings.weights[a] > postings.weights[b];
    const auto doc_a = postings.list[a].doc, doc_b = postings.list[b].doc;
    const auto da = date_of(impl, doc_a), db = date_of(impl, doc_b);
    return da != db ? da > db : doc_a < doc_b;
  });
  order->entries.reserve(positions.size());
  for (const auto position : positions)
    order->entries.push_back({postings.list[position].doc, postings.weights[position]});
  impl.order_builds.fetch_add(1, std::memory_order_relaxed);
  postings.order = order;
  return order;
}

// The one included group that alone scores every result (exclusions aside);
// null otherwise.
const SearchIndex::Impl::PostingList* sole_group(const std::vector<GroupPostings>& groups) {
  const SearchIndex::Impl::PostingList* sole = nullptr;
  for (const auto& group : groups) {
    if (group.excluded) continue;
    if (sole != nullptr) return nullptr;
    sole = group.postings.get();
  }
  return sole;
}

// True when `a` ranks before `b`: by score, then newest, then docid.
bool ranks_before(const Candidate& a, const Candidate& b) {
  if (a.score != b.score) return a.score > b.score;
  if (a.date != b.date) return a.date > b.date;
  return a.doc < b.doc;
}

// Adds `c` to `top`, a heap by `before` of at most `keep` candidates whose
// front is the worst kept (std::push_heap with `before`): O(log keep) a call.
template <typename Before>
void keep_best(std::vector<Candidate>& top, const Candidate& c, std::size_t keep, Before before) {
  if (top.size() == keep) {
    if (!before(c, top.front())) return;
    std::pop_heap(top.begin(), top.end(), before);
    top.back() = c;
  } else {
    top.push_back(c);
  }
  std::push_heap(top.begin(), top.end(), before);
}

// The documents a reading has met, by docid: one bit each, and the words a
// reading set, so a new reading clears only those. One per thread
// (thread_local), reused by each of its searches: it holds one bit per docid of
// the largest index the thread searched.
class Meetings {
 public:
  // Starts a reading of documents up to `max_doc`.
  void start(Xapian::docid max_doc) {
    for (const auto word : touched_) bits_[word] = 0;
    touched_.clear();
    const std::size_t words = std::size_t{max_doc} / 64 + 1;
    if (bits_.size() < words) bits_.resize(words, 0);
  }
  // True the first time this reading meets `d`. Requires: d <= start's max_doc.
  bool first(Xapian::docid d) {
    const std::size_t word = d / 64;
    const std::uint64_t bit = std::uint64_t{1} << (d % 64);
    if (bits_[word] & bit) return false;
    if (bits_[word] == 0) touched_.push_back(static_cast<std::uint32_t>(word));
    bits_[word] |= bit;
    return true;
  }

 private:
  std::vector<std::uint64_t> bits_;
  std::vector<std::uint32_t> touched_;  // words of bits_ this reading set
};

// How many reads ahead the rankings ask for the weights they will need (by
// docid, in the groups' lists).
constexpr std::size_t prefetch_distance = 8;

// One included group's list as the threshold ranking reads it.
struct ThresholdCursor {
  const SearchIndex::Impl::PostingList* postings;
  std::shared_ptr<const SearchIndex::Impl::PostingList::Order> order;
  std::shared_ptr<const std::vector<float>> by_doc;  // weights_by_doc, or null
};

// The score of `d`, met with `weight` in cursor `met`'s order (no search
// there), adding the groups in the order of `cursors` (plan order, as score()
// does).
float full_score(const std::vector<ThresholdCursor>& cursors, Xapian::docid d,
                 const ThresholdCursor& met, float weight) {
  float s = 0.0f;
  for (const auto& c : cursors) {
    if (&c == &met) {
      s += weight;
      continue;
    }
    // Read by docid (0 without a posting, as score() does), or one block of
    // the list searched (PostingList::find), not all of it.
    if (c.by_doc) {
      if (d < c.by_doc->size()) s += (*c.by_doc)[d];
      continue;
    }
    if (const auto p = c.postings->find(d); p >= 0)
      s += c.postings->weights[static_cast<std::size_t>(p)];
  }
  return s;
}

// The first `end` results by score by the threshold algorithm: the included
// groups' weight orders are read side by side, each result met is scored in
// full (adding the groups in plan order, as score() does, so the sums are the
// same floats), and the reading stops when the last kept result scores more
// than any document not yet met can (the sum of the weights at which each
// order stands). Ties with that bound go on reading, so the page equals a full
// ranking. Gives up (false) when the results are few (scoring them all is
// cheaper), the reading passes a quarter of their number or is expected to
// (before any order is built), or a group's order is stale (weight_order).
// Requires: impl.facet_mutex held; the groups weighed alike (plan_postings);
// `result_bits` filled from `results`.
bool rank_by_threshold(SearchIndex::Impl& impl, const std::vector<GroupPostings>& groups,
                       const Roaring& results, const ResultBits& result_bits, std::size_t end,
                       std::vector<Xapian::docid>& ranked) {
  // Reading an order finds results at the rate they make up of it: when they
  // are few, scoring them all is cheaper; when many, a quarter of them is
  // more than the reading needs unless scores tie at the page's end.
  std::size_t budget = results.cardinality() / 4;
  if (search_strategy.load(std::memory_order_relaxed) == SearchStrategy::fast)
    budget = std::numeric_limits<std::size_t>::max();
  else if (results.cardinality() < 4096)
    return false;
  std::vector<ThresholdCursor> cursors;
  for (const auto& group : groups)
    if (!group.excluded) cursors.push_back({group.postings.get(), nullptr, nullptr});
  if (cursors.empty()) return false;
  // Each order holds results at the rate |results| / |list|: finding `end` of
  // them reads about end * |list| / |results| of it, in every order.
  const double count = static_cast<double>(results.cardinality());
  double expected = 0;
  for (const auto& c : cursors)
    expected += static_cast<double>(end) * static_cast<double>(c.postings->size()) / count;
  if (end > budget || expected > static_cast<double>(budget)) return false;
  for (auto& c : cursors) {
    if (!(c.order = weight_order(impl, *c.postings))) return false;
    c.by_doc = weights_by_doc(*c.postings);
  }
  const auto before = ranks_before;
  // Owned by the thread, reused by its next search: no allocation once warm.
  thread_local std::vector<Candidate> top;
  thread_local Meetings seen;
  top.clear();
  seen.start(results.maximum());
  std::size_t reads = 0;
  for (std::size_t depth = 0;; ++depth) {
    bool any = false;
    double bound = 0;
    for (const auto& c : cursors) {
      const auto& entries = c.order->entries;
      if (depth >= entries.size()) continue;
      any = true;
      const auto d = entries[depth].doc;
      if (++reads > budget) return false;
      // The other lists' weights of a document met a few reads on are asked
      // for now: read by docid, they lie anywhere in memory.
      if (depth + prefetch_distance < entries.size()) {
        const auto ahead = entries[depth + prefetch_distance].doc;
        for (const auto& other : cursors)
          if (&other != &c && other.by_doc && ahead < other.by_doc->size())
            __builtin_prefetch(other.by_doc->data() + ahead);
      }
      if (result_bits.contains(d) && seen.first(d))
        keep_best(top, {full_score(cursors, d, c, entries[depth].weight), d, date_of(impl, d)}, end,
                  before);
      if (depth + 1 < entries.size()) bound += entries[depth + 1].weight;
    }
    if (!any) break;
    // A float sum of a few weights is within a millionth of the exact one.
    if (top.size() == end && top.front().score > bound * (1 + 1e-5) + 1e-6) break;
  }
  std::sort_heap(top.begin(), top.end(), before);  // best first
  for (const auto& c : top) ranked.push_back(c.doc);
  return true;
}

// The first `end` of `docs` (the results, ascending) by score, then newest,
// then docid; false, with `ranked` untouched, when the tests force the plain
// way. Each result is scored in one pass, adding its groups in plan order
// (the floats score() adds: a dense list's weight read by docid, another
// list's found by a cursor that only moves forward), and kept in a heap of
// the best `end`. No candidate is written per result, a date is read only
// for a result that enters the heap, and nothing is sorted but the page.
// Requires: impl.facet_mutex held; the groups weighed alike; `end` > 0.
bool rank_by_scores(const SearchIndex::Impl& impl, const std::vector<GroupPostings>& groups,
                    const std::vector<std::uint32_t>& docs, std::size_t end,
                    std::vector<Xapian::docid>& ranked) {
  if (forced_way() == false) return false;
  struct Reader {
    const SearchIndex::Impl::PostingList* postings;
    std::shared_ptr<const std::vector<float>> by_doc;  // weights_by_doc, or null
    PostingIt at;                                      // the cursor, without by_doc
    bool sparse;                                       // gallop rather than step
  };
  std::vector<Reader> readers;
  for (const auto& group : groups) {
    if (group.excluded) continue;
    const auto& postings = *group.postings;
    readers.push_back({&postings, weights_by_doc(postings), postings.list.begin(),
                       postings.list.size() > 8 * docs.size()});
  }
  if (readers.empty()) return false;
  const auto before = ranks_before;
  thread_local std::vector<Candidate> top;  // reused by the thread's next ranking
  top.clear();
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const auto d = docs[i];
    // Weights by docid of results a few on are asked for now: the results
    // are ascending but far apart, so each read would wait for memory.
    // Its date too: scores tie often, and a tie with the worst kept reads it.
    if (i + prefetch_distance < docs.size()) {
      const auto ahead = docs[i + prefetch_distance];
      for (const auto& r : readers)
        if (r.by_doc && ahead < r.by_doc->size()) __builtin_prefetch(r.by_doc->data() + ahead);
      if (ahead < impl.doc_dates.size()) __builtin_prefetch(impl.doc_dates.data() + ahead);
    }
    float s = 0.0f;
    for (auto& r : readers) {
      if (r.by_doc) {
        if (d < r.by_doc->size()) s += (*r.by_doc)[d];
        continue;
      }
      const auto& list = r.postings->list;
      if (r.sparse)
        r.at = gallop(r.at, list.end(), d);
      else
        while (r.at != list.end() && r.at->doc < d) ++r.at;
      if (r.at != list.end() && r.at->doc == d)
        s += r.postings->weights[static_cast<std::size_t>(r.at - list.begin())];
    }
    if (top.size() == end && s < top.front().score) continue;  // not even a tie with the worst
    keep_best(top, {s, d, date_of(impl, d)}, end, before);
  }
  std::sort_heap(top.begin(), top.end(), before);  // best first
  for (const auto& c : top) ranked.push_back(c.doc);
  return true;
}

}  // namespace

// The page's end of the results (up to offset + limit), in page order: by
// score (then newest), or newest first when `by_date`. Ties go to the lower
// docid, so the order is total. Either every result is scored and partially
// sorted, or, when cheaper and the order does not depend on more than one
// posting list, the page is the first results met in a precomputed order: by
// date, or by weight in the sole alternative (whose postings hold every result,
// so its order is the ranking). An order is used only when it is current for
// the dates (see date_order, weight_order); `gen` is the reader's revision.
// Requires: impl.facet_mutex held.
void rank_page(SearchIndex::Impl& impl, const std::vector<GroupPostings>& groups,
               const Roaring& results, bool by_date, const SearchQuery& q, std::uint64_t gen,
               std::vector<Xapian::docid>& ranked) {
  ranked.clear();
  const std::uint64_t count = results.cardinality();
  const std::size_t end = static_cast<std::size_t>(
      std::min<std::uint64_t>(count, static_cast<std::uint64_t>(std::max(0, q.offset)) +
                                         static_cast<std::uint64_t>(std::max(0, q.limit))));
  if (end == 0) return;
  // Owned by the thread, refilled by each ranking.
  thread_local ResultBits result_bits;
  result_bits.fill(results);
  if (by_date && order_is_cheaper(impl.doc_values.size(), count, end)) {
    if (const auto order = date_order(impl, gen)) {
      for (const auto d : order->docs)
        if (result_bits.contains(d)) {
          ranked.push_back(d);
          if (ranked.size() == end) return;
        }
      return;
    }
  }
  const bool included =
      std::any_of(groups.begin(), groups.end(), [](const GroupPostings& g) { return !g.excluded; });
  if (!included && !by_date) {
    // Only exclusions: every result scores 0, so newest first it is.
    rank_page(impl, groups, results, true, q, gen, ranked);
    return;
  }
  const auto* sole = by_date ? nullptr : sole_group(groups);
  if (sole == nullptr && !by_date && forced_way().value_or(true) &&
      rank_by_threshold(impl, groups, results, result_bits, end, ranked))
    return;
  ranked.clear();
  if (sole != nullptr && order_is_cheaper(sole->size(), count, end)) {
    if (const auto order = weight_order(impl, *sole)) {
      for (const auto& entry : order->entries) {
        const auto d = entry.doc;
        if (result_bits.contains(d)) {
          ranked.push_back(d);
          if (ranked.size() == end) return;
        }
      }
      return;
    }
  }
  // Reused by the thread's next search: the hot path allocates nothing once warm.
  thread_local std::vector<std::uint32_t> docs;
  thread_local std::vector<Candidate> candidates;
  docs.resize(count);
  results.toUint32Array(docs.data());
  if (!by_date && rank_by_scores(impl, groups, docs, end, ranked)) return;
  candidates.resize(docs.size());
  for (std::size_t i = 0; i < docs.size(); ++i)
    candidates[i] = {0.0f, docs[i], date_of(impl, docs[i])};
  if (!by_date) score(groups, candidates);
  auto before = [by_date](const Candidate& a, const Candidate& b) {
    if (!by_date && a.score != b.score) return a.score > b.score;
    if (a.date != b.date) return a.date > b.date;
    return a.doc < b.doc;
  };
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(end),
                    candidates.end(), before);
  for (std::size_t i = 0; i < end; ++i) ranked.push_back(candidates[i].doc);
}

}  // namespace schakel::search
