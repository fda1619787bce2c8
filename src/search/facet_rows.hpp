#pragma once
// Every document's values of the small facets (at most 64 values each) as
// bits of one short row of 64-bit words, so that counting all facets of a
// result set, with or without selections, is one pass over the results that
// reads a few words per document (see count_rows in index_counts.cpp); and
// the same bits by value, as one plain bitset over the docids per row bit, so
// that counting a value over a large result set is an AND and a popcount of
// two bitsets (see index_dense.cpp).
// Internal to the search index; kept by SearchIndex::Impl beside its facet
// table, under its facet_mutex.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace schakel::search {

class FacetRows {
 public:
  // No bit: the value's facet has more than 64 values.
  static constexpr std::uint32_t no_bit = 0xFFFFFFFF;
  // Where a facet's bits are: bits [shift, shift + width) of word `word`;
  // the value at position p of the facet's ids is bit shift + p. width 0: no
  // slot (more than 64 values).
  struct Slot {
    std::uint32_t word = 0;
    std::uint32_t shift = 0;
    std::uint32_t width = 0;
    // The slot's bits in its word.
    std::uint64_t mask() const {
      return width == 0
                 ? 0
                 : (width == 64 ? ~std::uint64_t{0} : ((std::uint64_t{1} << width) - 1)) << shift;
    }
  };

  // Words per row (at least 1).
  std::size_t words() const { return words_; }
  // Rows held (documents 0 .. docs() - 1).
  std::size_t docs() const { return rows_.size() / words_; }
  // Document d's row (words() words). Requires: d < docs().
  const std::uint64_t* row(std::uint32_t d) const { return rows_.data() + d * words_; }
  // The slot of `facet` (width 0 when it has none).
  Slot slot(const std::string& facet) const {
    auto it = slots_.find(facet);
    return it == slots_.end() ? Slot{} : it->second;
  }
  // The documents having row bit `bit` (word × 64 + bit), as bitset words by
  // docid (bit d % 64 of word d / 64); words past its end are 0.
  // Requires: bit < words() * 64.
  std::span<const std::uint64_t> column(std::uint32_t bit) const { return columns_[bit]; }
  // The bit of value id `v` in a row (word × 64 + bit), or no_bit.
  std::uint32_t bit_of(std::uint32_t v) const { return v < bits_.size() ? bits_[v] : no_bit; }
  // How many layouts were made (for tests: a facet growing past its slot
  // lays out anew).
  std::uint64_t layouts() const { return layouts_; }

  // Takes in the new value `v`, at position `position` of facet `facet`'s
  // ids. When it does not fit the facet's slot, lays every facet out anew
  // from `facets` (by name: value ids by position) and rebuilds every row
  // from `table` (by docid: the document's value ids).
  template <typename Table>
  void add_value(const std::unordered_map<std::string, std::vector<std::uint32_t>>& facets,
                 const std::string& facet, std::uint32_t v, std::size_t position,
                 const Table& table) {
    if (bits_.size() <= v) bits_.resize(v + 1, no_bit);
    auto it = slots_.find(facet);
    if (it == slots_.end() && position > 64) return;  // had no slot either
    if (it != slots_.end() && position < it->second.width) {
      bits_[v] = it->second.word * 64 + it->second.shift + static_cast<std::uint32_t>(position);
      return;
    }
    lay_out(facets);
    rows_.assign(table.size() * words_, 0);
    columns_.assign(words_ * 64, {});
    for (std::size_t d = 0; d < table.size(); ++d)
      for (const auto id : table.get(static_cast<std::uint32_t>(d))) put_bit(d, id);
  }
  // Gives document `d` exactly the values `ids` (value ids taken in).
  void set(std::uint32_t d, std::span<const std::uint32_t> ids) {
    if (docs() <= d) rows_.resize((std::size_t{d} + 1) * words_, 0);
    erase(d);
    for (const auto id : ids) put_bit(d, id);
  }
  // Document `d` has no values.
  void erase(std::uint32_t d) {
    if (d >= docs()) return;
    for (std::size_t w = 0; w < words_; ++w) {
      auto& word = rows_[d * words_ + w];
      for (auto bits = word; bits != 0; bits &= bits - 1)
        columns_[w * 64 + static_cast<std::size_t>(std::countr_zero(bits))][d / 64] &=
            ~(std::uint64_t{1} << (d % 64));
      word = 0;
    }
  }
  // No document has values (the layout stays: value ids do).
  void clear() {
    rows_.clear();
    for (auto& column : columns_) column.clear();
  }

 private:
  void put_bit(std::size_t d, std::uint32_t id) {
    const auto bit = bit_of(id);
    if (bit == no_bit) return;
    rows_[d * words_ + bit / 64] |= std::uint64_t{1} << (bit % 64);
    auto& column = columns_[bit];
    if (column.size() <= d / 64) column.resize(d / 64 + 1, 0);
    column[d / 64] |= std::uint64_t{1} << (d % 64);
  }
  // Slots for every facet of at most 64 values, each as wide as the next
  // power of two of its values (at least 4, so a facet grows a few times
  // before it is laid out again), widest first: widths being powers of two,
  // no slot straddles two words.
  void lay_out(const std::unordered_map<std::string, std::vector<std::uint32_t>>& facets) {
    ++layouts_;
    std::vector<std::pair<std::uint32_t, const std::string*>> order;
    for (const auto& [name, ids] : facets)
      if (ids.size() <= 64)
        order.emplace_back(
            std::max<std::uint32_t>(4, std::bit_ceil(static_cast<std::uint32_t>(ids.size()))),
            &name);
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : *a.second < *b.second;
    });
    slots_.clear();
    std::uint32_t offset = 0;
    for (const auto& [width, name] : order) {
      slots_[*name] = Slot{offset / 64, offset % 64, width};
      offset += width;
    }
    words_ = std::max<std::size_t>(1, (offset + 63) / 64);
    std::fill(bits_.begin(), bits_.end(), no_bit);
    for (const auto& [name, ids] : facets) {
      auto it = slots_.find(name);
      if (it == slots_.end()) continue;
      for (std::size_t p = 0; p < ids.size(); ++p) {
        if (bits_.size() <= ids[p]) bits_.resize(ids[p] + 1, no_bit);
        bits_[ids[p]] = it->second.word * 64 + it->second.shift + static_cast<std::uint32_t>(p);
      }
    }
  }

  std::size_t words_ = 1;
  std::vector<std::uint64_t> rows_;  // by docid: words_ words
  // By row bit: the documents having it, as bitset words by docid (the
  // transpose of rows_, as long as its last document with the bit needs).
  std::vector<std::vector<std::uint64_t>> columns_ = std::vector<std::vector<std::uint64_t>>(64);
  std::unordered_map<std::string, Slot> slots_;  // by facet name
  std::vector<std::uint32_t> bits_;              // by value id
  std::uint64_t layouts_ = 0;
};

}  // namespace schakel::search
