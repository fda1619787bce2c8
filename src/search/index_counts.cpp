// Facet counts: for each counted facet, the number of results per value, by
// the cheapest of the exact ways (see plan_counts and choose_pass).
#include "search/index_counts.hpp"

#include <algorithm>
#include <array>
#include <bit>

#include "search/index_dense.hpp"

namespace schakel::search {

std::atomic<std::uint64_t> row_passes{0};

namespace {

// The documents of `base` as an array, in `docs` (reused by the caller's
// thread: no allocation once warm).
void docs_of(const Roaring& base, std::vector<std::uint32_t>& docs) {
  docs.resize(base.cardinality());
  base.toUint32Array(docs.data());
}

// The number of documents of `docs` that have each value, by value id, from a
// walk over the documents and their values in the facet table: one pass
// counts every facet at once. Requires: impl.facet_mutex held.
void walk_counts(const SearchIndex::Impl& impl, const std::vector<std::uint32_t>& docs,
                 std::vector<std::uint32_t>& counts) {
  counts.assign(impl.values.size(), 0);
  for (const auto d : docs)
    for (const auto v : impl.doc_values.get(d)) ++counts[v];
}

// The number of documents of `docs` that have each value of the facet of
// `column`, by code (see SearchIndex::Impl::FacetColumn; code 0 counts the
// documents without a value). Requires: impl.facet_mutex held; column.single.
void column_counts(const SearchIndex::Impl::FacetColumn& column, std::size_t values,
                   const std::vector<std::uint32_t>& docs, std::vector<std::uint32_t>& counts) {
  counts.assign(values + 1, 0);
  const auto* codes = column.codes.data();
  const std::size_t size = column.codes.size();
  for (const auto d : docs)
    if (d < size) ++counts[codes[d]];
}

// How a facet's values are counted over a base set of documents: an
// intersection of the base with each value's bitmap, a walk over the base's
// documents in the facet table (shared by every facet counted so), or a pass
// over the facet's column of codes.
enum class CountWay { bitmaps, walk, column };

// The ways to count over `base` the facets `parts` for which `counted(f)` is
// true, into `ways` (by position in parts), by estimated cost. A walk reads
// every value of each document of `base` (a cache line per document); a
// column pass reads 2 bytes per document. When `base` is dense, an
// intersection tests the value's documents against its bits, or ANDs two
// bitsets (1,024 words per 65,536 documents) and counts their bits, a word
// at a time by a library call (Debian's CRoaring 0.2 is built without the
// popcount instruction): about 4 a word. When
// `base` is sparse, an intersection merges two sorted arrays: both sizes, for
// every value. The tests force each way (SearchStrategy).
// Requires: impl.facet_mutex held.
template <typename Counted>
std::uint64_t plan_counts(const SearchIndex::Impl& impl,
                          const std::vector<std::string>& facet_names,
                          const std::vector<FacetPart>& parts, Counted counted, const Roaring& base,
                          std::vector<CountWay>& ways) {
  ways.assign(parts.size(), CountWay::bitmaps);
  const auto strategy = search_strategy.load(std::memory_order_relaxed);
  const std::uint64_t size = base.cardinality();
  if (strategy == SearchStrategy::plain || strategy == SearchStrategy::rows || size == 0) return 0;
  if (strategy == SearchStrategy::fast || strategy == SearchStrategy::columns) {
    for (std::size_t f = 0; f < parts.size(); ++f)
      if (counted(f))
        ways[f] = strategy == SearchStrategy::fast  ? CountWay::walk
                  : column_of(impl, facet_names[f]) ? CountWay::column
                                                    : CountWay::bitmaps;
    return 0;
  }
  const std::uint64_t chunks = (base.maximum() >> 16) - (base.minimum() >> 16) + 1;
  const bool dense = size > 4096 * chunks;
  // The facet table holds at most FacetTable::stride - 1 values per document
  // inline; a walk touches one cache line per document.
  const std::uint64_t walk = size * FacetTable::stride;
  const std::uint64_t column = size * 2;
  std::uint64_t best = 0;
  for (std::size_t f = 0; f < parts.size(); ++f) {
    if (!counted(f) || parts[f].ids == nullptr) continue;
    const bool has_column = column_of(impl, facet_names[f]) != nullptr;
    const std::uint64_t cheapest = has_column ? std::min(column, walk) : walk;
    std::uint64_t bitmaps = 0;
    for (const auto v : *parts[f].ids) {
      const std::uint64_t n = impl.value_docs[v].cardinality();
      bitmaps += dense ? (n >= 4096 * chunks ? 4096 * chunks : n) : n + size;
      if (bitmaps > cheapest) break;  // enough to know
    }
    if (has_column && column < bitmaps) {
      ways[f] = CountWay::column;
      best += column;
    } else {
      best += bitmaps;
    }
  }
  if (walk < best) {
    for (std::size_t f = 0; f < parts.size(); ++f)
      if (counted(f)) ways[f] = CountWay::walk;
    return walk;
  }
  return best;
}

// An involved facet as the pass over rows reads it: by its slot in the rows
// when it has one (slot.width > 0), else by its column of codes.
struct RowFacet {
  bool counted = false;
  bool selected = false;
  FacetRows::Slot slot;
  std::uint64_t mask = 0;    // the slot's bits
  std::uint64_t chosen = 0;  // the selected values' bits
  const std::uint16_t* codes = nullptr;
  std::size_t codes_size = 0;
  std::vector<char> chosen_codes;  // by code: selected
  std::size_t offset = 0;          // of its counts by code in RowCounts::by_code
};

// What one pass over rows counted: by bit of a row (word × 64 + bit), and by
// code of each facet counted by codes (from its RowFacet::offset).
struct RowCounts {
  std::vector<RowFacet> facets;           // by position in parts
  std::vector<std::size_t> checked;       // positions of the selected facets
  std::vector<std::size_t> by_codes;      // positions of the counted facets read by codes
  std::vector<std::uint64_t> count_mask;  // by word: the bits of the counted facets
  // The bytes of the rows holding counted bits, each as word × 8 + byte.
  std::vector<std::uint32_t> lanes;
  std::vector<unsigned char> lane_masks;  // by lane: its counted bits
  std::vector<std::uint32_t> by_bit;
  std::vector<std::uint32_t> by_code;
  // The count of the value at position i of facet f's ids.
  std::uint32_t count(std::size_t f, std::size_t i) const {
    const auto& facet = facets[f];
    return facet.slot.width > 0 ? by_bit[facet.slot.word * 64 + facet.slot.shift + i]
                                : by_code[facet.offset + i + 1];
  }
};

// Prepares `out` for counting the facets `parts` (counted: `counted[f]`) in
// one pass over rows. False when that cannot be: a counted or selected facet
// has neither a slot nor a column of codes, a selected facet has no values at
// all, or a facet is listed twice. Requires: impl.facet_mutex held.
bool prepare_rows(const SearchIndex::Impl& impl, const std::vector<std::string>& facet_names,
                  const std::vector<FacetPart>& parts, const std::vector<char>& counted,
                  RowCounts& out) {
  out.facets.assign(parts.size(), RowFacet{});
  out.checked.clear();
  out.by_codes.clear();
  out.count_mask.assign(impl.rows.words(), 0);
  std::size_t codes = 0;
  for (std::size_t f = 0; f < parts.size(); ++f) {
    const auto& part = parts[f];
    auto& facet = out.facets[f];
    facet.counted = counted[f] != 0 && part.ids != nullptr;
    facet.selected = part.has_selection;
    if (!facet.counted && !facet.selected) continue;
    if (part.ids == nullptr) return false;  // selected, and no document has it
    if (std::find(facet_names.begin(), facet_names.end(), facet_names[f]) !=
        facet_names.begin() + static_cast<std::ptrdiff_t>(f))
      return false;  // listed twice
    facet.slot = impl.rows.slot(facet_names[f]);
    if (facet.slot.width > 0) {
      facet.mask = facet.slot.mask();
      for (std::size_t i = 0; i < part.ids->size(); ++i)
        if (part.selected[i]) facet.chosen |= std::uint64_t{1} << (facet.slot.shift + i);
      if (facet.counted) out.count_mask[facet.slot.word] |= facet.mask;
    } else {
      const auto* column = column_of(impl, facet_names[f]);
      if (column == nullptr) return false;
      facet.codes = column->codes.data();
      facet.codes_size = column->codes.size();
      facet.chosen_codes.assign(part.ids->size() + 1, 0);
      for (std::size_t i = 0; i < part.ids->size(); ++i)
        facet.chosen_codes[i + 1] = part.selected[i];
      facet.offset = codes;
      codes += part.ids->size() + 1;
      if (facet.counted) out.by_codes.push_back(f);
    }
    if (facet.selected) out.checked.push_back(f);
  }
  out.lanes.clear();
  out.lane_masks.clear();
  for (std::size_t w = 0; w < out.count_mask.size(); ++w)
    for (std::uint32_t b = 0; b < 8; ++b)
      if (const auto bits = (out.count_mask[w] >> (8 * b)) & 0xFF; bits != 0) {
        out.lanes.push_back(static_cast<std::uint32_t>(w * 8 + b));
        out.lane_masks.push_back(static_cast<unsigned char>(bits));
      }
  out.by_bit.assign(impl.rows.words() * 64, 0);
  out.by_code.assign(codes, 0);
  return true;
}

// Adds the bits of `bits` to `by_bit` (the counts of word `word`'s bits).
inline void add_bits(std::uint64_t bits, std::size_t word, std::uint32_t* by_bit) {
  while (bits != 0) {
    ++by_bit[word * 64 + static_cast<std::size_t>(std::countr_zero(bits))];
    bits &= bits - 1;
  }
}

// By byte value: a word whose byte i is bit i of the value, so that adding
// spread[x] to a word of eight byte counters counts the bits of x by position.
constexpr auto spread = [] {
  std::array<std::uint64_t, 256> out{};
  for (std::size_t x = 0; x < 256; ++x)
    for (std::size_t i = 0; i < 8; ++i)
      if ((x >> i) & 1) out[x] |= std::uint64_t{1} << (8 * i);
  return out;
}();

// Counts, in one pass over `base` (the matches: the documents meeting every
// selection but perhaps one), every counted facet f over the documents of
// `base` that meet every selected facet other than f: a document meeting all
// selections counts in every facet, one failing exactly one selected facet g
// counts in g alone, one failing two counts nowhere.
// Requires: impl.facet_mutex held; prepare_rows(...) gave true for `out`.
void count_rows(const SearchIndex::Impl& impl, const Roaring& base, RowCounts& out) {
  const auto& rows = impl.rows;
  const std::size_t held = rows.docs();
  auto* by_bit = out.by_bit.data();
  auto* by_code = out.by_code.data();
  const auto code_of = [](const RowFacet& facet, std::uint32_t d) -> std::size_t {
    return d < facet.codes_size ? facet.codes[d] : 0;
  };
  // The documents meeting every selection count every counted bit without a
  // branch per bit: each counted byte of their rows adds its spread to a word
  // of eight byte counters (by lane), emptied into by_bit before a byte
  // counter could pass 255.
  const std::size_t lanes = out.lanes.size();
  const auto* lane = out.lanes.data();
  const auto* lane_mask = out.lane_masks.data();
  // A row's byte w × 8 + b holds bits 8b .. 8b + 7 of its word w.
  static_assert(std::endian::native == std::endian::little);
  thread_local std::vector<std::uint64_t> counters;
  counters.assign(lanes, 0);
  auto* acc = counters.data();
  std::uint32_t pending = 0;
  const auto flush = [&] {
    for (std::size_t l = 0; l < lanes; ++l) {
      for (std::size_t i = 0; i < 8; ++i)
        by_bit[lane[l] * 8 + i] += static_cast<std::uint32_t>((acc[l] >> (8 * i)) & 0xFF);
      acc[l] = 0;
    }
    pending = 0;
  };

  constexpr std::uint32_t batch = 256;
  std::uint32_t docs[batch];
  roaring_uint32_iterator_t it;
  roaring_init_iterator(&base.roaring, &it);
  for (;;) {
    const std::uint32_t n = roaring_read_uint32_iterator(&it, docs, batch);
    if (n == 0) break;
    for (std::uint32_t k = 0; k < n; ++k) {
      const std::uint32_t d = docs[k];
      if (d >= held) continue;  // no values: meets no selection, counts in no facet
      const std::uint64_t* row = rows.row(d);
      const RowFacet* failed = nullptr;
      bool twice = false;
      for (const auto f : out.checked) {
        const auto& facet = out.facets[f];
        const bool meets = facet.slot.width > 0 ? (row[facet.slot.word] & facet.chosen) != 0
                                                : facet.chosen_codes[code_of(facet, d)] != 0;
        if (meets) continue;
        if (failed != nullptr) {
          twice = true;
          break;
        }
        failed = &facet;
      }
      if (twice) continue;
      if (failed == nullptr) {
        const auto* row_bytes = reinterpret_cast<const unsigned char*>(row);
        for (std::size_t l = 0; l < lanes; ++l) acc[l] += spread[row_bytes[lane[l]] & lane_mask[l]];
        if (++pending == 255) flush();
        for (const auto f : out.by_codes) {
          const auto& facet = out.facets[f];
          ++by_code[facet.offset + code_of(facet, d)];
        }
      } else if (failed->counted) {
        if (failed->slot.width > 0)
          add_bits(row[failed->slot.word] & failed->mask, failed->slot.word, by_bit);
        else
          ++by_code[failed->offset + code_of(*failed, d)];
      }
    }
  }
  flush();
}

// The estimated cost of count_rows over `base`, in plan_counts' units (a
// walk: 16 a document): per document its counted bytes and codes, and a test
// per selected facet. Measured on the bench's 100,000 documents (2 words a
// row, one facet by codes): about 15 ns a document against a walk's 30 to
// 100; dense intersections stay cheaper from some 20,000 documents on.
std::uint64_t row_cost(const SearchIndex::Impl& impl, const Roaring& base, const RowCounts& rows) {
  return base.cardinality() *
         (4 + 2 * impl.rows.words() + rows.by_codes.size() + 2 * rows.checked.size());
}

// A value of a facet as counted, before its list is ordered.
struct Counted {
  std::uint32_t id;
  int count;
  bool selected;
};

// Orders the counted values `counted` of facet `name` into `list`: values
// selected but never indexed show too, with 0; the most frequent first, then
// by value. With a limit (SearchQuery::facet_limit > 0) only the `limit` first
// unselected values and every selected one are kept, in that same order; the
// values of the others are never copied. Requires: impl.facet_mutex held.
void finish_list(const SearchIndex::Impl& impl, const SearchQuery& q, const std::string& name,
                 const std::vector<Counted>& counted, std::vector<FacetCount>& list) {
  thread_local std::vector<const std::string*> unindexed;  // selected, had by no document
  unindexed.clear();
  auto sel = q.filters.find(name);
  if (sel != q.filters.end())
    for (const auto& value : sel->second)
      if (std::none_of(counted.begin(), counted.end(),
                       [&](const Counted& c) { return impl.values[c.id].second == value; }))
        unindexed.push_back(&value);
  // Position `at` is counted[at], or unindexed[at - counted.size()].
  const auto value_at = [&](std::uint32_t at) -> const std::string& {
    return at < counted.size() ? impl.values[counted[at].id].second
                               : *unindexed[at - counted.size()];
  };
  // Each value is listed once, so the order is total. Sorted as small keys
  // (count, first 8 bytes big-endian, position), the values compared whole
  // only when those bytes tie: 300 municipalities are ordered on every search.
  struct Key {
    int count;
    std::uint64_t prefix;
    std::uint32_t at;
    bool selected;
  };
  thread_local std::vector<Key> keys, chosen;  // unselected, selected
  keys.clear();
  chosen.clear();
  const std::size_t total = counted.size() + unindexed.size();
  for (std::uint32_t at = 0; at < total; ++at) {
    const std::string& value = value_at(at);
    std::uint64_t prefix = 0;
    for (std::size_t i = 0; i < 8; ++i)
      prefix = prefix << 8 | (i < value.size() ? static_cast<unsigned char>(value[i]) : 0u);
    const bool selected = at >= counted.size() || counted[at].selected;
    (selected ? chosen : keys)
        .push_back({at < counted.size() ? counted[at].count : 0, prefix, at, selected});
  }
  const auto before = [&](const Key& a, const Key& b) {
    if (a.count != b.count) return a.count > b.count;
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    return value_at(a.at) < value_at(b.at);
  };
  // The unselected values: all of them ordered, or only the first `limit`.
  const std::size_t limit = q.facet_limit;
  if (limit > 0 && keys.size() > limit) {
    std::partial_sort(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(limit), keys.end(),
                      before);
    keys.resize(limit);
  } else {
    std::sort(keys.begin(), keys.end(), before);
  }
  std::sort(chosen.begin(), chosen.end(), before);
  const auto unselected = static_cast<std::ptrdiff_t>(keys.size());
  keys.insert(keys.end(), chosen.begin(), chosen.end());
  std::inplace_merge(keys.begin(), keys.begin() + unselected, keys.end(), before);
  for (const auto& key : keys) list.push_back({value_at(key.at), key.count, key.selected});
}

}  // namespace

const SearchIndex::Impl::FacetColumn* column_of(const SearchIndex::Impl& impl,
                                                const std::string& facet) {
  auto it = impl.columns.find(facet);
  return it != impl.columns.end() && it->second.single ? &it->second : nullptr;
}

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

namespace {

// How the counts of a facet without a selection are read: its planned way, and
// the docs and walk of `results` that count_facets made for all such facets.
struct SharedWay {
  CountWay way;
  const std::vector<std::uint32_t>* docs;
  const std::vector<std::uint32_t>* walk;  // by value id
};

// Appends to `out` the counts of facet f's values (those counted, or
// selected) by the way planned for it: `shared` for a facet without a
// selection; a selected facet is planned again over its own base, the matches
// meeting every other selection (OR within a facet), using `own_ways`.
// Requires: impl.facet_mutex held.
void count_by_ways(const SearchIndex::Impl& impl, const std::vector<std::string>& facet_names,
                   const std::vector<FacetPart>& parts, std::size_t f, const Roaring& matched,
                   const Roaring& results, const SharedWay& shared, std::vector<CountWay>& own_ways,
                   std::vector<Counted>& out) {
  // Owned by the thread, reused by its next search: no allocation once warm.
  thread_local std::vector<std::uint32_t> own_docs;
  thread_local std::vector<std::uint32_t> own_walk;  // by value id
  thread_local std::vector<std::uint32_t> by_code;
  const auto& part = parts[f];
  Roaring own;
  CountWay way = shared.way;
  const std::vector<std::uint32_t>* docs = shared.docs;
  const std::vector<std::uint32_t>* walk = shared.walk;
  if (part.has_selection) {
    own = meeting_selections(matched, parts, f);
    plan_counts(
        impl, facet_names, parts, [f](std::size_t g) { return g == f; }, own, own_ways);
    way = own_ways[f];
    if (way != CountWay::bitmaps) docs_of(own, own_docs);
    docs = &own_docs;
    if (way == CountWay::walk) walk_counts(impl, own_docs, own_walk);
    walk = &own_walk;
  }
  const Roaring& base = part.has_selection ? own : results;
  if (way == CountWay::column)
    column_counts(*column_of(impl, facet_names[f]), part.ids->size(), *docs, by_code);
  for (std::size_t i = 0; i < part.ids->size(); ++i) {
    const auto v = (*part.ids)[i];
    std::uint64_t count = 0;
    switch (way) {
      case CountWay::bitmaps:
        count = impl.value_docs[v].and_cardinality(base);
        break;
      case CountWay::walk:
        count = (*walk)[v];
        break;
      case CountWay::column:
        count = by_code[i + 1];
        break;
    }
    if (count > 0 || part.selected[i])
      out.push_back({v, static_cast<int>(count), part.selected[i] != 0});
  }
}

// How count_facets counts: by the planned ways per facet, by one pass over
// the rows, or by bitsets.
enum class Pass { ways, rows, dense };

// The pass that counts `parts` by the forced strategy, or the cheapest by
// estimate; prepares `row_counts` when rows may count, and plans
// `shared_ways` for the facets without a selection when the ways may.
// Requires: impl.facet_mutex held.
Pass choose_pass(const SearchIndex::Impl& impl, const std::vector<std::string>& facet_names,
                 const std::vector<FacetPart>& parts, const std::vector<char>& counted,
                 const Roaring& matched, const Roaring& results, RowCounts& row_counts,
                 std::vector<CountWay>& shared_ways) {
  thread_local std::vector<CountWay> own_ways;
  const auto strategy = search_strategy.load(std::memory_order_relaxed);
  const bool selections =
      std::any_of(parts.begin(), parts.end(), [](const FacetPart& p) { return p.has_selection; });
  const bool may_choose = strategy == SearchStrategy::choose || strategy == SearchStrategy::dense;
  const bool dense_ok = may_choose && dense_ready(impl, facet_names, parts, counted);
  if (strategy == SearchStrategy::dense && dense_ok) return Pass::dense;
  const Roaring& row_base = selections ? matched : results;
  const bool rows_ok = (strategy == SearchStrategy::rows || may_choose) && !row_base.isEmpty() &&
                       prepare_rows(impl, facet_names, parts, counted, row_counts);
  if (strategy == SearchStrategy::rows && rows_ok) return Pass::rows;
  std::uint64_t cost = plan_counts(
      impl, facet_names, parts, [&](std::size_t f) { return !parts[f].has_selection; }, results,
      shared_ways);
  if (!may_choose) return Pass::ways;
  // A selected facet's own base lies between `results` and `matched`:
  // estimated at `matched`, plus the intersections that make it.
  const std::uint64_t selected =
      std::count_if(parts.begin(), parts.end(), [](const FacetPart& p) { return p.has_selection; });
  for (std::size_t f = 0; f < parts.size(); ++f)
    if (parts[f].has_selection && counted[f])
      cost +=
          plan_counts(
              impl, facet_names, parts, [f](std::size_t g) { return g == f; }, matched, own_ways) +
          selected * (matched.cardinality() / 64 + 64);
  Pass pass = Pass::ways;
  if (rows_ok && row_cost(impl, row_base, row_counts) < cost) {
    pass = Pass::rows;
    cost = row_cost(impl, row_base, row_counts);
  }
  if (dense_ok && dense_cost(impl, facet_names, parts, counted, matched, results) < cost)
    pass = Pass::dense;
  return pass;
}

}  // namespace

// The counted facets' values into `facets` (see SearchOutcome::facets): for a
// value of facet f, the number of matches that have it and meet every selected
// facet other than f. `results` is `matched` meeting every selection.
// Requires: impl.facet_mutex held.
void count_facets(const SearchIndex::Impl& impl, const SearchQuery& q,
                  const std::vector<std::string>& facet_names, const std::vector<FacetPart>& parts,
                  const Roaring& matched, const Roaring& results,
                  std::map<std::string, std::vector<FacetCount>>& facets) {
  // Either one pass over the rows of bits, or one count by bitsets, counts
  // every facet, selected ones too (over `matched` when something is
  // selected); or the counts of every facet without a selection share one
  // base (`results`): by one walk over it, by a pass over a facet's column,
  // or by intersections per value, and each selected facet is counted so over
  // its own base; whichever is cheaper. Reused by the thread's next search
  // (the thread owns them): no allocation once warm.
  thread_local std::vector<std::uint32_t> shared_docs;
  thread_local std::vector<std::uint32_t> shared_walk;  // by value id
  thread_local std::vector<CountWay> shared_ways;
  thread_local std::vector<CountWay> own_ways;
  thread_local std::vector<char> counted;
  thread_local RowCounts row_counts;
  thread_local DenseCounts dense_counts;
  thread_local std::vector<Counted> values;  // one facet's, before its list is ordered
  counted.assign(parts.size(), 0);
  bool selections = false;
  for (std::size_t f = 0; f < parts.size(); ++f) {
    counted[f] = std::find(q.facet_names.begin(), q.facet_names.end(), facet_names[f]) !=
                 q.facet_names.end();
    selections = selections || parts[f].has_selection;
  }
  const Pass pass =
      choose_pass(impl, facet_names, parts, counted, matched, results, row_counts, shared_ways);
  if (pass == Pass::dense) {
    count_dense(impl, facet_names, parts, counted, matched, dense_counts);
    dense_passes.fetch_add(1, std::memory_order_relaxed);
  } else if (pass == Pass::rows) {
    count_rows(impl, selections ? matched : results, row_counts);
    row_passes.fetch_add(1, std::memory_order_relaxed);
  } else {
    const bool shared_by_array = std::any_of(shared_ways.begin(), shared_ways.end(),
                                             [](CountWay w) { return w != CountWay::bitmaps; });
    if (shared_by_array) docs_of(results, shared_docs);
    // The walk counts every facet at once: once for all that share the base.
    if (std::find(shared_ways.begin(), shared_ways.end(), CountWay::walk) != shared_ways.end())
      walk_counts(impl, shared_docs, shared_walk);
  }
  for (std::size_t f = 0; f < facet_names.size(); ++f) {
    const auto& name = facet_names[f];
    if (!counted[f]) continue;
    if (std::find(facet_names.begin(), facet_names.begin() + static_cast<std::ptrdiff_t>(f),
                  name) != facet_names.begin() + static_cast<std::ptrdiff_t>(f))
      continue;  // listed twice
    const auto& part = parts[f];
    values.clear();
    if (part.ids != nullptr && pass != Pass::ways) {
      for (std::size_t i = 0; i < part.ids->size(); ++i) {
        const auto count =
            pass == Pass::dense ? dense_counts.by_facet[f][i] : row_counts.count(f, i);
        if (count > 0 || part.selected[i])
          values.push_back({(*part.ids)[i], static_cast<int>(count), part.selected[i] != 0});
      }
    } else if (part.ids != nullptr) {
      count_by_ways(impl, facet_names, parts, f, matched, results,
                    {shared_ways[f], &shared_docs, &shared_walk}, own_ways, values);
    }
    finish_list(impl, q, name, values, facets[name]);
  }
}

}  // namespace schakel::search
